"""``encfix check``: list what ``fix`` would repair (and the damage it can only flag), like a linter."""
from __future__ import annotations

from typing import Iterator, List, Optional

import typer

from ..config import Config
from ..findings import Finding
from ..io import FileError, Input
from ..streaming import explain_chunks
from . import common
from .app import app

HELP = """Report what [bold]encfix fix[/bold] would repair, one line per finding, without changing anything.

Each line reads [bold]PATH:LINE:COL: KIND: OLD → NEW[/bold] (strings quoted, line breaks escaped). Damage that cannot be undone (锟斤拷, runs of U+FFFD) is reported as [bold]KIND: OLD (flagged: why)[/bold]. With [bold]--format json[/bold] the output is one JSON array of findings with every field: path, kind, start, end, line, column, old, new, reason. Large files and pipes are checked in bounded memory; lines and offsets stay those of the whole input.

[bold]Examples[/bold]

  [dim]# check a stream, a file, a folder[/dim]
  [cyan]printf '區(qū)域,,測試\\n' | encfix check[/cyan]
  [cyan]encfix check page.txt[/cyan]
  [cyan]encfix check -r corpus/ --format json > findings.json[/cyan]
  [dim]# in a script or CI: fail when something needs repair[/dim]
  [cyan]encfix check docs/*.md || echo "run encfix fix --in-place"[/cyan]

Exit status: 0 nothing to repair or flag; 1 something found; 2 an input could not be checked.
"""


@app.command("check", help=HELP)
@common.guarded
def check_command(
    paths: Optional[List[str]] = typer.Argument(None, metavar="PATH", help="Files (or folders with -r) to check; none or '-' reads standard input.", show_default=False),
    format: common.Format = typer.Option(common.Format.text, "-f", "--format", help="text: one line per finding; json: an array of findings with all fields."),
    recursive: bool = common.recursive_option(),
    encoding: Optional[str] = common.encoding_option(),
    convert: Optional[str] = common.convert_option(),
    to: Optional[str] = common.to_option(),
    no_mojibake: bool = common.NO_MOJIBAKE,
    no_ruby: bool = common.NO_RUBY,
    no_residue: bool = common.NO_RESIDUE,
    no_punctuation: bool = common.NO_PUNCTUATION,
) -> int:
    config = common.make_config(no_mojibake, no_ruby, no_residue, no_punctuation, convert, to)
    encoding = common.check_encoding(encoding)
    status = common.Status()
    out = common.stdout_bytes()
    array = common.JsonArray(out) if format == common.Format.json else None
    for path, walked in common.inputs(paths, recursive, status):
        name = common.display_name(path)
        try:
            for finding in _findings(path, walked, config, encoding):
                status.found = True
                if array is not None:
                    array.write({"path": name, **finding.to_dict()})
                else:
                    # surrogateescape: a file name with undecodable bytes is printed as those bytes
                    out.write((format_finding(name, finding) + "\n").encode("utf-8", "surrogateescape"))
        except common.Skipped as skipped:
            common.notice(str(skipped))
        except FileError as problem:
            status.fail(problem)
        out.flush()
    if array is not None:
        array.close()
    return status.code


def _findings(path: str, walked: bool, config: Config, encoding: Optional[str]) -> Iterator[Finding]:
    with Input(path) as inp:
        decoding = common.decode_input(inp, encoding, skip_binary=walked)
        if decoding.text is not None and decoding.findings:
            # A small input is whole: merge the decoder's flags into the stages' findings.
            found: List[Finding] = list(decoding.findings)
            for _, block_findings in explain_chunks(decoding.pieces, config):
                found.extend(block_findings)
            found.sort(key=lambda f: (f.start, f.end))
            yield from found
            return
        for _, block_findings in explain_chunks(decoding.pieces, config):
            yield from block_findings


def format_finding(name: str, finding: Finding) -> str:
    """One linter line for a finding.

    >>> from encfix.findings import Finding
    >>> format_finding("a.txt", Finding("punct.stacked", 4, 6, ",,", "，", "stacked commas", 1, 5))
    'a.txt:1:5: punct.stacked: ",," → "，"'
    >>> format_finding("a.txt", Finding("damage.lost", 0, 3, "锟斤拷", "锟斤拷", "bytes lost", 2, 1))
    'a.txt:2:1: damage.lost: "锟斤拷" (flagged: bytes lost)'
    """
    where = f"{name}:{finding.line}:{finding.column}: {finding.kind}: {common.show(finding.old)}"
    if finding.is_flag:
        return f"{where} (flagged: {finding.reason})"
    return f"{where} → {common.show(finding.new)}"
