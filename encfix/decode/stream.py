"""Decoding a byte stream (stdin, multi-GB files) in bounded memory.

The codec is decided from a sample -- the first chunk -- and each later block is decoded on its
own, cut at line ends: in every ASCII-compatible codec encfix reads (UTF-8, GB18030, Big5,
Shift_JIS, EUC-JP/KR, single-byte code pages) a ``\\n`` byte is never part of a multi-byte
character, so a block boundary there splits nothing.  A block the chosen codec cannot read (a
UTF-8 decision meeting GBK lines later on) is decoded line by line like a mixed file
(:mod:`encfix.decode.mixed`) instead of failing.  UTF-16/32 and stateful codecs go through an
incremental decoder.
"""
from __future__ import annotations

import codecs
import re
from typing import BinaryIO, Iterator, Optional, Set

from . import detection, mixed
from .bom import sniff_bom
from .core import binary_message, forced_message
from .detection import canonical
from .models import DecodeError

#: the fewest bytes the codec is decided from (a tiny ``chunk_size`` does not make a tiny sample)
SAMPLE_MIN = 64 * 1024

#: a block with no line end is cut anyway once it grows past this many chunks (bounded memory)
MAX_CHUNKS_WITHOUT_LINE_END = 4

_HIGH = re.compile(rb"[\x80-\xff]")

#: how far back from the end a long line is searched for a safe place to cut it
_CUT_SEARCH = 1 << 16


def _read(raw: BinaryIO, size: int) -> bytes:
    """Read up to ``size`` bytes, looping over short reads (pipes); b"" only at end of input."""
    parts = []
    got = 0
    while got < size:
        piece = raw.read(size - got)
        if not piece:
            break
        parts.append(piece)
        got += len(piece)
        if got and not hasattr(raw, "seekable"):
            break
    return b"".join(parts)


def _cut(buffer: bytes, limit: int, codec: str = "utf-8") -> int:
    """Where to cut ``buffer`` so the head ends at a line end (0: keep waiting for more bytes).

    A line longer than ``limit`` is cut anyway (bounded memory): after a byte below 0x30, which
    ends a character in every ASCII-compatible codec (no trail byte is that low), or failing
    that where ``codec`` finishes a character.
    """
    i = buffer.rfind(b"\n")
    if i != -1:
        return i + 1
    i = buffer.rfind(b"\r", 0, len(buffer) - 1)  # a CR-only file; a final CR may precede an LF
    if i != -1:
        return i + 1
    if len(buffer) < limit:
        return 0
    n = len(buffer)
    for i in range(n - 1, max(-1, n - 1 - _CUT_SEARCH), -1):
        if buffer[i] < 0x30:
            return i + 1
    for back in range(4):
        try:
            buffer[: n - back].decode(codec)
            return n - back
        except UnicodeDecodeError:
            continue
    return n


def _base(codec: str) -> str:
    return codec.replace("-le", "").replace("-be", "").replace("_", "-")


def decode_stream(raw: BinaryIO, encoding: Optional[str] = None, chunk_size: int = 1 << 20,
                  seen: Optional[Set[str]] = None) -> Iterator[str]:
    """Decode ``raw`` piece by piece; each piece ends at a line boundary (the last may not).

    The codec is ``encoding`` when given (bytes it cannot read raise :class:`DecodeError` naming
    the offset), else decided from a sample: the first ``max(chunk_size, SAMPLE_MIN)`` bytes.  A
    BOM is dropped from the text.  Pieces are about ``chunk_size`` bytes of input each; memory
    stays within a few chunks (and the sample) whatever the input size.  ``seen``, when given,
    collects the codecs that decoded bytes beyond ASCII (one for a plain file, several for a
    mixed one), for a caller that must say what the input was.

    >>> import io
    >>> list(decode_stream(io.BytesIO("第一行\\r\\n第二行".encode("gb18030")), chunk_size=4))
    ['第一行\\r\\n', '第二行']
    """
    if chunk_size < 1:
        raise ValueError("chunk_size must be positive")
    forced = canonical(encoding) if encoding else None
    want = max(chunk_size, SAMPLE_MIN)
    sample = _read(raw, want)
    eof = len(sample) < want
    if not eof:
        peek = _read(raw, 1)
        eof = not peek
        sample += peek
    offset = 0
    codec = forced
    found = sniff_bom(sample)
    if found and (forced is None or _base(forced) == _base(found[1])):
        if forced in ("utf-16", "utf-32"):
            pass  # the plain names read the BOM themselves
        else:
            codec = found[1]
            sample = sample[found[2]:]
            offset = found[2]
    if codec is None:
        codec = _choose(sample, eof)
    if mixed.ascii_compatible(codec):
        yield from _by_lines(raw, sample, codec, forced is not None, chunk_size, offset, eof, seen)
    else:
        if seen is not None:
            seen.add(codec)
        yield from _incremental(raw, sample, codec, forced is not None, chunk_size, offset)


def _choose(sample: bytes, eof: bool) -> str:
    """The codec for a stream that starts with ``sample`` (no BOM, no ``--encoding``)."""
    if b"\x00" in sample:
        wide = detection.wide_reading(sample, final=eof)
        if wide:
            return wide[0]
        if detection.looks_binary(sample):
            raise DecodeError(binary_message(sample))
    if not _HIGH.search(sample):
        # ASCII so far (later blocks that are not UTF-8 are detected on their own), unless its
        # escape sequences switch into Japanese or Korean
        return detection.iso2022_reading(sample, final=eof) or "utf-8"
    if detection.is_utf8(sample, final=eof):
        return "utf-8"
    if detection.looks_binary(sample):
        raise DecodeError(binary_message(sample))
    if not eof:  # decide on whole lines: the sample may end inside a character
        cut = max(sample.rfind(b"\n"), sample.rfind(b"\r"))
        if cut > 0:
            sample, eof = sample[: cut + 1], True
    ranked = detection.rank(sample, final=eof)
    return ranked[0][0] if ranked else "utf-8"


def _next_cut(buffer: bytes, chunk_size: int, limit: int, eof: bool, codec: str) -> int:
    """Where the next block ends: the last line end within ``chunk_size`` bytes, else the first
    one after it; 0 when more input is needed to know."""
    if eof and len(buffer) <= chunk_size:
        return len(buffer)
    head = buffer[:chunk_size]
    i = head.rfind(b"\n")
    if i != -1:
        return i + 1
    i = head.rfind(b"\r", 0, len(buffer) - 1)  # a CR-only file; a CR at the very end may precede an LF
    if i != -1 and buffer[i + 1:i + 2] != b"\n":
        return i + 1
    i = buffer.find(b"\n", chunk_size, limit)
    if i != -1:
        return i + 1
    if len(buffer) < limit and not eof:
        return 0
    if eof and len(buffer) <= limit:
        return len(buffer)
    return _cut(buffer[:limit], 0, codec)


def _by_lines(raw, buffer: bytes, codec: str, forced: bool, chunk_size: int, offset: int, eof: bool,
              seen: Optional[Set[str]] = None):
    limit = MAX_CHUNKS_WITHOUT_LINE_END * chunk_size
    hint = codec
    while True:
        if eof and not buffer:
            return
        if not eof and len(buffer) < chunk_size:
            more = _read(raw, chunk_size)
            eof = not more
            buffer += more
            continue
        cut = _next_cut(buffer, chunk_size, limit, eof, codec)
        if cut == 0:
            more = _read(raw, chunk_size)
            eof = not more
            buffer += more
            continue
        block, buffer = buffer[:cut], buffer[cut:]
        text, hint = _decode_block(block, codec, hint, forced, offset, seen)
        offset += len(block)
        yield text


def _decode_block(block: bytes, codec: str, hint: str, forced: bool, offset: int, seen: Optional[Set[str]] = None):
    """Decode one line-aligned block; returns the text and the codec to expect next."""
    try:
        text = block.decode(codec) if codec != "utf-8" or not forced else block.decode("utf-8")
    except UnicodeDecodeError as e:
        if forced:
            raise DecodeError(forced_message(codec, offset + e.start, block[e.start:e.end])) from None
    else:
        if forced or codec == "utf-8" or not mixed.has_utf8_lines(block, strict=True):
            if seen is not None and _HIGH.search(block):
                seen.add(codec)
            return text, hint
    text, runs = mixed.decode_lines(block, hint=hint, byte_offset=offset, trust_hint=True)
    if seen is not None:
        seen.update(r[0] for r in runs if _HIGH.search(block, r[3] - offset, r[4] - offset))
    legacy = [r[0] for r in runs if r[0] not in ("utf-8", "ascii")]
    return text, (legacy[-1] if legacy else hint)


def _incremental(raw, buffer: bytes, codec: str, forced: bool, chunk_size: int, offset: int):
    decoder = codecs.getincrementaldecoder(codec)(errors="strict" if forced else "replace")
    pending = ""
    consumed = offset
    limit = MAX_CHUNKS_WITHOUT_LINE_END * chunk_size
    while True:
        final = not buffer
        try:
            text = decoder.decode(buffer, final)
        except UnicodeDecodeError as e:
            raise DecodeError(forced_message(codec, consumed + e.start, buffer[e.start:e.end])) from None
        consumed += len(buffer)
        pending += text
        if final:
            if pending:
                yield pending
            return
        i = pending.rfind("\n")
        if i == -1:
            i = pending.rfind("\r", 0, len(pending) - 1)
        if i != -1:
            yield pending[: i + 1]
            pending = pending[i + 1:]
        elif len(pending) >= limit:
            yield pending
            pending = ""
        buffer = _read(raw, chunk_size)
