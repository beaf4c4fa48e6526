"""Leaked pinyin ruby goes; intentional annotation stays."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# The bulk path (one ``split``, work per candidate in C) must find exactly what the careful path
# (one candidate at a time) finds, on every text it accepts.
_BEFORE = ["區", "網", "中", "文", "㐀", "\U00020001", "a", "1", " ", "\n", ",", "(", ")", "（", "(AI)", "(市)"]
_CANDIDATES = ["", "", "(qū)", "(qu1)", "(wǎng)", "(de)", "(men)", "(a)", "(lü4)", "(Wang)", "(x)", "(ab)",
               "(zho\u0304ng)", "（qū）"]  # (the last four: what the bulk path leaves to the careful one)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_BEFORE), st.sampled_from(_CANDIDATES)), max_size=8)
       .map(lambda pairs: "".join(a + b for a, b in pairs)))
def test_the_bulk_path_finds_what_the_careful_path_finds(text):
    bulk = ruby._leaks_in_bulk(text)
    if bulk is None:
        return  # a text the bulk path leaves to the careful one
    careful = ruby._leaks_one_by_one(text)
    assert bulk[0] == careful[0]  # compact edits: (kind, start, end, old, new, reason)
    assert bulk[1] == careful[1]


@pytest.mark.parametrize(
    "text, leaks",
    [
        ("區(qū)(qū)認真", ["(qū)", "(qū)"]),  # a chain
        ("社區（qū）服務", ["（qū）"]),  # full-width parentheses
        ("中(zho\u0304ng)文", ["(zho\u0304ng)"]),  # a combining tone mark
        ("區(ab)與網(wǎng)", ["(wǎng)"]),  # a candidate that is no syllable
    ],
)
def test_texts_the_bulk_path_leaves_to_the_careful_one(text, leaks):
    assert ruby._leaks_in_bulk(text) is None
    assert [f.old for f in ruby.find(text, Config())] == leaks
