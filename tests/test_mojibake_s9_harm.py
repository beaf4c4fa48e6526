"""Harm found in session 9 (helper-42), each case clean text the mojibake stage used to change,
and the Latin family beside a CJK repair on one line, where one of the two repairs was lost."""
from __future__ import annotations

import pytest

import encfix
from encfix.config import Config
from encfix.findings import apply
from encfix.stages import mojibake

#: the opening of a real Korean bill (benchmarks.corpora.load("ko")[0])
KOREAN_BILL = (
    "지방공무원법 일부개정법률안\n"
    "(정의화의원 대표발의 )\n"
    "제안이유 및 주요내용\n"
    "  초등학교 저학년의 경우에도 부모의 따뜻한 사랑과 보살핌이 필요\n"
    "한 나이이나, 현재 공무원이 자녀를 양육하기 위하여 육아휴직을 할 \n"
    "수 있는 자녀의 나이는 만 6세 이하로 되어 있어 초등학교 저학년인 \n"
    "자녀를 돌보기 위해서는 해당 부모님은 일자리를 그만 두어야 하고 \n"
    "이는 곧 출산의욕을 저하시키는 문제로 이어질 수 있을 것임.\n"
)
#: the opening of a real Chinese news story (zh-news)
CHINESE_NEWS = (
    "新华社北京１月２５日电　国务院总理李鹏今天在中南海会见了来访的俄罗斯副总理。\n"
    "李鹏说，中俄两国是友好邻邦，发展两国的睦邻友好合作关系符合两国人民的根本利益。\n"
)


def _changes(doc: str) -> list:
    return [(f.old, f.new) for f in mojibake.find(doc, Config()) if not f.is_flag]


def _with_line(doc: str, line: str, after: int = 3) -> str:
    lines = doc.split("\n")
    return "\n".join(lines[:after] + [line] + lines[after:])


@pytest.mark.parametrize("quoted", ["啊啊啊", "啊啊啊！", "“啊啊啊”", "阿阿阿", "皑皑", "捞捞", "捞捞！"])
def test_a_chinese_interjection_on_a_line_of_a_korean_document_stays(quoted):
    # GBK's 啊 (B0 A1) is EUC-KR's 가: a line of one character said again re-reads into one
    # common syllable said again (가가가), which is the evidence of one letter, not of three
    doc = _with_line(KOREAN_BILL, quoted)
    assert _changes(doc) == []
    assert encfix.fix_text(doc, punctuation=False) == doc


def test_a_korean_word_said_again_in_a_chinese_document_stays():
    # 슥슥 (an onomatopoeia) is EUC-KR C1 A5 C1 A5, GBK's 交交
    doc = CHINESE_NEWS + "（를 래핑해서 슥슥）\n" + CHINESE_NEWS
    assert _changes(doc) == []


def test_a_korean_line_of_bill_syllables_read_as_gbk_is_still_repaired():
    # the rule counts letters told apart: a real line of Korean read as GBK has them
    garbled = "제안이유 및 주요내용".encode("euc_kr").decode("gbk")
    doc = _with_line(KOREAN_BILL, garbled, after=6)
    assert encfix.fix_text(doc, punctuation=False) == _with_line(KOREAN_BILL, "제안이유 및 주요내용", after=6)


@pytest.mark.parametrize("line,expected", [
    ("\x93Hello\x94 he said, 浣犲ソ", "“Hello” he said, 你好"),
    ("浣犲ソ \x93Hello\x94", "你好 “Hello”"),
    ("It\x92s 浣犲ソ, \x93ok\x94", "It’s 你好, “ok”"),
    ("caf\xc3\xa9 浣犲ソ \x93x\x94", "café 你好 “x”"),
    ("It\x92s ╓╨╬─ ok \x85", "It’s 中文 ok …"),
])
def test_ftfy_and_a_cjk_repair_of_other_bytes_on_one_line_both_land_in_one_pass(line, expected):
    # ftfy's reading of the whole line used to replace the CJK decoding even where it left the
    # decoding's characters as they were: one pass of the stage lost 你好 (the pipeline's next
    # pass found it, and explain reported one repair of kinds joined by '+')
    found = mojibake.find(line, Config())
    assert apply(line, found) == expected
    assert any(f.kind == "mojibake.latin" for f in found)
    assert any(f.kind.startswith("mojibake.") and f.kind != "mojibake.latin" for f in found)
    assert encfix.fix_text(line) == expected
    explained = encfix.explain(line)
    assert apply(line, explained) == expected
    assert all("+" not in f.kind for f in explained)


def test_ftfy_still_wins_where_it_reads_the_decodings_own_characters():
    # Cyrillic UTF-8 read as cp1252 also decodes, badly, as a CJK codec: ftfy reads all of it
    line = "ÐŸÑ€Ð¸Ð²ÐµÑ‚, Ð¼Ð¸Ñ€"
    assert apply(line, mojibake.find(line, Config())) == "Привет, мир"


#: a real Chinese news paragraph (zh-news) that quotes Korean written with Hanja
CHINESE_POLICY = (
    "在技术创新方面，银行对高新技术项目的评估能力差，贷款抵押等手续也对高新技术企业发展不利。“{}”在这种情况下，"
    "我国科研、成果转化和生产这三阶段的投入比竟为一比零点五。\n"
)


@pytest.mark.parametrize("quoted", ["바로車齡", "異常할당된"])
def test_korean_written_with_hanja_quoted_in_chinese_stays(quoted):
    # Hangul beside Traditional characters is what Chinese read as EUC-KR looks like; but the
    # Hangul here are Korean words (바로, 할당된), where a reader's Hangul are syllables no word
    # sets side by side
    doc = CHINESE_POLICY.format(quoted)
    assert _changes(doc) == []


def test_chinese_read_as_euckr_in_a_chinese_document_is_still_repaired():
    # (its Hangul, 벌옰 냥벎 뺏돨 흙 꼇璃..., are syllables no Korean word sets side by side)
    sentence = "我国科研成果转化的投入严重不足"
    garbled = sentence.encode("gbk").decode("euc_kr")
    doc = CHINESE_POLICY.format("好") + garbled + "。\n"
    assert encfix.fix_text(doc, punctuation=False) == CHINESE_POLICY.format("好") + sentence + "。\n"


@pytest.mark.parametrize("line,expected", [
    ("\x93amanhã\x94 he said.", "“amanhã” he said."),
    ("\x93území\x94 he said.", "“území” he said."),
])
def test_cp1252_quotes_around_a_latin_word_are_not_read_as_a_cjk_codec(line, expected):
    # 93 61 is Shift_JIS's 殿, E3 94 its 續: the C1 controls are lead bytes of a decoding that
    # glues a CJK character to each end of a Portuguese word; ftfy's quotes pair up around it
    assert apply(line, mojibake.find(line, Config())) == expected


#: the opening of a real Japanese web page (ja-web: a 2005 feed) that writes a time range with 〜
JAPANESE_PAGE = (
    "ServiceMixの一覧\n"
    "デブサミ2006登壇します＆受付開始\n"
    "デブサミ2006（2006年2月9日、10日）に登壇いたします。\n"
    "2006/2/10　15:25〜16:15\n"
)


@pytest.mark.parametrize("line", ["サイズ 3×4 m", "倍率は2×3です。", "5±1℃"])
def test_a_sign_japanese_writes_between_numbers_stays(line):
    # GBK's × is EUC-JP's 〜 (A1 C1): a page that writes 15:25〜16:15 also writes 3×4 itself
    doc = JAPANESE_PAGE + line + "\n"
    assert _changes(doc) == []
    assert encfix.fix_text(doc, punctuation=False) == doc
