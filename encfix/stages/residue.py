"""Stage: markup residue and stray separators left by HTML-to-text extraction.

A page's layout tables and empty images survive extraction as lines like ``| |||||||``, ``|``,
``![]() |`` and as a `` |`` glued to the end of a prose line.  They carry no text the author
wrote, so they are removed (the line's text, if any, is kept):

* ``residue.table-pipes``: a line made only of table pipes and spaces -- the whole line goes;
* ``residue.empty-markup``: ``![]()``/``[]()`` with neither text nor target -- an image or link
  that lost everything -- on a line of its own (the line goes) or before the line's text;
* ``residue.trailing-pipe``: a ``" |"`` (or ``" | |||"``) cell separator ending a line of Chinese
  text whose only pipes those are -- or a line of any other prose when the same document shows
  the extraction residue elsewhere (a line of only pipes, empty ``![]()`` markup): an English
  page extracted from a table layout ends its lines in `` |`` just as a Chinese one does.

What is *not* residue: a Markdown table (its rows have content cells, an empty row between two
such rows stays), an indented ``|`` (ASCII diagrams), anything inside a code fence, ``[]()``
inside code (a C++ lambda), ``![alt](src)``, shell lines ending in ``|``, and -- on a line that is
not Chinese -- ``a ||`` or any trailing pipe in a document with no other residue or in source code.  This stage runs before
the punctuation stage, so ``![]()`` is removed and can never become ``![]（）``.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, chain
from operator import add
from typing import Iterable, List, Optional, Tuple

from ..config import Config
from ..findings import Finding, edit

NAME = "residue"

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

#: the gate: a pipe, or empty link/image markup (``in`` scans at memory speed; a regex
#: alternation of the two is several times slower)
_GATE = ("|", "[]()")

#: a line of nothing but pipes and spaces (starting at column 0: an indented ``|`` is a drawing)
_PIPES_LINE = re.compile(r"\|[| \t]*\r?")
#: a line of nothing but empty markup, pipes and spaces
_MARKUP_LINE = re.compile(r"(?:!?\[\]\(\)[ \t|]*)+\r?")
#: empty markup opening a line of text
_MARKUP_PREFIX = re.compile(r"(?:!?\[\]\(\)[ \t]*)+(?=\S)")
#: empty image markup anywhere (not ``vec![]()``: an identifier before ``!`` makes it code)
_EMPTY_IMAGE = re.compile(r"(?<![A-Za-z0-9_!\]])!\[\]\(\)")
#: a cell separator ending a line: spaces, a pipe, then only pipes and spaces
#: (it may only start where a run of blanks starts: otherwise a long run of blanks before
#: other text is tried from every position in it, which is quadratic)
_TRAILING_PIPE = re.compile(r"(?<![ \t])[ \t]+\|[| \t]*(?=\r?$)")
#: ... on a line that is not Chinese: `` |`` or `` | |||``, never ``||`` (``a ||`` is an operator)
_TRAILING_CELL = re.compile(r"(?<![ \t])[ \t]+\|(?:[ \t]+[| \t]*)?(?=\r?$)")
#: the end of an English sentence: a word and its full stop, or ``!?`` and closing quotes
_SENTENCE_END = re.compile(r"(?:[A-Za-z]{2}[.!?]|[!?][\"'”’)]?|[.,!?…][\"'”’])$")
_HAN_CHAR = re.compile("[" + HAN + "]")
#: a shell command line (``cat 文件 |``): an ASCII command word first
_COMMAND = re.compile(r"[ \t]*(?:\$ )?[a-z][\w.-]* ")
#: a Markdown table row: starts with a pipe and holds something besides pipes and spaces
_TABLE_ROW = re.compile(r"[ \t]*\|.*[^| \t\r]")
_FENCE = re.compile(r"[ \t]{0,3}(```|~~~)")


def is_pipe_residue(line: str, before: Optional[str], after: Optional[str]) -> bool:
    """True when ``line`` is only table pipes and spaces and is not an empty row of a real table.

    >>> is_pipe_residue("| |||||||", None, None), is_pipe_residue("|", "![]() |", "焦作網")
    (True, True)
    >>> is_pipe_residue("|   |   |", "| a | b |", "| c | d |"), is_pipe_residue("  |", None, None)
    (False, False)
    """
    if not _PIPES_LINE.fullmatch(line):
        return False
    for neighbour in (before, after):
        if neighbour is not None and _TABLE_ROW.match(neighbour):
            return False
    return True


def is_markup_residue(line: str) -> bool:
    """True when ``line`` holds only empty image/link markup (and pipes, spaces).

    >>> is_markup_residue("![]() |"), is_markup_residue("[]()"), is_markup_residue("![a](b.png)")
    (True, True, False)
    """
    return bool(_MARKUP_LINE.fullmatch(line))


def strip_markup_prefix(line: str) -> int:
    """How many characters of empty markup open a line of Chinese text (0 if none).

    >>> strip_markup_prefix("![]() 掃一掃在手機打開當前頁 |")
    6
    >>> strip_markup_prefix("[]() { return 1; }")
    0
    """
    m = _MARKUP_PREFIX.match(line)
    if m and _HAN_CHAR.search(line, m.end()):
        return m.end()
    return 0


def trailing_pipe(line: str, any_prose: bool = False) -> Optional[Tuple[int, int]]:
    """The span of a cell separator ending a line of Chinese text, or None.

    With ``any_prose`` (the document shows extraction residue elsewhere), a line of other text
    qualifies too, provided its separator is `` |`` or `` | |||`` (``a ||`` is an operator).

    >>> trailing_pipe("焦作網免責聲明: | |||||||"), trailing_pipe("難道真想讓大家瘋掉? |"), trailing_pipe("新年(圖片) |")
    ((8, 18), (10, 12), (6, 8))
    >>> trailing_pipe("| 名稱 | 說明 |"), trailing_pipe("cat 文件.txt |"), trailing_pipe("ls 目錄 |")
    (None, None, None)
    >>> trailing_pipe("He simply grinned. |"), trailing_pipe("He simply grinned. |", any_prose=True)
    (None, (18, 20))
    >>> trailing_pipe("x = a ||", any_prose=True), trailing_pipe("grep -v foo |", any_prose=True)
    (None, None)
    >>> trailing_pipe("find . |", any_prose=True), trailing_pipe("her. When she left, he wept. |", any_prose=True)
    (None, (28, 30))
    """
    m = _TRAILING_PIPE.search(line)
    if not m or "|" in line[: m.start()]:
        return None
    if not _HAN_CHAR.search(line, 0, m.start()):  # a line of Chinese text, not a table of symbols
        if not any_prose:
            return None
        m = _TRAILING_CELL.search(line)
        if not m or "|" in line[: m.start()] or not line[: m.start()].strip():
            return None
        # a line of English prose may open with a lowercase word, as a command does: there the
        # text must end like a sentence (``madam!" |``), which a pipeline does not (``sort -u |``)
        if _COMMAND.match(line) and not _SENTENCE_END.search(line, 0, m.start()):
            return None
        return m.start(), m.end()
    if _COMMAND.match(line):
        return None
    return m.start(), m.end()


def find(text: str, config: Config) -> List[Finding]:
    """Residue in ``text``: whole lines to delete and pieces of lines to cut.

    >>> from encfix.findings import apply
    >>> page = "（記者）\\n![]() |\\n焦作網免責聲明: | |||||||\\n|\\n![]() 掃一掃 |"
    >>> apply(page, find(page, None))
    '（記者）\\n焦作網免責聲明:\\n掃一掃'
    """
    if not any(hint in text for hint in _GATE):
        return []
    lines = text.split("\n")
    starts = line_starts(lines)
    if "```" in text or "~~~" in text:
        candidates: Iterable[int] = range(len(lines))  # every line, to follow the fences
    else:  # only lines that can hold residue need a look
        candidates = lines_holding(text, starts, _GATE)
    in_fence = False
    doomed = []  # (line index, kind) of whole lines to delete
    cuts: List[Finding] = []
    other = []  # lines that are not Chinese, ending in a pipe: residue only beside other residue
    for i in candidates:
        line = lines[i]
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or ("|" not in line and "[]()" not in line):
            continue
        before = lines[i - 1] if i > 0 else None
        after = lines[i + 1] if i + 1 < len(lines) else None
        if is_pipe_residue(line, before, after):
            doomed.append((i, "residue.table-pipes", "a line of nothing but table pipes"))
            continue
        if is_markup_residue(line):
            doomed.append((i, "residue.empty-markup", "a line of nothing but empty image/link markup"))
            continue
        found = _cuts_in_line(text, line, starts[i])
        cuts.extend(found)
        if not found and line.rstrip(" \t\r").endswith("|"):
            other.append(i)
    # A page whose extraction left pipe-only lines or empty image markup also leaves its cell
    # separators on lines of English (or any) prose; without that evidence a pipe ending a line
    # may be a shell continuation or a table drawn in text, so it stays.  Source code never counts.
    if other and (doomed or any(f.kind == "residue.empty-markup" for f in cuts)) and not _looks_like_code(text):
        for i in other:
            span = trailing_pipe(lines[i], any_prose=True)
            if span:
                cuts.append(edit("residue.trailing-pipe", text, starts[i] + span[0], starts[i] + span[1], "",
                                 "table cell separator after the line's text"))
    return sorted(cuts + _delete_lines(text, lines, starts, doomed), key=lambda f: f.start)


def line_starts(lines: List[str]) -> List[int]:
    """Where each of ``lines`` (a text split at ``\\n``) starts in the text.

    >>> line_starts("甲乙\\n\\n丙".split("\\n"))
    [0, 3, 4]
    """
    # the lengths of the lines before, plus a break after each (C code: a Python step per line
    # cost more than the rest of the stage on damaged text)
    return list(map(add, chain((0,), accumulate(map(len, lines))), range(len(lines))))


def lines_holding(text: str, starts: List[int], needles: Iterable[str]) -> List[int]:
    """The indices, in order, of the lines that hold one of ``needles`` (``starts``: where each line
    starts).  ``str.find`` jumps from one to the next: a test on every line is a Python step per
    line, and a page holds a few lines of residue.

    >>> text = "甲|\\n乙\\n![]() |丙|\\n丁"
    >>> lines_holding(text, line_starts(text.split("\\n")), ("|", "[]()"))
    [0, 2]
    """
    found = set()
    for needle in needles:
        pos = text.find(needle)
        while pos >= 0:
            i = bisect_right(starts, pos) - 1
            found.add(i)
            pos = text.find(needle, starts[i + 1]) if i + 1 < len(starts) else -1  # on from the next line
    return sorted(found)


def _looks_like_code(text: str) -> bool:
    from .punctuation import is_code

    return is_code(text)


def _cuts_in_line(text: str, line: str, offset: int) -> List[Finding]:
    found = []
    prefix = strip_markup_prefix(line)
    if prefix:
        found.append(edit("residue.empty-markup", text, offset, offset + prefix, "",
                          "empty image/link markup before the line's text"))
    for m in () if "`" in line else _EMPTY_IMAGE.finditer(line, prefix):  # `![]()` is code
        found.append(edit("residue.empty-markup", text, offset + m.start(), offset + m.end(), "",
                          "empty image markup"))
    span = trailing_pipe(line)
    if span and span[0] >= prefix:
        found.append(edit("residue.trailing-pipe", text, offset + span[0], offset + span[1], "",
                          "table cell separator after the line's text"))
    return found


def _delete_lines(text: str, lines: List[str], starts: List[int], doomed) -> List[Finding]:
    """One deletion per doomed line, taking its line break with it.

    A line normally takes the break after it; the lines of a block that ends the text without a
    final break take the break before them instead, so no stray newline is left at the end.
    """
    found = []
    last = len(lines) - 1
    tail = last + 1  # first index of the trailing block of doomed lines
    doomed_set = {i for i, _, _ in doomed}
    while tail - 1 in doomed_set:
        tail -= 1
    for i, kind, reason in doomed:
        start, end = starts[i], starts[i] + len(lines[i])
        if i >= tail and tail > 0:
            start -= 1  # the break before
        elif i < last:
            end += 1  # the break after
        if end > start:
            found.append(edit(kind, text, start, end, "", reason))
    return found
