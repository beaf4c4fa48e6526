"""Stage: CJK punctuation -- stacked marks, and ASCII marks standing in Chinese prose.

Crawlers and converters fold ``，（）：；`` to ASCII and stack stray commas onto the marks that
survived: ``召開,,示范區`` ``不懈,、共同`` ``工作,。`` ``演練,;要``.  Two kinds of finding:

* ``punct.stacked``: a run of marks in Chinese prose collapses to the one intended mark.  An
  ASCII comma stacked on another mark is the noise (``,、`` -> ``、``, ``,,`` -> ``，``); where two
  real marks meet the stronger stays (``、`` < ``，`` < ``：`` < ``；`` < ``。？！``) -- but only in a
  text that shows the comma-stacking damage somewhere: an isolated ``，，`` or ``，、`` is the
  author's own typo (People's Daily and a Red Chamber edition hold some) and stays.  Deliberate
  runs are not stacks: ``？！`` ``！！`` ``。。。`` (and ``……`` ``——``, which are not marks here), nor
  are runs the stacking cannot make -- no ASCII comma (``::花蓮::``, ``！:(``) or three commas.
* ``punct.fullwidth``: ASCII ``, ; : ? ! ( )`` set against Chinese becomes ``，；：？！（）``.

Do no harm is the rule that shapes everything else here.  A mark is only touched when

* its line is Chinese prose: it holds Han characters (or CJK punctuation, full-width letters),
  no tab or pipe (TSV, tables), it does not open like a comment, heading, JSON or markup, it is
  not inside a code fence, and it is not one row of a CSV block (two or more neighbouring lines
  with the same number of ASCII commas, no CJK punctuation, and short cells or a number);
* the text is not source code, not Japanese or Korean (kana, hangul: their own conventions);
* it is outside what must stay byte-identical: URLs, e-mail addresses, ``code spans``, ASCII
  double-quoted strings, function calls and formulas (``=COUNTIF(A1:A100,">100")``, ``f(x)``);
* its neighbours say Chinese: the character before it is Han, CJK punctuation or a full-width
  form (looking past quotes, dashes, units and ``□`` that other scripts share), or a Latin word or
  number ends a clause before Chinese (``使用Python,它``); the character after it is not a space
  or an ASCII symbol -- so ``1,000``, ``10:30``, a ``1:0`` score, ``中文, English`` and ``:)`` stay,
  and so do a shortcode ``:cry:`` and an area code ``(04)2632-8001`` (digits against digits);
* an ASCII ``?`` is a question mark, not a lost character: it ends a clause (Chinese or a quote
  after it), and the text holds no U+FFFD or private-use characters a lossy decode leaves, nor
  a run of ``?`` between Chinese characters (``中??文``) that a converter wrote for ones it could
  not encode (the mojibake stage flags that run as lost characters; here it stays as flagged).  A
  ``?`` right before other marks (``甲夾?:起得妙``) is kept as the lost character it is, and the
  marks after it are judged as if it were a Han character; one inside a book title, the title
  going on after it (``《塞繆爾?約翰生》``), is a lost middle dot;
* in a *folded* text -- sentences, many ``,網`` and hardly a ``，`` (:func:`is_folded`) -- a blank
  between a mark and Chinese is the author's (``金陵一霸, 脅 仗勢``, ``送越 ,王夫人``), and two
  short lines of Chinese with one comma each are two sentences, not a two-row table;
* a line that uses ASCII ``"`` as dialogue quotes (one touches a full-width mark, none opens a
  CSV cell: :func:`uses_prose_quotes`) is prose inside its quotes too.

Parentheses go in pairs: ``示范區(高新區)`` and ``人工智能(AI)技術`` become full-width, ``f(x)``,
``[鏈接](說明)``, ``Beijing (北京)`` and an intentional ruby ``中(zhōng)`` do not.

Speed: damaged web text has a mark every few characters (the seed page: 42 findings per KB), so
:func:`find` scans the whole text once for runs of marks, judges a line only when its first run
turns up, and decides the common run -- Han before it, Han or the line's end after it -- from the
run alone (:func:`_between_han`, remembered in :class:`_Verdicts`); a line's parenthesis pairs are judged when the line
is (:func:`find_pairs`); lines with quotes, protected spans or full-width stacks go through
:func:`find_in_line`.  Every look per run is bounded (no copy of the line, no loop over its spans):
one long line costs linear time.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter
from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

from ..config import Config
from ..findings import Edit, Finding, to_findings
from .mojibake import flags_lost_question_marks
from .ruby import is_pinyin

NAME = "punctuation"

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007\U00020000-\U0003134f"
#: punctuation only East Asian text uses (Big5 small forms included, as context only)
CJK_MARKS = "、。，；：？！（）「」『』《》〈〉【】〔〕〖〗～\ufe50-\ufe6b\uff5f\uff60"
#: quotes, dashes, units and the lost-character box that other scripts share: look past them to
#: decide what the context is
AMBIGUOUS = "“”‘’…—□○×%‰℃°"

FULLWIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
#: how strong a mark is when two real marks meet
RANK = {"、": 1, "，": 2, "：": 3, "；": 4, "。": 5, "？": 5, "！": 5}

_CJK_CHAR = re.compile("[" + HAN + CJK_MARKS + "]")
#: ... and full-width letters, digits and symbols (``ＳＯＤ(`` ``１８．７％,,``): East Asian text only
_CJK_MARK_SET = frozenset(
    [chr(x) for r in ((0x3000, 0x3040), (0xFE50, 0xFE6C), (0xFF00, 0xFF66)) for x in range(*r)
     if _CJK_CHAR.match(chr(x))]
    + [chr(x) for x in range(0xFF01, 0xFF5F)]
)
_HAN_CHAR = re.compile("[" + HAN + "]")
#: what only East Asian text holds: Han, CJK punctuation, full-width letters and digits
_EAST_ASIAN = re.compile("[" + HAN + CJK_MARKS + "\uff01-\uff5e]")
#: CJK punctuation, vertical and compatibility forms included (``︰`` in Taiwanese text)
_CJK_PUNCT = re.compile("[" + CJK_MARKS + "“”‘’…—\ufe10-\ufe19\ufe30-\ufe4f]")

#: the gate: an ASCII mark (``in`` scans at memory speed), or two CJK marks in a row (one
#: character-class regex; an alternation of the two would be ten times slower)
_ASCII_MARKS = ",;:?!()"
#: one line and its break; the empty match at the very end stands for a last, empty line
_LINE_RE = re.compile(r"([^\r\n]*)(?:\r\n|\r|\n|$)")
_FULL_PAIR = re.compile(r"[，、；：。？！][，、；：。？！]")

#: a run of marks that starts with an ASCII mark (full-width marks before it are added in code:
#: a pattern that starts with a character class is scanned fast, one that starts with ``[...]*``
#: is tried at every position)
#: (group 1 takes part when a Han character is right before the run and a Han character or the
#: line's end right after it: the common run, see _RUN_OR_PAREN; used on one line at a time)
_ASCII_RUN = re.compile(r"[,;:?!](?:(?<=[\u4e00-\u9fff].)([,，、;；:：。?？!！]*)(?=[\u4e00-\u9fff]|\Z)"
                        r"|[,，、;；:：。?？!！]*)")
#: a run of two or more full-width marks
_FULL_RUN = re.compile(r"[，、；：。？！]{2,}")
_FULL_MARKS = frozenset("，、；：。？！")
#: a run of marks that starts with an ASCII mark, or a parenthesis (whose line needs a look).
#: Each branch opens with a literal so the scan is a character-class scan: an alternation whose
#: branches open with a class is tried at every position.
#: The common run -- a Han character right before it, a Han character or the line's end right
#: after it -- is told apart in the same scan: its group (one per opening mark) takes part in the
#: match, so ``m.lastindex`` is set (the lookbehind follows the opening literal, which keeps the
#: fast scan).
_MARKS_AFTER = "[,，、;；:：。?？!！]*"
_RUN_OR_PAREN = re.compile("|".join(
    f"{re.escape(c)}(?:(?<=[\u4e00-\u9fff]{re.escape(c)})({_MARKS_AFTER})(?=[\u4e00-\u9fff\r\n]|\\Z)|{_MARKS_AFTER})"
    for c in ",;:?!") + r"|\(|\)")
#: what a line opens with when _NOT_PROSE_START may match it
_OPENS_NOT_PROSE = frozenset(" \t#/->${[\"'<")
_QUESTION_OR_BANG = re.compile("[?!？！]")
#: what a lossy decode leaves behind: U+FFFD, private-use characters
_LOSSY = re.compile("[\ufffd\ue000-\uf8ff]")
#: an innermost pair of ASCII parentheses on one line
_PAIR = re.compile(r"\(([^()\n]*)\)")
#: inside parentheses, what marks code, markup or an address rather than prose
_CODEISH = re.compile(r"[=\"{}<>\\`@]")  # ... and "://", a blank at either end (see wants_fullwidth_parens)

#: spans that must stay byte-identical whatever surrounds them, each with a substring that must
#: be present for the pattern to be worth running
_PROTECT = (
    ("`", re.compile(r"`[^`\n]*`")),  # Markdown code span
    ("://", re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://[!#$%&'()*+,\-./0-9:;=?@A-Z\[\]_a-z~]+")),  # URL
    ("www.", re.compile(r"www\.[!#$%&'()*+,\-./0-9:;=?@A-Z\[\]_a-z~]+")),
    ("@", re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")),  # e-mail address
    ('"', re.compile(r'"[^"\n]*"')),  # ASCII double-quoted string (JSON, code, CSV cells)
    # f(x), COUNTIF(...) -- arguments without Han: "ARDS(百度:急性呼吸窘迫綜合征)" is prose
    ("(", re.compile(r"[A-Za-z_][A-Za-z0-9_.]*\((?:[^()\n\u3400-\u9fff]|\([^()\n\u3400-\u9fff]*\))*\)")),
    (":\\", re.compile(r"[A-Za-z]:\\[^\s]*")),  # Windows path
)

#: what a call or formula (the ``(`` pattern above) needs: a name right before ``(`` (searched
#: with the literal first, which is fast; the pattern itself opens with a class)
_CALL_PAREN = re.compile(r"\((?<=[A-Za-z0-9_.]\()")

#: lines that are not Chinese prose even when they hold Han characters
_NOT_CHINESE = re.compile("[\u3040-\u30ff\u31f0-\u31ff\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_NOT_PROSE_START = re.compile(r"[ \t]*(?:#|//|/\*|--|>>>|\$ |[{\[\"'<])")
_FENCE = re.compile(r"[ \t]{0,3}(?:```|~~~)")
_QUOTED = re.compile(r"\"[^\"\n]*\"")
_QUOTED_NO_HAN = re.compile("\"[^\"\n" + HAN + "]*\"")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
_INNER_BLANK = re.compile(r"\S[ \t\u3000]+\S")
#: the blanks that open a line (``\s`` is ``str.isspace``)
_BLANKS = re.compile(r"\s*")
_COMMAS = re.compile(",+")
_HAN_ONLY = re.compile("[" + HAN + "]+")
_SENTENCE_END = "。！？!?”」』"
#: an ASCII double quote against a full-width mark: the line's ASCII quotes are dialogue quotes
_PROSE_QUOTE = re.compile('[。！？，、；：…—]"|"[，。！？、；：]')
#: an ASCII comma before a Han character (the sign of folded punctuation)
_COMMA_HAN = re.compile(",(?=[" + HAN + "])")
#: a folded document: at least this many ``,網`` ...
FOLDED_MIN = 3
#: ... and this many times as many as ``，``
FOLDED_RATIO = 10

#: a line that looks like source code (outside fences); three make the document code
_CODE_LINE = re.compile(
    r"^[ \t]*(?:(?:def|class|import|from|return|function|var|let|const|public|private|static|package"
    r"|using|namespace|#include|#define)\b.*|.*[A-Za-z0-9_)\]\"'][ \t]*[;{][ \t]*\r?|[ \t]*[}\]][;,)]*[ \t]*\r?)$",
    re.M,
)
#: ... after its line break: a pattern that starts with a literal is searched fast, one that
#: starts with ``^`` is tried at every position of the text
_CODE_LINE_AFTER_BREAK = re.compile("\n" + _CODE_LINE.pattern[1:], re.M)
#: a keyword or a closing bracket opening a line (one literal first: searched fast; the lookahead
#: turns a line of prose away before the keywords are tried one by one)
_CODE_START_AFTER_BREAK = re.compile(
    r"\n[ \t]*(?=[a-z#}\]])(?:(?:def|class|import|from|return|function|var|let|const|public|private|static"
    r"|package|using|namespace|#include|#define)\b|[}\]])")
_CODE_SEMICOLON_BEFORE_BREAK = re.compile(r";[ \t]*\r?\n")
_CODE_BRACE_BEFORE_BREAK = re.compile(r"\{[ \t]*\r?\n")
#: this many kana/hangul characters make a text Japanese or Korean (or two that are 2% of it)
NOT_CHINESE_MIN = 10
#: a CSV cell of only Han characters is short; a longer one on a row with no number is a clause
CSV_CELL = 8
CODE_LINES = 3
CODE_SHARE = 0.05


def might_need_repair(text: str) -> bool:
    """The gate: False when ``text`` holds no ASCII mark and no two CJK marks in a row.

    >>> might_need_repair("中華民國人民，無分男女、宗教，在法律上一律平等。"), might_need_repair("好,的")
    (False, True)
    """
    for c in _ASCII_MARKS:
        if c in text:
            return True
    return _FULL_PAIR.search(text) is not None


_REASON_FULLWIDTH = "ASCII punctuation in Chinese prose"
_REASON_PARENS = "ASCII parenthesis around or against Chinese"


@lru_cache(maxsize=4096)
def _stacked(run: str) -> Tuple[str, str]:
    new = collapse_stack(run)
    return new, f"stacked punctuation {run!r} stands for {new!r}"


def collapse_stack(run: str) -> str:
    """The one mark a stacked run stands for.

    >>> [collapse_stack(r) for r in (",,", ",、", ",。", ",;", "，，", "。,", "，。", "、，")]
    ['，', '、', '。', '；', '，', '。', '。', '，']
    >>> collapse_stack("？！,"), collapse_stack(",。。")
    ('？！', '。。')
    """
    marks = [FULLWIDTH.get(c, c) for c in run if c != ","]  # a stacked ASCII comma is the noise
    if not marks:
        return "，"
    top = max(RANK[m] for m in marks)
    kept = [m for m in marks if RANK[m] == top]
    if top < 5:
        return kept[0]
    if any(m in "？！" for m in kept):
        return "".join(m for m in kept if m != "。")
    return "".join(kept)


def is_deliberate(run: str) -> bool:
    """True for runs a writer types on purpose: ``？！`` ``!!`` ``。。。`` -- and the runs the
    crawler's stacking cannot make (:func:`is_not_stacking`): ``::花蓮::`` ``沒趕上！:(``
    ``變得虛榮,,,,,,,``.

    >>> is_deliberate("？！"), is_deliberate("!!"), is_deliberate("。。"), is_deliberate(",,")
    (True, True, True, False)
    >>> is_deliberate("::"), is_deliberate(",,,"), is_deliberate("，，，，"), is_deliberate(",;")
    (True, True, True, False)
    """
    return not run.strip("?!？！") or not run.strip("。") or is_not_stacking(run)


def is_not_stacking(run: str) -> bool:
    """True for a run of marks the seed's damage cannot make: an ASCII ``:`` or ``;`` with no
    ASCII comma (``::`` ``;;`` ``！:``), or a comma typed three times or more (``,,,`` ``，，，，``).

    Why: the seed's damage is one ASCII comma stacked before a mark (``,,`` ``,、`` ``,。``
    ``,;``, see ``benchmarks/damage.py`` ``stack_commas``), so a run without an ASCII comma, or
    with three commas in a row, is the writer's: a separator used as decoration
    (``::花蓮::中山路山東燒餅店::``), an emoticon after a mark (``俺沒趕上！:(``), commas standing
    for an ellipsis (``變得虛榮,,,,,,,``).  (Two full-width marks, ``，，`` ``、，``, keep their own
    rule: collapsed only in a text that shows the stacking damage, see :func:`edits`.)

    >>> [is_not_stacking(r) for r in ("::", ";;", "！:", ",,,", "，，，", ",,", ",，", ",;", "：：", "，，")]
    [True, True, True, True, True, False, False, False, False, False]
    """
    if "," not in run and (":" in run or ";" in run):
        return True
    c = run[0]
    return (c == "," or c == "，") and len(run) >= 3 and not run.strip(c)


def is_cjk(c: str) -> bool:
    """True for a Han character or CJK punctuation.

    >>> is_cjk("區"), is_cjk("，"), is_cjk("﹐"), is_cjk("a"), is_cjk("”")
    (True, True, True, False, False)
    """
    return ("\u4e00" <= c <= "\u9fff" or c in _CJK_MARK_SET or "\u3400" <= c <= "\u4dbf"
            or "\uf900" <= c <= "\ufaff" or "\U00020000" <= c <= "\U0003134f")


def is_cjk_before(line: str, pos: int, converted: Sequence[int] = (), before_line: str = "",
                  look_past: str = AMBIGUOUS) -> bool:
    """True when the text right before ``pos`` is Chinese (looking past ``”’…—``, or ``look_past``).

    At the start of a line the end of the line before counts: hard-wrapped Chinese puts marks
    there (``制定本憲法`` / ``，頒行全國``).

    >>> is_cjk_before("“四抓”,", 4), is_cjk_before("“Hello”,", 7), is_cjk_before("1,000", 1)
    (True, False, False)
    >>> is_cjk_before(",頒行全國", 0, before_line="制定本憲法"), is_cjk_before(",b", 0, before_line="a")
    (True, False)
    >>> is_cjk_before("送越 ,王", 3), is_cjk_before("送越 ,王", 3, look_past=AMBIGUOUS + " ")
    (False, True)
    """
    i = pos - 1
    while i >= 0 and line[i] in look_past:
        i -= 1
    if i < 0:
        return i == -1 and before_line != "" and is_cjk(before_line[-1])
    return i in converted or is_cjk(line[i])


def wants_fullwidth(
    line: str, start: int, end: int, converted: Sequence[int] = (), before_line: str = "", lossy: bool = False,
    folded: bool = False, prose_quotes: bool = False,
) -> bool:
    """True when the ASCII mark(s) ``line[start:end]`` stand in Chinese prose.

    ``folded``: the document has had its full-width marks folded to ASCII (see :func:`is_folded`),
    so a blank between a mark and Chinese (``金陵一霸, 脅 仗勢``, ``送越 ,王夫人``) is the author's
    too.  ``prose_quotes``: the line uses ASCII ``"`` as Chinese dialogue quotes (``道:"我說``).

    >>> [wants_fullwidth(s, 2, 3) for s in ("上午,省委", "上午:10:30", "中文, English", "開心:)")]
    [True, True, False, False]
    >>> wants_fullwidth("用Python,它", 7, 8), wants_fullwidth("1:0", 1, 2), wants_fullwidth("1,000", 1, 2)
    (True, False, False)
    >>> wants_fullwidth(",頒行全國", 0, 1, before_line="制定本憲法")
    True
    >>> wants_fullwidth("一霸, 脅", 2, 3), wants_fullwidth("一霸, 脅", 2, 3, folded=True)
    (False, True)
    >>> wants_fullwidth("中文, English", 2, 3, folded=True), wants_fullwidth('道:"我', 1, 2, prose_quotes=True)
    (False, True)
    """
    mark = line[start]
    n = len(line)
    after = line[end] if end < n else ""
    if end in converted:  # "類型:(１)": the pair after it is Chinese
        after = "（"
    elif folded and after == " ":
        j = end + 1
        while j < n and line[j] == " ":
            j += 1
        if j < n and _HAN_CHAR.match(line[j]):  # "一霸, 脅 仗勢": a blank where a character was lost
            after = line[j]
    elif prose_quotes and after == '"':
        after = "“"
    if after and ((after.isspace() and after != "\u3000")
                  or (after < "\x80" and not after.isalnum() and not _ALLOWED_AFTER(mark, after))):
        return False
    if mark in "?!" and after and not (is_cjk(after) or after in "“”‘’…—" or after == "("):
        return False  # "祝?font" -- a lost character, not a question mark
    if mark == "?" and lossy:
        return False  # where a decoder left U+FFFD or private-use characters, "?" is one too
    if mark == "?" and end - start == 1 and is_lost_in_title(line, start):
        return False  # "《塞繆爾?約翰生》": the name's lost middle dot
    if mark == ":" and opens_shortcode(line, end):
        return False  # ":cry:心情低落": an emoticon shortcode stays whole
    if is_cjk_before(line, start, converted, before_line, _look_past(folded, prose_quotes)):
        return True
    # "使用Python,它", "比分1:0,時間", "占38%,因為" -- a Latin word or a number ends a clause
    return mark in ",;" and _ends_clause(line, start, end)


#: an emoticon shortcode after its opening ``:`` (``:cry:`` ``:smile:``), not a time (``10:30``)
_SHORTCODE = re.compile(r"[a-z][a-z0-9_+\-]*:(?![A-Za-z0-9])")


def opens_shortcode(line: str, pos: int) -> bool:
    """True when ``line[pos:]`` is the rest of an emoticon shortcode opened by the ``:`` before
    ``pos``: ``:cry:心情低落``.

    Why: forums and blogs of the time turn ``:cry:`` into an image; a full-width ``：`` breaks it,
    and the closing ``:`` (after a Latin letter) would stay ASCII anyway.

    >>> opens_shortcode(":cry:心情", 1), opens_shortcode("記:Google是", 2), opens_shortcode("上午:10:30", 3)
    (True, False, False)
    """
    return _SHORTCODE.match(line, pos) is not None


#: how far a book title's ``《`` may stand before a lost character in it (titles are short; the
#: look is bounded so a long line with many ``?`` stays linear)
TITLE_REACH = 40


def is_lost_in_title(line: str, pos: int) -> bool:
    """True when the ASCII ``?`` at ``pos`` stands between two Han characters inside a book title
    (``《...》``): a character the conversion lost, most often the middle dot of a transliterated
    name (``·`` is in neither Big5 nor GB2312), not a question mark.

    Why: a question mark inside a title closes it (``《誰動了我的奶酪?》``); one with the title
    going on in Han after it is a ``?`` a converter wrote for a character it could not encode.

    >>> is_lost_in_title("的《塞繆爾?約翰生》（", 5), is_lost_in_title("《誰動了我的奶酪?》", 8)
    (True, False)
    >>> is_lost_in_title("《書》他說什麼?好", 7), is_lost_in_title("為什麼家?給", 4)
    (False, False)
    """
    if not (0 < pos < len(line) - 1 and _HAN_CHAR.match(line, pos - 1) and _HAN_CHAR.match(line, pos + 1)):
        return False
    opened = line.rfind("《", max(0, pos - TITLE_REACH), pos)
    if opened < 0 or line.find("》", opened, pos) >= 0:
        return False
    closed = line.find("》", pos, pos + TITLE_REACH)
    return closed >= 0 and line.find("《", pos, closed) < 0


def _look_past(folded: bool, prose_quotes: bool) -> str:
    """What to look past for the character before a mark: blanks in a folded document, ASCII
    quotes on a line that uses them as dialogue quotes."""
    return AMBIGUOUS + (" " if folded else "") + ('"' if prose_quotes else "")


def _ALLOWED_AFTER(mark: str, after: str) -> bool:
    """ASCII symbols that may follow a mark in Chinese prose: ``好?)`` ``謝謝!(新華社``, not ``:)``."""
    return (after == ")" and mark != ":") or (after == "(" and mark in "?!")


def wants_fullwidth_parens(line: str, open_: int, close: int, converted: Sequence[int] = ()) -> bool:
    """True when the ASCII pair at ``open_``/``close`` encloses or touches Chinese.

    >>> [wants_fullwidth_parens(s, s.index("("), s.index(")")) for s in
    ...  ("示范區(高新區)黨", "人工智能(AI)技術", "(記者付凱明)", "Beijing (北京)", "[鏈接](說明)", "中(zhōng)：",
    ...   "電話：(02) 2345", "  (一)剝皮時")]
    [True, True, True, False, False, False, False, True]
    """
    inner = line[open_ + 1:close]
    if not inner or inner[0].isspace() or inner[-1].isspace() or "://" in inner or _CODEISH.search(inner):
        return False
    has_han = _HAN_CHAR.search(inner) is not None
    before = open_
    while before and line[before - 1] in "?!:,;":  # "謝謝!(新華社電)" "類型:(１)": the mark is Chinese too
        before -= 1
    if before and has_han and line[before - 1].isascii() and line[before - 1].isalnum():
        return True  # "ARDS(百度:急性呼吸窘迫綜合征)" -- an aside in Chinese after a Latin word
    if is_cjk_before(line, before, converted):  # "他說(一)(二)": the pair before is Chinese
        if not has_han and close + 1 < len(line):
            if line[close + 1].isspace():
                return False  # "電話：(02) 2345-6789" -- Latin-style spacing, not a Chinese aside
            if "0" <= line[close + 1] <= "9" and is_area_code(line, open_, close):
                return False  # "電話：(04)2632-8001" -- set against digits, not against Chinese
        return not is_pinyin(inner, True)  # an intentional annotation the ruby stage kept (toneless too)
    if _BLANKS.match(line).end() < open_:  # (not line[:open_].strip(): a copy per pair is quadratic)
        return False
    # "(記者付凱明)", an indented "(一)剝皮時", "(Ａ、Ｂ)兩類" at the start of a line
    return has_han or any(is_cjk(c) for c in inner)


def is_area_code(line: str, open_: int, close: int) -> bool:
    """True when the pair at ``open_``/``close`` encloses ASCII digits only and an ASCII digit
    follows it: the area code of a telephone number (``電話：(04)2632-8001``).

    Why: the deliberate rule is for marks set against Chinese; these enclose digits and are set
    against digits, part of a number written the Latin way (as ``10:30`` and ``1,000`` are).
    A pair of digits before Chinese (``第(1)項``, ``(1)剝皮``) is still Chinese prose's.

    >>> [is_area_code(s, s.index("("), s.index(")")) for s in ("電話：(04)2632-8001", "第(1)項", "(1)2")]
    [True, False, True]
    """
    after = close + 1
    return (after < len(line) and "0" <= line[after] <= "9" and close > open_ + 1
            and all("0" <= c <= "9" for c in line[open_ + 1:close]))


def protected_spans(line: str, prose_quotes: bool = False, patterns=_PROTECT) -> List[Tuple[int, int]]:
    """Spans of ``line`` that must not change: URLs, e-mail, code, quoted strings, formulas.

    With ``prose_quotes`` (the line uses ``"`` as dialogue quotes) quoted Chinese is prose, not a
    string: only quoted text without Han stays as it is (``分隔符為":"``).

    >>> s = '用=COUNTIF(A1:A100,">100")統計,見http://a.cn/?q=1'
    >>> [s[a:b] for a, b in protected_spans(s)]
    ['COUNTIF(A1:A100,">100")', '">100"', 'http://a.cn/?q=1']
    >>> s = '依。"他說:好,走吧。"分隔符為":"'
    >>> [s[a:b] for a, b in protected_spans(s, prose_quotes=True)]
    ['":"']
    """
    spans = []
    for hint, pattern in patterns:
        if prose_quotes and hint == '"':
            pattern = _QUOTED_NO_HAN
        if hint in line and (hint != "(" or _CALL_PAREN.search(line)):
            spans.extend(m.span() for m in pattern.finditer(line))
    return sorted(spans)


def uses_prose_quotes(line: str) -> bool:
    """True when ``line`` uses ASCII ``"`` as Chinese dialogue quotes: one touches a full-width mark
    (``可不依。"婆子應了``), which no string in code or JSON does -- and none opens or closes a
    CSV cell (``1,"他說,好。",北京``).

    >>> uses_prose_quotes('我聽見可不依。"婆子應了,鴛鴦道:"我說去罷。"'), uses_prose_quotes('輸入"a,b"即可')
    (True, False)
    >>> uses_prose_quotes('1,"他說,好。",北京')
    False
    """
    return ('"' in line and _PROSE_QUOTE.search(line) is not None
            and ',"' not in line and '",' not in line)


def is_folded(text: str) -> bool:
    """True when ``text`` is Chinese prose whose commas were all folded to ASCII: sentences (``。``
    survives the folding), many ``,網`` and hardly any ``，``.  There a blank next to a mark is
    the author's, not a Latin-style space.

    >>> is_folded("甲,乙,丙。丁,戊。己,庚。"), is_folded("甲,乙,丙,丁，戊，己，庚，辛。。。")
    (True, False)
    >>> is_folded("姓名,城市,愛好\\n張三,北京,讀書\\n"), is_folded("1,000,000,000")
    (False, False)
    """
    needed = max(FOLDED_MIN, FOLDED_RATIO * text.count("，"))
    if text.count(",") < needed or text.count("。") < FOLDED_MIN:
        return False
    return len(_COMMA_HAN.findall(text)) >= needed


def is_prose_line(line: str) -> bool:
    """True when ``line`` can be Chinese prose (before looking at its neighbours).

    >>> is_prose_line("呂沛指出,,近段時間以來"), is_prose_line("名前:田中です"), is_prose_line('{"名":"值"}')
    (True, False, False)
    >>> is_prose_line("# 註釋,說明"), is_prose_line("北京\\t上海,廣州"), is_prose_line("(Ａ,、Ｂ)")
    (False, False, True)
    """
    if "\t" in line or "|" in line or not _EAST_ASIAN.search(line):
        return False
    return not _NOT_CHINESE.search(line) and not _NOT_PROSE_START.match(line)


def csv_width(line: str) -> int:
    """ASCII commas outside double quotes on a line that reads like a CSV row (0 otherwise).

    A line with Chinese punctuation outside its quoted cells is prose, not a row.

    >>> csv_width('1,"張三,李四",北京'), csv_width("你好,世界。"), csv_width("甲,乙,丙"), csv_width("之一者,應不予處理︰")
    (2, 0, 2, 0)
    >>> csv_width("三是醫用物資不再窘迫,,有了自我保護的條件,;")
    0
    """
    if "," not in line or "。" in line:
        return 0
    stripped = line.rstrip()
    if stripped and stripped[-1] in _SENTENCE_END:
        return 0
    unquoted = _QUOTED.sub("", line) if '"' in line else line
    if _CJK_PUNCT.search(unquoted) or ",;" in unquoted or ",:" in unquoted:
        return 0
    return unquoted.count(",")


#: rows of equal comma count that make a CSV block even when every cell reads like a clause
CSV_BLOCK_ROWS = 3
#: a run of Han characters this long is a clause rather than a table cell's word (see is_word_row)
CLAUSE_MIN = 5


def is_clause_row(line: str) -> bool:
    """True when a comma-separated line reads like clauses: a long all-Chinese cell, no number,
    no one-character cell, and no blanks inside (Chinese prose puts no spaces between words;
    aligned data cells do).

    >>> is_clause_row("我們今天一起去了北京,天氣很好"), is_clause_row("甲,第一項"), is_clause_row("北京,116.4")
    (True, False, False)
    >>> is_clause_row("一,一  公務人員任用資格"), is_clause_row("一,一,一切貨物應許自由流通")
    (False, False)
    """
    cells = _COMMAS.split(_QUOTED.sub("", line))  # a stacked ",," separates two clauses, not three
    return (max(len(c) for c in cells) > CSV_CELL and not any(_ASCII_ALNUM.search(c) for c in cells)
            and min(len(c.strip()) for c in cells) >= 2 and not any(_INNER_BLANK.search(c) for c in cells))


def is_word_row(line: str) -> bool:
    """True when ``line`` is two runs of Han characters around one comma, one of them a clause
    (``CLAUSE_MIN`` characters or more): in a folded text (:func:`is_folded`) two such lines are
    short sentences (a diary's headings), not the rows of a two-column table.

    >>> is_word_row("集體的沉默,這是最可怕的"), is_word_row("甲,第一項"), is_word_row("北京,116.4")
    (True, False, False)
    >>> is_word_row("名稱,說明"), is_word_row("張三,北京,讀書")
    (False, False)
    """
    cells = line.split(",")
    return (len(cells) == 2 and all(len(c) >= 2 and _HAN_ONLY.fullmatch(c) for c in cells)
            and max(len(c) for c in cells) >= CLAUSE_MIN)


def is_code(text: str) -> bool:
    """True when ``text`` reads like source code: its comments and strings are not prose to mend.

    >>> is_code("import os\\nx = 1;\\n# 註釋,說明\\ndef f():\\n    return 1\\n")
    True
    >>> is_code("11月20日上午,省委、市委召開會議。\\n"), is_code("一則因為毒性減弱,;\\n二則因為,;\\n三是,;\\n")
    (False, False)
    """
    needed = max(CODE_LINES, CODE_SHARE * (text.count("\n") + 1))
    if _code_lines_at_most(text) < needed:
        return False  # prose: no need to try the full pattern on every line
    count = (_CODE_LINE.match(text) is not None) + len(_CODE_LINE_AFTER_BREAK.findall(text))
    return count >= needed


def _code_lines_at_most(text: str) -> int:
    """An upper bound on the lines :data:`_CODE_LINE` matches, from patterns that start with a
    literal (searched at memory speed, where a pattern starting with ``^`` is tried everywhere).
    Each code line has a keyword or a closing bracket after its line break, or ``;``/``{`` before
    the next; the first and the last line may lack that break."""
    return (len(_CODE_START_AFTER_BREAK.findall(text)) + len(_CODE_SEMICOLON_BEFORE_BREAK.findall(text))
            + len(_CODE_BRACE_BEFORE_BREAK.findall(text)) + 2)


#: what :func:`text_signs` looks for, in one character-class scan: kana or hangul, what a lossy
#: decode leaves, or a full-width mark followed by another
_SIGNS = re.compile(
    "[\u3040-\u30ff\u31f0-\u31ff\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\ufffd\ue000-\uf8ff，、；：。？！]"
    "(?:(?<=[，、；：。？！])[，、；：。？！]|(?<![，、；：。？！]))")


def text_signs(text: str) -> Tuple[bool, bool, bool]:
    """Whether ``text`` holds kana or hangul (:data:`_NOT_CHINESE`), an ASCII ``?`` where a lossy
    decode left U+FFFD or private-use characters (:data:`_LOSSY`) or a converter wrote ``??`` for
    Chinese characters it could not encode (what the mojibake stage flags:
    :func:`~encfix.stages.mojibake.flags_lost_question_marks`), and two full-width marks in a row
    (:data:`_FULL_PAIR`).

    Damaged Chinese text holds none of them: one scan says so, where a scan for each costs three
    (a character-class scan is slow next to ``in``).  After the first sign, the others are looked
    for from there on.

    >>> text_signs("甲,乙。丙"), text_signs("甲？乙。，丙"), text_signs("です?\ufffd")
    ((False, False, False), (False, False, True), (True, True, False))
    >>> text_signs("我们的??家很好,是吗?"), text_signs("真的吗??")
    ((False, True, False), (False, False, False))
    """
    # a run the mojibake stage flags as lost characters is no question mark, nor are the text's others
    lost = "??" in text and flags_lost_question_marks(text)
    m = _SIGNS.search(text)
    if m is None:
        return False, lost, False
    c, rest = m.group()[0], m.end()  # no sign of any kind stands before the first one
    not_chinese = _NOT_CHINESE.match(c) is not None or _NOT_CHINESE.search(text, rest) is not None
    lossy = lost or ("?" in text and (_LOSSY.match(c) is not None or _LOSSY.search(text, rest) is not None))
    full_pair = c in _FULL_MARKS or _FULL_PAIR.search(text, rest) is not None
    return not_chinese, lossy, full_pair


def find(text: str, config: Config) -> List[Finding]:
    """Stacked and half-width marks in the Chinese prose of ``text``.

    >>> from encfix.findings import apply
    >>> s = "召開,,示范區(高新區)認真,、共同努力,。比分1:0,時間10:30"
    >>> apply(s, find(s, None))
    '召開，示范區（高新區）認真、共同努力。比分1:0，時間10:30'
    """
    return to_findings(edits(text, config))


def edits(text: str, config: Config) -> List[Edit]:
    """:func:`find` in the compact form (see :mod:`encfix.findings`): what ``fix`` applies.  Every
    path of the stage (the common run here; :func:`find_in_line`, :func:`find_pairs` and
    :func:`_judge_run` for the rest) makes compact edits.

    >>> edits("召開,,會議", None)
    [('punct.stacked', 2, 4, ',,', '，', "stacked punctuation ',,' stands for '，'")]
    """
    if not might_need_repair(text) or not _EAST_ASIAN.search(text) or is_code(text):
        return []
    # what no line can have when the whole text has none: checked once, not per line
    maybe_fence = "```" in text or "~~~" in text
    maybe_data = "\t" in text or "|" in text
    maybe_not_chinese, lossy, maybe_full_stack = text_signs(text)
    if maybe_not_chinese and is_mostly_not_chinese(text):
        return []
    # only a line that holds a pattern's hint can hold a protected span
    patterns = tuple((hint, pattern) for hint, pattern in _PROTECT if hint in text)
    hints = tuple(hint for hint, _ in patterns)
    folded_memo: List[bool] = []

    def folded() -> bool:
        """is_folded(text), computed the first time a line needs it (one with a blank, a block
        of comma rows): most damaged text never asks."""
        if not folded_memo:
            folded_memo.append(is_folded(text))
        return folded_memo[0]
    # Lines without their break (LF, CRLF or a lone CR): a mark right before "\r\n" ends a line
    # just as one before "\n" does.
    if "\r" in text:
        lines, line_starts = [], []
        for m in _LINE_RE.finditer(text):
            lines.append(m.group(1))
            line_starts.append(m.start())
    else:  # the common case, without a regex match per line
        lines = text.split("\n")
        line_starts = []
        pos = 0
        for line in lines:
            line_starts.append(pos)
            pos += len(line) + 1
    widths: Dict[int, int] = {}

    def width(i: int) -> int:
        if i not in widths:
            widths[i] = csv_width(lines[i]) if 0 <= i < len(lines) else 0
        return widths[i]

    csv_rows: Dict[int, bool] = {}

    def in_csv_block(i: int) -> bool:
        """A row of a block of two or more lines with the same width, unless all are clauses."""
        if i not in csv_rows:
            w = width(i)
            if not w:
                return False
            lo, hi = i, i
            while width(lo - 1) == w:
                lo -= 1
            while width(hi + 1) == w:
                hi += 1
            block = range(lo, hi + 1)
            # three or more rows of the same width are a table whatever their cells hold; two
            # may be two clauses of prose that happen to have as many commas -- and in a folded
            # text two lines of Chinese words with a comma between are two clauses
            verdict = hi - lo >= CSV_BLOCK_ROWS - 1 or (
                hi > lo and not all(is_clause_row(lines[j]) for j in block)
                and not (all(is_word_row(lines[j]) for j in block) and folded()))
            for j in block:
                csv_rows[j] = verdict
        return csv_rows[i]

    findings: List[Edit] = []
    append = findings.append
    east_asian = _EAST_ASIAN.search
    not_prose_start = _NOT_PROSE_START.match
    verdicts = _VERDICTS_LOSSY if lossy else _VERDICTS
    fenced = fenced_lines(lines) if maybe_fence else None

    def gate(i: int) -> int:
        """What line ``i`` is: 0 not Chinese prose to mend; 1 a common line, mended run by run
        below; 3 the same with parentheses (its pairs are judged first); 2 a line with quotes,
        protected spans or full-width stacks, for find_in_line.  (A first character tells most:
        a Han one is East Asian text, and no code, comment or markup opens with one.)"""
        line = lines[i]
        if fenced is not None and fenced[i]:
            return 0
        c = line[:1]
        if not "\u4e00" <= c <= "\u9fff":
            if east_asian(line) is None or (c in _OPENS_NOT_PROSE and not_prose_start(line)):
                return 0
        if maybe_data and ("\t" in line or "|" in line):
            return 0
        if maybe_not_chinese and _NOT_CHINESE.search(line):
            return 0
        if "," in line and "。" not in line and in_csv_block(i):  # a line with "。" is no CSV row (csv_width)
            return 0
        if maybe_full_stack and _FULL_PAIR.search(line):
            return 2
        parens = False
        for hint in hints:
            if hint in line:
                if hint != "(" or _CALL_PAREN.search(line):
                    return 2
                parens = True  # no call or formula: nothing on the line is protected
        return 3 if parens else 1

    def slow_line(i: int) -> None:
        line = lines[i]
        # (a blank next to a mark only counts in a folded text)
        findings.extend(find_in_line(text, line, line_starts[i], lines[i - 1] if i else "", lossy,
                                     " " in line and folded(), patterns, maybe_full_stack))

    if maybe_full_stack:  # a line may hold full-width stacks and no ASCII mark: line by line
        for i in range(len(lines)):
            if gate(i):
                slow_line(i)
    else:
        # One scan of the whole text for runs of marks (and parentheses); a line is judged when
        # its first run turns up, so lines without marks cost nothing.  Damaged web text has a
        # run every few characters: the common one -- Han before it, Han or the line's end after
        # it -- is decided by the run alone (_between_han).
        state = 0
        line, line_start, line_end, li = "", 0, -1, 0
        converted, pairs = _NONE, _NO_PAIRS
        blank: Optional[bool] = None  # a blank next to a mark counts on the line (see slow_line)
        for m in _RUN_OR_PAREN.finditer(text):
            s, e = m.span()
            if s > line_end:  # the first run of a later line
                li = bisect_right(line_starts, s) - 1
                line = lines[li]
                line_start = line_starts[li]
                line_end = line_start + len(line)
                state = gate(li)
                converted, pairs, blank = _NONE, _NO_PAIRS, None
                if state == 2:
                    slow_line(li)
                elif state == 3:
                    # parentheses but nothing protected: the line's pairs are judged first, as
                    # find_in_line does, and its runs here, which is cheaper per run (a tenth of
                    # the seed-damaged laws' lines hold a "(")
                    converted, found = find_pairs(line, line_start)
                    pairs = {f[1]: f for f in found}  # (an edit's start)
                    state = 1
            if state != 1:
                continue
            if m.lastindex:  # Han before the run, Han or the line's end after it
                run = m.group()
                verdict = verdicts[run]
                if verdict is not _GENERAL:
                    # (a "?" in a title, "《塞繆爾?約翰生》", is a lost character: is_lost_in_title)
                    if verdict is not None and not (run == "?" and is_lost_in_title(line, s - line_start)):
                        append((verdict[0], s, e, run, verdict[1], verdict[2]))
                    continue
            elif text[s] in "()":
                f = pairs.get(s)  # (one of a pair find_pairs made full-width, or it stays)
                if f is not None:
                    append(f)
                continue
            elif s > line_start and text[s - 1] in _FULL_MARKS:
                s -= 1
                while s > line_start and text[s - 1] in _FULL_MARKS:
                    s -= 1
            if blank is None:  # once a line: looking for a blank at every run is quadratic on a long line
                blank = " " in line and folded()
            f = _judge_run(text, line, line_start, s - line_start, e - line_start, converted,
                           lines[li - 1] if li else "", lossy, blank, False)
            if f is not None:
                append(f)
    # Two full-width marks in a row (，， 、，) are a typo the author made unless the text shows the
    # stacking damage elsewhere: only then are they collapsed too.
    # (compact edits: f[0] is the kind, f[3] the old text)
    if maybe_full_stack and any(f[0] == "punct.stacked" and not _has_ascii_comma(f[3]) for f in findings):
        if not any(f[0] == "punct.stacked" and _has_ascii_comma(f[3]) for f in findings):
            findings = [f for f in findings if f[0] != "punct.stacked" or _has_ascii_comma(f[3])]
    return findings


#: an edit's start, to sort by
_START = itemgetter(1)


def fenced_lines(lines: Sequence[str]) -> List[bool]:
    """For each line, whether it is a code fence or inside one.

    >>> fenced_lines(["a", "```", "b", "```", "c"])
    [False, True, True, True, False]
    """
    out = []
    inside = False
    for line in lines:
        if _FENCE.match(line):
            inside = not inside
            out.append(True)
        else:
            out.append(inside)
    return out


def _ends_clause(line: str, start: int, end: int) -> bool:
    """A Latin word or number before the marks and Chinese after them: ``N95,,但是`` ``38%,,因為``."""
    while start > 0 and line[start - 1] in "%‰℃°":
        start -= 1
    return (start > 0 and line[start - 1].isascii() and line[start - 1].isalnum()
            and end < len(line) and _HAN_CHAR.match(line, end) is not None)


def ends_latin_text(line: str, start: int, end: int) -> bool:
    """True when the marks ``line[start:end]`` follow Latin text and a blank or an ASCII symbol
    follows them: ``（Janet Malcolm,？-　）``.

    Why: there the comma is the Latin text's own (a name, then ``？`` for an unknown year), not
    one the crawler stacked on ``？`` -- in Chinese prose a stacked run has Chinese after it, or
    a Latin word (``使用Python,、Java``), or ends its line.

    >>> ends_latin_text("（Janet Malcolm,？-　）", 14, 16), ends_latin_text("用Python,、Java", 7, 9)
    (True, False)
    >>> ends_latin_text("用Python,。", 7, 9), ends_latin_text("好,？-", 1, 3)
    (False, False)
    """
    if start == 0 or not (line[start - 1].isascii() and line[start - 1].isalnum()) or end >= len(line):
        return False
    after = line[end]
    return (after.isspace() and after != "\u3000") or (after < "\x80" and not after.isalnum())


def _has_ascii_comma(run: str) -> bool:
    return "," in run


def is_mostly_not_chinese(text: str) -> bool:
    """True when kana or hangul are more than a quotation in ``text``: Japanese or Korean text
    (Korean laws write hanja headings like ``第44條(休職)`` on lines of their own).

    >>> is_mostly_not_chinese("第44條(休職)\\n공무원은 휴직할 수 있다."), is_mostly_not_chinese("店名叫美の,很好。")
    (True, False)
    """
    count = len(_NOT_CHINESE.findall(text))
    return count >= NOT_CHINESE_MIN or (count >= 2 and count * 50 >= len(text))


def find_in_line(text: str, line: str, offset: int, before_line: str = "", lossy: bool = False,
                 folded: bool = False, patterns=_PROTECT, full_stacks: bool = True) -> List[Edit]:
    """Edits for one line of Chinese prose that starts at ``offset`` in ``text``.

    Damaged web text has a mark every few characters, so the common case -- a run of ASCII marks
    with a Han character on each side -- is decided by the run alone and remembered
    (:func:`_between_han`); everything else takes the general path.  ``patterns``: the protected
    patterns worth trying (those that match somewhere in ``text``); ``full_stacks``: False when
    ``text`` holds no two full-width marks in a row (so no line needs a look for them).
    """
    prose_quotes = uses_prose_quotes(line) if '"' in line else False
    protected = protected_spans(line, prose_quotes, patterns) if patterns else ()
    is_protected = Overlaps(protected) if protected else None

    if "(" in line:
        converted, found = find_pairs(line, offset, is_protected)
    else:
        converted, found = _NONE, []
    unsorted = bool(found)
    verdicts = _VERDICTS_LOSSY if lossy else _VERDICTS
    taken = []  # spans of the ASCII runs, in order and apart, for the full-width runs below
    for m in _ASCII_RUN.finditer(line):
        s, e = m.span()
        if m.lastindex and not (protected and is_protected(s, e)):  # Han before, Han or the line's end after
            verdict = verdicts[m.group()]
            if verdict is not _GENERAL:
                taken.append((s, e))
                if verdict is not None and not (m.group() == "?" and is_lost_in_title(line, s)):
                    found.append((verdict[0], offset + s, offset + e, m.group(), verdict[1], verdict[2]))
                continue
        elif s and line[s - 1] in _FULL_MARKS:
            s -= 1
            while s and line[s - 1] in _FULL_MARKS:
                s -= 1
        taken.append((s, e))
        if protected and is_protected(s, e):
            continue
        f = _judge_run(text, line, offset, s, e, converted, before_line, lossy, folded, prose_quotes)
        if f is not None:
            found.append(f)
    if full_stacks and _FULL_PAIR.search(line):
        taken_starts = [a for a, _ in taken]
        for m in _FULL_RUN.finditer(line):
            s, e = m.span()
            i = bisect_right(taken_starts, s) - 1  # the one ASCII run that may hold s
            if (i >= 0 and s < taken[i][1]) or (protected and is_protected(s, e)):
                continue
            f = _judge_run(text, line, offset, s, e, converted, before_line, lossy, folded, prose_quotes)
            if f is not None:
                found.append(f)
                unsorted = True
    if unsorted:
        found.sort(key=_START)
    return found


def find_pairs(line: str, offset: int, is_protected: Optional[Callable[[int, int], bool]] = None
               ) -> Tuple[Set[int], List[Edit]]:
    """The ASCII parenthesis pairs of ``line`` (at ``offset`` in its text) that become full-width:
    their positions in ``line`` and their findings, in order.  ``is_protected(a, b)``: True for a
    span that must stay as it is.

    >>> converted, found = find_pairs("示范區(高新區)與f(x)", 10)
    >>> sorted(converted), [(start, new) for _, start, _, _, new, _ in found]
    ([3, 7], [(13, '（'), (17, '）')])
    """
    converted: Set[int] = set()
    found: List[Edit] = []
    for m in _PAIR.finditer(line):
        o, c = m.start(), m.end() - 1
        if is_protected is not None and is_protected(o, c + 1):
            continue
        if not wants_fullwidth_parens(line, o, c, converted):
            continue
        converted.add(o)
        converted.add(c)
        found.append(("punct.fullwidth", offset + o, offset + o + 1, "(", "（", _REASON_PARENS))
        found.append(("punct.fullwidth", offset + c, offset + c + 1, ")", "）", _REASON_PARENS))
    return converted, found


class Overlaps:
    """``Overlaps(spans)(a, b)``: True when ``[a, b)`` overlaps one of ``spans`` -- in log time,
    so a long line with many protected spans and many marks stays linear.

    >>> hits = Overlaps([(2, 5), (3, 9), (20, 22)])
    >>> hits(0, 2), hits(0, 3), hits(9, 20), hits(8, 9), hits(21, 30)
    (False, True, False, True, True)
    """

    __slots__ = ("starts", "reach")

    def __init__(self, spans: Sequence[Tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        #: the furthest end among the spans up to each one (spans may nest or overlap)
        self.reach = list(accumulate((e for _, e in spans), max))

    def __call__(self, a: int, b: int) -> bool:
        i = bisect_left(self.starts, b)  # the spans that start before b ...
        return i > 0 and self.reach[i - 1] > a  # ... and the one of them reaching furthest


def _between_han(run: str, lossy: bool = False) -> Optional[Tuple[str, str, str]]:
    """(kind, new, reason) for a run of marks that starts with an ASCII mark and has a Han
    character on each side (or before it and the end of its line after it) -- the same verdict
    the general path gives there.

    A run the general path must judge (``?:``, where the ``?`` may be a lost character) gives
    ``_GENERAL``.

    >>> _between_han(","), _between_han(",、")[:2], _between_han("?!")[:2], _between_han(",!"), _between_han("?:")
    (('punct.fullwidth', '，', 'ASCII punctuation in Chinese prose'), ('punct.stacked', '、'), ('punct.fullwidth', '？！'), None, ())
    """
    if len(run) == 1:
        if lossy and run == "?":
            return None  # where a decoder left U+FFFD or private-use characters, "?" is one too
        return "punct.fullwidth", FULLWIDTH[run], _REASON_FULLWIDTH
    if not run.strip("?!？！"):
        if lossy and run[0] == "?":
            return None
        return "punct.fullwidth", "".join([FULLWIDTH.get(c, c) for c in run]), _REASON_FULLWIDTH
    if run[0] == "?" and not _QUESTION_OR_BANG.search(run, 1):
        return _GENERAL
    if is_deliberate(run) or "?" in run or "!" in run:
        return None
    new, reason = _stacked(run)
    return ("punct.stacked", new, reason) if new != run else None


#: no converted parentheses (a line without any)
_NONE: Set[int] = frozenset()  # type: ignore[assignment]
#: no parenthesis findings, by start (a line without parentheses; only ever read)
_NO_PAIRS: Dict[int, Edit] = {}
#: what :func:`_between_han` gives for a run only the general path can judge
_GENERAL: Tuple[str, str, str] = ()  # type: ignore[assignment]


class _Verdicts(dict):
    """``verdicts[run]``: :func:`_between_han` of ``run``, remembered.  The common run is looked up
    once per run of damaged text: a dict lookup costs a third of a call through ``lru_cache``."""

    def __init__(self, lossy: bool):
        super().__init__()
        self.lossy = lossy

    def __missing__(self, run: str) -> Optional[Tuple[str, str, str]]:
        if len(self) >= 4096:  # runs are a handful of marks, but an adversarial text holds many
            self.clear()
        verdict = self[run] = _between_han(run, self.lossy)
        return verdict


_VERDICTS = _Verdicts(False)
_VERDICTS_LOSSY = _Verdicts(True)


def _without(line: str, s: int, e: int, look_past: str) -> Tuple[str, int]:
    """``line`` without the character at ``s`` -- cut to the part that can decide the marks
    ``line[s + 1:e]`` (a copy of the whole line per run would be quadratic on a long line) -- and
    where that part starts in ``line``.

    The marks look back past ``look_past`` (and the units :func:`_ends_clause` skips) to one more
    character, or to the line's start, where the line before counts; and forward past blanks to
    one more character.

    >>> _without("甲夾?:起得妙", 2, 4, AMBIGUOUS), _without("??:", 1, 3, AMBIGUOUS), _without("a“?: 中文", 2, 4, AMBIGUOUS)
    (('夾:起', 1), ('?:', 0), ('a“: 中', 0))
    """
    w = s
    while w > 0 and (line[w - 1] in look_past or line[w - 1] in "%‰℃°"):
        w -= 1
    if w > 0:
        w -= 1
    f = e
    while f < len(line) and line[f] == " ":
        f += 1
    return line[w:s] + line[s + 1:f + 1], w


def _judge_run(text: str, line: str, offset: int, s: int, e: int, converted: Set[int], before_line: str,
               lossy: bool, folded: bool, prose_quotes: bool) -> Optional[Edit]:
    """The edit for the run of marks ``line[s:e]`` in any context (None when it stays)."""
    run = line[s:e]
    if e - s == 1:
        if run in FULLWIDTH and wants_fullwidth(line, s, e, converted, before_line, lossy, folded, prose_quotes):
            return ("punct.fullwidth", offset + s, offset + e, run, FULLWIDTH[run], _REASON_FULLWIDTH)
        return None
    if not run.strip("?!？！"):
        if run.isascii() or run.strip("？！") != "":
            if wants_fullwidth(line, s, e, converted, before_line, lossy, folded, prose_quotes):
                new = "".join([FULLWIDTH.get(c, c) for c in run])
                return ("punct.fullwidth", offset + s, offset + e, run, new, _REASON_FULLWIDTH)
        return None
    if run[0] == "?" and not _QUESTION_OR_BANG.search(run, 1):
        # "甲夾?:起得妙": a "?" before other marks stands for a lost character (the text already
        # had it); it stays, and the marks after it are judged as if it were not there
        window, w = _without(line, s, e, _look_past(folded, prose_quotes))
        f = _judge_run(text, window, offset + w + 1, s - w, e - 1 - w, set(), before_line, lossy, folded,
                       prose_quotes)
        if f is None:
            return None
        kind, start, end, _, new, reason = f
        return (kind, start, end, run[1:], new, reason)
    if is_deliberate(run) or "?" in run or "!" in run:
        return None  # "?：" -- an ASCII ? in Chinese text is as often a lost character as a question
    look_past = _look_past(folded, prose_quotes)
    if is_cjk_before(line, s, converted, before_line, look_past):
        pass
    elif not (_ends_clause(line, s, e) or (not run.isascii() and not ends_latin_text(line, s, e))):
        return None
    new, reason = _stacked(run)
    if new != run:
        return ("punct.stacked", offset + s, offset + e, run, new, reason)
    return None
