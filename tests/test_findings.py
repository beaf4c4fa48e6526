"""The Composer keeps findings in the user's coordinates across stages: replaying them gives the output."""
from hypothesis import given, settings
from hypothesis import strategies as st

import pytest

import encfix

from encfix.findings import Composer, Finding, OverlapError, apply, apply_edits, edit, flag, to_findings


@st.composite
def stage_edits(draw, text):
    """Random non-overlapping edits (replacements, deletions, insertions) on ``text``."""
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits = []
    pos = 0
    for a, b in zip(cuts[::2], cuts[1::2]):
        if a < pos:
            continue
        new = draw(st.text(alphabet="xyz你", max_size=3))
        if text[a:b] == new:
            continue
        edits.append(edit("k", text, a, b, new, "r"))
        pos = b if b > a else a + 1
    return edits


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_composed_findings_replay_to_the_final_text(data):
    original = data.draw(st.text(alphabet="ab,中(", max_size=20))
    composer = Composer(original)
    current = original
    for _ in range(data.draw(st.integers(1, 4))):
        found = data.draw(stage_edits(current))
        composer.add(current, found)
        current = apply(current, found)
    composed = composer.findings()
    assert apply(original, composed) == current
    edits = [f for f in composed if not f.is_flag]
    for f, g in zip(edits, edits[1:]):
        assert f.end <= g.start
    for f in composed:
        assert original[f.start:f.end] == f.old


def test_merged_edit_names_both_kinds_and_positions():
    text = "ab\n你好cd"
    c = Composer(text)
    first = [edit("mojibake.x", text, 3, 5, "XYZ", "one")]
    after = apply(text, first)
    c.add(text, first)
    second = [edit("punct.y", after, 4, 5, "q", "two")]
    c.add(after, second)
    (f,) = c.findings()
    assert (f.kind, f.old, f.new, f.line, f.column) == ("mojibake.x+punct.y", "你好", "XqZ", 2, 1)


def test_flag_maps_to_original_offsets_and_changes_nothing():
    text = "ab(cd)锟斤拷"
    c = Composer(text)
    first = [edit("ruby", text, 2, 6, "", "ruby")]
    after = apply(text, first)
    c.add(text, first)
    c.add(after, [flag("damage.kunkaokao", after, 2, 5, "lost")])
    flags = [f for f in c.findings() if f.is_flag]
    assert [(f.start, f.end, f.old) for f in flags] == [(6, 9, "锟斤拷")]
    assert apply(text, c.findings()) == "ab锟斤拷"


def test_apply_takes_findings_in_any_order_and_refuses_overlaps():
    text = "區(qū),,好,"
    ruby = edit("ruby.pinyin", text, 1, 5, "", "ruby")
    stacked = edit("punct.stacked", text, 5, 7, "，", "stacked")
    last = edit("punct.fullwidth", text, 8, 9, "，", "full-width")
    assert apply(text, [last, ruby, stacked]) == apply(text, [ruby, stacked, last]) == "區，好，"
    assert apply(text, iter([ruby, stacked])) == "區，好,"
    with pytest.raises(OverlapError):
        apply(text, [edit("x", text, 2, 6, "", "x"), ruby])


def test_apply_refuses_a_finding_that_does_not_match_the_text_when_it_has_to_sort():
    text = "好,,的"
    wrong = Finding("punct.stacked", 1, 3, ",;", "，", "stacked")
    with pytest.raises(ValueError, match="does not match"):
        apply(text, [edit("punct.fullwidth", text, 3, 4, "X", "x"), wrong])


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_compact_edits_apply_as_their_findings_do(data):
    text = data.draw(st.text(alphabet="ab,中(", max_size=20))
    findings = data.draw(stage_edits(text))
    if data.draw(st.booleans()):
        findings = list(reversed(findings))  # out of order: the careful path
    edits = [(f.kind, f.start, f.end, f.old, f.new, f.reason) for f in findings]
    assert to_findings(edits) == findings
    assert apply_edits(text, edits) == apply(text, findings)


def test_compact_edits_skip_flags_and_refuse_overlaps():
    text = "區(qū),,好"
    assert apply_edits(text, [("mojibake.lossy", 0, 1, "區", "區", "flag")]) is text
    with pytest.raises(OverlapError):
        apply_edits(text, [("ruby.pinyin", 1, 5, "(qū)", "", "r"), ("x", 2, 6, "qū),", "", "x")])


def test_fix_and_explain_take_the_same_edits_from_a_compact_stage():
    import encfix
    from encfix.stages import punctuation, ruby

    from pathlib import Path

    seed = (Path(__file__).resolve().parent.parent / "samples" / "seed-zh-news-crawl.txt").read_text(encoding="utf-8")
    for stage in (ruby, punctuation):
        assert stage.find(seed, encfix.Config()) == to_findings(stage.edits(seed, encfix.Config()))
    assert apply(seed, encfix.explain(seed)) == encfix.fix_text(seed) != seed


def test_a_flag_each_pass_raises_again_is_listed_once():
    """A text that needs a second pass (the punctuation after a mojibake repair) had each flag
    listed once per pass."""
    text = "我们的??家很好,ÄãºÃ中文\ufffd好"
    found = encfix.explain(text)
    flags = [(f.kind, f.start, f.end) for f in found if f.is_flag]
    assert sorted(flags) == [("damage.question-marks", 3, 5), ("damage.replacement", 15, 16)]
    assert apply(text, found) == encfix.fix_text(text)
