"""Findings: the one record every stage speaks, and the one function that applies them.

A stage never rewrites text. It returns findings -- non-overlapping edits on the text it was
given -- and :func:`apply` makes the new text.  So ``explain`` and ``fix`` cannot disagree:
``fix`` *is* applying what ``explain`` reports.

A finding whose ``new == old`` is a flag: damage that is reported but cannot be undone
(``锟斤拷``, runs of U+FFFD).  :func:`apply` leaves flagged text as it is.

Edits: a stage that meets damage every few characters (ruby, punctuation) works in the compact
form of an edit, a plain tuple ``(kind, start, end, old, new, reason)`` -- building a
:class:`Finding` costs six times as much as the tuple, and ``fix`` never looks at one.  Such a
stage has ``edits(text, config)`` beside ``find``, and its ``find`` is :func:`to_findings` of its
edits; :func:`apply_edits` applies them.  ``fix`` and ``explain`` take the same edits from the
stage, so they still cannot disagree.

Offsets: each stage reports offsets in the text *it* saw.  :class:`Composer` maps them back
through the edits of earlier stages, so the findings ``explain`` returns carry offsets (and
line/column) in the text the user gave, and applying all of them to that text reproduces the
output of the whole pipeline.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from itertools import starmap
from typing import Iterable, List, Sequence, Tuple


@dataclass(init=False, eq=True, repr=True, unsafe_hash=True)
class Finding:
    """One edit (or one flag) on a text.

    ``start``/``end`` index ``old`` in the text the finding refers to; ``new`` replaces it.
    ``line`` and ``column`` are 1-based and filled in for the user's text by ``explain``.

    Treat a Finding as immutable (use :func:`dataclasses.replace` to derive one).  It is a
    slotted class with a hand-written ``__init__`` rather than a frozen dataclass because
    damaged web text yields a finding every few dozen characters and a frozen dataclass is
    about ten times slower to build.
    """

    __slots__ = ("kind", "start", "end", "old", "new", "reason", "line", "column")
    kind: str
    start: int
    end: int
    old: str
    new: str
    reason: str
    line: int
    column: int

    def __init__(self, kind: str, start: int, end: int, old: str, new: str, reason: str,
                 line: int = 0, column: int = 0):
        self.kind = kind
        self.start = start
        self.end = end
        self.old = old
        self.new = new
        self.reason = reason
        self.line = line
        self.column = column

    @property
    def is_flag(self) -> bool:
        """True when the finding reports damage without changing the text."""
        return self.old == self.new

    @property
    def kinds(self) -> List[str]:
        """The kinds this finding stands for (a merged finding joins them with ``+``)."""
        return self.kind.split("+")

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "old": self.old,
            "new": self.new,
            "reason": self.reason,
        }


def edit(kind: str, text: str, start: int, end: int, new: str, reason: str) -> Finding:
    """Make a finding that replaces ``text[start:end]`` with ``new``.

    >>> edit("punct.stacked", "好,,的", 1, 3, "，", "stacked commas").old
    ',,'
    """
    return Finding(kind, start, end, text[start:end], new, reason)


def flag(kind: str, text: str, start: int, end: int, reason: str) -> Finding:
    """Make a finding that reports ``text[start:end]`` without changing it."""
    old = text[start:end]
    return Finding(kind, start, end, old, old, reason)


#: an edit in its compact form: (kind, start, end, old, new, reason), fields as in :class:`Finding`
Edit = Tuple[str, int, int, str, str, str]


def to_findings(edits: Iterable[Edit]) -> List[Finding]:
    """The findings of compact edits, in the same order.

    >>> to_findings([("punct.stacked", 1, 3, ",,", "，", "stacked commas")])[0].new
    '，'
    """
    return list(starmap(Finding, edits))


class OverlapError(ValueError):
    """Two edits claim the same characters: a stage broke its contract."""


def apply(text: str, findings: Iterable[Finding]) -> str:
    """Apply non-overlapping findings to ``text``; flags change nothing.

    Returns ``text`` itself (the same object) when nothing changes.

    >>> apply("區(qū),,", [edit("ruby.pinyin", "區(qū),,", 1, 5, "", "ruby")])
    '區,,'
    """
    # The hot path: stages return their findings in text order, built from the very text they
    # searched, so one pass writes the result.  Anything out of order (or overlapping) goes to
    # the careful path, which sorts, checks every finding against the text and says what is wrong.
    if not isinstance(findings, (list, tuple)):
        findings = list(findings)
    parts: List[str] = []
    append = parts.append
    pos = 0
    for f in findings:
        new = f.new
        if new == f.old:
            continue  # a flag
        start = f.start
        if start < pos:
            return _apply_carefully(text, findings)
        append(text[pos:start])
        append(new)
        pos = f.end
    if not parts:
        return text
    append(text[pos:])
    return "".join(parts)


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply compact edits (see :data:`Edit`) to ``text``: the same text as :func:`apply` of
    their findings, and ``text`` itself when nothing changes.

    >>> apply_edits("區(qū),,", [("ruby.pinyin", 1, 5, "(qū)", "", "ruby")])
    '區,,'
    """
    parts: List[str] = []
    append = parts.append
    pos = 0
    for _kind, start, end, old, new, _reason in edits:
        if new == old:
            continue  # a flag
        if start < pos:
            return _apply_carefully(text, to_findings(edits))
        append(text[pos:start])
        append(new)
        pos = end
    if not parts:
        return text
    append(text[pos:])
    return "".join(parts)


def _apply_carefully(text: str, findings: Iterable[Finding]) -> str:
    edits = sorted((f for f in findings if f.old != f.new), key=_by_position)
    parts = []
    pos = 0
    for f in edits:
        if f.start < pos:
            raise OverlapError(f"overlapping edits at {f.start}: {f.kind}")
        if text[f.start:f.end] != f.old:
            raise ValueError(f"finding {f.kind} at {f.start} does not match the text: {f.old!r}")
        parts.append(text[pos:f.start])
        parts.append(f.new)
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)


def _by_position(f: Finding):
    return (f.start, f.end)


class Composer:
    """Keeps findings in the coordinates of the original text while stages run one after another.

    ``add(stage_text, stage_findings)`` takes findings whose offsets are in ``stage_text`` (the
    text after every earlier stage) and maps them to the original.  Edits that touch text an
    earlier stage produced are merged with that earlier edit into one finding (kinds joined by
    ``+``), so the composed edits never overlap and applying them to the original gives the
    final text.
    """

    def __init__(self, original: str):
        self.original = original
        self.edits: List[Finding] = []  # sorted, non-overlapping, original coordinates
        self.flags: List[Finding] = []

    def add(self, stage_text: str, findings: Sequence[Finding]) -> None:
        if not findings:
            return
        spans = []  # (start, end) of each composed edit's output in stage_text
        ends_before = []  # cumulative length change after each composed edit
        delta = 0
        for f in self.edits:
            ns = f.start + delta
            spans.append((ns, ns + len(f.new)))
            delta += len(f.new) - (f.end - f.start)
            ends_before.append(delta)
        span_starts = [s for s, _ in spans]

        def to_original(pos: int, right: bool) -> int:
            # position outside every composed output span -> original position.  A deletion
            # sitting exactly at ``pos`` counts as before it when ``right`` is true.
            i = bisect_right(span_starts, pos) - 1
            while i >= 0:
                ns, ne = spans[i]
                if ne < pos or (ne == pos and (ns < ne or right)):
                    return pos - ends_before[i]
                i -= 1
            return pos

        def touching(a: int, b: int) -> List[int]:
            hit = []
            i = max(bisect_right(span_starts, a) - 1, 0)
            while i < len(spans):
                ns, ne = spans[i]
                if ns > b or (ns == b and a < b and ns < ne):
                    break
                if max(a, ns) < min(b, ne):  # overlapping characters
                    hit.append(i)
                elif a == b and ns <= a <= ne:  # insertion inside or against produced text
                    hit.append(i)
                elif ns == ne and a < ns < b:  # earlier deletion inside this edit
                    hit.append(i)
                i += 1
            return hit

        groups = []  # [stage findings, composed indices]
        for f in sorted(findings, key=lambda x: (x.start, x.end)):
            hit = touching(f.start, f.end)
            if f.is_flag:
                if hit:
                    lo = self.edits[hit[0]].start
                    hi = self.edits[hit[-1]].end
                    if spans[hit[0]][0] > f.start:
                        lo = to_original(f.start, True)
                    if spans[hit[-1]][1] < f.end:
                        hi = to_original(f.end, False)
                    old = self.original[lo:hi]
                    self.flags.append(replace(f, start=lo, end=hi, old=old, new=old))
                else:
                    s = to_original(f.start, True)
                    self.flags.append(replace(f, start=s, end=s + (f.end - f.start)))
                continue
            if groups and hit and set(hit) & groups[-1][1]:
                groups[-1][0].append(f)
                groups[-1][1].update(hit)
            else:
                groups.append(([f], set(hit)))

        merged_away = set()
        new_edits: List[Finding] = []
        for members, hit_set in groups:
            if not hit_set:
                f = members[0]
                s = to_original(f.start, True)
                new_edits.append(replace(f, start=s, end=s + (f.end - f.start)))
                continue
            hit = sorted(hit_set)
            first, last = hit[0], hit[-1]
            a, b = members[0].start, members[-1].end
            lo = min(spans[first][0], a)
            hi = max(spans[last][1], b)
            o_lo = self.edits[first].start if spans[first][0] <= a else to_original(a, True)
            o_hi = self.edits[last].end if spans[last][1] >= b else to_original(b, False)
            pieces, pos = [], lo
            for f in members:
                pieces.append(stage_text[pos:f.start])
                pieces.append(f.new)
                pos = f.end
            pieces.append(stage_text[pos:hi])
            kinds: List[str] = []
            reasons: List[str] = []
            for f in [self.edits[j] for j in hit] + members:
                for k in f.kinds:
                    if k not in kinds:
                        kinds.append(k)
                if f.reason not in reasons:
                    reasons.append(f.reason)
            merged_away.update(hit)
            new_edits.append(
                Finding("+".join(kinds), o_lo, o_hi, self.original[o_lo:o_hi], "".join(pieces), "; ".join(reasons))
            )
        kept = [e for j, e in enumerate(self.edits) if j not in merged_away]
        self.edits = sorted(kept + new_edits, key=lambda x: (x.start, x.end))

    def findings(self) -> List[Finding]:
        """All findings, in original coordinates, with line and column, in text order.  A flag
        each pass over the text raised again (the same damage, the same place) is listed once."""
        flags, seen = [], set()
        for f in self.flags:
            key = (f.kind, f.start, f.end)
            if key not in seen:
                seen.add(key)
                flags.append(f)
        out = sorted(self.edits + flags, key=lambda x: (x.start, x.end, x.is_flag))
        return with_positions(self.original, out)


def with_positions(text: str, findings: Sequence[Finding]) -> List[Finding]:
    """Fill in 1-based ``line`` and ``column`` of each finding's start in ``text``."""
    if not findings:
        return []
    line_starts = [0]
    find = text.find
    i = find("\n")
    while i != -1:
        line_starts.append(i + 1)
        i = find("\n", i + 1)
    out = []
    for f in findings:
        ln = bisect_right(line_starts, f.start)
        out.append(replace(f, line=ln, column=f.start - line_starts[ln - 1] + 1))
    return out
