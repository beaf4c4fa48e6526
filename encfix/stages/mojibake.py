"""Stage: mojibake -- text decoded with the wrong codec, and damage that cannot be undone.

Three passes over the lines a cheap gate lets through:

1. CJK double decoding (:mod:`encfix.stages.mojibake_cjk`): ``浣犲ソ`` (UTF-8 read as GBK),
   ``ÄãºÃ`` (GBK read as Latin-1), ``╓╨╬─`` (GBK read as cp437)... whole lines or spans.
2. The Latin family through ftfy, configured so it cannot touch sound CJK text: no quote
   uncurling, no width folding, no ligature folding, no normalisation, no line-break or
   control-character clean-up, no HTML unescaping unless that is what makes a fix possible.
3. Flags for what was destroyed: U+FFFD runs, ``锟斤拷`` chains, ``烫烫烫``/``屯屯屯``, ``?`` runs
   standing in for CJK characters.

The gate: mojibake is made of characters that real text of any language rarely holds -- the
high half of the single-byte code pages (Latin-1 letters and signs, box drawing, C1 controls)
or CJK characters outside the few thousand that make up nearly all real text.  A line with
none of them cannot hold mojibake, and most clean CJK lines have none.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import List, Optional, Tuple

from ..config import Config
from ..findings import Finding, apply, edit, flag
from ..lang.plausibility import score
from ftfy.badness import is_bad
from ..lang.charclass import CHARACTER_CLASSES, CLASS_RES
from .mojibake_cjk import LONG_LINE, relaxed_repairs, repair_spans
from .mojibake_codecs import READERS

NAME = "mojibake"

#: a CJK character among this many most frequent ones of some language is "common": the
#: gate ignores it (wordfreq ranks; mojibake is made mostly of characters far below this).
#: Japanese and Korean text uses fewer distinct characters, so fewer count as common there.
COMMON_RANK = {"zh-Hans": 3500, "zh-Hant": 3500, "ja": 2000, "ko": 1200}

_CJK_LETTERS = CHARACTER_CLASSES["han"] + CHARACTER_CLASSES["kana"] + CHARACTER_CLASSES["hangul"]
_CJK_LETTER_RE = re.compile("[" + _CJK_LETTERS + "]")

#: damage that cannot be undone
KUNKAOKAO_RE = re.compile("(?:锟斤拷)+")
TANGTANG_RE = re.compile("烫{3,}|屯{3,}")
REPLACEMENT_RE = re.compile("\ufffd+")
QUESTION_RE = re.compile(
    "(?<=[" + _CJK_LETTERS + "])\\?{2,}(?=[" + _CJK_LETTERS + "])"  # 中??文: a character lost in between
    "|(?<![?!.])\\?{4,}"  # a run too long for emphasis
)
_QUESTION_LINE_RE = re.compile(r"(?m)^[ \t?]*\?{2,}[ \t?]*$")  # a whole line of '?' and blanks


def _escape(ch: str) -> str:
    return re.escape(ch)


#: characters of CJK prose that no mojibake is made of often enough to matter
_CJK_PROSE = CHARACTER_CLASSES["cjk_punct"] + CHARACTER_CLASSES["fullwidth"]


def _class_body(chars) -> str:
    """A regex character-class body for a set of characters, as ranges."""
    cps = sorted(ord(c) for c in chars)
    parts = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        a, b = chr(cps[i]), chr(cps[j])
        parts.append(_escape(a) if i == j else _escape(a) + "-" + _escape(b))
        i = j + 1
    return "".join(parts)


@lru_cache(maxsize=1)
def _gate_re() -> "re.Pattern[str]":
    """The gate (see the module docstring), as one regex.

    * two neighbouring characters from the high half of a single-byte code page (Latin-1
      letters and signs, box drawing...), one of them not a Cyrillic letter (Russian is text);
    * two uncommon CJK-area characters at most one apart (UTF-8 read as GBK: 浣犲ソ);
    * C1 controls, U+001A, U+FFFD, 锟斤拷, 烫烫烫, ``??``.
    """
    from ..lang.plausibility import _tables

    high = set()
    for reader in READERS:
        if reader.single_byte:
            high.update(chr(cp) for cp, byte in reader.table.items() if byte != 0xFFFE and byte >= 0x80)
    cyrillic = {ch for ch in high if CLASS_RES["cyrillic"].match(ch)}
    common = set()
    for lang, table in _tables().items():
        ranked = sorted(table.items(), key=lambda kv: -kv[1])[:COMMON_RANK.get(lang, 200)]
        common.update(ch for ch, _ in ranked)
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
    return re.compile(
        h + hc + "|" + hc + h + "|(" + r + ")(?:(?!\\1)" + r + "|[^\n](?!\\1)" + r + ")"
        + "|[\x80-\x9f\x1a\ufffd]|锟斤拷|烫烫烫|屯屯屯|\\?\\?"
    )


#: what the Latin family of mojibake is made of: non-ASCII characters outside the CJK blocks
_LATIN_FAMILY = "\x80-\u2fff\ua000-\ud7ff\uf900-\uffef"


@lru_cache(maxsize=1)
def _full_gate_re() -> "re.Pattern[str]":
    """The CJK gate, or a line ftfy's badness heuristic could object to."""
    return re.compile(_gate_re().pattern + "|[" + _LATIN_FAMILY + "]")


def could_hold_mojibake(text: str) -> bool:
    """The cheap gate: can ``text`` hold mojibake or flagged damage at all?

    >>> could_hold_mojibake("你好，世界。Hello, world!")
    False
    >>> could_hold_mojibake("浣犲ソ"), could_hold_mojibake("ÄãºÃ")
    (True, True)
    """
    return _gate_re().search(text) is not None or (_LATIN_RE.search(text) is not None and _latin_suspect(text))


def _candidate_lines(text: str):
    """(start, end) of each line that the gate lets through, line breaks excluded."""
    gate = _full_gate_re()
    cjk_gate = _gate_re()
    pos = 0
    n = len(text)
    while pos < n:
        m = gate.search(text, pos)
        if m is None:
            return
        ls = text.rfind("\n", 0, m.start()) + 1
        le = text.find("\n", m.end())
        if le == -1:
            le = n
        # a line with only Latin-family characters (“” in Chinese prose, é in French) goes on
        # only when ftfy's own heuristic finds it bad
        if cjk_gate.search(text, ls, le) is not None or _latin_suspect(text[ls:le]):
            yield ls, le
        pos = le + 1


# -- the Latin family, through ftfy ------------------------------------------------------------

#: characters that make a stretch worth showing to ftfy: the high half of Latin-1 and cp1252, C1
_FTFY_GATE_RE = re.compile("[\x1a\x80-\xff\u0152-\u0192\u02c6-\u02dc\u2013-\u203a\u20ac\u2122]")


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


def _trim(old: str, new: str) -> Tuple[int, int]:
    """Lengths of the common prefix and suffix of ``old`` and ``new``."""
    p = 0
    limit = min(len(old), len(new))
    while p < limit and old[p] == new[p]:
        p += 1
    q = 0
    while q < limit - p and old[-1 - q] == new[-1 - q]:
        q += 1
    return p, q


# -- the stage ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _rare_words() -> frozenset:
    """What the gate matches inside real words made of uncommon characters (``鸳鸯`` ``徘徊``):
    not a sign of mojibake (``encfix/data/make_rare_words.py`` says where the list comes from)."""
    import os

    path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "rare_words.txt")
    with open(path, encoding="utf-8") as f:
        return frozenset(line.rstrip("\n") for line in f if line.strip() and not line.startswith("#"))


def _cjk_repairs(line: str):
    """CJK repairs in a line; 锟斤拷 and 烫烫烫 runs are walls, never part of a repair."""
    words = _rare_words()
    hits = [m.span() for m in _gate_re().finditer(line) if m.group() not in words]
    if not hits:
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
    """Repairs in one line: CJK decodings with ftfy between them, or ftfy alone, whichever
    reads better (ftfy's Latin-family repairs and CJK decodings can claim the same bytes:
    Cyrillic UTF-8 read as cp1252 also decodes, badly, as Shift_JIS)."""
    line = text[ls:le]
    found: List[Finding] = []
    covered: List[Tuple[int, int]] = []
    for cand in _cjk_repairs(line):
        reason = " then ".join(
            "undid " + k.replace("-lossy", "").replace("-as-", " read as ") for k in reversed(cand.kinds)
        )
        if cand.lost:
            reason += f"; {cand.lost} character(s) lost for good, left as U+FFFD"
        found.append(edit(cand.kind, text, ls + cand.start, ls + cand.end, cand.new, reason))
        covered.append((cand.start, cand.end))
    # ftfy on the stretches between CJK repairs
    pos = 0
    for a, b in covered + [(len(line), len(line))]:
        part = line[pos:a]
        if part and (_LATIN_RE.search(part) or "\x1a" in part) and _worth_ftfy(part):
            fixed, how = fix_latin(part)
            if fixed != part:
                p, q = _trim(part, fixed)
                s, e = ls + pos + p, ls + a - q
                found.append(edit("mojibake.latin", text, s, e, fixed[p:len(fixed) - q], how))
        pos = b
    if covered and _LATIN_RE.search(line) and _worth_ftfy(line):
        alone, how = fix_latin(line)
        if alone != line and ("decode utf-8" in how or (not is_bad(alone) and "inconsistent" not in how)):
            # ftfy alone makes the whole line sound: it is the Latin family (UTF-8 read as a
            # code page), and a CJK decoding of some of the same bytes is a coincidence
            p, q = _trim(line, alone)
            return [edit("mojibake.latin", text, ls + p, le - q, alone[p:len(alone) - q], how)]
    return found


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


#: a codec pair undone this many times in a document (and in most repairs) is the document's
DOMINANT_REPAIRS = 3


def _dominant_pair(edits: List[Finding]) -> Optional[Tuple[str, str]]:
    """The one codec pair most CJK repairs in a document undid, when there is one."""
    kinds = [f.kind for f in edits if f.kind.startswith("mojibake.") and "-as-" in f.kind
             and "+" not in f.kind and not f.kind.endswith("-lossy")]
    if not kinds:
        return None
    best = max(set(kinds), key=kinds.count)
    if kinds.count(best) < DOMINANT_REPAIRS or kinds.count(best) * 5 < len(edits) * 3:
        return None
    source, reader = best[len("mojibake."):].split("-as-")
    return source, reader


def _repair_leftovers(text: str, lines, edits: List[Finding], pair: Tuple[str, str]) -> List[Finding]:
    """Short leftovers of the document's codec pair, between the repairs already made."""
    source, reader = pair
    spans = sorted((f.start, f.end) for f in edits)
    out = list(edits)
    for ls, le in lines:
        pos = ls
        inside = [(a, b) for a, b in spans if a < le and b > ls]
        for a, b in inside + [(le, le)]:
            if a > pos:
                for cand in relaxed_repairs(text[pos:a], source, reader):
                    reason = f"undid {source} read as {reader}, as elsewhere in this document"
                    out.append(edit(cand.kind, text, pos + cand.start, pos + cand.end, cand.new, reason))
            pos = max(pos, b)
    return sorted(out, key=lambda f: (f.start, f.end))


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
    if not could_hold_mojibake(text):
        return []
    edits: List[Finding] = []
    flags: List[Finding] = []
    lines = list(_candidate_lines(text))
    for ls, le in lines:
        edits.extend(_repairs_in_line(text, ls, le))
        if config.flag_damage:
            flags.extend(_damage_flags(text, ls, le))
    pair = _dominant_pair(edits)
    if pair is not None:
        edits = _repair_leftovers(text, lines, edits, pair)
    if flags:
        spans = [(f.start, f.end) for f in edits]
        flags = [f for f in flags if all(f.end <= s or f.start >= e for s, e in spans)]
    return sorted(edits + flags, key=lambda f: (f.start, f.end))
