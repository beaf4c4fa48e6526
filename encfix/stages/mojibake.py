"""Stage: mojibake -- text decoded with the wrong codec, and damage that cannot be undone.

Passes over the lines a cheap gate lets through:

1. CJK double decoding (:mod:`encfix.stages.mojibake_cjk`): ``浣犲ソ`` (UTF-8 read as GBK),
   ``ÄãºÃ`` (GBK read as Latin-1), ``╓╨╬─`` (GBK read as cp437)... whole lines or spans;
   CJK text read as cp866, all Cyrillic (``чмм 1 цвЭ``), by its UTF-8 shape.
2. The Latin family that ftfy does not reach: UTF-8 signs and letters read as cp437, cp850,
   cp866 or a CJK codec (``ΓÇ£`` ``ÔÇÖ`` ``тАЬ`` ``鈥檚`` ``caf茅``).
3. The Latin family through ftfy, configured so it cannot touch sound CJK text: no quote
   uncurling, no width folding, no ligature folding, no normalisation, no line-break or
   control-character clean-up, no HTML unescaping unless that is what makes a fix possible.
4. Leftovers: in a document where one codec pair was undone again and again, its short
   remains (``δòî`` alone on a line, ``¡¿`` for ×) on that evidence; on a line one CJK pair
   garbled, the pieces its repair left (``士填会は`` before ``Montecito``); in a document with a
   language, signs and paragraph numbers it writes elsewhere (``N▼P`` is N×P, ``刻`` at the
   head of a line ②).  The passes for Japanese documents, and the gate's test for EUC-JP read
   as GBK (kana beside characters no Japanese codec has), are in
   :mod:`encfix.stages.mojibake_japanese`.
5. Flags for what was destroyed: U+FFFD runs, ``锟斤拷`` chains, ``烫烫烫``/``屯屯屯``, ``?`` runs
   standing in for CJK characters.

The gate: mojibake is made of characters that real text of any language rarely holds -- the
high half of the single-byte code pages (Latin-1 letters and signs, box drawing, C1 controls)
or CJK characters outside the few thousand that make up nearly all real text.  One scan for a
single character class (:func:`_suspect_re`) finds them; the full gates run only around what
it finds.  A line with none of them cannot hold mojibake, and most clean lines have none.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from typing import Dict, List, NamedTuple, Optional, Tuple

from ..config import Config
from ..findings import Finding, edit, flag
from ..lang.plausibility import fluency, score
from ftfy.badness import is_bad
from ..lang.charclass import CHARACTER_CLASSES, CLASS_RES
from .mojibake_cjk import _HALFWIDTH_KANA_RE, LONG_LINE, SOURCE_LANGUAGES, _best_logprob, _is_letter, choose, decodings, relaxed_repairs, repair_spans
from .mojibake_foreign import NATIVE_SOURCES, REPERTOIRE, circled_number_repairs, document_language, foreign_spans, form_repairs, kanji_line_repairs, korean_line, name_line_repairs, pairs_for, reread, script_line_repairs, unencodable_runs, _CYRILLIC_LETTER_RE
from .mojibake_on_purpose import _BOX_DRAWING_RE, without_the_documents_own_writing
from .mojibake_codecs import LOSSY_READERS, LOST_BYTE, READER_BY_NAME, READERS, REGION_RES, SOURCE_BY_NAME, _Spans, _class_body, _trim, code_pages_high_chars, codec_pair, encode_all, encode_runs, line_around
from .mojibake_japanese import (COMMON_RANK, JAPANESE_MARKS_AS_GBK, LINE_LEFTOVER_GAIN, LONE_LETTER_GAIN,
                               LONE_LETTER_RANK, _KANA_RE, _gain_beside, _japanese_as_code_page,
                               _kana_beside_chinese, _kanji_among_kana, _katakana_as_cp866, _letter_ranks,
                               _lone_hangul, _lone_letters_japanese_never_writes,
                               _short_lines_written_elsewhere)

NAME = "mojibake"


_CJK_LETTERS = CHARACTER_CLASSES["han"] + CHARACTER_CLASSES["kana"] + CHARACTER_CLASSES["hangul"]
_CJK_LETTER_RE = re.compile("[" + _CJK_LETTERS + "]")
#: what CJK text is made of: letters, punctuation, full-width forms
_CJK_TEXT_RE = re.compile("[" + _CJK_LETTERS + CHARACTER_CLASSES["cjk_punct"] + CHARACTER_CLASSES["fullwidth"] + "]")

#: damage that cannot be undone
KUNKAOKAO_RE = re.compile("(?:锟斤拷)+")
TANGTANG_RE = re.compile("烫{3,}|屯{3,}")
REPLACEMENT_RE = re.compile("\ufffd+")
QUESTION_RE = re.compile(
    "(?<=[" + _CJK_LETTERS + "])\\?{2,}(?=[" + _CJK_LETTERS + "])"  # 中??文: a character lost in between
    "|(?<![?!.])\\?{4,}"  # a run too long for emphasis
)
_QUESTION_LINE_RE = re.compile(r"(?m)^[ \t?]*\?{2,}[ \t?]*$")  # a whole line of '?' and blanks


#: characters of CJK prose that no mojibake is made of often enough to matter
_CJK_PROSE = CHARACTER_CLASSES["cjk_punct"] + CHARACTER_CLASSES["fullwidth"]


@lru_cache(maxsize=1)
def _common_chars() -> frozenset:
    """The characters among the :data:`COMMON_RANK` most frequent of some language."""
    from ..lang.plausibility import _tables

    common = set()
    for lang, table in _tables().items():
        ranked = sorted(table.items(), key=lambda kv: -kv[1])[:COMMON_RANK.get(lang, 200)]
        common.update(ch for ch, _ in ranked)
    return frozenset(common)


#: punctuation of sound prose that is also the high half of cp1252/cp437: alone it is no sign of
#: mojibake (“引号”, ——, ……, ──), and ftfy's badness heuristic finds none in it
_PROSE_MARKS = "“”‘’—–…·•─━□"


@lru_cache(maxsize=1)
def _suspect_re() -> "re.Pattern[str]":
    """The first, cheapest gate: one character class, the complement of what sound text of any
    language is mostly made of (ASCII, common CJK letters, CJK and prose punctuation).

    Every sign of mojibake the other gates look for holds a character of this class, except
    for ``??``, ``烫烫烫``/``屯屯屯`` and a common CJK character glued to a Latin word (``caf茅``),
    which :func:`_candidate_lines` looks for by themselves.  A search for one character class
    runs at a few hundred MB/s; the full gate's alternation, at every position, at a few.
    """
    quiet = {ch for ch in _common_chars() if ord(ch) >= 0x3000 and ch not in code_pages_high_chars()}
    quiet.update(_PROSE_MARKS)
    prose = re.compile("[" + _CJK_PROSE + "]")
    quiet.update(chr(cp) for cp in range(0x3000, 0x10000) if prose.match(chr(cp)))
    # what alone can start UTF-8 read as a CJK codec (鈥 for E2 80) must stay suspect
    quiet -= _sign_trigger_chars()
    quiet -= set(JAPANESE_MARKS_AS_GBK)
    return re.compile("[^\t\n\r\x20-\x7e" + _class_body(quiet) + "]+")


@lru_cache(maxsize=1)
def _glued_re() -> "re.Pattern[str]":
    """A CJK character that a CJK codec makes of two-byte UTF-8 (茅 for é), glued to a Latin
    letter: the second cheap gate (:func:`_sign_gates` says why)."""
    return re.compile("[" + _glued_chars() + "](?:(?<=[" + _LATIN_LETTER + "].)|(?=[" + _LATIN_LETTER + "]))")


@lru_cache(maxsize=1)
def _gate_re() -> "re.Pattern[str]":
    """The gate (see the module docstring), as one regex.

    * two neighbouring characters from the high half of a single-byte code page (Latin-1
      letters and signs, box drawing...), one of them not a Cyrillic or Greek letter (Russian
      and Greek are text: ``εσ απ`` is not EUC-KR read as cp437);
    * two uncommon CJK-area characters at most one apart (UTF-8 read as GBK: 浣犲ソ);
    * C1 controls, U+001A, U+FFFD, 锟斤拷, 烫烫烫, ``??``.
    """
    high = code_pages_high_chars()
    # Russian and Greek are text: their letters are high characters of cp866 and cp437
    cyrillic = {ch for ch in high if CLASS_RES["cyrillic"].match(ch) or CLASS_RES["greek"].match(ch)}
    common = _common_chars()
    prose = re.compile("[" + _CJK_PROSE + "]")
    rare = {chr(cp) for cp in range(0x2150, 0x10000) if not (0xD800 <= cp < 0xE000)}
    rare = {ch for ch in rare if ch not in common and ch not in high and not prose.match(ch)}
    # Dashes, ellipses, curly quotes and the box-drawing rule are high-half characters of
    # cp1252/cp437 too, but CJK prose is full of ``——`` ``……`` ``”“`` ``──``: a pair needs
    # one character that is neither Cyrillic nor such punctuation.
    prose_marks = {ch for ch in high if 0x2010 <= ord(ch) <= 0x205E or ch in "─━□"}
    h = "[" + _class_body(high - cyrillic - prose_marks) + "]"
    hc = "[" + _class_body(high) + "]"
    r = "[" + _class_body(rare) + "\U00020000-\U0003134f]"
    # Two rare characters that are the same one (``嬷嬷`` ``兢兢``) are a reduplicated word,
    # not mojibake: no byte sequence of real text garbles into a character twice in a row.
    #
    # Every branch starts with one character of one class, which is matched first and then
    # told apart by looking behind: a pattern that starts with a single class is scanned for
    # at C speed, an alternation of classes is tried branch by branch at every position.
    first = "[" + _class_body(high | rare | set("\x1a\ufffd锟烫屯?") | {chr(c) for c in range(0x80, 0xA0)}
                              | set(JAPANESE_MARKS_AS_GBK)) + "\U00020000-\U0003134f]"
    jp = "[" + _class_body(JAPANESE_MARKS_AS_GBK) + "]"
    letter = "[" + _CJK_LETTERS + "]"
    return re.compile(
        "(" + first + ")(?:(?<=" + jp + ")(?=" + letter + ")|(?<=" + letter + jp + ")"
        + "|(?<=" + h + ")" + hc + "|(?<=" + hc + ")" + h
        + "|(?<=" + r + ")(?:(?!\\1)" + r + "|[^\n](?!\\1)" + r + ")"
        + "|(?<=[\x80-\x9f\x1a\ufffd])|(?<=锟)斤拷|(?<=烫)烫烫|(?<=屯)屯屯|(?<=\\?)\\?)"
    )


#: what the Latin family of mojibake is made of: non-ASCII characters outside the CJK blocks
_LATIN_FAMILY = "\x80-\u2fff\ua000-\ud7ff\uf900-\uffef"


def could_hold_mojibake(text: str) -> bool:
    """The cheap gate: can ``text`` hold mojibake or flagged damage at all?

    >>> could_hold_mojibake("你好，世界。Hello, world!")
    False
    >>> could_hold_mojibake("浣犲ソ"), could_hold_mojibake("ÄãºÃ"), could_hold_mojibake("it鈥檚")
    (True, True, True)
    """
    for _ in _candidate_lines(text):
        return True
    return False


#: what gets a line looked at closely besides a suspect character
_LITERAL_TRIGGERS = ("??", "烫烫烫", "屯屯屯", "锟斤拷")


def _candidate_lines(text: str):
    """(start, end) of each line that the gate lets through, line breaks excluded.

    Two cheap scans find the few places worth a closer look (:func:`_suspect_re`,
    :func:`_glued_re`); only around those do the full gates run (the CJK gate, the signs'
    gate, ftfy's badness heuristic on a line with Latin-family characters).
    """
    hits = [m.span() for m in _suspect_re().finditer(text)]
    mixed = set()
    if not text.isascii():
        hits.extend(m.span() for m in _glued_re().finditer(text))
        if _KANA_RE.search(text) is not None:
            mixed = set(_kana_beside_chinese(text))
            hits.extend(mixed)
    for t in _LITERAL_TRIGGERS:
        pos = text.find(t)
        while pos != -1:
            hits.append((pos, pos + len(t)))
            pos = text.find(t, pos + len(t))
    if not hits:
        return
    hits.sort()
    cjk_gate = _gate_re()
    sign_gate = _any_sign_gate()
    n = len(text)
    i = 0
    while i < len(hits):
        p = hits[i][0]
        ls = text.rfind("\n", 0, p) + 1
        le = text.find("\n", p)
        if le == -1:
            le = n
        line_hits = []
        while i < len(hits) and hits[i][0] < le:
            line_hits.append(hits[i])
            i += 1
        if (mixed and any(h in mixed for h in line_hits)) or _line_could_hold(text, ls, le, line_hits, cjk_gate,
                                                                               sign_gate):
            yield ls, le


def _stretches(hits: List[Tuple[int, int]], reach: int, lo: int, hi: int):
    """The hits, ``reach`` characters wider each side, merged where they touch, within [lo, hi)."""
    k = 0
    while k < len(hits):
        a = max(lo, hits[k][0] - reach)
        b = hits[k][1]
        while k + 1 < len(hits) and hits[k + 1][0] - b <= 2 * reach:
            k += 1
            b = max(b, hits[k][1])
        k += 1
        yield a, min(hi, b + reach)


def _line_could_hold(text: str, ls: int, le: int, hits: List[Tuple[int, int]], cjk_gate, sign_gate) -> bool:
    """The full gates, run only around the cheap gates' hits in one line (hits close together
    share one stretch: Russian or Arabic text is all hits)."""
    words = _rare_words()
    for a, b in _stretches(hits, 3, ls, le):
        if sign_gate.search(text, a, b) is not None:
            return True
        # a hit inside a real word of uncommon characters (``鸳鸯``) is no sign of mojibake: the
        # CJK search ignores it (:func:`_cjk_repairs`), so it lets no line through
        for m in cjk_gate.finditer(text, a, b):
            if m.group() not in words:
                return True
    # a line with only Latin-family characters (é in French) goes on only when ftfy's own
    # heuristic finds it bad.  Its patterns are a few characters long and hold one of the
    # suspect characters, so it looks only around those: on a whole paragraph it costs ten
    # times more.
    for a, b in _stretches(hits, BADNESS_REACH, ls, le):
        if _BADNESS_RE.search(text, a, b) is not None:
            window = text[a:b]
            if _FTFY_TRIGGER_RE.search(window) is not None or is_bad(window):
                return True
    if "&" in text[ls:le]:
        return _entity_hides_mojibake(text[ls:le])
    return _cyrillic_utf8_re().search(text, ls, le) is not None


@lru_cache(maxsize=1)
def _cyrillic_utf8_re() -> "re.Pattern[str]":
    """Two UTF-8 CJK characters read as cp866, at most six ASCII characters apart.

    Cyrillic letters are text to every other gate, but Russian words do not fall into UTF-8's
    shape: a lead byte (у-э for CJK) and two continuation bytes (А-Я, а-п), twice.
    """
    reader = READER_BY_NAME["cp866"]
    one = "[" + _byte_chars(reader, 0xE3, 0xED) + "][" + _byte_chars(reader, 0x80, 0xBF) + "]{2}"
    return re.compile(one + "[\x20-\x7e]{0,6}" + one)


def _cyrillic_repairs(part: str) -> List[Tuple[int, int, str]]:
    """CJK text read as cp866 (``чмм 1 цвЭ`` is 第 1 條): whole runs of Cyrillic that are UTF-8,
    byte for byte, of at least two CJK letters that read as text.

    >>> _cyrillic_repairs("чмм 1 цвЭ")
    [(0, 9, '第 1 條')]
    >>> _cyrillic_repairs("уже эпоха, чем все")
    []
    >>> _cyrillic_repairs("ьЭ┤ьВмь▓атАдьЧмьГБъ╖ЬтАдьХИъ╖Ьы░▒")  # names with the one dot leader of Korean bills
    [(0, 33, '이사철․여상규․안규백')]
    """
    if _cyrillic_utf8_re().search(part) is None:
        return []
    out = []
    for cs, ce, new in _whole_run_decodings(part, "utf8", "cp866"):
        # (the letters read as text: a sign between them, ``․`` in 이사철․여상규, is rare in any
        # language's text and says nothing about them)
        letters = _CJK_LETTER_RE.findall(new)
        if len(letters) >= 2 and score("".join(letters)) >= CYRILLIC_FLOOR:
            out.append((cs, ce, new))
    return out


#: what CJK text read as cp866 must read like once decoded.  Of the 500,000 most frequent words
#: of Russian, Ukrainian, Bulgarian, Macedonian and Serbian (wordfreq), 103 are UTF-8 of two CJK
#: characters byte for byte (шкафом is 誠䮬); the best of them scores -12.1, real text about -6.
CYRILLIC_FLOOR = -9.0


#: characters either side of a suspect character that ftfy's badness patterns can reach
BADNESS_REACH = 6
#: the characters ftfy's badness patterns are made of: the Latin family without Hangul
_BADNESS_RE = re.compile("[\x80-\u2fff\ua000-\uabff\uf900-\uffef]")


# -- the Latin family, through ftfy ------------------------------------------------------------


@lru_cache(maxsize=1)
def _ftfy_configs():
    from ftfy import TextFixerConfig

    safe = dict(
        uncurl_quotes=False,  # keep “” as written
        fix_character_width=False,  # keep full-width ，and ２０２４
        fix_latin_ligatures=False,
        normalization=None,  # NFC would rewrite compatibility ideographs
        fix_line_breaks=False,  # keep \r\n and U+2028 as written
        remove_terminal_escapes=False,
        explain=True,
    )
    return {
        "plain": TextFixerConfig(unescape_html=False, decode_inconsistent_utf8=False, **safe),
        "inconsistent": TextFixerConfig(unescape_html=False, **safe),
        "html": TextFixerConfig(unescape_html="auto", **safe),
    }


def fix_latin(text: str) -> Tuple[str, str]:
    """Repair the Latin family of mojibake with ftfy; return the text and what ftfy did.

    Two of ftfy's steps are taken only when they leave text that no longer looks bad:
    unescaping HTML (``10Î&frac14;s``; never merely because an entity is there) and decoding
    UTF-8 inside otherwise sound text (which would turn GBK read as Latin-1, ``Ç²``, into
    ``ǲ`` that no codec gets back).

    >>> fix_latin("cafÃ©")[0]
    'café'
    """
    import ftfy

    configs = _ftfy_configs()
    fixed, steps = ftfy.fix_and_explain(text, configs["plain"])
    if (is_bad(fixed) or _entity_hides_mojibake(text)) and len(text) <= LONG_LINE:
        for name in ("inconsistent", "html"):
            if name == "html" and not ("&" in text and ";" in text):
                continue
            again, steps2 = ftfy.fix_and_explain(text, configs[name])
            if again != fixed and not is_bad(again):
                fixed, steps = again, steps2
                break
    if fixed == text:
        return text, ""
    how = ", ".join(f"{a} {b}" for a, b in (steps or []))
    return fixed, f"ftfy: {how}" if how else "ftfy"


# -- UTF-8 read as a DOS code page or a CJK codec: the Latin family ftfy does not reach ---------

#: readers ftfy never tries (cp850, cp866, the CJK codecs) or tries only where its badness
#: heuristic objects, which it does not to ``ΓÇ£`` (cp437).  Latin-1 and cp1252 stay ftfy's.
SIGN_READERS = ("cp437", "cp850", "cp866", "gbk", "big5", "sjis", "euckr")

#: UTF-8 of what this mojibake is made from outside the CJK letters (those are the CJK
#: search's): Latin-1 to Cyrillic (é ¬ × Я); general punctuation to dingbats (“ ’ — … € ™ → ①
#: ■ ★); CJK punctuation and full-width forms
_SIGN_UTF8 = (rb"(?:[\xc2-\xd3][\x80-\xbf]|\xe2[\x80-\x9f][\x80-\xbf]|\xe3\x80[\x80-\xbf]"
              rb"|\xef\xbc[\x80-\xbf]|\xef\xbd[\x80-\xa0])")
_SIGN_RUN_RE = re.compile(_SIGN_UTF8 + rb"+")
#: ... or ending in the first two bytes of a sign whose last byte the reader lost
_LOSSY_SIGN_RUN_RE = re.compile(_SIGN_UTF8 + rb"*\xe2[\x80-\x9f]" + LOST_BYTE + b"|" + _SIGN_UTF8 + rb"+")
#: what a decoded sign may not be: marks, controls, format characters, unassigned...
_NOT_A_SIGN = frozenset(("Mn", "Me", "Mc", "Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp"))
#: context (characters each side) a sign decoding is judged in
SIGN_CONTEXT = 16
#: a sign decoding must make its context more likely by this much log-probability in all (a
#: likelihood ratio of e^6: ``donтАЩt like`` → ``don’t like`` gains 31; ``Mr. 卢 said`` would gain
#: 15, which is why a lone CJK character must also touch a Latin letter)
SIGN_MARGIN = 6.0
#: what a lone CJK character of two-byte UTF-8 must touch (not digits: 2005年 is sound text)
_LATIN_LETTER = "A-Za-z"


def _byte_chars(reader, lo: int, hi: int) -> str:
    """A single-byte reader's characters for the bytes ``lo..hi``, as a regex class body."""
    chars = [chr(cp) for cp, byte in reader.table.items() if lo <= byte <= hi]
    return _class_body(chars)


def _pair_chars(codec: str, leads, trails) -> set:
    """Characters a multi-byte reader makes of two bytes (``lead``, ``trail``)."""
    chars = set()
    for a in leads:
        for b in trails:
            try:
                ch = bytes((a, b)).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(ch) == 1 and ord(ch) >= 0x80:
                chars.add(ch)
    return chars


def _sign_branches(name: str) -> List[Tuple[str, str]]:
    """Where UTF-8 of a sign read with the reader starts, as (class of its first character,
    pattern of what follows).

    Single-byte readers: the characters of a lead byte followed by those of continuation
    bytes (``ΓÇ``, ``тА``, ``┬¼``).  CJK readers: a character made of ``E2 80``-``E2 9F``,
    ``E3 80`` or ``EF BC``/``EF BD`` (``鈥``, rare in any CJK text), or one made of a two-byte
    UTF-8 lead and continuation (``茅`` for é, a common character) touching a Latin letter, as
    it does inside a garbled word (``caf茅``).
    """
    reader = READER_BY_NAME[name]
    if reader.single_byte:
        c = "[" + _byte_chars(reader, 0x80, 0xBF) + "]"
        return [(_byte_chars(reader, 0xC2, 0xD3), c),
                (_byte_chars(reader, 0xE2, 0xE2), "[" + _byte_chars(reader, 0x80, 0x9F) + "]" + c),
                (_byte_chars(reader, 0xE3, 0xE3), "[" + _byte_chars(reader, 0x80, 0x80) + "]" + c),
                (_byte_chars(reader, 0xEF, 0xEF), "[" + _byte_chars(reader, 0xBC, 0xBD) + "]" + c)]
    three = _class_body(set(_cjk_reader_sign_chars(name)[0]) & _sign_trigger_chars())
    two = _class_body(_cjk_reader_sign_chars(name)[1])
    return [(body, rest) for body, rest in ((three, ""),
                                             (two, "(?:(?<=[" + _LATIN_LETTER + "].)|(?=[" + _LATIN_LETTER + "]))"))
            if body]


def _first_class_regex(branches: List[Tuple[str, str]]) -> "re.Pattern[str]":
    """One regex for the branches: their first characters as one class, then each branch told
    apart by looking behind.  A pattern that starts with a single class is scanned for at C
    speed; an alternation of classes is tried branch by branch at every position."""
    if not branches:
        return re.compile("(?!)")
    first = "[" + "".join(body for body, _ in branches) + "]"
    return re.compile(first + "(?:" + "|".join("(?<=[" + body + "])" + rest for body, rest in branches) + ")")


@lru_cache(maxsize=1)
def _sign_gates() -> Dict[str, "re.Pattern[str]"]:
    """Per reader, a regex for where UTF-8 of a sign read with it starts (the cheap check;
    :func:`_sign_branches` says what it looks for)."""
    return {name: _first_class_regex(_sign_branches(name)) for name in SIGN_READERS}


@lru_cache(maxsize=1)
def _any_sign_gate() -> "re.Pattern[str]":
    return _first_class_regex([b for name in SIGN_READERS for b in _sign_branches(name)])


@lru_cache(maxsize=8)
def _cjk_reader_sign_chars(name: str) -> Tuple[frozenset, frozenset]:
    """For a CJK reader: the characters it makes of the first two bytes of UTF-8 of a common
    sign (``E2 80`` → 鈥 for “ ’ —), and those it makes of UTF-8 of a Latin-1 character
    (``C3 A9`` → 茅 for é): the only signs :func:`_is_sign` lets through a CJK codec."""
    codec = READER_BY_NAME[name].codec
    heads = {chr(cp).encode("utf-8")[:2] for a, b in _COMMON_SIGNS for cp in range(a, b + 1)}
    heads |= {b"\xe3\x80", b"\xef\xbc", b"\xef\xbd"}
    three = set()
    for head in heads:
        try:
            ch = head.decode(codec)
        except UnicodeDecodeError:
            continue
        if len(ch) == 1:
            three.add(ch)
    two = _pair_chars(codec, (0xC2, 0xC3), range(0x80, 0xC0))
    if name == "sjis":  # C2 and C3 are half-width katakana, one byte each
        two |= set(bytes((0xC2, 0xC3)).decode("cp932"))
    return frozenset(three), frozenset(two)


def _cjk_sign_readers() -> List[str]:
    return [name for name in SIGN_READERS if not READER_BY_NAME[name].single_byte]


@lru_cache(maxsize=1)
def _sign_trigger_chars() -> frozenset:
    """Rare characters that alone may start UTF-8 of a sign read as a CJK codec (鈥 for E2 80);
    common ones (站 is Shift_JIS E2 8B) are left out: they would send every line to the gates."""
    common = _common_chars()
    return frozenset(ch for name in _cjk_sign_readers() for ch in _cjk_reader_sign_chars(name)[0]
                     if ch not in common)


def _glued_chars() -> str:
    return _class_body(frozenset().union(*(_cjk_reader_sign_chars(name)[1] for name in _cjk_sign_readers())))


class SignRepair(NamedTuple):
    start: int
    end: int
    new: str
    reader: str
    gain: float


def _is_sign(ch: str, single_byte: bool) -> bool:
    """Is ``ch`` what UTF-8 mojibake of Latin-family text decodes to?

    Latin-1 letters and signs, the common signs (“ ’ — … € ™ ℃ → ① ■ ★), CJK punctuation and
    full-width forms; through a single-byte reader also Latin Extended-A, Greek and Cyrillic
    letters and box drawing.  Not through a CJK codec, where each is one or two CJK characters
    that may be real words (陆路 is GBK for ½·, 违 for Υ).
    """
    cp = ord(ch)
    if cp < 0x80 or 0xA0 <= cp <= 0xFF:
        return True
    if 0x3000 <= cp <= 0x303F or 0xFF01 <= cp <= 0xFF60:
        return unicodedata.category(ch) not in _NOT_A_SIGN
    if single_byte:
        if 0x100 <= cp <= 0x17F or cp in (0x192, 0x2C6, 0x2DC) or 0x384 <= cp <= 0x3CE or 0x400 <= cp <= 0x45F:
            return True
        if 0x2500 <= cp <= 0x257F:
            return True  # box drawing: ``tree`` output read as cp437 (Γö£ΓöÇΓöÇ)
    return any(a <= cp <= b for a, b in _COMMON_SIGNS) and unicodedata.category(ch) not in _NOT_A_SIGN


#: the signs common enough in Latin-family text to be looked for (not ``ⓓ``: ``Ôôô`` is
#: Portuguese, though cp850 reads ⓓ's UTF-8 so)
_COMMON_SIGNS = ((0x2010, 0x205E), (0x20AC, 0x20AC), (0x2100, 0x2122), (0x2160, 0x216F), (0x2190, 0x2199),
                 (0x2200, 0x22FF), (0x2460, 0x249B), (0x25A0, 0x25CF), (0x2605, 0x2606))


def _cjk_letter_at(line: str, i: int) -> bool:
    return 0 <= i < len(line) and _CJK_LETTER_RE.match(line, i) is not None


def _sign_spans(line: str, reader) -> List[Tuple[int, int, str]]:
    """Where the reader's bytes of ``line`` are UTF-8 of signs: (start, end, decoded).

    A reader that replaced what it could not decode (``鈥�``: E2 80, then a byte GBK could not
    read) left a sign's first bytes and lost its last: that is one character lost, U+FFFD.
    """
    out = []
    lossy = reader.name in LOSSY_READERS and "\ufffd" in line
    for rs, _run_end, data, starts in encode_runs(line, reader, lossy=lossy):
        if data.isascii():
            continue
        offs = None
        for m in (_LOSSY_SIGN_RUN_RE if lossy else _SIGN_RUN_RE).finditer(data):
            if offs is None:
                offs = starts() if callable(starts) else starts
            bs, be = m.span()
            if data[be - 1:be] == LOST_BYTE:
                i, j = bisect.bisect_left(offs, bs), bisect.bisect_left(offs, be)
                if i < len(offs) and offs[i] == bs and j < len(offs) and offs[j] == be:
                    head = data[bs:be - 3].decode("utf-8")  # the signs before the lost one
                    if all(_is_sign(ch, False) for ch in head):
                        out.append((rs + i, rs + j, head + "\ufffd"))
                continue
            i = bisect.bisect_left(offs, bs)
            if i >= len(offs) or offs[i] != bs:
                continue  # starts inside a character of the reader
            j = bisect.bisect_left(offs, be)
            if j >= len(offs):
                continue
            stop = offs[j]  # the reader's last character may hold an ASCII byte too (檚 = 99 73)
            if not data[be:stop].isascii():
                continue
            if reader.single_byte and ((bs > 0 and data[bs - 1] >= 0x80) or (be < len(data) and data[be] >= 0x80)):
                continue  # part of a longer run of high characters
            try:
                new = data[bs:stop].decode("utf-8")
            except UnicodeDecodeError:
                continue
            cs, ce = rs + i, rs + j
            old = line[cs:ce]
            if not all(_is_sign(ch, reader.single_byte) for ch in new):
                continue
            if all(0x2500 <= ord(ch) <= 0x259F for ch in old):
                continue  # box drawing alone: a table
            if not reader.single_byte:
                before, after = line[cs - 1:cs], line[ce:ce + 1]
                if len(old) == 1 and not (before.isascii() and before.isalpha()) and not (after.isascii() and after.isalpha()):
                    continue  # a lone CJK character among spaces, digits and signs is a word (Mr. 卢 said)
                if new.isspace() and not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum()):
                    continue  # 聽 is a no-break space read as GBK, and a common word: only between two words
            out.append((cs, ce, new))
    if not reader.single_byte and out:
        # CJK characters among CJK letters are words, unless those letters are mojibake of the
        # same kind (``窶露窶冤l`` is ‘I’ll read as Shift_JIS)
        starts = {cs for cs, _, _ in out}
        ends = {ce for _, ce, _ in out}
        out = [(cs, ce, new) for cs, ce, new in out
               if not (_cjk_letter_at(line, cs - 1) and cs not in ends)
               and not (_cjk_letter_at(line, ce) and ce not in starts)]
    return out


def _undo(line: str, spans: List[Tuple[int, int, str]], starts: List[int], lo: int, hi: int) -> str:
    """``line[lo:hi]`` with the decodings that lie wholly inside it made (``spans`` sorted and
    apart, ``starts`` their starts)."""
    parts = []
    pos = lo
    for k in range(bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)):
        cs, ce, new = spans[k]
        if ce <= hi:
            parts.append(line[pos:cs])
            parts.append(new)
            pos = ce
    parts.append(line[pos:hi])
    return "".join(parts)


def _sign_repairs(line: str) -> List[SignRepair]:
    """UTF-8 signs, accented letters and Cyrillic read as cp437/cp850/cp866 or a CJK codec.

    ``ΓÇ£`` ``ÔÇ£`` ``тАЬ`` ``鈥�`` are “ read as cp437, cp850, cp866 and GBK; ``鈥檚`` is ’s
    read as GBK (the ``s`` became the second byte of 檚); ``illu┬¼sions`` is a soft hyphen's ¬.
    The evidence: the reader's bytes are UTF-8 of such characters exactly, and the decoding
    makes its context read better.  For a single-byte reader the decoding must take in the
    whole run of the reader's high characters (``ΓÇ£`` decodes, ``ΓÇ£x`` with x high does not);
    box drawing alone (``├┤``) is a table, not mojibake; a CJK character alone (``茅`` for é)
    must touch a Latin letter, as inside a garbled word.

    >>> [(r.new, r.reader) for r in _sign_repairs("ΓÇ£Hello,ΓÇ¥ he said")]
    [('“', 'cp437'), ('”', 'cp437')]
    >>> [(r.new, r.reader) for r in _sign_repairs("it鈥檚 done")]
    [('’s', 'gbk')]
    """
    found: List[SignRepair] = []
    for name, gate in _sign_gates().items():
        if gate.search(line) is None:
            continue
        spans = _sign_spans(line, READER_BY_NAME[name])
        starts = [cs for cs, _, _ in spans]
        # each is judged with the others of its reader undone: ``ÔÇ£ThatÔÇÖs right,ÔÇØ`` holds three
        for cs, ce, new in spans:
            a = max(0, cs - SIGN_CONTEXT)
            b = min(len(line), ce + SIGN_CONTEXT)
            before = _undo(line, spans, starts, a, cs)
            after = _undo(line, spans, starts, ce, b)
            a_new, a_old = before + new + after, before + line[cs:ce] + after
            gain = score(a_new) * len(a_new) - score(a_old) * len(a_old)
            if gain >= SIGN_MARGIN:
                found.append(SignRepair(cs, ce, new, name, gain))
    # one line was read with one codec: the reader with the most evidence in the line first
    # (``┬¼`` is ¬ through cp437 and cp850 alike; ``ΓÇ£`` beside it says which)
    total: Dict[str, float] = {}
    for r in found:
        total[r.reader] = total.get(r.reader, 0.0) + r.gain
    chosen: List[SignRepair] = []
    taken = _Spans()
    for r in sorted(found, key=lambda r: (-total[r.reader], r.reader, -r.gain, r.start)):
        if not taken.overlaps(r.start, r.end):
            chosen.append(r)
            taken.add(r.start, r.end)
    return sorted(chosen)


# -- the stage ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _rare_words() -> frozenset:
    """What the gate matches inside real words made of uncommon characters (``鸳鸯`` ``徘徊``):
    not a sign of mojibake (``encfix/data/make_rare_words.py`` says where the list comes from)."""
    import os

    path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "rare_words.txt")
    with open(path, encoding="utf-8") as f:
        return frozenset(line.rstrip("\n") for line in f if line.strip() and not line.startswith("#"))


def _cjk_repairs(line: str, signs: List[Tuple[int, int]] = ()):
    """CJK repairs in a line; 锟斤拷 and 烫烫烫 runs are walls, never part of a repair.

    ``signs``: spans already known to be UTF-8 signs read as a code page; when every sign of
    mojibake the gate saw lies inside them (``ΓÇ£`` in English), the costly search is skipped.
    """
    words = _rare_words()
    hits = [m.span() for m in _gate_re().finditer(line) if m.group() not in words]
    if _KANA_RE.search(line) is not None:
        merged: List[Tuple[int, int]] = []
        for a, b in sorted(set(hits) | set(_kana_beside_chinese(line))):
            if merged and a < merged[-1][1]:  # (the search wants hits that do not overlap)
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        hits = merged
    if not hits:
        return []
    if signs:
        inside = _Spans(signs)
        if all(inside.covers(x, y) for x, y in hits):
            return []
    if "锟斤拷" not in line and "烫烫烫" not in line and "屯屯屯" not in line:
        return repair_spans(line, hits)
    out = []
    pos = 0
    walls = [m.span() for m in KUNKAOKAO_RE.finditer(line)] + [m.span() for m in TANGTANG_RE.finditer(line)]
    for a, b in sorted(walls) + [(len(line), len(line))]:
        if a > pos:
            # only the hits inside this piece: every piece seeing every hit made long lines
            # with many walls quadratic
            piece_hits = [(max(x, pos) - pos, min(y, a) - pos) for x, y in hits if x < a and y > pos]
            out.extend(replace(c, start=c.start + pos, end=c.end + pos) for c in repair_spans(line[pos:a], piece_hits))
        pos = max(pos, b)
    return out


def _repairs_in_line(text: str, ls: int, le: int) -> List[Finding]:
    """Repairs in one line: CJK decodings, UTF-8 signs read as a code page, and ftfy between
    them, or ftfy alone, whichever reads better (ftfy's Latin-family repairs and CJK decodings
    can claim the same bytes: Cyrillic UTF-8 read as cp1252 also decodes, badly, as Shift_JIS)."""
    line = text[ls:le]
    found: List[Finding] = []
    covered: List[Tuple[int, int]] = []
    # UTF-8 signs read as a DOS code page or a CJK codec (ΓÇ£, тАЬ, 鈥檚), which ftfy does not
    # look for; before ftfy, which would take ``Çª`` of ``ÔÇª`` (… read as cp850) for UTF-8 of Ǫ
    signs = _sign_repairs(line) if not line.isascii() else []
    alone = how = None
    cyrillic = _cyrillic_utf8_re().search(line) is not None
    if not signs and not cyrillic and _LATIN_RE.search(line) and _worth_ftfy(line):
        alone, how = fix_latin(line)
        if alone != line and "decode utf-8" in how and not _left_by_ftfy(line, alone):
            # ftfy alone undoes UTF-8 read as a code page on the whole line, which is what the
            # end of this function would choose whatever the CJK search found: skip the search
            # (unless ftfy left CJK mojibake as it was: ``cafÃ© 浣犲ソ`` is two repairs, which may
            # both land, see :func:`_ftfy_apart_from_decodings`)
            p, q = _trim(line, alone)
            return [edit("mojibake.latin", text, ls + p, le - q, alone[p:len(alone) - q], how)]
    for cand in _cjk_repairs(line, [(r.start, r.end) for r in signs]):
        reason = " then ".join(
            "undid " + k.replace("-lossy", "").replace("-as-", " read as ") for k in reversed(cand.kinds)
        )
        if cand.lost:
            reason += f"; {cand.lost} character(s) lost for good, left as U+FFFD"
        found.append(edit(cand.kind, text, ls + cand.start, ls + cand.end, cand.new, reason))
        covered.append((cand.start, cand.end))
    if cyrillic:
        # CJK text read as cp866 is all Cyrillic: the CJK gate sees no sign of it
        at = 0
        extra = []
        for a, b in sorted(covered) + [(len(line), len(line))]:
            for cs, ce, new in _cyrillic_repairs(line[at:a]):
                found.append(edit("mojibake.utf8-as-cp866", text, ls + at + cs, ls + at + ce, new,
                                  "undid utf8 read as cp866"))
                extra.append((at + cs, at + ce))
            at = max(at, b)
        covered = sorted(covered + extra)
    taken = list(covered)
    cjk = _Spans(covered)
    for r in signs:
        if not cjk.overlaps(r.start, r.end):  # (else a CJK decoding took them in)
            found.append(_sign_edit(text, ls, r))
            taken.append((r.start, r.end))
    # ftfy on what is left
    pos = 0
    for a, b in sorted(taken) + [(len(line), len(line))]:
        piece = line[pos:a]
        if piece and (_LATIN_RE.search(piece) or "\x1a" in piece) and _worth_ftfy(piece):
            fixed, how = fix_latin(piece)
            if fixed != piece:
                p, q = _trim(piece, fixed)
                found.append(edit("mojibake.latin", text, ls + pos + p, ls + a - q, fixed[p:len(fixed) - q], how))
        pos = max(pos, b)
    if covered and _LATIN_RE.search(line) and (alone is not None or _worth_ftfy(line)):
        if alone is None:
            alone, how = fix_latin(line)
        if (alone != line and ("decode utf-8" in how or (not is_bad(alone) and "inconsistent" not in how))
                and not _c1_inside_decodings(line, alone, covered)
                and not _ftfy_apart_from_decodings(line, ls, alone, found, covered)):
            # ftfy alone makes the whole line sound: it is the Latin family (UTF-8 read as a
            # code page), and a CJK decoding of some of the same bytes is a coincidence
            p, q = _trim(line, alone)
            return [edit("mojibake.latin", text, ls + p, le - q, alone[p:len(alone) - q], how)]
    return found


def _sign_edit(text: str, ls: int, r: SignRepair) -> Finding:
    if "\ufffd" in r.new:
        return edit(f"mojibake.utf8-as-{r.reader}-lossy", text, ls + r.start, ls + r.end, r.new,
                    f"undid utf8 read as {r.reader}; {r.new.count(chr(0xFFFD))} character(s) lost for good, "
                    "left as U+FFFD")
    return edit(f"mojibake.utf8-as-{r.reader}", text, ls + r.start, ls + r.end, r.new, f"undid utf8 read as {r.reader}")


_LATIN_RE = re.compile("[" + _LATIN_FAMILY + "]")


def _latin_suspect(text: str) -> bool:
    return _FTFY_TRIGGER_RE.search(text) is not None or is_bad(text) or _entity_hides_mojibake(text)


def _entity_hides_mojibake(text: str) -> bool:
    """``10Î&frac14;s``: mojibake that only looks bad once its HTML entity is unescaped."""
    if "&" not in text or ";" not in text:
        return False
    import html

    unescaped = html.unescape(text)
    return unescaped != text and is_bad(unescaped)


_FTFY_TRIGGER_RE = re.compile("[\x80-\x9f\x1a\ud800-\udfff]")


def _worth_ftfy(part: str) -> bool:
    """ftfy runs where it could change something: C1 controls, U+001A, or its own badness."""
    return _latin_suspect(part)


#: a codec pair undone this many times in a document, or over this many characters (and in
#: most repairs), is the document's
DOMINANT_REPAIRS = 3
DOMINANT_CHARS = 200


def _cjk_as_cjk(f: Finding) -> bool:
    """Is ``f`` a repair of one CJK codec read as another?"""
    pair = codec_pair(f)
    if pair is None:
        return False
    source, reader = pair.split("-as-")
    return source in _CJK_CODECS and reader in _CJK_CODECS


def _signs_only(new: str) -> bool:
    """Does a repair's new text hold no letter or number (``×``, ``……``)?

    >>> _signs_only("×"), _signs_only("ー"), _signs_only("부      칙")
    (True, True, False)
    """
    return not any(unicodedata.category(ch)[0] in "LN" and ch not in _KANA_MARKS for ch in new)


def _dominant_pair(edits: List[Finding]) -> Optional[Tuple[str, str]]:
    """The one codec pair most repairs in a document undid, when there is one (ftfy's repairs
    count by the code page they went through: a Korean document read as cp437 is mostly
    repaired by ftfy, line by line)."""
    # (a repair of signs alone through two CJK codecs -- ``N▼P`` is N×P -- shows that one sign
    # re-read, not that the pair garbled the document: the leftovers it would license are the
    # document's own signs.  UTF-8's punctuation read as cp437 is how English text is garbled)
    if not edits:
        return None
    edits = [f for f in edits if not (_signs_only(f.new) and _cjk_as_cjk(f))]
    kinds = [k for k in (codec_pair(f) for f in edits) if k is not None]
    if not kinds:
        return None
    support = {k: _support(k, edits) for k in set(kinds)}
    best = max(support, key=lambda k: (support[k], kinds.count(k), k))
    if support[best] * 5 < len(edits) * 3:
        return None
    source, reader = best.split("-as-")
    if support[best] < DOMINANT_REPAIRS and (
            sum(f.end - f.start for f in edits) < DOMINANT_CHARS or not READER_BY_NAME[reader].single_byte):
        # (a document of two long lines, both undone: enough -- but not through a CJK reader, whose
        # leftovers are every line with a character it writes: one long Japanese sentence of
        # EUC-JP read as GBK is no licence to re-read ``数`` of a clean line as 方)
        return None
    return source, reader


def _support(pair: str, edits: List[Finding]) -> int:
    """How many of the repairs the codec pair makes: those that undid it, and those that undid
    another reader of the same source into the same text.  cp437 and cp850 share their box
    drawing, so a Big5 document read as cp850 has lines (``▓─ 76 ▒°``, 第 76 條) that decode as
    well through cp437, and are named so: they are evidence for both.

    >>> doc = "▓─ 76 ▒°"
    >>> _support("big5-as-cp850", [edit("mojibake.big5-as-cp437", doc, 0, len(doc), "第 76 條", "")])
    1
    """
    source, reader = pair.split("-as-")
    codec = SOURCE_BY_NAME[source].codec
    n = 0
    for f in edits:
        other = codec_pair(f)
        if other == pair:
            n += 1
        elif other is not None and other.split("-as-")[0] == source:
            data = encode_all(f.old, READER_BY_NAME[reader])
            if data is not None and data.decode(codec, errors="replace") == f.new:
                n += 1
    return n


def _leftover_lines(text: str, reader_name: str, lines) -> List[Tuple[int, int]]:
    """The gate's lines and every other line that holds two of the reader's high characters
    (at most one apart): all
    Cyrillic, ``чмм 1 цвЭ`` (第 1 條 read as cp866) passes no gate, but in a document read as
    cp866 it is one more line of the same damage."""
    if not READER_BY_NAME[reader_name].single_byte:
        # through a CJK codec, every line with a character the reader made: a document this
        # pair garbled again and again is garbled through and through (``89盒だった。`` is
        # 89歳だった。 read as GBK, all of it common characters; ``N】p】X`` is N×p×X); the
        # weaker evidence still has to be met
        # -- but not a line with letters the reader cannot make: a Korean line of a document
        # where one sentence was read as GBK is clean, and so is its ① (GBK re-read: ↘)
        reader = READER_BY_NAME[reader_name]
        found = _with_lines_matching(text, _NON_ASCII_RUN_RE, ())
        return sorted(set(lines).union(span for span in found if encode_all(text[span[0]:span[1]], reader) is not None))
    return _with_lines_matching(text, _high_re(reader_name), lines)


def _with_lines_matching(text: str, pattern: "re.Pattern[str]", lines) -> list:
    """``lines`` (``(start, end)`` pairs) and every line of ``text`` where ``pattern`` matches, sorted."""
    out = set(lines)
    pos = 0
    n = len(text)
    while pos < n:
        m = pattern.search(text, pos)
        if m is None:
            break
        ls = text.rfind("\n", 0, m.start()) + 1
        le = text.find("\n", m.end())
        if le == -1:
            le = n
        out.add((ls, le))
        pos = le + 1
    return sorted(out)


@lru_cache(maxsize=16)
def _high_re(reader_name: str) -> "re.Pattern[str]":
    reader = READER_BY_NAME[reader_name]
    high = "[" + _class_body(chr(cp) for cp, b in reader.table.items() if b != 0xFFFE and b >= 0x80) + "]"
    return re.compile(high + "[^\n]?" + high)  # Big5 read as Latin-1: ``¡B«e`` (ASCII second bytes)


#: readers that differ in 0x80-0x9F alone: a document of GBK read as cp1252 holds ``Œ`` (8C),
#: and most of its repairs decode as well through Latin-1, which names the document's pair; the
#: leftovers of either are tried through both
_READER_TWINS = {"latin1": ("cp1252",), "cp1252": ("latin1",)}


def _repair_leftovers(text: str, lines, edits: List[Finding], pair: Tuple[str, str]) -> List[Finding]:
    """Short leftovers of the document's codec pair, between the repairs already made."""
    source, reader = pair
    if source in _CJK_CODECS and READER_BY_NAME[reader].single_byte:
        edits = [f for f in edits if not _c1_as_cp1252(f)]
    edits = [_as_dominant(f, source, reader) for f in edits]
    edits = _ftfy_inside_runs(text, edits, source, reader)
    spans = sorted((f.start, f.end) for f in edits)
    span_ends = [b for _, b in spans]
    out = list(edits)
    for ls, le in _leftover_lines(text, reader, lines):
        pos = ls
        inside = []
        for k in range(bisect.bisect_right(span_ends, ls), len(spans)):
            if spans[k][0] >= le:
                break
            inside.append(spans[k])
        for a, b in inside + [(le, le)]:
            if a > pos:
                piece = text[pos:a]
                found = [_leftovers_through(piece, source, reader)]
                found += [_twin_leftovers(piece, source, reader, twin) for twin in _READER_TWINS.get(reader, ())]
                # (the reader that accounts for more of the piece first: Latin-1 stops at ``Œ``)
                found.sort(key=lambda rs: -sum(ce - cs for cs, ce, _, _ in rs))
                taken = _Spans()
                for repairs in found:
                    for cs, ce, new, by in repairs:
                        if not taken.overlaps(cs, ce):
                            out.append(edit(f"mojibake.{source}-as-{by}", text, pos + cs, pos + ce, new,
                                            f"undid {source} read as {by}, as elsewhere in this document"))
                            taken.add(cs, ce)
            pos = max(pos, b)
    return sorted(out, key=lambda f: (f.start, f.end))


def _twin_leftovers(piece: str, source: str, reader: str, twin: str) -> List[Tuple[int, int, str, str]]:
    """:func:`_leftovers_through` the reader's twin, of runs that hold a character the document's
    reader makes too: ``’”`` closing a clean quotation is no leftover of GBK read as Latin-1,
    though cp1252 makes it of GBK's 挃.

    >>> _twin_leftovers("了。’”黛玉", "gbk", "latin1", "cp1252")
    []
    >>> [new for _, _, new, _ in _twin_leftovers("计ÅŒ", "gbk", "latin1", "cp1252")]
    ['艑']
    """
    own = READER_BY_NAME[reader]
    return [r for r in _leftovers_through(piece, source, twin)
            if any(encode_all(ch, own) is not None and ch >= "\x80" for ch in piece[r[0]:r[1]])]


def _c1_as_cp1252(f: Finding) -> bool:
    """Is ``f`` ftfy's reading of C1 controls as the cp1252 signs they stand for (``\\x94`` ->
    ``”``), and nothing else?  In a document of GBK read as Latin-1, a C1 control is the lead
    byte of a character (``\\x86´`` is 喆): the document's pair, not cp1252, undoes it.

    >>> _c1_as_cp1252(edit("mojibake.latin", "计\\x86´", 1, 2, "†", "ftfy"))
    True
    """
    return f.kind == "mojibake.latin" and _only_c1_as_cp1252(f.old, f.new)


def _only_c1_as_cp1252(old: str, new: str) -> bool:
    """Is ``new`` ``old`` with some C1 controls read as the cp1252 signs they stand for, and
    nothing else changed?

    >>> _only_c1_as_cp1252("莠斐\x80∬", "莠斐€∬"), _only_c1_as_cp1252("cafÃ©", "café")
    (True, False)
    """
    if len(old) != len(new) or old == new:
        return False
    for o, n in zip(old, new):
        if o != n and not ("\x80" <= o <= "\x9f" and bytes([ord(o)]).decode("cp1252", errors="replace") == n):
            return False
    return True


#: a word of Latin letters between a pair of quotes, as ftfy reads cp1252's quotes (93 94, 91 92)
_QUOTED_LATIN_WORD_RE = re.compile("“[A-Za-z\u00c0-\u024f]+”|‘[A-Za-z\u00c0-\u024f]+’")


def _c1_inside_decodings(line: str, alone: str, covered: List[Tuple[int, int]]) -> bool:
    """Is ftfy's repair of the whole line (``alone``) nothing but C1 controls read as cp1252
    signs, each inside a CJK decoding of the line (``covered``)?  Then ftfy has not made the
    line sound: the rest of it is as garbled as before, and the decoding accounts for each
    control as a byte of one of its characters (``莠斐\x80∬ｯ∵紺`` is 五、证据, UTF-8 read as
    Shift_JIS, which reads 一's last byte, 80, as U+0080; ftfy would make a € of it).

    >>> _c1_inside_decodings("莠斐\x80∬ｯ∵紺", "莠斐€∬ｯ∵紺", [(0, 7)])
    True
    >>> _c1_inside_decodings("x\x93y\x94 浣犲ソ", "x“y” 浣犲ソ", [(5, 8)])
    False

    Not when ftfy's reading is a pair of quotes around a word of Latin letters: ``\x93amanhã\x94``
    is “amanhã”, cp1252's quotes read as Latin-1, which Shift_JIS read as Latin-1 also decodes,
    as ``殿manh續``, a CJK character glued to each end of the word.

    >>> _c1_inside_decodings("\x93amanhã\x94 he said.", "“amanhã” he said.", [(0, 8)])
    False
    """
    if not _only_c1_as_cp1252(line, alone):
        return False
    if any(line[m.start()] != alone[m.start()] and line[m.end() - 1] != alone[m.end() - 1]
           for m in _QUOTED_LATIN_WORD_RE.finditer(alone)):
        return False  # (both quotes ftfy's reading of C1 controls, not quotes the line wrote)
    inside = _Spans(covered)
    return all(inside.covers(k, k + 1) for k, (o, n) in enumerate(zip(line, alone)) if o != n)


def _left_by_ftfy(line: str, alone: str) -> bool:
    """Does ftfy's repair of the whole line (``alone``) still hold, as the line held it, what the
    CJK gate looks for?  (Not what ftfy made: UTF-8 Chinese read as Latin-1 comes back as Chinese,
    rare characters and all.)

    >>> _left_by_ftfy("cafÃ© 浣犲ソ", "café 浣犲ソ"), _left_by_ftfy("æµ£çŠ²ã‚½", "浣犲ソ")
    (True, False)
    """
    return any(m.group() in line for m in _gate_re().finditer(alone))


def _ftfy_apart_from_decodings(line: str, ls: int, alone: str, found: List[Finding],
                               covered: List[Tuple[int, int]]) -> bool:
    """Is ftfy's repair of the whole line (``alone``, the line starting at ``ls``) what the line's
    other repairs (``found``: ftfy's between the CJK decodings, signs) make of it with each CJK
    decoding (``covered``, offsets in the line) left as it is?  Then ftfy has not touched a
    character the decodings claim: the two repairs are of different bytes, and both stand
    (``\x93Hello\x94 he said, 浣犲ソ``: the quotes are cp1252's, 你好 UTF-8 read as GBK).  Where
    ftfy does change a decoding's characters, the decoding is a coincidence of the Latin family's
    bytes, and ftfy's reading of the whole line is taken instead.

    >>> doc = "\x93Hi\x94 浣犲ソ"
    >>> found = [edit("mojibake.latin", doc, 0, 4, "“Hi”", ""), edit("mojibake.utf8-as-gbk", doc, 5, 8, "你好", "")]
    >>> _ftfy_apart_from_decodings(doc, 0, "“Hi” 浣犲ソ", found, [(5, 8)])
    True
    >>> _ftfy_apart_from_decodings(doc, 0, "“Hi” 浣犲", found, [(5, 8)])
    False
    """
    decoded = set(covered)
    parts = []
    pos = 0
    for f in sorted(found, key=lambda f: (f.start, f.end)):
        a, b = f.start - ls, f.end - ls
        if (a, b) in decoded or a < pos:
            continue
        parts += [line[pos:a], f.new]
        pos = b
    parts.append(line[pos:])
    return "".join(parts) == alone


def _leftovers_through(piece: str, source: str, reader: str) -> List[Tuple[int, int, str, str]]:
    """Repairs of ``piece`` with one codec pair on a leftover's evidence: (start, end, new,
    reader), the relaxed repairs first and the whole runs they leave."""
    out = []
    taken = _Spans()
    for cand in relaxed_repairs(piece, source, reader):
        out.append((cand.start, cand.end, cand.new, reader))
        taken.add(cand.start, cand.end)
    runs = (_whole_run_decodings if READER_BY_NAME[reader].single_byte else _cjk_run_decodings)
    for cs, ce, new in runs(piece, source, reader):
        if not taken.overlaps(cs, ce):
            out.append((cs, ce, new, reader))
    return out


def _ftfy_inside_runs(text: str, edits: List[Finding], source: str, reader: str) -> List[Finding]:
    """ftfy's repairs of part of a run that the document's codec pair decodes whole, redone as
    that decoding: in a Korean document of UTF-8 read as cp850, ``ýÂ£`` (출, EC B6 9C) holds
    ``Â£``, which ftfy takes for £ read as Latin-1 and makes ``ý£`` of.

    >>> doc = "ýºÇ\\nýÂ£"
    >>> f = edit("mojibake.latin", doc, 5, 6, "", "ftfy: fix_c1")
    >>> [(g.old, g.new) for g in _ftfy_inside_runs(doc, [f], "utf8", "cp850")]
    [('ýÂ£', '출')]
    """
    latin = [f for f in edits if f.kind == "mojibake.latin" and codec_pair(f) != f"{source}-as-{reader}"]
    if not latin or not READER_BY_NAME[reader].single_byte:
        return edits
    redone = {id(f) for f in latin}  # (by identity: a set lookup, where ``in latin`` scans the list)
    out = [f for f in edits if id(f) not in redone]
    taken = _Spans((f.start, f.end) for f in out)
    for f in latin:
        ls, le = line_around(text, f.start, f.end)
        for cs, ce, new in _whole_run_decodings(text[ls:le], source, reader):
            a, b = ls + cs, ls + ce
            if a <= f.start and f.end <= b and not taken.overlaps(a, b):
                f = edit(f"mojibake.{source}-as-{reader}", text, a, b, new,
                         f"undid {source} read as {reader}, as elsewhere in this document")
                break
        out.append(f)
        taken.add(f.start, f.end)
    return sorted(out, key=lambda f: (f.start, f.end))


def _as_dominant(f: Finding, source: str, reader: str) -> Finding:
    """A repair with another codec pair than the document's (``② ∼ ⑥`` in EUC-KR read as Latin-1
    also decodes as GBK read as Latin-1, 刻 ＃ 到; ``£ª£ª£ª``, ＊＊＊ in GBK read as Latin-1, as
    Shift_JIS read as cp437, 惡惡惡), redone with the document's pair when that decodes the same
    characters whole."""
    pair = codec_pair(f)
    if pair is None or pair == f"{source}-as-{reader}" or f.kind == "mojibake.latin":
        return f
    found = _whole_run_decodings(f.old, source, reader)
    if len(found) == 1 and found[0][:2] == (0, len(f.old)):
        return replace(f, kind=f"mojibake.{source}-as-{reader}", new=found[0][2],
                       reason=f"undid {source} read as {reader}, as elsewhere in this document")
    return f


def _whole_run_decodings(part: str, source_name: str, reader_name: str) -> List[Tuple[int, int, str]]:
    """Runs of a single-byte reader's high characters that are, byte for byte, text in the
    source codec: (start, end, decoded).

    For a document where this codec pair has been undone again and again, this is evidence
    enough, whatever the plausibility model makes of a short run: ``чмм 1 цвЭ`` (第 1 條) reads
    as Russian to a unigram model, ``¡¿`` (× in EUC-KR) as Spanish.  A run must decode whole
    (the bytes either side are ASCII) and only to CJK text, signs and ASCII.

    >>> _whole_run_decodings("чмм 1 цвЭ", "utf8", "cp866")
    [(0, 9, '第 1 條')]
    """
    reader = READER_BY_NAME[reader_name]
    if not reader.single_byte:
        return []
    source = SOURCE_BY_NAME[source_name]
    out = []
    for rs, _run_end, data, starts in encode_runs(part, reader):
        if data.isascii():
            continue
        for m in REGION_RES[source_name].finditer(data):
            bs, be = m.span()
            if (bs > 0 and data[bs - 1] >= 0x80) or (be < len(data) and data[be] >= 0x80):
                continue  # part of a longer run of high characters
            try:
                new = data[bs:be].decode(source.codec)
            except UnicodeDecodeError:
                continue
            old = part[rs + bs:rs + be]
            if new != old and all(_is_sign(ch, True) or _CJK_TEXT_RE.match(ch) for ch in new):
                out.append((rs + bs, rs + be, new))
    return out


#: fewest foreign letters a line of Chinese needs to be searched: Chinese names use characters
#: outside GB2312 and Big5, one at a time (Japanese and Korean text seldom does)
MIN_FOREIGN_LETTERS = 2


def _repair_foreign(text: str, edits: List[Finding], language: str,
                    lines: Optional[List[Tuple[int, int]]] = None) -> List[Finding]:
    """Repairs of CJK text read with another CJK language's codec, found by characters the
    document's own codec cannot write (:mod:`encfix.stages.mojibake_foreign`), between the
    repairs already made."""
    done = _Spans((f.start, f.end) for f in edits)
    edits = list(edits)
    for ls, le, new, source, reader, evidence in form_repairs(text, language):
        if not done.overlaps(ls, le):
            p, q = _trim(text[ls:le], new)
            edits.append(edit(f"mojibake.{source}-as-{reader}", text, ls + p, le - q, new[p:len(new) - q],
                              f"undid {source} read as {reader}: re-read, the line has {evidence}"))
            done.add(ls, le)
    for a, b, new, source, reader in circled_number_repairs(text, language):
        if not done.overlaps(a, b):
            edits.append(edit(f"mojibake.{source}-as-{reader}", text, a, b, new,
                              f"undid {source} read as {reader}: a paragraph number at the head of its "
                              f"line, as the document's other paragraphs are numbered"))
            done.add(a, b)
    all_spans = foreign_spans(text, language)
    chinese = language in ("zh-Hans", "zh-Hant")
    # (each of the passes below is for some languages, and for documents that hold what it
    # looks for: most clean documents hold none of it, and pay only these tests)
    names = name_line_repairs(text, language, all_spans, lines) if chinese and (lines or all_spans) else ()
    for a, b, new, source, reader in names:
        if done.overlaps(a, b):
            # pieces of the line undone by other codec pairs, or from a codec no Chinese text is
            # saved in (``ã¦Ìñ╔·ð‗``: 拾頃 as EUC-KR read as Latin-1, then 生序 as GBK read as
            # cp850), give way to one decoding of all of it (戚蓼生序, GBK read as cp850)
            inside = [f for f in edits if f.start < b and a < f.end]
            pairs = {codec_pair(f) for f in inside}
            if (any(f.start < a or f.end > b for f in inside) or None in pairs
                    or (len(pairs) < 2 and all(p.split("-as-")[0] in ("utf8",) + NATIVE_SOURCES[language]
                                               for p in pairs))):
                continue
            edits = [f for f in edits if f not in inside]
            done = _Spans((f.start, f.end) for f in edits)
        edits.append(edit(f"mojibake.{source}-as-{reader}", text, a, b, new,
                          f"undid {source} read as {reader}: in a {_LANGUAGE_NAMES[language]} document, a "
                          f"short line that is no language's text and decodes, all of it, into Chinese"))
        done.add(a, b)
    cyrillic = () if chinese or _CYRILLIC_LETTER_RE.search(text) is None else script_line_repairs(text, language)
    # whole lines that are no language's text and decode, all of them, into the document's
    for found, what in ((cyrillic, "line that"), (kanji_line_repairs(text, language),
                                               "line of Chinese characters with hardly a kana, that")):
        for a, b, new, source, reader in found:
            if not done.overlaps(a, b):
                edits.append(edit(f"mojibake.{source}-as-{reader}", text, a, b, new,
                                  f"undid {source} read as {reader}: in a {_LANGUAGE_NAMES[language]} document, a "
                                  f"{what} is no language's text and decodes, all of it, into fluent "
                                  f"{_LANGUAGE_NAMES[language]}"))
                done.add(a, b)
    edits.extend(_two_byte_signs(text, language, done))
    edits.extend(_katakana_as_cp866(text, language, done))
    edits.extend(_japanese_as_code_page(text, language, done, lines))
    edits.extend(_signs_between_neighbours(text, language, done))
    edits.extend(_signs_in_place(text, language, done))
    edits.extend(_halfwidth_utf8(text, language, done))
    edits.extend(_short_lines_written_elsewhere(text, language, done))
    edits.extend(_lone_letters_japanese_never_writes(text, language, done))
    if edits:
        edits.extend(_signs_beside_repairs(text, edits, done))
    if chinese and all_spans and any("\uff61" <= text[a] <= "\uff9f" for a, _ in all_spans):
        edits.extend(_halfwidth_signs(text, language, done))
    spans = [s for s in all_spans if not done.overlaps(*s)]
    if not spans:
        return sorted(edits, key=lambda f: (f.start, f.end))
    out = _repair_foreign_pieces(text, edits, language, spans)
    if language == "ja":
        # (last, on what the search left: a line of EUC-JP read as GBK that it repaired in
        # part, or whole, is its own)
        done = _Spans((f.start, f.end) for f in out)
        out.extend(_kanji_among_kana(text, language, done, [s for s in spans if not done.overlaps(*s)]))
        out.extend(_lone_hangul(text, language, done, [s for s in spans if not done.overlaps(*s)]))
    return sorted(out, key=lambda f: (f.start, f.end))


def _repair_foreign_pieces(text: str, edits: List[Finding], language: str,
                           spans: List[Tuple[int, int]]) -> List[Finding]:
    """The search for repairs around the characters foreign to the document (``spans``),
    line by line, between the repairs already made (``edits``, which come back with them)."""
    readers = pairs_for(language)
    spans_by_line: Dict[Tuple[int, int], List[Tuple[int, int]]] = {}
    n = len(text)
    ls = le = -1
    for a, b in spans:  # (sorted: each line's bounds are found once, however many spans it holds)
        if a > le:
            ls = text.rfind("\n", 0, a) + 1
            le = text.find("\n", b)
            le = n if le == -1 else le
        spans_by_line.setdefault((ls, le), []).append((a, b))
    by_start = sorted(edits, key=lambda f: (f.start, f.end))
    edit_starts = [f.start for f in by_start]
    out = edits
    for (ls, le), hits in spans_by_line.items():
        if (language.startswith("zh") and sum(b - a for a, b in hits) < MIN_FOREIGN_LETTERS
                and not any("\uac00" <= text[a] <= "\ud7a3" for a, _ in hits)):
            # one rare character a name needs (朱镕基 in Simplified text) is no sign; one Hangul
            # syllable is (below two letters, the line's one foreign letter is ``text[a]``)
            continue
        pos, before = ls, None
        k = bisect.bisect_left(edit_starts, ls)
        while k > 0 and by_start[k - 1].end > ls:
            k -= 1
        in_line = []
        while k < len(by_start) and by_start[k].start < le:
            in_line.append(by_start[k])
            k += 1
        h = 0
        for after in in_line + [None]:
            a = after.start if after is not None else le
            while h < len(hits) and hits[h][1] <= pos:
                h += 1  # (hits and pieces both in order: each hit is looked at for its pieces only)
            local = []
            j = h
            while j < len(hits) and hits[j][0] < a:
                x, y = hits[j]
                local.append((max(x, pos) - pos, min(y, a) - pos))
                j += 1
            if a > pos and local:
                out.extend(_foreign_piece(text, pos, a, local, readers, language, before, after))
            if after is not None:
                pos, before = max(pos, after.end), after
    return sorted(out, key=lambda f: (f.start, f.end))


_LANGUAGE_NAMES = {"ko": "Korean", "ja": "Japanese", "zh-Hant": "Traditional Chinese", "zh-Hans": "Simplified Chinese"}


def _foreign_evidence(old: str, language: str) -> str:
    """Why ``old`` is foreign to its document, in words (what the finding's reason says).

    >>> _foreign_evidence("措烹飞狼", "ko")
    "in a Korean document, '飞' is a character its codec (cp949) cannot write"
    >>> _foreign_evidence("輿蹂頂辨", "ko")
    'in a Korean document, a line of Chinese characters without Hangul'
    """
    name = _LANGUAGE_NAMES[language]
    for a, b in unencodable_runs(old, REPERTOIRE[language]):
        for ch in old[a:b]:
            if _CJK_LETTER_RE.match(ch) or unicodedata.category(ch)[0] in "LC":
                return f"in a {name} document, {ch!r} is a character its codec ({REPERTOIRE[language]}) cannot write"
    if language == "ko":
        return f"in a {name} document, a line of Chinese characters without Hangul"
    return f"in a {name} document, beside characters its codec ({REPERTOIRE[language]}) cannot write"


@lru_cache(maxsize=1)
def _two_byte_sign_re() -> "re.Pattern[str]":
    """Two characters between ASCII that a single-byte reader made of one double-byte sign:
    the first is what the reader makes of a CJK codec's sign rows (0x81-0x84 in Shift_JIS,
    0xA1-0xA9 in the others)."""
    firsts = set()
    for reader in READERS:
        if reader.single_byte:
            for cp, byte in reader.table.items():
                if 0x81 <= byte <= 0x84 or 0xA1 <= byte <= 0xA9:
                    firsts.add(chr(cp))
    first = "[" + _class_body(firsts) + "]"
    # (the class first and the look behind after it: a pattern that opens with a class is
    # scanned for at C speed, one that opens with a look-behind is tried at every position)
    return re.compile(first + "(?<=[\x00-\x7f]" + first + ")[^\x00-\x7f](?=[\x00-\x7f])")


#: what a lone double-byte sign may decode to: punctuation, mathematical signs (× ∼), circled
#: numbers (②); not box drawing or other symbols (``©®`` read back as GBK is ┊)
_PLAIN_SIGNS = frozenset(("Po", "Pd", "Ps", "Pe", "Pi", "Pf", "Sm", "No"))


def _two_byte_signs(text: str, language: str, done: "_Spans") -> List[Finding]:
    """A double-byte sign of the document's codec read by a single-byte reader, alone between
    ASCII: ``N¡¿5.6%`` in a Korean document is N×5.6% (EUC-KR read as cp1252).  Two characters
    are too short for any model; the document's codec is the evidence, and the decoding must be
    a sign, never a letter.

    >>> [(f.old, f.new) for f in _two_byte_signs("X > 10.7í┐P", "ko", _Spans())]
    [('í┐', '×')]
    """
    source = SOURCE_BY_NAME[NATIVE_SOURCES[language][0]]
    out = []
    for m in _two_byte_sign_re().finditer(text):
        a, b = m.span()
        if done.overlaps(a, b):
            continue
        for reader in READERS:
            if not reader.single_byte:
                continue
            data = encode_all(m.group(), reader)
            if data is None:
                continue
            try:
                new = data.decode(source.codec)
            except UnicodeDecodeError:
                continue
            if len(new) == 1 and unicodedata.category(new) in _PLAIN_SIGNS:
                out.append(edit(f"mojibake.{source.name}-as-{reader.name}", text, a, b, new,
                                f"undid {source.name} read as {reader.name}: a sign of the codec of this "
                                f"{_LANGUAGE_NAMES[language]} document, alone between ASCII"))
                done.add(a, b)
                break
    return out


#: a sign alone between ASCII, with the ASCII around it up to the nearest letters or blanks
_SIGN_IN_ASCII_RE = re.compile("([\x21-\x7e]*[ \t]?)([^\x00-\x7f])(?=([ \t]?[\x21-\x7e]*))")


def _signs_beside_repairs(text: str, edits: List[Finding], done: "_Spans") -> List[Finding]:
    """A sign between ASCII on the line of a CJK-as-CJK repair, which that codec pair re-reads
    into the sign the document writes elsewhere in the same ASCII (numbers aside): a Korean bill
    read as GBK line by line makes ``5. ∼ 9. (현행과 같음)`` into ``5. … 9. (泅青苞 鞍澜)``; the
    repair of the words leaves ``…`` (EUC-KR's ∼, A1 AD, is GBK's …), and the bill writes
    ``1. ∼ 3.`` and ``5. ∼ 9.`` on its other lines.  A sign is too short for any model; the
    line's repair names the codec pair, and the document the sign.

    >>> doc = "  1. ∼ 3. (생  략)\\n  5. … 9. (泅青苞 鞍澜)"
    >>> f = edit("mojibake.euckr-as-gbk", doc, 27, 33, "현행과 같음", "")
    >>> [(g.old, g.new) for g in _signs_beside_repairs(doc, [f], _Spans([(27, 33)]))]
    [('…', '∼')]
    """
    out = []
    lines_seen = set()
    for f in edits:
        if not _cjk_as_cjk(f):
            continue
        pair = codec_pair(f)
        source, reader = pair.split("-as-")
        ls, le = line_around(text, f.start, f.end)
        if ls in lines_seen:
            continue
        lines_seen.add(ls)
        for m in _SIGN_IN_ASCII_RE.finditer(text, ls, le):
            a = m.start(2)
            if done.overlaps(a, a + 1) or not m.group(1).strip() or not m.group(3).strip():
                continue
            old = m.group(2)
            if unicodedata.category(old) not in _PLAIN_SIGNS:
                continue
            new = reread(old, reader, source)
            if new is None or len(new) != 1 or new == old or unicodedata.category(new) not in _PLAIN_SIGNS:
                continue
            before, after = m.group(1), m.group(3)

            def form(sign: str) -> "re.Pattern[str]":
                return re.compile(re.sub(r"[0-9]+", "[0-9]+", re.escape(before + sign + after)))

            elsewhere = [k.start() for k in form(new).finditer(text) if not ls <= k.start() < le]
            if elsewhere and not any(not ls <= k.start() < le for k in form(old).finditer(text)):
                out.append(edit(f"mojibake.{pair}", text, a, a + 1, new,
                                f"undid {source} read as {reader}, as in the repair on its line: the "
                                f"document writes {before + new + after!r} elsewhere"))
                done.add(a, a + 1)
    return out


#: the mark of a katakana word that its codecs keep in their rows of signs: ー (EUC-JP A1 BC,
#: GBK's 〖), which stands only between katakana (a set, not the string: ``"" in "ー"`` is true)
_KANA_MARKS = frozenset("ー")

#: the tone marks GBK and Big5 keep among their signs (``ˇ`` ``ˉ``, modifier letters, not ``˚``
#: of 25˚C): what EUC-JP's ・ and ． are to GBK (``セントˇキルダ``); between katakana or ASCII, no tone
_TONE_MARK_RE = re.compile("[\u02b0-\u02ff]")

#: what a CJK codec's sign reads as in another's: a sign of its own, or a symbol (``▼``, ``】``)
_SIGNS_AS_READ = _PLAIN_SIGNS | {"So"}


#: the lead bytes of the CJK codecs' rows of signs (GBK, EUC-KR, EUC-JP: A1-A9; Big5: A1-A3 and
#: C6-C8; Shift_JIS: 81-84 and 87)
_SIGN_LEADS = tuple(range(0x81, 0x88)) + tuple(range(0xA1, 0xAA)) + (0xC6, 0xC7, 0xC8)


@lru_cache(maxsize=8)
def _garbled_signs(language: str) -> Tuple[Dict[str, Tuple[str, str, str]], "re.Pattern[str]"]:
    """What the other CJK readers make of the signs of a ``language`` document's codecs:
    garbled sign -> (sign, source, reader), the first pair that makes it; and a pattern for one of
    them straight between two of :data:`_SIGN_NEIGHBOURS` of a kind."""
    table: Dict[str, Tuple[str, str, str]] = {}
    for reader, sources in pairs_for(language).items():
        for source in sources:
            for lead in _SIGN_LEADS:
                for trail in range(0x40, 0xFF):
                    data = bytes((lead, trail))
                    try:
                        new = data.decode(SOURCE_BY_NAME[source].codec)
                        old = data.decode(READER_BY_NAME[reader].codec)
                    except UnicodeDecodeError:
                        continue
                    if (len(new) == 1 and len(old) == 1 and new != old and old not in table
                            and (unicodedata.category(new) in _PLAIN_SIGNS or new in _KANA_MARKS)
                            and (unicodedata.category(old) in _SIGNS_AS_READ
                                 or (_TONE_MARK_RE.match(old) and unicodedata.category(old) == "Lm"))):
                        table[old] = (new, source, reader)
    if not table:
        return table, re.compile("(?!)")
    signs = "[" + _class_body(table) + "]"
    # (the class first, the look-behinds after it: see :func:`_two_byte_sign_re`; an alternation
    # of branches that each start with the class is tried at every position)
    between = signs + "(?:" + "|".join(f"(?<={side}{signs})(?={side})" for side in _SIGN_NEIGHBOURS) + ")"
    return table, re.compile(between)


#: what a sign stands between in a formula or a compound word: ASCII (``N×P``), or katakana on
#: both sides (``ガイランゲル・フィヨルド``)
_SIGN_NEIGHBOURS = ("[\x21-\x7e]", "[\u30a1-\u30fa\u30fc]")


#: signs every CJK language writes between two numbers itself (a size, ``3×4 m``; a range, ``5±1``),
#: whatever else the document writes there: GBK's × is EUC-JP's 〜 (A1 C1), but a Japanese page that
#: writes ``13:40〜15:00`` writes ``3×4`` too
_SIGNS_WRITTEN_BETWEEN_NUMBERS = frozenset("×÷±")


def _signs_between_neighbours(text: str, language: str, done: "_Spans") -> List[Finding]:
    """A sign straight between ASCII that another CJK codec made of the sign the document
    writes between ASCII elsewhere: a Korean paper's formulas write ``N×P``; the one garbled
    line of them, read as Big5, is ``N▼5.6%▼X`` (EUC-KR's × is A1 BF, Big5's ▼).  One sign is
    too short for any model; the evidence is the document's: it writes the re-read sign between
    ASCII on another line, and the sign as it is nowhere but on this line.  The same between
    katakana: EUC-JP's ``・`` read as Big5 is ``’`` (``ガイランゲル’フィヨルド``).

    >>> doc = "N×P > 0\\nN▼5.6%▼X + N▼P > 0"
    >>> [(f.old, f.new) for f in _signs_between_neighbours(doc, "ko", _Spans())]
    [('▼', '×'), ('▼', '×'), ('▼', '×')]
    >>> _signs_between_neighbours("13:40〜15:00\\nサイズ 3×4 m", "ja", _Spans())
    []
    >>> doc = "ナールオイ・フィヨルド\\nガイランゲル’フィヨルド"
    >>> [(f.old, f.new) for f in _signs_between_neighbours(doc, "ja", _Spans())]
    [('’', '・')]
    """
    table, signs_re = _garbled_signs(language)
    out = []
    for m in signs_re.finditer(text):
        old = m.group()
        a = m.start()
        if done.overlaps(a, a + 1):
            continue
        if old in _SIGNS_WRITTEN_BETWEEN_NUMBERS and text[a - 1:a].isdigit() and text[a + 1:a + 2].isdigit():
            continue  # (``3×4 m``: every CJK language writes it there itself)
        ls, le = line_around(text, a)
        if text.count(old) > text.count(old, ls, le):
            continue  # (the document writes it elsewhere: its own sign)
        new, source, reader = table[old]
        side = next(side for side in _SIGN_NEIGHBOURS if re.match(side, text[a - 1]))
        words = "ASCII" if side == _SIGN_NEIGHBOURS[0] else "katakana"
        between = re.compile(side + re.escape(new) + side)
        if between.search(text, 0, ls) is None and between.search(text, le) is None:
            continue
        out.append(edit(f"mojibake.{source}-as-{reader}", text, a, a + 1, new,
                        f"undid {source} read as {reader}: a sign between {words} that the document writes "
                        f"as {new!r} between {words} on its other lines, and as {old!r} nowhere else"))
        done.add(a, a + 1)
    return out


#: full-width brackets, opening -> closing
_BRACKETS = {"（": "）", "〔": "〕", "［": "］", "｛": "｝", "〈": "〉", "《": "》", "「": "」", "『": "』",
             "【": "】", "〖": "〗"}
_OPENERS = {v: k for k, v in _BRACKETS.items()}
#: what ends a sentence of CJK prose at the end of its line
_SENTENCE_ENDS = "。！？．"
#: the signs of JIS X 0208's second row, which Japanese writes in its own prose: ``※`` before a
#: note, ``≒`` for "about", ``♪``, and a formula's signs.  One of them that re-reads into a
#: bracket the line leaves open is no evidence by itself (``※は原文のまま』と記している`` is
#: clean: the quotation opened on an earlier page); two that re-read into a pair of brackets around
#: garbled text are (:func:`_closing_sign`)
_SIGNS_JAPANESE_WRITES = frozenset("※≠≦≧≈∈∋⊂⊃∧∨¬⇒⇔∀∃∠⊥⌒∂∇≡≒≪≫√∽∝∵∫∬Å‰♯♭♪†‡¶◯")


@lru_cache(maxsize=8)
def _placed_signs(language: str) -> Tuple[Dict[str, str], "re.Pattern[str]"]:
    """The garbled signs of :func:`_garbled_signs` whose place in their line can tell what
    they were: those that re-read into a bracket, and are no bracket or dash themselves (``∷``
    is EUC-JP's ``）`` read as GBK), with what tells (``"bracket"``; ``"pair"`` for a sign
    Japanese writes, :data:`_SIGNS_JAPANESE_WRITES`, which only a pair of such signs can tell);
    and openers that re-read into the end of a sentence (``﹝`` is EUC-JP's ``。`` read as Big5),
    with ``"end"``.  No quotation mark or dash of :data:`_PROSE_MARKS` is either."""
    table, _ = _garbled_signs(language)
    prose = re.compile("[" + _CJK_PROSE + "]")
    how: Dict[str, str] = {}
    for old, (new, _source, _reader) in table.items():
        cat = unicodedata.category(old)
        if old in _PROSE_MARKS:
            continue  # (a quotation mark or a dash is the writer's wherever it stands: ``‘``)
        if ((new in _BRACKETS or new in _OPENERS) and cat in ("Sm", "Po")
                and prose.match(old) is None):  # (not ＋ ＝, which the language writes)
            how[old] = "pair" if old in _SIGNS_JAPANESE_WRITES else "bracket"
        elif new in _SENTENCE_ENDS and cat in ("Ps", "Pi") and old not in _SIGNS_JAPANESE_WRITES:
            how[old] = "end"
    if not how:
        return how, re.compile("(?!)")
    return how, re.compile("[" + _class_body(how) + "]")


def _signs_in_place(text: str, language: str, done: "_Spans") -> List[Finding]:
    """A garbled sign of another CJK codec whose place in its line says what it was, and which
    the document writes nowhere else:

    * it re-reads into the bracket that closes (or opens) the one bracket its line, and the
      document, leave open before it (after it), and stands beside a CJK letter, not between a
      formula's ASCII: ``（ムサイイブ、AlMusayyib∷の`` is EUC-JP's ``）`` read as GBK;
    * it opens a bracket or quotation at the end of a line, straight after a letter, and
      re-reads into the sign the document ends its other lines with there: ``述べている﹝`` is
      EUC-JP's ``。`` read as Big5;
    * it re-reads into an opening bracket, and another such sign of its line into the closer,
      around text the same codec pair garbled (:func:`_closing_sign`): ``∈17泣丹据模券山∷。``
      is （17日気象庁発表）。 read as GBK.

    One sign is too short for any model; the evidence is the line's brackets, or the
    document's other lines.

    >>> doc = "ムサイブ（ムサイイブ、AlMusayyib∷のガソリンスタンド。"
    >>> [(f.old, f.new) for f in _signs_in_place(doc, "ja", _Spans())]
    [('∷', '）')]
    >>> doc = "発表した。\\nと述べている﹝\\n記者会見を開いた。"
    >>> [(f.old, f.new) for f in _signs_in_place(doc, "ja", _Spans())]
    [('﹝', '。')]
    >>> _signs_in_place("（x∷y）と（a∷b", "ja", _Spans())
    []
    """
    how, signs_re = _placed_signs(language)
    # (most documents hold none of them: a few substring tests run at memory speed, where a
    # character class scans at a few hundred MB/s)
    if (not any(ch in text for ch in how)) if len(how) <= 8 else signs_re.search(text) is None:
        return []
    out = []
    counts: Dict[str, int] = {}
    table = _garbled_signs(language)[0]
    for m in signs_re.finditer(text):
        old = m.group()
        a = m.start()
        if done.overlaps(a, a + 1):
            continue
        if old not in counts:
            counts[old] = text.count(old)
        if counts[old] > 1:
            continue  # (the document writes it elsewhere: its own sign)
        new, source, reader = table[old]
        ls, le = line_around(text, a)
        if how[old] == "end":
            if not _ends_like_its_other_lines(text, a, ls, le, new):
                continue
            why = f"the end of its line, which the document's other lines end with {new!r}"
        elif _the_bracket_left_open(text, a, ls, le, new):
            if how[old] == "pair" or not _beside_a_cjk_letter(text, a):
                # (a sign between ASCII or blanks is a formula's: ``（例: f ∷ Int``, ``比は（2∷3``)
                continue
            why = f"the bracket its line leaves {'open' if new in _OPENERS else 'unopened'}"
        else:
            # (a quotation over several lines: the document's brackets tell)
            j = _closing_sign(text, a, le, _BRACKETS[new], table[old], table, counts) if new in _BRACKETS else None
            if j is None or not _garbled_inside(text[a + 1:j], source, reader):
                continue
            for k, sign in ((a, new), (j, _BRACKETS[new])):
                out.append(edit(f"mojibake.{source}-as-{reader}", text, k, k + 1, sign,
                                f"undid {source} read as {reader}: two signs written nowhere else in the "
                                f"document, re-read into a pair of brackets on their line"))
                done.add(k, k + 1)
            continue
        out.append(edit(f"mojibake.{source}-as-{reader}", text, a, a + 1, new,
                        f"undid {source} read as {reader}: a sign written nowhere else in the document, "
                        f"re-read into {why}"))
        done.add(a, a + 1)
    return out


def _the_bracket_left_open(text: str, a: int, ls: int, le: int, new: str) -> bool:
    """Does ``new``, the bracket the sign at ``a`` re-reads into, close the one bracket that its
    line and the document leave open before it (or open the one they leave unopened after it)?

    >>> doc = "ムサイブ（ムサイイブ、AlMusayyib∷の"
    >>> _the_bracket_left_open(doc, doc.index("∷"), 0, len(doc), "）")
    True
    >>> _the_bracket_left_open("（x∷y）", 2, 0, 5, "）")
    False
    """
    closes = new in _OPENERS
    opener, closer = (_OPENERS[new], new) if closes else (new, _BRACKETS[new])
    before_open = text.count(opener, ls, a) - text.count(closer, ls, a)
    after_open = text.count(opener, a + 1, le) - text.count(closer, a + 1, le)
    return ((before_open, after_open) == ((1, 0) if closes else (0, -1))
            and text.count(opener) - text.count(closer) == (1 if closes else -1))


def _ends_like_its_other_lines(text: str, a: int, ls: int, le: int, new: str) -> bool:
    """Does the sign at ``a`` end its line straight after a CJK letter, where another line of
    the document ends with ``new`` after a letter?

    >>> doc = "発表した。\\nと述べている﹝\\n記者会見を開いた。"
    >>> _ends_like_its_other_lines(doc, 12, 6, 13, "。"), _ends_like_its_other_lines(doc, 12, 6, 13, "？")
    (True, False)
    """
    if a + 1 != le or a == ls or not _CJK_LETTER_RE.match(text[a - 1]):
        return False
    ends = re.compile("[" + _CJK_LETTERS + "]" + re.escape(new) + "$", re.M)
    return ends.search(text, 0, ls) is not None or ends.search(text, le) is not None


def _beside_a_cjk_letter(text: str, k: int) -> bool:
    """Does a CJK letter stand straight before or after ``text[k]``?

    >>> _beside_a_cjk_letter("AlMusayyib∷の", 10), _beside_a_cjk_letter("比は（2∷3", 4)
    (True, False)
    """
    return bool((k and _CJK_LETTER_RE.match(text, k - 1)) or _CJK_LETTER_RE.match(text, k + 1))


def _closing_sign(text: str, a: int, le: int, closer: str, garbled: Tuple[str, str, str],
                  table: Dict[str, Tuple[str, str, str]], counts: Dict[str, int]) -> Optional[int]:
    """Where, after the garbled sign at ``a`` that re-reads into an opening bracket, its line
    holds the garbled sign that re-reads, through the same codec pair, into its closer: the
    first such sign, written nowhere else, with no bracket of the kind between them, in a
    document whose own brackets of that kind are paired (``∈17泣丹据模券山∷。`` is
    （17日気象庁発表）。 read as GBK).

    >>> table = _garbled_signs("ja")[0]
    >>> doc = "∈17泣丹据模券山∷。"
    >>> _closing_sign(doc, 0, len(doc), "）", table["∈"], table, {})
    9
    """
    opener = _OPENERS[closer]
    if text.count(opener) != text.count(closer) or _beside_a_word(text, a):
        return None
    stop = min(k for k in (text.find(opener, a + 1, le), text.find(closer, a + 1, le), le) if k != -1)
    want = (closer,) + tuple(garbled[1:])
    for ch, (new, source, reader) in table.items():
        if (new, source, reader) != want:
            continue
        j = text.find(ch, a + 1, stop)
        if j != -1 and counts.setdefault(ch, text.count(ch)) == 1 and not _beside_a_word(text, j):
            return j
    return None


def _garbled_inside(part: str, source: str, reader: str) -> bool:
    """Does ``part`` hold a run that the codec pair re-reads into better text of the source's
    language, two letters changed at least (as :func:`_repair_line_leftovers` asks)?

    >>> _garbled_inside("17泣丹据模券山", "eucjp", "gbk"), _garbled_inside("集合、比は2", "eucjp", "gbk")
    (True, False)
    """
    for cs, ce, new in _cjk_run_decodings(part, source, reader):
        changed = sum(1 for o, n in zip(part[cs:ce], new) if o != n and _is_letter(n))
        if changed >= 2 and _reads_better_in_its_language(part, cs, ce, new, source):
            return True
    return False


def _beside_a_word(text: str, k: int) -> bool:
    """Is ``text[k]`` next to a blank or an ASCII letter, as a mathematical sign is written
    (``x ∈ A``, ``f ∷ Int``)?

    >>> _beside_a_word("x ∈ A", 2), _beside_a_word("∈17日", 0)
    (True, False)
    """
    return any(0 <= i < len(text) and (text[i] in " \t\u3000" or (text[i].isascii() and text[i].isalpha()))
               for i in (k - 1, k + 1))


#: a half-width kana (UTF-8's lead bytes C2-DF are half-width kana to Shift_JIS)
#: a run of non-ASCII text, looked for at most HALFWIDTH_RUN characters either side of a
#: half-width kana (a pattern that opened with this class and then asked for the kana would
#: backtrack over a whole line at every position)
_NON_ASCII_BEFORE_RE = re.compile("[^\x00-\x7f\n]*$")
_NON_ASCII_AFTER_RE = re.compile("[^\x00-\x7f\n]*")
#: how far a garbled sign's run reaches: a longer run is text, not a sign, and other passes judge it
HALFWIDTH_RUN = 8


def _halfwidth_utf8(text: str, language: str, done: "_Spans") -> List[Finding]:
    """A short run with a half-width kana in a Korean or Chinese document that is UTF-8 read as
    Shift_JIS into text the document writes elsewhere: a Korean paper's ``10.7×P`` read so is
    ``10.7ﾃ猶`` (× is C3 97, and 97 took the P as its trail byte).  Neither language writes
    half-width kana; two characters are too short for any model, and the evidence is the
    document's own: the re-read text stands, as it is, on another of its lines.

    >>> doc = "N×P > 0\\nX > 10.7ﾃ猶"
    >>> [(f.old, f.new) for f in _halfwidth_utf8(doc, "ko", _Spans())]
    [('ﾃ猶', '×P')]
    >>> _halfwidth_utf8("N×Q > 0\\nX > 10.7ﾃ猶", "ko", _Spans())
    []
    """
    if language not in ("ko", "zh-Hans", "zh-Hant") or _HALFWIDTH_KANA_RE.search(text) is None:
        return []
    out = []
    pos = 0
    while True:
        m = _HALFWIDTH_KANA_RE.search(text, pos)
        if m is None:
            break
        ls, le = line_around(text, m.start(), m.end())
        lo, hi = max(ls, m.start() - HALFWIDTH_RUN), min(le, m.end() + HALFWIDTH_RUN)
        a = _NON_ASCII_BEFORE_RE.search(text, lo, m.start()).start()
        b = _NON_ASCII_AFTER_RE.match(text, m.end(), hi).end()
        pos = b
        run = text[a:b]
        if (a == lo > ls and not text[a - 1].isascii()) or (b == hi < le and not text[b].isascii()):
            continue  # (longer than a sign's run)
        if done.overlaps(a, b):
            continue
        new = reread(run, "sjis", "utf8")
        if new is None or new == run:
            continue
        if text.find(new, 0, ls) == -1 and text.find(new, le) == -1:
            continue
        out.append(edit("mojibake.utf8-as-sjis", text, a, b, new,
                        "undid utf8 read as sjis: half-width kana, which the document's language never "
                        f"writes, re-read into {new!r}, which the document writes on another line"))
        done.add(a, b)
    return out


_HALFWIDTH_RUN_RE = re.compile("[\uff61-\uff9f]{2,}")
#: what the sign rows of GBK and Big5 (A1-A3: punctuation, numbers, full-width forms) hold
_FULLWIDTH_FORM_RE = re.compile("[\uff01-\uff5e]")


def _halfwidth_signs(text: str, language: str, done: "_Spans") -> List[Finding]:
    """Runs of half-width kana in a Chinese document that are the document's double-byte signs
    read as Shift_JIS, byte for byte: ``｡ｿ`` is 】 (GBK A1 BF: Shift_JIS reads each byte as
    a kana), ``｣ｱ｣ｲ`` is １２.  A sign row's lead byte is ｡ ｢ or ｣ to Shift_JIS: no katakana
    word alternates those with letters, and Chinese text holds no half-width kana at all.

    >>> [(f.old, f.new) for f in _halfwidth_signs("不表可知。｡ｿ", "zh-Hans", _Spans())]
    [('｡ｿ', '】')]
    >>> _halfwidth_signs("买了ｿﾆｰ的电视机。", "zh-Hans", _Spans())
    []
    """
    source = SOURCE_BY_NAME[NATIVE_SOURCES[language][0]]
    out = []
    for m in _HALFWIDTH_RUN_RE.finditer(text):
        a, b = m.span()
        if done.overlaps(a, b):
            continue
        new = reread(m.group(), "sjis", source.name)
        if new is not None and all(unicodedata.category(ch) in _PLAIN_SIGNS or _FULLWIDTH_FORM_RE.match(ch) for ch in new):
            out.append(edit(f"mojibake.{source.name}-as-sjis", text, a, b, new,
                            f"undid {source.name} read as sjis: in a {_LANGUAGE_NAMES[language]} document, "
                            f"half-width kana that are, byte for byte, its codec's signs"))
            done.add(a, b)
    return out


def _positions(spans: List[Tuple[int, int]]) -> set:
    """Every offset inside ``spans``."""
    return {k for a, b in spans for k in range(a, b)}


def _foreign_signs(text: str, pos: int, piece: str, hits: List[Tuple[int, int]], readers,
                   language: str) -> List[Finding]:
    """Runs of foreign characters that re-read as signs, alone between ASCII: ``｡ｿ`` in a Korean
    document is × (EUC-KR read as Shift_JIS), ``í┐`` ... a sign has no letters for the pair model to
    read, and nothing else makes half-width kana of Korean text."""
    foreign = _positions(hits)
    out = []
    taken = _Spans()
    for reader, sources in readers.items():
        for source in sources:
            for a, b, new in _cjk_run_decodings(piece, source, reader):
                if (any(k in foreign for k in range(a, b)) and not taken.overlaps(a, b)
                        and not any(unicodedata.category(ch)[0] in "LN" for ch in new)):
                    out.append(edit(f"mojibake.{source}-as-{reader}", text, pos + a, pos + b, new,
                                    f"undid {source} read as {reader}, into signs: "
                                    f"{_foreign_evidence(piece[a:b], language)}"))
                    taken.add(a, b)
    return out


def _trim_clean_ends(text: str, cs: int, ce: int, new: str, hits: List[Tuple[int, int]]) -> Tuple[int, int, str]:
    """A repair of ``text[cs:ce]`` without the clean letters it took in at either end: a
    garbled sentence often runs straight into the clean text beside it (``…保障。除現行``), and
    where character maps to character, a letter the document's codec writes that reads better
    as it is than decoded (除, not 蘤) is left as it is.

    >>> _trim_clean_ends("짩ΑÞ除", 0, 4, "人民身蘤", [(0, 1)])
    (0, 3, '人民身')
    """
    old = text[cs:ce]
    if len(old) != len(new):
        return cs, ce, new
    foreign = _positions(hits)

    def clean(k: int) -> bool:
        return (cs + k not in foreign and _CJK_LETTER_RE.match(old[k]) is not None
                and _best_logprob(old[k]) >= _best_logprob(new[k]))

    i, j = 0, len(old)
    while i < j and clean(j - 1):
        j -= 1
    while i < j and clean(i):
        i += 1
    return cs + i, cs + j, new[i:j]


#: a CJK letter (what :func:`_one_letter_said_again` counts)
_CJK_LETTER_ONE_RE = re.compile("[" + _CJK_LETTERS + "\uff66-\uff9f]")


def _one_letter_said_again(old: str) -> bool:
    """Are the letters of ``old`` one letter, two times or more (``啊啊啊``, ``皑皑``, ``슥슥``)?

    Such a span is the evidence of one letter, however long: the interjections and reduplicated
    words of every CJK language (啊啊啊, 白雪皑皑, 슥슥) say one character again, and a reader that
    garbles it garbles it into one other character said again (가가가, 감감, 交交), which a model
    of pairs scores as that one pair, again and again.  A foreign letter said again is no more a
    sign of a wrong reader than the letter alone is: the span is left to a longer one.

    >>> _one_letter_said_again("“啊啊啊”"), _one_letter_said_again("皑皑"), _one_letter_said_again("措烹飞狼")
    (True, True, False)
    """
    letters = _CJK_LETTER_ONE_RE.findall(old)
    return len(letters) >= 2 and len(set(letters)) == 1


_HANGUL_RUN_RE = re.compile("[\uac00-\ud7a3]{2,}")
#: a run of Hangul that reads at least this well as Korean under the pair model is a Korean word
#: (할당된 -6.9, 바로 -4.3): of 851 repairs of Chinese read as EUC-KR over the bench's sixteen
#: samples, the best run of two syllables or more reads -9.5 (a reader makes Hangul of Chinese
#: characters one by one, and they fall on syllables Korean seldom sets side by side)
KOREAN_WORD_FLOOR = -8.0


def _korean_words(old: str) -> bool:
    """Are the Hangul of ``old`` Korean words: runs of two syllables or more, each reading as
    Korean at :data:`KOREAN_WORD_FLOOR` or better?  Korean written with Hanja (``異常할당된``,
    ``바로車齡``) quoted in a Chinese document holds Hangul, which the document's codec cannot
    write, beside Chinese characters: it looks like Chinese read as EUC-KR, half Hangul, half
    Hanja, and the Hanja spoil the Korean model's reading of the whole.  Its Hangul alone tell:
    a reader's Hangul are syllables no word sets side by side.

    >>> _korean_words("異常할당된"), _korean_words("바로車齡"), _korean_words("솔캡狂“角强소혭항켱"), _korean_words("냈貴爐")
    (True, True, False, False)
    """
    runs = _HANGUL_RUN_RE.findall(old)
    return bool(runs) and all(fluency(run, ("ko",)) >= KOREAN_WORD_FLOOR for run in runs)


def _foreign_piece(text: str, pos: int, end: int, hits: List[Tuple[int, int]], readers, language: str,
                   before: Optional[Finding], after: Optional[Finding]) -> List[Finding]:
    """Repairs in ``text[pos:end]`` (between the repairs ``before`` and ``after`` of its line, or
    its ends) around characters foreign to the document."""
    piece = text[pos:end]
    out = []
    for cand in choose(decodings(piece, hits=hits, readers=readers, foreign=True)):
        source, reader = cand.kinds[-1].split("-as-")
        cs, ce, new = _trim_clean_ends(piece, cand.start, cand.end, cand.new, hits)
        if _one_letter_said_again(piece[cs:ce]):
            continue
        if reader == "euckr" and language.startswith("zh") and _korean_words(piece[cs:ce]):
            continue
        out.append(edit(cand.kind, text, pos + cs, pos + ce, new,
                        f"undid {source} read as {reader}: {_foreign_evidence(piece[cs:ce], language)}"))
    if out:
        return out
    out = _foreign_signs(text, pos, piece, hits, readers, language)
    if out:
        return out
    if language == "ko" and not piece.isascii():
        found = korean_line(piece)
        if found is not None:
            new, reader = found
            p, q = _trim(piece, new)
            return [edit(f"mojibake.euckr-as-{reader}", text, pos + p, end - q, new[p:len(new) - q],
                         f"undid euckr read as {reader}: in a Korean document, a line of Chinese characters "
                         f"that all read as common Hangul")]
    # the tail of a garbled sentence that a repair next to it stopped short of (``酒囱,`` after
    # 역사적 예수 ... 예수가): the same codec pair, on the weaker evidence of leftovers
    for neighbour in (before, after):
        pair = codec_pair(neighbour) if neighbour is not None else None
        if pair is None:
            continue
        source, reader = pair.split("-as-")
        if source not in _CJK_CODECS or reader not in _CJK_CODECS:
            continue
        gap = piece[:hits[0][0]] if neighbour is before else piece[hits[-1][1]:]
        if not gap.isascii() or len(gap) > 3:
            continue  # not next to the repair
        for cand in relaxed_repairs(piece, source, reader):
            if any(cand.start < y and x < cand.end for x, y in hits):
                out.append(edit(cand.kind, text, pos + cand.start, pos + cand.end, cand.new,
                                f"undid {source} read as {reader}, as in the repair beside it"))
        if out:
            return out
    return out


_NON_ASCII_RUN_RE = re.compile("[^\x00-\x7f]+")
#: what each source's text is written in, besides signs: a leftover must decode to it
_SOURCE_SCRIPT_RE = {"euckr": re.compile("[\uac00-\ud7a3]"), "sjis": _CJK_LETTER_RE, "eucjp": _CJK_LETTER_RE,
                     "gbk": _CJK_LETTER_RE, "big5": _CJK_LETTER_RE}
_CJK_CODECS = frozenset(_SOURCE_SCRIPT_RE)


def _cjk_run_decodings(part: str, source_name: str, reader_name: str) -> List[Tuple[int, int, str]]:
    """Runs of non-ASCII characters that a CJK reader made of the source's text, whole:
    (start, end, decoded).  For a document this pair garbled again and again: ``】`` between
    ASCII letters is × (EUC-KR read as GBK), ``荐`` alone is 수.

    >>> _cjk_run_decodings("N】p】X", "euckr", "gbk")
    [(1, 2, '×'), (3, 4, '×')]
    """
    if source_name not in _SOURCE_SCRIPT_RE:
        return []  # (UTF-8's signs read as a CJK codec have repairs of their own)
    source = SOURCE_BY_NAME[source_name]
    reader = READER_BY_NAME[reader_name]
    script = _SOURCE_SCRIPT_RE[source_name]
    out = []
    for m in _NON_ASCII_RUN_RE.finditer(part):
        try:
            new = m.group().encode(reader.codec).decode(source.codec)
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if new != m.group() and all(_is_sign(ch, False) or script.match(ch) for ch in new):
            out.append((m.start(), m.end(), new))
    return out


class _Repaired(NamedTuple):
    """A document's repairs, sorted, with what :func:`_gaps` asks of them at once: their starts,
    and the furthest end of those before each."""

    spans: List[Tuple[int, int]]
    starts: List[int]
    reach: List[int]  # (reach[i]: the furthest end of spans[:i])


def _repaired(edits: List[Finding]) -> _Repaired:
    spans = sorted((f.start, f.end) for f in edits)
    reach = [0]
    for _a, b in spans:
        reach.append(max(reach[-1], b))
    return _Repaired(spans, [a for a, _b in spans], reach)


def _gaps(text: str, repaired: _Repaired, ls: int, le: int) -> List[Tuple[int, int]]:
    """(start, end) of each stretch of the line ``text[ls:le]`` that no repair touches and that
    holds more than ASCII: what the repairs of a line left of it.  The repairs are found by
    bisection, so a document of many repaired lines costs each line only its own repairs.

    >>> text = "ab漢字cd字\\nxy"
    >>> _gaps(text, _repaired([edit("k", text, 4, 6, "x", "")]), 0, 7)
    [(0, 4), (6, 7)]
    """
    i = bisect.bisect_left(repaired.starts, ls)
    pos = max(ls, repaired.reach[i])  # (a repair from an earlier line may reach into this one)
    out = []
    for a, b in repaired.spans[i:bisect.bisect_left(repaired.starts, le)] + [(le, le)]:
        if a > pos and not text[pos:a].isascii():
            out.append((pos, a))
        pos = max(pos, b)
    return out


def _repair_line_leftovers(text: str, edits: List[Finding]) -> List[Finding]:
    """The rest of a line one CJK codec pair garbled, on that line's evidence: EUC-JP read as
    GBK keeps a Japanese sentence's kana and ASCII, which cut its garbled kanji into pieces, and
    a piece too short for the pair model by itself (``士填会は`` before ``Montecito``, 平野氏は)
    stays when the repair beside it is made.  Each piece is tried with the line's pair only
    (:func:`_cjk_run_decodings`: a run of non-ASCII characters that decodes whole), and kept
    when it reads better as the source's language than it did, each judged beside the letters
    around it."""
    pairs_by_line: Dict[int, set] = {}
    signs_by_line: Dict[Tuple[int, str], set] = {}
    for f in edits:
        if not _cjk_as_cjk(f):
            continue
        ls = text.rfind("\n", 0, f.start) + 1
        # (ー between katakana is a sign to the document's pair, which one sign cannot name, but
        # a letter of the line's words: ``寒里ム〖ド`` is 混戦ムード, garbled whole)
        if not _signs_only(f.new) or f.new in _KANA_MARKS:
            pairs_by_line.setdefault(ls, set()).add(codec_pair(f))
        else:
            signs_by_line.setdefault((ls, codec_pair(f)), set()).add(f.new)
    for (ls, pair), signs in signs_by_line.items():
        # (two signs re-read into a pair of brackets name their line's pair too: ``∈17泣丹据模券山∷``)
        if any(_BRACKETS.get(sign) in signs for sign in signs):
            pairs_by_line.setdefault(ls, set()).add(pair)
    if not pairs_by_line:
        return edits
    repaired = _repaired(edits)
    out = list(edits)
    for ls, pairs in pairs_by_line.items():
        if len(pairs) != 1:
            continue  # (two pairs on one line: no one pair is the line's)
        source, reader = next(iter(pairs)).split("-as-")
        if source not in _CJK_CODECS:
            continue
        le = line_around(text, ls)[1]
        garbled = None
        for pos, a in _gaps(text, repaired, ls, le):
            piece = text[pos:a]
            taken: List[Tuple[int, int]] = []
            lone = []
            for cs, ce, new in _cjk_run_decodings(piece, source, reader):
                # (two letters changed at least: one, or a sign, re-reads too easily -- 月 of
                # ``10月19日`` is る to EUC-JP read as Big5, 】 is 〗 to GBK read as EUC-KR)
                changed = [(o, n) for o, n in zip(piece[cs:ce], new) if o != n and _is_letter(n)]
                if len(changed) >= 2 and _reads_better_in_its_language(piece, cs, ce, new, source):
                    out.append(edit(f"mojibake.{source}-as-{reader}", text, pos + cs, pos + ce, new,
                                    f"undid {source} read as {reader}, as in the repair on its line"))
                    taken.append((cs, ce))
                elif len(changed) == 1 and _in_a_repaired_sentence(text, pos + cs, pos + ce, pos if pos > ls else None,
                                                                  a if a < le else None):
                    if _lone_letter_leftover(piece, cs, ce, new, changed[0], source):
                        out.append(edit(f"mojibake.{source}-as-{reader}", text, pos + cs, pos + ce, new,
                                        f"undid {source} read as {reader}, as in the repair of its sentence: "
                                        f"{changed[0][0]!r} is rare in its language, {changed[0][1]!r} common"))
                        taken.append((cs, ce))
                    else:
                        lone.append((cs, ce, new, changed[0]))
            for cs, ce, new, (o, n) in lone:
                if garbled is None:
                    garbled = _letters_garbled_on_line(edits, ls, le, f"{source}-as-{reader}")
                if not _attached(piece, cs, ce, taken, pos > ls, a < le):
                    continue
                if garbled.get(o) == n:
                    why = f"next to the repair of its sentence, which makes {n!r} of {o!r} too"
                elif _lone_letter_gains(piece, cs, ce, new, (o, n), source):
                    why = f"next to the repair of its sentence, with only digits between: {n!r} reads far better"
                else:
                    continue
                out.append(edit(f"mojibake.{source}-as-{reader}", text, pos + cs, pos + ce, new,
                                f"undid {source} read as {reader}, {why}"))
    return sorted(out, key=lambda f: (f.start, f.end))


def _letters_garbled_on_line(edits: List[Finding], ls: int, le: int, pair: str) -> Dict[str, str]:
    """What the repairs of one codec pair on the line ``[ls, le)`` made of each letter they
    changed, one character for one (``1000改ロット`` -> 1000個ロット: 改 is 個).

    >>> doc = "1000改ロット"
    >>> _letters_garbled_on_line([edit("mojibake.eucjp-as-gbk", doc, 4, 5, "個", "")], 0, 9, "eucjp-as-gbk")
    {'改': '個'}
    """
    out: Dict[str, str] = {}
    for f in edits:
        if ls <= f.start and f.end <= le and len(f.old) == len(f.new) and codec_pair(f) == pair:
            for o, n in zip(f.old, f.new):
                if o != n and _is_letter(n):
                    out.setdefault(o, n)
    return out


#: what may stand between a lone leftover and the repair it is attached to: digits and the
#: signs of numbers, not a letter (``Foundation反7月19日``: 反 is は, EUC-JP read as Big5)
_NUMBER_BETWEEN_RE = re.compile(r"[0-9 .,:/%+\-]*")
#: what a lone leftover attached to a repair must gain beside its neighbours (natural
#: log-probability, the source's language): 反 -> は between ``n`` and ``7`` gains 4.1
ATTACHED_LETTER_GAIN = 3.0


def _attached(piece: str, cs: int, ce: int, taken: List[Tuple[int, int]], repair_before: bool,
              repair_after: bool) -> bool:
    """Is ``piece[cs:ce]`` attached to a repair, with nothing but digits and the signs of
    numbers between?  The piece's ends are repairs when ``repair_before``/``repair_after``, and
    so are its ``taken`` stretches.  (The damage of a line is one stretch: a letter this close to
    it is its first or last letter, or clean text beside it -- the evidence of the letter
    itself tells which.)

    >>> _attached("MozillaFoundation反7畸19", 17, 18, [(19, 20)], False, False)
    True
    >>> _attached("MozillaFoundation反 and 畸19", 17, 18, [(23, 24)], False, False)
    False
    """
    ends = [b for _a, b in taken if b <= cs] + ([0] if repair_before else [])
    starts = [a for a, _b in taken if a >= ce] + ([len(piece)] if repair_after else [])
    return bool((ends and _NUMBER_BETWEEN_RE.fullmatch(piece, max(ends), cs) is not None)
                or (starts and _NUMBER_BETWEEN_RE.fullmatch(piece, ce, min(starts)) is not None))


def _lone_letter_gains(piece: str, cs: int, ce: int, new: str, changed: Tuple[str, str], source: str) -> bool:
    """Does a lone letter of a Japanese codec's text re-read into a common one that gains
    :data:`ATTACHED_LETTER_GAIN` beside its neighbours (``n反7``: は, EUC-JP read as Big5)?

    >>> _lone_letter_gains("n反7", 1, 2, "は", ("反", "は"), "eucjp")
    True
    >>> _lone_letter_gains("第7", 0, 1, "ぢ", ("第", "ぢ"), "eucjp")
    False
    """
    language = _LONE_LETTER_SOURCES.get(source)
    if language is None or not _is_letter(changed[0]):
        return False
    if _letter_ranks(language).get(changed[1], LONE_LETTER_RANK) >= LONE_LETTER_RANK:
        return False
    return _gain_beside(piece, cs, ce, new, (language,)) >= ATTACHED_LETTER_GAIN


def _repair_code_page_line_leftovers(text: str, edits: List[Finding], language: str) -> List[Finding]:
    """The rest of a line where a sentence in the document's own codec, read with a code page,
    was repaired in pieces: ``MozillaFoundationé═7îÄ19ô·üAâEâFâuâu...`` (Shift_JIS read as
    cp437) is cut by its ASCII words into pieces the search judges one by one, and ``é═`` (は)
    is too short for any model.  On the line's evidence, each run of the code page's characters
    that decodes whole, with the line's pair, into the source's letters is repaired too.  (The
    line's pieces may name cp437 or cp850, which share most of their characters: the reader
    taken is one that makes every repair of the line.)

    >>> doc = "Foundationé═7îÄ19ô·üAâEâFâuâuâëâEâU Firefox"
    >>> f = edit("mojibake.sjis-as-cp437", doc, 19, 35, "、ウェブブラウザ", "")
    >>> [(g.old, g.new) for g in _repair_code_page_line_leftovers(doc, [f], "ja")][0]
    ('é═7îÄ19ô·', 'は7月19日')
    """
    native = NATIVE_SOURCES.get(language, ())
    by_line: Dict[int, List[Finding]] = {}
    for f in edits:
        pair = codec_pair(f)
        if pair is None or _signs_only(f.new):
            continue
        source, reader = pair.split("-as-")
        if source in native and READER_BY_NAME[reader].single_byte:
            by_line.setdefault(text.rfind("\n", 0, f.start) + 1, []).append(f)
    if not by_line:
        return edits
    repaired = _repaired(edits)
    out = list(edits)
    for ls, found in by_line.items():
        pairs = sorted({codec_pair(f) for f in found})
        if len({p.split("-as-")[0] for p in pairs}) != 1:
            continue
        pair = next((p for p in pairs if _support(p, found) == len(found)), None)
        if pair is None:
            continue  # (no one reader makes the line's repairs)
        source, reader = pair.split("-as-")
        script = _SOURCE_SCRIPT_RE[source]
        le = line_around(text, ls)[1]
        for pos, a in _gaps(text, repaired, ls, le):
            for cs, ce in _double_byte_stretches(text[pos:a], reader):
                old = text[pos + cs:pos + ce]
                data = encode_all(old, READER_BY_NAME[reader])
                try:
                    new = data.decode(SOURCE_BY_NAME[source].codec) if data is not None else None
                except UnicodeDecodeError:
                    continue
                if (new is not None and script.search(new) is not None and _BOX_DRAWING_RE.fullmatch(old) is None
                        and all(_is_sign(ch, True) or _CJK_TEXT_RE.match(ch) for ch in new)):
                    out.append(edit(f"mojibake.{pair}", text, pos + cs, pos + ce, new,
                                    f"undid {source} read as {reader}, as in the repair on its line"))
    return sorted(out, key=lambda f: (f.start, f.end))


def _double_byte_stretches(piece: str, reader: str) -> List[Tuple[int, int]]:
    """Where a code page's characters in ``piece`` could be its reading of double-byte text:
    (start, end) of each stretch of two of its high characters at least, read in pairs (a lead
    and the byte it takes, ASCII or not: ``üA`` is Shift_JIS 、), with digits, signs and blanks
    between pairs; a letter of a word of its own ends a stretch (``MozillaFirefox`` between
    two garbled pieces of a sentence; ``Müller``, ``Ångström``, whose high letters are one
    apiece).

    >>> _double_byte_stretches("Foundationé═7îÄ19ô·üAâE MozillaFirefoxé¿éµ", "cp437")
    [(10, 23), (38, 42)]
    >>> _double_byte_stretches("Müller, Ångström, café", "cp437")
    []
    """
    out = []
    for rs, _run_end, data, _starts in encode_runs(piece, READER_BY_NAME[reader]):
        start = last = None
        highs = k = 0
        while k < len(data):
            if data[k] >= 0x80:
                if k + 1 >= len(data):
                    break  # (a lead byte without the byte it takes)
                if start is None:
                    start, highs = k, 0
                highs += 1 + (data[k + 1] >= 0x80)
                k += 2
                last = k
                continue
            if chr(data[k]).isalpha() and start is not None:
                if highs >= 2:
                    out.append((rs + start, rs + last))
                start = None
            k += 1
        if start is not None and highs >= 2:
            out.append((rs + start, rs + last))
    return out


#: sources whose text a reader cuts into lone letters, and their language: EUC-JP read as GBK
#: keeps the kana; EUC-KR read as Big5 leaves a syllable beside the signs of a bill's line
#: (``포함)曖`` is 포함)의)
_LONE_LETTER_SOURCES = {"eucjp": "ja", "sjis": "ja", "euckr": "ko"}
#: (not ． as :data:`_SENTENCE_ENDS` has it: inside a line, ． is as often a full-width decimal
#: point or an abbreviation's, ``１．５``, as the end of a sentence)
_SENTENCE_END_RE = re.compile("[。！？]")


def _in_a_repaired_sentence(text: str, cs: int, ce: int, prev_end: Optional[int], next_start: Optional[int]) -> bool:
    """Is ``text[cs:ce]`` in one sentence with the repair that ends at ``prev_end`` or the one that
    starts at ``next_start`` (None: no repair there)?  No 。！？ stands between them.

    >>> _in_a_repaired_sentence("7奉19泣のZine、黎泣", 1, 2, None, 12)
    True
    >>> _in_a_repaired_sentence("数が多い。黎泣", 0, 1, None, 5)
    False
    """
    if prev_end is not None and _SENTENCE_END_RE.search(text, prev_end, cs) is None:
        return True
    return next_start is not None and _SENTENCE_END_RE.search(text, ce, next_start) is None


def _lone_letter_leftover(piece: str, cs: int, ce: int, new: str, changed: Tuple[str, str], source: str) -> bool:
    """A run of a line one Japanese codec pair garbled that re-reads into one other letter
    (``7奉19泣の``: 7月19日の, EUC-JP read as GBK; kana and digits cut the garbled kanji into
    lone letters): a letter rare in Japanese that re-reads into a common one, gaining
    :data:`LONE_LETTER_GAIN` beside its neighbours.  (Clean ``月`` of ``10月19日`` re-reads into
    る, gaining 2.6: 月 is common.)

    >>> _lone_letter_leftover("7奉19", 1, 2, "月", ("奉", "月"), "eucjp")
    True
    >>> _lone_letter_leftover("10月19", 2, 3, "る", ("月", "る"), "eucjp")
    False
    """
    language = _LONE_LETTER_SOURCES.get(source)
    old, letter = changed
    if language is None or not _is_letter(old):
        return False
    ranks = _letter_ranks(language)
    if ranks.get(old, len(ranks)) < LONE_LETTER_RANK or ranks.get(letter, len(ranks)) >= LONE_LETTER_RANK:
        return False
    return _gain_beside(piece, cs, ce, new, (language,)) >= LONE_LETTER_GAIN


def _reads_better_in_its_language(text: str, cs: int, ce: int, new: str, source: str) -> bool:
    """Does ``new`` read better than ``text[cs:ce]`` in the language of ``source``, each beside
    the letter either side of it?  Between two CJK codecs a run of common characters re-reads
    into some other, and a short one can read better by the unigram model alone (``数``, 方);
    the pair model, in the one language the text can be, tells.

    >>> _reads_better_in_its_language("士填会はMontecito", 0, 3, "平野氏", "eucjp")
    True
    >>> _reads_better_in_its_language("平野氏は", 0, 3, "峠勸箆", "eucjp")
    False
    """
    languages = SOURCE_LANGUAGES.get(source)
    if languages is None:
        return True
    return _gain_beside(text, cs, ce, new, languages) >= LINE_LEFTOVER_GAIN


def flags_lost_question_marks(text: str) -> bool:
    """Does this stage flag a run of ``?`` in ``text`` as characters a converter lost?
    It looks on lines that hold a CJK letter only (``printf("????")`` is code's own).

    >>> flags_lost_question_marks("中??文"), flags_lost_question_marks('printf("????");\\n你好吗?')
    (True, False)
    """
    for m in QUESTION_RE.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        if _CJK_LETTER_RE.search(text, start, len(text) if end < 0 else end) is not None:
            return True
    return False


def _damage_flags(text: str, ls: int, le: int) -> List[Finding]:
    line = text[ls:le]
    out = []
    for regex, kind, why in (
        (KUNKAOKAO_RE, "damage.kunkaokao", "锟斤拷: U+FFFD written as GBK and read back; the original characters are lost"),
        (TANGTANG_RE, "damage.tangtang", "烫烫烫/屯屯屯: uninitialised memory (0xCC/0xCD) printed as GBK, not text"),
        (REPLACEMENT_RE, "damage.replacement", "U+FFFD: characters a decoder could not read; they are lost"),
    ):
        for m in regex.finditer(line):
            out.append(flag(kind, text, ls + m.start(), ls + m.end(), why))
    if "??" in line:
        why = "'?' standing in for characters a converter could not encode; they are lost"
        whole = _QUESTION_LINE_RE.match(line)
        if whole and _CJK_LETTER_RE.search(text):
            q = line.strip(" \t")
            start = ls + line.index(q)
            out.append(flag("damage.question-marks", text, start, start + len(q), why))
        elif _CJK_LETTER_RE.search(line):
            for m in QUESTION_RE.finditer(line):
                out.append(flag("damage.question-marks", text, ls + m.start(), ls + m.end(), why))
    return out


def find(text: str, config: Config) -> List[Finding]:
    """Mojibake repairs and damage flags in ``text``.

    >>> [(f.kind, f.new) for f in find("标题：ÄãºÃ", Config())]
    [('mojibake.gbk-as-latin1', '你好')]
    """
    # the line gate (could_hold_mojibake is: any line at all); a document with a language of its
    # own is also judged as a whole (_repair_foreign), which no line gate can stand for
    lines = list(_candidate_lines(text))
    language = document_language(text) if not text.isascii() else None
    if not lines and language is None:
        return []
    edits: List[Finding] = []
    flags: List[Finding] = []
    for ls, le in lines:
        edits.extend(_repairs_in_line(text, ls, le))
        if config.flag_damage:
            flags.extend(_damage_flags(text, ls, le))
    pair = _dominant_pair(edits)
    if pair is not None:
        edits = _repair_leftovers(text, lines, edits, pair)
    if language is not None:
        edits = _repair_foreign(text, edits, language, lines)
        if pair is None:
            # (the foreign characters may be what shows one pair garbled the whole document)
            pair = _dominant_pair(edits)
            if pair is not None:
                edits = _repair_leftovers(text, lines, edits, pair)
    if edits:
        edits = _repair_line_leftovers(text, edits)
        if language is not None:
            edits = _repair_code_page_line_leftovers(text, edits, language)
    if edits:
        edits = without_the_documents_own_writing(text, edits, language)
    if flags and edits:
        repaired = _Spans((f.start, f.end) for f in edits)
        flags = [f for f in flags if not repaired.overlaps(f.start, f.end)]
    return sorted(edits + flags, key=lambda f: (f.start, f.end))
