"""Files whose lines are in different encodings, decoded segment by segment.

A log appended to by two programs, UTF-8 lines concatenated with GBK lines: no single codec
reads such a file.  Each line is classified -- ASCII (the same in every ASCII-compatible codec),
valid UTF-8 with multi-byte characters, or not UTF-8 -- and the lines that are not UTF-8 are
pooled to detect their legacy codec (a pool of lines is far more evidence than one short line).
A line that is valid UTF-8 stays UTF-8 unless the legacy reading is clearly more plausible
(a single GBK character is valid UTF-8 by chance about one time in twelve).

Consecutive lines read with the same codec form a :class:`~encfix.decode.models.Segment`; each
change of codec is reported as a ``decode.switch`` flag at the first character of the new segment.
"""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

from ..findings import Finding
from . import detection
from .models import Segment

#: nats by which a legacy reading of a line must beat its valid UTF-8 reading (in context)
UTF8_MARGIN = 2.0
#: characters of preceding text a line is judged with
CONTEXT_CHARS = 200

_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")

#: codecs in which every ASCII byte stands for itself and ``\n`` is never part of a character
#: (so a file can be cut at line ends): the legacy CJK multi-byte codecs, single-byte code pages
_STATEFUL = ("utf-16", "utf-32", "utf_16", "utf_32", "iso2022", "iso-2022", "utf-7", "utf_7", "hz")


def ascii_compatible(codec: str) -> bool:
    """True when ``codec`` can be cut at any ``\\n`` byte.

    >>> ascii_compatible("gb18030"), ascii_compatible("utf-16-le"), ascii_compatible("iso2022_jp")
    (True, False, False)
    """
    name = codec.lower()
    if any(name.startswith(s) for s in _STATEFUL):
        return False
    try:
        return "\r\n\t azAZ09<>".encode(codec) == b"\r\n\t azAZ09<>"
    except (UnicodeError, LookupError):
        return False


def split_lines(data: bytes) -> List[bytes]:
    """Lines with their endings (``\\r\\n``, ``\\r`` or ``\\n``); joining them gives ``data``.

    >>> split_lines(b"a\\r\\nb\\rc\\nd")
    [b'a\\r\\n', b'b\\r', b'c\\n', b'd']
    """
    return _LINE.findall(data)


def has_utf8_lines(data: bytes, strict: bool = False) -> bool:
    r"""Does ``data`` (not valid UTF-8 as a whole) hold a line that is valid UTF-8 with non-ASCII
    characters?  Then it may be a mixed file.

    ``strict`` (the gate of streams, run on every block) asks more of the line: a character of
    three UTF-8 bytes or more (CJK, kana, hangul) or six non-ASCII characters.  Short GBK lines
    such as a two-character name are valid UTF-8 by chance (``目录`` is ``Ŀ¼``); none of the
    legacy CJK lines in the benchmark corpora passes the strict gate.

    >>> has_utf8_lines("제18조\n".encode() + "제18조\n".encode("euc_kr")), has_utf8_lines("제18조\n".encode("euc_kr"))
    (True, False)
    >>> has_utf8_lines("目录\n".encode("gbk")), has_utf8_lines("目录\n".encode("gbk"), strict=True)
    (True, False)
    """
    # decoding with replacement runs at C speed; a line with no U+FFFD that is not ASCII is a
    # line of valid UTF-8 (a rare UTF-8 line that itself holds U+FFFD is missed)
    for line in data.decode("utf-8", "replace").splitlines():
        if line.isascii() or "\ufffd" in line:
            continue
        if not strict:
            return True
        if max(line) >= "\u0800" or sum(1 for ch in line if ch >= "\x80") >= 6:
            return True
    return False


def _best(data: bytes, hint: Optional[str], trust_hint: bool = False) -> Optional[str]:
    """The codec for ``data`` (not UTF-8): ``hint`` when it reads ``data`` about as well as the
    best, or (``trust_hint``, a stream whose codec was decided from its sample) at all."""
    if hint and trust_hint and _decode_with(data, hint) is not None:
        return hint
    ranked = detection.rank(data)
    if not ranked:
        return None
    if hint and hint != ranked[0][0]:
        for codec, score, _ in ranked:
            if codec == hint and score >= ranked[0][1] - 0.3:
                return hint
    return ranked[0][0]


def _decode_with(data: bytes, codec: str) -> Optional[str]:
    got = detection.refine(data, codec)
    if got is None or got[0] != codec:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            return None
    return got[1]


_TEXT_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_REPLACEMENT = "\ufffd".encode("utf-8")


def _classify(lines: List[bytes], data: bytes) -> List[str]:
    """For each line: "A" ASCII, "U" valid UTF-8 with multi-byte characters, "X" not UTF-8.

    One decoding of the whole block with replacement (C speed) says it for every line: a line of
    the decoded text holds U+FFFD exactly where its bytes are not UTF-8 (``\r`` and ``\n`` are
    never swallowed, so the lines correspond).
    """
    texts = _TEXT_LINE.findall(data.decode("utf-8", "replace"))
    if len(texts) != len(lines):  # cannot happen; stay correct if it does
        texts = [line.decode("utf-8", "replace") for line in lines]
    kinds = []
    for line, text in zip(lines, texts):
        if line.isascii():
            kinds.append("A")
        elif "\ufffd" not in text:
            kinds.append("U")
        elif _REPLACEMENT in line:  # a real U+FFFD: ask the strict decoder
            try:
                line.decode("utf-8")
                kinds.append("U")
            except UnicodeDecodeError:
                kinds.append("X")
        else:
            kinds.append("X")
    return kinds


def _line_by_line(lines: List[bytes], legacy: Optional[str]) -> List[Tuple[str, str, int]]:
    """Lines no one codec reads: each is read with ``legacy`` or the best codec for it alone."""
    pieces = []
    for line in lines:
        if line.isascii():
            pieces.append(("", line.decode("ascii"), len(line)))
            continue
        text = _decode_with(line, legacy) if legacy else None
        codec = legacy
        if text is None:
            codec = _best(line, None)
            text = _decode_with(line, codec) if codec else None
        if text is None:  # nothing reads this line: keep what can be read, mark the rest
            codec = legacy or "utf-8"
            text = line.decode(codec, errors="replace")
        pieces.append((codec, text, len(line)))
    return pieces


def decode_lines(
    data: bytes, hint: Optional[str] = None, byte_offset: int = 0, trust_hint: bool = False
) -> Tuple[str, List[Tuple[str, int, int, int, int]]]:
    """Decode ``data`` line by line; return the text and its runs.

    Each run is ``(codec, text start, text end, byte start, byte end)``; byte offsets are shifted
    by ``byte_offset``.  ``hint`` is the codec expected for lines that are not UTF-8 (kept when it
    reads them about as well as the best candidate, so a stream does not flip between equals).
    """
    lines = split_lines(data)
    kinds = _classify(lines, data)
    pool = b"".join(line for line, k in zip(lines, kinds) if k == "X")
    legacy_hint = hint if hint != "utf-8" else None
    legacy = _best(pool, legacy_hint, trust_hint) if pool else legacy_hint
    score = detection.plausibility()

    pieces: List[Tuple[str, str, int]] = []  # (codec or "" for ASCII, text, byte length)
    i, n = 0, len(lines)
    while i < n:
        if kinds[i] == "U":
            line = lines[i]
            text = line.decode("utf-8")
            codec = "utf-8"
            if legacy:
                other = _decode_with(line, legacy)
                if other is not None:
                    # judged in the context of the text before it: a one-character line such as
                    # ``但`` in EUC-JP is valid UTF-8 (``â``), and only its neighbours tell
                    context = "".join(t for _, t, _ in pieces[-8:])[-CONTEXT_CHARS:]
                    as_utf8 = detection.log_likelihood(context + text, score)
                    as_legacy = detection.log_likelihood(context + other, score)
                    if as_legacy > as_utf8 + UTF8_MARGIN:
                        codec, text = legacy, other
            pieces.append((codec, text, len(line)))
            i += 1
            continue
        j = i
        while j < n and kinds[j] != "U":
            j += 1
        block = b"".join(lines[i:j])  # lines that are not UTF-8, and ASCII lines among them
        if "X" not in kinds[i:j]:
            pieces.append(("", block.decode("ascii"), len(block)))
        else:
            text = _decode_with(block, legacy) if legacy else None
            if text is not None:
                pieces.append((legacy, text, len(block)))
            else:
                pieces.extend(_line_by_line(lines[i:j], legacy))
        i = j

    runs: List[List] = []
    pos = bpos = 0
    for codec, text, blen in pieces:
        if runs and (codec == "" or codec == runs[-1][0]):
            runs[-1][2] += len(text)
            runs[-1][4] += blen
        elif runs and runs[-1][0] == "":
            runs[-1][0] = codec
            runs[-1][2] += len(text)
            runs[-1][4] += blen
        else:
            runs.append([codec, pos, pos + len(text), byte_offset + bpos, byte_offset + bpos + blen])
        pos += len(text)
        bpos += blen
    out_runs = [(c or (hint or "ascii"), a, b, ba, bb) for c, a, b, ba, bb in runs]
    return "".join(t for _, t, _ in pieces), out_runs


def switch_findings(text: str, runs, text_offset: int = 0, previous: Optional[str] = None) -> List[Finding]:
    """One ``decode.switch`` flag where each run's codec differs from the one before it."""
    found = []
    for codec, start, end, bstart, _ in runs:
        if previous is not None and codec != previous and end > start:
            s = start + text_offset
            line_end = text.find("\n", start)
            e = end if line_end == -1 else min(end, line_end)
            if e <= start:
                e = min(end, start + 1)
            old = text[start:e]
            found.append(
                Finding(
                    "decode.switch",
                    s,
                    s + len(old),
                    old,
                    old,
                    f"bytes from offset {bstart} are {codec}, not {previous} like the text before",
                )
            )
        previous = codec
    return found


def to_segments(runs, text_offset: int = 0) -> List[Segment]:
    return [Segment(c, a + text_offset, b + text_offset, ba, bb) for c, a, b, ba, bb in runs]
