"""Stage: CJK punctuation -- stacked marks, and ASCII marks standing in Chinese prose.

Crawlers and converters fold ``，（）：；`` to ASCII and stack stray commas onto the marks that
survived: ``召開,,示范區`` ``不懈,、共同`` ``工作,。`` ``演練,;要``.  Two kinds of finding:

* ``punct.stacked``: a run of marks in Chinese prose collapses to the one intended mark.  An
  ASCII comma stacked on another mark is the noise (``,、`` -> ``、``, ``,,`` -> ``，``); where two
  real marks meet the stronger stays (``、`` < ``，`` < ``：`` < ``；`` < ``。？！``) -- but only in a
  text that shows the comma-stacking damage somewhere: an isolated ``，，`` or ``，、`` is the
  author's own typo (People's Daily and a Red Chamber edition hold some) and stays.  Deliberate
  runs are not stacks: ``？！`` ``！！`` ``。。。`` (and ``……`` ``——``, which are not marks here).
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
  or an ASCII symbol -- so ``1,000``, ``10:30``, a ``1:0`` score, ``中文, English`` and ``:)`` stay;
* an ASCII ``?`` is a question mark, not a lost character: it ends a clause (Chinese or a quote
  after it), and the text holds no U+FFFD or private-use characters a lossy decode leaves.

Parentheses go in pairs: ``示范區(高新區)`` and ``人工智能(AI)技術`` become full-width, ``f(x)``,
``[鏈接](說明)``, ``Beijing (北京)`` and an intentional ruby ``中(zhōng)`` do not.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, List, Sequence, Set, Tuple

from ..config import Config
from ..findings import Finding, edit
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
_ASCII_RUN = re.compile(r"[,;:?!][,，、;；:：。?？!！]*")
#: a run of two or more full-width marks
_FULL_RUN = re.compile(r"[，、；：。？！]{2,}")
_FULL_MARKS = frozenset("，、；：。？！")
#: what a lossy decode leaves behind: U+FFFD, private-use characters
_LOSSY = re.compile("[\ufffd\ue000-\uf8ff]")
#: an innermost pair of ASCII parentheses on one line
_PAIR = re.compile(r"\(([^()\n]*)\)")
#: inside parentheses, what marks code, markup or an address rather than prose
_CODEISH = re.compile(r"[=\"{}<>\\`@]|://|^\s|\s$")

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

#: lines that are not Chinese prose even when they hold Han characters
_NOT_CHINESE = re.compile("[\u3040-\u30ff\u31f0-\u31ff\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_NOT_PROSE_START = re.compile(r"[ \t]*(?:#|//|/\*|--|>>>|\$ |[{\[\"'<])")
_FENCE = re.compile(r"[ \t]{0,3}(?:```|~~~)")
_QUOTED = re.compile(r"\"[^\"\n]*\"")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
_INNER_BLANK = re.compile(r"\S[ \t\u3000]+\S")
_SENTENCE_END = "。！？!?”」』"

#: a line that looks like source code (outside fences); three make the document code
_CODE_LINE = re.compile(
    r"^[ \t]*(?:(?:def|class|import|from|return|function|var|let|const|public|private|static|package"
    r"|using|namespace|#include|#define)\b.*|.*[A-Za-z0-9_)\]\"'][ \t]*[;{][ \t]*\r?|[ \t]*[}\]][;,)]*[ \t]*\r?)$",
    re.M,
)
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
    """True for runs a writer types on purpose: ``？！`` ``!!`` ``。。。``.

    >>> is_deliberate("？！"), is_deliberate("!!"), is_deliberate("。。"), is_deliberate(",,")
    (True, True, True, False)
    """
    return not run.strip("?!？！") or not run.strip("。")


def is_cjk(c: str) -> bool:
    """True for a Han character or CJK punctuation.

    >>> is_cjk("區"), is_cjk("，"), is_cjk("﹐"), is_cjk("a"), is_cjk("”")
    (True, True, True, False, False)
    """
    return ("\u4e00" <= c <= "\u9fff" or c in _CJK_MARK_SET or "\u3400" <= c <= "\u4dbf"
            or "\uf900" <= c <= "\ufaff" or "\U00020000" <= c <= "\U0003134f")


def is_cjk_before(line: str, pos: int, converted: Sequence[int] = (), before_line: str = "") -> bool:
    """True when the text right before ``pos`` is Chinese (looking past ``”’…—``).

    At the start of a line the end of the line before counts: hard-wrapped Chinese puts marks
    there (``制定本憲法`` / ``，頒行全國``).

    >>> is_cjk_before("“四抓”,", 4), is_cjk_before("“Hello”,", 7), is_cjk_before("1,000", 1)
    (True, False, False)
    >>> is_cjk_before(",頒行全國", 0, before_line="制定本憲法"), is_cjk_before(",b", 0, before_line="a")
    (True, False)
    """
    i = pos - 1
    while i >= 0 and line[i] in AMBIGUOUS:
        i -= 1
    if i < 0:
        return i == -1 and before_line != "" and is_cjk(before_line[-1])
    return i in converted or is_cjk(line[i])


def wants_fullwidth(
    line: str, start: int, end: int, converted: Sequence[int] = (), before_line: str = "", lossy: bool = False
) -> bool:
    """True when the ASCII mark(s) ``line[start:end]`` stand in Chinese prose.

    >>> [wants_fullwidth(s, 2, 3) for s in ("上午,省委", "上午:10:30", "中文, English", "開心:)")]
    [True, True, False, False]
    >>> wants_fullwidth("用Python,它", 7, 8), wants_fullwidth("1:0", 1, 2), wants_fullwidth("1,000", 1, 2)
    (True, False, False)
    >>> wants_fullwidth(",頒行全國", 0, 1, before_line="制定本憲法")
    True
    """
    mark = line[start]
    after = line[end] if end < len(line) else ""
    if end in converted:  # "類型:(１)": the pair after it is Chinese
        after = "（"
    if after and ((after.isspace() and after != "\u3000")
                  or (after < "\x80" and not after.isalnum() and not _ALLOWED_AFTER(mark, after))):
        return False
    if mark in "?!" and after and not (is_cjk(after) or after in "“”‘’…—" or after == "("):
        return False  # "祝?font" -- a lost character, not a question mark
    if mark == "?" and lossy:
        return False  # where a decoder left U+FFFD or private-use characters, "?" is one too
    if is_cjk_before(line, start, converted, before_line):
        return True
    # "使用Python,它", "比分1:0,時間", "占38%,因為" -- a Latin word or a number ends a clause
    return mark in ",;" and _ends_clause(line, start, end)


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
    if not inner or _CODEISH.search(inner):
        return False
    has_han = _HAN_CHAR.search(inner) is not None
    before = open_
    while before and line[before - 1] in "?!:,;":  # "謝謝!(新華社電)" "類型:(１)": the mark is Chinese too
        before -= 1
    if before and has_han and line[before - 1].isascii() and line[before - 1].isalnum():
        return True  # "ARDS(百度:急性呼吸窘迫綜合征)" -- an aside in Chinese after a Latin word
    if is_cjk_before(line, before, converted):  # "他說(一)(二)": the pair before is Chinese
        if not has_han and close + 1 < len(line) and line[close + 1].isspace():
            return False  # "電話：(02) 2345-6789" -- Latin-style spacing, not a Chinese aside
        return not is_pinyin(inner, toneless=True)  # an intentional annotation the ruby stage kept
    if line[:open_].strip():
        return False
    # "(記者付凱明)", an indented "(一)剝皮時", "(Ａ、Ｂ)兩類" at the start of a line
    return has_han or any(is_cjk(c) for c in inner)


def protected_spans(line: str) -> List[Tuple[int, int]]:
    """Spans of ``line`` that must not change: URLs, e-mail, code, quoted strings, formulas.

    >>> s = '用=COUNTIF(A1:A100,">100")統計,見http://a.cn/?q=1'
    >>> [s[a:b] for a, b in protected_spans(s)]
    ['COUNTIF(A1:A100,">100")', '">100"', 'http://a.cn/?q=1']
    """
    spans = []
    for hint, pattern in _PROTECT:
        if hint in line:
            spans.extend(m.span() for m in pattern.finditer(line))
    return sorted(spans)


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


def is_clause_row(line: str) -> bool:
    """True when a comma-separated line reads like clauses: a long all-Chinese cell, no number,
    no one-character cell, and no blanks inside (Chinese prose puts no spaces between words;
    aligned data cells do).

    >>> is_clause_row("我們今天一起去了北京,天氣很好"), is_clause_row("甲,第一項"), is_clause_row("北京,116.4")
    (True, False, False)
    >>> is_clause_row("一,一  公務人員任用資格"), is_clause_row("一,一,一切貨物應許自由流通")
    (False, False)
    """
    cells = _QUOTED.sub("", line).split(",")
    return (max(len(c) for c in cells) > CSV_CELL and not any(_ASCII_ALNUM.search(c) for c in cells)
            and min(len(c.strip()) for c in cells) >= 2 and not any(_INNER_BLANK.search(c) for c in cells))


def is_code(text: str) -> bool:
    """True when ``text`` reads like source code: its comments and strings are not prose to mend.

    >>> is_code("import os\\nx = 1;\\n# 註釋,說明\\ndef f():\\n    return 1\\n")
    True
    >>> is_code("11月20日上午,省委、市委召開會議。\\n"), is_code("一則因為毒性減弱,;\\n二則因為,;\\n三是,;\\n")
    (False, False)
    """
    count = 0
    for count, _ in enumerate(_CODE_LINE.finditer(text), 1):
        pass
    return count >= CODE_LINES and count >= CODE_SHARE * (text.count("\n") + 1)


def find(text: str, config: Config) -> List[Finding]:
    """Stacked and half-width marks in the Chinese prose of ``text``.

    >>> from encfix.findings import apply
    >>> s = "召開,,示范區(高新區)認真,、共同努力,。比分1:0,時間10:30"
    >>> apply(s, find(s, None))
    '召開，示范區（高新區）認真、共同努力。比分1:0，時間10:30'
    """
    if not might_need_repair(text) or not _EAST_ASIAN.search(text) or is_code(text):
        return []
    # what no line can have when the whole text has none: checked once, not per line
    maybe_fence = "```" in text or "~~~" in text
    maybe_data = "\t" in text or "|" in text
    maybe_not_chinese = _NOT_CHINESE.search(text) is not None
    if maybe_not_chinese and is_mostly_not_chinese(text):
        return []
    lossy = "?" in text and _LOSSY.search(text) is not None
    maybe_full_stack = _FULL_PAIR.search(text) is not None
    # Lines without their break (LF, CRLF or a lone CR): a mark right before "\r\n" ends a line
    # just as one before "\n" does.
    lines, line_starts = [], []
    for m in _LINE_RE.finditer(text):
        lines.append(m.group(1))
        line_starts.append(m.start())
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
            lo, hi = i, i
            while w and width(lo - 1) == w:
                lo -= 1
            while w and width(hi + 1) == w:
                hi += 1
            block = range(lo, hi + 1)
            # three or more rows of the same width are a table whatever their cells hold; two
            # may be two clauses of prose that happen to have as many commas
            verdict = hi - lo >= CSV_BLOCK_ROWS - 1 or (hi > lo and not all(is_clause_row(lines[j]) for j in block))
            for j in block:
                csv_rows[j] = verdict
        return csv_rows[i]

    findings: List[Finding] = []
    in_fence = False
    for i, line in enumerate(lines):
        start = line_starts[i]
        if maybe_fence and _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or not might_need_repair(line) or _EAST_ASIAN.search(line) is None:
            continue
        if (maybe_data and ("\t" in line or "|" in line)) or _NOT_PROSE_START.match(line):
            continue
        if maybe_not_chinese and _NOT_CHINESE.search(line):
            continue
        if "," in line and in_csv_block(i):
            continue
        findings.extend(find_in_line(text, line, start, lines[i - 1] if i else "", lossy))
    # Two full-width marks in a row (，， 、，) are a typo the author made unless the text shows the
    # stacking damage elsewhere: only then are they collapsed too.
    if maybe_full_stack and any(f.kind == "punct.stacked" and not _has_ascii_comma(f.old) for f in findings):
        if not any(f.kind == "punct.stacked" and _has_ascii_comma(f.old) for f in findings):
            findings = [f for f in findings if f.kind != "punct.stacked" or _has_ascii_comma(f.old)]
    return findings


def _ends_clause(line: str, start: int, end: int) -> bool:
    """A Latin word or number before the marks and Chinese after them: ``N95,,但是`` ``38%,,因為``."""
    while start > 0 and line[start - 1] in "%‰℃°":
        start -= 1
    return (start > 0 and line[start - 1].isascii() and line[start - 1].isalnum()
            and end < len(line) and _HAN_CHAR.match(line, end) is not None)


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


def find_in_line(text: str, line: str, offset: int, before_line: str = "", lossy: bool = False) -> List[Finding]:
    """Findings for one line of Chinese prose that starts at ``offset`` in ``text``."""
    protected = protected_spans(line)

    def is_protected(a: int, b: int) -> bool:
        for s, e in protected:
            if s < b and a < e:
                return True
        return False

    found: List[Finding] = []
    converted: Set[int] = set()
    if "(" in line:
        for m in _PAIR.finditer(line):
            o, c = m.start(), m.end() - 1
            if (protected and is_protected(o, c + 1)) or not wants_fullwidth_parens(line, o, c, converted):
                continue
            converted.add(c)
            converted.add(o)
            for p in (o, c):
                found.append(edit("punct.fullwidth", text, offset + p, offset + p + 1, FULLWIDTH[line[p]],
                                  _REASON_PARENS))
    n = len(line)
    for s, e in mark_runs(line):
        if protected and is_protected(s, e):
            continue
        if e - s == 1:  # one ASCII mark: the common case, with a fast path for Han on both sides
            c = line[s]
            if s and e < n and "\u4e00" <= line[s - 1] <= "\u9fff" and "\u4e00" <= line[e] <= "\u9fff":
                wanted = not (lossy and c == "?")
            else:
                wanted = wants_fullwidth(line, s, e, converted, before_line, lossy)
            if wanted:
                found.append(edit("punct.fullwidth", text, offset + s, offset + e, FULLWIDTH[c], _REASON_FULLWIDTH))
            continue
        run = line[s:e]
        if not run.strip("?!？！"):
            if run.isascii() or run.strip("？！") != "":
                if wants_fullwidth(line, s, e, converted, before_line, lossy):
                    new = "".join([FULLWIDTH.get(c, c) for c in run])
                    found.append(edit("punct.fullwidth", text, offset + s, offset + e, new, _REASON_FULLWIDTH))
            continue
        if is_deliberate(run) or "?" in run or "!" in run:
            continue  # "?：" -- an ASCII ? in Chinese text is as often a lost character as a question
        if not (is_cjk_before(line, s, converted, before_line) or not run.isascii() or _ends_clause(line, s, e)):
            continue
        new, reason = _stacked(run)
        if new != run:
            found.append(edit("punct.stacked", text, offset + s, offset + e, new, reason))
    if converted:
        found.sort(key=lambda f: f.start)
    return found


def mark_runs(line: str) -> List[Tuple[int, int]]:
    """Spans of the runs of marks worth a look: any run with an ASCII mark, full-width runs of two.

    >>> line = "召開，,示范區。。好,甲；：乙"
    >>> [line[a:b] for a, b in mark_runs(line)]
    ['，,', '。。', ',', '；：']
    """
    spans = []
    for m in _ASCII_RUN.finditer(line):
        s = m.start()
        while s and line[s - 1] in _FULL_MARKS:
            s -= 1
        spans.append((s, m.end()))
    if _FULL_PAIR.search(line):
        taken = spans[:]
        for m in _FULL_RUN.finditer(line):
            if not any(a <= m.start() < b for a, b in taken):
                spans.append(m.span())
        spans.sort()
    return spans
