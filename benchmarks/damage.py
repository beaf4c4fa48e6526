"""Damage real clean text the ways the world damages it.

Every generator takes clean text (and a ``random.Random`` where it draws) and returns
``(damaged, expected)`` where ``expected`` is the clean original, or ``None`` when this damage cannot
be applied to this text (a character the codec cannot encode, a decode that would not be reversible).

The rates of the seed-like damage are measured on the seed page
(``shared/seeds/000_5043db1db2216d71.txt``, a Chinese news page from a web crawl):

* the crawler folded ``，（）：；？！`` to ASCII while ``、。“”`` survived (all 169 commas are ASCII);
* an extra ASCII comma stands *before* a mark: 46 ``,,`` (of 70 ``，``), 28 ``,、`` (of 40 ``、``),
  20 ``,。`` (of 28 ``。``), 5 ``,;`` (of 8 ``；``) — so about two marks in three carry one;
  no other mark (``：？！“”``) ever does;
* the page had been converted to Traditional and carries leaked pinyin ruby after 79 Han characters,
  all of them characters that differ between Traditional and Simplified (18 distinct characters, every
  occurrence annotated: ``區(qū)`` ``態(tài)`` ``網(wǎng)``), tone-marked, ASCII parentheses.

Mojibake pairs follow the mojibake issue: text encoded with X in {UTF-8, GBK, Big5, Shift_JIS, EUC-JP,
EUC-KR} and decoded with Y in {Latin-1, cp1252 (browser-style: the five undefined bytes kept as
U+0081…U+009D), cp437, cp850, cp866, GBK, Big5, Shift_JIS, EUC-KR}, kept only where the decode is strict
and reversible for that text.
"""
from __future__ import annotations

import random
import re
from functools import lru_cache
from typing import Callable, Dict, List, Optional, Sequence, Tuple

Pair = Tuple[str, str]

# --------------------------------------------------------------------------------------------------
# Seed-like punctuation damage

#: Marks the crawler folded to ASCII (``、。“”`` survived).
FOLD = str.maketrans("，（）：；？！", ",():;?!")

#: Probability that an extra ASCII comma was inserted before each mark (measured on the seed).
STACK_RATES: Dict[str, float] = {"，": 46 / 70, "、": 28 / 40, "。": 20 / 28, "；": 5 / 8}


def fold_punctuation(text: str) -> str:
    """Fold ``，（）：；？！`` to ASCII as the seed's crawler did.

    >>> fold_punctuation("示范区（高新区）党工委书记吕沛，区领导、刘春明。")
    '示范区(高新区)党工委书记吕沛,区领导、刘春明。'
    """
    return text.translate(FOLD)


def stack_commas(text: str, rng: random.Random, rates: Optional[Dict[str, float]] = None) -> str:
    """Insert an ASCII comma before marks at the seed's rates (before folding: ``，`` → ``,，``)."""
    rates = STACK_RATES if rates is None else rates
    out = []
    for ch in text:
        rate = rates.get(ch)
        if rate is not None and rng.random() < rate:
            out.append(",")
        out.append(ch)
    return "".join(out)


def seed_punctuation(text: str, rng: random.Random, rates: Optional[Dict[str, float]] = None) -> Optional[Pair]:
    """Stacked commas and folded punctuation, as on the seed page.

    >>> seed_punctuation("会议，示范区。", random.Random(1), rates={"，": 1.0, "。": 1.0})
    ('会议,,示范区,。', '会议，示范区。')
    """
    damaged = fold_punctuation(stack_commas(text, rng, rates))
    return (damaged, text) if damaged != text else None


def folded_only(text: str, rng: random.Random) -> Optional[Pair]:
    """Only the ASCII folding (a crawler or an input method), no stacked commas."""
    damaged = fold_punctuation(text)
    return (damaged, text) if damaged != text else None


def stacked_only(text: str, rng: random.Random) -> Optional[Pair]:
    """Only the stacked commas, full-width marks kept (``，,`` does not occur; ``,，`` ``,、`` ``,。`` do)."""
    damaged = stack_commas(text, rng)
    return (damaged, text) if damaged != text else None


# --------------------------------------------------------------------------------------------------
# Script conversion and leaked pinyin ruby


@lru_cache(maxsize=None)
def _opencc(config: str):
    import opencc

    return opencc.OpenCC(config)


def to_traditional(text: str, rng: Optional[random.Random] = None) -> Optional[Pair]:
    """Simplified text converted to Traditional by OpenCC ``s2t`` (restore with ``convert='t2s'``)."""
    damaged = _opencc("s2t").convert(text)
    return (damaged, text) if damaged != text else None


def to_simplified(text: str, rng: Optional[random.Random] = None) -> Optional[Pair]:
    """Traditional (Taiwan) text converted to Simplified by ``tw2s`` (restore with ``convert='s2tw'``)."""
    damaged = _opencc("tw2s").convert(text)
    return (damaged, text) if damaged != text else None


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _pinyin(text: str) -> List[str]:
    """One tone-marked syllable per character of ``text`` ('' where there is none)."""
    from pypinyin import Style, pinyin

    out: List[str] = []
    for ch, syllables in zip(text, pinyin(text, style=Style.TONE, errors=lambda chars: [[""] for _ in chars])):
        out.append(syllables[0] if _HAN.match(ch) else "")
    return out


def leak_ruby(text: str, rng: random.Random, share: float = 0.2) -> Optional[Pair]:
    """Leak pinyin ruby after Han characters, as the seed shows: ``區(qū)``.

    As on the seed, only characters that differ between Traditional and Simplified are annotated, and
    every occurrence of a chosen character is: each such distinct character is chosen with probability
    ``share`` (on the seed, 79 of 473 occurrences carry ruby).  pypinyin gives the reading in context.
    """
    s2t, t2s = _opencc("s2t"), _opencc("t2s")
    distinct = sorted({ch for ch in _HAN.findall(text) if s2t.convert(ch) != ch or t2s.convert(ch) != ch})
    chosen = {ch for ch in distinct if rng.random() < share}
    if not chosen and distinct:
        chosen = {rng.choice(distinct)}
    if not chosen:
        return None
    readings = _pinyin(text)
    if len(readings) != len(text):  # pypinyin merged something: fall back to one character at a time
        readings = [(_pinyin(ch) or [""])[0] for ch in text]
    out = []
    for ch, reading in zip(text, readings):
        out.append(ch)
        if ch in chosen and reading and reading.isalpha():
            out.append(f"({reading})")
    damaged = "".join(out)
    return (damaged, text) if damaged != text else None


#: Residue lines the seed page holds between and after its paragraphs (HTML-to-text extraction of a
#: table layout with empty images): ``![]() |``, ``|``, and prose lines ending in `` | |||||||``.
RESIDUE_LINES = ("![]() |", "|", "| |||||||", "![]()")
RESIDUE_TAILS = (" |", " | |||||||")


def markup_residue(text: str, rng: random.Random) -> Optional[Pair]:
    """Residue lines inserted at one to three line boundaries, and a trailing cell separator on one line.

    >>> damaged, expected = markup_residue("第一段。", random.Random(2))
    >>> damaged.startswith("第一段。") and "|" in damaged
    True
    """
    lines = text.split("\n")
    prose = [i for i, line in enumerate(lines) if line.strip()]
    if not prose:
        return None
    tail_at = rng.choice(prose)
    lines[tail_at] += rng.choice(RESIDUE_TAILS)
    for _ in range(rng.randint(1, 3)):
        at = rng.randint(1, len(lines))
        lines[at:at] = [rng.choice(RESIDUE_LINES) for _ in range(rng.randint(1, 3))]
    damaged = "\n".join(lines)
    return (damaged, text) if damaged != text else None


def seed_page(text: str, rng: random.Random) -> Optional[Pair]:
    """The whole seed story on Simplified text: converted to Traditional by a site that leaks pinyin
    ruby, then crawled (folded punctuation, stacked commas, table residue).  Expected: the Simplified original
    (restore with ``convert='t2s'``)."""
    traditional = _opencc("s2t").convert(text)
    with_ruby = leak_ruby(traditional, rng)
    traditional = with_ruby[0] if with_ruby else traditional
    damaged = fold_punctuation(stack_commas(traditional, rng))
    with_residue = markup_residue(damaged, rng)
    damaged = with_residue[0] if with_residue else damaged
    return (damaged, text) if damaged != text else None


def ruby_and_punctuation(text: str, rng: random.Random) -> Optional[Pair]:
    """Leaked ruby plus the seed's punctuation damage, script unchanged (``區(qū),,`` must resolve)."""
    with_ruby = leak_ruby(text, rng)
    base = with_ruby[0] if with_ruby else text
    damaged = fold_punctuation(stack_commas(base, rng))
    return (damaged, text) if damaged != text else None


# --------------------------------------------------------------------------------------------------
# Mojibake

#: Encodings text was written in (X) and codecs it was wrongly read with (Y).
SOURCE_CODECS = ("utf-8", "gbk", "big5", "shift_jis", "euc-jp", "euc-kr")
READ_CODECS = ("latin-1", "cp1252", "cp437", "cp850", "cp866", "gbk", "big5", "shift_jis", "euc-kr")

# Browsers (WHATWG) read the five bytes cp1252 leaves undefined as the C1 control of the same number.
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def decode_as(data: bytes, codec: str) -> str:
    """Decode strictly, with cp1252 read the way browsers read it."""
    if codec == "cp1252":
        if not any(b in _CP1252_UNDEFINED for b in data):
            return data.decode("cp1252")
        return "".join(chr(b) if b in _CP1252_UNDEFINED else bytes([b]).decode("cp1252") for b in data)
    return data.decode(codec)


def encode_as(text: str, codec: str) -> bytes:
    """Inverse of :func:`decode_as`."""
    if codec == "cp1252":
        return b"".join(bytes([ord(c)]) if 0x80 <= ord(c) <= 0x9F else c.encode("cp1252") for c in text)
    return text.encode(codec)


def garble(text: str, x: str, y: str) -> Optional[str]:
    """``text`` encoded with ``x`` and decoded with ``y``, when that is reversible; else None.

    >>> garble("你好", "utf-8", "gbk")
    '浣犲ソ'
    >>> garble("你好", "gbk", "latin-1")
    'ÄãºÃ'
    """
    try:
        data = text.encode(x)
        damaged = decode_as(data, y)
        if encode_as(damaged, y) != data:
            return None
    except (UnicodeError, LookupError):
        return None
    return damaged if damaged != text else None


def mojibake(text: str, x: str, y: str) -> Optional[Pair]:
    """The whole document garbled (encoded with ``x``, decoded with ``y``)."""
    damaged = garble(text, x, y)
    return (damaged, text) if damaged is not None else None


def double_mojibake(text: str, x: str, y: str) -> Optional[Pair]:
    """Garbled twice the same way (a mis-decoded file saved as UTF-8 and mis-decoded again)."""
    once = garble(text, x, y)
    twice = garble(once, x, y) if once is not None else None
    return (twice, text) if twice is not None else None


_SENTENCE = re.compile(r"[^。！？!?\n]*[。！？!?]?")


def mojibake_span(text: str, x: str, y: str, rng: random.Random, unit: str = "line") -> Optional[Pair]:
    """One line (``unit='line'``) or one sentence (``unit='sentence'``) garbled inside clean text."""
    if unit == "line":
        pieces = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    else:
        pieces = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.end() > m.start()]
    # A span that is garbled on its own must leave clean text around it, and must hold non-ASCII text.
    candidates = [(s, e) for s, e in pieces if e - s < len(text) and not text[s:e].isascii()]
    rng.shuffle(candidates)
    for start, end in candidates[:8]:
        damaged_span = garble(text[start:end], x, y)
        if damaged_span is not None:
            return text[:start] + damaged_span + text[end:], text
    return None


def lossy(text: str, x: str = "utf-8", y: str = "gbk") -> Optional[Pair]:
    """Read by a program that replaced what it could not decode (``errors='replace'``): not reversible.

    >>> lossy("你好世界")[0]
    '浣犲ソ涓栫晫'
    """
    try:
        data = text.encode(x)
    except UnicodeError:
        return None
    damaged = data.decode(y, errors="replace")
    return (damaged, text) if damaged != text else None


# --------------------------------------------------------------------------------------------------
# Bytes


def legacy_bytes(text: str, encoding: str) -> Optional[Tuple[bytes, str]]:
    """``text`` saved in a legacy (or Unicode) encoding: what ``fix_bytes`` must decode back."""
    try:
        data = text.encode(encoding)
    except UnicodeError:
        return None
    return data, text


def prefix_bytes(text: str, encoding: str, size: int) -> Optional[Tuple[bytes, str]]:
    """The longest prefix of ``text`` whose encoding fits in ``size`` bytes (a short input: a file name,
    a subtitle line, a CSV cell), cut at a character boundary.  None if the text cannot be encoded."""
    try:
        data = text.encode(encoding)
    except UnicodeError:
        return None
    if len(data) <= size:
        return data, text
    lo, hi = 0, min(len(text), size)
    while lo < hi:  # binary search for the longest prefix that fits
        mid = (lo + hi + 1) // 2
        if len(text[:mid].encode(encoding)) <= size:
            lo = mid
        else:
            hi = mid - 1
    prefix = text[:lo]
    return (prefix.encode(encoding), prefix) if prefix else None


# --------------------------------------------------------------------------------------------------
# The catalogue used by the scoreboard

#: Which clean kinds each source encoding applies to (the text must be what that encoding was used for).
TEXT_FOR_SOURCE: Dict[str, Sequence[str]] = {
    "utf-8": ("zh-news", "zh-hant-law", "ja", "ko", "en"),
    "gbk": ("zh-news", "zh-novel"),
    "big5": ("zh-hant-law",),
    "shift_jis": ("ja",),
    "euc-jp": ("ja",),
    "euc-kr": ("ko",),
}


def mojibake_pairs() -> List[Tuple[str, str]]:
    """Every (X, Y) of the mojibake issue, X != Y."""
    return [(x, y) for x in SOURCE_CODECS for y in READ_CODECS if x.replace("-", "_") != y.replace("-", "_")]


Generator = Callable[[str, random.Random], Optional[Pair]]
