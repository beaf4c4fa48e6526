"""What the commands share: error reporting, options, decoding an input, writing to stdout.

Errors the user can fix are one line on stderr, ``encfix: error: <path>: <what>; <what to do>``,
and exit status 2; with several inputs the others are still processed.  A closed pipe
(``encfix fix big.txt | head -1``) ends the command quietly; Ctrl-C exits with 130 and SIGTERM
with 143, after removing any temporary file.
"""
from __future__ import annotations

import codecs
import functools
import json
import os
import signal
import sys
from dataclasses import dataclass
from enum import Enum
from typing import Callable, Iterable, Iterator, List, Optional, Tuple

import typer

from .. import decode as _decode
from ..config import Config
from ..decode import DecodeError
from ..findings import Finding, with_positions
from ..io import CHUNK_SIZE, SNIFF_SIZE, WHOLE_LIMIT, FileError, Input, looks_binary, os_error, read_rest

#: exit statuses
OK, FOUND, ERROR = 0, 1, 2
INTERRUPTED = 130
BROKEN_PIPE = 141
TERMINATED = 143


class Format(str, Enum):
    """How ``check`` and ``detect`` print: for people or for programs."""

    text = "text"
    json = "json"


def error(problem) -> None:
    """Print ``encfix: error: ...`` (one line) on stderr."""
    _stderr_line(f"encfix: error: {problem}")


def notice(message: str) -> None:
    """Print ``encfix: ...`` on stderr (skipped files, warnings)."""
    _stderr_line(f"encfix: {message}")


def _stderr_line(line: str) -> None:
    line = " ".join(line.splitlines())  # one line, whatever the message held
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass


class Status:
    """The exit status of a command that processes several inputs."""

    def __init__(self) -> None:
        self.errors = 0
        self.found = False

    def fail(self, problem) -> None:
        error(problem)
        self.errors += 1

    @property
    def code(self) -> int:
        if self.errors:
            return ERROR
        return FOUND if self.found else OK


def guarded(command: Callable[..., int]) -> Callable[..., None]:
    """Run a command body; turn its result and the ways it can stop into exit statuses.

    The body returns an exit status.  :class:`FileError` (a problem the user can fix) becomes one
    line on stderr and status 2; a closed stdout ends quietly; Ctrl-C and SIGTERM unwind (so
    temporary files are removed) and exit with 130 and 143.
    """

    @functools.wraps(command)
    def run(*args, **kwargs) -> None:
        previous = _on_sigterm()
        try:
            code = command(*args, **kwargs)
            _flush_stdout()
        except FileError as exc:
            error(exc)
            code = ERROR
        except BrokenPipeError:
            _silence_stdout()
            code = BROKEN_PIPE
        except OSError as exc:
            # Inputs and output files report their own errors (FileError); what is left is the
            # standard output itself: a full disk behind "> out.txt", /dev/full, an I/O error.
            _silence_stdout()
            error(os_error(exc.filename or "<stdout>", exc, writing=True))
            code = ERROR
        except KeyboardInterrupt:
            notice("interrupted; no file was left half-written")
            code = INTERRUPTED
        except _Terminated:
            code = TERMINATED
        finally:
            _restore_sigterm(previous)
        raise typer.Exit(code)

    return run


class _Terminated(BaseException):
    """SIGTERM, raised like Ctrl-C so that ``finally`` blocks remove temporary files."""


def _raise_terminated(signum, frame):
    raise _Terminated()


def _on_sigterm():
    try:
        return signal.signal(signal.SIGTERM, _raise_terminated)
    except (ValueError, OSError, AttributeError):  # not the main thread, or no SIGTERM here
        return None


def _restore_sigterm(previous) -> None:
    if previous is not None:
        try:
            signal.signal(signal.SIGTERM, previous)
        except (ValueError, OSError):
            pass


def _flush_stdout() -> None:
    if sys.stdout is None:  # closed from the start (>&-): nothing was written to it
        return
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(BROKEN_PIPE)


def _silence_stdout() -> None:
    # The reader went away.  Point stdout at /dev/null so that Python's final flush of the
    # buffered remainder cannot fail again ("Exception ignored ... BrokenPipeError").
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def stdout_bytes():
    """The binary stdout (text already written through ``sys.stdout`` goes first)."""
    if sys.stdout is None:  # started with stdout closed (>&-)
        raise FileError("<stdout>", "standard output is closed", "write to a file with -o, or fix files --in-place")
    sys.stdout.flush()
    return getattr(sys.stdout, "buffer", sys.stdout)


# --- options --------------------------------------------------------------------------------

def recursive_option():
    return typer.Option(False, "-r", "--recursive", metavar="", help="Process the files in folders, and in their subfolders; binary files are skipped with a notice.")


def encoding_option():
    return typer.Option(None, "-e", "--encoding", metavar="ENC", help="Force the input codec (gbk, big5, shift_jis, utf-16 ...) instead of detecting it.")


def convert_option():
    return typer.Option(None, "--convert", metavar="CONFIG", help="Also convert Traditional/Simplified Chinese with an OpenCC configuration: t2s, s2t, s2twp, tw2sp, s2hk ...")


def to_option():
    return typer.Option(None, "--to", metavar="SCRIPT", help="Convert to a script variant (zh-Hans, zh-Hant, zh-TW, zh-HK ...), where the installed converter supports targets.")


#: the switches that turn a repair stage off (typer options, shared by fix, check and corpus)
NO_MOJIBAKE = typer.Option(False, "--no-mojibake", metavar="", help="Leave mojibake (text decoded with the wrong codec) alone.")
NO_RUBY = typer.Option(False, "--no-ruby", metavar="", help="Leave leaked pinyin ruby such as 區(qū) alone.")
NO_RESIDUE = typer.Option(False, "--no-residue", metavar="", help="Leave markup residue and stray separators alone.")
NO_PUNCTUATION = typer.Option(
    False, "--no-punctuation", metavar="", help="Leave punctuation alone (stacked ,, and ASCII punctuation in Chinese prose)."
)


def display_name(path: str) -> str:
    """How an input is named in output: ``-`` is standard input."""
    return "<stdin>" if path == "-" else path


def json_record(record: dict) -> str:
    """One JSON object on one line; lone surrogates (undecodable file names) as ``\\u`` escapes."""
    text = json.dumps(record, ensure_ascii=False, default=str)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: JSON can carry them only as \\u escapes
        text = json.dumps(record, default=str)
    return text


class JsonArray:
    """A JSON array written to ``out`` record by record, so a long listing streams."""

    def __init__(self, out):
        self.out = out
        self.count = 0
        out.write(b"[")

    def write(self, record: dict) -> None:
        line = ("," if self.count else "") + "\n" + json_record(record)
        self.out.write(line.encode("utf-8", "surrogateescape"))
        self.count += 1

    def close(self) -> None:
        self.out.write(b"\n]\n" if self.count else b"]\n")


def make_config(no_mojibake: bool, no_ruby: bool, no_residue: bool, no_punctuation: bool,
                convert: Optional[str], to: Optional[str]) -> Config:
    """The Config for the command-line switches; an unknown conversion is a :class:`FileError`."""
    if convert and to:
        raise FileError("--to", "given together with --convert", "use one of them")
    chosen = convert or to
    if chosen:
        from ..stages.convert import check_config

        option = "--convert" if convert else "--to"
        try:
            check_config(chosen)
        except ValueError as exc:
            message = str(exc)
            what, _, hint = message.partition("; ")
            raise FileError(f"{option} {chosen}", what, hint or "see encfix fix --help") from None
    return Config.from_options(
        convert=chosen,
        mojibake=not no_mojibake,
        ruby=not no_ruby,
        residue=not no_residue,
        punctuation=not no_punctuation,
    )


def check_encoding(name: Optional[str], option: str = "--encoding") -> Optional[str]:
    """Validate a codec name given on the command line (``None`` passes through)."""
    if name is None:
        return None
    try:
        codecs.lookup(name)
    except LookupError:
        raise FileError(f"{option} {name}", "unknown encoding", "use a codec name such as utf-8, gbk, gb18030, big5, shift_jis, euc-kr, utf-16") from None
    return name


# --- inputs -----------------------------------------------------------------------------------

class Skipped(Exception):
    """An input passed over on purpose (a binary file met while walking a folder)."""


@dataclass
class Decoding:
    """An input turned into text: the pieces to stream, and what is known about it.

    ``text`` is the whole text when the input was small enough to read at once (then
    ``findings`` holds the decoder's own flags, in ``text``'s coordinates, and ``encoding`` the
    codec it chose); for a large input or pipe only ``pieces`` is there.
    """

    name: str
    pieces: Iterator[str]
    text: Optional[str]
    encoding: Optional[str]
    utf8_bom: bool
    findings: Tuple[Finding, ...] = ()
    #: for a stream: the codecs that decoded bytes beyond ASCII so far (see :attr:`codec`)
    seen: Optional[set] = None

    @property
    def codec(self) -> Optional[str]:
        """The input's codec: as decoded whole, as forced, or as met in a stream once it has been
        read (``"mixed"`` for several, None for ASCII)."""
        if self.encoding or self.seen is None:
            return self.encoding
        names = {canonical_name(c) for c in self.seen}
        if len(names) > 1:
            return "mixed"
        return names.pop() if names else None


def decode_input(inp: Input, encoding: Optional[str], skip_binary: bool = False) -> Decoding:
    """Read ``inp`` and decode it: whole when small, as a stream of pieces when large.

    Binary data is a :class:`FileError` (or :class:`Skipped` with ``skip_binary``) unless the
    user forced an encoding; decoding errors become :class:`FileError` too.
    """
    head = inp.read_head(WHOLE_LIMIT + 1)
    if encoding is None and _binary(head[:SNIFF_SIZE]):
        if skip_binary:
            raise Skipped(f"skipped {inp.name}: binary file")
        raise FileError(inp.name, "binary data, not text", "give encfix text files (or force a codec with --encoding if this is text)")
    if encoding is not None and skip_binary and _binary_as(head[:SNIFF_SIZE], encoding):
        # --encoding forces the files the user named, not every file met in a folder: a picture
        # under -r --in-place -e gbk would be rewritten as "text"
        raise Skipped(f"skipped {inp.name}: binary file")
    utf8_bom = head.startswith(codecs.BOM_UTF8) and (encoding is None or codecs.lookup(encoding).name == "utf-8")
    if len(head) <= WHOLE_LIMIT:
        decoded = _decode_whole(inp.name, head, encoding)
        found = tuple(with_positions(decoded.text, list(getattr(decoded, "findings", ()) or ())))
        return Decoding(inp.name, iter((decoded.text,)), decoded.text, decoded.encoding, utf8_bom, found)
    stream = read_rest(inp, head)
    seen: set = set()
    return Decoding(inp.name, _guard(inp.name, _stream(stream, encoding, seen), encoding), None, encoding, utf8_bom,
                    seen=seen)


def binary_start(head: bytes) -> bool:
    """True when an input starting with ``head`` is binary data (a known format, control bytes)."""
    return _binary(head[:SNIFF_SIZE])


def _binary(head: bytes) -> bool:
    # Known binary signatures and control-dense data (encfix.io), or what the decoder itself
    # would refuse as binary: the two never disagree about a file the CLI then fails to decode.
    from ..decode.detection import iso2022_reading, looks_binary as decoder_says_binary

    if iso2022_reading(head, final=False):  # 7-bit Japanese/Korean: ESC, SO and SI are its text
        return False
    return looks_binary(head) or decoder_says_binary(head)


def _binary_as(head: bytes, encoding: str) -> bool:
    """True when ``head`` starts like a binary format or does not read as text in ``encoding``.

    >>> _binary_as(b"\\x89PNG\\r\\n\\x1a\\n" + bytes(64), "gbk")
    True
    >>> _binary_as(bytes(range(256)), "latin-1")
    True
    >>> _binary_as("區域，測試\\r\\n".encode("utf-16-le"), "utf-16-le")
    False
    """
    from ..decode.detection import _text_like
    from ..io import binary_signature

    return binary_signature(head) or not _text_like(head.decode(encoding, errors="replace"))


def decode_input_bytes(name: str, data: bytes, encoding: Optional[str]) -> str:
    """``data`` (a whole input, or one line of it) as text; binary or undecodable data is a :class:`FileError`."""
    return _decode_whole(name, data, encoding).text


def decode_input_whole(name: str, data: bytes, encoding: Optional[str]):
    """:func:`decode_input_bytes`, with the codec: the :class:`encfix.decode.models.Decoded`."""
    return _decode_whole(name, data, encoding)


def canonical_name(codec: str) -> str:
    try:
        return codecs.lookup(codec).name
    except LookupError:
        return codec


def _decode_whole(name: str, data: bytes, encoding: Optional[str]):
    try:
        return _decode.decode(data, encoding=encoding)
    except (DecodeError, UnicodeError, LookupError) as exc:
        raise _decode_problem(name, exc, encoding) from None


def _decode_problem(name: str, exc: Exception, encoding: Optional[str]) -> FileError:
    if isinstance(exc, UnicodeDecodeError):
        codec = encoding or exc.encoding
        return FileError(name, f"bytes at offset {exc.start} cannot be decoded as {codec}",
                         "check --encoding, or leave it out to let encfix detect the encoding" if encoding
                         else "force the right codec with --encoding")
    if isinstance(exc, LookupError):
        return FileError(name, f"unknown encoding {encoding}", "use a codec name such as utf-8, gbk, big5, shift_jis")
    what, _, hint = str(exc).partition("; ")
    return FileError(name, what or "cannot decode the input", hint or "force the right codec with --encoding")


def _stream(raw, encoding: Optional[str], seen: Optional[set] = None) -> Iterator[str]:
    return _decode.decode_stream(raw, encoding=encoding, chunk_size=CHUNK_SIZE, seen=seen)


def _guard(name: str, pieces: Iterator[str], encoding: Optional[str]) -> Iterator[str]:
    # Decoding a stream fails lazily, halfway through: report it like any other decode error.
    try:
        for piece in pieces:
            yield piece
    except (DecodeError, UnicodeError, LookupError) as exc:
        raise _decode_problem(name, exc, encoding) from None


def inputs(paths: Optional[List[str]], recursive: bool, status: Status) -> Iterator[Tuple[str, bool]]:
    """Expand the command's paths: yields ``(path, found_by_walking)``; '-' or none means stdin."""
    from ..io import expand

    given = list(paths or ["-"])
    problems: List[FileError] = []
    for path in expand(given, recursive, problems):
        while problems:
            status.fail(problems.pop(0))
        yield path, (path not in given)
    for problem in problems:
        status.fail(problem)


def show(value: str) -> str:
    """A string for one line of output: quoted, with line breaks and control characters escaped.

    >>> show("區(qū)")
    '"區(qū)"'
    >>> show("a\\r\\n")
    '"a\\\\r\\\\n"'
    """
    import json

    # A lone surrogate (from a decoder that escaped bad bytes) cannot be printed: escape it too.
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "backslashreplace").decode("utf-8")


def write_all(out, chunks: Iterable[bytes]) -> None:
    for chunk in chunks:
        out.write(chunk)
