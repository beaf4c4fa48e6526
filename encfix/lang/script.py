"""Which script a text is written in: Simplified or Traditional Chinese, a mix, Japanese, Korean.

Chinese is told apart by the characters only one side writes (``script_chars.json``, made from
OpenCC's own dictionaries by ``encfix/data/make_script_chars.py``): 随 and 并 are Simplified only,
隨 and 並 Traditional only; 范, 后, 台 and the other characters both sides write
tell nothing.  Japanese is told by kana, Korean by Hangul: a line with kana is Japanese even when
most of its characters are kanji, because kanji must never be converted as if they were Chinese.

Labels (:data:`LABELS`):

=============  ===================================================================
``zh-Hans``    Han text with Simplified-only characters and no Traditional-only one
``zh-Hant``    Han text with Traditional-only characters and no Simplified-only one
``zh-mixed``   both: Traditional with stray Simplified (the seed's ``并``) or the reverse
``ja``         kana present (documents: kana are at least 5 % of the CJK letters)
``ko``         Hangul outnumbers Han
``latin``      no CJK; Latin letters
``other``      no CJK, no Latin letters, something besides white space
``empty``      nothing but white space
=============  ===================================================================

Han text without a single telling character (``中文``, ``公里``) reads the same in both scripts.
:func:`detect_script` reports it as ``zh-Hans``; :func:`detect_line_scripts` gives such a line the
label of its document, which is what conversion needs.
"""
from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from typing import FrozenSet, List, NamedTuple, Tuple

LABELS = ("zh-Hans", "zh-Hant", "zh-mixed", "ja", "ko", "latin", "other", "empty")
CHINESE = ("zh-Hans", "zh-Hant", "zh-mixed")

#: In a document, kana must be at least this share of kana + Han to call it Japanese (a Chinese
#: article quoting one Japanese title stays Chinese; its quoting line is still ``ja``).
JA_DOCUMENT_KANA_SHARE = 0.05

_HAN_RANGES = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007"  # ext A, unified, compatibility, 〇
    "\U00020000-\U0003134f"  # extensions B-H
)
# Kana without the katakana middle dot ・ (U+30FB), which Chinese writes between foreign names.
_KANA_RANGES = "\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9d"
_HANGUL_RANGES = "\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e"

HAN = re.compile("[" + _HAN_RANGES + "]")
KANA = re.compile("[" + _KANA_RANGES + "]")
HANGUL = re.compile("[" + _HANGUL_RANGES + "]")
CJK = re.compile("[" + _HAN_RANGES + _KANA_RANGES + _HANGUL_RANGES + "]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_NOT_SPACE = re.compile(r"\S")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class CharSet:
    """A set of characters to search text for, fast.

    ``re`` scans a class of BMP characters with a bitmap, but a class holding supplementary-plane
    characters is tried item by item (a thousand times slower on 4,000 characters).  So the
    supplementary-plane members (rare Extension B forms) are looked up in a set, and only in
    texts that have such characters at all.
    """

    def __init__(self, chars: str):
        self.bmp = re.compile("[" + re.escape("".join(c for c in chars if ord(c) <= 0xFFFF)) + "]")
        self.astral = frozenset(c for c in chars if ord(c) > 0xFFFF)

    def search(self, text: str) -> bool:
        """True when ``text`` holds one of the characters."""
        if self.bmp.search(text):
            return True
        return bool(self.astral) and _ASTRAL.search(text) is not None and not self.astral.isdisjoint(text)

    def count(self, text: str) -> int:
        """How many characters of ``text`` are in the set."""
        n = len(self.bmp.findall(text))
        if self.astral and _ASTRAL.search(text):
            n += sum(1 for c in _ASTRAL.findall(text) if c in self.astral)
        return n


@lru_cache(maxsize=1)
def _table() -> dict:
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "script_chars.json")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=1)
def _telling() -> Tuple[CharSet, CharSet]:
    data = _table()
    return CharSet(data["simplified_only"]), CharSet(data["traditional_only"])


@lru_cache(maxsize=1)
def regional() -> FrozenSet[str]:
    """Characters Taiwan or Hong Kong write where OpenCC's standard Traditional differs (台 吃 為 著)."""
    return frozenset(_table()["regional"])


def simplified_only() -> CharSet:
    """The characters written only in Simplified Chinese (随, 并)."""
    return _telling()[0]


def traditional_only() -> CharSet:
    """The characters written only in Traditional Chinese (隨, 並)."""
    return _telling()[1]


class Counts(NamedTuple):
    han: int
    simplified: int
    traditional: int
    kana: int
    hangul: int


def count(text: str) -> Counts:
    """Count the characters that decide the script.

    >>> count("隨著疫情，示范区")
    Counts(han=7, simplified=1, traditional=1, kana=0, hangul=0)
    """
    simp, trad = _telling()
    return Counts(
        len(HAN.findall(text)),
        simp.count(text),
        trad.count(text),
        len(KANA.findall(text)),
        len(HANGUL.findall(text)),
    )


def _label(text: str, c: Counts, kana_share: float) -> str:
    if c.kana and c.kana >= kana_share * (c.kana + c.han):
        return "ja"
    if c.hangul and c.hangul >= c.han:
        return "ko"
    if c.han:
        if c.simplified and c.traditional:
            return "zh-mixed"
        return "zh-Hant" if c.traditional else "zh-Hans"
    if c.kana:  # kana below the document share and no Han: still Japanese
        return "ja"
    if _LATIN.search(text):
        return "latin"
    return "other" if _NOT_SPACE.search(text) else "empty"


def detect_script(text: str) -> str:
    """Say which script ``text`` is written in; one of :data:`LABELS`.

    >>> detect_script("随着疫情防控转入常态化")
    'zh-Hans'
    >>> detect_script("隨著疫情防控轉入常態化")
    'zh-Hant'
    >>> detect_script("隨著疫情防控轉入常態化，示范区并隨即召开")
    'zh-mixed'
    >>> detect_script("東京都の人口")
    'ja'
    >>> detect_script("서울특별시")
    'ko'
    >>> detect_script("Hello, world")
    'latin'
    >>> detect_script(" \\n")
    'empty'
    """
    return _label(text, count(text), JA_DOCUMENT_KANA_SHARE)


def detect_line_script(line: str) -> str:
    """Like :func:`detect_script` for one line, where a single kana makes the line Japanese.

    >>> detect_line_script("中国の首都は北京です")
    'ja'
    >>> detect_line_script("“千と千尋の神隠し”在台湾上映")
    'ja'
    """
    return _label(line, count(line), 0.0)


class LineScript(NamedTuple):
    start: int
    end: int  # after the line break
    script: str
    simplified: int = 0  # Simplified-only characters on the line
    traditional: int = 0  # Traditional-only characters on the line


def detect_line_scripts(text: str) -> List[LineScript]:
    """The script of every line of ``text`` (offsets include the line break).

    A Han line without a telling character takes the label of its document (``zh-Hans`` or
    ``zh-Hant``; in a mixed document, whichever of the two has more telling characters).

    >>> [s.script for s in detect_line_scripts("隨著時間\\n公里\\n东京の桜\\n")]
    ['zh-Hant', 'zh-Hant', 'ja']
    """
    lines = text.splitlines(keepends=True)
    counted = [count(line) for line in lines]
    simp = sum(c.simplified for c in counted)
    trad = sum(c.traditional for c in counted)
    neutral = "zh-Hant" if trad > simp else "zh-Hans"
    out = []
    pos = 0
    for line, c in zip(lines, counted):
        label = _label(line, c, 0.0)
        if label in CHINESE and not c.simplified and not c.traditional:
            label = neutral
        out.append(LineScript(pos, pos + len(line), label, c.simplified, c.traditional))
        pos += len(line)
    return out
