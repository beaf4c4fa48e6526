"""Stacked and half-width punctuation in Chinese prose -- and everything that must stay as it is."""
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import encfix
from encfix.config import Config
from encfix.findings import apply
from encfix.stages import punctuation

HERE = Path(__file__).parent
CLEAN = HERE / "data" / "clean_lines_zh.txt"
LAWS = HERE.parent.parent / "shared" / "corpora" / "taiwan_laws_moj_sample.jsonl"


@pytest.mark.parametrize(
    "damaged, repaired",
    [
        # the seed's stacks: the stacked ASCII comma is the noise
        ("召開,,示范區", "召開，示范區"),
        ("常抓不懈,、共同努力", "常抓不懈、共同努力"),
        ("安排部署疫情防控工作,。示范區", "安排部署疫情防控工作。示范區"),
        ("應急演練,;要加快", "應急演練；要加快"),
        ("做到“四抓”,。一是", "做到“四抓”。一是"),
        # two real marks: the stronger stays
        ("參加會議，，區領導", "參加會議，區領導"),
        ("參加會議。,區領導", "參加會議。區領導"),
        ("參加會議，。", "參加會議。"),
        ("甲、，乙", "甲，乙"),
        ("真的嗎,？", "真的嗎？"),
        # ASCII marks in Chinese prose become full-width
        ("11月20日上午,省委", "11月20日上午，省委"),
        ("焦作網免責聲明:", "焦作網免責聲明："),
        ("你好嗎?我很好!", "你好嗎？我很好！"),
        ("真的嗎?!", "真的嗎？！"),
        ("示范區(高新區)黨工委", "示范區（高新區）黨工委"),
        ("人工智能(AI)技術", "人工智能（AI）技術"),
        ("(記者付凱明)", "（記者付凱明）"),
        ("杜絕鄉鎮衛生院(社區衛生服務中心),村衛生室", "杜絕鄉鎮衛生院（社區衛生服務中心），村衛生室"),
        ("使用Python,它很簡單", "使用Python，它很簡單"),
        ("比分1:0,時間10:30", "比分1:0，時間10:30"),
        ("時間:10:30", "時間：10:30"),
    ],
)
def test_repairs(damaged, repaired):
    assert encfix.fix_text(damaged) == repaired


@pytest.mark.parametrize(
    "run",
    ["？！", "！！", "？？", "……", "——", "。。。", "!!"],
)
def test_deliberate_runs_are_not_stacks(run):
    text = "真的嗎" + run + "我們走吧。"
    assert not [f for f in encfix.explain(text) if "punct.stacked" in f.kinds]


def test_kinds_and_offsets_point_at_the_users_text():
    text = "召開,,示范區(高新區)認真"
    found = encfix.explain(text)
    assert [(f.kind, f.start, f.end, f.old, f.new) for f in found] == [
        ("punct.stacked", 2, 4, ",,", "，"),
        ("punct.fullwidth", 7, 8, "(", "（"),
        ("punct.fullwidth", 11, 12, ")", "）"),
    ]
    assert apply(text, found) == encfix.fix_text(text)


def clean_blocks():
    return CLEAN.read_text(encoding="utf-8").split("\n\n")


@pytest.mark.parametrize("block", clean_blocks(), ids=lambda b: b.split("\n")[0][:20])
def test_clean_blocks_come_back_byte_identical(block):
    assert encfix.fix_text(block) == block
    assert encfix.explain(block) == []


def test_clean_prose_lines_come_back_byte_identical_one_by_one():
    """The first block is lines that each stand alone (the others are CSV/TSV/JSON/fence/table blocks)."""
    first = clean_blocks()[0].split("\n")
    assert len(first) > 30
    for line in first:
        assert encfix.fix_text(line) == line, line


def test_the_whole_clean_file_is_byte_identical():
    text = CLEAN.read_text(encoding="utf-8")
    assert encfix.fix_text(text) is text


@pytest.mark.skipif(not LAWS.exists(), reason="shared corpus not mounted")
def test_taiwan_laws_come_back_identical():
    for raw in LAWS.read_text(encoding="utf-8").splitlines():
        law = json.loads(raw)["text"]
        assert encfix.fix_text(law) is law, law[:40]


def test_source_code_with_chinese_comments_is_left_alone():
    code = 'import os\n\n# 計算結果,返回列表\ndef f(x):\n    """說明:見下"""\n    return [x, "你好,世界"];\n'
    assert punctuation.find(code, Config()) == []


def test_gate_returns_nothing_on_clean_full_width_chinese():
    text = "中華民國人民，無分男女、宗教、種族、階級、黨派，在法律上一律平等。\n" * 50
    assert punctuation.find(text, Config()) == []


prose = st.text(alphabet="區網中文1a ,，、。;；:：?？!！()（）\n|[]\"`", max_size=40)


@settings(max_examples=300, deadline=None)
@given(prose)
def test_fixing_twice_changes_nothing_more(text):
    once = encfix.fix_text(text)
    assert encfix.fix_text(once) == once


@settings(max_examples=200, deadline=None)
@given(prose)
def test_explain_replays_to_fix(text):
    assert apply(text, encfix.explain(text)) == encfix.fix_text(text)
