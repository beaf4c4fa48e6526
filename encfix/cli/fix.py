"""``encfix fix``: repair files or a stream, to stdout, to a file, in place, or as a diff."""
from __future__ import annotations

import codecs
import difflib
import io
import os
import re
import stat
import sys
from typing import Callable, Iterable, Iterator, List, Optional

import typer

from .. import pipeline
from ..config import Config
from ..io import CHUNK_SIZE, SNIFF_SIZE, AtomicWriter, FileError, Input, UnencodableError, encode_chunks
from ..streaming import blocks, fix_chunks
from . import common
from .app import app

HELP = """Repair text: print it fixed, write it to a file, fix files in place, or show a diff.

With no PATH, or with [bold]-[/bold], reads standard input and writes standard output in bounded memory (a 10 GB pipe works). Output comes in blocks, not line by line: nothing is written until 4 MB have been read (or the input ended), then about every 1 MB. Behind [bold]tail -f[/bold] or an interactive program, use [bold]--line-buffered[/bold]: each line is written as soon as it arrives. The input encoding is detected; the output is UTF-8 and keeps the input's line endings (CRLF stays CRLF) and its UTF-8 byte-order mark, if it had one.

[bold]--in-place[/bold] writes a temporary file in the same folder, fsyncs it and renames it over the original, keeping its permissions and owner: the file is always either the old or the whole new text, even on Ctrl-C or a full disk. A symbolic link stays a link: the file it points to is rewritten. A file that needs no repair is not touched, whatever its encoding; one that is repaired is written in UTF-8.

[bold]Examples[/bold]

  [dim]# repair a stream[/dim]
  [cyan]printf '區(qū)域,,測試\\n' | encfix fix[/cyan]
  [dim]# repair a file to stdout, or see what would change[/dim]
  [cyan]encfix fix page.txt > page.fixed.txt[/cyan]
  [cyan]encfix fix --diff page.txt[/cyan]
  [dim]# fix in place, keeping page.txt.orig; fix every text file in a folder[/dim]
  [cyan]encfix fix --in-place --backup .orig page.txt[/cyan]
  [cyan]encfix fix -r --in-place corpus/[/cyan]
  [dim]# follow a growing log, one repaired line at a time[/dim]
  [cyan]tail -f crawl.log | encfix fix --line-buffered[/cyan]
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
    line_buffered: bool = typer.Option(False, "--line-buffered", metavar="", help="Read standard input line by line and write each line repaired as soon as it arrives (tail -f | encfix fix --line-buffered); each line is decoded (unless -e names the codec) and repaired on its own, without the rest of the text."),
) -> int:
    config = common.make_config(no_mojibake, no_ruby, no_residue, no_punctuation, convert, to)
    encoding = common.check_encoding(encoding)
    output_encoding = common.check_encoding(output_encoding, "--output-encoding") or "utf-8"
    if line_buffered:
        if paths and paths != ["-"] or in_place or backup is not None or diff or (output and output != "-"):
            raise FileError("--line-buffered", "reads standard input and writes standard output",
                            "drop the file paths, --in-place, --diff and -o")
        out = common.stdout_bytes()
        keep_bom = codecs.lookup(output_encoding).name == "utf-8"
        with Input("-") as stdin:
            lines = _live_lines(stdin.stream, encoding, config, keep_bom)
            for chunk in _encoded("<stdin>", lines, output_encoding, False):
                out.write(chunk)
                out.flush()
        return common.OK
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
    if "-" in given and sys.stdin is not None and sys.stdin.isatty():
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
    if in_place and _special(path):
        # Opening a named pipe to read it waits for a writer: refuse before opening it.
        raise FileError(path, "not a regular file (a pipe or device)", "--in-place rewrites regular files; write the output with -o instead")
    with Input(path) as inp:
        if in_place:
            # Open the temporary file first: a read-only file or folder fails before any work.
            with AtomicWriter(path, backup=backup, skip_if_same=True) as writer:
                decoding = common.decode_input(inp, encoding, skip_binary=walked)
                changed: List[bool] = []
                common.write_all(writer, _repaired(decoding, config, output_encoding, diff=False,
                                                   on_change=lambda: changed.append(True)))
                if not changed and decoding.codec != "mixed" and codecs.lookup(output_encoding).name == "utf-8":
                    # Nothing to repair: a clean GBK or Shift_JIS file stays what it was (other
                    # programs may read it in that codec); only a repair makes it UTF-8.
                    writer.discard()
            for warning in writer.warnings:
                common.notice(warning)
            if writer.changed and _legacy(decoding.codec) and codecs.lookup(output_encoding).name == "utf-8":
                common.notice(f"{decoding.name}: rewritten in UTF-8 (it was {decoding.codec})")
            return
        decoding = common.decode_input(inp, encoding, skip_binary=walked)
        encoded = _repaired(decoding, config, output_encoding, diff)
        if sink is not None:
            common.write_all(sink, encoded)
        else:
            out = common.stdout_bytes()
            common.write_all(out, encoded)
            out.flush()


def _live_lines(stream, encoding: Optional[str], config: Config, keep_bom: bool = True) -> Iterator[str]:
    """Each line of ``stream`` decoded and repaired as soon as it has arrived.

    ``readline`` returns a line as soon as its end is there (it does not wait to fill a buffer).
    A line longer than :data:`encfix.io.CHUNK_SIZE` bytes is cut where no character is split, so
    memory stays bounded.  Each line is repaired on its own, and decoded on its own unless
    ``encoding`` forces the codec: as UTF-8 when it is UTF-8, else in the legacy codec an earlier
    line was detected in, when it decodes in it (two Chinese characters alone are too short to
    tell Big5 from GBK: ``測試`` in Big5 reads as GBK's 代刚), else detected again.
    """
    from ..decode.stream import _cut

    codec = codecs.lookup(encoding).name if encoding else None
    if codec and "\n".encode(codec) != b"\n":
        raise FileError("--line-buffered", f"cannot cut {codec} into lines byte by byte",
                        "drop --line-buffered for UTF-16/32 input")
    run = pipeline.run
    carry = b""
    first = True
    sticky: Optional[str] = None  # (the legacy codec an earlier line was detected in)
    # The first bytes say whether this is text at all (a picture's first "line" is 6 bytes long).
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream)
    if codec is None and common.binary_start(stream.peek(SNIFF_SIZE)[:SNIFF_SIZE]):
        raise FileError("<stdin>", "binary data, not text", "give encfix text (or force a codec with --encoding if this is text)")
    while True:
        raw = carry + stream.readline(CHUNK_SIZE)
        carry = b""
        if not raw:
            return
        if not raw.endswith(b"\n") and len(raw) >= CHUNK_SIZE:
            cut = _cut(raw, len(raw), codec or "utf-8")
            raw, carry = raw[:cut], raw[cut:]
        if first:
            first = False
            if codec is None and raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                raise FileError("<stdin>", "UTF-16/32 cannot be read line by line", "drop --line-buffered")
            if keep_bom and raw.startswith(codecs.BOM_UTF8) and codec in (None, "utf-8", "utf-8-sig"):
                yield "\ufeff"  # decoding drops the byte-order mark: write it back
        text = None
        if encoding is None and sticky is not None and not raw.isascii():
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    text = raw.decode(sticky)
                except (UnicodeDecodeError, LookupError):
                    pass
        if text is None:
            decoded = common.decode_input_whole("<stdin>", raw, encoding)
            text = decoded.text
            if encoding is None and not raw.isascii() and _legacy(decoded.encoding) and decoded.encoding != "mixed":
                sticky = decoded.encoding
        yield run(text, config)[0]


def _special(path: str) -> bool:
    """True for a path that exists and is neither a regular file nor a folder (FIFO, device, socket)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False  # missing or unreadable: opening it says so
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _repaired(decoding: common.Decoding, config: Config, output_encoding: str, diff: bool,
              on_change: Optional[Callable[[], None]] = None) -> Iterator[bytes]:
    """The repaired text (or the diff), encoded for output; ``on_change`` is called for each
    block the repair changed."""
    if diff:
        return _encoded(decoding.name, diff_chunks(decoding.name, decoding.pieces, config), output_encoding, False)
    fixed = fix_chunks(decoding.pieces, config, on_change)
    return _encoded(decoding.name, fixed, output_encoding, decoding.utf8_bom)


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
