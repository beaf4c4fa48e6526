"""The fast paths of the punctuation, ruby and residue stages agree with the careful ones, and
stay linear on one long line.

The punctuation stage mends a line with parentheses (and nothing protected) in its one scan of
the text; :func:`find_in_line` is the careful path every other line takes: both must give the
same findings.  The helpers that replaced a step per run (:class:`Overlaps`, ``taken`` spans, the
window around a ``?``) or per line (``lines_holding``) are checked against the plain loops they
replace, and each pattern that used to be quadratic on one long line is timed at two sizes (a
guard against blow-ups like tests/test_adversarial.py, not a speed measurement).
"""
from __future__ import annotations

import time

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from encfix.config import Config
from encfix.stages import punctuation, residue
from encfix.stages.punctuation import (
    _FULL_PAIR,
    _PROTECT,
    AMBIGUOUS,
    Overlaps,
    _judge_run,
    _without,
    find_in_line,
    is_folded,
)

#: what a line of damaged Chinese prose with parentheses is made of (no letters before a "(", so
#: nothing is a call; no quotes, URLs or e-mail: nothing protected)
PROSE = st.text(alphabet="中文區認真組織,;:?!()、。1 ％”", min_size=1, max_size=40)


def _fields(findings):
    """Findings and compact edits alike as (kind, start, end, old, new, reason)."""
    return [f if isinstance(f, tuple) else (f.kind, f.start, f.end, f.old, f.new, f.reason) for f in findings]


@settings(max_examples=300, deadline=None)
@given(PROSE)
def test_a_line_with_parentheses_is_mended_as_find_in_line_mends_it(body):
    text = "中" + body
    assume(_FULL_PAIR.search(text) is None)  # (two full-width marks: every line takes find_in_line)
    patterns = tuple((hint, pattern) for hint, pattern in _PROTECT if hint in text)
    lossy = punctuation.text_signs(text)[1]  # "中??中": the "?" are lost characters, on both paths
    expected = find_in_line(text, text, 0, "", lossy, " " in text and is_folded(text), patterns, False)
    assert _fields(punctuation.find(text, Config())) == _fields(expected)


@pytest.mark.parametrize("text", [
    "示范區(高新區)認真,,組織(記者)收看,、工作",
    "第 5 條(施行日期),本法自公布日施行;(一)總則:(二)附則?",
    "人工智能(AI)技術,比分1:0,謝謝!(新華社電)",
    "他說(一)(二),,好 (三) 中",
])
def test_seed_like_lines_with_parentheses(text):
    patterns = tuple((hint, pattern) for hint, pattern in _PROTECT if hint in text)
    expected = find_in_line(text, text, 0, "", False, False, patterns, False)
    assert expected  # (each line has something to mend)
    assert _fields(punctuation.find(text, Config())) == _fields(expected)


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=12),
       st.integers(0, 90), st.integers(0, 30))
def test_overlaps_answers_as_a_loop_over_the_spans(raw, a, width):
    spans = [(s, s + w) for s, w in raw]
    b = a + width
    assert Overlaps(spans)(a, b) == any(s < b and a < e for s, e in spans)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="甲夾a1 “%…", max_size=12), st.text(alphabet=":,;。、", min_size=1, max_size=4),
       st.text(alphabet="起 中a1", max_size=8), st.booleans())
def test_a_question_mark_before_marks_is_judged_in_a_window_as_in_the_whole_line(before, marks, after, folded):
    """_judge_run on a run "?:" (a "?" then marks, the whole run between other characters) looks
    at the line without the "?"; the window _without cuts must give the same verdict as the
    whole line without it."""
    line = before + "?" + marks + after
    s, e = len(before), len(before) + 1 + len(marks)
    whole = _judge_run(line, line[:s] + line[s + 1:], 1, s, e - 1, set(), "制定", False, folded, False)
    window, w = _without(line, s, e, AMBIGUOUS + (" " if folded else ""))
    cut = _judge_run(line, window, w + 1, s - w, e - 1 - w, set(), "制定", False, folded, False)
    assert (whole and _fields([whole])) == (cut and _fields([cut]))


@given(st.text(alphabet="甲|[]()!\n ", max_size=60))
def test_lines_holding_finds_the_lines_a_test_per_line_finds(text):
    lines = text.split("\n")
    starts = residue.line_starts(lines)
    assert starts == [sum(len(x) + 1 for x in lines[:i]) for i in range(len(lines))]
    assert residue.lines_holding(text, starts, ("|", "[]()")) == [
        i for i, line in enumerate(lines) if "|" in line or "[]()" in line]


#: units that made the punctuation stage quadratic on one long line before (a copy of the line or
#: a loop over the line's spans per run)
QUADRATIC_BEFORE = {
    "pairs_after_a_symbol": "-(中)",  # a copy of the line before each pair
    "quoted_strings": '中,"a"',  # every protected span tried for every run
    "full_width_stacks": "中,中，，",  # every ASCII run tried for every full-width run
    "question_before_marks": "中?:",  # a copy of the line without each "?"
    "latin_before_marks": "a,中",  # a look for a blank on the whole line for each run
}
SMALL, LARGE = 20_000, 80_000
MAX_RATIO = 8  # linear is 4x, quadratic 16x
NOISE_FLOOR = 0.02


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        punctuation.find(text, Config())
        best = min(best, time.process_time() - t0)
    return best


@pytest.mark.parametrize("name", sorted(QUADRATIC_BEFORE))
def test_one_long_line_costs_linear_time(name):
    unit = QUADRATIC_BEFORE[name]
    small, large = (_seconds("中" + unit * (n // len(unit))) for n in (SMALL, LARGE))
    assert large < MAX_RATIO * max(small, NOISE_FLOOR), (
        f"{name}: {small:.3f} s at {SMALL} characters but {large:.3f} s at {LARGE}")
