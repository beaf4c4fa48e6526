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
        # two real marks: the stronger stays (once the text shows the stacking damage)
        ("召開,,參加會議，，區領導", "召開，參加會議，區領導"),
        ("參加會議。,區領導", "參加會議。區領導"),
        ("召開,,參加會議，。", "召開，參加會議。"),
        ("召開,,甲、，乙", "召開，甲，乙"),
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
        # found on seed-like damage of People's Daily and Fang Fang's diary
        ("(Ａ,、Ｂ)兩類", "（Ａ、Ｂ）兩類"),
        ("增長１８．７％,,預計", "增長１８．７％，預計"),
        ("牛血提取ＳＯＤ(超氧化物歧化酶)廠", "牛血提取ＳＯＤ（超氧化物歧化酶）廠"),
        ("謝謝!(新華社北京１２月３１日電)", "謝謝！（新華社北京１２月３１日電）"),
        ("並注有括號“(SARS)”。", "並注有括號“（SARS）”。"),
        ("不難過?“人不傳人”", "不難過？“人不傳人”"),
        ("他們恰好有N95,,但是", "他們恰好有N95，但是"),
        ("但適云”蠢物“,,不知為何", "但適云”蠢物“，不知為何"),
        ("可分為四種類型:(１)生產的規模經濟", "可分為四種類型：（１）生產的規模經濟"),
        ("出生率高達３３．１０‰,,死亡率８．４‰,人口", "出生率高達３３．１０‰，死亡率８．４‰，人口"),
        ("氣溫將下降５—８℃,;內蒙古", "氣溫將下降５—８℃；內蒙古"),
        ("危重病人佔38%,,因為", "危重病人佔38%，因為"),
        ("標題為:\u3000薛寶釵", "標題為：\u3000薛寶釵"),
        ("賈琮、賈□(左王右扁)、賈珩", "賈琮、賈□（左王右扁）、賈珩"),
        ("重症感染後ARDS(百度:急性呼吸窘迫綜合征)就是", "重症感染後ARDS（百度：急性呼吸窘迫綜合征）就是"),
        ("突破口如何突破?——紡織總會", "突破口如何突破？——紡織總會"),
        ("現在好了!……』而另一封", "現在好了！……』而另一封"),
        ("他說(一)(二)(三)(四)", "他說（一）（二）（三）（四）"),  # one pass converts every pair
        # a "?" that stands for a lost character stays; the folded colon after it does not
        ("【甲夾?:起得妙!】更那堪夢裡功名!", "【甲夾?：起得妙！】更那堪夢裡功名！"),
        # ASCII quotes used as dialogue quotes are prose, not strings to protect
        ('我聽見可不依。"婆子應了方要走時,,鴛鴦道:"我說去罷。他們那裡聽他的話。"說著,便走了。',
         '我聽見可不依。"婆子應了方要走時，鴛鴦道："我說去罷。他們那裡聽他的話。"說著，便走了。'),
        # two hard-wrapped lines with as many stacked commas are prose, not a CSV block
        ("為因應國家統一前之需要,,依照憲法第二十七條第一項第三款及第一百七\n十四條第一款之規定,,增修本憲法條文如左:\n",
         "為因應國家統一前之需要，依照憲法第二十七條第一項第三款及第一百七\n十四條第一款之規定，增修本憲法條文如左：\n"),
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


@pytest.mark.parametrize("text", ["邹家华，、杨尚昆", "尽到他们是理，，不然", "１、：春节临近"])
def test_an_isolated_full_width_stack_is_the_authors_typo(text):
    """People's Daily and a Red Chamber edition hold these: no crawler damage, so they stay."""
    assert encfix.fix_text(text) == text


@pytest.mark.parametrize("text", ["【甲夹?：起得妙！】", "悠雠探祝?font", "更妙?】\ue294", "何时是个头?\ufffd"])
def test_a_question_mark_that_may_be_a_lost_character_stays(text):
    assert encfix.fix_text(text) == text


@pytest.mark.parametrize("text, kept", [
    ("我们的??家很好。你去哪里?", "我们的??家很好。你去哪里?"),
    ("北京的??平安?我好,谢谢", "北京的??平安?我好，谢谢"),
])
def test_question_marks_a_converter_wrote_for_lost_characters_stay_flagged(text, kept):
    """``的??家`` is a converter's ``?`` for characters it could not encode: the mojibake stage
    flags the run as lost, so the punctuation stage neither makes it ``？？`` nor trusts the
    text's other ``?`` to be question marks (as where a decoder left U+FFFD)."""
    assert encfix.fix_text(text) == kept
    kinds = {(f.kind, f.old) for f in encfix.explain(text)}
    assert ("damage.question-marks", "??") in kinds
    assert not any(kind == "punct.fullwidth" and "?" in old for kind, old in kinds)


def test_question_marks_in_a_line_of_code_are_no_lost_characters():
    """The mojibake stage flags ``????`` on lines with a CJK letter only: a line of code's own
    ``????`` says nothing about the Chinese prose's ``?``."""
    assert encfix.fix_text('printf("????");\n你好吗?我很好,谢谢') == 'printf("????");\n你好吗？我很好，谢谢'


def test_a_chinese_question_keeps_its_question_marks_made_full_width():
    assert encfix.fix_text("你去哪里?我在家。这是什么???") == "你去哪里？我在家。这是什么？？？"


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


#: a text whose commas were all folded to ASCII (found on a Red Chamber edition and Fang Fang's diary)
FOLDED = "賈母因問道,前兒這些人家送禮來的共有幾家。鳳姐兒道,共有十六家。又有幾輛大車,與婆子丫鬟。\n"


@pytest.mark.parametrize(
    "damaged, repaired",
    [
        # a blank where the source lost a character: the comma before it is still Chinese
        ("無奈薛家原系金陵一霸, 脅 仗勢,眾豪奴將我小主人竟打死了。", "無奈薛家原系金陵一霸， 脅 仗勢，眾豪奴將我小主人竟打死了。"),
        ("賈母帶著蓉妻坐一 送越 ,王夫人在後亦坐一乘馱轎 ,,賈珍騎馬率了眾家丁護衛。",
         "賈母帶著蓉妻坐一 送越 ，王夫人在後亦坐一乘馱轎 ，賈珍騎馬率了眾家丁護衛。"),
        # two short headings with one comma each are sentences there, not a two-row table
        ("這集體沉默的鞭子,也打在了自己人身上\n集體的沉默,這是最可怕的\n",
         "這集體沉默的鞭子，也打在了自己人身上\n集體的沉默，這是最可怕的\n"),
    ],
)
def test_blanks_and_short_lines_in_a_folded_text(damaged, repaired):
    assert punctuation.is_folded(FOLDED + damaged)
    assert encfix.fix_text(FOLDED + damaged) == encfix.fix_text(FOLDED) + repaired


@pytest.mark.parametrize(
    "text",
    [
        "北京, 上海和廣州都是大城市，人口眾多，交通便利。",  # Latin-style spacing in a text that uses ，
        "關鍵詞: 經濟, 政治, 文化, 社會",
        "姓名,城市,愛好\n張三,北京,讀書\n",  # a two-row CSV is not a folded text
        '1,"他說,好。",北京',  # a CSV row whose quoted cell ends a sentence
        FOLDED.replace(",", "，") + "名稱,說明\n甲乙,第一項\n",
    ],
)
def test_blanks_and_two_row_tables_stay_outside_folded_texts(text):
    assert encfix.fix_text(text) == text


def test_folded_semicolons_ending_lines_are_not_code():
    text = "一則因為毒性減弱,;\n二則因為增援人手的到來,,醫護人員可以從容工作,;\n三是醫用物資不再窘迫,,有了自我保護的條件,;\n"
    assert encfix.fix_text(text) == text.replace(",;", "；").replace(",,", "，")


@pytest.mark.parametrize(
    "text",
    [
        "名稱,說明\n甲,第一項\n乙,依前項規定辦理之事項\n",  # a long cell in a CSV with short ones
        "一,一\n一,一\n一,一  公務人員任用資格\n",
        "一,一\n一,一  公務人員任用資格\n一,一  公務人員任用資格\n",
    ],
)
def test_csv_rows_with_a_long_cell_stay(text):
    assert encfix.fix_text(text) == text


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


def test_line_breaks_of_every_kind_end_a_clause_alike():
    from encfix import fix_text

    lf = "他說:你好,世界!\n然後離開了;\n"
    for brk in ("\r\n", "\r"):
        assert fix_text(lf.replace("\n", brk)) == fix_text(lf).replace("\n", brk)
