"""Chinese documents of issue #4's samples read as EUC-KR and as Shift_JIS that the mojibake stage
missed (helper-35): bylines, commentary signatures and dates, a line of a poem, and the twins of
cp932.  Each case is an excerpt of a real damaged document of the bench's generator (People's
Daily, Dream of the Red Chamber), with the text it was; and what must not change stays."""
import pytest

from encfix.config import Config
from encfix.stages import mojibake
from encfix.stages.mojibake_cjk import _known_words, _pick_twins, _set_off, _undecodable_char
from encfix.stages.mojibake_codecs import READER_BY_NAME, SOURCE_BY_NAME
from mojibake_helpers import case_tests, fix, garble


CASES = [
    # gbk-as-big5: a commentary's signature between 。 and 】, with a kana no Chinese text writes
    ('。【庚辰双行夹批：近之拳谱中有“坐马式”，便似螂之蹲立。昔人爱轻捷便俏，闲取一螂观其仰颈叠胸之势。今四字无出处却写尽矣。眲栱晛ぜ﹝】众人都笑道：“偏他只爱打扮成个小子的样儿，原比他',
     '。【庚辰双行夹批：近之拳谱中有“坐马式”，便似螂之蹲立。昔人爱轻捷便俏，闲取一螂观其仰颈叠胸之势。今四字无出处却写尽矣。脂砚斋评。】众人都笑道：“偏他只爱打扮成个小子的样儿，原比他'),
    # gbk-as-sjis: a twin of cp932 (昀 from FA CE or ED B2): the pair model tells 发生微 from 发身并
    ('一场新的“马歇尔计划”，而是通过援助逼东亚“就范”，推广美国经济和政治模式，减轻东亚对美国经济的威胁。陷于困境的东亚国家不得不吞下国际货币基金组织开出的“苦药”，在苛刻条件下对内紧缩和对外进一步开放。ﾓﾉｴﾋｿｴﾀｴ｣ｬｶｫﾑﾇｹ恝ﾒｺﾍﾃﾀｹ晗ｮｼ莊ﾄｹﾘﾏｵｽｫｷ｢ﾉ昀｢ﾃ鉷莉ｯ｡｣',
     '一场新的“马歇尔计划”，而是通过援助逼东亚“就范”，推广美国经济和政治模式，减轻东亚对美国经济的威胁。陷于困境的东亚国家不得不吞下国际货币基金组织开出的“苦药”，在苛刻条件下对内紧缩和对外进一步开放。由此看来，东亚国家和美国之间的关系将发生微妙变化。'),
    # gbk-as-sjis: a twin of cp932 (鋗 from FB D0 or EE B4): 嘻笑 is a word, 晤处 none (single characters liked 晤处 better)
    ('都放了学，进园来各处顽耍。可巧小生宝官、正旦玉官两个女孩子，正在怡红院和袭人玩笑，被大雨阻住。大家把沟堵了，水积在院内，把些绿头鸭、花鸂鶒、彩鸳鸯，捉的捉，赶的赶，缝了翅膀，放在院内顽耍，将院门关了。ﾏｮﾈﾋｵﾈｶｼﾔﾚﾓﾎﾀﾈﾉﾏﾎ鋗ｦ｡｣',
     '都放了学，进园来各处顽耍。可巧小生宝官、正旦玉官两个女孩子，正在怡红院和袭人玩笑，被大雨阻住。大家把沟堵了，水积在院内，把些绿头鸭、花鸂鶒、彩鸳鸯，捉的捉，赶的赶，缝了翅膀，放在院内顽耍，将院门关了。袭人等都在游廊上嘻笑。'),
    # gbk-as-euckr: a reporter's name closing its paragraph, two of its three letters no character GB2312 writes
    ('中国环境管理体系认证指导委员会下设的“中国环境管理体系认证机构认可委员会”和“中国认证人员国家注册委员会环境管理专业委员会”两个工作委员会也已相继成立。从而建立起我国实施ＩＳＯ１４０００系列标准的领导体制和制度。（煖幢菫）',
     '中国环境管理体系认证指导委员会下设的“中国环境管理体系认证机构认可委员会”和“中国认证人员国家注册委员会环境管理专业委员会”两个工作委员会也已相继成立。从而建立起我国实施ＩＳＯ１４０００系列标准的领导体制和制度。（杨佑兴）'),
    # gbk-as-sjis: half-width kana between 。 and 】: a commentary's signature of rare characters (脂砚斋评。)
    ('然阿呆兄又如何方可远行？曰名，不可；利，不可；无事，不可；必得万人想不到，自己忽发一机之事方可。因此思及“情”之一字及呆素所误者，故借“情误”二字生出一事，使阿呆游艺之志已坚，则菱卿入园之隙方妥。回思因欲香菱入园，是写阿呆情误，因欲阿呆情误，先写一赖尚荣，实委婉严密之甚也。ﾖｬﾑ籃ｫﾆﾀ｡｣】【靖眉批：此批甚当。】',
     '然阿呆兄又如何方可远行？曰名，不可；利，不可；无事，不可；必得万人想不到，自己忽发一机之事方可。因此思及“情”之一字及呆素所误者，故借“情误”二字生出一事，使阿呆游艺之志已坚，则菱卿入园之隙方妥。回思因欲香菱入园，是写阿呆情误，因欲阿呆情误，先写一赖尚荣，实委婉严密之甚也。脂砚斋评。】【靖眉批：此批甚当。】'),
    # gbk-as-euckr: a commentary's date between marks; the clean 畸 of 畸笏 after it stays (笏 is no GBK as EUC-KR bytes)
    ('水溶十分谦逊，因问贾政道：“那一位是衔玉而诞者？【庚辰眉批：忙中闲笔，点缀玉兄，方不是正文中之正人。作者良苦。훔敎뉴。畸笏。】几次要见一见，都为杂冗所阻，想今日是来的，何不请来一会？”贾政听说，忙回去，急命宝玉脱去孝服，领他前来。那宝玉素日就曾听得父兄亲友人等说闲话时，赞水溶是个贤王，【蒙侧批：宝玉见北静王，是为后',
     '水溶十分谦逊，因问贾政道：“那一位是衔玉而诞者？【庚辰眉批：忙中闲笔，点缀玉兄，方不是正文中之正人。作者良苦。壬午春。畸笏。】几次要见一见，都为杂冗所阻，想今日是来的，何不请来一会？”贾政听说，忙回去，急命宝玉脱去孝服，领他前来。那宝玉素日就曾听得父兄亲友人等说闲话时，赞水溶是个贤王，【蒙侧批：宝玉见北静王，是为后'),
    # gbk-as-euckr: a commentary's date between marks, all of it Hangul and characters GB2312 cannot write
    ('”【庚辰侧批：一语仍归儿女本传，却又轻轻抹去也。庚辰眉批：明明写湘云来是正文，只用二三答言，反写玉、林小角口，又用宝钗岔开，仍不了局。再用千句柔言百般温态，正在情完未完之时，湘云突至，“谑娇音”之文终见。真是“卖弄有家私”之笔也。땀벤謳。 笏叟。】',
     '”【庚辰侧批：一语仍归儿女本传，却又轻轻抹去也。庚辰眉批：明明写湘云来是正文，只用二三答言，反写玉、林小角口，又用宝钗岔开，仍不了局。再用千句柔言百般温态，正在情完未完之时，湘云突至，“谑娇音”之文终见。真是“卖弄有家私”之笔也。丁亥夏。 笏叟。】'),
    # gbk-as-euckr: a whole line of a poem, half of it Hangul, between the clean lines of the poem
    ('香篆销金鼎，脂冰腻玉盆。\n蒼藤椽맘폽，薦某奸랏侊。\n空帐悬文凤，闲屏掩彩鸳。',
     '香篆销金鼎，脂冰腻玉盆。\n箫增嫠妇泣，衾倩侍儿温。\n空帐悬文凤，闲屏掩彩鸳。'),
]


test_repaired, test_the_text_it_was_stays, test_explain_reports_what_fix_changes = case_tests(CASES)


def _twin_choice(original: str) -> str:
    """``original`` (GBK) read as cp932, its bytes got back by encoding, twins chosen again."""
    bad = garble(original, "gbk", "sjis")
    data = bad.encode("cp932")
    starts = [len(bad[:k].encode("cp932")) for k in range(len(bad) + 1)]
    return _pick_twins(bad, 0, len(bad), data, starts, READER_BY_NAME["sjis"], SOURCE_BY_NAME["gbk"]).decode("gbk")


@pytest.mark.parametrize("original", ["袭人等都在游廊上嘻笑。", "的关系将发生微妙变化。"])
def test_twins_chosen_by_the_words_they_make(original):
    # (encoding gives the twin's other byte pair: 鋗 is EE B4 again, not the FB D0 GBK wrote)
    assert garble(original, "gbk", "sjis").encode("cp932") != original.encode("gbk")
    assert _twin_choice(original) == original


def test_known_words_counts_two_letter_words():
    assert _known_words("游廊上嘻笑") == 1 and _known_words("游廊上晤处") == 0


def test_a_neighbour_the_source_cannot_decode_is_clean():
    data = "畸笏".encode("cp949")
    assert _undecodable_char(data, [0, 2, 4], 1, SOURCE_BY_NAME["gbk"])  # (FB EE: no GBK)
    assert not _undecodable_char(data, [0, 2, 4], 0, SOURCE_BY_NAME["gbk"])  # (D1 B1: GBK's 驯)
    assert not _undecodable_char(b"\xb6", [0, 1], 0, SOURCE_BY_NAME["gbk"])  # (one byte: perhaps a lead)


def test_set_off_needs_marks_or_line_ends_on_both_sides():
    assert _set_off("之甚也。ﾖｬﾑ籃ｫﾆﾀ｡｣】【", 4, 13, "脂砚斋评。")
    assert not _set_off("之甚也ﾖｬﾑ籃ｫﾆﾀ｡｣】", 3, 12, "脂砚斋评。")  # (a letter before)
    assert not _set_off("。ﾖｬﾑ 籃ｫ】", 1, 6, "脂砚 斋")  # (a blank inside)
    assert not _set_off("蒼藤椽맘폽", 0, 5, "箫增嫠妇泣")  # (a whole line: no sentence)


NEWS = ("新华社北京３月５日电　国务院总理今天在人民大会堂作政府工作报告。报告说，今年国内生产总值"
        "增长８％左右。")
#: Korean words and names a Chinese text quotes, set off by its marks: real Korean reads as Korean
KOREAN = ("김정은", "문재인", "반기문", "손흥민", "대한민국", "서울특별시", "감사합니다", "안녕하세요", "한글", "사랑해요")


@pytest.mark.parametrize("word", KOREAN)
@pytest.mark.parametrize("frame", ("。{}。", "，{}，", "：{}。", "\n{}，{}。\n", "。（{}）\n"))
def test_korean_set_off_in_chinese_stays(word, frame):
    text = NEWS + frame.format(word, word) + NEWS
    assert [f for f in mojibake.find(text, Config()) if f.new != f.old] == []


#: names in Traditional characters in a Simplified news paragraph's byline, and Japanese names
NAMES = ("陳水扁", "馬英九", "蔡英文", "李登輝", "連戰", "宋楚瑜", "鄧麗君", "張學良", "田中角栄", "渡邊")


@pytest.mark.parametrize("name", NAMES)
def test_byline_of_a_traditional_name_stays(name):
    text = NEWS + "（" + name + "）\n" + NEWS
    assert [f for f in mojibake.find(text, Config()) if f.new != f.old] == []


#: katakana words as old Japanese systems wrote them (half-width), quoted in Chinese text
KATAKANA = ("ｶﾀｶﾅ", "ｱｲｳｴｵ", "ﾃｽﾄ", "ｺﾝﾋﾟｭｰﾀ", "ﾗｰﾒﾝ", "ｲﾝﾃﾙ", "ｱｶﾃﾞﾐｰ", "ﾏｲﾅｰ", "ｲｽﾗﾑ", "ﾄﾞｰﾑ")


@pytest.mark.parametrize("kana", KATAKANA)
@pytest.mark.parametrize("frame", ("日语的半角片假名写作「{}」。{}。", "。（{}）\n", "\n{}，{}。\n"))
def test_halfwidth_katakana_set_off_in_chinese_stays(kana, frame):
    text = NEWS + frame.format(kana, kana) + NEWS
    assert [f for f in mojibake.find(text, Config()) if f.new != f.old] == []


def test_twin_words_table_is_what_its_script_makes():
    pytest.importorskip("wordfreq")
    pytest.importorskip("opencc")
    from encfix.data import make_twin_words

    with open(make_twin_words.OUTPUT, encoding="utf-8") as f:
        assert [line.rstrip("\n") for line in f] == make_twin_words.build()


def test_a_traditional_name_quoted_in_simplified_prose_stays():
    """(the review's finding: set off by quotes, ``“黃瑩曄”`` had become GBK read as Big5's ``“独键剧”``:
    Traditional characters are foreign to a Simplified document, but no evidence of Big5)"""
    text = "钦佩中国近年来在经贸方面取得的发展。“黃瑩曄”尤其是在香港。"
    assert fix(text) == text
