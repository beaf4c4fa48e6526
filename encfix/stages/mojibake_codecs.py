"""The codecs of CJK mojibake: what the author's bytes were (source) and what read them (reader).

Mojibake is ``original.encode(source).decode(reader)``.  Undoing it means encoding the damaged
text back with the reader and decoding the bytes with the source.  This module knows, for
every reader, how to get the bytes back (keeping offsets, so a repair can be a span), and for
every source, which byte sequences it can decode.  And the few tools the stage's modules share:
spans that must not overlap, and regex classes of a set of characters.
"""
from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Optional, Pattern, Tuple

from ..findings import Finding

#: the placeholder byte that stands for bytes a lossy reader replaced with U+FFFD; 0xFF starts no
#: sequence in any source codec, so it can never become part of a recovered character
LOST_BYTE = b"\xff"


@dataclass(frozen=True)
class Source:
    """A codec the author's bytes were in."""

    name: str  # short name used in finding kinds: "utf8", "gbk" ...
    codec: str  # Python codec that decodes it
    multibyte: "Pattern[bytes]"  # one non-ASCII character's bytes


@dataclass(frozen=True)
class Reader:
    """A codec a program wrongly decoded the bytes with."""

    name: str
    codec: str  # Python codec (multi-byte readers) or the table's origin (single-byte readers)
    single_byte: bool
    #: single-byte readers: translation table that maps each character of the reader's
    #: repertoire to ``chr(byte)``, and every other Latin-1 character out of the Latin-1 range
    table: Optional[Dict[int, int]] = None


SOURCES: Tuple[Source, ...] = (
    Source("utf8", "utf-8", re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")),
    Source("gbk", "gbk", re.compile(rb"[\x81-\xfe][\x40-\x7e\x80-\xfe]")),
    Source("big5", "cp950", re.compile(rb"[\x81-\xfe][\x40-\x7e\xa1-\xfe]")),
    Source("sjis", "cp932", re.compile(rb"[\x81-\x9f\xe0-\xfc][\x40-\x7e\x80-\xfc]|[\xa1-\xdf]")),
    Source("eucjp", "euc_jp", re.compile(rb"\x8f[\xa1-\xfe]{2}|\x8e[\xa1-\xdf]|[\xa1-\xfe]{2}")),
    Source("euckr", "cp949", re.compile(rb"[\x81-\xfe][\x41-\x5a\x61-\x7a\x81-\xfe]")),
)
SOURCE_BY_NAME = {s.name: s for s in SOURCES}

#: bytes of one ASCII character a region of mojibake may hold between non-ASCII characters
_ASCII_IN_REGION = rb"[\x09\x20-\x7e]"


def region_pattern(source: Source) -> "Pattern[bytes]":
    """Runs of bytes the source decodes: its multi-byte characters with ASCII between them,
    starting and ending with a multi-byte character."""
    mb = rb"(?:" + source.multibyte.pattern + rb")"
    return re.compile(mb + rb"(?:" + _ASCII_IN_REGION + rb"*" + mb + rb")*")


REGION_RES = {s.name: region_pattern(s) for s in SOURCES}


def _single_byte_table(decoded: str) -> Dict[int, int]:
    """Translation table: reader character -> chr(byte); other Latin-1 characters -> unencodable."""
    table: Dict[int, int] = {}
    for cp in range(256):
        table[cp] = 0xFFFE  # not in this reader's repertoire unless set below
    for byte, ch in enumerate(decoded):
        table[ord(ch)] = byte
    return table


def _cp1252_as_browsers_read_it() -> str:
    """cp1252 with its five undefined bytes kept as U+0081, U+008D... (what browsers do)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))


READERS: Tuple[Reader, ...] = (
    Reader("latin1", "latin-1", True, _single_byte_table(bytes(range(256)).decode("latin-1"))),
    Reader("cp1252", "cp1252", True, _single_byte_table(_cp1252_as_browsers_read_it())),
    Reader("cp437", "cp437", True, _single_byte_table(bytes(range(256)).decode("cp437"))),
    Reader("cp850", "cp850", True, _single_byte_table(bytes(range(256)).decode("cp850"))),
    Reader("cp866", "cp866", True, _single_byte_table(bytes(range(256)).decode("cp866"))),
    Reader("gbk", "gbk", False),
    Reader("big5", "cp950", False),
    Reader("sjis", "cp932", False),
    Reader("euckr", "cp949", False),
)
READER_BY_NAME = {r.name: r for r in READERS}


@lru_cache(maxsize=16)
def high_chars(reader_name: str) -> frozenset:
    """What a single-byte reader makes of the high half of the bytes (0x80-0xFF).

    >>> sorted(high_chars("cp437"))[:3], len(high_chars("latin1"))
    (['\xa0', '¡', '¢'], 128)
    """
    reader = READER_BY_NAME[reader_name]
    return frozenset(chr(cp) for cp, byte in reader.table.items() if byte != 0xFFFE and byte >= 0x80)


@lru_cache(maxsize=1)
def code_pages_high_chars() -> frozenset:
    """The high half of every single-byte code page mojibake is read with."""
    return frozenset().union(*(high_chars(reader.name) for reader in READERS if reader.single_byte))

#: readers whose replacement characters we can see through (UTF-8 read as these, lossy)
LOSSY_READERS = ("gbk", "big5")

_UNENCODABLE = re.compile("[^\x00-\xff]+")

#: where the "encfix-mark" error handler records the spans it skips (a stack, for reentrancy)
_UNENCODABLE_SPANS: List[List[Tuple[int, int]]] = []


def _mark_unencodable(err: UnicodeEncodeError):
    spans = _UNENCODABLE_SPANS[-1]
    if spans and spans[-1][1] == err.start:
        spans[-1] = (spans[-1][0], err.end)
    else:
        spans.append((err.start, err.end))
    return b"", err.end


codecs.register_error("encfix-mark", _mark_unencodable)


def encode_runs(text: str, reader: Reader, lossy: bool = False) -> List[Tuple[int, int, bytes, List[int]]]:
    """Get the reader's bytes back for every run of ``text`` the reader can encode.

    Returns ``(start, end, data, starts)`` per run: ``text[start:end]`` encodes to ``data`` and
    ``starts[i]`` is the byte offset of character ``start + i`` (with ``len(data)`` appended);
    for multi-byte readers ``starts`` is a function that computes that list when called.
    With ``lossy``, U+FFFD encodes as :data:`LOST_BYTE`.

    >>> [(s, e, d) for s, e, d, _ in encode_runs("x ÄãºÃ 中", READER_BY_NAME["latin1"])]
    [(0, 7, b'x \\xc4\\xe3\\xba\\xc3 ')]
    """
    runs = []
    if reader.single_byte:
        translated = text.translate(reader.table)
        pos = 0
        for m in _UNENCODABLE.finditer(translated):
            if m.start() > pos:
                runs.append((pos, m.start(), translated[pos:m.start()].encode("latin-1")))
            pos = m.end()
        if pos < len(text):
            runs.append((pos, len(text), translated[pos:].encode("latin-1")))
        return [(s, e, d, list(range(e - s + 1))) for s, e, d in runs]
    codec = reader.codec
    pos = 0
    n = len(text)
    # one pass finds every character the reader cannot encode (re-encoding the rest after each
    # failure would be quadratic on a long line of them)
    bad: List[Tuple[int, int]] = []
    _UNENCODABLE_SPANS.append(bad)
    try:
        text.encode(codec, errors="encfix-mark")
    finally:
        _UNENCODABLE_SPANS.pop()
    for stop, skip in bad:
        if stop > pos:
            runs.append((pos, stop))
        if lossy and text[stop:skip].strip("\ufffd") == "":
            # keep U+FFFD inside the run: it is a hole, not a boundary
            runs.append((stop, skip))
        pos = skip
    if pos < n:
        runs.append((pos, n))
    if lossy:
        runs = _merge_adjacent(runs)
    out = []
    for s, e in runs:
        piece = text[s:e]
        if lossy and "\ufffd" in piece:
            data = b"".join(LOST_BYTE if ch == "\ufffd" else ch.encode(codec) for ch in piece)
        else:
            data = piece.encode(codec)
        out.append((s, e, data, _offsets(piece, codec, lossy)))
    return out


def _offsets(piece: str, codec: str, lossy: bool):
    """A function giving the byte offset of each character (computed only when needed)."""

    def starts() -> List[int]:
        out = [0]
        for ch in piece:
            out.append(out[-1] + (1 if (lossy and ch == "\ufffd") else len(ch.encode(codec))))
        return out

    return starts


def encode_all(text: str, reader: Reader) -> Optional[bytes]:
    """All of ``text`` in the reader's bytes, or None when the reader cannot encode some of it.

    >>> encode_all("ÄãºÃ", READER_BY_NAME["latin1"])
    b'\\xc4\\xe3\\xba\\xc3'
    """
    if reader.single_byte:
        try:
            return text.translate(reader.table).encode("latin-1")
        except UnicodeEncodeError:
            return None
    try:
        return text.encode(reader.codec)
    except UnicodeEncodeError:
        return None


def _merge_adjacent(runs):
    merged = []
    for s, e in runs:
        if merged and merged[-1][1] == s:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


@lru_cache(maxsize=1)
def gb2312_not_in_cp932() -> Tuple[str, ...]:
    """The GB2312 hanzi no Japanese codec has (``钳`` ``辉``): EUC-JP read as GBK makes them of
    kanji while keeping the kana, a mixture real text does not write."""
    out = []
    for lead in range(0xB0, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                ch = bytes((lead, trail)).decode("gb2312")
                ch.encode("cp932")
            except UnicodeDecodeError:
                continue
            except UnicodeEncodeError:
                out.append(ch)
    return tuple(out)


def line_around(text: str, start: int, end: Optional[int] = None) -> Tuple[int, int]:
    """(start, end) of the line of ``text`` that holds ``text[start:end]`` (its break left out).

    >>> line_around("甲\\n乙丙\\n丁", 3), line_around("甲\\n乙丙", 2, 4)
    ((2, 4), (2, 4))
    """
    end = start if end is None else end
    le = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if le == -1 else le


#: encfix's name of each code page ftfy names in the reason of a repair it made
_FTFY_READERS = {"latin-1": "latin1", "sloppy-windows-1252": "cp1252", "windows-1252": "cp1252", "cp437": "cp437"}
#: ftfy's account of a repair: the code page it encoded with, and UTF-8 it decoded with
_FTFY_PAIR_RE = re.compile(r"^ftfy: encode ([\w-]+), (?:transcode \w+, )*decode utf-8(?:-variants)?$")


def codec_pair(f: Finding) -> Optional[str]:
    """``source-as-reader`` of a repair that undid one codec pair, ftfy's included."""
    if f.kind == "mojibake.latin":
        m = _FTFY_PAIR_RE.match(f.reason)
        reader = _FTFY_READERS.get(m.group(1)) if m else None
        return f"utf8-as-{reader}" if reader else None
    if not f.kind.startswith("mojibake.") or "-as-" not in f.kind or "+" in f.kind or f.kind.endswith("-lossy"):
        return None
    return f.kind[len("mojibake."):]


# -- tools the stage's modules share ----------------------------------------------------------


def _escape(ch: str) -> str:
    return re.escape(ch)


def _class_body(chars) -> str:
    """A regex character-class body for a set of characters, as ranges."""
    cps = sorted(ord(c) for c in chars)
    parts = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        a, b = chr(cps[i]), chr(cps[j])
        parts.append(_escape(a) if i == j else _escape(a) + "-" + _escape(b))
        i = j + 1
    return "".join(parts)


def _trim(old: str, new: str) -> Tuple[int, int]:
    """Lengths of the common prefix and suffix of ``old`` and ``new``."""
    p = 0
    limit = min(len(old), len(new))
    while p < limit and old[p] == new[p]:
        p += 1
    q = 0
    while q < limit - p and old[-1 - q] == new[-1 - q]:
        q += 1
    return p, q


class _Spans:
    """Spans that do not overlap, kept sorted, asked whether a new one would overlap in O(log n)
    (a line can hold a great many repairs; asking each against all would be quadratic)."""

    def __init__(self, spans=()):
        self.starts: List[int] = []
        self.ends: List[int] = []
        for a, b in sorted(spans):
            self.add(a, b)

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect.bisect_right(self.starts, a)
        if i > 0 and self.ends[i - 1] > a:
            return True
        return i < len(self.starts) and self.starts[i] < b

    def covers(self, a: int, b: int) -> bool:
        """Is ``[a, b)`` inside one of the spans?"""
        i = bisect.bisect_right(self.starts, a)
        return i > 0 and self.ends[i - 1] >= b

    def add(self, a: int, b: int) -> None:
        i = bisect.bisect_right(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)
