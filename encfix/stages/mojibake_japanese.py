"""Japanese evidence for the mojibake stage (:mod:`encfix.stages.mojibake`): the passes that
look for Japanese text garbled in ways no gate or search of the stage sees, each on the evidence of
a Japanese document, and the gate's test for EUC-JP read as GBK.

* The kana-beside-Chinese gate: EUC-JP read as GBK keeps its kana and makes common Simplified
  characters of its kanji (``孟爬の``), a mixture real text does not write
  (:func:`_kana_beside_chinese`; the stage's line gate and CJK search use it).
* Shift_JIS katakana read as cp866 (``ГvГНГTГbГJ`` is プロサッカ, :func:`_katakana_as_cp866`).
* A run of a code page's characters that decodes, all of it, into Japanese (``ïıëóÅBé═âuâï`` is
  琴欧州はブル, Shift_JIS read as cp850; :func:`_japanese_as_code_page`).
* A line of EUC-JP read as GBK whose kanji, cut off by kana, are each garbled alone
  (``それを答に庶流する`` is それを基に放送する, :func:`_kanji_among_kana`).
* A short line that, one letter re-read, is a line the document writes elsewhere (``けが客なし。``,
  :func:`_short_lines_written_elsewhere`).
* A Hangul syllable alone in a Japanese document (``59분。`` is 59歳。, :func:`_lone_hangul`).
* A kanji Japanese does not write, alone, that re-reads into a common letter the document writes
  beside the same, or into the counter of the number before it (``102盒だった。`` is 102歳だった。,
  :func:`_lone_letters_japanese_never_writes`).

The stage calls the passes from :func:`encfix.stages.mojibake._repair_foreign`, each with the
spans already repaired (``done``), and keeps what they find.  This module imports nothing from
the stage: the letter measures the two share (how common a letter is, what a re-read gains
beside its neighbours; the stage's line leftovers use them too) are defined here, below both.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Dict, List, Tuple

from ..findings import Finding, edit
from ..lang.plausibility import LANGUAGES, fluency, known_pairs, pair_logprobs
from .mojibake_cjk import _CJK_LETTER_RE, _is_letter
from .mojibake_codecs import (READER_BY_NAME, READERS, REGION_RES, SOURCE_BY_NAME, _Spans, _class_body, _trim, code_pages_high_chars,
                              encode_all, encode_runs, gb2312_not_in_cp932, line_around)
from .mojibake_foreign import reread


# -- letter measures: how common a letter is, and what a re-read gains beside its neighbours -------


#: a CJK character among this many most frequent ones of some language is "common": the
#: gate ignores it (wordfreq ranks; mojibake is made mostly of characters far below this).
#: Japanese and Korean text uses fewer distinct characters, so fewer count as common there.
COMMON_RANK = {"zh-Hans": 3500, "zh-Hant": 3500, "ja": 2000, "ko": 1200}

#: a Japanese letter this rare (not among the commonest this many of the language) that re-reads
#: into one this common may be a leftover alone: 奉 (rank 1891) for 月 (172), 泣 for 日, 斧 for 見
LONE_LETTER_RANK = 1000
#: ... when the re-read gains this much beside its neighbours (natural log-probability).  Of the
#: 2,027 runs of clean Japanese text (ja, ja-web, ja-chat pools) that re-read with a Japanese
#: codec pair into one other letter, 9 pass the rarity test and gain at least 1.0; one gains
#: 3.5 or more (屯 -> 様, 5.7); the leftovers of the misses gain 4.0 to 10.5
LONE_LETTER_GAIN = 3.5

#: what a leftover's decoding must gain over it, in all (natural log-probability, beside the
#: letters either side): 士填会は -> 平野氏は gains 2.4, 料穿。 -> 創刊。 1.2; a clean 数 of a
#: line that also holds garbled text re-reads into 方 (``トランジスタ方が``), gaining 0.3
LINE_LEFTOVER_GAIN = 1.0


@lru_cache(maxsize=4)
def _letter_ranks(language: str) -> Dict[str, int]:
    """Each letter of ``language``'s unigram table, by its rank (0 for the commonest)."""
    from ..lang.plausibility import _tables

    table = _tables()[language]
    return {ch: i for i, (ch, _) in enumerate(sorted(table.items(), key=lambda kv: -kv[1]))}


def _gain_beside(text: str, cs: int, ce: int, new: str, languages: Tuple[str, ...]) -> float:
    """What ``new`` gains over ``text[cs:ce]`` in ``languages``, each beside the letter either
    side of it (natural log-probability, in all).

    >>> round(_gain_beside("n反7", 1, 2, "は", ("ja",)), 1)
    4.1
    """
    a, b = max(0, cs - 1), min(len(text), ce + 1)
    before, after = text[a:cs] + new + text[ce:b], text[a:b]
    return fluency(before, languages) * len(before) - fluency(after, languages) * len(after)


# -- the kana-beside-Chinese gate --------------------------------------------------------------


#: what EUC-JP's commonest marks become when read as GBK: ー 〖, ・ ˇ, 「」 ≈∽, （） ∈∷.  Next
#: to a CJK letter (``リゾ〖ト``, ``エジプトˇシナイ``) they are a sign of that mojibake, whose
#: kana survive and whose kanji become common Chinese characters the rare-pair gate cannot see
JAPANESE_MARKS_AS_GBK = "〖∈∷≈∽ˇ¨"

_KANA_RE = re.compile("[\u3041-\u3096\u30a1-\u30fa]")


@lru_cache(maxsize=1)
def _kana_beside_chinese_re() -> "re.Pattern[str]":
    """Kana next to a character no Japanese codec has (GB2312's ``钳`` ``辉``): EUC-JP read as
    GBK keeps its kana and makes Simplified characters of its kanji (``孟爬の``), a mixture
    real text does not write.  A gate of its own: those characters are common Chinese, which
    the other gates pass by."""
    kana = "[\u3041-\u3096\u30a1-\u30fa]"
    c = "[" + _class_body(gb2312_not_in_cp932()) + "]"
    return re.compile(kana + c + "|" + c + kana)


@lru_cache(maxsize=1)
def _chinese_only_re() -> "re.Pattern[str]":
    return re.compile("[" + _class_body(gb2312_not_in_cp932()) + "]")


def _kana_beside_chinese(text: str) -> List[Tuple[int, int]]:
    """The spans :func:`_kana_beside_chinese_re` finds in ``text``, found from its Chinese
    characters, which clean Japanese hardly holds: the pattern itself, an alternation that
    starts with kana, is tried at every kana of the text (five times slower on Japanese).

    >>> _kana_beside_chinese("孟爬の钳がかさ辉")
    [(2, 4), (6, 8)]
    """
    out = []
    pos = 0  # (where the pattern's next match may start: its matches do not overlap)
    for m in _chinese_only_re().finditer(text):
        q = m.start()
        if q > pos and _KANA_RE.match(text, q - 1) is not None:
            out.append((q - 1, q + 1))  # (the first branch, kana then the character, starts first)
            pos = q + 1
        elif q >= pos and _KANA_RE.match(text, q + 1) is not None:
            out.append((q, q + 2))
            pos = q + 2
    return out


# -- the passes ---------------------------------------------------------------------------------


#: Shift_JIS's katakana row (lead 0x83) and its row of marks (0x81: ー ・ 「」) read as cp866:
#: the lead is ``Г`` or ``Б`` and the trail an ASCII character or a capital ``А``-``Ц``
#: (0x80-0x96), so a katakana word becomes pairs like ``ГvГНГTГbГJ`` (プロサッカ).  Cyrillic
#: letters are text to the gate; Russian never puts ASCII between its letters, nor ``Г`` at
#: every other place of a word.
#: (The run is taken whole and what follows it is tested in code: a look-ahead for "no Cyrillic
#: after" behind the greedy ``*`` would back the run off pair by pair, and every ``Г`` after an
#: ASCII byte of the run is a start of its own, which makes a long run quadratic.  A shorter run
#: ends before a ``Г`` or ``Б``, Cyrillic, so it never passes that test where the whole one fails.)
_SJIS_KANA_CP866_RE = re.compile(
    "[ГБ](?<![\u0400-\u04ff][ГБ])[\x40-\x7e\u0410-\u0426](?:[ГБ][\x40-\x7e\u0410-\u0426])*")
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
#: what the pairs may decode to: katakana and what a katakana word holds (ー ・) or stands between
_KATAKANA_WORD_RE = re.compile("[\u30a1-\u30f6\u30fc\u30fb、。「」（）]+")
_KATAKANA_RE = re.compile("[\u30a1-\u30f6\u30fc]")


def _katakana_as_cp866(text: str, language: str, done: "_Spans") -> List[Finding]:
    """Shift_JIS katakana read as cp866 in a Japanese document: ``ГvГНГTГbГJーチーム`` is
    プロサッカーチーム whose first five letters were garbled.  The pairs decode, all of them,
    into katakana; and they are no Russian word: ASCII stands between their Cyrillic letters,
    or the run touches a katakana of the document (``Г}ブチモーター``, マブチ).

    >>> [(f.old, f.new) for f in _katakana_as_cp866("表明した。\\nГvГНГTГbГJーチーム", "ja", _Spans())]
    [('ГvГНГTГbГJ', 'プロサッカ')]
    >>> [(f.old, f.new) for f in _katakana_as_cp866("記事。\\nГ}ブチモーター", "ja", _Spans())]
    [('Г}', 'マ')]
    >>> _katakana_as_cp866("ロシア語で ГУГЛ と書く。", "ja", _Spans())
    []
    """
    if language != "ja" or "Г" not in text:
        return []
    out = []
    for m in _SJIS_KANA_CP866_RE.finditer(text):
        a, b = m.span()
        old = m.group()
        if "Г" not in old or _CYRILLIC_RE.match(text, b) or done.overlaps(a, b):
            continue  # (a run that Cyrillic goes on from is a Russian word's part)
        data = encode_all(old, READER_BY_NAME["cp866"])
        try:
            new = data.decode("cp932") if data is not None else None
        except UnicodeDecodeError:
            continue
        if new is None or _KATAKANA_WORD_RE.fullmatch(new) is None or _KATAKANA_RE.search(new) is None:
            continue
        touches = _KATAKANA_RE.match(text[a - 1:a] if a else "") or _KATAKANA_RE.match(text[b:b + 1])
        if not (touches or (len(new) >= 2 and any(ch.isascii() for ch in old))):
            # (``ГУГЛ`` is a Russian word; ``ГНГT`` is not: ASCII between Cyrillic letters)
            continue
        out.append(edit("mojibake.sjis-as-cp866", text, a, b, new,
                        "undid sjis read as cp866: in a Japanese document, Cyrillic and ASCII in the pairs "
                        "of Shift_JIS katakana, decoding into katakana"))
        done.add(a, b)
    return out


#: what a Japanese line read with a code page must decode to, all of it: kana, kanji, CJK marks,
#: full-width forms and ASCII
_JAPANESE_LINE_RE = re.compile("[\x20-\x7e\u3000-\u30ff\u3400-\u9fff\uff01-\uff5e]+")
_JAPANESE_LETTER_RE = re.compile("[\u3041-\u30ff\u3400-\u9fff]")
#: fewest kana and kanji the decoding of a code page's run must hold
CODE_PAGE_RUN_LETTERS = 6
#: what the decoding must gain, per character of it, under the Japanese model alone (pairs of
#: letters and single letters): the lines of the misses gain 6.8 and 9.4; the search's own test
#: (the unigram score of any language, :data:`mojibake_cjk.MARGIN_SINGLE_BYTE`) turns them away,
#: as katakana score low by letter and half of Shift_JIS's katakana bytes are ASCII
CODE_PAGE_RUN_GAIN = 3.0
#: ... and how well it must read
CODE_PAGE_RUN_FLOOR = -8.0
_JAPANESE_SOURCES = ("sjis", "eucjp")


@lru_cache(maxsize=1)
def _code_page_stretch_re() -> "re.Pattern[str]":
    """:data:`CODE_PAGE_RUN_LETTERS` of the code pages' high characters with nothing but ASCII
    between them: each letter of a Japanese codec's text takes a high byte at least, and a
    kana or kanji between them ends the run.  Not the no-break space (A0 in Latin-1, FF in the
    DOS code pages), which no Japanese codec's text holds and web pages write in runs.  (The
    class first: scanned for at C speed; the classes are disjoint, so a failing start gives up
    after one pass over its stretch.)"""
    high = "[" + _class_body(code_pages_high_chars() - {"\xa0"}) + "]"
    return re.compile(high + "(?:[\x00-\x7f]*" + high + "){%d}" % (CODE_PAGE_RUN_LETTERS - 1))


def _japanese_as_code_page(text: str, language: str, done: "_Spans", lines) -> List[Finding]:
    """A run of a single-byte code page's characters, on a line the gate let through, that is,
    byte for byte, a Japanese codec's text: ``ïıëóÅBé═âuâïâKâèâA`` is 琴欧州はブルガリア
    (Shift_JIS read as cp850), ``└╛е╬еыежезб╝`` 西ノルウェー (EUC-JP read as cp866).  In a
    Japanese document, a run that decodes, all of it, into kana and kanji that read far better
    as Japanese than the run did is no other language's text.  (The search turns such a line
    away by the unigram score: katakana are rare letters one by one, and half of Shift_JIS's
    katakana bytes are ASCII, which scores well.)

    >>> doc = "知床（日本）。\\n└╛е╬еыежезб╝д╬е╒егешеые╔бвемедещеєе▓еы\\n"
    >>> [(f.kind, f.new) for f in _japanese_as_code_page(doc, "ja", _Spans(), [(8, 46)])]
    [('mojibake.eucjp-as-cp866', '西ノルウェーのフィヨルド、ガイランゲル')]
    >>> _japanese_as_code_page("Ça coûte 5 €.", "ja", _Spans(), [(0, 13)])
    []
    """
    if language != "ja" or not lines:
        return []
    out = []
    stretch = _code_page_stretch_re()
    for ls, le in lines:
        if done.covers(ls, le) or stretch.search(text, ls, le) is None:
            continue  # (no run that could decode into enough letters: not encoded five times to find out)
        line = text[ls:le]
        best = None
        for reader in READERS:
            if not reader.single_byte:
                continue
            for rs, _run_end, data, _starts in encode_runs(line, reader):
                if data.isascii():
                    continue
                for source_name in _JAPANESE_SOURCES:
                    for m in REGION_RES[source_name].finditer(data):
                        a, b = m.span()  # (a single-byte reader: one byte a character)
                        if (a > 0 and data[a - 1] >= 0x80) or (b < len(data) and data[b] >= 0x80):
                            continue  # part of a longer run of high characters
                        try:
                            new = data[a:b].decode(SOURCE_BY_NAME[source_name].codec)
                        except UnicodeDecodeError:
                            continue
                        if (_JAPANESE_LINE_RE.fullmatch(new) is None
                                or len(_JAPANESE_LETTER_RE.findall(new)) < CODE_PAGE_RUN_LETTERS):
                            continue
                        old = line[rs + a:rs + b]
                        gain = fluency(new, ("ja",)) - fluency(old, ("ja",))
                        if (fluency(new, ("ja",)) >= CODE_PAGE_RUN_FLOOR and gain >= CODE_PAGE_RUN_GAIN
                                and not done.overlaps(ls + rs + a, ls + rs + b)
                                and (best is None or b - a > best[1] - best[0])):
                            best = (rs + a, rs + b, new, source_name, reader.name, gain)
        if best is not None:
            a, b, new, source, reader, gain = best
            p, q = _trim(line[a:b], new)
            out.append(edit(f"mojibake.{source}-as-{reader}", text, ls + a + p, ls + b - q, new[p:len(new) - q],
                            f"undid {source} read as {reader}: in a Japanese document, a run of {reader}'s "
                            f"characters that decodes, all of it, into Japanese ({gain:.1f} better a character)"))
            done.add(ls + a, ls + b)
    return out


_HAN_RUN_RE = re.compile("[\u3400-\u9fff\uf900-\ufaff]+")
#: what the kanji of a line of EUC-JP read as GBK must gain, in all (natural log-probability,
#: each run beside the kana either side of it): the lines of the misses gain 41 and 97
KANA_LINE_GAIN = 20.0
#: ... in this many runs at least, each gaining :data:`KANA_LINE_RUN_GAIN` (many kanji, not one
#: word: a Simplified word quoted in Japanese, ``「积极」``, re-reads into some kanji, which read
#: better than letters the Japanese model hardly knows)
KANA_LINE_RUNS = 3
KANA_LINE_RUN_GAIN = 2.0
#: ... and the re-read kanji must read as Japanese does: their mean log-probability, each given
#: the letter before, no lower than this.  Kanji of clean Japanese lines (ja, ja-web pools) mean
#: -7.0 (median line; a fifth of lines below -8.0); the misses' re-read kanji -6.2 and -7.8;
#: Simplified words sprinkled into clean Japanese lines that pass every other test, -7.5 once in
#: 80,000 lines, below -8.3 the rest
KANA_LINE_FLOOR = -8.0
_JA = LANGUAGES.index("ja")


#: a run of the stretch that is neither its first nor its last changed run may lose this much
#: (natural log-probability, beside the letters either side): the damage is one stretch, so a
#: run between runs that gain is garbled with them, and a single kanji whose two readings are
#: both common before the same kana says little by itself (``に燃い``, EUC-JP's に伴い read as
#: GBK, loses 0.7).  At the stretch's ends, where damage and clean text meet, no run may lose.
KANA_LINE_INNER_LOSS = 2.0


def _loses(changed: List[Tuple[int, int, str, float]]) -> bool:
    """Does a run of ``changed`` (a stretch's runs, in order, with what each re-read gains) lose:
    one at either end loses anything, one inside :data:`KANA_LINE_INNER_LOSS` or more?

    >>> _loses([(0, 1, "新", 10.0), (5, 6, "伴", -0.7), (9, 10, "上", 14.0)])
    False
    >>> _loses([(0, 1, "新", 10.0), (5, 6, "伴", -0.7)])
    True
    """
    last = len(changed) - 1
    return any(gain < 0 and (k in (0, last) or gain <= -KANA_LINE_INNER_LOSS)
               for k, (_a, _b, _new, gain) in enumerate(changed))


def _kanji_runs_as_japanese(line: str) -> List[Tuple[int, int, str, float]]:
    """Each run of Chinese characters of ``line`` that is, byte for byte, EUC-JP read as GBK:
    (start, end, decoded, gain beside the letters either side) (decoded None: the run is
    no such text)."""
    out = []
    for m in _HAN_RUN_RE.finditer(line):
        a, b = m.span()
        new = reread(m.group(), "gbk", "eucjp")
        if new is None or len(new) != b - a:
            out.append((a, b, None, 0.0))
            continue
        out.append((a, b, new, _gain_beside(line, a, b, new, ("ja",))))
    return out


def _kanji_among_kana(text: str, language: str, done: "_Spans", spans: List[Tuple[int, int]]) -> List[Finding]:
    """A line of EUC-JP read as GBK in a Japanese document: GBK keeps EUC-JP's kana, and makes
    common Chinese characters of its kanji, each cut off by kana: ``それを答に庶流する弛妒を浮皮
    する`` is それを基に放送する楽曲を検討する.  No gate sees it, but for the character the
    document's codec cannot write (妒); the evidence is the line as a whole: the stretch of its
    kanji runs that gains most by the re-read (the damage is one stretch) holds that character,
    many runs in it gain, none loses (but a little, inside it: :func:`_loses`), and the re-read
    kanji are common, and read as Japanese does beside their kana.

    >>> doc = "それを答に庶流する弛妒を浮皮するというものである。"
    >>> [(f.old, f.new) for f in _kanji_among_kana(doc, "ja", _Spans(), [(10, 11)])]
    [('答に庶流する弛妒を浮皮', '基に放送する楽曲を検討')]
    >>> _kanji_among_kana("中国語で「积极」「发展」「稳定」と書く。", "ja", _Spans(), [(5, 6)])
    []
    """
    if language != "ja" or not spans:
        return []
    out: List[Finding] = []
    ranks = _letter_ranks("ja")
    rare = COMMON_RANK["ja"]
    seen = set()
    for s, e in spans:
        if done.overlaps(s, e):
            continue
        ls, le = line_around(text, s)
        if ls in seen:
            continue
        seen.add(ls)
        line = text[ls:le]
        if _KANA_RE.search(line) is None:
            continue
        runs = _kanji_runs_as_japanese(line)
        best, best_i, best_j, run, run_i = 0.0, -1, -1, 0.0, -1
        for k, (_a, _b, new, gain) in enumerate(runs):
            if new is None:
                run, run_i = 0.0, -1  # (a run no EUC-JP makes is clean: the damage is on one side of it)
                continue
            if run_i < 0 or run <= 0:
                run, run_i = gain, k
            else:
                run += gain
            if run > best:
                best, best_i, best_j = run, run_i, k
        if best < KANA_LINE_GAIN:
            continue
        changed = [r for r in runs[best_i:best_j + 1] if r[2] != line[r[0]:r[1]]]
        if (sum(1 for r in changed if r[3] >= KANA_LINE_RUN_GAIN) < KANA_LINE_RUNS or _loses(changed)
                or any(ranks.get(ch, rare) >= rare for r in changed for ch in r[2])
                or not any(s - ls < r[1] and r[0] < e - ls for r in changed)
                or any(done.overlaps(ls + r[0], ls + r[1]) for r in changed)):
            continue
        parts, pos, where = [], 0, []
        for a, b, new, _gain in changed:
            parts += [line[pos:a], new]
            where += range(a, b)
            pos = b
        rows = list(pair_logprobs("".join(parts) + line[pos:]))
        if sum(rows[k][_JA] for k in where) / len(where) < KANA_LINE_FLOOR:
            continue
        # (one repair for the stretch, kana and all: its runs are one piece of damage, and no
        # licence for the document's other lines, :func:`_dominant_pair`; with the marks GBK
        # made of EUC-JP's brackets at its ends, ``∈1999-2001钳∷`` is （1999-2001年）)
        a, b = changed[0][0], changed[-1][1]
        while a > 0 and line[a - 1] in JAPANESE_MARKS_AS_GBK:
            a -= 1
        while b < len(line) and line[b] in JAPANESE_MARKS_AS_GBK:
            b += 1
        new = reread(line[a:b], "gbk", "eucjp")
        if new is None or len(new) != b - a or done.overlaps(ls + a, ls + b):
            a, b = changed[0][0], changed[-1][1]
            new = "".join(parts[1:])
            if done.overlaps(ls + a, ls + b):
                continue  # (a repair inside the stretch: the search has judged some of it)
        p, q = _trim(line[a:b], new)
        out.append(edit("mojibake.eucjp-as-gbk", text, ls + a + p, ls + b - q, new[p:len(new) - q],
                        f"undid eucjp read as gbk: in a Japanese document, a line whose kanji, cut off by "
                        f"kana, re-read into common Japanese ({best:.1f} better in all, over "
                        f"{len(changed)} runs)"))
        done.add(ls + a, ls + b)
    return out


#: a line this short (characters) is a formula a news document may repeat: ``けが人なし。``
REPEATED_LINE = 12
#: fewest CJK letters such a line holds besides the one re-read (the context that makes it the
#: same line)
REPEATED_LINE_LETTERS = 3
#: the Japanese codec pairs whose lone letter re-reads into another letter
_JAPANESE_LETTER_PAIRS = (("eucjp", "gbk"), ("eucjp", "big5"), ("eucjp", "euckr"),
                          ("sjis", "gbk"), ("sjis", "big5"), ("sjis", "euckr"))


@lru_cache(maxsize=1)
def _garbled_common_letters() -> Tuple[Dict[str, Tuple[Tuple[str, str, str], ...]], "re.Pattern[str]"]:
    """What the Japanese codec pairs make of the commonest Japanese letters (rank below
    :data:`LONE_LETTER_RANK`), one character for one and back: garbled -> ((source, reader,
    letter), ...); and a pattern for one of the garbled characters."""
    table: Dict[str, List[Tuple[str, str, str]]] = {}
    for letter, rank in _letter_ranks("ja").items():
        if rank >= LONE_LETTER_RANK or _CJK_LETTER_RE.match(letter) is None:
            continue
        for source, reader in _JAPANESE_LETTER_PAIRS:
            garbled = reread(letter, source, reader)  # (written as the source, read as the reader)
            if (garbled is not None and len(garbled) == 1 and garbled != letter
                    and reread(garbled, reader, source) == letter):
                table.setdefault(garbled, []).append((source, reader, letter))
    return {k: tuple(v) for k, v in table.items()}, re.compile("[" + _class_body(table) + "]")


def _line_start(text: str, line: str) -> int:
    """Where ``line``, a whole line of ``text``, starts.

    >>> _line_start("けがなし。\\nなし。", "なし。")
    6
    """
    k = text.find(line)
    while (k > 0 and text[k - 1] != "\n") or (k + len(line) < len(text) and text[k + len(line)] != "\n"):
        k = text.find(line, k + 1)
    return k


def _short_lines_written_elsewhere(text: str, language: str, done: "_Spans") -> List[Finding]:
    """A short line of a Japanese document that, with one letter re-read through a Japanese
    codec pair, is a line the document writes elsewhere, letter for letter: ``けが客なし。`` is
    けが人なし。 (EUC-JP read as GBK) in a report that writes ``けが人なし。`` on another line.
    One letter is too short for any model, and 客 is common; the document's own line is the
    evidence.  The line must be written only once as it is, and the re-read letter common and
    better beside its neighbours.

    >>> doc = "火災が発生。\\nけが客なし。\\n鉄塔が倒れた。\\nけが人なし。"
    >>> [(f.old, f.new) for f in _short_lines_written_elsewhere(doc, "ja", _Spans())]
    [('客', '人')]
    >>> _short_lines_written_elsewhere("上り線は渋滞。\\n下り線は渋滞。", "ja", _Spans())
    []
    """
    if language != "ja" or "\n" not in text:
        return []
    counts = Counter(text.split("\n"))  # (counted at C speed: a chat log is thousands of lines)
    short = [line for line in counts if REPEATED_LINE_LETTERS < len(line) <= REPEATED_LINE]
    if len(short) < 2:
        return []
    # (two lines that differ in one letter share their length and both ends, or all but an end)
    ends = Counter((len(line), line[0], line[-1]) for line in short)
    middles = Counter(line[1:-1] for line in short)
    table, garbled_re = _garbled_common_letters()
    out = []
    for line in short:
        if counts[line] != 1 or (ends[len(line), line[0], line[-1]] < 2 and middles[line[1:-1]] < 2):
            continue  # (a line the document writes twice as it is is its own; one alone has no twin)
        for m in garbled_re.finditer(line):
            i = m.start()
            for source, reader, letter in table[m.group()]:
                other = line[:i] + letter + line[i + 1:]
                if other not in counts or len(_CJK_LETTER_RE.findall(line)) <= REPEATED_LINE_LETTERS:
                    continue
                a = _line_start(text, line) + i
                if done.overlaps(a, a + 1) or _gain_beside(line, i, i + 1, letter, ("ja",)) < LINE_LEFTOVER_GAIN:
                    continue
                out.append(edit(f"mojibake.{source}-as-{reader}", text, a, a + 1, letter,
                                f"undid {source} read as {reader}: re-read, the short line is one the "
                                f"document writes elsewhere, letter for letter"))
                done.add(a, a + 1)
                break
    return sorted(out, key=lambda f: f.start)


_HANGUL_SYLLABLE_RE = re.compile("[\uac00-\ud7a3]")


def _lone_hangul(text: str, language: str, done: "_Spans", spans: List[Tuple[int, int]]) -> List[Finding]:
    """A Hangul syllable alone in a Japanese document, that EUC-KR made of a Japanese codec's
    kanji: ``59분。`` is 59歳。 (EUC-JP read as EUC-KR).  A Japanese text that writes Korean
    writes words of it, not one syllable here and there: every Hangul of the document must be
    such a syllable, alone between other letters or signs, and each must re-read into a common
    Japanese letter that gains :data:`LONE_LETTER_GAIN` beside its neighbours, makes a pair
    real text writes with each letter beside it, and that the document writes elsewhere beside
    the same (:func:`_written_beside_the_same`).

    >>> [(f.old, f.new) for f in _lone_hangul("91歳だった。\\n59분。\\n高橋さん", "ja", _Spans(), [(10, 11)])]
    [('분', '歳')]
    >>> _lone_hangul("「김치」を食べた。", "ja", _Spans(), [(1, 3)])
    []
    """
    if language != "ja" or not spans:
        return []
    hangul = [(a, b) for a, b in spans if _HANGUL_SYLLABLE_RE.search(text, a, b) is not None]
    if not hangul or any(b - a != 1 for a, b in hangul):
        return []
    ranks = _letter_ranks("ja")
    found = []
    for a, b in hangul:
        if done.overlaps(a, b):
            return []
        best = None
        for source in _JAPANESE_SOURCES:
            new = reread(text[a], "euckr", source)
            if new is None or len(new) != 1 or not _is_letter(new) or ranks.get(new, LONE_LETTER_RANK) >= LONE_LETTER_RANK:
                continue
            gain = _gain_beside(text, a, b, new, ("ja",))
            known, pairs = known_pairs(text[max(0, a - 1):a] + new + text[b:b + 1])
            # (a letter beside it: the two make a pair real text writes -- against a syllable,
            # any kanji gains, so the gain alone says little)
            if (gain >= LONE_LETTER_GAIN and known == pairs and _written_beside_the_same(text, a, b, new)
                    and (best is None or gain > best[2])):
                best = (source, new, gain)
        if best is None:
            return []  # (a syllable that is no such kanji: the document writes Korean)
        found.append((a, b) + best)
    return [edit(f"mojibake.{source}-as-euckr", text, a, b, new,
                 f"undid {source} read as euckr: in a Japanese document, a Hangul syllable alone that re-reads "
                 f"into a common Japanese letter ({gain:.1f} better beside its neighbours)")
            for a, b, source, new, gain in found]


def _same_neighbour(x: str, y: str) -> bool:
    # (not a blank or a line break: what every letter may stand beside)
    return (x == y and not x.isspace()) or (x.isdigit() and y.isdigit())


def _written_beside_the_same(text: str, a: int, b: int, new: str) -> bool:
    """Does the document write ``new`` elsewhere beside what ``text[a:b]`` stands beside (the
    same character, or a digit where it has a digit) on one side at least?  ``59분。`` is 59歳。
    in a document that writes ``91歳だった``.

    >>> _written_beside_the_same("91歳だった。\\n59분。", 10, 11, "歳")
    True
    >>> _written_beside_the_same("歳月が流れ。\\n59분。", 9, 10, "歳")
    False
    """
    before, after = text[a - 1:a], text[b:b + 1]
    k = text.find(new)
    while k != -1:
        if k != a and ((before and k > 0 and _same_neighbour(text[k - 1], before))
                       or (after and k + len(new) < len(text) and _same_neighbour(text[k + len(new)], after))):
            return True
        k = text.find(new, k + 1)
    return False


@lru_cache(maxsize=1)
def _unknown_kanji_re() -> "re.Pattern[str]":
    """A Chinese character outside the letters of the Japanese model (the 3,673 commonest of
    Japanese text): one scan for a single character class, at C speed."""
    known = set(_letter_ranks("ja"))
    han = (chr(cp) for lo, hi in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)) for cp in range(lo, hi + 1))
    return re.compile("[" + _class_body(ch for ch in han if ch not in known) + "]")


def _lone_letters_japanese_never_writes(text: str, language: str, done: "_Spans") -> List[Finding]:
    """A kanji outside the letters Japanese text writes, alone between kana or digits in a
    Japanese document, that a Japanese codec pair made of a common letter: ``91盒だった。`` is
    91歳だった。 (EUC-JP read as GBK; 盒 is Chinese for a box) in an obituary that writes ``59歳。``
    further down.  One letter is too short for any model; the evidence is the letter's rarity and
    the document's own writing: the re-read letter is common, gains :data:`LONE_LETTER_GAIN`
    beside its neighbours, and stands elsewhere in the document beside what this one stands
    beside (:func:`_written_beside_the_same`), or, right after a number and the only kanji of
    its sentence, is a counter Japanese writes there (:func:`_counts_a_number`: ``102盒だった。``
    in an obituary that writes 歳 nowhere else; of two such counters by two codec pairs, neither).
    Every letter of the document outside the model must be such a one: a document that writes
    rare letters elsewhere (a name, a Chinese quotation) writes this one on purpose too, and so
    does one that quotes it (``「话」という字``) or opens a clause with it.  (Of 60,000 Chinese
    characters quoted alone into Japanese documents, none passes by the document's writing; of
    the 606 Japanese documents of the clean pools, none.  By the counter: of 4,344 letters that
    Chinese writes after a number, each put after a number of a clean Japanese document, none;
    of 4,344 Chinese letters of any kind, one, ``【9'30边ごろ】``, 円 -- but most of those
    sentences held other kanji, where the counter is not tried.  A Chinese measure word after a
    number in a sentence of kana alone, ``3盒だった。``, is taken for a counter: the letter is all
    either text shows, and clean Japanese does not write it there.)

    >>> doc = "91盒だった。\\n高橋さんが死去した。\\n59歳。"
    >>> [(f.kind, f.old, f.new) for f in _lone_letters_japanese_never_writes(doc, "ja", _Spans())]
    [('mojibake.eucjp-as-gbk', '盒', '歳')]
    >>> [(f.old, f.new) for f in _lone_letters_japanese_never_writes("102盒だった。\\n岩谷さん", "ja", _Spans())]
    [('盒', '歳')]
    >>> _lone_letters_japanese_never_writes("91盒だった。\\n59歳。\\n「鑫」の字。", "ja", _Spans())
    []
    """
    if language != "ja":
        return []
    found = []
    ranks = _letter_ranks("ja")
    for m in _unknown_kanji_re().finditer(text):
        a, b = m.span()
        if (a and _HAN_RUN_RE.match(text, a - 1)) or _HAN_RUN_RE.match(text, b) or done.overlaps(a, b):
            return []  # (a rare letter in a word, or one a repair has judged: the document's own)
        if not (text[a - 1:a].isalnum() and text[b:b + 1].isalnum()):
            return []  # (a letter quoted, ``「话」``, or opening a clause: the writer's)
        best = None
        counters = set()  # (the re-reads that count the number before the letter)
        for source, reader in _JAPANESE_LETTER_PAIRS:
            new = reread(text[a], reader, source)
            if (new is None or len(new) != 1 or not _is_letter(new)
                    or ranks.get(new, LONE_LETTER_RANK) >= LONE_LETTER_RANK):
                continue
            gain = _gain_beside(text, a, b, new, ("ja",))
            if gain < LONE_LETTER_GAIN:
                continue
            if _written_beside_the_same(text, a, b, new):
                if best is None or best[4] != _BESIDE_THE_SAME or gain > best[3]:
                    best = (source, reader, new, gain, _BESIDE_THE_SAME)
            elif _counts_a_number(text, a, new):
                counters.add(new)
                if best is None or (best[4] != _BESIDE_THE_SAME and gain > best[3]):
                    best = (source, reader, new, gain, _COUNTS_A_NUMBER)
        if best is not None and best[4] == _COUNTS_A_NUMBER and len(counters) > 1:
            best = None  # (two counters, by two codec pairs: nothing tells which)
        if best is None:
            return []  # (a rare letter that re-reads into no such letter: the document writes rare letters)
        found.append((a, b) + best)
    return [edit(f"mojibake.{source}-as-{reader}", text, a, b, new,
                 f"undid {source} read as {reader}: in a Japanese document, a letter Japanese text does not "
                 f"write, alone, that re-reads into a common one {why} "
                 f"({gain:.1f} better beside its neighbours)")
            for a, b, source, reader, new, gain, why in found]


_BESIDE_THE_SAME = "the document writes beside the same"
_COUNTS_A_NUMBER = "that counts the number before it"


@lru_cache(maxsize=1)
def japanese_counters() -> frozenset:
    """The kanji Japanese writes after a number as its counter (歳 人 件 円 ...): IPAdic's
    ``名詞,接尾,助数詞``, listed by ``encfix/data/make_japanese_counters.py``."""
    import os

    path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "japanese_counters.txt")
    with open(path, encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line.strip() and not line.startswith("#"))


_SENTENCE_ENDS = "。！？!?\n"


def _counts_a_number(text: str, a: int, new: str) -> bool:
    """Does ``new``, in place of ``text[a]``, count the number written right before it, the
    only kanji of its sentence: is it a counter (:func:`japanese_counters`) after a digit, with
    no other kanji between the sentence ends either side?  Right after a number is where
    Japanese writes its counters, and a counter garbled is a letter Japanese does not write
    there: ``102盒だった。`` is 102歳だった。 (EUC-JP read as GBK).  Alone in its sentence: a
    garbled sentence keeps its kana and digits, and when its counter is its only kanji, that
    letter is all the damage shows (a sentence with other kanji shows more of it, or none: a
    Chinese letter the writer put after a number, ``1台の端末に2边つ``, which re-reads into 円).

    >>> _counts_a_number("102盒だった。", 3, "歳"), _counts_a_number("102盒だった。", 3, "屋")
    (True, False)
    >>> _counts_a_number("その盒だった。", 2, "歳"), _counts_a_number("夜12盒には寝た。", 3, "歳")
    (False, False)
    """
    if not (a > 0 and text[a - 1].isdigit() and new in japanese_counters()):
        return False
    start = max(text.rfind(end, 0, a) for end in _SENTENCE_ENDS) + 1
    stop = min((k for k in (text.find(end, a) for end in _SENTENCE_ENDS) if k != -1), default=len(text))
    return _HAN_RUN_RE.search(text[start:a] + text[a + 1:stop]) is None
