"""``decode`` and ``detect`` on a whole byte string."""
from __future__ import annotations

import re
from typing import Dict, Optional, Tuple

from . import detection, mixed
from .bom import sniff_bom
from .detection import DecodeError, canonical
from ..findings import with_positions
from .models import Decoded, Detection, Segment

_HIGH = re.compile(rb"[\x80-\xff]")


def _forced(data: bytes, encoding: str) -> Decoded:
    codec = canonical(encoding)
    bom = None
    skip = 0
    found = sniff_bom(data)
    if found and found[1].replace("-le", "").replace("-be", "") == codec.replace("-le", "").replace("-be", ""):
        bom, codec_after, skip = found
        if codec in ("utf-16", "utf-32"):  # the plain names read the BOM themselves
            codec_after = codec
            skip = 0
        data, codec = data[skip:], codec_after
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as e:
        raise DecodeError(forced_message(codec, e.start + skip, data[e.start:e.end])) from None
    return Decoded(text, codec, bom, (), (Segment(codec, 0, len(text), skip, skip + len(data)),))


def forced_message(codec: str, offset: int, bad: bytes) -> str:
    """The one-line message for bytes a forced codec cannot decode."""
    return (
        f"bytes {bad.hex(' ')} at offset {offset} are not valid {codec}; "
        "drop --encoding to let encfix detect the encoding (it also reads files mixing encodings)"
    )


def binary_message(data: bytes = b"\x00") -> str:
    """The one-line message for input that is no text."""
    why = "NUL bytes" if b"\x00" in data[: detection.SAMPLE_BYTES] else "control bytes"
    return (
        f"looks binary ({why}); not a text file -- if it is UTF-16/32 text without a BOM, "
        "pass --encoding utf-16-le (or -be, utf-32-le ...)"
    )


def decode(data: bytes, encoding: Optional[str] = None) -> Decoded:
    """Bytes -> the text their author wrote, with what was found on the way.

    >>> decode("中文".encode("gb18030")).text
    '中文'
    >>> decode(b"\\xef\\xbb\\xbfhi\\r\\n").bom, decode(b"\\xef\\xbb\\xbfhi\\r\\n").text
    ('UTF-8', 'hi\\r\\n')
    """
    data = bytes(data)
    if encoding:
        return _forced(data, encoding)
    found = sniff_bom(data)
    if found:
        return _with_bom(data, *found)
    if b"\x00" in data:
        wide = detection.wide_reading(data)
        if wide:
            codec, text = wide
            return Decoded(text, codec, None, (), (Segment(codec, 0, len(text), 0, len(data)),), 0.9)
        if detection.looks_binary(data):
            raise DecodeError(binary_message(data))
    if not _HIGH.search(data):
        seven_bit = detection.iso2022_reading(data)
        if seven_bit:
            text = data.decode(seven_bit)
            return Decoded(text, seven_bit, None, (), (Segment(seven_bit, 0, len(text), 0, len(data)),), 0.99)
        if not detection.looks_binary(data):
            text = data.decode("ascii")
            return Decoded(text, "ascii", None, (), (Segment("ascii", 0, len(text), 0, len(data)),))
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return Decoded(text, "utf-8", None, (), (Segment("utf-8", 0, len(text), 0, len(data)),), 0.99)
    if detection.looks_binary(data):
        raise DecodeError(binary_message(data))
    return decode_unknown(data)


def _with_bom(data: bytes, label: str, codec: str, skip: int) -> Decoded:
    body = data[skip:]
    if codec == "utf-8":
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            d = decode_unknown(body, hint="utf-8", byte_offset=skip)
            return Decoded(d.text, d.encoding, label, d.findings, d.segments, d.confidence, d.candidates)
    else:
        # a UTF-16/32 file cut in the middle of a character keeps what can be read
        text = body.decode(codec, errors="replace")
    return Decoded(text, codec, label, (), (Segment(codec, 0, len(text), skip, len(data)),))


def decode_unknown(data: bytes, hint: Optional[str] = None, byte_offset: int = 0) -> Decoded:
    """Decode bytes that are not (all) UTF-8 and carry no BOM."""
    ranked = detection.rank(data)
    candidates = tuple((c, round(s, 4)) for c, s, _ in ranked)
    confidence = detection.confidence_of(ranked, len(data))
    if ranked and not mixed.ascii_compatible(ranked[0][0]):
        codec, _, text = ranked[0]
        return Decoded(text, codec, None, (), (Segment(codec, 0, len(text), byte_offset, byte_offset + len(data)),),
                       confidence, candidates)
    if ranked and hint in (None, ranked[0][0]) and not mixed.has_utf8_lines(data):
        codec, _, text = ranked[0]
        return Decoded(text, codec, None, (), (Segment(codec, 0, len(text), byte_offset, byte_offset + len(data)),),
                       confidence, candidates)
    # Lines in UTF-8 beside lines that are not: the best reading of the whole is no evidence
    # for the other lines (a single-byte page reads anything), so their codec is detected afresh.
    text, runs = mixed.decode_lines(data, hint=hint, byte_offset=byte_offset)
    codecs_used = []
    for r in runs:
        if r[0] not in codecs_used:
            codecs_used.append(r[0])
    if len(codecs_used) == 1:
        encoding = codecs_used[0]
        segments = (Segment(encoding, 0, len(text), byte_offset, byte_offset + len(data)),)
        return Decoded(text, encoding, None, (), segments, confidence, candidates)
    findings = tuple(with_positions(text, mixed.switch_findings(text, runs)))
    return Decoded(text, "mixed", None, findings, tuple(mixed.to_segments(runs)), confidence, candidates)


def line_endings(text: str) -> str:
    """``LF``, ``CRLF``, ``CR``, ``mixed`` or ``none``.

    >>> line_endings("a\\r\\nb\\r\\n"), line_endings("a\\nb\\r\\n"), line_endings("ab")
    ('CRLF', 'mixed', 'none')
    """
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, n in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if n]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed"


def script_of(text: str) -> str:
    from ..lang.script import detect_script

    return detect_script(text)


def damage_of(text: str, extra=()) -> Dict[str, int]:
    """Kinds of findings ``explain`` reports on ``text`` (plus the decoder's own) and their counts."""
    from ..api import explain

    counts: Dict[str, int] = {}
    for f in list(extra) + list(explain(text)):
        counts[f.kind] = counts.get(f.kind, 0) + 1
    return counts


def detect(data: bytes) -> Detection:
    """Say what ``data`` is: encoding, confidence, runner-ups, script, BOM, line endings, damage.

    >>> d = detect("今天天气很好，我们去公园散步吧。".encode("gb18030"))
    >>> d.encoding, d.line_endings, d.binary
    ('gb18030', 'none', False)
    """
    data = bytes(data)
    try:
        d = decode(data)
    except DecodeError:
        return Detection(None, 0.99, (), "unknown", None, "none", {}, True, ())
    runners: Tuple[Tuple[str, float], ...] = tuple(c for c in d.candidates if c[0] != d.encoding)
    return Detection(
        d.encoding,
        d.confidence,
        runners,
        script_of(d.text),
        d.bom,
        line_endings(d.text),
        damage_of(d.text, d.findings),
        False,
        d.segments,
    )
