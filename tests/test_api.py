"""The library contract: names, options, identity on clean text, explain == fix."""
import pytest

import encfix
from encfix.findings import apply


def test_public_names():
    for name in ("fix_text", "fix_bytes", "explain", "detect", "convert", "Config", "Finding"):
        assert hasattr(encfix, name)


def test_clean_text_comes_back_as_the_same_object():
    text = "今天天气很好，我们去公园散步。Hello, world: 10:30, 1,000."
    assert encfix.fix_text(text) is text


def test_unknown_option_is_a_clear_type_error():
    with pytest.raises(TypeError, match="unknown option.*known options are"):
        encfix.fix_text("x", punctuaton=False)


def test_fix_text_refuses_bytes_and_says_what_to_use():
    with pytest.raises(TypeError, match="fix_bytes"):
        encfix.fix_text(b"abc")


def test_unknown_conversion_is_a_value_error_naming_the_choices():
    with pytest.raises(ValueError, match="t2s"):
        encfix.fix_text("漢字", convert="klingon")


def test_explain_replays_to_fix_on_the_seed(seed_text):
    fixed = encfix.fix_text(seed_text)
    findings = encfix.explain(seed_text)
    assert apply(seed_text, findings) == fixed
    for f in findings:
        assert seed_text[f.start:f.end] == f.old
        line_start = seed_text.rfind("\n", 0, f.start) + 1
        assert f.line == seed_text.count("\n", 0, f.start) + 1
        assert f.column == f.start - line_start + 1


def test_stages_can_be_switched_off():
    text = "區(qū)域,,測試"
    assert encfix.fix_text(text, ruby=False, punctuation=False, residue=False, mojibake=False) is text


def test_fix_bytes_decodes_then_fixes():
    text = "區(qū)域,,測試"
    assert encfix.fix_bytes(text.encode("utf-8")) == encfix.fix_text(text)
    assert encfix.fix_bytes(text.encode("utf-8"), encoding="utf-8") == encfix.fix_text(text)
    big5 = "區域測試，中文".encode("big5")
    assert encfix.fix_bytes(big5, encoding="big5") == "區域測試，中文"
