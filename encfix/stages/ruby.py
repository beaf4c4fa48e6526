"""Stage: leaked pinyin ruby -- ``區(qū)`` -> ``區``.

Web pages that print pinyin over a character (``<ruby>區<rt>qū</rt></ruby>``, or a site that
glosses "hard" characters) leak the annotation into extracted text as ``區(qū)``.  A Han character
followed *directly* by ``(syllable)``, where the syllable is a real pinyin syllable with a tone
(``qū`` or ``qu1``), is such a leak and the annotation is removed (kind ``ruby.pinyin``).

Intentional annotation stays, decided by shape and density:

* a teaching text annotates most characters of a line (``我(wǒ)們(men)是(shì)學(xué)生(shēng)``);
* a dictionary or glossary entry puts the annotated head word first on its line
  (``中(zhōng)：在中間``) -- a glossary written ``中 (zhōng)`` with a space is not a leak shape at all;
* toneless "pinyin" (``(a)`` ``(men)``) is too often a variable or an English word: never touched.

The syllable inventory is ``encfix/data/pinyin_syllables.txt`` (generated from pypinyin by
``encfix/data/make_pinyin.py``), loaded the first time a candidate is seen.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import accumulate, repeat
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Tuple

from ..config import Config
from ..findings import Edit, Finding, to_findings

NAME = "ruby"

#: Han ideographs (BMP blocks, compatibility, and the supplementary planes)
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

#: what a syllable in parentheses looks like before the table is consulted: lowercase Latin
#: letters, tone-marked vowels (precomposed or combining), an optional tone digit
_SYLLABLE = "[a-z\u00e0-\u00fc\u0101-\u01dc\u01f9\u1e3f\u1ebf\u1ec1\u0300-\u036f]{1,7}[1-5]?"

#: the gate: a letter (or tone digit) right before a closing parenthesis -- a two-character
#: pattern that starts with a character class scans fast; ``[(（]`` would stop at every ``（``
_GATE = re.compile("[a-z\u00e0-\u00fc\u0101-\u01dc\u01f9\u1e3f\u1ebf\u1ec1\u0300-\u036f1-5][)）]")
#: a parenthesised syllable-shaped word (the Han character before it is checked separately)
_CANDIDATE = re.compile(r"[(（](" + _SYLLABLE + r")[)）]")


_HAN_CHAR = re.compile("[" + HAN + "]")
_HAN_RUN = re.compile("[" + HAN + "]+")

#: a dictionary/glossary head word: at the start of a line (after an optional list marker),
#: one to four Han characters, each annotated, then a space or a colon before the definition
#: (used with ``match`` from the line's start, so no ``^``: it would only match at the text's)
#: (written ``(?:marker|)`` and ``X(?:X){0,3}`` rather than ``(?:marker)?`` and ``(?:X){1,4}``:
#: the same matches, but a line that opens with no annotated character fails before the regex
#: engine sets up a repeat -- :func:`may_hold_headword` tries it after every line break)
_ANNOTATED = "[" + HAN + r"][(（]" + _SYLLABLE + r"[)）]"
_HEADWORD = re.compile(
    r"[ \t]*(?:[-*•·][ \t]*|\d{1,3}[.、．][ \t]*|)" + _ANNOTATED + "(?:" + _ANNOTATED + r"){0,3}(?=[ \t:：])"
)

#: a head word's annotations start within this many characters of its line's start (four
#: annotated characters and a list marker fit well within it)
HEADWORD_WITHIN = 40
#: a bare syllable (``的(de)``) counts as a leak only where at least this many tone-marked leaks are
TONELESS_AFTER = 2
#: a text is a glossary when more than this share of its annotated lines open with an annotated head word
GLOSSARY_SHARE = 0.5
#: a line whose annotated share of Han characters reaches this is a teaching text
TEACHING_SHARE = 0.8
#: ... provided it annotates at least this many characters
TEACHING_MIN = 3

_REASON = "leaked pinyin annotation (ruby) after a Han character"

_TABLE = Path(__file__).resolve().parent.parent / "data" / "pinyin_syllables.txt"


@lru_cache(maxsize=1)
def syllables() -> FrozenSet[str]:
    """Pinyin syllables with a tone, as marks and as digits (loaded once, on first use).

    >>> {"qū", "qu1", "lv4", "lü4"} <= syllables()
    True
    >>> "qx" in syllables() or "men" in syllables()
    False
    """
    import unicodedata

    lines = _TABLE.read_text(encoding="utf-8").splitlines()
    return frozenset(unicodedata.normalize("NFC", s) for s in lines if s and not s.startswith("#"))


@lru_cache(maxsize=8192)
def is_pinyin(word: str, toneless: bool = False) -> bool:
    """True when ``word`` is one pinyin syllable with a tone (marks or a digit).

    With ``toneless``, a bare syllable (``men``) counts too -- only for *keeping* text as it is.

    >>> is_pinyin("wǎng"), is_pinyin("wang3"), is_pinyin("wang"), is_pinyin("AI")
    (True, True, False, False)
    >>> is_pinyin("men", toneless=True), is_pinyin("qx", toneless=True)
    (True, False)
    """
    if not word or len(word) > 8:
        return False
    if not word.isascii():
        import unicodedata

        word = unicodedata.normalize("NFC", word)
    table = syllables()
    return word in table or (toneless and word.isalpha() and word + "5" in table)


def is_teaching_line(line: str, annotated: int) -> bool:
    """True when most Han characters of ``line`` carry an annotation: a text made for learners.

    >>> is_teaching_line("我(wǒ)們(men)是(shì)學(xué)生(shēng)", 5)
    True
    >>> is_teaching_line("示範區(qū)認真組織收聽收看", 1), is_teaching_line("細(xì)語(yǔ)(中國畫(huà))", 3)
    (False, False)
    """
    if annotated < TEACHING_MIN:
        return False
    return annotated >= TEACHING_SHARE * han_count(line)


def han_count(text: str) -> int:
    """How many Han characters ``text`` holds (counted run by run).

    >>> han_count("我(wǒ)們(men)是學生")
    5
    """
    return sum(map(len, _HAN_RUN.findall(text)))


def has_more_han(text: str, start: int, end: int, limit: float) -> bool:
    """True when ``text[start:end]`` holds more than ``limit`` Han characters (it stops counting
    as soon as it knows).

    >>> has_more_han("示範區認真組織收聽收看", 0, 11, 3), has_more_han("我(wǒ)們(men)是(shì)", 0, 15, 3)
    (True, False)
    """
    count = 0
    pos = start
    while True:
        m = _HAN_RUN.search(text, pos, end)
        if m is None:
            return False
        pos = m.end()
        count += pos - m.start()
        if count > limit:
            return True


def is_headword(line: str, start: int, line_start: int = 0, line_end: int = -1) -> bool:
    """True when the annotation at ``start`` belongs to a head word that opens a dictionary line.

    ``line`` may be a whole text whose line is ``line[line_start:line_end]`` (``start`` counts from
    ``line_start``): no copy of the line is made.

    >>> is_headword("中(zhōng)：在中間", 1)
    True
    >>> is_headword("示範區(qū)認真組織", 3), is_headword("子興(xīng)道：“榮國府", 3), is_headword("再次強調(diào):根據", 4)
    (False, False, False)
    >>> is_headword("前言\\n中(zhōng)：在中間", 1, 3), is_headword("前言\\n中(zhōng)：在中間", 1, 0)
    (True, False)
    """
    if start > HEADWORD_WITHIN:
        return False
    m = _HEADWORD.match(line, line_start, len(line) if line_end < 0 else line_end)
    return bool(m) and line_start + start < m.end()


@lru_cache(maxsize=1)
def _syllable_kinds() -> Dict[str, bool]:
    """Every word :func:`is_pinyin` accepts: True for a syllable with a tone, False for a bare one
    (``men``: the table holds its neutral tone ``men5``) -- one dict lookup per candidate."""
    kinds: Dict[str, bool] = {}
    for word in syllables():
        if word.endswith("5") and word[:-1].isalpha():
            kinds.setdefault(word[:-1], False)
    kinds.update(dict.fromkeys(syllables(), True))
    return kinds


@lru_cache(maxsize=1)
def _annotation_kinds() -> Dict[str, bool]:
    """:func:`_syllable_kinds` keyed by the annotation as it stands in the text, ``(qū)`` or
    ``(qū）``: the bulk path looks each one up as it is, without cutting out the syllable."""
    return {"(" + word + close: kind for word, kind in _syllable_kinds().items() for close in ")）"}


def find(text: str, config: Config) -> List[Finding]:
    """Leaked annotations in ``text``, one deletion each.

    >>> [(f.old, f.new) for f in find("示範區(qū)認真", None)]
    [('(qū)', '')]
    >>> find("中 (zhōng) 的意思", None), find("函數f(x)與變量(a)", None)
    ([], [])
    >>> [f.old for f in find("示範區(qū)認真組織的(de)工作，轉入常態(tài)化", None)]  # toneless: see TONELESS_AFTER
    ['(qū)', '(de)', '(tài)']
    """
    return to_findings(edits(text, config))


def edits(text: str, config: Config) -> List[Edit]:
    """:func:`find` in the compact form (see :mod:`encfix.findings`): what ``fix`` applies.

    >>> edits("示範區(qū)認真", None)
    [('ruby.pinyin', 3, 7, '(qū)', '', 'leaked pinyin annotation (ruby) after a Han character')]
    """
    if not _GATE.search(text):
        return []
    # Damaged web text holds an annotation every few dozen characters: the common text is taken
    # in bulk (:func:`_leaks_in_bulk`), anything unusual one candidate at a time.  Only a line
    # with several annotations is then looked at as a whole (a teaching text), only a text with
    # head words as a glossary.
    findings, toneless = _leaks_in_bulk(text) or _leaks_one_by_one(text)
    if not findings:
        return findings
    # (the findings are compact edits, see :data:`Edit`: ``f[1]`` is where one starts)
    lines = []  # [line end, index of its first finding]; where a line starts is looked up when needed
    line_end = -1
    find_break = text.find
    for i, f in enumerate(findings):
        if f[1] > line_end:
            line_end = find_break("\n", f[1])
            if line_end < 0:
                line_end = len(text)
            lines.append((line_end, i))
    dropped = set()
    if toneless and len(findings) - len(toneless) < TONELESS_AFTER:
        dropped.update(toneless)  # "變量(a)": a bare syllable is only a leak where tone-marked leaks abound
    # Most lines hold an annotation or two: only a line with TEACHING_MIN or more can be a
    # teaching text, and only a text where a head word opens some line can be a glossary.
    # Everything below looks at those lines alone.
    firsts = [first for _, first in lines] + [len(findings)]
    busy = [i for i in range(len(lines)) if firsts[i + 1] - firsts[i] >= TEACHING_MIN]
    teaching = set()  # indices (into lines) of teaching lines
    for i in busy:
        end, first = lines[i]
        start = text.rfind("\n", 0, findings[first][1]) + 1
        last = firsts[i + 1]
        n = last - first - (sum(1 for j in dropped if first <= j < last) if dropped else 0)
        # a line can only be a teaching text when it has about as many annotations as Han
        # characters: counted in runs first, and only until there are too many (cheap), one by
        # one only then
        if n >= TEACHING_MIN and not has_more_han(text, start, end, n / TEACHING_SHARE + 1e-9):
            # a chain "區(qū)(qū)" annotates one character: count characters, not annotations
            if is_teaching_line(text[start:end], sum(1 for j in range(first, last) if j not in dropped
                                                     and is_han(text[findings[j][1] - 1]))):
                teaching.add(i)
    for i in teaching:
        dropped.update(range(lines[i][1], firsts[i + 1]))
    # A glossary: most annotated lines open with an annotated head word (``中(zhōng)：在中間``).
    # One head word among many annotated lines (``第(dì) 5 條`` in a leaky page) is a leak like
    # the rest.  A head word opens its line, so only a line's first annotation can belong to one.
    if may_hold_headword(text):
        rest = []  # (line start, line end, first annotation kept, end of its annotations) of the other lines
        for i, (end, first) in enumerate(lines):
            if i in teaching:
                continue
            kept = next((j for j in range(first, firsts[i + 1]) if j not in dropped), None)
            if kept is not None:
                start = text.rfind("\n", 0, findings[first][1]) + 1
                rest.append((start, end, kept, firsts[i + 1]))
        heads = [line for line in rest if is_headword(text, findings[line[2]][1] - line[0], line[0], line[1])]
        if heads and len(heads) > GLOSSARY_SHARE * len(rest):
            for start, end, first, last in heads:  # all annotations of the head word (``中(zhōng)國(guó)：``)
                dropped.update(j for j in range(first, last)
                               if is_headword(text, findings[j][1] - start, start, end))
    if dropped:
        findings = [f for i, f in enumerate(findings) if i not in dropped]
    return findings


#: a parenthesised syllable-shaped word right after a Han character (the lookbehind follows the
#: opening literal, which keeps the search fast), as the pattern's one group: ``split`` gives the
#: text between, a candidate, the text between, ...
_LEAK_SHAPE = re.compile(r"(\((?<=[" + HAN + r"]\()" + _SYLLABLE + r"[)）])")
#: a candidate right after a closing parenthesis: maybe an annotation chained to another
#: (``區(qū)(qū)``), which _LEAK_SHAPE does not see (``縣(xiàn)(市)`` is no chain: ``市`` is no syllable)
_CHAIN = re.compile(r"\((?<=[)）]\()" + _SYLLABLE + r"[)）]")


def _leaks_in_bulk(text: str) -> Optional[Tuple[List[Edit], List[int]]]:
    """(findings, indices of the bare syllables) for a text whose candidates are all leak-shaped
    and all real syllables, None for any other text (:func:`_leaks_one_by_one` takes it).

    The work per candidate is done by C code (``split``, ``map``, ``accumulate``): damaged web
    text has a candidate every few dozen characters, and a Python loop over match objects cost
    more than everything else together.

    >>> [(start, old) for _, start, _, old, _, _ in _leaks_in_bulk("示範區(qū)認真組織的(de)")[0]], _leaks_in_bulk("區(qū)(qū)")
    ([(3, '(qū)'), (12, '(de)')], None)
    >>> [e[3] for e in _leaks_in_bulk("縣(xiàn)(市)政府")[0]]
    ['(xiàn)']
    """
    if "（" in text or _CHAIN.search(text):
        return None
    parts = _LEAK_SHAPE.split(text)
    olds = parts[1::2]
    tones = list(map(_annotation_kinds().get, olds))
    if None in tones:  # not a syllable, or one in decomposed form
        return None
    ends = list(accumulate(map(len, parts)))  # where each part ends: a candidate starts where text ends
    findings = list(zip(repeat("ruby.pinyin"), ends[0::2], ends[1::2], olds, repeat(""), repeat(_REASON)))
    return findings, [i for i, tone in enumerate(tones) if not tone] if False in tones else []


def _leaks_one_by_one(text: str) -> Tuple[List[Edit], List[int]]:
    """(findings, indices of the bare syllables) for any text.

    >>> [e[3] for e in _leaks_one_by_one("區(qū)(qū)，中（zhōng）")[0]]
    ['(qū)', '(qū)', '（zhōng）']
    """
    kinds = _syllable_kinds()
    findings: List[Edit] = []
    append = findings.append
    toneless = []
    chained = -1  # end of the last annotation: "區(qū)(qū)" -- the second one is a leak too
    for m in _CANDIDATE.finditer(text):
        s, e = m.span()
        if s != chained:
            if not s:
                continue
            c = text[s - 1]
            if not ("\u4e00" <= c <= "\u9fff" or is_han(c)):
                continue
        word = m.group(1)
        kind = kinds.get(word)
        if kind is None:
            if word.isascii():
                continue
            kind = kinds.get(unicodedata.normalize("NFC", word))
            if kind is None:
                continue
        if not kind:
            toneless.append(len(findings))
        chained = e
        append(("ruby.pinyin", s, e, m.group(), "", _REASON))
    return findings, toneless


#: where a head word may open a line (see :func:`may_hold_headword`)
_HEADWORD_AFTER_BREAK = re.compile("\n" + _HEADWORD.pattern)


def may_hold_headword(text: str) -> bool:
    """False when no line of ``text`` opens with an annotated head word (:data:`_HEADWORD`): then
    no line needs :func:`is_headword`.  (The search starts with a line break, a literal, so it
    scans fast; ``^`` with ``re.M`` would be tried at every position.)

    >>> may_hold_headword("前言\\n中(zhōng)：在中間"), may_hold_headword("示範區(qū)認真\\n第(dì) 5 條")
    (True, True)
    >>> may_hold_headword("示範區(qū)認真\\n總統(tǒng)依法")
    False
    """
    return _HEADWORD.match(text) is not None or _HEADWORD_AFTER_BREAK.search(text) is not None


def is_han(c: str) -> bool:
    """True for a Han ideograph.

    >>> is_han("區"), is_han("a"), is_han("（")
    (True, False, False)
    """
    return ("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\uf900" <= c <= "\ufaff"
            or "\U00020000" <= c <= "\U0003134f")
