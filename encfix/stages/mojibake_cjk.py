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
  scores as the real text it is and is left alone.  CJK read as another CJK codec (Big5 read
  as GBK, EUC-KR read as Shift_JIS...) is judged by the pair model
  (:func:`encfix.lang.plausibility.fluency`), in the language of the source codec: its mojibake
  is often made of common characters (``茄臂`` for 한글) that only their order gives away.  Such
  a region often runs from the garbled sentence into the clean text around it; it is cut where
  the two read best apart (:func:`_gaining_stretch`).
* cp932 and cp950 decode some characters from two byte pairs; the reader may have been given
  either, so both are tried (:func:`_pick_twins`).

Mojibake applied twice (UTF-8 read as GBK, then that read as Latin-1) is undone by trying to
repair each candidate decoding again before judging it.

A line the gate sees much mojibake in is first judged whole (:func:`line_readers`): when all of
it decodes far more fluently under one codec pair, the search tries that pair only, not every
reader and source on every region and piece (most of the stage's time on damaged documents).
"""
from __future__ import annotations

import bisect
import itertools
import os
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import add
from typing import Dict, List, Optional, Tuple

from ..lang.charclass import CHARACTER_CLASSES, classify
from ..lang.plausibility import LANGUAGES, PAIRED_LANGUAGES, char_fluency, char_logprobs, fluency, score
from .mojibake_codecs import LOST_BYTE, LOSSY_READERS, READER_BY_NAME, READERS, REGION_RES, SOURCE_BY_NAME, SOURCES, Reader, Source, encode_all, encode_runs, gb2312_not_in_cp932, high_chars

#: a decoding must beat the damaged text by this much mean log-probability per character
MARGIN_SINGLE_BYTE = 1.5
#: ... and by more for a piece of a region that failed as a whole (a JSON value, a tag)
MARGIN_PIECE = 2.5
#: ... and by more when the damaged text is itself CJK (GBK, Big5... readers)
MARGIN_CJK_READER = 3.0
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

# CJK read as another CJK codec (Big5 read as GBK, EUC-KR read as Shift_JIS...) is judged with
# the pair model (:func:`encfix.lang.plausibility.fluency`): its mojibake is often made of
# common characters (``茄臂`` for 한글), which only their order gives away.  On 139,000
# decodings of the lines of clean zh/ja/ko/CSV corpus documents by every CJK reader and source,
# none passes all four tests below; about 95% of garbled sentences do.
#: the damaged text must read worse than this under the pair model (real text: -3 to -6)
DAMAGED_FLUENCY_CEILING = -7.0
#: the decoding must read at least this well
DECODED_FLUENCY_FLOOR = -9.5
#: ... or this, when at least half the damaged letters are characters the document's own codec
#: cannot write (Hangul in a Chinese document): the damage is certain, and only the decoding is
#: judged.  A poem or a name is rarer text than the pair model's prose (黛玉徘徊还自苦，莲羡甘受使
#: 儿枉 reads -9.95, 杜英姿 less)
DECODED_FLUENCY_FLOOR_FOREIGN = -10.5
#: ... or this, when besides the span stands between CJK punctuation or line ends
#: (:func:`_set_off`): a commentary's signature of rare characters (``。ﾖｬﾑ籃ｫﾆﾀ｡｣】`` is
#: 脂砚斋评。, -10.55) or a line of a poem (箫增嫠妇泣，衾倩侍儿温, -11.34) reads lower than prose.
#: (On the pair model's scale, :func:`fluency`; not the unigram score of :data:`DECODED_FLOOR_BETWEEN_CJK`.)
DECODED_FLUENCY_FLOOR_SET_OFF = -11.5
#: ... and better than the damaged text by this much per character
MARGIN_FLUENCY = 2.0
#: ... and by this much in all (per damaged letter: short spans need a larger margin)
MIN_FLUENCY_GAIN = 16.0
#: ... or this much, when every damaged letter is a character the document's codec cannot write
#: (a foreign letter is a sign of the wrong reader by itself: 웹츠샙눠 between the full-width
#: digits of a Chinese table gains 15.5 as 昆明机床)
MIN_FLUENCY_GAIN_FOREIGN = 12.0
#: fewest damaged letters (Han, kana, Hangul, half-width kana, private use, symbols)
MIN_DAMAGED_LETTERS = 3
#: ... when the damaged text touches letters of the text around it (``矾绢的胶矾在外``: a few
#: rare characters in a clean sentence that happen to decode as Korean)
MIN_DAMAGED_INSIDE = 10
#: when a region is cut into damaged text and clean text around it, each clean part must read
#: better as it is by this much log-probability (one odd character next to a garbled sentence
#: is part of it, not a clean word)
SEGMENT_COST = 2.0
#: a window around the gate's hits goes on to the end of a run of letters, at most this far
RUN_REACH = 16

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


_KOREAN = LANGUAGES.index("ko")
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


#: fewest full-width digits and letters in a decoding made of nothing else (:func:`_fullwidth_forms`)
MIN_FULLWIDTH = 3
_FULLWIDTH_FORMS_RE = re.compile("[\uff01-\uff5e\u3000-\u3003\u00b7\u2014\u2026]+")
_FULLWIDTH_ALNUM_RE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def _fullwidth_forms(new: str) -> bool:
    """Is ``new`` a run of full-width forms (``１２９３·７８０``), with at least
    :data:`MIN_FULLWIDTH` digits or letters?  GBK writes them as A3 and one byte more, which
    Latin-1 shows as ``£±£²£¹£³``: a pound sign before every other character, that no text
    writes, and no CJK letter for the usual test (:func:`_decodes_to_cjk`) to find.

    >>> _fullwidth_forms("１２９３·７８０"), _fullwidth_forms("１２"), _fullwidth_forms("１２３号")
    (True, False, False)
    """
    return (_FULLWIDTH_FORMS_RE.fullmatch(new) is not None
            and len(_FULLWIDTH_ALNUM_RE.findall(new)) >= MIN_FULLWIDTH)


#: bopomofo finals and medials (ㄚ-ㄩ, Big5 A3AB-A3BA): what Big5 reads GBK's full-width digits
#: and number signs as (GBK's ０-９ are A3B0-A3B9, Big5's ㄟㄠㄡㄢㄣㄤㄥㄦㄧㄨ; ，－．／：are ㄛㄜㄝㄞㄩ),
#: with ﹞﹝﹜ for GBK's ·。、 (A1A4, A1A3, A1A2)
_BOPOMOFO_FINALS_RE = re.compile("[\u311a-\u3129\ufe5c-\ufe5e]+")
#: fewest digits in a number taken back from bopomofo
MIN_BOPOMOFO_DIGITS = 6
#: a number as Chinese writes it in full-width forms: groups of digits, one point, comma, dash,
#: slash, colon or middle dot between two groups
_FULLWIDTH_NUMBER_RE = re.compile("[０-９]+(?:[·．，－／：、。][０-９]+)*")


def _numbers_read_as_bopomofo(old: str, new: str) -> bool:
    """Is ``old`` GBK's full-width numbers (``４１６５·２８０·０２２``) read as Big5, ``new`` their
    decoding?  Big5 reads GBK's full-width digits as bopomofo finals (``ㄣㄠㄥㄤ﹞ㄡㄧㄟ``), and a
    decoding without a letter is no text for the pair model to judge.

    Zhuyin as Taiwan writes it has initials (ㄅ-ㄙ) and tone marks (ˊˇˋ˙), which Big5 keeps
    apart from those bytes; ``old`` must be finals, medials and the signs GBK's ·。、 become only.
    A table or a drill of the finals names each once (``ㄢㄣㄤㄥㄦ`` is ``３４５６７``, shuffled or
    not); the decoding must be a number (:data:`_FULLWIDTH_NUMBER_RE`) of at least
    :data:`MIN_BOPOMOFO_DIGITS` digits, one of them written twice, with a sign inside it (a drill
    may name each final twice, but writes no sign between them).

    >>> _numbers_read_as_bopomofo("ㄣㄠㄥㄤ﹞ㄡㄧㄟ﹞ㄟㄡㄡ", "４１６５·２８０·０２２")
    True
    >>> _numbers_read_as_bopomofo("ㄣㄠㄥㄤ﹞ㄡㄧㄟ", "４１６５·２８０")  # (a drill names each letter once)
    False
    >>> _numbers_read_as_bopomofo("ㄢㄣㄤㄥㄦㄧ", "３４５６７８"), _numbers_read_as_bopomofo("ㄓㄨˋㄧㄣ", "＄９？８４")
    (False, False)
    >>> _numbers_read_as_bopomofo("ㄥㄤㄨㄛㄧㄦㄠㄡㄢㄩ", "６５９，８７１２３：")  # (no number ends with a colon)
    False
    >>> _numbers_read_as_bopomofo("ㄢㄢㄣㄣㄤㄤ", "３３４４５５")  # (a drill naming each final twice: no sign)
    False
    """
    if _BOPOMOFO_FINALS_RE.fullmatch(old) is None or _FULLWIDTH_NUMBER_RE.fullmatch(new) is None:
        return False
    digits = _FULLWIDTH_DIGIT_RE.findall(new)
    # (and a sign inside the number: a drill of finals may name each one twice, ``ㄢㄢㄣㄣㄤㄤ``,
    # but it holds no ﹞﹝﹜ or ㄛㄜㄝㄞㄩ, the signs GBK's numbers are written with)
    return (len(digits) >= MIN_BOPOMOFO_DIGITS and len(set(digits)) < len(digits)
            and len(digits) < len(new))


_FULLWIDTH_DIGIT_RE = re.compile("[０-９]")


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
            if ord(ch) > 0xFF and ch in high_chars(reader.name):
                return False
    return True


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


def _inward(starts: List[int], bs: int, be: int) -> Tuple[int, int]:
    """``[bs, be)`` narrowed to the bytes of the whole characters inside it.

    >>> _inward([0, 2, 4, 6], 1, 6)
    (2, 6)
    """
    i = bisect.bisect_left(starts, bs)
    j = bisect.bisect_right(starts, be) - 1
    if i >= len(starts) or j < i:
        return bs, bs
    return starts[i], starts[j]


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
    """The gate's hits in a stretch of text (sorted, not overlapping), asked in O(log n).

    ``foreign``: the hits are characters the document's own codec cannot write (Hangul in a
    Chinese document), evidence enough that a garbled stretch may run straight into the clean
    text beside it."""

    def __init__(self, spans: List[Tuple[int, int]], foreign: bool = False, context: str = "", offset: int = 0):
        self.foreign = foreign
        # the whole line or piece the stretch was cut from, and where the stretch starts in it
        # ("" when the stretch is all of it): brackets pair across a search window's ends
        self.context, self.offset = context, offset
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]
        self.total = [0]
        for a, b in spans:
            self.total.append(self.total[-1] + b - a)

    def overlap(self, lo: int, hi: int) -> bool:
        i = bisect.bisect_right(self.ends, lo)
        return i < len(self.starts) and self.starts[i] < hi

    def bounds(self, lo: int, hi: int) -> Optional[Tuple[int, int]]:
        """Where the first hit inside ``[lo, hi)`` starts and the last one ends (clipped to it)."""
        i = bisect.bisect_right(self.ends, lo)
        j = bisect.bisect_left(self.starts, hi)
        if i >= j:
            return None
        return max(lo, self.starts[i]), min(hi, self.ends[j - 1])

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


def decodings(text: str, depth: int = 1, hits: Optional[List[Tuple[int, int]]] = None,
              readers: Optional[Dict[str, Tuple[str, ...]]] = None, foreign: bool = False) -> List[Candidate]:
    """Every plausible repair of a span of ``text`` (before choosing among overlapping ones).

    ``hits``: spans where the gate saw signs of mojibake; a repair must overlap one of them.
    ``readers``: the readers to try, each with the sources to try (None: every pair).
    ``foreign``: the hits are characters foreign to the document (see :class:`Hits`).
    """
    if hits is None:
        return _decodings(text, depth, None, readers)
    found = []
    hits = sorted(hits)
    hit_starts = [a for a, _ in hits]
    for ws, we in _windows(text, hits):
        i = max(0, bisect.bisect_left(hit_starts, ws) - 1)
        j = bisect.bisect_left(hit_starts, we)
        local = Hits([(a - ws, b - ws) for a, b in hits[i:j] if a < we and ws < b], foreign, text, ws)
        for c in _decodings(text[ws:we], depth, local, readers):
            found.append(Candidate(c.start + ws, c.end + ws, c.new, c.kinds, c.old_score, c.new_score, c.lost))
    return found


def _decodings(text: str, depth: int, hits: Optional[List[Tuple[int, int]]],
               readers: Optional[Dict[str, Tuple[str, ...]]] = None) -> List[Candidate]:
    found: List[Candidate] = []
    for reader in READERS:
        if readers is not None and reader.name not in readers:
            continue
        lossy = reader.name in LOSSY_READERS and "\ufffd" in text
        for rs, re_, data, starts in encode_runs(text, reader, lossy=lossy):
            if re_ - rs < 2 or data.isascii():
                continue  # one character cannot hold two CJK characters of mojibake
            raw = data
            nbsp = restore_nbsp(data) if reader.name in ("latin1", "cp1252") and b" " in data else data
            twins = None if reader.single_byte else _twins_re(reader.codec)
            ambiguous = twins is not None and twins.search(text, rs, re_) is not None
            for source in SOURCES:
                if source.name == reader.name:
                    continue
                if readers is not None and source.name not in readers[reader.name]:
                    continue
                if lossy and source.name != "utf8":
                    continue
                data = nbsp if source.name == "utf8" else raw
                if ambiguous and not lossy:
                    if callable(starts):
                        starts = starts()
                    data = _pick_twins(text, rs, re_, data, starts, reader, source)
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
    if span is None and not reader.single_byte and not lossy and budget > 0:
        # the source's bytes run on into the clean text after the damage, and end inside one
        # of the reader's characters (Shift_JIS takes GBK's kana bytes A5 D5 for two half-width
        # kana): only the reader's whole characters can be a repair
        a, b = _inward(starts, bs, be)
        out = []
        for m in REGION_RES[source.name].finditer(data, a, b):
            if m.end() - m.start() >= _SHORTEST_REGION[source.name]:
                out.extend(_region_candidates(text, reader, source, rs, data, starts, m.start(), m.end(),
                                              lossy, depth, hits, budget - 1))
        return out
    if hits is not None and span is not None and not hits.overlap(rs + span[0], rs + span[1]):
        return []  # nowhere near a sign of mojibake
    # CJK read as CJK: look closer (cut the region into damaged and clean parts) only where
    # the gate saw a good deal of mojibake; a pair of rare characters in a clean sentence
    # (``鸳鸯``) is no garbled sentence, and looking closer at every one costs too much
    closer = (not reader.single_byte and source.name != "utf8" and not lossy and depth == 1 and span is not None
              and budget > 0 and (hits is None or hits.covered(rs + span[0], rs + span[1])
                                  >= max(MIN_DAMAGED_CJK, HIT_SHARE * (span[1] - span[0]))))
    # (a character the document's codec cannot write is evidence enough to judge the region)
    if (not reader.single_byte and source.name != "utf8" and not closer and hits is not None and span is not None
            and not hits.foreign and _mixed_re().search(text, rs + span[0], rs + span[1]) is None):
        return []
    if closer and _has_damaged_stretch(text[rs + span[0]:rs + span[1]]):
        # CJK read as CJK: the damaged text and the clean text around it are both CJK, and the
        # reader's bytes of both often make one region; keep the stretch that gains
        cs, ce = rs + span[0], rs + span[1]
        stretch = _gaining_stretch(text[cs:ce], starts[span[0]:span[1] + 1], data, bs, be, source,
                                   text[cs - 1:cs], text[ce:ce + 1])
        if stretch is not None:
            lo, hi = stretch
            cand = _try_region(text, reader, source, rs, data, starts, lo, hi, lossy, depth, hits)
            if cand is not None:
                out = [cand]
                for a, b in ((bs, lo), (hi, be)):
                    for m in REGION_RES[source.name].finditer(data, a, b):
                        if m.end() - m.start() >= _SHORTEST_REGION[source.name]:
                            out.extend(_region_candidates(text, reader, source, rs, data, starts, m.start(), m.end(),
                                                          lossy, depth, hits, budget - 1))
                return out
    cand = _try_region(text, reader, source, rs, data, starts, bs, be, lossy, depth, hits)
    if cand is not None or lossy or depth > 1 or budget <= 0:
        return [cand] if cand is not None else []
    if hits is not None and span is not None and not reader.single_byte:
        # CJK read as CJK: look closer only where the gate saw a good deal of mojibake
        # (two characters the document's codec cannot write are evidence enough, as in
        # :func:`_judge_cjk_reader`: 籧迶 of ``。籧迶硐祥湘﹝``, GBK's 黛玉只不答。 read as Big5)
        lo, hi = rs + span[0], rs + span[1]
        if hits.covered(lo, hi) < (MIN_FOREIGN_DAMAGED if hits.foreign else MIN_DAMAGED_CJK):
            return []
    chunk = data[bs:be]
    try:
        new = chunk.decode(source.codec)
    except UnicodeDecodeError:
        out = []
        # every stretch the source decodes, at once: clean text beside the damage can hold
        # many byte pairs the source cannot decode (cp932 bytes of 之百分 read as Big5)
        for a, b in _decodable_pieces(data, bs, be, source.codec, starts):
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
    # one character for one: keep the stretch where the decoding gains most (Kadane), not cut
    # inside a run of letters that the decoding changes: a garbled sentence, line or value
    # starts and ends next to a mark, a blank, ASCII or a letter both codecs share (kana in
    # EUC-JP and GBK), and a clean word it runs into is kept or left whole (``美景。（뗘亶率`` is
    # 美景 and a garbled name; 景 alone reads better decoded, as 特)
    best, best_i, best_j, run, run_i = 0.0, 0, 0, 0.0, 0
    for k, m, g in _unit_gains(old, new):
        if run <= 0:
            run, run_i = g, k
        else:
            run += g
        if run > best:
            best, best_i, best_j = run, run_i, m
    if best <= 0 or (best_i, best_j) == (0, len(old)):
        return []
    sub_bs, sub_be = starts[span[0] + best_i], starts[span[0] + best_j]
    cand = _try_region(text, reader, source, rs, data, starts, sub_bs, sub_be, lossy, depth, hits)
    return [cand] if cand is not None else []


#: the readers' codecs that decode one character from two byte pairs (GBK and cp949 do not)
_TWIN_CODECS = ("cp932", "cp950")


@lru_cache(maxsize=8)
def _twin_bytes(codec: str) -> Dict[str, Tuple[bytes, ...]]:
    """Characters ``codec`` decodes from more than one byte pair, with every such pair.

    cp932 has the IBM extensions twice (NEC's selection at ED40-EEFC, IBM's at FA40-FC4B) and a
    few signs three times; encoding gives one of them, but the reader may have been given the
    other: GBK's 国 (B9 FA) read as cp932 holds FA D4... which encodes back as ED xx.
    """
    found: Dict[str, List[bytes]] = {}
    if codec not in _TWIN_CODECS:
        return {}
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            pair = bytes((lead, trail))
            try:
                ch = pair.decode(codec)
            except UnicodeDecodeError:
                continue
            if len(ch) == 1:
                found.setdefault(ch, []).append(pair)
    return {ch: tuple(pairs) for ch, pairs in found.items() if len(pairs) > 1}


@lru_cache(maxsize=8)
def _twins_re(codec: str) -> "Optional[re.Pattern[str]]":
    twins = _twin_bytes(codec)
    if not twins:
        return None
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(twins)) + "]")


#: how many bytes after a twin character are decoded to choose among its byte pairs
_TWIN_LOOKAHEAD = 4


def _pick_twins(text: str, rs: int, re_: int, data: bytes, starts: List[int], reader: Reader,
                source: Source) -> bytes:
    """The reader's bytes of ``text[rs:re_]`` with each twin character (see :func:`_twin_bytes`)
    given the byte pair the source decodes best there: no undecodable bytes, then the most
    two-letter words (:func:`_known_words`: GBK's 嘻笑 read as cp932 is ``ﾎ鋗ｦ``, and 鋗's other
    pair makes 晤处), then the most fluent characters (:func:`fluency`: 发生微, not 发身并).
    Twins often come in a row (GBK's 跟他父 read as cp932 is ``ｸ撝鄕ｸ``): a twin's pair is
    judged with each pair of the twins right after it, not with the pair encoding happened to
    give them.

    >>> from encfix.stages.mojibake_codecs import READER_BY_NAME, SOURCE_BY_NAME
    >>> bad = "，跟他父母".encode("gbk").decode("cp932")
    >>> data = bad.encode("cp932")
    >>> starts = [len(bad[:k].encode("cp932")) for k in range(len(bad) + 1)]
    >>> _pick_twins(bad, 0, len(bad), data, starts, READER_BY_NAME["sjis"], SOURCE_BY_NAME["gbk"]).decode("gbk")
    '，跟他父母'
    """
    twins = _twin_bytes(reader.codec)
    out = bytearray(data)
    found = [(starts[m.start() - rs], twins[m.group()]) for m in _twins_re(reader.codec).finditer(text, rs, re_)]
    for t, (pos, pairs) in enumerate(found):
        end = pos + 2 + _TWIN_LOOKAHEAD
        ahead = []
        for later in found[t + 1:]:
            if later[0] >= end:
                break
            ahead.append(later)
        best_key, best_pair = None, None
        for pair in pairs:
            out[pos:pos + 2] = pair
            key = None
            for choice in itertools.product(*(later_pairs for _, later_pairs in ahead)):
                for (later_pos, _), later_pair in zip(ahead, choice):
                    out[later_pos:later_pos + 2] = later_pair
                # (the bytes that do not decode are counted in all the text decoded, which is the
                # same before the twin whatever its pair: in the last few characters only, one pair's
                # hole could fall out of the count because it made more characters, ``ｭ蠇C`` of
                # Big5's 員。 read as cp932)
                tail = bytes(out[:end]).decode(source.codec, errors="replace")
                k = (-tail.count("\ufffd"), _known_words(tail[-5:]), fluency(tail[-4:].replace("\ufffd", "")))
                if key is None or k > key:
                    key = k
            if best_key is None or key > best_key:
                best_key, best_pair = key, pair
        out[pos:pos + 2] = best_pair
    return bytes(out)


_TWIN_WORDS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "twin_words.txt")


@lru_cache(maxsize=1)
def _twin_words() -> frozenset:
    """Two-letter Chinese words a choice between twins can make (``encfix/data/twin_words.txt``)."""
    with open(_TWIN_WORDS, encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line.strip())


def _known_words(text: str) -> int:
    """How many pairs of neighbouring letters of ``text`` are words of :func:`_twin_words`.

    >>> _known_words("廊上嘻笑"), _known_words("廊上晤处")
    (1, 0)
    """
    words = _twin_words()
    return sum(1 for k in range(len(text) - 1) if text[k:k + 2] in words)


def _decodable_pieces(data: bytes, bs: int, be: int, codec: str,
                      starts: Optional[List[int]] = None) -> List[Tuple[int, int]]:
    """The stretches of ``data[bs:be]`` that ``codec`` decodes, between the bytes it cannot.

    ``starts``: where the reader's characters start; each stretch is then whole characters of
    the reader's.  After a byte the source cannot decode, the next stretch starts with the
    reader's next character, not the byte after: the rest of
    that character's bytes would pair with the next ones out of step, and decode (or fail) as
    characters that were never there (恨 as cp949 bytes, F9 CF, is no GBK; CF and the bytes of
    the garbled sentence after it would be read one byte out of step).

    >>> bad = "恨。" + "】李宫裁并".encode("gbk").decode("cp949")
    >>> data = bad.encode("cp949")
    >>> starts = [len(bad[:k].encode("cp949")) for k in range(len(bad) + 1)]
    >>> [data[a:b].decode("gbk") for a, b in _decodable_pieces(data, 0, len(data), "gbk", starts)]
    ['。】李宫裁并']
    """
    pieces = []
    a = bs
    while a < be:
        try:
            data[a:be].decode(codec)
        except UnicodeDecodeError as err:
            if err.start > 0:
                end = a + err.start
                if starts is not None:  # (ends with the reader's last whole character)
                    end = starts[bisect.bisect_right(starts, end) - 1]
                if end > a:
                    pieces.append((a, end))
            a += max(1, err.end)
            if starts is not None:
                k = bisect.bisect_left(starts, a)
                a = starts[k] if k < len(starts) else be
            continue
        pieces.append((a, be))
        break
    return pieces


@lru_cache(maxsize=1)
def _mixed_re() -> "re.Pattern[str]":
    """Mixtures real text does not write, which CJK read as CJK makes of common characters
    (so the gate may see little of it):

    * Hangul next to Han: GBK and Big5 read as EUC-KR (``櫓빽췽벌``);
    * kana next to a Chinese character no Japanese codec has: EUC-JP read as GBK keeps the kana
      and makes Simplified characters of the kanji (``肩な孟爬の``);
    * Han words set apart by spaces: Korean read as GBK or Big5 (``措烹飞狼 惫过惑``).
    """
    han, hangul = CHARACTER_CLASSES["han"], CHARACTER_CLASSES["hangul"]
    kana = "\u3041-\u3096\u30a1-\u30fa"
    c = "[" + "".join(gb2312_not_in_cp932()) + "]"
    return re.compile("[" + hangul + "][" + han + "]|[" + han + "][" + hangul + "]"
                      + "|[" + kana + "]" + c + "|" + c + "[" + kana + "]"
                      + "|[" + han + "]{2} [" + han + "]{2}")
#: CJK read as CJK is looked for in a region only when the gate's hits cover this share of it
HIT_SHARE = 0.1
#: a damaged stretch: this many letters in a row ...
DAMAGED_RUN = 4
#: ... that read worse than this per character, each alone in the language that suits it best
DAMAGED_RUN_CEILING = -8.0


def _has_damaged_stretch(old: str) -> bool:
    """Does ``old`` hold :data:`DAMAGED_RUN` letters in a row that read as mojibake?  (A cheap
    look before cutting a region into damaged and clean parts: clean text has no such run.)"""
    run: List[float] = []
    for ch in old:
        if not _is_letter(ch):
            run = []
            continue
        run.append(_best_logprob(ch))
        if len(run) >= DAMAGED_RUN and sum(run[-DAMAGED_RUN:]) <= DAMAGED_RUN_CEILING * DAMAGED_RUN:
            return True
    return False


def _gaining_stretch(old: str, old_starts: List[int], data: bytes, bs: int, be: int,
                     source: Source, before: str = "", after: str = "") -> Optional[Tuple[int, int]]:
    """The bytes ``[lo, hi)`` inside ``[bs, be)`` whose decoding gains most over what the reader
    made of them, or None when that is all of them (or cannot be told).

    ``old`` is the reader's text of the bytes, ``old_starts`` the byte offset of each of its
    characters (and ``be``).  The bytes are cut where a character of ``old`` and one of the
    decoding both start, and each piece is scored by :func:`char_fluency`, which judges a
    letter by the one before it: a clean sentence beside the garbled one reads better as it is.

    ``before`` and ``after``: the characters of the text either side of the region.  Each part
    is judged where it would stand, after the character it would follow: the clean text next to
    a garbled sentence is judged with the word it belongs to (``顺口`` when the region starts at
    口, ``刮风`` when it ends at 刮), a decoded part after the clean text it follows, and a clean
    mark after the decoded sentence it closes (``。”``, not ``﹝”``).

    >>> from encfix.stages.mojibake_codecs import SOURCE_BY_NAME
    >>> old = "也不妨。" + "”王夫人笑道：“这也是好主意。".encode("gbk").decode("cp949") + "刮"
    >>> data = old.encode("cp949")
    >>> starts = [len(old[:k].encode("cp949")) for k in range(len(old) + 1)]
    >>> lo, hi = _gaining_stretch(old, starts, data, 0, len(data), SOURCE_BY_NAME["gbk"], "跑", "风")
    >>> data[lo:hi].decode("gbk")
    '。”王夫人笑道：“这也是好主意'
    """
    try:
        new = data[bs:be].decode(source.codec)
    except UnicodeDecodeError:
        return None
    new_starts = [bs]
    try:
        for ch in new:
            new_starts.append(new_starts[-1] + len(ch.encode(source.codec)))
    except UnicodeEncodeError:
        return None
    if new_starts[-1] != be or old_starts[0] != bs or old_starts[-1] != be:
        return None
    cuts = sorted(set(old_starts) & set(new_starts))
    if len(cuts) < 3:
        return None
    n_langs = PAIRED_LANGUAGES  # the CJK ones: what a CJK reader's text and its decodings are in
    piece = {b: k for k, b in enumerate(cuts[:-1])}
    at_old = {b: k for k, b in enumerate(old_starts)}
    last = len(cuts) - 1
    # cut only next to punctuation, a space or ASCII: a garbled sentence, value or name starts
    # and ends there, not inside a run of letters.  Where the decoded part starts, the clean text
    # before it meets its first character; where it ends, its last character meets the clean
    # text after it (the text around the region too: the reader could not make it, it is clean)
    at_new = {b: k for k, b in enumerate(new_starts)}

    def apart(left: str, right: str) -> bool:
        return not (_is_letter(left or " ") and _is_letter(right or " "))

    starts_at = [k for k, b in enumerate(cuts[:-1])
                 if apart(old[at_old[b] - 1] if k else before[-1:], new[at_new[b]])]
    ends_at = set(k for k, b in enumerate(cuts) if k
                  and apart(new[at_new[b] - 1], old[at_old[b]] if k < last else after[:1]))
    if len(ends_at.union(starts_at)) > 48:
        return None

    def prefix_sums(starts, rows):
        """Per language, the log-probability of the pieces before each cut."""
        sums = [[0.0] * n_langs for _ in cuts]
        k = 0
        for pos, row in zip(starts, rows):
            k = piece.get(pos, k)
            acc = sums[k + 1]
            for i in range(n_langs):
                acc[i] += row[i]
        for k in range(1, len(cuts)):
            prev, acc = sums[k - 1], sums[k]
            for i in range(n_langs):
                acc[i] += prev[i]
        return sums

    skip = len(before)
    new_rows = char_fluency(before + new + after)
    old_rows = char_fluency(before + old + after)
    new_sums = prefix_sums(new_starts, new_rows[skip:skip + len(new)])
    old_sums = prefix_sums(old_starts, old_rows[skip:skip + len(old)])
    zero = (0.0,) * n_langs
    # the character after the region, after the old text's last character or the decoding's
    old_tail = old_rows[-1] if after else zero
    new_tail = new_rows[-1] if after else zero
    # at an inner cut, the first character of each part follows the other text's last one, not
    # its own text's: how much that changes its log-probability
    into_new = {k: _seam(old[at_old[cuts[k]] - 1], new[at_new[cuts[k]]], new_rows[skip + at_new[cuts[k]]])
                for k in starts_at if k}
    into_old = {k: _seam(new[at_new[cuts[k]] - 1], old[at_old[cuts[k]]], old_rows[skip + at_old[cuts[k]]])
                for k in ends_at if k < last}

    def best(sums, i, j, *extra):
        a, b = sums[i], sums[j]
        return max(b[k] - a[k] + sum(e[k] for e in extra) for k in range(n_langs))

    # the damaged text read as it is before piece i and from piece j on, decoded between: each
    # part judged in the language it fits best (the parts that depend on i or j alone are
    # added up once: this loop is most of the time the stage spends on damaged documents)
    top, where = best(old_sums, 0, last, old_tail), None
    ends = sorted(ends_at)
    head = {i: best(old_sums, 0, i) - SEGMENT_COST if i else 0.0 for i in starts_at}
    rest = {j: best(old_sums, j, last, into_old[j], old_tail) - SEGMENT_COST if j < last else 0.0 for j in ends}
    into = {i: [x - y for x, y in zip(into_new[i], new_sums[i])] if i else [-y for y in new_sums[i]]
            for i in starts_at}
    out = {j: [x + y for x, y in zip(new_sums[j], new_tail)] if j == last else new_sums[j] for j in ends}
    for i in starts_at:
        a = into[i]
        for j in ends:
            if j <= i:
                continue
            total = head[i] + max(map(add, a, out[j])) + rest[j]
            if total > top:
                top, where = total, (i, j)
    if where is None or where == (0, last):
        return None
    return cuts[where[0]], cuts[where[1]]


def _seam(prev: str, ch: str, own: Tuple[float, ...]) -> Tuple[float, ...]:
    """How much the log-probability of ``ch`` (``own``, after the character it follows in its
    own text) changes when it follows ``prev`` instead, per language."""
    moved = _after(prev, ch)
    return tuple(m - o for m, o in zip(moved, own))


@lru_cache(maxsize=65536)
def _after(prev: str, ch: str) -> Tuple[float, ...]:
    """Log-probability of ``ch`` after ``prev``, per language (:func:`char_fluency`)."""
    return char_fluency.__wrapped__(prev + ch)[1]


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


_NOT_LETTER = "[^" + CHARACTER_CLASSES["han"] + CHARACTER_CLASSES["kana"] + CHARACTER_CLASSES["hangul"] + "]"
_RUN_END_RE = re.compile(_NOT_LETTER)
_RUN_START_RE = re.compile(_NOT_LETTER + "(?!.*" + _NOT_LETTER + ")", re.S)


def _windows(text: str, hits: List[Tuple[int, int]]) -> List[Tuple[int, int]]:
    """Stretches of ``text`` around the gate's hits, merged where they touch, cut at line ends.

    No window starts or ends between two characters a single-byte reader made of one
    character's bytes (see :func:`_high_run_start`).

    >>> _windows("ab " + "ГУ" * 40 + " cd", [(40, 41)])  # (16, 65) before the widening
    [(3, 84)]
    """
    out: List[Tuple[int, int]] = []
    for a, b in sorted(hits):
        ws, we = max(0, a - WINDOW_CONTEXT), min(len(text), b + WINDOW_CONTEXT)
        # a window that ends inside a run of letters may cut a word of the clean text after
        # the damage in two, and its half may read better decoded; go on to the run's end
        if 0 < we < len(text):
            m = _RUN_END_RE.search(text, we, min(len(text), we + RUN_REACH))
            we = m.start() if m is not None else min(len(text), we + RUN_REACH)
        if 0 < ws < len(text):
            m = _RUN_START_RE.search(text, max(0, ws - RUN_REACH), ws)
            ws = m.end() if m is not None else max(0, ws - RUN_REACH)
        last = out[-1][1] if out else 0
        if ws > last:
            ws = _high_run_start(text, ws, last)
        if we > last:  # (a window already past ``we`` was widened once: every run is walked once)
            we = _high_run_end(text, we)
        if out and ws <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], we))
        else:
            out.append((ws, we))
    return out


@lru_cache(maxsize=1)
def _single_byte_high_res() -> Tuple["re.Pattern[str]", "re.Pattern[str]"]:
    """(one character of the high half of a single-byte reader, one character that is not)."""
    chars = set()
    for reader in READERS:
        if reader.single_byte:
            chars.update(high_chars(reader.name))
    body = "".join(re.escape(ch) for ch in sorted(chars))
    return re.compile("[" + body + "]"), re.compile("[^" + body + "]")


def _high_run_start(text: str, ws: int, floor: int) -> int:
    """``ws`` moved back (not below ``floor``) to where no single-byte reader's character comes
    just before it.

    A reader's character is one byte; a double-byte source's character is two.  A window that
    starts between two of the reader's characters may start inside a source character, and its
    bytes then pair up one out of step: Shift_JIS read as cp866, ``ГУГe`` (ンテ, 83 93 83 65),
    cut before ``У``, reads ``塔e``, and the cut hides the ``Г`` that would show it is no whole
    run.  After a character that no reader makes of a lead byte (ASCII, a CJK letter) a source
    character always starts.

    >>> _high_run_start("ab ГУГe", 4, 0)
    3
    """
    high, _ = _single_byte_high_res()
    while ws > floor and high.match(text, ws - 1) is not None:
        ws -= 1
    return ws


def _high_run_end(text: str, we: int) -> int:
    """``we`` moved on past the next character that is not a single-byte reader's, when a
    reader's character (perhaps a lead byte) comes just before it: its trail byte may be that
    ASCII character (``Гe`` is テ).

    >>> _high_run_end("ГУГe ab", 2)
    4

    A double-byte source's trail byte may be ASCII in the middle of the run too (``БxВЁ`` is
    』を, 81 78 82 F0, read as cp866): a window that ends right after such a byte goes on over
    the rest of the run, or the run's tail is in no window and is never looked at.

    >>> _high_run_end("ОRБxВЁСnКзБB ab", 4)
    12
    """
    high, not_high = _single_byte_high_res()
    n = len(text)
    if we <= 0 or we >= n:
        return we
    if high.match(text, we - 1) is None:
        if not (we >= 2 and _TRAIL_ASCII_RE.match(text, we - 1) and high.match(text, we - 2)
                and high.match(text, we)):
            return we
    pos = we
    while pos < n:  # over the reader's characters, and single trail bytes between them
        if high.match(text, pos) is not None:
            pos += 1
        elif pos + 1 < n and _TRAIL_ASCII_RE.match(text, pos) and high.match(text, pos + 1) is not None:
            pos += 2
        else:
            break
    return min(n, pos + 1)  # (and the character after the run: its last trail byte, perhaps)


#: an ASCII character that can be the trail byte of a double-byte character (Shift_JIS, GBK,
#: Big5: 0x40-0x7E)
_TRAIL_ASCII_RE = re.compile("[\x40-\x7e]")


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
    chunk = data[bs:be]
    lost = 0
    if lossy and LOST_BYTE in chunk:
        new, lost = _lossy_decode(chunk, source.codec)
    else:
        try:
            new = chunk.decode(source.codec)
        except UnicodeDecodeError:
            return None
    if not relaxed and not reader.single_byte:
        if not lost and not _decodes_to_cjk(new) and not (source.name == "gbk"
                                                          and _numbers_read_as_bopomofo(text[cs:ce], new)):
            return None  # (cheap: before judging the damaged text)
        # the damaged text is CJK itself: it must read as mojibake, not as real CJK text, by
        # its letters alone (UTF-8 read as GBK: 浣犲ソ) or by their order (Big5 read as GBK)
        damaged = text[cs:ce]
        if source.name == "utf8":
            if score("".join(_CJK_LETTER_RE.findall(damaged))) > DAMAGED_CJK_CEILING:
                return None
        elif not _reads_as_mojibake(damaged, MIN_FOREIGN_DAMAGED if _all_foreign(hits, cs, ce, damaged)
                                        else MIN_DAMAGED_LETTERS, _ceiling(damaged, source.name, reader.name)):
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
    # trim what did not change: the finding should cover the damage only.  Between two CJK
    # codecs, marks and full-width digits often stay what they were (。 ４); the damaged text
    # is judged without them, and by what it touches (a garbled sentence after 矣。 starts
    # after a mark, not inside a run of letters)
    same = (lambda ch: True) if not reader.single_byte else (lambda ch: ord(ch) < 0x80)
    p = 0
    while p < len(old) and p < len(new) and old[p] == new[p] and same(old[p]):
        p += 1
    q = 0
    while q < len(old) - p and q < len(new) - p and old[-1 - q] == new[-1 - q] and same(old[-1 - q]):
        q += 1
    old, new = old[p:len(old) - q], new[p:len(new) - q]
    cs, ce = cs + p, ce - q
    # (the line the search window was cut from, and where the window starts in it: brackets pair
    # across a window's ends, and a run's neighbours may lie beyond them)
    line, at = (hits.context, hits.offset) if hits is not None and hits.context else (text, 0)
    if not reader.single_byte and source.name != "utf8":
        # (the letter either side must be clean for sure: one the reader cannot encode.  Not one
        # the decoding leaves as it is: kana are the same in EUC-JP and GBK, garbled or not)
        run_end = rs + len(starts) - 1
        clean_before = cs - 1 < rs or _undecodable_char(data, starts, cs - 1 - rs, source)
        clean_after = ce >= run_end or _undecodable_char(data, starts, ce - rs, source)
        if len(old) == len(new):
            p, q = _glued_ends(text, cs, ce, old, new, clean_before, clean_after)
            old, new = old[p:len(old) - q], new[p:len(new) - q]
            cs, ce = cs + p, ce - q
        else:
            # (half-width kana: the reader's characters and the decoding's do not pair one for one)
            seams = _seams(old, [starts[k + 1] - starts[k] for k in range(cs - rs, ce - rs)], new, source)
            p, q, p_new, q_new = _glued_ends_uneven(text, cs, ce, old, new, seams, clean_before, clean_after)
            old, new = old[p:len(old) - q], new[p_new:len(new) - q_new]
            cs, ce = cs + p, ce - q
        p, q = _kept_brackets(line, at + cs, at + ce, old, new)
        old, new = old[p:len(old) - q], new[p:len(new) - q]
        cs, ce = cs + p, ce - q
        bounds = hits.bounds(cs, ce) if hits is not None and len(old) == len(new) else None
        if bounds is not None:
            first, last = bounds[0] - cs, bounds[1] - cs
            p, q = _partnered_inside(line, at + cs, at + ce, old, new, first, last)
            old, new = old[p:len(old) - q], new[p:len(new) - q]
            cs, ce, first, last = cs + p, ce - q, first - p, last - p
            p2, q2 = _losing_ends(old, new, first, last)
            old, new = old[p2:len(old) - q2], new[p2:len(new) - q2]
            cs, ce = cs + p2, ce - q2
            if p or q or p2 or q2:
                # (a bracket the cut set free at an end may now pair with the clean text's: the
                # region ran over ``。】【`` into the next commentary, whose ``【`` was cut off as
                # the clean text's own, and the ``】`` before it closes the garbled ``【`` the
                # decoding opens, not with GBK's ``〗`` that EUC-KR read as ``】``)
                p, q = _kept_brackets(line, at + cs, at + ce, old, new)
                old, new = old[p:len(old) - q], new[p:len(new) - q]
                cs, ce = cs + p, ce - q
    if not old or old == new:
        return None
    kinds: Tuple[str, ...] = (f"{source.name}-as-{reader.name}" + ("-lossy" if lost else ""),)
    first_ok = ((_decodes_to_cjk(new) or (reader.single_byte and _fullwidth_forms(new))
                 or (source.name == "gbk" and _numbers_read_as_bopomofo(old, new))) if not relaxed
                else _decodes_to_something(new))
    first_score = score(_scorable(new)) if first_ok else None
    twice_ok = reader.single_byte or (ce - cs >= MIN_DAMAGED_TWICE and first_score is not None
                                      and first_score <= DAMAGED_CJK_CEILING
                                      and score("".join(_CJK_LETTER_RE.findall(old))) <= DAMAGED_CJK_CEILING)
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
            if sensible and outer_source == inner_reader and reader.single_byte:
                # saved in the codec it was read with, the bytes are what that codec's encoder
                # wrote: the middle text must give them back.  cp932 and cp950 decode some
                # characters from two byte pairs and encode them to one; bytes holding the other
                # (GBK's 畸兮, BB FB D9 E2, read as cp437: FB D9 is one of cp932's IBM
                # extensions, which it encodes as ED BD) were no such encoder's, and undoing
                # the two layers would put 解 where 兮 was.  (Bytes that do come back make the
                # two layers one, the outer reader's own decoding, which the search tries too.)
                read = data[starts[cs - rs]:starts[ce - rs]]
                sensible = encode_all(new, READER_BY_NAME[inner_reader]) == read
            elif sensible and outer_source == inner_reader and not reader.single_byte:
                # saved in the codec it was read with, the bytes are what they were: when the
                # inner reader gives back the very bytes the outer source read, the two layers
                # are one (GBK read as Big5, saved as Big5, read as EUC-KR is GBK read as
                # EUC-KR), which the search tries on its own and cuts from the clean text
                # around it; only the twins of cp932 and cp950 can make them differ
                read = data[starts[cs - rs]:starts[ce - rs]]
                sensible = encode_all(new, READER_BY_NAME[inner_reader]) != read
            if sensible and (first_score is None or best_score > first_score):
                new, kinds, first_ok, first_score = best_new, best_kinds + kinds, True, best_score
    if not first_ok:
        return None
    if relaxed:
        if first_score >= score(_scorable(old)) + RELAXED_MARGIN:
            return Candidate(cs, ce, new, kinds, score(_scorable(old)), first_score, lost)
        return None
    if not reader.single_byte and source.name == "gbk" and _numbers_read_as_bopomofo(old, new):
        # (no letter in the decoding for the pair model to judge: the shape of the damage is the
        # evidence, see :func:`_numbers_read_as_bopomofo`, on a line or between marks of its own)
        if not _set_off(line, at + cs, at + ce, new, sentence=False):
            return None
        return Candidate(cs, ce, new, kinds, score(old), first_score, lost)
    if not reader.single_byte:
        # the damaged text is CJK itself: demand more of it
        # (a decoding that starts or ends with punctuation the reader made a letter of is set off
        # by it: ``珩祥眭阰跤阰羶螺ˋ`` before the clean 幸亏 is 也不知谁给谁没脸？.  Not a mark the reader
        # kept a mark: Big5's ” after a garbled sentence is the clean text's, and GBK's 〃)
        inside = ((cs > 0 and _is_letter(text[cs - 1]) and not _made_punctuation(old[:1], new[:1]))
                  or (ce < len(text) and _is_letter(text[ce]) and not _made_punctuation(old[-1:], new[-1:])))
        inside = inside and not (hits is not None and hits.foreign)
        foreign = _all_foreign(hits, cs, ce, old)
        mostly = _mostly_foreign(hits, cs, ce, old)
        # (a name or a line set apart is judged on less only when it is no katakana word that a
        # Chinese text writes in half-width forms: ``（ｲﾝﾃﾙ）`` is Intel, not 草觅)
        alone = (foreign or mostly) and not _halfwidth_katakana_word(old)
        return _judge_cjk_reader(old, new, source, cs, ce, kinds, first_score, lost, inside,
                                 foreign, mostly, alone and _closing_byline(text, cs, ce),
                                 alone and _foreign_when_set_off(reader.name, old) and _set_off(line, at + cs, at + ce, new))
    new_score = first_score
    between = new_score < DECODED_FLOOR and _between_cjk(line, at + cs, at + ce, old, new, hits is not None)
    if new_score < (DECODED_FLOOR_BETWEEN_CJK if between else DECODED_FLOOR):
        return None
    old_score = score(_scorable(old))
    if new_score < old_score + (MARGIN_BETWEEN_CJK if between else MARGIN_SINGLE_BYTE):
        return None
    return Candidate(cs, ce, new, kinds, old_score, new_score, lost)


#: a decoding of a whole run of a code page's high characters set between CJK characters (no
#: ASCII in it or beside it) must score at least this: the run is no word of any language that
#: code page writes, and a signature or a date of rare characters (``Ö¬ÑâÕ«ÆÀ¡£`` between
#: ``。`` and ``】`` is 脂砚斋评。, -10.25) reads lower than prose
DECODED_FLOOR_BETWEEN_CJK = -11.5
#: ... and beat the run by this much per character (a whole line of a poem read as cp437,
#: ``╬─áÅ▐╦╥╘╬¬÷ú...``, is 文爮匏以为觯斝兮，... at -11.2, 3.8 better)
MARGIN_BETWEEN_CJK = 3.0


def _between_cjk(text: str, cs: int, ce: int, old: str, new: str = "", whole_line: bool = False) -> bool:
    """Is ``old`` (``text[cs:ce]``, a single-byte reader's text) set between CJK characters
    (letters, CJK punctuation, full-width forms) or the ends of its line, with no blank in it and
    hardly any ASCII (a trail byte a reader kept: ``ßx``)?  ``whole_line``: ``text`` is all of its
    line or piece, so that its ends are the line's (else they say nothing).  A whole line must
    decode (``new``) into a sentence, with its punctuation: a short line of a name or a title is
    judged by what the document around it writes (:mod:`encfix.stages.mojibake_foreign`).

    >>> _between_cjk("甚也。Ö¬ÑâÕ«ÆÀ¡£】", 3, 13, "Ö¬ÑâÕ«ÆÀ¡£")
    True
    >>> _between_cjk("Ö¬ÑâÕ« ok", 0, 6, "Ö¬ÑâÕ«"), _between_cjk("他说“ÄÖÜß”很好", 2, 8, "“ÄÖÜß”")
    (False, False)
    >>> _between_cjk("╬─áÅ▐╦╥╘", 0, 8, "╬─áÅ▐╦╥╘", "文爮匏以，", True), _between_cjk("╬─áÅ▐╦╥╘", 0, 8, "╬─áÅ▐╦╥╘", "文爮匏以", True)
    (True, False)
    """
    if (len(old) < BETWEEN_CJK_MIN or _WHITESPACE_RE.search(old) is not None
            or 10 * sum(1 for ch in old if ch < "\x80") > len(old)
            or (old[0] in _QUOTES_OPENING and old[-1] in _QUOTES_CLOSING)):
        return False
    if not whole_line and (cs == 0 or ce == len(text)):
        return False
    left, right = text[cs - 1:cs], text[ce:ce + 1]
    ends = [side in ("", "\n", "\r") for side in (left, right)]
    if not all(end or _CJK_BESIDE_RE.match(side) is not None for end, side in zip(ends, (left, right))):
        return False
    return not all(ends) or _SENTENCE_MARK_RE.search(new) is not None


_SENTENCE_MARK_RE = re.compile("[，。？！；：、]")
_WHITESPACE_RE = re.compile(r"\s")
#: fewest characters of a run judged as set between CJK characters: a German or French word
#: quoted in Chinese is short (``“ÄÖ”``), a garbled signature is not (``Ö¬ÑâÕ«ÆÀ¡£``, 10)
BETWEEN_CJK_MIN = 6
#: quotation marks a code page writes (cp1252's 93/94, 91/92, 84/82, AB/BB; cp437's AE/AF): a
#: run they open and close is a quote of the Latin text between (``“ÄÖÜß”``, ``«ÄÖ»``)
_QUOTES_OPENING = "“‘„‚«‹"
_QUOTES_CLOSING = "”’“‘»›"
_CJK_BESIDE_RE = re.compile("[" + CHARACTER_CLASSES["han"] + CHARACTER_CLASSES["kana"] + CHARACTER_CLASSES["hangul"]
                            + "\u3000-\u303f\uff01-\uff5e]")


#: a head or tail of a CJK-as-CJK repair, before the gate's first hit or after its last, that
#: reads this much worse decoded (natural log-probability in all, character by character) is
#: clean text the region ran into: 新提名的１１５１人，占５２．３９％。 before a garbled
#: sentence of GBK read as EUC-KR would re-read as 沔皤伲钴１１５１煅，锟 (-23)
LOSING_END = 3.0
_CJK_LETTERS_RE = re.compile(_CJK_LETTER_RE.pattern + "+")


def _unit_gains(old: str, new: str) -> List[Tuple[int, int, float]]:
    """``old`` and ``new`` (one character for one) in units, each with what decoding gains
    there (unigram log-probability): a run of letters the decoding changes is one unit (a
    garbled word is kept or left whole), any other character one unit of its own.

    >>> [(a, b, round(g, 1)) for a, b, g in _unit_gains("新的。嫁", "沔钴。委")]
    [(0, 2, -18.6), (2, 3, 0.0), (3, 4, 2.7)]
    """
    units = []
    k, n = 0, len(old)
    while k < n:
        m = k + 1
        g = _best_logprob(new[k]) - _best_logprob(old[k])
        if old[k] != new[k] and _is_letter(old[k]) and _is_letter(new[k]):
            while m < n and old[m] != new[m] and _is_letter(old[m]) and _is_letter(new[m]):
                g += _best_logprob(new[m]) - _best_logprob(old[m])
                m += 1
        units.append((k, m, g))
        k = m
    return units


def _losing_ends(old: str, new: str, first: int, last: int) -> Tuple[int, int]:
    """How many characters of ``old`` to leave as they are at its head (none past ``first``,
    where the gate's first hit starts) and at its tail (none before ``last``, where its last
    hit ends): the stretch at either end that loses most by decoding, when it loses
    :data:`LOSING_END` or more.

    >>> _losing_ends("新提名的，官逃훙朞", "沔皤伲钴，委员人选", 7, 9)
    (5, 0)
    """
    # (only Chinese characters, kana and Hangul, and what the decoding leaves as it is, are
    # weighed: a sign or a letter of another script has no fair unigram beside a CJK letter --
    # ② reads worse than the 刻 that EUC-KR's ② is to Big5, and is a repair all the same)
    # (a clean word that would decode into letters of other scripts -- Cyrillic, kana and
    # bopomofo among Chinese characters, ``иさ獽誸ㄇ`` for 我今便掐些 -- is weighed too: those
    # letters' low unigrams are what makes that decoding wrong)
    units = _unit_gains(old, new)
    weighable = [old[a:b] == new[a:b] or _CJK_LETTERS_RE.fullmatch(old[a:b] + new[a:b]) is not None
                 or (_CJK_LETTERS_RE.fullmatch(old[a:b]) is not None and all(map(_is_letter, new[a:b])))
                 for a, b, _ in units]
    head = tail = 0
    low, run = -LOSING_END, 0.0
    for (a, b, g), ok in zip(units, weighable):
        if b > first or not ok:
            break
        run += g
        if run <= low:
            low, head = run, b
    low, run = -LOSING_END, 0.0
    for (a, b, g), ok in zip(reversed(units), reversed(weighable)):
        if a < last or a < head or not ok:
            break
        run += g
        if run <= low:
            low, tail = run, len(old) - a
    # ... and a stretch of a few letters that reads as text, and far worse decoded, by the pair
    # model: one common character is what a garbled one often is (EUC-JP's 寄 read as GBK is 大)
    if head and not _clean_beside_garbled(old[:head], new[:head]):
        head = 0
    if tail and not _clean_beside_garbled(old[len(old) - tail:], new[len(new) - tail:]):
        tail = 0
    return head, tail


def _clean_beside_garbled(old: str, new: str) -> bool:
    """Is ``old``, which a decoding would make ``new``, clean text by the pair model: at least
    :data:`MIN_DAMAGED_LETTERS` changed letters, reading as text (:data:`DECODED_FLUENCY_FLOOR`), and better than decoded by
    :data:`MARGIN_FLUENCY` a character?"""
    if _changed(old, new) < MIN_DAMAGED_LETTERS:
        return False
    old_fluency = fluency(_scorable(old))
    return old_fluency >= DECODED_FLUENCY_FLOOR and old_fluency >= fluency(_scorable(new)) + MARGIN_FLUENCY


def _glued_ends(text: str, cs: int, ce: int, old: str, new: str, clean_before: bool = True,
                clean_after: bool = True) -> Tuple[int, int]:
    """How many characters to leave out at the start and the end of a CJK-to-CJK decoding of
    ``text[cs:ce]`` (``old`` → ``new``, one character for one) because they are the end of the
    clean word the region runs on from.

    Marks and blanks are mostly the same in both codecs (``。`` ``，`` ``（``), so the reader's
    region runs from a garbled sentence over the mark before it into the clean letters the
    reader can also encode (``怪热的。痂척청``: 热 is no EUC-KR, 的 is).  When the region starts
    with a letter right after a letter it did not take in, its first letters are the rest of
    that clean word, up to the first mark (and the marks after it the decoding leaves as they
    are); a garbled sentence, line or value starts after a mark, a blank or a line break, never
    inside a word.  The same at the end.  ``clean_before`` and ``clean_after``: the letter
    either side is clean for sure (the reader cannot encode it), not a letter of the damage a
    narrower cut left out.

    >>> _glued_ends("怪热的。痂척청였", 2, 8, "的。痂척청였", "钴。什么没看")
    (2, 0)
    >>> _glued_ends("怪热。痂척청였", 3, 7, "痂척청였", "什么没看")
    (0, 0)
    >>> _glued_ends("！§ 箷箷﹝从此", 1, 6, "§ 箷箷﹝", "” 嬷嬷。")  # (ends with a mark, not in a word)
    (0, 0)
    >>> _glued_ends("。▽軾魚ㄐ连", 1, 5, "▽軾魚ㄐ", "【庚辰！")  # (ㄐ is the reader's ！: a mark)
    (0, 0)
    >>> _glued_ends("。螺ˋ幸亏", 1, 4, "螺ˋ幸", "脸？┋")  # (幸 is the clean word 幸亏's)
    (0, 1)
    """
    if len(old) != len(new):
        return 0, 0
    p = q = 0
    # (a mark is a mark on either side: a letter the decoding makes punctuation of -- Big5's ``ˋ``
    # and ``ㄐ`` for GBK's ？ and ！ -- ends the garbled sentence as surely as a mark the reader kept)
    if clean_before and cs > 0 and _is_letter(text[cs - 1]) and _is_letter(old[0]):
        for k, (o, n) in enumerate(zip(old, new)):
            if not _is_letter(o) or _is_punctuation(n):
                p = k
                break
    if clean_after and ce < len(text) and _is_letter(text[ce]) and _is_letter(old[-1]):
        for k in range(len(old) - 1, p - 1, -1):
            if not _is_letter(old[k]) or _is_punctuation(new[k]):
                q = len(old) - 1 - k
                break
    # (the marks set free at either end stay out too: they are the same in both codecs)
    while p < len(old) - q and old[p] == new[p]:
        p += 1
    while q < len(old) - p and old[-1 - q] == new[-1 - q]:
        q += 1
    return p, q


def _seams(old: str, old_sizes: List[int], new: str, source: Source) -> Dict[int, int]:
    """Where ``old`` (the reader's characters, ``old_sizes`` bytes each) and ``new`` (their
    decoding by ``source``) can both be cut: character offset in ``old`` -> offset in ``new``, at
    each byte offset where a character of both starts (and their ends).

    >>> from encfix.stages.mojibake_codecs import SOURCE_BY_NAME
    >>> _seams("道 ｵｯ", [2, 1, 1, 1], "摴 弹", SOURCE_BY_NAME["gbk"])
    {0: 0, 1: 1, 2: 2, 4: 3}
    """
    new_at: Dict[int, int] = {0: 0}
    pos = 0
    try:
        for j, ch in enumerate(new):
            pos += len(ch.encode(source.codec))
            new_at[pos] = j + 1
    except UnicodeEncodeError:
        return {}
    seams, pos = {0: 0}, 0
    for i, size in enumerate(old_sizes):
        pos += size
        if pos in new_at:
            seams[i + 1] = new_at[pos]
    return seams if seams.get(len(old)) == len(new) else {}


def _glued_ends_uneven(text: str, cs: int, ce: int, old: str, new: str, seams: Dict[int, int],
                       clean_before: bool = True, clean_after: bool = True) -> Tuple[int, int, int, int]:
    """:func:`_glued_ends` for a decoding that does not map one character to one (half-width
    kana are one byte each): how many characters to leave out at the start and the end of ``old``,
    and of ``new``, cut only where both can be (``seams``, from :func:`_seams`).  A region of
    Shift_JIS's bytes runs from a katakana word back over the blank into the clean word before
    it (``据报道 ｵｯｸｽﾌｫｰﾄﾞ``: 道 is 93 B9, which GBK reads as 摴): the word's end is no part of it.

    >>> _glued_ends_uneven("据报道 ｵｯｸｽ", 2, 8, "道 ｵｯｸｽ", "摴 弹附", {0: 0, 1: 1, 2: 2, 4: 3, 6: 4})
    (2, 0, 2, 0)
    >>> _glued_ends_uneven("发表。ﾋﾞﾃﾞ", 1, 6, "表。ﾋﾞﾃﾞ", "昞丅宿棉", {0: 0, 1: 1, 2: 2, 3: 3, 5: 4})
    (2, 0, 2, 0)
    """
    p = q = p_new = q_new = 0
    if clean_before and cs > 0 and _is_letter(text[cs - 1]) and old and _is_letter(old[0]):
        for k, o in enumerate(old):
            if not _is_letter(o):
                if k in seams:
                    p, p_new = k, seams[k]
                break
        # (the blanks and marks set free stay out too: the reader's own, which no garbled text
        # starts with -- Shift_JIS's 。 after 表 is 81 42, which GBK reads as 丅 -- as much as
        # those both texts have)
        while p and p < len(old) and not _is_letter(old[p]) and p + 1 in seams:
            p += 1
            p_new = seams[p]
    n, m = len(old), len(new)
    if clean_after and ce < len(text) and _is_letter(text[ce]) and old and _is_letter(old[-1]):
        for k in range(n - 1, p - 1, -1):
            if not _is_letter(old[k]):
                if k + 1 in seams and seams[k + 1] >= p_new:
                    q, q_new = n - 1 - k, m - seams[k + 1]
                break
        while q and q < n - p and not _is_letter(old[n - 1 - q]) and n - 1 - q in seams and seams[n - 1 - q] >= p_new:
            q += 1
            q_new = m - seams[n - q]
    return p, q, p_new, q_new


def _undecodable_char(data: bytes, starts: List[int], k: int, source: Source) -> bool:
    """Are the reader's bytes of its ``k``-th character (``data[starts[k]:starts[k + 1]]``) two
    bytes that ``source`` cannot decode?  Then that character is none of the source's text read
    wrongly: it is clean, for sure, as much as one the reader cannot encode.  A garbled signature
    of GBK read as EUC-KR runs up to the clean name after it, ``훔敎뉴。畸笏``: 畸 is EUC-KR's and
    GBK's too (as 驯), but 笏 is EUC-KR's FB EE, which GBK does not decode, and the region the
    search decodes ends at 畸, which belongs to the clean word 畸笏.

    >>> from encfix.stages.mojibake_codecs import SOURCE_BY_NAME
    >>> data = "畸笏".encode("cp949")
    >>> _undecodable_char(data, [0, 2, 4], 1, SOURCE_BY_NAME["gbk"]), _undecodable_char(data, [0, 2, 4], 0, SOURCE_BY_NAME["gbk"])
    (True, False)
    """
    if k < 0 or k + 1 >= len(starts):
        return False
    pair = data[starts[k]:starts[k + 1]]
    if len(pair) != 2:
        return False  # (one byte alone -- half-width kana -- may be the lead of a source character)
    try:
        pair.decode(source.codec)
    except UnicodeDecodeError:
        return True
    return False


def _set_off(line: str, cs: int, ce: int, new: str, sentence: bool = True) -> bool:
    """Is ``line[cs:ce]`` set off on both sides by CJK punctuation (``。`` ``】`` ``，``) or the
    ends of its line, with no blank in it?  A whole line must decode (``new``) into a sentence,
    with its punctuation.  A garbled signature or date in a commentary (``。ﾖｬﾑ籃ｫﾆﾀ｡｣】``,
    脂砚斋评。) or a garbled line of a poem stands so: the same test as :func:`_between_cjk` for
    code pages, made for text a CJK reader made.

    >>> _set_off("甚也。ﾖｬﾑ籃ｫﾆﾀ｡｣】", 3, 12, "脂砚斋评。"), _set_off("甚也ﾖｬﾑ籃", 2, 6, "脂砚斋")
    (True, False)
    >>> _set_off("蒼藤椽맘폽，薦某奸랏侊。", 0, 11, "箫增嫠妇泣，衾倩侍儿温"), _set_off("蒼藤椽맘폽", 0, 5, "箫增嫠妇泣")
    (True, False)

    ``sentence``: a whole line must decode into a sentence (else a line of numbers may do).
    """
    if cs >= ce or _WHITESPACE_RE.search(line, cs, ce) is not None:
        return False
    sides = (line[cs - 1:cs] if cs > 0 else "", line[ce:ce + 1])
    ends = [side in ("", "\n", "\r") for side in sides]
    if not all(end or (side >= "\u2000" and _is_punctuation(side)) for end, side in zip(ends, sides)):
        return False
    return not sentence or not all(ends) or _SENTENCE_MARK_RE.search(new) is not None


#: letters no Chinese text writes among its characters: kana, bopomofo
_NOT_CHINESE_LETTER_RE = re.compile("[" + CHARACTER_CLASSES["kana"] + "\u3105-\u312f\u31a0-\u31bf]")


def _foreign_when_set_off(reader_name: str, old: str) -> bool:
    """Is damaged text that stands set off (:func:`_set_off`) foreign enough to be judged as a
    signature or a line of a poem?  What EUC-KR and Shift_JIS make of Chinese is (Hangul,
    half-width katakana); what Big5 makes of it is mostly Traditional characters, which a
    Simplified text quotes (``“黃瑩曄”``), so there it must hold kana or bopomofo too
    (``眲栱晛ぜ﹝`` is 脂砚斋评。).

    >>> _foreign_when_set_off("euckr", "땀벤謳"), _foreign_when_set_off("big5", "眲栱晛ぜ﹝"), _foreign_when_set_off("big5", "黃瑩曄")
    (True, True, False)
    """
    return reader_name in ("euckr", "sjis") or _NOT_CHINESE_LETTER_RE.search(old) is not None


def _made_punctuation(old: str, new: str) -> bool:
    """Is ``new`` punctuation that a reader made the letter ``old`` of (Big5's ``ˋ`` for ？)?"""
    return len(old) == 1 and _is_letter(old) and _is_punctuation(new)


def _is_punctuation(ch: str) -> bool:
    """Is ``ch`` punctuation (``？`` ``！`` ``【``), not a letter or another sign (``┋``)?"""
    return len(ch) == 1 and unicodedata.category(ch).startswith("P")


_OPENER_OF = {"】": "【", "）": "（", "》": "《", "」": "「", "』": "『", "〕": "〔", "〗": "〖", "］": "［", "〉": "〈",
              "｝": "｛"}
_CLOSER_OF = {v: k for k, v in _OPENER_OF.items()}
#: how far a bracket's partner is looked for (a comment in brackets, a quoted title)
BRACKET_REACH = 400


def _matches(before: str, opener: str, closer: str) -> bool:
    """Does ``before`` end inside an ``opener`` ... ``closer`` bracket left open (on its line)?"""
    depth = 0
    for ch in reversed(before[-BRACKET_REACH:]):
        if ch == "\n":
            return False
        if ch == closer:
            depth += 1
        elif ch == opener:
            if depth == 0:
                return True
            depth -= 1
    return False


def _kept_brackets(text: str, cs: int, ce: int, old: str, new: str) -> Tuple[int, int]:
    """How many characters to leave out at the start and the end of a CJK-to-CJK decoding of
    ``text[cs:ce]`` (``old`` -> ``new``, one character for one) because they are brackets that
    pair with brackets of the text as it stands: a garbled commentary runs up to the ``】`` that
    closes its clean ``【`` (GBK read as EUC-KR: the ``】`` EUC-KR reads is GBK's ``〗``, and the
    decoding would close ``【庚辰双行夹批：好想。`` with a bracket that is not its own).

    >>> _kept_brackets("±뫙낸崗契셸툽：봤拳。】", 0, 12, "±뫙낸崗契셸툽：봤拳。】", "【庚辰双行夹批：好想。〗")
    (0, 1)
    >>> _kept_brackets("【谚云：斤唐裂빎？】也", 4, 10, "斤唐裂빎？】", "信有之乎？〗")
    (0, 1)
    >>> _kept_brackets("【好想。〗", 4, 5, "〗", "】")
    (0, 0)
    >>> _kept_brackets("【斤唐裂빎？】", 0, 6, "【斤唐裂빎？", "〖信有之乎？")  # (the same at the start)
    (1, 0)
    """
    if len(old) != len(new) or not old:
        return 0, 0
    p = q = 0
    last = old[-1]
    if last != new[-1] and last in _OPENER_OF:
        opener = _OPENER_OF[last]
        # (closed by the old bracket, either the decoding's opener or one before it; the decoded
        # bracket closes nothing)
        before = text[max(0, cs - BRACKET_REACH):cs] + new[:-1]
        if (_matches(before, opener, last)
                and not (new[-1] in _OPENER_OF and _matches(before, _OPENER_OF[new[-1]], new[-1]))):
            q = 1
    first = old[0]
    if len(old) > q + 1 and first != new[0] and first in _CLOSER_OF:
        closer = _CLOSER_OF[first]
        after = (new[1:] + text[ce:ce + BRACKET_REACH])[::-1]
        if (_matches(after, closer, first)
                and not (new[0] in _CLOSER_OF and _matches(after, _CLOSER_OF[new[0]], new[0]))):
            p = 1
    return p, q


def _partnered_inside(text: str, cs: int, ce: int, old: str, new: str, first: int, last: int) -> Tuple[int, int]:
    """How many characters to leave out at the start and the end of a CJK-to-CJK decoding of
    ``text[cs:ce]`` (``old`` -> ``new``, one for one) because a bracket beyond the gate's hits
    in it (before ``first``, from ``last`` on), that the decoding would change, pairs with a
    bracket of the clean text outside it: that bracket, and what lies between it and the clean
    text, is the clean text's own.  A garbled sentence of GBK read as EUC-KR runs over
    ``”【甲戌眉批`` (Hanja EUC-KR writes too) up to the ``：``, but the ``【`` opens the commentary
    its clean ``】`` closes further on.  (Between the hits, a bracket is the garbled text's, as
    in ``【斤唐裂빎？】``.)

    >>> _partnered_inside("×흔쏟돨！”【甲戌眉批：文】", 0, 10, "×흔쏟돨！”【甲戌眉批", "】如今的！”〖耍怡诙蓦", 2, 4)
    (0, 5)
    >>> _partnered_inside("【斤唐裂빎？】", 0, 6, "【斤唐裂빎？", "〖信有之乎？", 4, 5)  # (the garble is after it)
    (0, 0)
    >>> _partnered_inside("×흔【쏟돨】", 0, 6, "×흔【쏟돨】", "】如〖今的〗", 0, 2)  # (a pair inside: garbled both)
    (0, 0)
    """
    p = q = 0
    for k, (o, n) in enumerate(zip(old, new)):
        if k >= last and o != n and o in _CLOSER_OF:
            # (an opener: its closer after the region, with nothing of the region between)
            if _matches(("".join(old[k + 1:]) + text[ce:ce + BRACKET_REACH])[::-1], _CLOSER_OF[o], o) \
                    and _CLOSER_OF[o] not in old[k + 1:]:
                q = len(old) - k
                break
    for k in range(min(first, len(old) - q) - 1, -1, -1):
        o, n = old[k], new[k]
        if o != n and o in _OPENER_OF:
            # (a closer: its opener before the region, with nothing of the region between)
            if _matches(text[max(0, cs - BRACKET_REACH):cs] + old[:k], _OPENER_OF[o], o) and _OPENER_OF[o] not in old[:k]:
                p = k + 1
                break
    return p, q


#: the languages text written in each source codec is in: what EUC-KR bytes decode to must read
#: as Korean (all Hanja, ``置奴哭叫``, is no Korean text), Shift_JIS and EUC-JP as Japanese
SOURCE_LANGUAGES = {
    "gbk": ("zh-Hans", "zh-Hant"),
    "big5": ("zh-Hant", "zh-Hans"),
    "sjis": ("ja",),
    "eucjp": ("ja",),
    "euckr": ("ko",),
}

_DAMAGED_LETTER_CLASSES = frozenset(("han", "kana", "hangul", "halfwidth_kana", "private_use", "other", "symbol"))


def _damaged_letters(text: str) -> int:
    """How many characters of ``text`` a CJK reader made of bytes: CJK letters, half-width
    kana (Shift_JIS's single bytes: ``ﾎﾒﾃﾇ``), private use, unassigned code points and letters
    of other scripts (bopomofo ``ㄩ``), not signs (``②``)."""
    return sum(1 for ch in text if _is_letter(ch))


@lru_cache(maxsize=65536)
def _is_letter(ch: str) -> bool:
    if ord(ch) < 0x80:
        return False
    cls = classify(ch)
    if cls == "symbol":
        return unicodedata.category(ch).startswith("L")
    return cls in _DAMAGED_LETTER_CLASSES


def _reads_as_mojibake(damaged: str, min_letters: int = MIN_DAMAGED_LETTERS,
                       ceiling: float = DAMAGED_FLUENCY_CEILING) -> bool:
    """Could ``damaged`` (text a CJK reader made) be mojibake by the pair model?"""
    return fluency(damaged) <= ceiling and _damaged_letters(damaged) >= min_letters


#: EUC-JP's long vowel mark ー (A1 BC) is GBK's 〖: after a katakana, no text writes it
_LONG_VOWEL_AS_GBK_RE = re.compile("[\u30a1-\u30fa]\u3016")
#: the pair model's ceiling for a span of EUC-JP read as GBK that holds one: the kana, which the
#: two codecs share, read the same garbled or not, and a garbled sentence of katakana words
#: (``任卿する孟拌によって答洁となるレ〖ティングのデ〖タは``) reads -6.5 in all, above the
#: ceiling for other damaged text
MARKED_FLUENCY_CEILING = -5.5


def _ceiling(damaged: str, source_name: str, reader_name: str) -> float:
    """The pair model's ceiling for ``damaged``, text of ``source_name`` read by
    ``reader_name``: :data:`DAMAGED_FLUENCY_CEILING`, raised to :data:`MARKED_FLUENCY_CEILING`
    for EUC-JP read as GBK where the text holds its long vowel mark after a katakana.

    >>> _ceiling("コンピュ〖タ", "eucjp", "gbk") > _ceiling("コンピュータ", "eucjp", "gbk")
    True
    """
    if source_name == "eucjp" and reader_name == "gbk" and _LONG_VOWEL_AS_GBK_RE.search(damaged):
        return MARKED_FLUENCY_CEILING
    return DAMAGED_FLUENCY_CEILING


#: fewest damaged letters when every one of them is a character the document's own codec cannot
#: write (Hangul in a Chinese document): each is a sign of a wrong reader by itself, and the pair
#: model need not find a third
MIN_FOREIGN_DAMAGED = 2


def _all_foreign(hits: Optional[Hits], cs: int, ce: int, damaged: str) -> bool:
    """Is every damaged letter of ``damaged`` (``text[cs:ce]``) under a hit of characters
    foreign to the document (:class:`Hits`)?"""
    return hits is not None and hits.foreign and hits.covered(cs, ce) >= _damaged_letters(damaged)


def _mostly_foreign(hits: Optional[Hits], cs: int, ce: int, damaged: str) -> bool:
    """Are at least half the damaged letters of ``damaged`` (``text[cs:ce]``) characters the
    document's own codec cannot write?  (A garbled Chinese sentence read as EUC-KR is half
    Hangul, half Hanja, and some of those Hanja are characters GB2312 writes too.)"""
    return hits is not None and hits.foreign and 2 * hits.covered(cs, ce) >= _damaged_letters(damaged)


def _changed(old: str, new: str) -> int:
    """How many characters a decoding changes, where it maps one character to one.

    >>> _changed("―――긍諒", "———编者")
    5
    """
    if len(old) != len(new):
        return 0
    return sum(1 for o, n in zip(old, new) if o != n)


def _judge_cjk_reader(old: str, new: str, source: Source, cs: int, ce: int, kinds, first_score: float,
                      lost: int, inside: bool = False, foreign: bool = False,
                      mostly_foreign: bool = False, byline: bool = False,
                      set_off: bool = False) -> Optional[Candidate]:
    """A decoding of text a CJK codec made (``old``), on strong evidence only.

    UTF-8 read as GBK is taken on its single characters (``浣犲ソ`` is made of rare ones);
    another CJK codec is taken on the pair model: the damaged text reads as no language writes
    and the decoding reads much better.  ``inside``: the span touches letters of
    the text around it (a garbled sentence, value or name is set off by punctuation, spaces or
    ASCII), so it must be longer.

    ``foreign``: every damaged letter is a character the document's codec cannot write.  Two
    such letters are enough, the decoding may read as rarely as a poem or a name
    (:data:`DECODED_FLUENCY_FLOOR_FOREIGN`; so too when ``mostly_foreign``, half of them), and
    every character the decoding changes counts towards the gain in all, signs too: a sign that one codec reads otherwise than the other is the reader's
    work as much as a letter (GBK's em dash, A1 AA, is ― in EUC-KR), and a span that takes in
    such signs (``―――긍諒``, ———编者) reads no better per character for them.

    ``byline``: besides (``foreign`` or ``mostly_foreign``), the span is all a pair of brackets
    holds at the end of its paragraph (:func:`_closing_byline`), and needs to gain only
    :data:`MIN_FLUENCY_GAIN_BYLINE` in all.

    ``set_off``: besides (``foreign`` or ``mostly_foreign``), the span stands between CJK
    punctuation or line ends (:func:`_set_off`): a signature, a date, a line of a poem, which
    may read as rarely as :data:`DECODED_FLUENCY_FLOOR_SET_OFF`; when every damaged letter is
    foreign, it needs to gain only :data:`MIN_FLUENCY_GAIN_BYLINE` in all, as a byline (a
    commentary's date, ``。훔敎뉴。`` for 壬午春, three rare letters, gains 9.9).

    A run of half-width katakana spelled as Japanese spells words is judged against the katakana
    it spells, not by its own score (:func:`_reads_as_katakana`: ``。ﾌﾘｰｸﾗｽ。`` stays).

    >>> from encfix.stages.mojibake_codecs import SOURCE_BY_NAME
    >>> _judge_cjk_reader("措烹飞狼", "대통령의", SOURCE_BY_NAME["euckr"], 0, 4, ("euckr-as-gbk",), -6.0, 0).new
    '대통령의'
    >>> _judge_cjk_reader("한글", "茄臂", SOURCE_BY_NAME["gbk"], 0, 2, ("gbk-as-euckr",), -11.0, 0) is None
    True
    """
    old_text, new_text = _scorable(old), _scorable(new)
    if source.name == "utf8":
        if (len(_CJK_LETTER_RE.findall(old)) >= MIN_DAMAGED_CJK and first_score >= DECODED_FLOOR
                and first_score >= score(old_text) + MARGIN_CJK_READER):
            return Candidate(cs, ce, new, kinds, fluency(old_text), fluency(new_text), lost)
        return None
    damaged = _damaged_letters(old)
    if damaged < (MIN_DAMAGED_INSIDE if inside else MIN_FOREIGN_DAMAGED if foreign else MIN_DAMAGED_LETTERS):
        return None
    weight = max(damaged, _changed(old, new)) if foreign else damaged
    old_fluency, new_fluency = fluency(old_text), fluency(new_text, SOURCE_LANGUAGES.get(source.name))
    reader_name = kinds[-1].split("-as-")[1].split("-")[0]
    if _reads_as_katakana(old, new_text, new_fluency):
        return None  # (a katakana word in half-width forms: its low score is the models' blind spot)
    if _zhuyin(old):
        return None  # (zhuyin, which the models never saw: see :func:`_zhuyin`)
    # (set off, of foreign letters only, among them syllables no Korean writes: the damage is
    # certain, and the decoding need only read as text, and better than the damage)
    no_korean = foreign and set_off and source.name != "euckr" and _unwritten_syllables(old) >= NO_KOREAN_SYLLABLES
    if (old_fluency > _ceiling(old, source.name, reader_name)
            or new_fluency < (DECODED_FLUENCY_FLOOR_SET_OFF if set_off else DECODED_FLUENCY_FLOOR_FOREIGN
                              if foreign or mostly_foreign else DECODED_FLUENCY_FLOOR)
            or new_fluency < old_fluency + (0.0 if no_korean else MARGIN_FLUENCY)
            or (not no_korean
                and (new_fluency - old_fluency) * weight < (MIN_FLUENCY_GAIN_BYLINE if byline or (set_off and foreign)
                                                            else _min_gain(old, foreign)))):
        return None
    return Candidate(cs, ce, new, kinds, old_fluency, new_fluency, lost)


#: how many different Hangul syllables that Korean hardly writes make a span no Korean text
#: (:func:`_unwritten_syllables`): of wordfreq's 26,795 Korean words, none holds two different
#: ones (six hold one twice: 뻣뻣, 촘촘, 꿋꿋...); of the 13,157 words of the ko corpus, none holds
#: two at all.  EUC-KR's Hangul rows, which GBK's Chinese characters land in, hold 970 of them
#: in 2,350 (``성챤땝`` is 己卯冬)
NO_KOREAN_SYLLABLES = 2
_HANGUL_SYLLABLE_RE = re.compile("[\uac00-\ud7a3]")


def _unwritten_syllables(old: str) -> int:
    """How many different Hangul syllables of ``old`` Korean hardly writes
    (:data:`~encfix.stages.mojibake_foreign.RARE_SYLLABLE` under the Korean model).

    >>> _unwritten_syllables("성챤땝"), _unwritten_syllables("김정은"), _unwritten_syllables("뻣뻣")
    (2, 0, 1)
    """
    from .mojibake_foreign import RARE_SYLLABLE  # (one definition of a syllable Korean hardly writes)

    ko = _KOREAN
    return len({ch for ch in old if _HANGUL_SYLLABLE_RE.match(ch) and char_logprobs(ch)[ko] <= RARE_SYLLABLE})


#: what a decoding needs to gain in all when every damaged letter is foreign to the document and
#: it is all of a bracketed span that closes its paragraph (:func:`_closing_byline`): a
#: reporter's name, three rare letters the pair model knows little of (``（냈貴爐）`` is 陈晓钟,
#: +11.8)
MIN_FLUENCY_GAIN_BYLINE = 9.0
_BYLINE_OPENERS = "（("
_SENTENCE_END = "。！？"


def _closing_byline(text: str, cs: int, ce: int) -> bool:
    """Is ``text[cs:ce]`` all that a pair of round brackets holds, right after the end of a
    sentence and at the end of its line: the byline of a news paragraph (``。（陈晓钟）``)?

    >>> _closing_byline("万元。（냈貴爐）", 4, 7), _closing_byline("万元。（냈貴爐）说", 4, 7)
    (True, False)
    """
    if cs < 2 or ce >= len(text):
        return False
    opener, closer = text[cs - 1], text[ce]
    return (opener in _BYLINE_OPENERS and closer == _CLOSER_OF.get(opener, ")")
            and text[cs - 2] in _SENTENCE_END and text[ce + 1:ce + 2] in ("", "\n", "\r"))


_HALFWIDTH_KANA_RE = re.compile("[\uff61-\uff9f]")
_HALFWIDTH_KATAKANA_LETTER_RE = re.compile("[\uff66-\uff9f]")


def _halfwidth_katakana_word(old: str) -> bool:
    """Are all the letters of ``old`` half-width katakana (with their long vowel and sound
    marks)?  Such a run is a katakana word as old Japanese systems wrote it (``ｲﾝﾃﾙ``); GBK read
    as Shift_JIS mixes them with kanji and signs (``ﾖｬﾑ籃ｫﾆﾀ｡｣``, 脂砚斋评。).

    >>> _halfwidth_katakana_word("ｲﾝﾃﾙ，ｱｶﾃﾞﾐｰ"), _halfwidth_katakana_word("ﾖｬﾑ籃ｫﾆﾀ｡｣")
    (True, False)
    """
    letters = [ch for ch in old if _is_letter(ch)]
    return bool(letters) and all(_HALFWIDTH_KATAKANA_LETTER_RE.match(ch) for ch in letters)


#: a run of half-width katakana: words of katakana letters (U+FF66-U+FF9F), joined by the
#: half-width middle dot ``･`` (``ｼﾞｮﾝ･ｽﾐｽ``) as Japanese joins the parts of a foreign name
_HALFWIDTH_KATAKANA_RUN_RE = re.compile("[\uff66-\uff9f]+(?:\uff65[\uff66-\uff9f]+)*")
#: ... quoted: the brackets and quotes Chinese sets around a word (GB/T 15834), which a region
#: of the reader's text may take in at its ends (``ｵｯｸｽﾌｫｰﾄﾞ”``: ﾞ and the quote's first byte
#: read as GBK make 迊)
_QUOTED_KATAKANA_RE = re.compile("[“‘「『《〈（【〔]?(" + _HALFWIDTH_KATAKANA_RUN_RE.pattern + ")[”’」』》〉）】〕]?")
#: the small kana of JIS X 0201 (ｧｨｩｪｫ ｬｭｮ ｯ): each modifies the kana before it
_SMALL_KANA = "\uff67\uff68\uff69\uff6a\uff6b\uff6c\uff6d\uff6e\uff6f"
#: ... and the long vowel mark ｰ and the sound marks ﾞ ﾟ, which lengthen or voice it
_MODIFIERS = _SMALL_KANA + "\uff70\uff9e\uff9f"
#: how much likelier a decoding must be than the katakana the run spells, as the log of the odds
#: (the decoding's log-probability in the source's language, in all, less the Japanese model's
#: for the run's full-width form): the same bytes read two ways, judged in all, not per
#: character (a Chinese character holds the bytes of two half-width kana).  A garbled Chinese
#: word reads far better as Chinese (``ｵｫﾈﾔﾓﾐﾒｻ``, 但仍有一, by 21 at the median over zh-news'
#: two- to four-letter words whose GBK bytes read as half-width katakana spelled right); a
#: Japanese word reads as well or better as katakana.  At 12, about 99.9% of wordfreq's katakana
#: words (the first 8,000, those each source decodes) stay whatever the source (GBK 99.86%, Big5
#: 99.95%, EUC-KR 99.87%, EUC-JP 99.92%), as do all the ja corpus's (GBK's largest odds: 11.5);
#: the price, when nothing but such a run is garbled, is 15% of those words of GBK staying
#: garbled (27% of Big5's, 11% of EUC-KR's, 33% of EUC-JP's; of zh-news' words in a sentence of
#: their own, ``。ﾊﾘｾﾉ。`` for 守旧, 17 of 295 that were repaired)
KATAKANA_ODDS = 12.0


def _spelled_as_katakana(old: str) -> bool:
    """Is ``old`` all half-width katakana words (:data:`_HALFWIDTH_KATAKANA_RUN_RE`, maybe with
    its opening or closing quote: :data:`_QUOTED_KATAKANA_RE`) spelled as Japanese spells them?
    The rules are the script's own: a sound mark ﾞ or ﾟ must combine with the kana before it
    (Unicode composes ｶﾞ to ガ and ﾊﾟ to パ, but no ｱﾞ: NFKC tells), a small kana, the long
    vowel mark or a sound mark never starts a word (each modifies the kana before it), and a small vowel or y-kana never follows ﾝ or ｯ, which have no vowel to glide from
    (none of wordfreq's 58,996 katakana words breaks these but for fragments such as ``ーー``).
    GBK read as Shift_JIS breaks them where it splits a character's two bytes (鞭, B1 DE, is
    ``ｱﾞ``; 吧, B0 C9, starts with ``ｰ``, ``ｰﾉ``).

    >>> _spelled_as_katakana("ﾌﾘｰｸﾗｽ"), _spelled_as_katakana("ｼﾞｮﾝ･ｽﾐｽ"), _spelled_as_katakana("ﾊﾟﾝ”")
    (True, True, True)
    >>> _spelled_as_katakana("ｰﾉ"), _spelled_as_katakana("ｱﾞﾂ"), _spelled_as_katakana("ﾝｬﾀ"), _spelled_as_katakana("ｸﾗｽ｡")
    (False, False, False, False)
    """
    quoted = _QUOTED_KATAKANA_RE.fullmatch(old)
    if quoted is None:
        return False
    for word in quoted.group(1).split("\uff65"):
        if word[0] in _MODIFIERS:
            return False
        for prev, ch in zip(word, word[1:]):
            if ch in "\uff9e\uff9f" and len(unicodedata.normalize("NFKC", prev + ch)) != 1:
                return False
            if ch in _SMALL_KANA[:-1] and prev in "\uff9d\uff6f":
                return False
    return True


#: the letters of zhuyin: bopomofo (and its extensions) and the tone marks ˊ ˇ ˋ ˙
_ZHUYIN_LETTER_RE = re.compile("[\u3105-\u312f\u31a0-\u31bf\u02c7\u02ca\u02cb\u02d9]")


def _zhuyin(old: str) -> bool:
    """Are all the letters of ``old`` zhuyin (bopomofo and tone marks), as Taiwanese text writes
    it to say how a word is read (``ㄓㄨˋ ㄧㄣ``)?  The models were counted on text without it, and
    read it as badly as mojibake; but a CJK reader makes zhuyin alone of another codec's text
    only where that text is full-width signs: GBK reads Big5's bytes of bopomofo (A374-A3BF) as
    full-width signs or not at all, and the Big5 characters whose bytes GBK reads as bopomofo
    (A8C5-A8E9: 來刻...) never make a sentence alone; Big5 reads the full-width signs of GBK,
    EUC-KR and EUC-JP (A3A1-A3BF) as bopomofo, and those signs' one use a repair must not miss,
    numbers, has a rule of its own (:func:`_numbers_read_as_bopomofo`).

    >>> _zhuyin("ㄓㄨˋ ㄧㄣ ㄈㄨˊ ㄏㄠˋ"), _zhuyin("ㄅㄆㄇㄈ、"), _zhuyin("眲栱晛ぜ﹝"), _zhuyin("，。")
    (True, True, False, False)
    """
    letters = [ch for ch in old if _is_letter(ch)]
    return bool(letters) and all(_ZHUYIN_LETTER_RE.match(ch) for ch in letters)


def _reads_as_katakana(old: str, new: str, new_fluency: float) -> bool:
    """Is ``old`` a Japanese katakana word written in half-width forms, as a Chinese text quotes
    one (``。ﾌﾘｰｸﾗｽ。``), rather than Chinese read as Shift_JIS?  The models were counted on
    full-width text and all but never saw half-width kana, so the run's own low score proves
    nothing.  Judged as the katakana it spells (its NFKC form, フリークラス, in the Japanese
    model), a real word reads about as well as its decoding (特案捉) or better, where garbled
    Chinese reads much worse than the Chinese it was.  It must be spelled as katakana
    (:func:`_spelled_as_katakana`) and its decoding (``new``, whose fluency per character is
    ``new_fluency``) be less than :data:`KATAKANA_ODDS` likelier than the katakana.

    >>> from encfix.lang.plausibility import fluency
    >>> _reads_as_katakana("ﾌﾘｰｸﾗｽ", "特案捉", fluency("特案捉")), _reads_as_katakana("ﾐｻｲﾙ", "谢操", fluency("谢操"))
    (True, True)
    >>> _reads_as_katakana("ｵｫﾈﾔﾓﾐﾒｻ", "但仍有一", fluency("但仍有一")), _reads_as_katakana("ｰﾉｲﾋ", "吧菜", fluency("吧菜"))
    (False, False)
    """
    if not _spelled_as_katakana(old):
        return False
    katakana = unicodedata.normalize("NFKC", old)
    return new_fluency * len(new) - fluency(katakana, ("ja",)) * len(katakana) < KATAKANA_ODDS


def _min_gain(old: str, foreign: bool) -> float:
    """What a decoding of ``old`` must gain in all: :data:`MIN_FLUENCY_GAIN_FOREIGN` when every
    damaged letter is foreign to the document, unless some are half-width kana, which the
    models (counted on full-width text) all but never saw: their low score is the model's
    blind spot, not a sign of damage (``「ｶﾀｶﾅ」`` in a Chinese text about Japanese).

    >>> _min_gain("웹츠샙눠", True), _min_gain("ｶﾀｶﾅ", True)
    (12.0, 16.0)
    """
    if foreign and _HALFWIDTH_KANA_RE.search(old) is None:
        return MIN_FLUENCY_GAIN_FOREIGN
    return MIN_FLUENCY_GAIN


def _source_of(c: Candidate) -> str:
    """What the text was written in, however many readings the candidate undid."""
    return c.kinds[0].split("-as-")[0]


def _not_extended(candidates: List[Candidate]) -> List[Candidate]:
    """``candidates`` less those another candidate of the same source extends: it decodes more
    of the text, with their decoding inside its own.

    The DOS code pages share their box drawing (B0-DF): GBK read as cp866 decodes through
    cp437 too, up to the first byte they read otherwise -- ``╫▀╚║╓┌┬╖╧▀бг`` is 走群众路线。 through
    cp866, and through cp437 only 走群众路线, with ``бг`` (。) left over.  The longer decoding
    says the same and more.  (Source by source, in order of start, each candidate is compared
    only with those before it that reach its end: linear for candidates that do not overlap,
    which a long line of many garbled sentences has by the thousand.)

    >>> a = Candidate(0, 10, "走群众路线", ("gbk-as-cp437",), -12.0, -8.0, 0)
    >>> b = Candidate(0, 12, "走群众路线。", ("gbk-as-cp866",), -12.0, -8.2, 0)
    >>> [c.new for c in _not_extended([a, b])]
    ['走群众路线。']
    """
    by_source: Dict[str, List[Candidate]] = {}
    for c in candidates:
        by_source.setdefault(_source_of(c), []).append(c)
    extended = set()
    for group in by_source.values():
        # (a candidate that covers another starts no later, and for the same start ends later:
        # sorted so, those that may cover one all come before it)
        group.sort(key=lambda c: (c.start, -c.end))
        reach = list(itertools.accumulate((c.end for c in group), max))
        for i, a in enumerate(group):
            for k in range(i - 1, -1, -1):
                if reach[k] < a.end:
                    break  # (nothing at or before k reaches a's end)
                b = group[k]
                if b.end >= a.end and b.end - b.start > a.end - a.start and a.new in b.new:
                    extended.add(id(a))
                    break
    return [c for c in candidates if id(c) not in extended] if extended else candidates


def choose(candidates: List[Candidate]) -> List[Candidate]:
    """Non-overlapping candidates, best first: the most plausible decoding of each span wins
    (but not over a longer one that decodes the same and more, :func:`_not_extended`)."""
    if len(candidates) > 1:
        candidates = _not_extended(candidates)
    chosen: List[Candidate] = []
    starts: List[int] = []  # (the chosen ones' starts, in order: they do not overlap)
    for cand in sorted(candidates, key=lambda c: (-round(c.gain, 6), -c.new_score, len(c.kinds), c.start)):
        i = bisect.bisect_right(starts, cand.start)
        if (i == 0 or chosen[i - 1].end <= cand.start) and (i == len(chosen) or cand.end <= chosen[i].start):
            starts.insert(i, cand.start)
            chosen.insert(i, cand)
    return chosen


#: lines longer than this are only decoded as a whole (a minified JSON file garbled at once);
#: the span search would cost too much on them
LONG_LINE = 16384


#: line art: one box-drawing or block character six times or more (``──────``, ``▒▒▒▒▒▒``), the
#: boxes of DOS-era READMEs and of tables in plain text.  Text read as cp437 repeats one only
#: where bytes repeat: four times for a reduplicated character whose two bytes are the same
#: (妹妹 is ``├├├├``, 换换 ``╗╗╗╗``), five with a neighbour's byte (哪能, C4 C4 C4 DC, is
#: ``───▄``); six would take a character three times over
LINE_ART_RUN = 6
_LINE_ART_RE = re.compile("([\u2500-\u259f])\\1{%d,}" % (LINE_ART_RUN - 1))


def repair_spans(text: str, hits: Optional[List[Tuple[int, int]]] = None) -> List[Candidate]:
    """The repairs to make in ``text`` (one line or stretch), as candidates in its offsets.
    Line art (:data:`LINE_ART_RUN`) is never part of one: the text between is judged piece by
    piece.

    >>> repair_spans("┌────────┐")
    []
    """
    art = _LINE_ART_RE.search(text)
    if art is None:
        return _repair_spans(text, hits)
    out: List[Candidate] = []
    pos = 0
    if hits is not None:
        hits = sorted(hits)  # (the gate's hits do not overlap: their ends are in order too)
        starts, ends = [x for x, _ in hits], [y for _, y in hits]
    for m in itertools.chain(_LINE_ART_RE.finditer(text), (None,)):
        a = m.start() if m is not None else len(text)
        if a - pos >= 2:
            local = None
            if hits is not None:  # (the hits in this piece only, found by bisection: linear in all)
                i, j = bisect.bisect_right(ends, pos), bisect.bisect_left(starts, a)
                local = [(max(x, pos) - pos, min(y, a) - pos) for x, y in hits[i:j]]
            if local is None or local:
                out.extend(replace(c, start=c.start + pos, end=c.end + pos) for c in _repair_spans(text[pos:a], local))
        if m is not None:
            pos = m.end()
    return out


def _repair_spans(text: str, hits: Optional[List[Tuple[int, int]]] = None) -> List[Candidate]:
    if len(text) > LONG_LINE:
        return repair_whole(text)
    # a line the gate's hits cover in good part may be all mojibake of one codec pair; judging
    # it whole first costs a few decodings, too much for clean lines with a rare word or two
    readers = None
    if hits is not None and sum(b - a for a, b in hits) >= WHOLE_LINE_COVERAGE * len(text.strip()):
        readers = line_readers(text)
    return choose(_written_like_the_line(text, decodings(text, hits=hits, readers=readers)))


def _written_like_the_line(text: str, candidates: List[Candidate]) -> List[Candidate]:
    """``candidates`` without those whose source codec cannot write the clean CJK letters of
    ``text`` (those no candidate takes in), where a candidate over the same characters has a
    source that can.

    A line garbled in part was written in one codec, the clean text around the garbled span
    too: GBK's 壬午雨窗。 read as cp866 also decodes as EUC-JP (班怜嚏完。, which the unigram
    model likes better), but EUC-JP cannot write the 纨绔 of the sentence before it.

    >>> a = Candidate(6, 16, "壬午雨窗。", ("gbk-as-cp866",), -14.0, -9.6)
    >>> b = Candidate(6, 16, "班怜嚏完。", ("eucjp-as-cp866",), -14.0, -9.0)
    >>> [c.new for c in _written_like_the_line("不学之纨绔。╚╔╬ч╙ъ┤░бг畸笏。", [a, b])]
    ['壬午雨窗。']
    """
    if len(candidates) < 2:
        return candidates
    sources = {_source_of(c) for c in candidates}
    if len(sources) < 2:
        return candidates
    spans = sorted((c.start, c.end) for c in candidates)
    clean, pos = [], 0
    for a, b in spans:
        if a > pos:
            clean.append(text[pos:a])
        pos = max(pos, b)
    clean.append(text[pos:])
    letters = "".join(_CJK_LETTER_RE.findall("".join(clean)))
    if not letters:
        return candidates
    fits = {}
    for name in sources:
        try:
            letters.encode(SOURCE_BY_NAME[name.replace("-lossy", "")].codec)
            fits[name] = True
        except (UnicodeEncodeError, KeyError):
            fits[name] = False
    if all(fits.values()) or not any(fits.values()):
        return candidates
    # (the stretches the fitting candidates cover, merged and in order: each other candidate is
    # looked up by bisection, not compared with every one of them)
    covered: List[List[int]] = []
    for c in sorted((c for c in candidates if fits[_source_of(c)]), key=lambda c: c.start):
        if covered and c.start < covered[-1][1]:
            covered[-1][1] = max(covered[-1][1], c.end)
        else:
            covered.append([c.start, c.end])
    ends = [b for _, b in covered]

    def overlaps_written(c: Candidate) -> bool:
        i = bisect.bisect_right(ends, c.start)
        return i < len(covered) and covered[i][0] < c.end

    return [c for c in candidates if fits[_source_of(c)] or not overlaps_written(c)]


#: share of a line the gate's hits must cover for it to be judged as a whole first (damaged
#: lines: mostly over 0.5; clean lines with rare words: mostly under 0.1)
WHOLE_LINE_COVERAGE = 0.25
#: a line this long or longer may be judged as a whole to choose its reader
WHOLE_LINE_MIN = 8
#: the whole line's best decoding must read at least this well under the pair model...
WHOLE_LINE_FLOOR = -7.5
#: ... and better than the line as it is by this much per character
WHOLE_LINE_MARGIN = 4.0
#: how many characters of the line and of its decodings the pair model reads
WHOLE_LINE_SAMPLE = 64
#: readers whose own best decoding of the line reads within this much of the best are kept
WHOLE_LINE_SLACK = 2.0


def line_readers(text: str) -> Optional[Dict[str, Tuple[str, ...]]]:
    """The codec pairs worth a span search of ``text`` (reader -> sources): when all of it is
    one reader's bytes that decode, as a whole, into far more fluent text than it is, that pair
    (and any other that does nearly as well); else None, every pair.

    The span search tries every reader and source on every region and piece of one, which is
    most of the stage's time on damaged documents; a whole line of GBK read as Latin-1 cannot
    also be Shift_JIS read as cp850.  The search still runs (with the readers kept) and judges
    every region as before: a line with a clean word (``Médecin``) or two codec pairs in it is
    cut up as before.  This only drops readers that read the whole line far worse.

    >>> line_readers("ÖÐ»ª¹²ºÍ¹úÖÐÑëÈËÃñÕþ¸®")
    {'latin1': ('gbk',)}
    >>> line_readers("中华人民共和国中央人民政府") is None
    True
    """
    core = text.strip()
    if len(core) < WHOLE_LINE_MIN or core.isascii():
        return None
    best: Dict[Tuple[str, str], float] = {}
    judged: Dict[Tuple[bytes, str], Optional[float]] = {}  # Latin-1 and cp1252 mostly give the same bytes
    seen = set()
    for reader in READERS:
        data = encode_all(core, reader)
        if data is None or data.isascii() or data in seen:
            # (a reader that gives the same bytes as one before it, cp1252 after Latin-1 on
            # most text, would only find the same repairs again, and lose every tie)
            continue
        seen.add(data)
        for source in SOURCES:
            if source.name == reader.name:
                continue
            key = (data, source.name)
            if key not in judged:
                judged[key] = None
                try:
                    new = data.decode(source.codec)
                except UnicodeDecodeError:
                    continue
                # (judged on its start: the whole line decoded, and the pair model is costly)
                if _decodes_to_cjk(new):
                    judged[key] = fluency(new[:WHOLE_LINE_SAMPLE])
            if judged[key] is not None:
                best[reader.name, source.name] = judged[key]
    if not best:
        return None
    top = max(best.values())
    if top < WHOLE_LINE_FLOOR or top < fluency(core[:WHOLE_LINE_SAMPLE]) + WHOLE_LINE_MARGIN:
        return None
    kept: Dict[str, Tuple[str, ...]] = {}
    for (reader_name, source_name), f in best.items():
        if f >= top - WHOLE_LINE_SLACK:
            kept[reader_name] = kept.get(reader_name, ()) + (source_name,)
    return kept


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
