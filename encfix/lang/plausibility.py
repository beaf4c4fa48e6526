"""How plausible is a string as real text?  Mean log-probability per character.

The model is a small mixture of per-language unigram models (Simplified and Traditional
Chinese, Japanese, Korean, English, French, German, Spanish, Russian).  Each language model
gives a character the probability of its character class in that language (Han, kana, Hangul,
punctuation, digits, box drawing, C1 controls...; see :mod:`encfix.lang.charclass`) times the
probability of the character within its class, taken from ``encfix/data/charfreq.tsv`` (made
from wordfreq by ``encfix/data/make_frequencies.py``) for letters, uniform for the rest.

:func:`score` is the best language's mean log-probability.  Taking the best language instead
of a pooled average is what makes script mixtures cost: ``浣犲ソ`` (UTF-8 read as GBK) has rare
Han for Chinese *and* a katakana, rare for Japanese too, while ``你好`` is common Chinese.

Scores are comparable across candidate decodings of the same bytes: higher is more plausible.
"""
from __future__ import annotations

import math
import os
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from .charclass import CHARACTER_CLASSES, classify

_DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "charfreq.tsv")

#: number of code points per class, for classes whose members are taken as equally likely
_UNIFORM_SIZE = {
    "cjk_punct": 60, "fullwidth": 62, "digit": 10, "space": 4, "ascii_punct": 32,
    "latin1_symbol": 34, "cp1252_extra": 15, "greek": 80, "box": 160, "c0": 30, "c1": 32,
    "private_use": 6400, "replacement": 1, "symbol": 2000, "other": 100000,
    # letters missing from a language's table fall back to these sizes
    "han": 80000, "kana": 200, "hangul": 11172, "ascii_letter": 52, "latin_accented": 400,
    "cyrillic": 250, "halfwidth_kana": 60,
}

#: share of characters per class in each language's running text.  Rough figures from looking
#: at news and web text; what matters is the order of magnitude: C1 controls, private use and
#: box drawing are nearly absent from real text of every language, scripts foreign to a
#: language are rare in it, and ASCII shows up everywhere.
_RARE = {
    "c0": 1e-7, "c1": 1e-9, "private_use": 1e-7, "replacement": 1e-7, "box": 1e-5,
    "other": 1e-6, "symbol": 5e-4, "greek": 5e-5, "cyrillic": 5e-5, "latin1_symbol": 5e-4,
    "cp1252_extra": 2e-4, "fullwidth": 1e-4, "kana": 1e-5, "hangul": 1e-5, "han": 1e-5,
    "latin_accented": 2e-4, "cjk_punct": 1e-4, "halfwidth_kana": 1e-6, "ascii_letter": 0.01, "digit": 0.01,
    "space": 0.02, "ascii_punct": 0.01,
}


def _profile(**share: float) -> Dict[str, float]:
    out = dict(_RARE)
    out.update(share)
    return out


_CHINESE = dict(han=0.80, cjk_punct=0.12, fullwidth=0.003, ascii_letter=0.02, digit=0.02, kana=2e-5,
                latin1_symbol=5e-4)
_LATIN_ACCENTED = dict(ascii_letter=0.78, latin_accented=0.03, space=0.15, ascii_punct=0.025, digit=0.01)
PROFILES: Dict[str, Dict[str, float]] = {
    "zh-Hans": _profile(**_CHINESE),
    "zh-Hant": _profile(**_CHINESE),
    "ja": _profile(han=0.30, kana=0.55, halfwidth_kana=1e-4, cjk_punct=0.09, fullwidth=0.003, ascii_letter=0.02, digit=0.02),
    "ko": _profile(hangul=0.72, space=0.17, ascii_punct=0.03, han=0.002, cjk_punct=0.003,
                   ascii_letter=0.03, digit=0.02),
    "en": _profile(ascii_letter=0.80, space=0.16, ascii_punct=0.025, digit=0.01, latin_accented=1e-4,
                   cp1252_extra=5e-4),
    "fr": _profile(**_LATIN_ACCENTED),
    "de": _profile(**_LATIN_ACCENTED),
    "es": _profile(**_LATIN_ACCENTED),
    "ru": _profile(cyrillic=0.80, space=0.15, ascii_punct=0.025, digit=0.01, ascii_letter=0.005),
}
LANGUAGES: Tuple[str, ...] = tuple(PROFILES)

#: which table gives the within-class probabilities of each letter class, per language
_LETTER_TABLE = {"han": None, "kana": "ja", "hangul": "ko", "ascii_letter": "en", "latin_accented": None,
                 "cyrillic": "ru"}

#: probability a letter that is missing from its table keeps (relative to uniform over its class)
_UNSEEN_SHARE = 0.02


@lru_cache(maxsize=1)
def _tables() -> Dict[str, Dict[str, float]]:
    """language -> {char: log P(char | its class)} from charfreq.tsv."""
    tables: Dict[str, Dict[str, float]] = {}
    with open(_DATA, encoding="utf-8") as f:
        for line in f:
            lang, ch, cost = line.rstrip("\n").split("\t")
            tables.setdefault(lang, {})[ch] = -int(cost) / 10.0
    # Tables mix classes (a Japanese table holds kana and kanji).  Renormalise within class.
    out: Dict[str, Dict[str, float]] = {}
    for lang, table in tables.items():
        by_class: Dict[str, List[str]] = {}
        for ch in table:
            by_class.setdefault(classify(ch), []).append(ch)
        norm: Dict[str, float] = {}
        for cls, chars in by_class.items():
            total = math.log(sum(math.exp(table[c]) for c in chars))
            for c in chars:
                norm[c] = table[c] - total
        out[lang] = norm
    return out


def _letter_source(lang: str, cls: str) -> str:
    """Which table says how likely each letter of class ``cls`` is in ``lang``."""
    if cls == "han":
        return lang if lang in ("zh-Hans", "zh-Hant", "ja") else ("ko" if lang == "ko" else "zh-Hant")
    if cls == "latin_accented":
        return lang if lang in ("fr", "de", "es") else "fr"
    return _LETTER_TABLE[cls]


@lru_cache(maxsize=200000)
def char_logprobs(ch: str) -> Tuple[float, ...]:
    """log P(ch) under each language of :data:`LANGUAGES`.

    >>> lp = dict(zip(LANGUAGES, char_logprobs("的")))
    >>> lp["zh-Hans"] > lp["ko"]
    True
    """
    cls = classify(ch)
    tables = _tables()
    out = []
    for lang in LANGUAGES:
        class_lp = math.log(PROFILES[lang][cls])
        if cls in _LETTER_TABLE:
            table = tables.get(_letter_source(lang, cls), {})
            within = table.get(ch)
            if within is None:
                # a letter the table does not know: rare, but not impossible
                within = math.log(_UNSEEN_SHARE / _UNIFORM_SIZE[cls])
        else:
            within = -math.log(_UNIFORM_SIZE[cls])
        out.append(class_lp + within)
    return tuple(out)


#: scripts, for counting switches between neighbouring characters.  Characters of one writing
#: system share a group (Han, kana and Hangul mix in Japanese and Korean text); spaces, digits
#: and ASCII punctuation sit between anything and belong to none.
_GROUP = {
    "han": "cjk", "kana": "cjk", "hangul": "cjk", "cjk_punct": "cjk", "fullwidth": "cjk",
    "ascii_letter": "latin", "latin_accented": "latin", "cyrillic": "cyrillic", "greek": "greek",
    "box": "box", "halfwidth_kana": "halfwidth", "latin1_symbol": "sign", "cp1252_extra": "sign",
    "symbol": "sign", "c0": "junk", "c1": "junk", "private_use": "junk", "other": "junk",
    "replacement": "junk",
}

#: log-probability of a switch of script between two neighbouring characters.  Real text
#: switches at word boundaries now and then (使用Python编程); mojibake switches all the time
#: (ц╜Ш, Ã¤Â½, 縺ｮ), which a unigram model alone does not see.
SWITCH_LOGPROB = -3.0


@lru_cache(maxsize=200000)
def _group(ch: str) -> str:
    return _GROUP.get(classify(ch), "")


def switches(text: str) -> int:
    """How many times neighbouring characters change script (spaces and digits aside).

    >>> switches("使用Python编程"), switches("ц╜Ш")
    (2, 2)
    """
    count = 0
    last = ""
    for ch in text:
        g = _group(ch)
        if not g:
            last = ""
            continue
        if last and g != last:
            count += 1
        last = g
    return count


def language_scores(text: str) -> Dict[str, float]:
    """Mean log-probability per character of ``text`` under each language model."""
    if not text:
        return {lang: 0.0 for lang in LANGUAGES}
    sums = [0.0] * len(LANGUAGES)
    for ch in text:
        for i, lp in enumerate(char_logprobs(ch)):
            sums[i] += lp
    n = len(text)
    penalty = SWITCH_LOGPROB * switches(text)
    return {lang: (s + penalty) / n for lang, s in zip(LANGUAGES, sums)}


@lru_cache(maxsize=8192)
def score(text: str) -> float:
    """Mean log-probability per character of ``text`` under its best-fitting language.

    Higher is more plausible; ``score("") == 0.0``.

    >>> score("你好，世界") > score("浣犲ソ锛屼笘鐣")
    True
    >>> score("한글") > score("茄臂")
    True
    >>> score("你好") > score("콱봤")
    True
    """
    if not text:
        return 0.0
    return max(language_scores(text).values())


# -- pairs of letters ---------------------------------------------------------------------------

_PAIR_DATA = os.path.join(os.path.dirname(_DATA), "bigrams.tsv")

#: which pair table (``encfix/data/bigrams.tsv``) serves each language of :data:`LANGUAGES`
_PAIR_TABLE = {"zh-Hans": "zh", "zh-Hant": "zh", "ja": "ja", "ko": "ko"}

#: weight of the pair model against the single-character model (linear interpolation).  Pairs
#: across word boundaries are missing from the table (it is made from word lists), so the
#: single-character model must keep a good share: real text pays ``log(1 - PAIR_WEIGHT)`` for
#: each such pair, mojibake pays it for nearly every pair.
PAIR_WEIGHT = 0.5

_PAIR_CLASSES = frozenset(("han", "kana", "hangul"))


@lru_cache(maxsize=1)
def _pair_tables() -> Tuple[Dict[str, float], ...]:
    """One dict per language of :data:`LANGUAGES`: pair -> P(second | first) (empty for the
    languages without a table)."""
    tables: Dict[str, Dict[str, float]] = {}
    with open(_PAIR_DATA, encoding="utf-8") as f:
        for line in f:
            lang, pair, cost = line.rstrip("\n").split("\t")
            tables.setdefault(lang, {})[pair] = math.exp(-int(cost) / 10.0)
    return tuple(tables.get(_PAIR_TABLE.get(lang, ""), {}) for lang in LANGUAGES)


@lru_cache(maxsize=200000)
def _is_pair_letter(ch: str) -> bool:
    return classify(ch) in _PAIR_CLASSES


def known_pairs(text: str) -> Tuple[int, int]:
    """(pairs real text writes, all pairs) among neighbouring CJK letters of ``text``.

    >>> known_pairs("你好，世界"), known_pairs("浣犲ソ")
    ((2, 2), (0, 2))
    """
    tables = _pair_tables()
    known = total = 0
    for a, b in zip(text, text[1:]):
        if _is_pair_letter(a) and _is_pair_letter(b):
            total += 1
            pair = a + b
            known += any(pair in t for t in tables)
    return known, total


_LOG_UNSEEN = math.log(1.0 - PAIR_WEIGHT)

#: the punctuation marks of Chinese prose, as GB/T 15834-2011 ("Use of punctuation marks")
#: lists them, with the corner brackets and middle dot Japanese and Taiwan write.  The class
#: "cjk_punct" also holds dozens of marks real text hardly uses (〃 〖 ﹝ ㄩ...), which is what
#: CJK codecs make of each other's punctuation bytes; the pair model gives these marks nearly
#: all the class's probability.
COMMON_CJK_PUNCT = "，。、；：？！“”‘’（）［］〔〕【】—…《》〈〉·「」『』～　"
#: share of the cjk_punct class that goes to :data:`COMMON_CJK_PUNCT`
COMMON_PUNCT_SHARE = 0.97


@lru_cache(maxsize=65536)
def _fluency_logprobs(ch: str) -> Tuple[float, ...]:
    """:func:`char_logprobs`, with the CJK punctuation class split into common and rare marks."""
    lps = char_logprobs(ch)
    if classify(ch) != "cjk_punct":
        return lps
    size = _UNIFORM_SIZE["cjk_punct"]
    common = len(COMMON_CJK_PUNCT)
    if ch in COMMON_CJK_PUNCT:
        shift = math.log(COMMON_PUNCT_SHARE * size / common)
    else:
        shift = math.log((1 - COMMON_PUNCT_SHARE) * size / (size - common))
    return tuple(lp + shift for lp in lps)


@lru_cache(maxsize=8192)
def fluency(text: str, languages: Optional[Tuple[str, ...]] = None) -> float:
    """Like :func:`score`, but each CJK letter is also judged by the letter before it.

    The single-character model cannot see that ``茄臂`` (EUC-KR read as GBK) or ``材料兵``
    are common characters in an order nobody writes; a pair model can.  Each language's
    probability of a letter after a letter is ``PAIR_WEIGHT * P(b | a) + (1 - PAIR_WEIGHT) *
    P(b)``, with ``P(b | a)`` from ``encfix/data/bigrams.tsv`` (zero for pairs it lacks).

    >>> fluency("你好，世界") > fluency("浣犲ソ锛屼笘鐣") + 4
    True
    >>> fluency("대한민국") > fluency("措茄刮惫") + 4
    True

    ``languages``: judge only in these (text decoded from EUC-KR is Korean or nothing).
    """
    if not text:
        return 0.0
    sums = [0.0] * len(LANGUAGES)
    for lps in pair_logprobs(text):
        for i, lp in enumerate(lps):
            sums[i] += lp
    penalty = SWITCH_LOGPROB * switches(text)
    if languages is not None:
        sums = [s for lang, s in zip(LANGUAGES, sums) if lang in languages]
    return max((s + penalty) / len(text) for s in sums)


#: the languages of :data:`LANGUAGES` that have a pair table (the CJK ones) come first; how many
PAIRED_LANGUAGES = sum(1 for lang in LANGUAGES if lang in _PAIR_TABLE)
assert all(lang in _PAIR_TABLE for lang in LANGUAGES[:PAIRED_LANGUAGES])


def pair_logprobs(text: str):
    """For each character of ``text``, its log-probability in each language given the one before
    (no charge for a change of script: :func:`char_fluency` adds that)."""
    tables = _pair_tables()
    prev_letter = False
    prev = ""
    for ch in text:
        lps = _fluency_logprobs(ch)
        letter = _is_pair_letter(ch)
        if letter and prev_letter:
            pair = prev + ch
            out = []
            for i in range(PAIRED_LANGUAGES):
                lp = lps[i]
                p = tables[i].get(pair)
                if p is None:
                    out.append(lp + _LOG_UNSEEN)
                else:
                    out.append(math.log(PAIR_WEIGHT * p + (1.0 - PAIR_WEIGHT) * math.exp(lp)))
            lps = tuple(out) + lps[PAIRED_LANGUAGES:]
        yield lps
        prev, prev_letter = ch, letter


@lru_cache(maxsize=4096)
def char_fluency(text: str) -> Tuple[Tuple[float, ...], ...]:
    """Each character's log-probability, given the one before, in each language of
    :data:`LANGUAGES` (a change of script is charged to the character that makes it).

    Adding them up over a stretch and taking the best language gives :func:`fluency` of that
    stretch times its length (but for the first character's pair): a garbled sentence that runs
    straight into a clean one (``措烹飞狼대통령``) can be cut where the two read best apart.

    >>> rows = char_fluency("你好")
    >>> round(max(sum(c) for c in zip(*rows)) / 2, 6) == round(fluency("你好"), 6)
    True
    """
    out = list(pair_logprobs(text))
    last = ""
    for k, ch in enumerate(text):
        g = _group(ch)
        if not g:
            last = ""
            continue
        if last and g != last:
            out[k] = tuple(lp + SWITCH_LOGPROB for lp in out[k])
        last = g
    return tuple(out)


# The classes this model knows, for tests and documentation.
KNOWN_CLASSES = tuple(CHARACTER_CLASSES) + ("symbol", "other")
