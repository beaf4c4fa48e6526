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
from pathlib import Path
from typing import Dict, FrozenSet, List

from ..config import Config
from ..findings import Finding

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
_HEADWORD = re.compile(
    r"[ \t]*(?:[-*•·][ \t]*|\d{1,3}[.、．][ \t]*)?(?:[" + HAN + r"][(（]" + _SYLLABLE + r"[)）]){1,4}"
    r"(?=[ \t:：])"
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
    for m in _HAN_RUN.finditer(text, start, end):
        count += m.end() - m.start()
        if count > limit:
            return True
    return False


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


def find(text: str, config: Config) -> List[Finding]:
    """Leaked annotations in ``text``, one deletion each.

    >>> [(f.old, f.new) for f in find("示範區(qū)認真", None)]
    [('(qū)', '')]
    >>> find("中 (zhōng) 的意思", None), find("函數f(x)與變量(a)", None)
    ([], [])
    >>> [f.old for f in find("示範區(qū)認真組織的(de)工作，轉入常態(tài)化", None)]  # toneless: see TONELESS_AFTER
    ['(qū)', '(de)', '(tài)']
    """
    if not _GATE.search(text):
        return []
    kinds = _syllable_kinds()
    # Damaged web text holds an annotation every few dozen characters, so this is one pass: one
    # regex finds the candidates, one dict lookup judges the syllable, a finding is made at once,
    # and the lines are noted as they go by.  Only a line with several annotations is looked at
    # as a whole (a teaching text), only a text with head words as a glossary.
    findings: List[Finding] = []
    append = findings.append
    toneless = []  # indices of findings that are bare syllables
    lines = []  # [line start, line end, index of its first finding]
    line_end = -1
    chained = -1  # end of the last annotation: "區(qū)(qū)" -- the second one is a leak too
    for m in _CANDIDATE.finditer(text):
        s = m.start()
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
        chained = e = m.end()
        if s > line_end:
            line_start = text.rfind("\n", 0, s) + 1
            line_end = text.find("\n", s)
            if line_end < 0:
                line_end = len(text)
            lines.append((line_start, line_end, len(findings)))
        append(Finding("ruby.pinyin", s, e, m.group(), "", _REASON))
    if not findings:
        return findings
    dropped = set()
    if toneless and len(findings) - len(toneless) < TONELESS_AFTER:
        dropped.update(toneless)  # "變量(a)": a bare syllable is only a leak where tone-marked leaks abound
    bounds = [(start, end, first, nxt[2] if nxt else len(findings))
              for (start, end, first), nxt in zip(lines, lines[1:] + [None])]
    if dropped:
        bounds = [(start, end, first, last) for start, end, first, last in bounds
                  if any(i not in dropped for i in range(first, last))]
    rest = []  # lines that are not teaching texts
    for start, end, first, last in bounds:
        n = last - first - (sum(1 for i in dropped if first <= i < last) if dropped else 0)
        # a line can only be a teaching text when it has about as many annotations as Han
        # characters: counted in runs first, and only until there are too many (cheap), one by
        # one only then
        if n >= TEACHING_MIN and not has_more_han(text, start, end, n / TEACHING_SHARE + 1e-9):
            # a chain "區(qū)(qū)" annotates one character: count characters, not annotations
            if is_teaching_line(text[start:end], sum(1 for i in range(first, last) if i not in dropped
                                                     and is_han(text[findings[i].start - 1]))):
                dropped.update(range(first, last))
                continue
        rest.append((start, end, first, last))
    # A glossary: most annotated lines open with an annotated head word (``中(zhōng)：在中間``).
    # One head word among many annotated lines (``第(dì) 5 條`` in a leaky page) is a leak like
    # the rest.  A head word opens its line, so only a line's first annotation can belong to one.
    if dropped:
        first_of = [(start, end, next(i for i in range(first, last) if i not in dropped))
                    for start, end, first, last in rest]
    else:
        first_of = [(start, end, first) for start, end, first, last in rest]
    heads = sum(1 for start, end, i in first_of if is_headword(text, findings[i].start - start, start, end))
    if heads and heads > GLOSSARY_SHARE * len(rest):
        for start, end, first, last in rest:
            dropped.update(i for i in range(first, last) if is_headword(text, findings[i].start - start, start, end))
    if dropped:
        findings = [f for i, f in enumerate(findings) if i not in dropped]
    return findings


def is_han(c: str) -> bool:
    """True for a Han ideograph.

    >>> is_han("區"), is_han("a"), is_han("（")
    (True, False, False)
    """
    return ("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\uf900" <= c <= "\ufaff"
            or "\U00020000" <= c <= "\U0003134f")
