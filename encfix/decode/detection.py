"""Which codec made these bytes: BOM, UTF-8, UTF-16/32 without BOM, then ranked candidates.

Order of evidence (strongest first):

1. a byte-order mark decides (:mod:`encfix.decode.bom`);
2. bytes that are valid UTF-8 are UTF-8 (random legacy bytes almost never are; the clean path
   decodes directly and never calls charset-normalizer);
3. UTF-16/32 without a BOM, recognised by NUL bytes in alternating positions and a text-like
   decoding;
4. NUL bytes or control characters with no text-like decoding: binary;
5. otherwise every codec charset-normalizer proposes, plus the legacy codecs it may have
   dropped, is decoded strictly and re-ranked by how likely the text is: charset-normalizer's
   own order is unreliable on short CJK input, where a handful of bytes decode validly in half a
   dozen codecs.

The ranking key (:func:`rank_key`) is a log-likelihood per byte: the text's total
log-probability under the shared model (:func:`encfix.lang.plausibility.score`, extended to the
alphabets it does not hold with charset-normalizer's letter frequency lists), plus a prior for
the codec (common code pages win near ties), less a cost for each word real text does not hold
(``youÆre``, ``яКЕДСЧ``: :func:`odd_words`).  Within a family the superset is named when it
reads the bytes the same (:func:`refine`).
"""
from __future__ import annotations

import codecs
import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from .bom import sniff_bom
from .models import DecodeError

#: the most bytes handed to charset-normalizer: its cost grows with the input, its answer does not
SAMPLE_BYTES = 256 * 1024

#: the most characters scored per candidate (enough to tell codecs apart; keeps big files fast)
SCORE_CHARS = 8 * 1024

#: legacy codecs always tried besides charset-normalizer's proposals (it drops some on short input)
ALWAYS_TRY = ("gb18030", "big5", "shift_jis", "euc_jp", "cp949", "cp1252", "cp1251", "koi8_r")

#: a codec family's members in the order they are tried: the first that decodes wins.  Supersets
#: are preferred where they decode the same bytes to the same text (see :func:`refine`).
FAMILIES: Dict[str, Tuple[str, ...]] = {
    "gb": ("gb18030", "gbk"),
    "big5": ("big5", "cp950", "big5hkscs"),
    # cp932 first: Japanese files mostly come from Windows, whose IME types U+FF5E for the wave
    # dash that plain Shift_JIS decodes as U+301C; cp932 gives back the character typed
    "sjis": ("cp932", "shift_jis", "shift_jis_2004"),
    "eucjp": ("euc_jp", "euc_jis_2004"),
    "kr": ("euc_kr", "cp949"),
}
FAMILY_OF = {
    "gb2312": "gb", "gbk": "gb", "gb18030": "gb", "cp936": "gb",
    "big5": "big5", "cp950": "big5", "big5hkscs": "big5",
    "shift_jis": "sjis", "cp932": "sjis", "shift_jis_2004": "sjis", "shift_jisx0213": "sjis",
    "euc_jp": "eucjp", "euc_jis_2004": "eucjp", "euc_jisx0213": "eucjp",
    "euc_kr": "kr", "cp949": "kr",
}
#: when the subset and the superset give the same text, the superset's name is reported
SUPERSET_NAME = {"shift_jis": "cp932", "euc_kr": "cp949", "gbk": "gb18030"}

#: log prior (nats, for the whole input) of each codec: the codecs text is found in day to day
#: cost nothing; other Windows/ISO code pages a little; DOS, Mac and rarer pages more, so that on
#: a near tie (the few bytes where the pages differ) the common page wins
COMMON = ("gb18030", "gbk", "big5", "cp950", "big5hkscs", "shift_jis", "cp932", "euc_jp", "cp949", "euc_kr",
          "cp1252", "cp1251", "utf-16-le", "utf-16-be")
PRIOR_OTHER_WINDOWS = -3.0
PRIOR_RARE = -20.0
#: nats per word that real text does not hold (see :func:`odd_words`)
ODD_WORD_COST = 10.0

_NUL = b"\x00"
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")  # C0 controls text files do not hold


def canonical(name: str) -> str:
    """Python's own name for a codec, or :class:`DecodeError` for a name it does not know.

    >>> canonical("GBK"), canonical("UTF8"), canonical("Shift-JIS")
    ('gbk', 'utf-8', 'shift_jis')
    """
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise DecodeError(
            f"unknown encoding {name!r}; use a Python codec name such as utf-8, gb18030, big5, "
            "shift_jis, euc_jp, euc_kr, cp1252 (or drop --encoding to detect it)"
        ) from None


def is_utf8(data: bytes, final: bool = True) -> bool:
    """True when ``data`` is valid UTF-8 (an unfinished last character allowed unless ``final``).

    >>> is_utf8("中文".encode()), is_utf8("中文".encode("gbk")), is_utf8("中".encode()[:2], final=False)
    (True, False, True)
    """
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final)
    except UnicodeDecodeError:
        return False
    return True


#: share of running text that is letters, spaces, and digits or ASCII punctuation (rough, and
#: only the order of magnitude matters)
_LETTERS, _SPACES, _COMMON = 0.78, 0.15, 0.06
#: share of the letters that are missing from a language's list of its most frequent letters
_OFF_LIST = 0.05
_LOG_SPACE = math.log(_SPACES / 4)
_LOG_COMMON = math.log(_COMMON / 45)
_LOG_OTHER = math.log(1e-5 / 100)
#: languages whose letters the shared model already knows better (and whose lists are characters
#: of a few thousand, not an alphabet)
_SKIP_LANGUAGES = ("Chinese", "Japanese", "Korean")


@lru_cache(maxsize=1)
def _letter_tables() -> Dict[str, Tuple[Dict[str, float], float, str]]:
    """language -> (log P(letter) for its most frequent letters, log P(other letter of its
    alphabet), its alphabet), from charset-normalizer's per-language letter frequency lists."""
    from charset_normalizer.constant import FREQUENCIES

    out = {}
    for lang, letters in FREQUENCIES.items():
        if lang.startswith(_SKIP_LANGUAGES) or not letters:
            continue
        weights = [1.0 / (rank + 3) for rank in range(len(letters))]  # Zipf-like fall of letter frequencies
        total = sum(weights)
        table = {ch: math.log(_LETTERS * (1 - _OFF_LIST) * w / total) for ch, w in zip(letters, weights)}
        script = max({_script(ch) for ch in letters}, key=lambda sc: sum(_script(c) == sc for c in letters))
        out[lang] = (table, math.log(_LETTERS * _OFF_LIST / 60), script)
    return out


@lru_cache(maxsize=65536)
def _letter_logprobs(ch: str) -> Tuple[float, ...]:
    """log P(ch) under each of :func:`_letter_tables`' languages."""
    out = []
    space = ch in " \t\n\r\f\v\u00a0\u3000"  # not str.isspace: NEL and other C1 controls are no spaces
    alpha = ch.isalpha()
    low = ch.lower()
    script = _script(ch)
    category = unicodedata.category(ch)
    for table, off_list, lang_script in _letter_tables().values():
        if space:
            lp = _LOG_SPACE
        elif alpha:
            lp = table.get(low)
            if lp is None:
                lp = off_list if script == lang_script else _LOG_OTHER
        elif ch < "\x80" or category.startswith("P"):
            lp = _LOG_COMMON
        elif category == "Mn" and script == lang_script:
            lp = _LOG_COMMON  # vowel points, harakat, tonos
        else:
            lp = _LOG_OTHER
        out.append(lp)
    return tuple(out)


def letter_frequency_score(text: str) -> float:
    """Mean log-probability per character of ``text`` under the best of charset-normalizer's
    per-language letter frequency lists (Arabic, Hebrew, Greek, Turkish, Polish, Thai... the
    languages the shared model does not hold).

    >>> letter_frequency_score("İstanbul, Türkiye'nin en kalabalık") > letter_frequency_score("Ýstanbul, Türkiye'nin en kalabalýk")
    True
    """
    if not text:
        return 0.0
    sums = [0.0] * len(_letter_tables())
    for ch, n in Counter(text).items():
        for i, lp in enumerate(_letter_logprobs(ch)):
            sums[i] += lp * n
    return max(sums) / len(text)


def _counted(model) -> Callable[[str], float]:
    """``model.score``, computed over distinct characters (the same number, several times faster
    on long text: the model is a sum of per-character terms)."""
    char_logprobs = getattr(model, "char_logprobs", None)
    if char_logprobs is None:
        return model.score

    def score(text: str) -> float:
        if not text:
            return 0.0
        sums = None
        for ch, n in Counter(text).items():
            lps = char_logprobs(ch)
            if sums is None:
                sums = [lp * n for lp in lps]
            else:
                for i, lp in enumerate(lps):
                    sums[i] += lp * n
        return max(sums) / len(text)

    return score


def plausibility() -> Callable[[str], float]:
    """The shared plausibility model, extended to the alphabets it does not hold
    (:func:`letter_frequency_score`)."""
    from ..lang import plausibility as model

    shared = _counted(model)

    def score(text: str) -> float:
        base = shared(text)
        if text and not text.isascii():
            return max(base, letter_frequency_score(text))
        return base

    return score


def refine(data: bytes, codec: str) -> Optional[Tuple[str, str]]:
    """Decode ``data`` with the best member of ``codec``'s family: ``(reported name, text)``.

    The first member that decodes strictly wins; a subset that gives the same text as its
    superset is reported under the superset's name (GB18030 over GBK, cp932 over Shift_JIS,
    cp949 over EUC-KR); Big5-HKSCS only when plain Big5 fails.

    >>> refine("한국어".encode("euc_kr"), "euc_kr")[0]
    'cp949'
    >>> refine(b"\\x81\\x60", "shift_jis")
    ('cp932', '～')
    """
    family = FAMILY_OF.get(codec)
    members = FAMILIES[family] if family else (codec,)
    for member in members:
        try:
            text = data.decode(member)
        except (UnicodeDecodeError, LookupError):
            continue
        superset = SUPERSET_NAME.get(member)
        if superset:
            try:
                if data.decode(superset) == text:
                    return superset, text
            except UnicodeDecodeError:
                pass
        return member, text
    return None


def prior(codec: str) -> float:
    """Log prior of ``codec`` (see :data:`COMMON`).

    >>> prior("cp1252"), prior("cp1250"), prior("cp437")
    (0.0, -3.0, -20.0)
    """
    if codec in COMMON:
        return 0.0
    if codec.startswith("cp125") or codec.startswith("iso8859") or codec.startswith("koi8") or codec == "latin_1":
        return PRIOR_OTHER_WINDOWS
    return PRIOR_RARE


_WORD_WITH_NON_ASCII = re.compile(r"[^\W\d_]*[^\W\d_\x00-\x7f][^\W\d_]*")


@lru_cache(maxsize=65536)
def _script(ch: str) -> str:
    if ch < "\x80":
        return "LATIN"
    try:
        return unicodedata.name(ch).split(" ", 1)[0]
    except ValueError:
        return "?"


@lru_cache(maxsize=4096)
def _odd_word(word: str) -> bool:
    if any(ch.isalpha() and not (ch.isupper() or ch.islower()) for ch in word):
        return False  # CJK, kana, hangul: no case, no alphabet mixing to judge here
    scripts = {_script(ch) for ch in word}
    if len(scripts) > 1:
        return True  # Cyrillic with a Latin-1 letter (``ёрµз``), Greek inside Latin...
    if len(word) >= 3 and scripts == {"LATIN"} and all(ch >= "\x80" for ch in word):
        return True  # ``âûêëþ``: real Latin words hold some unaccented letters
    if len(word) < 2 or word.islower() or word.isupper():
        return False
    return not (word[0].isupper() and word[1:].islower())


def odd_words(text: str) -> int:
    """Words holding a non-ASCII letter that real words do not look like.

    Real words are lowercase, Capitalised or ALL CAPS, in one alphabet, and (in Latin script)
    not made of accented letters alone.  ``youÆre``, ``ôYou`` and ``ĎDon`` (cp1252 quotes read as
    DOS or Mac letters), ``яКЕДСЧ`` (cp1251 read as KOI8-R), ``ёрµз`` (EUC-KR read as cp1251) and
    ``âûêëþ`` (cp1251 read as cp1252) are not.

    >>> odd_words("ôYouÆre ĎDon ёрµз âûêëþ"), odd_words("déjà Vu À ÉTÉ Été ВНИМАНИЕ Следую"), odd_words("iPhone")
    (4, 0, 0)
    """
    return sum(1 for m in _WORD_WITH_NON_ASCII.finditer(text) if _odd_word(m.group()))


#: typographic punctuation is scored as the ASCII it stands for: curly quotes and dashes are
#: common in real text (the shared model counts them rare, as mojibake debris); so are the
#: circled numbers of Korean, Japanese and Chinese legal text (①, ②: paragraph numbers)
_TYPOGRAPHIC = {0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"', 0x2013: "-", 0x2014: "-", 0x2026: ".",
                0xA0: " "}
_TYPOGRAPHIC.update({0x2460 + i: str((i + 1) % 10) for i in range(20)})


_WORD = re.compile(r"[^\W\d_]+")


def _fold(m) -> str:
    word = m.group()
    if word.isupper() or (word[0].isupper() and word[1:].islower()):
        return word.lower()
    return word


def for_scoring(text: str) -> str:
    """``text`` as the plausibility model should see it: typographic punctuation as ASCII, and
    Capitalised or ALL-CAPS words in lowercase (the model's letter tables are lowercase).

    Words with an odd case pattern keep it: their capitals stay rare, which is the point.

    >>> print(for_scoring("“Don’t” — ВНИМАНИЕ яКЕДСЧ ②"))
    "don't" - внимание яКЕДСЧ 2
    """
    return _WORD.sub(_fold, text.translate(_TYPOGRAPHIC))


#: weight of the non-ASCII characters scored on their own (see :func:`log_likelihood`)
NON_ASCII_WEIGHT = 0.05
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")


def log_likelihood(text: str, score: Callable[[str], float]) -> float:
    """Total log-probability of ``text`` as real text, under its best-fitting language.

    A small share of the non-ASCII characters scored on their own is added: in a CSV line of
    digits and commas holding three Chinese characters the whole line reads best as English,
    where every Han character costs the same, and every reading would tie.

    >>> s = plausibility()
    >>> log_likelihood("410322,孟津县,112.44", s) > log_likelihood("410322,譁踩瓮,112.44", s)
    True
    """
    t = for_scoring(text)
    total = score(t) * len(t)
    rest = _ASCII_RUNS.sub("", t)
    if rest and len(rest) < len(t):
        total += NON_ASCII_WEIGHT * score(rest) * len(rest)
    return total


def rank_key(codec: str, loglik: float, odd: int, nbytes: int) -> float:
    """Log-likelihood of the bytes under ``codec``, per byte: the text's total plausibility plus
    the codec's prior, less the cost of odd words.

    Totals, not means per character, are what compare: two Han characters and four Cyrillic
    letters explain the same four bytes, and ``中文`` is likelier than ``ЦРОД`` although each
    Cyrillic letter alone is likelier than each Han character.
    """
    return (loglik + prior(codec) - ODD_WORD_COST * odd) / max(nbytes, 1)


def _utf16_32_candidates(data: bytes) -> List[str]:
    """UTF-16/32 codecs worth trying on BOM-less ``data`` (NULs sit in alternating positions)."""
    n = len(data)
    out = []
    if n % 4 == 0 and n >= 4:
        zeros = [data[i::4].count(0) for i in range(4)]
        quarter = n // 4
        if zeros[2] + zeros[3] >= 1.8 * quarter and zeros[3] >= 0.9 * quarter:
            out.append("utf-32-le")
        if zeros[0] + zeros[1] >= 1.8 * quarter and zeros[0] >= 0.9 * quarter:
            out.append("utf-32-be")
    if n % 2 == 0 and n >= 2:
        even, odd = data[0::2].count(0), data[1::2].count(0)
        half = n // 2
        if odd >= 0.3 * half and even <= 0.05 * half:
            out.append("utf-16-le")
        if even >= 0.3 * half and odd <= 0.05 * half:
            out.append("utf-16-be")
    return out


def _text_like(text: str) -> bool:
    """Most characters printable: not what decoding a binary file gives."""
    if not text:
        return True
    bad = sum(1 for ch in text if not ch.isprintable() and ch not in "\r\n\t\f\v")
    return bad <= 0.02 * len(text)


def _charset_normalizer_names(data: bytes) -> List[str]:
    from charset_normalizer import from_bytes

    names: List[str] = []
    for match in from_bytes(data):
        for name in [match.encoding] + list(match.could_be_from_charset):
            try:
                name = codecs.lookup(name).name
            except LookupError:
                continue
            if name not in names:
                names.append(name)
    return names


def charset_normalizer_best(data: bytes) -> Optional[str]:
    """charset-normalizer's own answer (for the benchmark's comparison)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else best.encoding


def _sample(data: bytes) -> bytes:
    """At most :data:`SAMPLE_BYTES`, cut after a line end when one is near."""
    if len(data) <= SAMPLE_BYTES:
        return data
    cut = data.rfind(b"\n", SAMPLE_BYTES // 2, SAMPLE_BYTES)
    return data[: cut + 1] if cut != -1 else data[:SAMPLE_BYTES]


def rank(data: bytes, final: bool = True) -> List[Tuple[str, float, str]]:
    """Every codec that decodes ``data``, best first: ``(codec, score, text)``.

    ``data`` is neither BOM-marked nor valid UTF-8.  When ``final`` is false ``data`` is a sample
    that may end inside a character: a few trailing bytes are dropped before decoding.

    Input longer than :data:`SAMPLE_BYTES` is ranked on its first lines; then the whole input is
    decoded with the best candidate that reads all of it, which comes first with its full text
    (the others carry ``""``: a dozen full decodings of a large file would not fit in memory).
    """
    if len(data) > SAMPLE_BYTES:
        sample = _sample(data)
        if len(sample) < len(data):
            return _rank_large(data, _rank(sample, final=sample.endswith((b"\n", b"\r"))))
    return _rank(data, final)


def _rank_large(data: bytes, on_sample: List[Tuple[str, float, str]]) -> List[Tuple[str, float, str]]:
    for i, (codec, s, _) in enumerate(on_sample):
        got = refine(data, codec)
        if got is not None:
            rest = [(c, sc, "") for j, (c, sc, _) in enumerate(on_sample) if j != i]
            return [(got[0], s, got[1])] + rest
    return []


def _rank(data: bytes, final: bool) -> List[Tuple[str, float, str]]:
    score = plausibility()
    names = _utf16_32_candidates(data)
    # UTF-16/32 without a BOM only where plain (NULs in alternating positions): any even number
    # of CJK bytes reads as UTF-16 of some rare characters
    names += [n for n in _charset_normalizer_names(data) if n not in names and not n.startswith("utf-")]
    names += [n for n in (codecs.lookup(a).name for a in ALWAYS_TRY) if n not in names]
    tries = [data] if final else [data, data[:-1], data[:-2], data[:-3]]
    seen_family = set()
    scored: Dict[str, Tuple[float, int]] = {}  # several code pages often give the very same text
    ranked: List[Tuple[str, float, str]] = []
    for name in names:
        if name in ("utf-8", "ascii", "utf_8"):
            continue
        family = FAMILY_OF.get(name, name)
        if family in seen_family:
            continue
        for chunk in tries:
            got = refine(chunk, name)
            if got is not None:
                break
        if got is None:
            continue
        seen_family.add(family)
        codec, text = got
        if (codec.startswith("utf-16") or codec.startswith("utf-32")) and not _text_like(text):
            continue
        head = text[:SCORE_CHARS]
        if head not in scored:
            scored[head] = (log_likelihood(head, score), odd_words(head))
        nbytes = len(data) if len(head) == len(text) else len(head.encode(codec, "replace"))
        ranked.append((codec, rank_key(codec, *scored[head], nbytes=nbytes), text))
    ranked.sort(key=lambda r: -r[1])
    return ranked


#: escape sequences that switch a 7-bit ISO-2022 text into a double-byte character set: JIS X 0208
#: and 0212 (ISO-2022-JP: old e-mail, JIS text files) and KS X 1001 (ISO-2022-KR).  ANSI colour
#: codes (ESC [) are not among them.
_ISO2022 = re.compile(rb"\x1b\$[@B]|\x1b\$\(D|\x1b\$\)C")


def iso2022_reading(data: bytes, final: bool = True) -> Optional[str]:
    """The ISO-2022 codec that reads 7-bit ``data`` switching into Japanese or Korean, else None.

    >>> iso2022_reading("日本語のテキスト\\n".encode("iso2022_jp"))
    'iso2022_jp'
    >>> iso2022_reading("\\x1b[31mred\\x1b[0m".encode()) is None
    True
    """
    if b"\x1b" not in data or not _ISO2022.search(data):
        return None
    if not final:  # a sample may end inside an escape sequence or a character: judge whole lines
        cut = max(data.rfind(b"\n"), data.rfind(b"\r"))
        data = data[: cut + 1] if cut > 0 else data
    for codec in ("iso2022_jp", "iso2022_jp_2", "iso2022_jp_ext", "iso2022_kr"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _text_like(text):
            return codec
    return None


def wide_reading(data: bytes, final: bool = True) -> Optional[Tuple[str, str]]:
    """``(codec, text)`` when BOM-less ``data`` reads as UTF-16/32 text (NULs in alternating
    positions and a text-like result), else None.

    >>> wide_reading("Hello, world\\r\\n".encode("utf-16-le"))
    ('utf-16-le', 'Hello, world\\r\\n')
    """
    if _NUL not in data[:SAMPLE_BYTES]:
        return None
    n = len(data)
    best = None
    for codec in _utf16_32_candidates(data[: n - n % 4] if not final else data):
        unit = 4 if codec.startswith("utf-32") else 2
        chunk = data if final else data[: n - n % unit]
        try:
            text = chunk.decode(codec)
        except UnicodeDecodeError:
            continue
        if _text_like(text[:SCORE_CHARS]):
            s = plausibility()(text[:SCORE_CHARS])
            if best is None or s > best[0]:
                best = (s, codec, text)
    return None if best is None else (best[1], best[2])


def looks_binary(data: bytes) -> bool:
    """NUL bytes (or many control bytes) that no UTF-16/32 reading explains."""
    if not data:
        return False
    head = data[:SAMPLE_BYTES]
    found = sniff_bom(head)
    if found:
        # decode() trusts a byte-order mark before anything else; so does this test, as long as
        # what follows the mark reads as text (UTF-16 text is full of NUL bytes)
        return not _text_like(head[found[2]:].decode(found[1], errors="replace"))
    if _NUL not in head and len(_CONTROL.findall(head)) <= 0.05 * len(head):
        return False
    for name in _utf16_32_candidates(head[: len(head) - len(head) % 4]):
        try:
            if _text_like(head[: len(head) - len(head) % 4].decode(name)):
                return False
        except UnicodeDecodeError:
            continue
    return True


def confidence_of(ranked: Sequence[Tuple[str, float, str]], nbytes: int) -> float:
    """How far the winner stands above the first runner-up that reads the bytes differently.

    Keys are log-likelihoods per byte, so the gap times the length is the log of how many times
    likelier the winner's reading is; it is squashed to 0..1 (halved first: the model is rough).
    Code pages that give the very same text are no competition.
    """
    if not ranked:
        return 0.0
    winner = ranked[0]
    for other in ranked[1:]:
        if other[2] != winner[2] or not winner[2]:
            gap = (winner[1] - other[1]) * max(nbytes, 1) / 2.0
            return round(1.0 / (1.0 + math.exp(-min(gap, 50.0))), 4)
    return 0.99
