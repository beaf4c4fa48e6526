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
from functools import lru_cache
from pathlib import Path
from typing import FrozenSet, List

from ..config import Config
from ..findings import Finding, edit

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

#: a dictionary/glossary head word: at the start of a line (after an optional list marker),
#: one to four Han characters, each annotated, then a space or a colon before the definition
_HEADWORD = re.compile(
    r"^[ \t]*(?:[-*•·][ \t]*|\d{1,3}[.、．][ \t]*)?(?:[" + HAN + r"][(（]" + _SYLLABLE + r"[)）]){1,4}"
    r"(?=[ \t:：])"
)

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
    return annotated >= TEACHING_SHARE * len(_HAN_CHAR.findall(line))


def is_headword(line: str, start: int) -> bool:
    """True when the annotation at ``start`` belongs to a head word that opens a dictionary line.

    >>> is_headword("中(zhōng)：在中間", 1)
    True
    >>> is_headword("示範區(qū)認真組織", 3), is_headword("子興(xīng)道：“榮國府", 3), is_headword("再次強調(diào):根據", 4)
    (False, False, False)
    """
    if start > 40:  # four annotated characters and a list marker fit well within this
        return False
    m = _HEADWORD.match(line)
    return bool(m) and start < m.end()


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
    toned, toneless = [], []
    chained = -1  # end of the last annotation: "區(qū)(qū)" -- the second one is a leak too
    for m in _CANDIDATE.finditer(text):
        s = m.start()
        if s and (s == chained or is_han(text[s - 1])):
            if is_pinyin(m.group(1)):
                toned.append(m)
                chained = m.end()
            elif is_pinyin(m.group(1), toneless=True):
                toneless.append(m)
                chained = m.end()
    if len(toned) < TONELESS_AFTER:
        toneless = []  # "變量(a)": a bare syllable is only a leak where tone-marked leaks abound
    hits = sorted(toned + toneless, key=lambda m: m.start()) if toneless else toned
    by_line = {}  # line start -> (line, hits on that line); hits come in text order
    line_end = -1
    for m in hits:
        s = m.start()
        if s > line_end:
            line_start = text.rfind("\n", 0, s) + 1
            line_end = text.find("\n", s)
            if line_end < 0:
                line_end = len(text)
            by_line[line_start] = (text[line_start:line_end], [])
        by_line[line_start][1].append(m)
    # a chain "區(qū)(qū)" annotates one character: count characters, not annotations
    teaching = {start for start, (line, hits) in by_line.items()
                if is_teaching_line(line, sum(1 for m in hits if is_han(text[m.start() - 1])))}
    glossary = is_glossary((start, lh) for start, lh in by_line.items() if start not in teaching)
    findings: List[Finding] = []
    for line_start, (line, hits) in by_line.items():
        if line_start in teaching:
            continue
        for m in hits:
            if glossary and is_headword(line, m.start() - line_start):
                continue
            findings.append(edit("ruby.pinyin", text, m.start(), m.end(), "", _REASON))
    return findings


def is_glossary(lines_with_hits) -> bool:
    """True when most lines that carry annotations open with an annotated head word.

    One head word among many annotated lines (``第(dì) 5 條`` in a leaky page) is a leak like the
    rest; a list of entries (``中(zhōng)：在中間``) is a glossary.
    """
    lines_with_hits = list(lines_with_hits)
    # a head word opens its line, so only a line's first annotation can belong to one
    heads = sum(1 for start, (line, hits) in lines_with_hits if is_headword(line, hits[0].start() - start))
    return heads > GLOSSARY_SHARE * len(lines_with_hits)


def is_han(c: str) -> bool:
    """True for a Han ideograph.

    >>> is_han("區"), is_han("a"), is_han("（")
    (True, False, False)
    """
    return ("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\uf900" <= c <= "\ufaff"
            or "\U00020000" <= c <= "\U0003134f")
