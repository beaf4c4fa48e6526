"""Leaked pinyin ruby goes; intentional annotation stays."""
import pytest

import encfix
from encfix.config import Config
from encfix.data import make_pinyin
from encfix.stages import ruby


@pytest.mark.parametrize(
    "damaged, repaired",
    [
        ("示范區(qū)認真組織", "示范區認真組織"),
        ("轉入常態(tài)化", "轉入常態化"),
        ("嚴密織牢疫情防控安全網(wǎng)。", "嚴密織牢疫情防控安全網。"),
        ("區(qu1)域", "區域"),  # tone digits
        ("綠(lv4)色和綠(lü4)色", "綠色和綠色"),
        ("社區（qū）服務", "社區服務"),  # full-width parentheses
        ("2021年專題區(qū)", "2021年專題區"),
        # ruby goes before punctuation, so the stack behind it resolves
        ("區(qū),,測試", "區，測試"),
        ("網(wǎng)免責聲明: | |||||||", "網免責聲明："),
        # shapes that once passed for a head word or a teaching text
        ("子興(xīng)道：“榮國府", "子興道：“榮國府"),
        ("再次強調(diào):根據醫生們的說法", "再次強調：根據醫生們的說法"),
        ("細(xì)語(yǔ)(中國畫(huà))", "細語（中國畫）"),
        ("第(dì) 5 條\n國家(jiā)安全", "第 5 條\n國家安全"),  # one head-word shape among leaks
        ("示範區(qū)(qū)(qū)(qū)認真", "示範區認真"),  # a chain goes in one pass
    ],
)
def test_leaked_ruby_is_removed(damaged, repaired):
    assert encfix.fix_text(damaged) == repaired


@pytest.mark.parametrize(
    "text",
    [
        "我(wǒ)們(men)是(shì)學(xué)生(shēng)。",  # a teaching text annotates most characters
        "中(zhōng)：在中間，與四方、上下距離相等的位置。",  # dictionary entry: head word first
        "- 行(xíng) 走路",  # glossary list
        "中 (zhōng) 的意思是中間。",  # glossary with a space: not the leak shape
        "函數f(x)與變量(a)無關。",  # not pinyin / toneless
        "區(qx)不是拼音。",  # not a syllable
        "他的英文名(Wang)很好記。",  # capitalised name, not annotation
    ],
)
def test_intentional_or_non_pinyin_parentheses_stay(text):
    assert ruby.find(text, Config()) == []
    inner = [text[i + 1:text.index(")", i)] for i, c in enumerate(text) if c == "("]
    fixed = encfix.fix_text(text)
    assert all(word in fixed for word in inner)


def test_kept_annotation_keeps_its_ascii_parentheses():
    # the punctuation stage does not turn a kept annotation into "我（wǒ）"
    for text in ("我(wǒ)們(men)是(shì)學(xué)生(shēng)。", "中(zhōng)：在中間。"):
        assert encfix.fix_text(text) == text


def test_findings_are_deletions_of_the_annotation_only():
    text = "示范區(qū)認真,安全網(wǎng)"
    found = [f for f in encfix.explain(text) if f.kind == "ruby.pinyin"]
    assert [(f.start, f.end, f.old, f.new) for f in found] == [(3, 7, "(qū)", ""), (13, 19, "(wǎng)", "")]


def test_gate_says_nothing_on_text_without_a_parenthesised_syllable():
    assert ruby.find("中華民國人民，無分男女（含原住民），在法律上一律平等。" * 20, Config()) == []


def test_the_syllable_table_is_what_the_generator_makes():
    pytest.importorskip("pypinyin")
    table = ruby._TABLE.read_text(encoding="utf-8")
    fresh = make_pinyin.build()
    # the header names pypinyin's version; the syllables themselves must match
    assert table.splitlines()[2:] == fresh.splitlines()[2:]
    assert {"qū", "tài", "wǎng", "chuàng", "zhèn"} <= ruby.syllables()
