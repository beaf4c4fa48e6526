"""Undo CJK double decoding: find spans that are bytes of one codec read with another.

For a stretch of text and every reader, get the reader's bytes back
(:func:`~encfix.stages.mojibake_codecs.encode_runs`), look in those bytes for regions every
source codec decodes, decode them, and keep a decoding only on strong evidence:

* the decoded text is made of what CJK text is made of (no C1 controls, private use...),
  with at least two CJK letters;
* it is much more plausible than the text it replaces (:func:`encfix.lang.plausibility.score`),
  and plausible in itself;
* when the reader is a CJK codec, so that the damaged text is itself CJK, the damaged text must
  also be implausible on its own: clean Chinese that happens to re-encode into valid UTF-8
  scores as the real text it is and is left alone.

Mojibake applied twice (UTF-8 read as GBK, then that read as Latin-1) is undone by trying to
repair each candidate decoding again before judging it.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import List, Optional, Tuple

from ..lang.charclass import CHARACTER_CLASSES, classify
from ..lang.plausibility import char_logprobs, score
from .mojibake_codecs import LOST_BYTE, LOSSY_READERS, READER_BY_NAME, READERS, REGION_RES, SOURCE_BY_NAME, SOURCES, Reader, Source, encode_all, encode_runs

#: a decoding must beat the damaged text by this much mean log-probability per character
MARGIN_SINGLE_BYTE = 1.5
#: ... and by more for a piece of a region that failed as a whole (a JSON value, a tag)
MARGIN_PIECE = 2.5
#: ... and by more when the damaged text is itself CJK (GBK, Big5... readers)
MARGIN_CJK_READER = 3.0
#: ... and by more still when both codecs are double-byte CJK codecs (Big5 read as GBK)
MARGIN_CJK_TO_CJK = 4.0
#: the damaged text, when CJK, must score below this to look like mojibake at all
DAMAGED_CJK_CEILING = -11.0
#: a decoding must score at least this (real text with rare names scores about -8)
DECODED_FLOOR = -10.0
#: fewest CJK letters a decoding must hold
MIN_CJK_LETTERS = 2
#: fewest CJK letters of damaged text that is CJK itself (UTF-8 read as GBK: 浣犲ソ)
MIN_DAMAGED_CJK = 3
#: ... when both codecs are double-byte CJK codecs (Big5 read as GBK), which mix up more easily
MIN_DAMAGED_CJK_TO_CJK = 6
#: shortest damaged text (characters) for mojibake undone twice when the outer reader is CJK
MIN_DAMAGED_TWICE = 6
#: context (characters) kept around each sign of mojibake the gate saw
WINDOW_CONTEXT = 24
#: in a document where one codec pair has been undone again and again, its short leftovers
#: (a two-character line, a lone ×) need only read better than the damaged text by this much
RELAXED_MARGIN = 0.5
#: how many times mojibake may have been applied on top of itself
MAX_DEPTH = 2

_CJK_LETTER_RE = re.compile("[" + CHARACTER_CLASSES["han"] + CHARACTER_CLASSES["kana"] + CHARACTER_CLASSES["hangul"] + "]")
#: classes a decoded text may not hold: a decoding that makes them is a wrong decoding
_IMPOSSIBLE = frozenset(("c0", "c1", "private_use", "replacement", "other"))
#: bytes of two CJK characters in each source codec
_SHORTEST_REGION = {"utf8": 6, "gbk": 4, "big5": 4, "sjis": 4, "eucjp": 4, "euckr": 4}
#: with holes in the bytes, a region is every run of non-ASCII bytes (with ASCII between)
_LOSSY_REGION_RE = re.compile(rb"[\x80-\xff](?:[\x09\x20-\x7e]*[\x80-\xff])*")
#: ASCII that separates values: spaces, quotes, commas, colons, brackets...
_SEPARATOR_RE = re.compile(rb"[\x09\x20-\x2f\x3a-\x3f\x5b-\x5e\x7b-\x7e]*[\x09\x20\x22\x27,:;=|\[\]{}()<>][\x09\x20-\x2f\x3a-\x3f\x5b-\x5e\x7b-\x7e]*")
_SURROGATES_RE = re.compile("[\udc80-\udcff]+")


@dataclass(frozen=True)
class Candidate:
    start: int  # character offsets in the text the search was given
    end: int
    new: str
    kinds: Tuple[str, ...]  # outermost damage last: ("utf8-as-gbk", "gbk-as-latin1")
    old_score: float
    new_score: float
    lost: int = 0  # characters lost (lossy mojibake)

    @property
    def kind(self) -> str:
        return "+".join("mojibake." + k for k in reversed(self.kinds))

    @property
    def gain(self) -> float:
        return (self.new_score - self.old_score) * (self.end - self.start)


_IMPOSSIBLE_RE = re.compile("[" + CHARACTER_CLASSES["c0"] + CHARACTER_CLASSES["c1"] + CHARACTER_CLASSES["private_use"] + "]")


def _decodes_to_cjk(new: str) -> bool:
    """Is ``new`` made of what CJK text is made of, with at least two CJK letters?"""
    if _IMPOSSIBLE_RE.search(new) is not None:
        return False
    count = 0
    for _ in _CJK_LETTER_RE.finditer(new):
        count += 1
        if count >= MIN_CJK_LETTERS:
            return True
    return False


def _decodes_to_something(new: str) -> bool:
    """A decoding the relaxed pass may keep: no impossible character, something not ASCII."""
    return not new.isascii() and not any(classify(ch) in _IMPOSSIBLE for ch in new)


def _whole_run(text: str, cs: int, ce: int, reader: Reader) -> bool:
    """Does ``text[cs:ce]`` take in the whole run of the reader's high characters around it?

    GBK read as Latin-1 is a run of Latin-1 letters and signs that decodes as a whole; two
    characters in the middle of a longer run (``ãƒâ¢ã¢â‚¬``) that happen to decode are not.
    """
    for pos in (cs - 1, ce):
        if 0 <= pos < len(text):
            ch = text[pos]
            if ord(ch) >= 0x80 and reader.table.get(ord(ch), 0xFFFE) != 0xFFFE:
                return False
            if ord(ch) > 0xFF and ch in _high_chars(reader.name):
                return False
    return True


@lru_cache(maxsize=16)
def _high_chars(name: str) -> frozenset:
    reader = READER_BY_NAME[name]
    return frozenset(chr(cp) for cp, byte in reader.table.items() if byte != 0xFFFE and byte >= 0x80)


_SINGLE_BYTE_HIGH_RE = re.compile("[\x80-\xff\u2500-\u259f]")


def _mojibake_shaped(text: str) -> bool:
    """Could ``text`` be what a reader made of bytes (before a second misreading)?  It must hold
    CJK letters or the high half of a code page, not just Cyrillic (кий) or Greek."""
    return len(_CJK_LETTER_RE.findall(text)) >= 2 or len(_SINGLE_BYTE_HIGH_RE.findall(text)) >= 2


def _snap(starts: List[int], bs: int, be: int) -> Optional[Tuple[int, int]]:
    """Character range whose bytes are exactly ``[bs, be)``, or None when that cuts a character."""
    import bisect

    i = bisect.bisect_left(starts, bs)
    j = bisect.bisect_left(starts, be)
    if i >= len(starts) or starts[i] != bs or j >= len(starts) or starts[j] != be:
        return None
    return i, j


def _lossy_decode(data: bytes, codec: str) -> Tuple[str, int]:
    """Decode with holes: every run of bytes that does not make a character becomes U+FFFD,
    one per character lost (CJK characters take three bytes in UTF-8)."""
    text = data.decode(codec, errors="surrogateescape")
    lost = 0

    def hole(m):
        nonlocal lost
        n = max(1, round(len(m.group()) / 3))
        lost += n
        return "\ufffd" * n

    return _SURROGATES_RE.sub(hole, text), lost


def _scorable(text: str) -> str:
    """What to judge a decoding by: not the holes.  (ASCII stays: a region that runs over
    ASCII words is judged with them, and is split into pieces when it fails as a whole.)"""
    return text.replace("\ufffd", "")


class Hits:
    """The gate's hits in a stretch of text (sorted, not overlapping), asked in O(log n)."""

    def __init__(self, spans: List[Tuple[int, int]]):
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]
        self.total = [0]
        for a, b in spans:
            self.total.append(self.total[-1] + b - a)

    def overlap(self, lo: int, hi: int) -> bool:
        i = bisect.bisect_right(self.ends, lo)
        return i < len(self.starts) and self.starts[i] < hi

    def covered(self, lo: int, hi: int) -> int:
        """How many characters of ``[lo, hi)`` the hits cover."""
        i = bisect.bisect_right(self.ends, lo)
        j = bisect.bisect_left(self.starts, hi)
        if i >= j:
            return 0
        n = self.total[j] - self.total[i]
        n -= max(0, lo - self.starts[i])
        n -= max(0, self.ends[j - 1] - hi)
        return n


def decodings(text: str, depth: int = 1, hits: Optional[List[Tuple[int, int]]] = None) -> List[Candidate]:
    """Every plausible repair of a span of ``text`` (before choosing among overlapping ones).

    ``hits``: spans where the gate saw signs of mojibake; a repair must overlap one of them.
    """
    if hits is None:
        return _decodings(text, depth, None)
    found = []
    hits = sorted(hits)
    hit_starts = [a for a, _ in hits]
    for ws, we in _windows(text, hits):
        i = max(0, bisect.bisect_left(hit_starts, ws) - 1)
        j = bisect.bisect_left(hit_starts, we)
        local = Hits([(a - ws, b - ws) for a, b in hits[i:j] if a < we and ws < b])
        for c in _decodings(text[ws:we], depth, local):
            found.append(Candidate(c.start + ws, c.end + ws, c.new, c.kinds, c.old_score, c.new_score, c.lost))
    return found


def _decodings(text: str, depth: int, hits: Optional[List[Tuple[int, int]]]) -> List[Candidate]:
    found: List[Candidate] = []
    for reader in READERS:
        lossy = reader.name in LOSSY_READERS and "\ufffd" in text
        for rs, re_, data, starts in encode_runs(text, reader, lossy=lossy):
            if re_ - rs < 2 or data.isascii():
                continue  # one character cannot hold two CJK characters of mojibake
            raw = data
            nbsp = restore_nbsp(data) if reader.name in ("latin1", "cp1252") and b" " in data else data
            for source in SOURCES:
                if source.name == reader.name:
                    continue
                if lossy and source.name != "utf8":
                    continue
                data = nbsp if source.name == "utf8" else raw
                shortest = _SHORTEST_REGION[source.name]
                regions = _LOSSY_REGION_RE if (lossy and LOST_BYTE in data) else REGION_RES[source.name]
                for m in regions.finditer(data):
                    if m.end() - m.start() < shortest:
                        continue  # too short to hold two CJK characters
                    if callable(starts):
                        starts = starts()
                    found.extend(_region_candidates(text, reader, source, rs, data, starts, m.start(), m.end(),
                                                    lossy, depth, hits))
    return found


def _region_candidates(text, reader, source, rs, data, starts, bs, be, lossy, depth, hits, budget=4):
    """Candidates for one region; when the whole region fails, the parts that may not.

    A garbled sentence often runs straight into clean text the reader can also encode: the
    region then holds both, and decoding it fails or reads badly.  Split at the first byte the
    source cannot decode, or keep the stretch where the decoding reads better character by
    character (when the codecs map one character to one).
    """
    span = _snap(starts, bs, be)
    if hits is not None and span is not None and not hits.overlap(rs + span[0], rs + span[1]):
        return []  # nowhere near a sign of mojibake
    cand = _try_region(text, reader, source, rs, data, starts, bs, be, lossy, depth, hits)
    if cand is not None or lossy or depth > 1 or budget <= 0:
        return [cand] if cand is not None else []
    if hits is not None and span is not None and not reader.single_byte:
        # CJK read as CJK: look closer only where the gate saw a good deal of mojibake
        lo, hi = rs + span[0], rs + span[1]
        if hits.covered(lo, hi) < MIN_DAMAGED_CJK:
            return []
    chunk = data[bs:be]
    try:
        new = chunk.decode(source.codec)
    except UnicodeDecodeError as err:
        out = []
        for a, b in ((bs, bs + err.start), (bs + err.end, be)):
            for m in REGION_RES[source.name].finditer(data, a, b):
                if m.end() - m.start() >= _SHORTEST_REGION[source.name]:
                    out.extend(_region_candidates(text, reader, source, rs, data, starts, m.start(), m.end(),
                                                  lossy, depth, hits, budget - 1))
        return out
    span = _snap(starts, bs, be)
    if span is None:
        return []
    if reader.single_byte:
        # a region that runs over several values ("ÖÜ½ÜÂ×", "title": "Çà»¨´É"): the pieces
        # between spaces and quotes, one by one
        out = []
        pieces = list(_SEPARATOR_RE.finditer(data, bs, be))
        if not pieces:
            return []
        a = bs
        for m in pieces + [None]:
            b = m.start() if m is not None else be
            for r in REGION_RES[source.name].finditer(data, a, b):
                if r.end() - r.start() >= _SHORTEST_REGION[source.name]:
                    # (no second layer of mojibake is looked for inside a piece)
                    cand = _try_region(text, reader, source, rs, data, starts, r.start(), r.end(), lossy, MAX_DEPTH, hits)
                    # a piece is judged alone, without the run it came from: ask more of it
                    if cand is not None and cand.new_score >= cand.old_score + MARGIN_PIECE:
                        out.append(cand)
            if m is not None:
                a = m.end()
        return out
    old = text[rs + span[0]:rs + span[1]]
    if len(old) != len(new) or len(old) < MIN_DAMAGED_CJK_TO_CJK:
        return []
    # one character for one: keep the stretch where the decoding gains most (Kadane)
    best, best_i, best_j, run, run_i = 0.0, 0, 0, 0.0, 0
    for k, (o, n) in enumerate(zip(old, new)):
        g = _best_logprob(n) - _best_logprob(o)
        if run <= 0:
            run, run_i = g, k
        else:
            run += g
        if run > best:
            best, best_i, best_j = run, run_i, k + 1
    if best <= 0 or (best_i, best_j) == (0, len(old)):
        return []
    sub_bs, sub_be = starts[span[0] + best_i], starts[span[0] + best_j]
    cand = _try_region(text, reader, source, rs, data, starts, sub_bs, sub_be, lossy, depth, hits)
    return [cand] if cand is not None else []


@lru_cache(maxsize=65536)
def _best_logprob(ch: str) -> float:
    return max(char_logprobs(ch))


def relaxed_repairs(text: str, source_name: str, reader_name: str) -> List[Candidate]:
    """Repairs with one codec pair only, on weaker evidence: for documents where that pair has
    already been undone several times on strong evidence."""
    reader = READER_BY_NAME[reader_name]
    source = SOURCE_BY_NAME[source_name]
    found = []
    for rs, re_, data, starts in encode_runs(text, reader):
        if data.isascii():
            continue
        for m in REGION_RES[source.name].finditer(data):
            if callable(starts):
                starts = starts()
            cand = _try_region(text, reader, source, rs, data, starts, m.start(), m.end(), False, 1, None,
                               relaxed=True)
            if cand is not None:
                found.append(cand)
    return choose(found)


_BROKEN_BY_SPACE_RE = re.compile(
    rb"[\xc2-\xdf] |[\xe0-\xef](?: [\x80-\xbf]|[\x80-\xbf] )|[\xf0-\xf4](?: [\x80-\xbf]{2}|[\x80-\xbf] [\x80-\xbf]|[\x80-\xbf]{2} )"
)


def restore_nbsp(data: bytes) -> bytes:
    """Put back the 0xA0 bytes a program turned into spaces after reading UTF-8 as cp1252.

    ``ä½ å¥½``: the middle byte of 你 (E4 BD A0) was shown as a no-break space and saved as a
    plain one.  A space where a UTF-8 sequence needs a continuation byte can only be that.

    >>> restore_nbsp("ä½ å¥½".encode("latin-1")).decode("utf-8")
    '你好'
    """
    return _BROKEN_BY_SPACE_RE.sub(lambda m: m.group().replace(b" ", b"\xa0"), data)


def _windows(text: str, hits: List[Tuple[int, int]]) -> List[Tuple[int, int]]:
    """Stretches of ``text`` around the gate's hits, merged where they touch, cut at line ends."""
    out: List[Tuple[int, int]] = []
    for a, b in sorted(hits):
        ws, we = max(0, a - WINDOW_CONTEXT), min(len(text), b + WINDOW_CONTEXT)
        if out and ws <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], we))
        else:
            out.append((ws, we))
    return out


def whole_decodings(text: str) -> List[Tuple[str, Tuple[str, ...], float]]:
    """Decodings of all of ``text`` (one layer of mojibake undone) that look like CJK text."""
    out = []
    for reader in READERS:
        data = encode_all(text, reader)
        if data is None or data.isascii():
            continue
        for source in SOURCES:
            if source.name == reader.name:
                continue
            try:
                new = data.decode(source.codec)
            except UnicodeDecodeError:
                continue
            if new != text and _decodes_to_cjk(new):
                out.append((new, (f"{source.name}-as-{reader.name}",), score(_sample(new))))
    return out


def _try_region(text, reader: Reader, source: Source, rs, data, starts, bs, be, lossy, depth, hits=None,
                relaxed: bool = False) -> Optional[Candidate]:
    span = _snap(starts, bs, be)
    if span is None:
        return None
    cs, ce = rs + span[0], rs + span[1]
    if hits is not None and not hits.overlap(cs, ce):
        return None
    if not relaxed and not reader.single_byte and score("".join(_CJK_LETTER_RE.findall(text[cs:ce]))) > DAMAGED_CJK_CEILING:
        return None  # its letters read as real CJK text: not mojibake, whatever it decodes to
    chunk = data[bs:be]
    lost = 0
    if lossy and LOST_BYTE in chunk:
        new, lost = _lossy_decode(chunk, source.codec)
    else:
        try:
            new = chunk.decode(source.codec)
        except UnicodeDecodeError:
            return None
    if reader.single_byte and source.name != "utf8" and chunk.isascii() is False:
        try:
            chunk.decode("utf-8")
            return None  # valid UTF-8 read as a code page: ftfy's family, or a UTF-8 decoding here
        except UnicodeDecodeError:
            pass
    if reader.single_byte and not relaxed and not _whole_run(text, cs, ce, reader):
        return None
    old = text[cs:ce]
    # trim what did not change: the finding should cover the damage only
    p = 0
    while p < len(old) and p < len(new) and old[p] == new[p] and ord(old[p]) < 0x80:
        p += 1
    q = 0
    while q < len(old) - p and q < len(new) - p and old[-1 - q] == new[-1 - q] and ord(old[-1 - q]) < 0x80:
        q += 1
    old, new = old[p:len(old) - q], new[p:len(new) - q]
    cs, ce = cs + p, ce - q
    if not old or old == new:
        return None
    kinds: Tuple[str, ...] = (f"{source.name}-as-{reader.name}" + ("-lossy" if lost else ""),)
    first_ok = _decodes_to_cjk(new) if not relaxed else _decodes_to_something(new)
    first_score = score(_scorable(new)) if first_ok else None
    twice_ok = reader.single_byte or (ce - cs >= MIN_DAMAGED_TWICE and first_score is not None
                                      and first_score <= DAMAGED_CJK_CEILING)
    twice_ok = twice_ok and _mojibake_shaped(new)
    if depth < MAX_DEPTH and not lost and not relaxed and twice_ok and (first_score is None or first_score < DECODED_FLOOR):
        # mojibake on mojibake: the decoding is itself damaged text, as a whole
        inner = whole_decodings(new)
        if inner:
            best_new, best_kinds, best_score = max(inner, key=lambda c: c[2])
            outer_source = source.name
            inner_reader = best_kinds[-1].split("-as-")[1]
            # text is saved in UTF-8 or in the codec it was (mis)read with, nothing else
            sensible = outer_source in ("utf8", inner_reader)
            if sensible and (first_score is None or best_score > first_score):
                new, kinds, first_ok, first_score = best_new, best_kinds + kinds, True, best_score
    if not first_ok:
        return None
    if relaxed:
        if first_score >= score(_scorable(old)) + RELAXED_MARGIN:
            return Candidate(cs, ce, new, kinds, score(_scorable(old)), first_score, lost)
        return None
    if not reader.single_byte:
        # the damaged text is CJK itself: demand more of it
        shortest = MIN_DAMAGED_CJK if source.name == "utf8" else MIN_DAMAGED_CJK_TO_CJK
        if len(_CJK_LETTER_RE.findall(old)) < shortest:
            return None
    new_score = first_score
    if new_score < DECODED_FLOOR:
        return None
    old_score = score(_scorable(old))
    if reader.single_byte:
        margin = MARGIN_SINGLE_BYTE
    elif source.name == "utf8":
        margin = MARGIN_CJK_READER
    else:
        margin = MARGIN_CJK_TO_CJK
    if new_score < old_score + margin:
        return None
    return Candidate(cs, ce, new, kinds, old_score, new_score, lost)


def choose(candidates: List[Candidate]) -> List[Candidate]:
    """Non-overlapping candidates, best first: the most plausible decoding of each span wins."""
    chosen: List[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-round(c.gain, 6), -c.new_score, len(c.kinds), c.start)):
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


#: lines longer than this are only decoded as a whole (a minified JSON file garbled at once);
#: the span search would cost too much on them
LONG_LINE = 16384


def repair_spans(text: str, hits: Optional[List[Tuple[int, int]]] = None) -> List[Candidate]:
    """The repairs to make in ``text`` (one line or stretch), as candidates in its offsets."""
    if len(text) > LONG_LINE:
        return repair_whole(text)
    return choose(decodings(text, hits=hits))


#: how much of a long text is read to judge it (its mean log-probability is an average)
SAMPLE = 4096


def _sample(text: str) -> str:
    """Up to :data:`SAMPLE` characters taken evenly from ``text``, to score long texts fast."""
    if len(text) <= SAMPLE:
        return text
    step = len(text) // 8
    return "".join(text[i * step:i * step + SAMPLE // 8] for i in range(8))


def repair_whole(text: str) -> List[Candidate]:
    """The best decoding of all of ``text`` at once, on the usual evidence, or nothing."""
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    core = text[start:end]
    found = [c for c in whole_decodings(core)]
    if not found:
        return []
    new, kinds, new_score = max(found, key=lambda c: c[2])
    old_score = score(_sample(core))
    reader = READER_BY_NAME[kinds[-1].split("-as-")[1]]
    margin = MARGIN_SINGLE_BYTE if reader.single_byte else MARGIN_CJK_READER
    if new_score < DECODED_FLOOR or new_score < old_score + margin:
        return []
    return [Candidate(start, end, new, kinds, old_score, new_score)]
