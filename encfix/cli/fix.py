"""``encfix fix``: repair files or a stream, to stdout, to a file, in place, or as a diff."""
from __future__ import annotations

import codecs
import difflib
import re
import sys
from typing import Iterable, Iterator, List, Optional

import typer

from .. import pipeline
from ..config import Config
from ..io import AtomicWriter, FileError, Input, UnencodableError, encode_chunks
from ..streaming import blocks, fix_chunks
from . import common
from .app import app

HELP = """Repair text: print it fixed, write it to a file, fix files in place, or show a diff.

With no PATH, or with [bold]-[/bold], reads standard input and writes standard output as it goes, in bounded memory (a 10 GB pipe works). The input encoding is detected; the output is UTF-8 and keeps the input's line endings (CRLF stays CRLF) and its UTF-8 byte-order mark, if it had one.

[bold]--in-place[/bold] writes a temporary file in the same folder, fsyncs it and renames it over the original, keeping its permissions and owner: the file is always either the old or the whole new text, even on Ctrl-C or a full disk. A symbolic link stays a link: the file it points to is rewritten. A file that needs no repair is not touched.

[bold]Examples[/bold]

  [dim]# repair a stream[/dim]
  [cyan]printf '區(qū)域,,測試\\n' | encfix fix[/cyan]
  [dim]# repair a file to stdout, or see what would change[/dim]
  [cyan]encfix fix page.txt > page.fixed.txt[/cyan]
  [cyan]encfix fix --diff page.txt[/cyan]
  [dim]# fix in place, keeping page.txt.orig; fix every text file in a folder[/dim]
  [cyan]encfix fix --in-place --backup .orig page.txt[/cyan]
  [cyan]encfix fix -r --in-place corpus/[/cyan]
  [dim]# GBK in, Simplified Chinese UTF-8 out[/dim]
  [cyan]encfix fix -e gbk --convert t2s old.txt -o new.txt[/cyan]

Exit status: 0 done; 2 an input could not be processed (the others still are); 130 interrupted.
"""

_NO_NEWLINE = "\\ No newline at end of file\n"
_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")


@app.command("fix", help=HELP, no_args_is_help=False)
@common.guarded
def fix_command(
    paths: Optional[List[str]] = typer.Argument(None, metavar="PATH", help="Files (or folders with -r) to repair; none or '-' reads standard input.", show_default=False),
    output: Optional[str] = typer.Option(None, "-o", "--output", metavar="OUT", help="Write the result to OUT (one input only); written atomically."),
    in_place: bool = typer.Option(False, "-i", "--in-place", metavar="", help="Rewrite each file with its repair (atomically; permissions and owner kept)."),
    backup: Optional[str] = typer.Option(None, "--backup", metavar="SUFFIX", help="With --in-place (implied), keep each original as FILE+SUFFIX, e.g. --backup .orig."),
    diff: bool = typer.Option(False, "--diff", metavar="", help="Print a unified diff of the repairs instead of the text; write nothing."),
    recursive: bool = common.recursive_option(),
    encoding: Optional[str] = common.encoding_option(),
    output_encoding: str = typer.Option("utf-8", "--output-encoding", metavar="ENC", help="Write this codec instead of UTF-8; fails clearly on characters it cannot hold."),
    convert: Optional[str] = common.convert_option(),
    to: Optional[str] = common.to_option(),
    no_mojibake: bool = common.NO_MOJIBAKE,
    no_ruby: bool = common.NO_RUBY,
    no_residue: bool = common.NO_RESIDUE,
    no_punctuation: bool = common.NO_PUNCTUATION,
) -> int:
    config = common.make_config(no_mojibake, no_ruby, no_residue, no_punctuation, convert, to)
    encoding = common.check_encoding(encoding)
    output_encoding = common.check_encoding(output_encoding, "--output-encoding") or "utf-8"
    if backup is not None:
        if not backup or "/" in backup or backup in (".", ".."):
            raise FileError(f"--backup {backup!r}", "not a file name suffix", "use a suffix such as .orig or .bak")
        in_place = True
    given = list(paths or ["-"])
    if in_place and diff:
        raise FileError("--diff", "given together with --in-place", "use --diff to look first, then --in-place to write")
    if in_place and output:
        raise FileError("--output", "given together with --in-place", "use one of them")
    if in_place and "-" in given:
        raise FileError("<stdin>", "standard input cannot be fixed in place", "give file paths, or write the output with -o")
    if output and output != "-" and (len(given) > 1 or recursive):
        raise FileError(f"--output {output}", "-o takes one input", "use --in-place for several files, or fix them one by one")
    if "-" in given and sys.stdin.isatty():
        common.notice("reading standard input (end with Ctrl-D; see encfix fix --help)")

    status = common.Status()
    sink = None  # one AtomicWriter for -o OUT
    try:
        if output and output != "-":
            sink = AtomicWriter(output).__enter__()
        for path, walked in common.inputs(given, recursive, status):
            try:
                _fix_one(path, walked, config, encoding, output_encoding, diff, in_place, backup, sink)
            except common.Skipped as skipped:
                common.notice(str(skipped))
            except FileError as problem:
                if sink is not None:  # -o OUT with one input: nothing good to keep
                    raise
                status.fail(problem)
        if sink is not None:
            writer, sink = sink, None
            writer.__exit__(None, None, None)
            for warning in writer.warnings:
                common.notice(warning)
    finally:
        if sink is not None:  # an error or Ctrl-C: remove the temporary file, keep OUT as it was
            sink.__exit__(*sys.exc_info())
    return status.code


def _fix_one(path: str, walked: bool, config: Config, encoding: Optional[str], output_encoding: str,
             diff: bool, in_place: bool, backup: Optional[str], sink: Optional[AtomicWriter]) -> None:
    with Input(path) as inp:
        if in_place:
            # Open the temporary file first: a read-only file or folder fails before any work.
            with AtomicWriter(path, backup=backup, skip_if_same=True) as writer:
                decoding = common.decode_input(inp, encoding, skip_binary=walked)
                common.write_all(writer, _repaired(decoding, config, output_encoding, diff=False))
            for warning in writer.warnings:
                common.notice(warning)
            if writer.changed and _legacy(decoding.encoding) and codecs.lookup(output_encoding).name == "utf-8":
                common.notice(f"{decoding.name}: rewritten in UTF-8 (it was {decoding.encoding})")
            return
        decoding = common.decode_input(inp, encoding, skip_binary=walked)
        encoded = _repaired(decoding, config, output_encoding, diff)
        if sink is not None:
            common.write_all(sink, encoded)
        else:
            out = common.stdout_bytes()
            common.write_all(out, encoded)
            out.flush()


def _repaired(decoding: common.Decoding, config: Config, output_encoding: str, diff: bool) -> Iterator[bytes]:
    """The repaired text (or the diff), encoded for output."""
    if diff:
        return _encoded(decoding.name, diff_chunks(decoding.name, decoding.pieces, config), output_encoding, False)
    return _encoded(decoding.name, fix_chunks(decoding.pieces, config), output_encoding, decoding.utf8_bom)


def _legacy(encoding: Optional[str]) -> bool:
    """True for an input codec other than UTF-8 or ASCII (the file changes encoding when rewritten)."""
    if not encoding:
        return False
    try:
        return codecs.lookup(encoding).name not in ("utf-8", "ascii")
    except LookupError:  # "mixed": segments in several codecs
        return True


def _encoded(name: str, chunks: Iterable[str], encoding: str, bom: bool) -> Iterator[bytes]:
    try:
        yield from encode_chunks(chunks, encoding, bom=bom)
    except UnencodableError as exc:
        raise FileError(name, str(exc), "choose an --output-encoding that holds it, or leave the default UTF-8") from None


# --- diff -----------------------------------------------------------------------------------

def _lines(text: str) -> List[str]:
    """Split after each "\\n" only (``str.splitlines`` would also split at \\r, \\x0c, U+2028 ...).

    >>> _lines("a\\r\\nb\\x0cc\\nlast")
    ['a\\r\\n', 'b\\x0cc\\n', 'last']
    """
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def diff_chunks(name: str, pieces: Iterable[str], config: Config, context: int = 3) -> Iterator[str]:
    """A unified diff between the text and its repair, made block by block in bounded memory.

    Each block (see :func:`encfix.streaming.blocks`) is repaired and compared on its own; hunk
    line numbers are shifted by the lines of the blocks before it, so the diff applies with
    ``patch`` to the whole file.
    """
    old_lines = new_lines = 0
    header = False
    run = pipeline.run
    for block in blocks(pieces):
        fixed = run(block, config)[0]
        if fixed != block:
            a, b = _lines(block), _lines(fixed)
            for i, line in enumerate(difflib.unified_diff(a, b, n=context)):
                if i < 2:  # difflib's own ---/+++ lines; ours name the file, once
                    continue
                if not header:
                    header = True
                    yield f"--- {name}\n+++ {name}\n"
                m = _HUNK.match(line)
                if m:
                    line = "@@ -%d%s +%d%s @@\n" % (int(m.group(1)) + old_lines, m.group(2) or "", int(m.group(3)) + new_lines, m.group(4) or "")
                    yield line
                    continue
                yield line if line.endswith("\n") else line + "\n" + _NO_NEWLINE
        old_lines += block.count("\n")
        new_lines += fixed.count("\n")
