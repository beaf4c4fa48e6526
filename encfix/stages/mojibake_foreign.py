"""CJK text read with another CJK language's codec, found by the document around it.

EUC-KR read as GBK makes Korean into common Chinese characters (``措烹飞狼`` for 대통령의),
Big5 read as EUC-KR makes Chinese into Hangul (``꼼 4 깡`` for 第 4 條): each character alone
is ordinary text of some language, so the gate, which looks for characters real text rarely
holds, lets such lines by.  The document they sit in gives them away: a line of a Korean
document holds characters no Korean codec can write (``惫`` ``沥``), a line of a Chinese
document holds Hangul.  Text that a program of that document's language garbled was written in
that language's codec, so every character the codec cannot write is a sign of a wrong reader.

This module says what the document is written in (:func:`document_language`), which of its
characters its own codec cannot write (:func:`foreign_spans`), and which codec pairs can have
made them (:func:`pairs_for`): the document's codec as the source, the other CJK codecs as
readers.  The search and the judgement (the pair model must find the damaged text unreadable
and the decoding fluent) are :mod:`encfix.stages.mojibake_cjk`'s, restricted to those pairs.

A document garbled whole (Korean read as GBK from the first line to the last) has no language
of its own to compare with; it looks like Chinese with a space every few characters, which
Chinese does not write.  When a sample of it decodes as fluent Korean, it is taken as Korean.
"""
from __future__ import annotations

import codecs
import os
import re
import threading
import unicodedata
from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from ..lang import script
from ..lang.plausibility import LANGUAGES, char_logprobs, fluency, score
from .mojibake_codecs import READER_BY_NAME, READERS, SOURCE_BY_NAME, _merge_adjacent, encode_all, line_around

#: the codec each document language was written in before a program read it wrongly: the
#: source of any CJK-as-CJK mojibake in it (Japanese has two)
NATIVE_SOURCES: Dict[str, Tuple[str, ...]] = {
    "ko": ("euckr",),
    "ja": ("sjis", "eucjp"),
    "zh-Hant": ("big5",),
    "zh-Hans": ("gbk",),
}
#: the Python codec whose repertoire is what text of each language can hold.  Simplified
#: Chinese is held to GB2312 (GBK also writes every Traditional character, which GBK read as
#: Big5 makes of Simplified text); Korean to cp949 (its Hanja are the Traditional characters
#: Korean writes).
REPERTOIRE = {"ko": "cp949", "ja": "cp932", "zh-Hant": "cp950", "zh-Hans": "gb2312"}
#: CJK codecs that read text wrongly (the multi-byte readers of mojibake_codecs)
CJK_READERS = ("gbk", "big5", "sjis", "euckr")
#: the CJK codecs that make Chinese characters or kana of Korean text
KOREAN_READERS = tuple(r for r in CJK_READERS if r != "euckr")

#: how much of a document is read to say what language it is in
SAMPLE = 2000
#: ... and to tell Traditional from Simplified (each character either cannot write is a call)
TELLING_SAMPLE = 600
#: fewest CJK letters a document needs for a language of its own
MIN_LETTERS = 20
#: share of the CJK letters that must be Hangul (Korean) or kana (Japanese)
HANGUL_SHARE = 0.4
KANA_SHARE = 0.15
#: ... or Han (Chinese; the rest may be a garbled line of Hangul or kana)
HAN_SHARE = 0.85

#: where a CJK reader's text is: CJK letters and marks, compatibility and small forms,
#: half-width kana, private use (what cp950 makes of its user-defined area)
_CJK_AREA = ((0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xE000, 0xF8FF), (0xF900, 0xFAFF), (0xFE30, 0xFE6F),
             (0xFF61, 0xFFDC))


_HAN_RUN_RE = re.compile("[" + script._HAN_RANGES + "]+")
#: Han words set apart by single spaces: how Korean read as GBK or Big5 looks (``措烹飞狼 惫过惑``)
_SPACED_HAN_RE = re.compile("[" + script._HAN_RANGES + "]{1,6} (?=[" + script._HAN_RANGES + "])")
#: a whole document is taken for Korean read as a Chinese codec when at least one Han
#: character in this many is followed by a space and another Han word...
SPACED_HAN_EVERY = 8
#: ... and a sample of it decodes into Korean that reads at least this well under the pair model
KOREAN_FLOOR = -7.5
#: ... and better than the sample as it is by this much per character (the 34 documents of the
#: Korean corpus read whole as GBK gain 2.64 to 6; no clean Chinese document of the benchmark
#: corpora passes the spacing test above at all)
KOREAN_MARGIN = 2.5


def document_language(text: str) -> Optional[str]:
    """The language a document is written in, as far as its CJK letters tell: ``ko``, ``ja``,
    ``zh-Hant``, ``zh-Hans``, or None (too few CJK letters, or no language stands out).

    >>> document_language("대통령은 필요하다고 인정할 때에는 외교·국방·통일 기타 국가안위에 관한 중요정책을")
    'ko'
    >>> document_language("措烹飞篮 鞘夸窍促绊 牢沥且 锭俊绰 寇背·惫规·烹老 扁鸥 惫啊救困俊 包茄 吝夸沥氓阑")
    'ko'
    >>> document_language("行政院於會計年度開始三個月前，應將下年度預算案提出於立法院。")
    'zh-Hant'
    """
    sample = text[:SAMPLE]
    han, kana, hangul = letter_counts(sample)
    letters = han + kana + hangul
    if letters < MIN_LETTERS:
        return None
    if hangul >= HANGUL_SHARE * letters:
        return "ko"
    if kana >= KANA_SHARE * letters:
        return "ja"
    if han < HAN_SHARE * letters:
        return None
    if (not hangul and sample.count(" ") * SPACED_HAN_EVERY >= han
            and len(_SPACED_HAN_RE.findall(sample)) * SPACED_HAN_EVERY >= han and _reads_as_korean(sample)):
        return "ko"
    # Traditional text holds characters GB2312 cannot write, Simplified text ones Big5 cannot:
    # its Han characters tell (not its signs: Python's GB2312 has no U+00B7 middle dot, which
    # Simplified stock tables write between every integer and its decimals, ``１２１３·９６``)
    telling = "".join(_HAN_RUN_RE.findall(sample, 0, TELLING_SAMPLE))
    big5 = len(telling.encode("cp950", errors="ignore"))
    gb2312 = len(telling.encode("gb2312", errors="ignore"))
    return "zh-Hant" if big5 > gb2312 else "zh-Hans"


def _byte_table(ranges) -> bytes:
    """A ``bytes.translate`` table: 1 for the bytes in ``ranges``, 0 for the others."""
    table = bytearray(256)
    for lo, hi in ranges:
        for b in range(lo, hi + 1):
            table[b] = 1
    return bytes(table)


# UTF-16 code units by their high byte: Han (Extension A, the main block, compatibility
# ideographs), Hangul syllables; kana are the 0x30 row from 0x3040 on (CJK punctuation before)
_HAN_HIGH = _byte_table(((0x34, 0x4D), (0x4E, 0x9F), (0xF9, 0xFA)))
_HANGUL_HIGH = _byte_table(((0xAC, 0xD7),))
_KANA_HIGH = _byte_table(((0x30, 0x30),))
_KANA_LOW = _byte_table(((0x40, 0xFF),))


_HAS_BIT_COUNT = hasattr(int, "bit_count")  # (Python 3.10+; bin() counts ones thirty times slower)


def letter_counts(text: str) -> Tuple[int, int, int]:
    """How many Han, kana and Hangul letters ``text`` holds (BMP only; a Han character of
    the supplementary planes is rare enough not to matter to a document's language).

    Counted on the text's UTF-16 bytes with ``bytes.translate``: this runs on every document,
    and a regex scan costs ten times more.

    >>> letter_counts("東京の人口は한국어")
    (4, 2, 3)
    """
    data = text.encode("utf-16-be", errors="surrogatepass")
    high, low = data[0::2], data[1::2]
    han = high.translate(_HAN_HIGH).count(1)
    hangul = high.translate(_HANGUL_HIGH).count(1)
    row30 = int.from_bytes(high.translate(_KANA_HIGH), "big") & int.from_bytes(low.translate(_KANA_LOW), "big")
    kana = row30.bit_count() if _HAS_BIT_COUNT else bin(row30).count("1")
    return han, kana, hangul


def _reads_as_korean(sample: str) -> bool:
    """Does Han text decode, read as GBK or Big5 bytes, into fluent Korean?"""
    core = sample[:512]
    before = fluency(core)
    for reader in ("gbk", "cp950"):
        # (a hypothesis about the whole document, tested on its start: a character that does
        # not go through is left out, not a reason to give up)
        new = core.encode(reader, errors="ignore").decode("cp949", errors="ignore")
        after = fluency(new, ("ko",))
        if after >= KOREAN_FLOOR and after >= before + KOREAN_MARGIN:
            return True
    return False


def foreign_spans(text: str, language: str) -> List[Tuple[int, int]]:
    """Spans of ``text`` a program reading ``language``'s codec wrongly can have made: runs of
    CJK-area letters that codec cannot write and, in a Korean document, Han words on a line
    without Hangul (Korean read as Big5 is made of Traditional characters Korean writes too).

    >>> foreign_spans("제71조(휴직)\\n力71炼(绒流) ㄧ (积  帆)", "ko")
    [(9, 10), (12, 13), (14, 16), (18, 19), (21, 22), (24, 25)]
    """
    spans = []
    for a, b in unencodable_runs(text, REPERTOIRE[language]):
        start = None
        for k in range(a, b + 1):
            if k < b and _is_foreign_letter(text[k]):
                if start is None:
                    start = k
            elif start is not None:
                spans.append((start, k))
                start = None
    if language == "ko":
        # (Korean text holds few Han runs: look for them, then at their lines)
        le, without_hangul = -1, False
        for m in _HAN_RUN_RE.finditer(text):
            if m.start() > le:  # (a new line: its bounds and its Hangul, once)
                ls, le = line_around(text, m.start(), m.end())
                without_hangul = script.HANGUL.search(text, ls, le) is None
            if without_hangul:
                spans.append(m.span())
        spans = _merged(spans)
    return spans


_runs = threading.local()


def _note_unencodable(err: UnicodeEncodeError):
    _runs.found.append((err.start, err.end))
    return "", err.end


codecs.register_error("encfix-note-unencodable", _note_unencodable)


def unencodable_runs(text: str, codec: str) -> List[Tuple[int, int]]:
    """The runs of ``text`` that ``codec`` cannot encode.

    Found by encoding, which runs in C and calls back only where it fails: a regex for the
    characters a codec lacks is a class of thousands of ranges, ten times slower to scan.

    >>> unencodable_runs("中文한국어と", "gb2312")
    [(2, 5)]
    """
    _runs.found = []
    text.encode(codec, errors="encfix-note-unencodable")
    found, _runs.found = _runs.found, []
    return _merge_adjacent(found)  # (the CJK encoders report each character alone)


@lru_cache(maxsize=65536)
def _is_foreign_letter(ch: str) -> bool:
    """A letter of the CJK area (or private use): what a CJK reader makes; signs and
    punctuation are left out (``｢｣`` in Korean text is typography, not a sign of mojibake)."""
    cp = ord(ch)
    return (any(lo <= cp <= hi for lo, hi in _CJK_AREA)
            and unicodedata.category(ch)[0] in "LC" and not 0xD800 <= cp < 0xE000)


def _merged(spans: List[Tuple[int, int]]) -> List[Tuple[int, int]]:
    out: List[Tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def pairs_for(language: str) -> Dict[str, Tuple[str, ...]]:
    """The codec pairs that make foreign characters in a ``language`` document: reader -> sources.

    >>> pairs_for("ko")
    {'gbk': ('euckr',), 'big5': ('euckr',), 'sjis': ('euckr',)}
    """
    sources = NATIVE_SOURCES[language]
    out: Dict[str, Tuple[str, ...]] = {}
    for reader in CJK_READERS:
        kept = tuple(s for s in sources if s != reader)
        if kept:
            out[reader] = kept
    return out


# -- short lines that break the document's form ------------------------------------------------

#: a line this long or shorter, with a number and this many CJK letters at most, can be one of
#: a document's numbered forms (``第 32 條``, ``第 3 章 總則``)
FORM_LINE = 24
FORM_LETTERS = 4
#: a line is one of a form when its re-reading takes the form of this many other lines.  One
#: is enough: no clean line turns into another of its document by a codec coincidence, and
#: the pieces of documents a corpus holds are often short (two article headings in all).
FORM_REPEATS = 1
#: documents whose lines can break a form with characters their codec writes: Chinese read as
#: the other Chinese codec.  Korean and Japanese text read as a Chinese codec or the other way
#: round gives itself away by characters foreign to the document (:func:`foreign_spans`).
FORM_LANGUAGES = ("zh-Hant", "zh-Hans")
_DIGIT_RE = re.compile("[0-9]")
#: (a row of a table, with its field separators, is no heading: CSV files have thousands)
_FIELD_SEPARATOR_RE = re.compile("[,;|\t]")


def _codec(name: str) -> str:
    """The Python codec of a CJK codec by its short name (``big5`` -> ``cp950``)."""
    return SOURCE_BY_NAME[name].codec


def _short_numbered_lines(text: str):
    """(start, line) of each short line with a number and a few CJK letters, no field separator."""
    pos = 0
    for line in text.split("\n"):
        if (len(line) <= FORM_LINE and not line.isascii() and _DIGIT_RE.search(line) is not None
                and _FIELD_SEPARATOR_RE.search(line) is None
                and 2 <= len(script.CJK.findall(line)) <= FORM_LETTERS):
            yield pos, line
        pos += len(line) + 1
_DIGITS_RE = re.compile(r"[0-9]+")
#: the ordinal heading of Chinese prose: ``第`` (the ordinal prefix), a number (``13-1`` for an
#: article inserted later), and the counter of what it numbers -- article, chapter, section,
#: paragraph, item, part, volume, novel chapter, lesson, issue (the heading counters of Chinese
#: grammar, both scripts).  A law excerpt of one article has this one heading and nothing to
#: compare it with; a re-read line that lands exactly on it is no coincidence of a clean line.
_ORDINAL_HEADING_RE = re.compile(r"[ \t\u3000]*第[ \t\u3000]*[0-9]+(?:-[0-9]+)?[ \t\u3000]*"
                                 "[條条章節节項项款目編编篇卷回課课冊册輯辑期屆届講讲]"
                                 r"[ \t\u3000]*")
#: the codecs of the CJK readers and sources (mojibake_codecs' names)


def _form(line: str) -> str:
    """A short line with its numbers left out: ``第 32 條`` and ``第 7 條`` share a form.  Only
    numbered forms (headings, articles, labels) count: a line that differs from others of its
    document by its number alone."""
    return _DIGITS_RE.sub("#", line.strip())


def form_repairs(text: str, language: str) -> List[Tuple[int, int, str, str, str, str]]:
    """Short numbered lines that, read back through another CJK codec, take a form the rest of
    the document has: (start, end, decoded line, source, reader, the evidence in words).

    Big5 read as GBK makes ``第 32 條`` into ``材 32 兵``: two common characters, which nothing
    in the line gives away.  A law has many ``第 N 條`` lines; the one ``材 N 兵`` among them,
    re-read as Big5, is one more of them.  A short piece of a law may have no other heading,
    but its articles cite others (``依第二十條``): the re-read line is written there too.  A piece
    of one article, with nothing to compare, still has the form every Chinese ordinal heading
    has (:data:`_ORDINAL_HEADING_RE`).  No
    clean line turns into what its own document writes by a codec coincidence: every one of
    its characters would have to.

    A Korean document's labels are :func:`_korean_form_repairs`' and :func:`korean_label_line`'s;
    short lines of a Japanese or Korean document read whole with a code page (or, in Japanese,
    as Shift_JIS or EUC-KR) are :func:`short_line_repairs`'.

    >>> doc = "第 1 條\\n本法依憲法制定之。\\n第 2 條\\n本法所稱主管機關。\\n材 3 兵\\n施行。"
    >>> form_repairs(doc, "zh-Hant")
    [(32, 37, '第 3 條', 'big5', 'gbk', 'the form of 2 other lines of this document')]
    >>> form_repairs("꼼 4 깡\\n依第二十條規定辦理。", "zh-Hant")
    [(0, 5, '第 4 條', 'big5', 'euckr', 'what this document writes in 第二十條')]
    >>> form_repairs("材 5 兵\\n各級學校生對生霸凌事件，應依本準則規定審查。", "zh-Hant")[0][2:]
    ('第 5 條', 'big5', 'gbk', 'the form of a numbered heading (第 N 條)')
    """
    if language == "ko":
        return _without_overlaps(_korean_form_repairs(text), short_line_repairs(text, language))
    if language == "ja":
        return short_line_repairs(text, language)
    if language not in FORM_LANGUAGES:
        return []
    shorts = list(_short_numbered_lines(text))
    if not shorts:
        return []
    forms: Dict[str, int] = {}
    for _, line in shorts:
        key = _form(line)
        forms[key] = forms.get(key, 0) + 1
    out = []
    pairs = [(r, s) for r in CJK_READERS for s in NATIVE_SOURCES[language] if s != r]
    searches = 0
    for start, line in shorts:
        key = _form(line)
        if forms[key] > 1:
            continue  # (a form of its own is not a line that breaks one)
        first = script.CJK.search(line).group()
        for reader, source in pairs:
            again = _reread(first, reader, source)
            if again is None or (again not in text and again != "第"):
                continue  # (cheap: the line's first letter re-read is not in the document at all)
            new = reread(line, reader, source)
            if new is None:
                continue
            target = _form(new)
            if new == line or target == key:
                continue
            if forms.get(target, 0) >= FORM_REPEATS:
                evidence = f"the form of {forms[target]} other line{'s' if forms[target] > 1 else ''} of this document"
            else:
                cited = None
                if searches < MAX_CITATION_SEARCHES:
                    searches += 1
                    cited = _written_elsewhere(new, text, start, start + len(line))
                if cited is not None:
                    evidence = f"what this document writes in {cited}"
                elif _ORDINAL_HEADING_RE.fullmatch(new) and not _ORDINAL_HEADING_RE.fullmatch(line):
                    # (last: the weakest evidence, a form of the language rather than of the document)
                    evidence = "the form of a numbered heading (第 N 條)"
                else:
                    continue
            out.append((start, start + len(line), new, source, reader, evidence))
            break
    return out


#: a line of a Korean document re-read as Korean must give at least this many Hangul syllables
#: (``<신  설>``, ``(생  략)``: the two-syllable labels of Korean bills)
KOREAN_FORM_LETTERS = 2


def _without_overlaps(first: list, then: list) -> list:
    """``first``, and those of ``then`` that overlap none of them, in order of start (each a
    tuple that starts with its start and end).

    >>> _without_overlaps([(0, 4, "a"), (10, 12, "b")], [(3, 5, "c"), (5, 10, "d"), (11, 11, "e")])
    [(0, 4, 'a'), (5, 10, 'd'), (10, 12, 'b')]
    """
    # (bisect on the starts and the furthest end so far: a document of thousands of label lines
    # and short lines would cost their product, compared pair by pair)
    first = sorted(first)
    starts = [q[0] for q in first]
    furthest = []
    for q in first:
        furthest.append(max(q[1], furthest[-1]) if furthest else q[1])
    out = list(first)
    for r in then:
        i = bisect_left(starts, r[1])  # (first[:i] start before r ends ...)
        if i == 0 or furthest[i - 1] <= r[0]:  # (... and none of them ends after r starts)
            out.append(r)
    return sorted(out)


def _korean_form_repairs(text: str) -> List[Tuple[int, int, str, str, str, str]]:
    """Short lines of a Korean document without Hangul that, read back as Korean (EUC-KR read
    as a Chinese or Japanese codec), are what the document writes elsewhere -- numbers and
    blanks aside.

    Korean bills set their labels apart on lines of their own (``<신  설>``, ``(생  략)``,
    ``현      행``): two syllables, too few for the pair model or :func:`korean_line`.  Read
    as GBK or Big5 they are two Chinese characters or signs (``<脚  汲>``, ``⑷      ч``); the
    bill writes the label again elsewhere, and the re-read line is that label.  A line the bill
    does not write whole again (``10. ～ 17. (생  략)`` beside ``1. ∼ 9. (생  략)``), or one
    padded with rules, is :func:`korean_label_line`'s.

    >>> _korean_form_repairs("  <신  설>\\n  1. (생  략)\\n  <脚  汲>\\n제2조 삭제")
    [(21, 29, '  <신  설>', 'euckr', 'gbk', 'what this document writes in <신  설>')]
    """
    out = []
    searches = 0
    searched: Dict[str, bool] = {}
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if line.isascii() or _HANGUL_SYLLABLE_RE.search(line):
            continue
        for reader in KOREAN_READERS if len(line) <= FORM_LINE else ():
            new = reread(line, reader, "euckr")
            if new is None:
                continue
            letters = script.CJK.findall(new)
            if (len(set(letters)) < KOREAN_FORM_LETTERS  # (told apart: ``捞捞`` 이이 is one syllable said again)
                    or not all(_HANGUL_SYLLABLE_RE.match(ch) for ch in letters)
                    or searches >= MAX_CITATION_SEARCHES):
                continue
            searches += 1
            cited = _written_elsewhere(new, text, start, start + len(line))
            if cited is not None:
                out.append((start, start + len(line), new, "euckr", reader, f"what this document writes in {cited}"))
                break
        else:
            found = korean_label_line(line, text, start, searched)
            if found is not None:
                new, reader, evidence = found
                out.append((start, start + len(line), new, "euckr", reader, evidence))
                continue
            found = _HAN_LETTER_RE.search(line) and korean_line(line, _foreign_to_korean(line))
            if found:
                # (whole, before the search takes it piece by piece: its signs, ``ㄧ … ㄩ`` for
                # ``① ∼ ③`` or ``N】육아`` for ``N×육아``, are too short for the search alone)
                new, reader = found
                out.append((start, start + len(line), new, "euckr", reader,
                            "no Hangul, and its Chinese characters, re-read whole with its signs, read as Korean "
                            "better than as they were"))
    return out + rare_syllable_signs(text)


#: a Hangul syllable Korean hardly writes: its log-probability under the Korean model is at most
#: this (횞 -13.6, 짰 -13.8; not 쨌 of 어쨌든 -11.4, 짤 -12.0, 쩍 -11.5, which Korean blogs write:
#: 23, 4 and 6 of the 311 documents of the ko-web pool; nor 째 of 첫째 -8.3)
RARE_SYLLABLE = -13.0
#: what a sign stands between in a formula: a letter, a digit or a decimal point, no blank
#: (``0.056×X``); not brackets or quotes, which set Korean words apart (``(짤)``, ``"짤"``)
_FORMULA_SIDE = "[0-9A-Za-z.]"


@lru_cache(maxsize=1)
def _utf8_signs_as_syllables() -> Tuple[Dict[str, str], "re.Pattern[str]"]:
    """The Hangul syllables Korean hardly writes (:data:`RARE_SYLLABLE`) that cp949 makes of a
    sign written in UTF-8 (``×`` is C3 97, cp949's 횞): syllable -> sign; and a pattern for one of
    them straight between ASCII."""
    ko = LANGUAGES.index("ko")
    table: Dict[str, str] = {}
    for cp in range(0x80, 0x800):
        sign = chr(cp)
        if unicodedata.category(sign) not in ("Po", "Sm", "So", "No"):
            continue
        try:
            syllable = sign.encode("utf-8").decode("cp949")
        except UnicodeDecodeError:
            continue
        if _HANGUL_SYLLABLE_RE.fullmatch(syllable) and char_logprobs(syllable)[ko] <= RARE_SYLLABLE:
            table[syllable] = sign
    syllables = "[" + "".join(sorted(table)) + "]"
    # (the class first and the look-behind after it: scanned for at C speed)
    return table, re.compile(syllables + "(?<=" + _FORMULA_SIDE + syllables + ")(?=" + _FORMULA_SIDE + ")")


def rare_syllable_signs(text: str) -> List[Tuple[int, int, str, str, str, str]]:
    """A Hangul syllable Korean hardly writes, straight between ASCII, that cp949 made of a sign
    written in UTF-8 and that the document writes as that sign between ASCII elsewhere: (start,
    end, sign, "utf8", "euckr", the evidence in words).

    A Korean paper's formula ``0.056×X > 0.6P``, UTF-8 read as cp949, is ``0.056횞X > 0.6P``: one
    letter, too short for any model, and a line the gate lets by.  The syllable is the first
    evidence (횞 is a syllable no Korean word has); the document is the second: it writes
    ``N×p×X`` on its other lines, and the syllable nowhere else.

    >>> rare_syllable_signs("N×p×X + N×P > 0\\n0.056횞X > 0.6P")
    [(21, 22, '×', 'utf8', 'euckr', "a sign between ASCII that the document writes as '×' between ASCII on its other lines, where as it was it is a syllable (횞) Korean hardly writes, and the document nowhere else")]
    >>> rare_syllable_signs("0.056횞X > 0.6P\\n횞X")
    []
    """
    table, syllables_re = _utf8_signs_as_syllables()
    if not any(syllable in text for syllable in table):
        return []  # (cheap: a dozen substring tests run at memory speed, twice a class scan's)
    out = []
    # Each count and search is made once for the document, once for a line: a long line of
    # such syllables must not count the document again for each of them.
    in_text: Dict[str, int] = {}
    in_line: Dict[Tuple[int, str], int] = {}
    written_between: Dict[str, Tuple[int, int]] = {}  # sign -> (first, last) start written between ASCII
    for m in syllables_re.finditer(text):
        old, a = m.group(), m.start()
        new = table[old]
        ls, le = line_around(text, a)
        if old not in in_text:
            in_text[old] = text.count(old)
        if (ls, old) not in in_line:
            in_line[ls, old] = text.count(old, ls, le)
        if in_text[old] > in_line[ls, old]:
            continue  # (the document writes it elsewhere: its own letter)
        if new not in written_between:
            starts = [w.start() for w in re.finditer(_FORMULA_SIDE + re.escape(new) + _FORMULA_SIDE, text)]
            written_between[new] = (starts[0], starts[-1]) if starts else (len(text), -1)
        first, last = written_between[new]
        if not (first < ls or last >= le):
            continue  # (written between ASCII on this line only, or nowhere)
        out.append((a, a + 1, new, "utf8", "euckr",
                    f"a sign between ASCII that the document writes as {new!r} between ASCII on its other lines, "
                    f"where as it was it is a syllable ({old}) Korean hardly writes, and the document nowhere else"))
    return out


#: a label re-read as Korean must read at least this well under the pair model (``(생  략)``
#: -5.9, ``구  분`` -4.7, ``2012이후`` -5.5) ... (with the margin below, 7 of 89,742 pieces of
#: Chinese text with a Simplified-only character pass; 54 of 78 short Korean lines read as GBK)
KOREAN_LABEL_FLOOR = -6.0
#: ... and better than the line as it is by this much per character
KOREAN_LABEL_MARGIN = 1.5
#: most Hangul syllables a label has (longer lines are :func:`korean_line`'s)
KOREAN_LABEL_LETTERS = 4
#: the rule characters (besides blanks) a line of a Korean bill's comparison table is padded with
_RULE_CHARS = frozenset("-=_~*#.")


def _without_rules(line: str) -> str:
    """``line`` without the blanks and rules either side of it (``---------- 3년 ----------``).

    >>> _without_rules("  ---- ж堅, ----  "), _without_rules(" . . "), _without_rules("(생  략)")
    ('ж堅,', '', '(생  략)')
    """
    # (a scan from each end, linear: a regex ``[rules]+$`` tries every position of a long run of
    # dots or blanks inside a line, each to its end)
    a, b = 0, len(line)
    while a < b and (line[a] in _RULE_CHARS or line[a].isspace()):
        a += 1
    while b > a and (line[b - 1] in _RULE_CHARS or line[b - 1].isspace()):
        b -= 1
    return line[a:b]


#: a letter of a script no text sets against a Han character: Cyrillic, Greek (what Big5 makes
#: of EUC-KR's Hangul rows C6-C8: ``ж堅`` for 하고; not kana, which Japanese quoted sets so)
_SCRIPT_BESIDE_HAN_RE = re.compile("[\u0370-\u04ff][\u3400-\u9fff]|[\u3400-\u9fff][\u0370-\u04ff]")


def _foreign_to_korean(line: str) -> bool:
    """Does ``line`` hold what no Korean text holds: a character cp949 cannot write (a
    Simplified-only Han, ``积``), or a Cyrillic or Greek letter against a Han character?

    >>> _foreign_to_korean("(积  帆)"), _foreign_to_korean("ж堅, "), _foreign_to_korean("(大韓民國)")
    (True, True, False)
    """
    try:
        line.encode("cp949")
    except UnicodeEncodeError:
        return True
    return _SCRIPT_BESIDE_HAN_RE.search(line) is not None


_LABEL_WORDS_DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data",
                                 "korean_label_words.txt")


@lru_cache(maxsize=1)
def _label_words() -> frozenset:
    """The words of Korean bills (and of their label lines: 번호) whose EUC-KR, read as GBK or
    Big5, is no Chinese or Japanese word nor a pair Chinese text writes (``korean_label_words.txt``,
    made by ``encfix/data/make_korean_labels.py``).

    >>> "부칙" in _label_words(), "구분" in _label_words(), "행뉴" in _label_words()
    (True, True, False)
    """
    with open(_LABEL_WORDS_DATA, encoding="utf-8") as f:
        return frozenset(w for w in f.read().split("\n") if w and not w.startswith("#"))


#: two Han letters with no blank between them (side by side, ``附則``, or joined by a sign, ``甲、乙``):
#: a bill sets a label's syllables apart by blanks (``부      칙``)
_HAN_UNSPACED_RE = re.compile("[{0}][^{0} \t\u3000]*[{0}]".format(script._HAN_RANGES))
_HAN_LETTER_RE = re.compile("[" + script._HAN_RANGES + "]")


def _spaced_letters(line: str) -> bool:
    """Are the Han letters of ``line`` two or more, each set apart from the next by blanks, as a
    bill spreads a label's syllables over its column (``구  분``, ``<신  설>``)?

    >>> _spaced_letters("睡      罌"), _spaced_letters("綠  徽(B/A)"), _spaced_letters("(儅  楞)")
    (True, True, True)
    >>> _spaced_letters("附則"), _spaced_letters("甲、乙"), _spaced_letters("(大)")
    (False, False, False)
    """
    return _HAN_UNSPACED_RE.search(line) is None and len(_HAN_LETTER_RE.findall(line)) >= 2


def korean_label_line(line: str, text: str, start: int,
                      searched: Optional[Dict[str, bool]] = None) -> Optional[Tuple[str, str, str]]:
    """A short line of a Korean document, without Hangul, that is a label of two to four
    syllables read as GBK or Big5: (decoded, reader, the evidence in words), or None.

    ``(생  략)`` read as GBK is ``(积  帆)``: two characters, too few for :func:`korean_line`,
    and the bill may write the label nowhere else.  Two common Chinese characters re-read as
    Korean are two plausible syllables too often (1.5-2% of pairs) for plausibility alone; the
    evidence here is three things at once: the line holds what no Korean text holds (a
    Simplified-only character cp949 cannot write, or Cyrillic against Han); its syllables read
    as Korean under the pair model, better than the line as it is; and, unless Cyrillic against
    Han (which no text writes) is the evidence, the document writes the word elsewhere, blanks
    aside (``(생  략)`` in ``1. ∼ 9. (생  략)``).  Of 89,742 pieces of Chinese news, novels and
    blogs (two to four characters, one Simplified-only), 7 pass the first two tests (乐府 as
    있리); set apart by blanks as a label is, many more (青  春 as 행  뉴): the document's
    own word is what tells.

    Or else (:func:`_bill_label`) the label is a word of Korean bills whose Chinese reading is no
    word, its letters set apart as a bill sets a label's (``睡      罌`` for 부      칙: Hanja
    cp949 writes, and the bill's only 부칙).

    >>> korean_label_line("  10. ⅵ 17. (积  帆)", "  1. ∼ 9. (생  략)\\n  10. ⅵ 17. (积  帆)", 18)[:2]
    ('  10. ～ 17. (생  략)', 'gbk')
    >>> korean_label_line("乐府", "있다\\n乐府", 3) is None
    True

    ``searched``: the words already looked for in ``text``, and whether it writes them, kept by a
    caller that passes every line of one document (a line without Hangul, between line breaks,
    cannot hold a Korean word: the word is written elsewhere if it is written at all).
    """
    old = _without_rules(line)  # (a bill's comparison table pads its lines with rules: ``---- ж堅,``)
    if len(old) > FORM_LINE or line.isascii() or _HANGUL_SYLLABLE_RE.search(line):
        return None
    foreign = _foreign_to_korean(old)
    spaced = _spaced_letters(old)
    if not foreign and not spaced:
        return None
    decodings = _label_decodings(line)
    if not decodings:
        return None
    was = max(fluency(old), fluency(old.lower()))
    if foreign:
        found = _label_written_elsewhere(old, decodings, was, text, start, start + len(line), searched)
        if found is not None:
            return found
    return _bill_label(decodings, was) if spaced else None


def _label_decodings(line: str) -> List[Tuple[str, str, List[str], float]]:
    """(reader, the line re-read as EUC-KR, its syllables, how well it reads as Korean) for each
    Chinese reader that turns every letter of ``line`` into two to four syllables EUC-KR writes.

    >>> [(r, new) for r, new, _, _ in _label_decodings("    备  盒")]
    [('gbk', '    구  분')]
    """
    out = []
    for reader in KOREAN_READERS:
        new = reread(line, reader, "euckr")
        if new is None:
            continue
        syllables = _HANGUL_SYLLABLE_RE.findall(new)
        if not 2 <= len(syllables) <= KOREAN_LABEL_LETTERS or script.CJK.search(_HANGUL_SYLLABLE_RE.sub("", new)):
            continue  # (every letter must turn into Hangul)
        if len(set(syllables)) < 2:
            continue  # (one syllable said again, ``捞捞`` 이이, is no label, and a word of any document holds it)
        try:
            new.encode("euc_kr")
        except UnicodeEncodeError:
            continue  # (cp949's own syllables take ASCII letters for second bytes: not a label's)
        out.append((reader, new, syllables, fluency(_without_rules(new), ("ko",))))
    return out


def _label_written_elsewhere(old: str, decodings, was: float, text: str, start: int, end: int,
                             searched: Optional[Dict[str, bool]]) -> Optional[Tuple[str, str, str]]:
    """:func:`korean_label_line`'s first evidence, for a line that holds what no Korean text holds:
    the decoding reads well, and either the line held Cyrillic against Han or the document writes
    the word elsewhere."""
    for reader, new, syllables, f in decodings:
        if f < KOREAN_LABEL_FLOOR or f < was + KOREAN_LABEL_MARGIN:
            continue
        if _SCRIPT_BESIDE_HAN_RE.search(old) is not None:
            return new, reader, ("Korean that reads well, where as it was it holds a Cyrillic or Greek letter "
                                 "against a Han character, which no text holds")
        # (the text before the line and after it, searched in place: a copy of the rest of the
        # document for each label line of a long bill costs their product)
        word = "".join(syllables)
        written = None if searched is None else searched.get(word)
        if written is None:
            spaced = re.compile(_BLANKS.join(syllables))
            written = (text.find(word, 0, start) >= 0 or text.find(word, end) >= 0
                       or spaced.search(text, 0, start) is not None or spaced.search(text, end) is not None)
            if searched is not None:
                searched[word] = written
        if written:
            return new, reader, (f"Korean that reads well and that the document writes elsewhere ({word}), where "
                                 f"as it was it holds what no Korean text holds")
    return None


def _bill_label(decodings, was: float) -> Optional[Tuple[str, str, str]]:
    """:func:`korean_label_line`'s second evidence, for a line whose letters are set apart by
    blanks as a bill sets a label's syllables: the decoding is a word of Korean bills
    (:func:`_label_words`), and reads better as Korean than the line as it is.  The table holds
    no word whose GBK or Big5 reading is a Chinese or Japanese word, or a pair Chinese text writes
    (``利钦`` of 叶利钦, for 적합), so a clean Hanja label (``區  分``, ``附      則``, ``年  度``) or
    a Simplified one is never one; what is left is a line of Han letters that are no word, spread
    as a label.  Set apart as a label in a Korean bill, 0 of 980 runs of Hanja of the ko-bills
    pool, 0 of 4,296 of Japanese (0 of 17,166 of Japanese feeds) and 1 of 72,447 of Taiwan laws
    are taken (角  青 as 실  행); of 871,485 runs of two or three characters of Chinese news, cut
    anywhere, 10 (利  必 as 적  극: pairs the news writes once), where the table of session 7 took 37.

    >>> _bill_label(_label_decodings("睡      罌"), -6.78)[:2]
    ('부      칙', 'big5')
    >>> _bill_label(_label_decodings("青  春"), -5.7) is None
    True
    """
    for reader, new, syllables, f in decodings:
        word = "".join(syllables)
        if f > was and word in _label_words():
            return new, reader, (f"a word of Korean bills ({word}), its syllables set apart as a bill sets a "
                                 f"label's, where as it was its letters make no Chinese or Japanese word")
    return None


def reread(text: str, reader: str, source: str) -> Optional[str]:
    """``text`` encoded as the reader's codec and decoded as the source's, or None.

    >>> reread("材 5 兵", "gbk", "big5")
    '第 5 條'
    """
    try:
        return text.encode(_codec(reader)).decode(_codec(source))
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


#: :func:`reread` of one character, remembered (the first letter of every short line is tried)
_reread = lru_cache(maxsize=65536)(reread)


#: each search for a citation reads the whole document: at most this many per document, so
#: that a document of many thousand short lines stays linear
MAX_CITATION_SEARCHES = 16
_NUMERAL = "(?:[0-9]+|[〇一二三四五六七八九十百千零兩]+)"
_BLANKS = "[ \t\u3000]*"


#: a lone ASCII letter: the enumerator of a list or a table's column (``(a)`` ``(b)``, ``A.``)
_ENUMERATOR_RE = re.compile("[0-9]+|(?<![A-Za-z])[A-Za-z](?![A-Za-z])|.")


def _citation_parts(line: str) -> List[str]:
    """The pieces of a pattern that finds ``line`` written elsewhere, blanks left out: a number
    stands for any number, and a lone ASCII letter for any -- a table's subtotal row is
    ``소 계 (a)`` under one column and ``소 계 (b)`` under the next; the one of them read as
    GBK (``家 拌 (b)``) re-reads into the form of the other.

    >>> _citation_parts("소 계 (b)")[2:]
    ['\\\\(', '[A-Za-z]', '\\\\)']
    >>> _citation_parts("第 4 條")[1] == _NUMERAL
    True
    """
    parts = []
    for p in _ENUMERATOR_RE.findall("".join(line.split())):
        if p.isdigit():
            parts.append(_NUMERAL)
        elif len(p) == 1 and p.isascii() and p.isalpha():
            parts.append("[A-Za-z]")
        else:
            parts.append(re.escape(p))
    return parts


def _written_elsewhere(line: str, text: str, start: int, end: int) -> Optional[str]:
    """Where ``text`` (outside ``[start, end)``) writes ``line`` with any number (and any lone
    ASCII letter) in it, spaces left out (``第 4 條`` in ``依第二十條``), or None."""
    letters = script.CJK.findall(line)
    if len(letters) < 2 or any(ch not in text for ch in letters):
        return None  # (cheap: most re-read lines hold a character the document never writes)
    # (blanks anywhere: ``<신  설>`` is written ``<신 설>`` too, and ``第 4 條`` ``第四條``)
    pattern = re.compile(_BLANKS.join(_citation_parts(line)))
    for m in pattern.finditer(text):
        if m.end() <= start or m.start() >= end:
            return m.group()
    return None



# -- a paragraph's circled number, read with another codec ---------------------------------

_CIRCLED = "\u2460-\u2473"  # ① - ⑳
_CIRCLED_HEAD_RE = re.compile("(?m)^[ \t\u3000]*([" + _CIRCLED + "])")


def circled_number_repairs(text: str, language: str) -> List[Tuple[int, int, str, str, str]]:
    """Circled paragraph numbers at the head of a line, read with another CJK codec, where the
    document numbers its other paragraphs the same way: (start, end, number, source, reader).

    A law numbers its paragraphs ``① ② ③`` at the head of their lines; a garbled line's ②
    alone is one character (EUC-KR's A8 E8 read as Big5 is 刻, as GBK ㄨ), too short for any
    model.  The document's other lines are the evidence: they open with the same number or the
    ones either side of it, and with nothing like the character it was made into.

    >>> doc = "  ① 공무원은 다음 \\n  券 제1항에도 불구하고\\n  ④ 법제처장은"
    >>> circled_number_repairs(doc, "ko")
    [(15, 16, '③', 'euckr', 'big5')]
    """
    garbled, firsts_re, heads_re = _garbled_circled_numbers(language)
    if firsts_re.search(text) is None:
        return []  # (cheap: one scan for a character class)
    heads = list(heads_re.finditer(text))
    if not heads:
        return []
    written = {ord(m.group(1)) for m in _CIRCLED_HEAD_RE.finditer(text)}
    opening = Counter(m.group(1) for m in heads)
    out = []
    for m in heads:
        old = m.group(1)
        if opening[old] > 1:
            continue  # (a head the document writes again is its own, not a coincidence)
        new, source, reader = garbled[old]
        if written & {ord(new) - 1, ord(new), ord(new) + 1}:
            out.append((m.start(1), m.end(1), new, source, reader))
    return out


@lru_cache(maxsize=8)
def _garbled_circled_numbers(language: str) -> Tuple[Dict[str, Tuple[str, str, str]], "re.Pattern[str]",
                                                      "re.Pattern[str]"]:
    """What the CJK readers make of the circled numbers of a ``language`` document's codecs (and
    UTF-8): garbled -> (number, source, reader), the first pair that makes it; a pattern for the
    first character of any of them, and one for a line that opens with one of them.  Only what no
    text opens a line with: CJK letters (刻, ㄨ) or several characters (竭｡), not signs or
    full-width Latin letters (``№`` ``Ｋ``), which a line of clean text may open with."""
    out: Dict[str, Tuple[str, str, str]] = {}
    for cp in range(0x2460, 0x2474):
        number = chr(cp)
        for source in NATIVE_SOURCES.get(language, ()) + ("utf8",):
            for reader in CJK_READERS:
                if reader != source:
                    old = reread(number, source, reader)
                    if (old is not None and old != number and len(old) <= 3 and reread(old, reader, source) == number
                            and (len(old) > 1 or (_is_foreign_letter(old) and not "\uff21" <= old <= "\uff5a"))):
                        out.setdefault(old, (number, source, reader))
    heads = "|".join(re.escape(old) for old in sorted(out, key=len, reverse=True))
    firsts = "".join(sorted({re.escape(old[0]) for old in out}))
    return (out, re.compile("[" + firsts + "]"),
            re.compile("(?m)^[ \t\u3000]*(" + heads + ")(?=[ \t\u3000(]|$)"))


# -- a line of Korean words, one syllable each, read as a Chinese codec ----------------------

#: fewest Hangul syllables a re-read line must give, each a different one: two common Chinese
#: characters re-read are too often two Korean syllables that read as well as real ones (等等 read
#: as Big5: 데데), and one said again is one (``啊啊啊``, 가가가)
KOREAN_LINE_LETTERS = 3
#: ... and the mean log-probability they must have as Korean: on 10,000 runs of Chinese
#: characters from zh news and Taiwan laws re-read through GBK and Big5, none of three
#: characters or more reaches it; table headings of Korean bills (제 출 자, 개 정 안) do
KOREAN_LINE_FLOOR = -7.0
#: a line re-read into this many Hangul syllables or more is judged by the pair model too: on
#: 10,412 pieces of Chinese lines (zh news, novel, blog, Taiwan laws), the 136 that re-read into
#: all Hangul read at best -10.0 as Korean (the floor is :data:`KOREAN_FLOOR`, -7.5); 95% of 1,432
#: lines of Korean bills read -6.1 or better, and better than their GBK reading by 2.7 or more
#: (a line of rare syllables and numbers, ``펼침  부칙 <헌법 제10호, 1987.10.29.>``, by 1.7)
KOREAN_LINE_WORDS = 6
KOREAN_LINE_GAIN = 1.0
_KO = LANGUAGES.index("ko")
_HANGUL_SYLLABLE_RE = re.compile("[\uac00-\ud7a3]")


def korean_line(line: str, foreign: bool = False) -> Optional[Tuple[str, str]]:
    """A line of a Korean document without Hangul, re-read as the Korean it was: (decoded,
    reader), or None.

    Korean table headings and labels set their syllables apart (``제  출  자``), so the pair
    model has nothing to read; in a Korean document, a line of Chinese characters that all
    turn into common Hangul is evidence enough.

    The syllables must also read no worse as Korean, under the pair model, than the line as it
    is: Chinese whose characters happen to re-read into common syllables is fluent Chinese.  Of
    94,532 pieces of Chinese lines with a Simplified-only character (zh news, novel, blog,
    reviews, web), 2,806 re-read into Hangul only; common syllables alone took 3 of them
    (``Registry登录档`` as 되쩌도), this took 2, and all 1,302 lines of Korean bills read as GBK.
    One of the 2 was ``啊啊啊`` (가가가): letters are now counted told apart, since a line of one
    character said again (an interjection) re-reads into one syllable said again.  (Of 81,156
    lines of a GB2312 character said one to four times, set into a Korean bill, the stage took
    2,732 before, through this function, the label lines and the search; none now.)

    ``foreign``: the line holds what no Korean text holds (:func:`_foreign_to_korean`), so
    syllables a little rarer do (:data:`KOREAN_FLOOR`) where the re-read also mends the line's
    signs (:func:`_mends_signs`) and the pair model reads them better than the line as it is by
    :data:`KOREAN_LINE_GAIN` (a formula's line, ``惯积厚侩 : N】p】X``, has few syllables between
    its letters and signs); of those 2,806 pieces, it takes none more.

    >>> korean_line("俺   沥   救")
    ('개   정   안', 'gbk')
    >>> korean_line("中華民國") is None
    True
    >>> korean_line("啊啊啊") is None  # (an interjection: 가가가 is one common syllable said again)
    True
    >>> korean_line("惯积厚侩 : N】p】X + N】腊酒绒流鞭咯咀 - N】P") is None
    True
    >>> korean_line("惯积厚侩 : N】p】X + N】腊酒绒流鞭咯咀 - N】P", foreign=True)
    ('발생비용 : N×p×X + N×육아휴직급여액 - N×P', 'gbk')
    """
    if _HALFWIDTH_LINE_RE.fullmatch(line):
        return halfwidth_korean_line(line)
    letters = script.CJK.findall(line)
    # (letters told apart: a line of one character said again, ``啊啊啊``, re-reads into one
    # syllable said again, 가가가, and is the evidence of that one character, however long)
    if len(set(letters)) < KOREAN_LINE_LETTERS or any(_HANGUL_SYLLABLE_RE.match(ch) for ch in letters):
        return None
    for reader in KOREAN_READERS:
        new = reread(line, reader, "euckr")
        if new is None:
            continue
        decoded = script.CJK.findall(new)
        if len(decoded) != len(letters) or not all(_HANGUL_SYLLABLE_RE.match(ch) for ch in decoded):
            continue
        mean = sum(char_logprobs(ch)[_KO] for ch in decoded) / len(decoded)
        if mean >= KOREAN_FLOOR and (mean >= KOREAN_LINE_FLOOR or (foreign and _mends_signs(line, new))):
            # (and no worse as Korean than as it was, under the pair model: Chinese whose
            # characters re-read into common syllables is fluent Chinese, ``Registry登录档``
            # 되쩌도, where garbled Korean is not)
            gain = fluency(new.strip(), ("ko",)) - fluency(line.strip())
            if gain >= (0.0 if mean >= KOREAN_LINE_FLOOR else KOREAN_LINE_GAIN):
                return new, reader
        if len(decoded) >= KOREAN_LINE_WORDS:
            # (a line of words, rare syllables among them -- ``펼침  부칙 <헌법 제10호, ...>`` --
            # is read by the pair model, which words of Korean satisfy and Chinese re-read does not)
            f = fluency(new.strip(), ("ko",))
            if f >= KOREAN_FLOOR and f >= fluency(line.strip()) + KOREAN_LINE_GAIN:
                return new, reader
    return None


def _mends_signs(line: str, new: str) -> bool:
    """Does the re-read ``new`` turn a sign of ``line`` into another sign, one for one?  The
    evidence that lets a line of rarer syllables through: a formula's ``×`` that GBK made ``】``
    comes back, where a name's brackets (``(福楼拜)``, re-read ``(르짜격)``) stay what they were.

    >>> _mends_signs("N】p】X", "N×p×X"), _mends_signs("(福楼拜)", "(르짜격)")
    (True, False)
    """
    return len(line) == len(new) and any(
        a != b and not a.isspace() and script.CJK.match(a) is None and script.CJK.match(b) is None
        for a, b in zip(line, new))


#: a line of ASCII and half-width kana (Shift_JIS reads each byte of EUC-KR's Hangul rows,
#: 0xA1-0xDF, as one)
_HALFWIDTH_LINE_RE = re.compile("[\x00-\x7f]*[\uff61-\uff9f][\x00-\x7f\uff61-\uff9f]*")
_NON_ASCII_RE = re.compile("[^\x00-\x7f]")
#: fewest Hangul syllables a line of half-width kana must re-read into, and the mean
#: log-probability they must have as Korean.  Half-width kana in a Korean document are the
#: evidence, so a label of two syllables is enough (``ｺﾎ      ﾄ｢``, 부      칙: -7.6); of 447
#: katakana words of Japanese news made half-width, 2 re-read into two Hangul syllables or more
#: that reach this (극다, 별키)
HALFWIDTH_KOREAN_LETTERS = 2
HALFWIDTH_KOREAN_FLOOR = -8.0


def halfwidth_korean_line(line: str) -> Optional[Tuple[str, str]]:
    """A line of half-width kana (and ASCII) in a Korean document, re-read as the Korean it
    was (EUC-KR read as Shift_JIS): (decoded, ``"sjis"``), or None.

    Korean text holds no half-width kana; Shift_JIS makes two of them of each Hangul syllable.
    A bill's label is two syllables set apart on a line of its own, too short for
    :func:`korean_line`'s three; the kana are the evidence that it needs fewer.

    >>> halfwidth_korean_line("ｺﾎ      ﾄ｢")
    ('부      칙', 'sjis')
    >>> halfwidth_korean_line("ｱﾘｶﾞﾄｳ") is None
    True
    """
    new = reread(line, "sjis", "euckr")
    if new is None:
        return None
    decoded = _NON_ASCII_RE.findall(new)
    if len(decoded) < HALFWIDTH_KOREAN_LETTERS or not all(_HANGUL_SYLLABLE_RE.match(ch) for ch in decoded):
        return None
    if sum(char_logprobs(ch)[_KO] for ch in decoded) / len(decoded) < HALFWIDTH_KOREAN_FLOOR:
        return None
    return new, "sjis"


# -- a short line of a Chinese document read whole with another codec (a byline) ---------------

#: a line of a Chinese document this short (blanks aside) can be a name set on a line of its own
#: (the byline of a news article, ``叶廷芳``; the signature of a preface, ``戚蓼生序``)
NAME_LINE = 12
#: fewest Han characters the line must decode to
NAME_LINE_LETTERS = 2
#: the line as it is must read worse than this under the pair model: a line of a language,
#: Russian (``Москва`` -4.1), French (``Café Noël`` -5.6), a Korean name (``김정은`` -5.6),
#: reads better; mojibake of a name reads about -13 (``хП╢х╗╖шК│`` ``ÆÝÞ¤ÉúÐò`` ``葉녔끼``)
NAME_LINE_CEILING = -7.0
#: ... and its decoding better than it by this much per character (unigram model): names are
#: rare characters (``戚蓼生序`` -10.2, ``计喆`` -11.1), so no floor, only the gain (2.4 to 6.3
#: for the names above)
NAME_LINE_MARGIN = 2.0
#: the codec a Chinese document's text is written in, for its decoded line to be written in
_DOCUMENT_CODEC = {"zh-Hans": "gbk", "zh-Hant": "cp950"}
#: what marks a short line as foreign to Chinese text: letters of the single-byte code pages
#: (Latin-1, Greek, Cyrillic), box drawing, Hangul, half-width kana
_NON_CHINESE_RE = re.compile("[\u00c0-\u024f\u0370-\u04ff\u2500-\u257f\uac00-\ud7a3\uff61-\uff9f]")
_ASCII_ALNUM_RE = re.compile("[0-9A-Za-z]")


def _decoded_within(data: bytes, source: str, codec: str) -> Optional[str]:
    """``data`` decoded strictly as the source, if the text it gives is written in ``codec``
    (the codec of the document it sits in), else None.

    >>> _decoded_within("叶廷芳".encode("utf8"), "utf8", "gbk"), _decoded_within(b"\\xff", "utf8", "gbk")
    ('叶廷芳', None)
    >>> _decoded_within("펭귄".encode("utf8"), "utf8", "gbk") is None
    True
    """
    try:
        new = data.decode(SOURCE_BY_NAME[source].codec)
        new.encode(codec)
    except (UnicodeDecodeError, UnicodeEncodeError):
        return None
    return new


def name_line_repairs(text: str, language: str, spans: Optional[List[Tuple[int, int]]] = None,
                      lines: Optional[List[Tuple[int, int]]] = None) -> List[Tuple[int, int, str, str, str]]:
    """Short lines of a Chinese document that, read back whole through another codec, are
    Chinese: (start, end, decoded, source, reader).  ``spans``: :func:`foreign_spans` of the
    document, when they are known; ``lines``: the lines the mojibake gate let through, when it
    has run (a line of Latin-1 letters, box drawing or Cyrillic of UTF-8's shape is one of them;
    Hangul, half-width kana and rare Han are foreign spans).

    A byline garbled alone (``хП╢х╗╖шК│``, 叶廷芳 in UTF-8 read as cp866) is two to four
    characters of a name: too short and too rare for the plausibility model to vouch for it.
    In a Chinese document, a line of Cyrillic, Latin-1 letters, Hangul or half-width kana that
    is not text of any language (the pair model) and whose bytes decode strictly, all of them,
    into Han characters the document's codec writes, is that byline: the document's language
    is the evidence.  A line of Chinese characters must hold one the document's codec cannot
    write (``璁″枂``, 计喆 in UTF-8 read as GBK).  The source is UTF-8 or the document's own
    codec, the codecs Chinese text is saved in; the document's codec only as read by a code
    page (``ÆÝÞ¤ÉúÐò``, 戚蓼生序 in GBK read as Latin-1).

    >>> name_line_repairs("游子的水乡情结——施怀谷的色彩世界\\nхП╢х╗╖шК│\\n８０年代中期，初识施怀谷的时候", "zh-Hans")
    [(18, 27, '叶廷芳', 'utf8', 'cp866')]
    >>> name_line_repairs("游子的水乡情结——施怀谷的色彩世界\\nМосква\\n김정은\\nCafé Noël", "zh-Hans")
    []
    """
    codec = _DOCUMENT_CODEC.get(language)
    if codec is None:
        return []
    sources = ("utf8",) + NATIVE_SOURCES[language]
    # (only the lines with a character foreign to Chinese text are looked at: two scans of the
    # text at C speed, rather than a look at every line of every Chinese document)
    if lines is None:
        hits = [m.start() for m in _NON_CHINESE_RE.finditer(text)]
    else:
        hits = [a for a, b in lines if b > a]
    hits.extend(a for a, _ in (foreign_spans(text, language) if spans is None else spans))
    if not hits:
        return []
    out = []
    le = -1
    for p in sorted(hits):
        if p < le:
            continue  # (a line already looked at)
        start, le = line_around(text, p)
        line = text[start:le]
        core = line.strip()
        if (not 2 <= len(core) <= NAME_LINE or core.isascii() or _ASCII_ALNUM_RE.search(core) is not None
                or core.count(core[0]) == len(core)):
            continue  # (one character over and over, ``εεεε``, is no garbled name)
        if max(fluency(core), fluency(core.lower())) > NAME_LINE_CEILING:
            continue  # (a language's text; in capitals too, ``ПИВА``, which its model reads in small letters)
        old_score = score(core)
        best = None
        for reader in READERS:
            data = encode_all(core, reader)
            if data is None or data.isascii():
                continue
            for source in sources:
                if source == reader.name or (source != "utf8" and not reader.single_byte):
                    # (Chinese read as another CJK codec is common characters too: a Korean word
                    # of rare syllables, 펭귄, is GBK's 齐毕; only UTF-8's three bytes a
                    # character, or a double-byte codec's pairs made of a code page's letters,
                    # are shapes that text of another language does not fall into)
                    continue
                new = _decoded_within(data, source, codec)
                if new is None:
                    continue
                if len(new) < NAME_LINE_LETTERS or _HAN_RUN_RE.fullmatch(new) is None:
                    continue
                gain = score(new) - old_score
                if gain >= NAME_LINE_MARGIN and (best is None or gain > best[0]):
                    best = (gain, new, source, reader.name)
        if best is not None:
            a = start + line.index(core)
            out.append((a, a + len(core), best[1], best[2], best[3]))
    return out


# -- a line of a Japanese or Korean document read whole as cp866 ---------------------------------

#: fewest characters (blanks aside) of such a line, and fewest CJK letters its decoding must
#: hold: the pair model judges it whole, and needs letters to judge (random strings of Latin-1
#: letters, a few in ten thousand, decode as EUC-KR into three or four Hangul that read well)
SCRIPT_LINE = 8
SCRIPT_LINE_LETTERS = 6
#: the decoding must read at least this well in the document's language (the whole-line test of
#: :func:`encfix.stages.mojibake_cjk.line_readers`) ...
SCRIPT_LINE_FLOOR = -7.5
#: ... and better than the line as it is by this much per character
SCRIPT_LINE_MARGIN = 4.0
#: Cyrillic letters: what cp866 makes of CJK text (the gate takes them for Russian; the other
#: code pages' letters and box drawing pass the gate and are the line search's)
_CYRILLIC_LETTER_RE = re.compile("[\u0400-\u04ff]")
#: what the decoded line may hold: CJK text, and the ASCII a double-byte source's text has
_DECODED_LINE_RE = re.compile("[\u3000-\u30ff\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff01-\uff9f"
                              "\x20-\x40\x5b-\x60\x7b-\x7e]+")


def script_line_repairs(text: str, language: str) -> List[Tuple[int, int, str, str, str]]:
    """Lines of a Japanese or Korean document, Cyrillic and ASCII, that are the document's codec
    read as cp866: (start, end, decoded, source, reader).

    Shift_JIS read as cp866 is Cyrillic and ASCII (``ГtГМБ[ГfГtГHБ[ГgБE``, フレーデフォート・),
    which the gate takes for Russian: only UTF-8's shape gives Cyrillic mojibake away to it.  In
    a Japanese document, a line that is no language's text, and that decodes whole, strictly, in
    the document's codec into text that reads as fluently as the document's language does, is
    that line.

    >>> script_line_repairs("以下の7つである。\\nГtГМБ[ГfГtГHБ[ГgБEГhБ[ГАБiУьГAГtГКГJБjБB", "ja")
    [(10, 50, 'フレーデフォート・ドーム（南アフリカ）。', 'sjis', 'cp866')]
    >>> script_line_repairs("以下の7つである。\\nМосква — столица России.", "ja")
    []
    """
    if language not in ("ja", "ko") or _CYRILLIC_LETTER_RE.search(text) is None:
        return []
    out = []
    le = -1
    reader = READER_BY_NAME["cp866"]
    for m in _CYRILLIC_LETTER_RE.finditer(text):
        if m.start() < le:
            continue  # (a line already looked at)
        start, le = line_around(text, m.start())
        line = text[start:le]
        core = line.strip()
        if len(core) < SCRIPT_LINE or script.CJK.search(core) is not None:
            continue
        old = fluency(core)
        if max(old, fluency(core.lower())) > NAME_LINE_CEILING:
            continue  # (a language's text, in capitals too)
        best = None
        data = encode_all(core, reader)
        if data is not None:
            for source in NATIVE_SOURCES[language]:
                try:
                    new = data.decode(SOURCE_BY_NAME[source].codec)
                except UnicodeDecodeError:
                    continue
                if _DECODED_LINE_RE.fullmatch(new) is None or len(script.CJK.findall(new)) < SCRIPT_LINE_LETTERS:
                    continue
                f = fluency(new, (language,))
                if f >= SCRIPT_LINE_FLOOR and f >= old + SCRIPT_LINE_MARGIN and (best is None or f > best[0]):
                    best = (f, new, source, reader.name)
        if best is not None:
            a = start + line.index(core)
            out.append((a, a + len(core), best[1], best[2], best[3]))
    return out


#: a line of a Japanese document with this many Chinese characters or more, and kana for fewer
#: than :data:`KANJI_LINE_KANA` of its letters, is not Japanese prose as it stands: EUC-JP's
#: and Shift_JIS's kana read as Big5, GBK or EUC-KR are Chinese characters or Hangul
KANJI_LINE_LETTERS = 8
KANJI_LINE_KANA = 0.1
#: the CJK readers a Japanese line can have been read with
_KANJI_LINE_READERS = ("big5", "gbk", "euckr")
_KANA_CHAR_RE = re.compile("[\u3041-\u30ff]")
#: where such a line can be: a run of half that many characters, none of them ASCII or kana (the
#: kana a Big5 reading keeps, ``境酗銜反芢翕毛ロ戶化中月﹝``, break the run; Japanese prose breaks
#: it every few letters)
_KANA_FREE_RUN_RE = re.compile("[^\x00-\x7f\u3041-\u30ff]{%d,}" % (KANJI_LINE_LETTERS // 2))


def kanji_line_repairs(text: str, language: str) -> List[Tuple[int, int, str, str, str]]:
    """Lines of a Japanese document, read whole with a Chinese or Korean codec, that decode back
    into the document's Japanese: (start, end, decoded, source, reader).

    EUC-JP's katakana read as Big5 are common Chinese characters (フレーデフォート is
    ``白伊□犯白巧□玄’``): nothing in such a line is a character Japanese does not write, so
    no gate sees it.  A line of Chinese characters with hardly a kana, that reads as no
    language (:data:`NAME_LINE_CEILING`), and that decodes strictly, all of it, into Japanese
    that reads as fluently as the document's does (:data:`SCRIPT_LINE_FLOOR`, and
    :data:`SCRIPT_LINE_MARGIN` better a character) is that line: the same evidence
    :func:`script_line_repairs` takes for Shift_JIS read as cp866.

    >>> kanji_line_repairs("以下の7つである。\\n白伊□犯白巧□玄’玉□丞﹋り失白伉市﹌﹝", "ja")
    [(10, 30, 'フレーデフォート・ドーム（南アフリカ）。', 'eucjp', 'big5')]
    >>> kanji_line_repairs("以下の7つである。\\n中華人民共和国国務院総理", "ja")
    []
    """
    if language != "ja":
        return []
    out = []
    runs_by_line: Dict[int, int] = {}
    for m in _KANA_FREE_RUN_RE.finditer(text):  # (cheap: Japanese prose writes a kana every few letters)
        ls = text.rfind("\n", 0, m.start()) + 1
        runs_by_line[ls] = runs_by_line.get(ls, 0) + m.end() - m.start()
    for start, covered in runs_by_line.items():
        le = text.find("\n", start)
        le = len(text) if le == -1 else le
        if covered < KANJI_LINE_LETTERS or 2 * covered < le - start:
            continue  # (kana, ASCII or blanks are half the line or more: prose, not a line read with Big5)
        line = text[start:le]
        letters = len(script.CJK.findall(line))
        if letters < KANJI_LINE_LETTERS or len(_KANA_CHAR_RE.findall(line)) >= KANJI_LINE_KANA * letters:
            continue
        core = line.strip()
        old = fluency(core)
        if old > NAME_LINE_CEILING:
            continue  # (text of a language: a heading, a list of names, a Chinese quote)
        best = None
        for reader in _KANJI_LINE_READERS:
            for source in NATIVE_SOURCES[language]:
                new = reread(core, reader, source)
                if new is None or _DECODED_LINE_RE.fullmatch(new) is None or not _KANA_CHAR_RE.search(new):
                    continue
                f = fluency(new, (language,))
                if f >= SCRIPT_LINE_FLOOR and f >= old + SCRIPT_LINE_MARGIN and (best is None or f > best[0]):
                    best = (f, new, source, reader)
        if best is not None:
            a = start + line.index(core)
            out.append((a, a + len(core), best[1], best[2], best[3]))
    return out


# -- a short line of a Japanese or Korean document read whole with another codec ----------------

#: a line that decodes into this many characters or fewer (blanks and the rules either side
#: aside, ``---------- 3년 ----------``) is too short for the line gate's model: an age on a
#: line of its own (``59歳。``, ``102歳だった。``), a term
SHORT_LINE = 12
#: what marks a line of a Japanese or Korean document as foreign to its text: the code pages'
#: letters and signs (not the middle dot, which Korean writes between words: ``외교·국방``), box
#: drawing, Greek, Cyrillic; in a Japanese document, Hangul and half-width kana too (Korean's
#: half-width kana are :func:`halfwidth_korean_line`'s)
_SHORT_LINE_FOREIGN_RE = {
    "ja": re.compile("[\u00a1-\u00b6\u00b8-\u024f\u0370-\u04ff\u2500-\u259f\uac00-\ud7a3\uff61-\uff9f]"),
    "ko": re.compile("[\u00a1-\u00b6\u00b8-\u024f\u0370-\u04ff\u2500-\u259f]"),
}
#: the letters of each language's own text (a line that holds one is text of the document)
_OWN_LETTER_RE = {"ja": re.compile("[\u3041-\u30ff\u3400-\u9fff]"), "ko": re.compile("[\uac00-\ud7a3\u3400-\u9fff]")}
#: what the decoded line may hold: ASCII and the language's text
_SHORT_DECODED_RE = {"ja": re.compile("[\x20-\x7e\u3000-\u30ff\u3400-\u9fff\uff01-\uff5e]+"),
                     "ko": re.compile("[\x20-\x7e\uac00-\ud7a3]+")}
#: the codec a Japanese or Korean author's text is written in: the decoded line must be in it
#: (Korean in EUC-KR's own 2,350 syllables: cp949's others take ASCII letters as second bytes)
_SHORT_DOCUMENT_CODEC = {"ja": "cp932", "ko": "euc_kr"}
#: the decoding must read at least this well in the document's language ...
SHORT_LINE_FLOOR = -7.5
#: ... and better than the line as it is by this much per character
SHORT_LINE_MARGIN = 2.5
#: the letters a CJK reader makes of a Japanese codec's text: the line must hold some of them
_READER_LETTER_RE = {"euckr": re.compile("[\uac00-\ud7a3]"), "sjis": re.compile("[\uff61-\uff9f]")}
_SHORT_LANGUAGE = {"ja": "Japanese", "ko": "Korean"}


def _short_line_readers(language: str):
    """(reader, source) pairs a short line of a ``language`` document can have been garbled by:
    the code pages read the document's codecs (or UTF-8); in a Japanese document also EUC-JP
    read as Shift_JIS (half-width kana) and either Japanese codec read as EUC-KR (Hangul)."""
    sources = NATIVE_SOURCES[language] + ("utf8",)
    for reader in READERS:
        for source in sources:
            if reader.single_byte or (language == "ja" and (reader.name, source) in (
                    ("sjis", "eucjp"), ("euckr", "sjis"), ("euckr", "eucjp"))):
                yield reader, source


def short_line_repairs(text: str, language: str) -> List[Tuple[int, int, str, str, str, str]]:
    """Short lines of a Japanese or Korean document that, read back whole through another codec,
    are the document's text: (start, end, decoded, source, reader, the evidence in words).

    An age set on a line of its own (``59歳。``, EUC-JP read as cp437 ``59║╨íú``) or a term in a
    bill's comparison table (``---------- 3년 ----------``, EUC-KR read as cp1252 ``3³â``) is a
    letter or two: too short for the line gate's model.  In a Japanese or Korean document, a
    line of code-page letters, box drawing, Cyrillic (or Hangul and half-width kana, in Japanese)
    that is no language's text, decodes strictly, all of it, into the document's language,
    reads as that language, and gives only letters the document writes elsewhere: that is the
    evidence.  Of 149,224 clean lines set into Japanese and Korean documents (words of twelve
    languages with accents, Cyrillic or Greek; box drawing; half-width katakana; random strings
    of code-page letters, Cyrillic and half-width kana), none is taken; a lone character needs a
    number beside it (``め`` of ``¤á`` is too little).

    >>> short_line_repairs("91歳だった。\\n死去した。\\n59║╨íú\\n高橋さんは", "ja")[0][:5]
    (14, 20, '59歳。', 'eucjp', 'cp437')
    >>> short_line_repairs("징역 2년\\n---------- 3³â ----------\\n또는", "ko")[0][:5]
    (17, 20, '3년', 'euckr', 'latin1')
    >>> short_line_repairs("징역 2년\\nCafé Noël\\n---------------\\n├──┼──┤", "ko")
    []
    """
    foreign = _SHORT_LINE_FOREIGN_RE.get(language)
    if foreign is None or foreign.search(text) is None:
        return []  # (cheap: one scan for a character class)
    own, decoded_re, codec = _OWN_LETTER_RE[language], _SHORT_DECODED_RE[language], _SHORT_DOCUMENT_CODEC[language]
    # (the document's letters, counted once; the line holds none of the language's own letters,
    # so what it writes elsewhere is what it writes at all)
    written = None
    out = []
    le = -1
    for m in foreign.finditer(text):
        if m.start() < le:
            continue  # (a line already looked at)
        start, le = line_around(text, m.start())
        if le - start > 4 * SHORT_LINE + 60:
            continue  # (cheap: no short line, rules or not)
        line = text[start:le]
        core = _without_rules(line)
        if not 2 <= len(core) <= 3 * SHORT_LINE or core.isascii() or own.search(core) is not None:
            continue  # (a code page or half-width kana write one character a byte: two or three a letter)
        if not any(unicodedata.category(ch)[0] == "L" for ch in core if ch > "\x7f"):
            continue  # (box drawing and signs alone are a drawing, not text: ``├──┼──┤``)
        old = max(fluency(core), fluency(core.lower()))
        if old > NAME_LINE_CEILING:
            continue  # (a language's text: ``Café``, ``Москва``)
        best = None
        for reader, source in _short_line_readers(language):
            if not reader.single_byte and _READER_LETTER_RE[reader.name].search(core) is None:
                continue  # (a CJK reader's mojibake is its own letters: Hangul, half-width kana, not Greek)
            data = encode_all(core, reader)
            if data is None or data.isascii():
                continue
            new = _decoded_within(data, source, codec)
            if new is None:
                continue
            letters = own.findall(new)
            if not letters or len(new) > SHORT_LINE or decoded_re.fullmatch(new) is None:
                continue
            if len(_NON_ASCII_RE.findall(new)) < 2 and _DIGIT_RE.search(new) is None:
                continue  # (one character alone, ``め`` of ``¤á``, is too little: a number beside it, ``3년``)
            f = fluency(new, (language,))
            if f < SHORT_LINE_FLOOR or f < old + SHORT_LINE_MARGIN or (best is not None and f <= best[0]):
                continue
            if written is None:
                written = set(text)
            if all(ch in written for ch in letters):
                best = (f, new, source, reader.name, start + line.index(core))
        if best is not None:
            f, new, source, reader, a = best
            out.append((a, a + len(core), new, source, reader,
                        f"the {_SHORT_LANGUAGE[language]} of its document (each letter written there too), "
                        f"where as it was it is no language's text"))
    return out

