"""Chinese documents of issue #4's samples that the mojibake stage missed (helper-32): short
garbled spans between clean sentences, bracketed names and commentary, full-width digits read as
Latin-1, whole lines of a poem read as a DOS code page.  Each case is an excerpt of a real damaged
document of the bench's generator (Dream of the Red Chamber, People's Daily, Taiwan's laws), with
the text it was; and what must not change stays."""
import pytest

from encfix.config import Config
from encfix.stages import mojibake
from mojibake_helpers import case_tests, fix


CASES = [
    # gbk-as-big5: a clean word after the garbled sentence (我今便掐些) would decode into Cyrillic, kana and bopomofo
    ('房里姑娘丫头戴的，必要各色送些折枝的去，还有插瓶的。惟有我们说了：‘一概不用送，等要什么再和你们要。＊噶器羶衄猁徹珨棒﹝我今便掐些，他们也不好意思说的。”',
     '房里姑娘丫头戴的，必要各色送些折枝的去，还有插瓶的。惟有我们说了：‘一概不用送，等要什么再和你们要。’究竟没有要过一次。我今便掐些，他们也不好意思说的。”'),
    # gbk-as-euckr: a reporter's name in brackets closing its paragraph, Hangul in a Chinese text
    ('住西昌修建机场路的有利时机，专门设立了机场路集资资金回收专柜，在较短的时间内收回现金３６００万元。（냈貴爐）\n图片新闻\n春节来临之际，在河北省张北县大河乡乱石山村执行抗震救灾任务的北京军区某团三连官兵早就为',
     '住西昌修建机场路的有利时机，专门设立了机场路集资资金回收专柜，在较短的时间内收回现金３６００万元。（陈晓钟）\n图片新闻\n春节来临之际，在河北省张北县大河乡乱石山村执行抗震救灾任务的北京军区某团三连官兵早就为'),
    # big5-as-sjis: a twin of cp932 (蠇 from FB A1 or EE 85): the undecodable bytes are counted in all
    ('地主管機關審查合格後僱用之。必要時，得先行僱用之；但應立即報請當地主管機關查核。\n第 10-1 條\nｦｳ､UｦCｱ｡ｧﾎ､ｧ､@ｪﾌ｡A､｣ｱoｾ皈\ue35aO･\uf8f2､Hｭ蠇C但其情形發生於本法中華民國九十二年一月二十二日修正施行前且已擔任保全人員者，不在此限：\n一、未成年或',
     '地主管機關審查合格後僱用之。必要時，得先行僱用之；但應立即報請當地主管機關查核。\n第 10-1 條\n有下列情形之一者，不得擔任保全人員。但其情形發生於本法中華民國九十二年一月二十二日修正施行前且已擔任保全人員者，不在此限：\n一、未成年或'),
    # gbk-as-big5: ㄐ is Big5's reading of GBK's ！: the garbled commentary ends there, not in the clean word after
    ('平儿等来至贾母房中，彼时大观园中姊妹们都在贾母前承奉。▽軾魚邧俴標蠶ㄩ鏝憤ㄐ连宝玉一并类入姊妹队中了。】刘姥姥进去，只见满屋里珠围翠绕，花枝招展，并不知都系何人。只见一张榻上歪',
     '平儿等来至贾母房中，彼时大观园中姊妹们都在贾母前承奉。【庚辰双行夹批：妙极！连宝玉一并类入姊妹队中了。】刘姥姥进去，只见满屋里珠围翠绕，花枝招展，并不知都系何人。只见一张榻上歪'),
    # gbk-as-cp866: EUC-JP decodes the same bytes too, but cannot write the 纨绔 of the clean sentence before
    ('“怎么看不真！”【甲戌眉批：闲事顺笔，骂死不学之纨绔。叹叹！】【庚辰眉批：闲事顺笔将骂死不学之纨绔。╚╔╬ч╙ъ┤░бг畸笏。】宝玉将手一撒，与他看道：“别是这两字罢？其实与‘庚黄’相去不远。”众人都看时，原来是“唐寅”',
     '“怎么看不真！”【甲戌眉批：闲事顺笔，骂死不学之纨绔。叹叹！】【庚辰眉批：闲事顺笔将骂死不学之纨绔。壬午雨窗。畸笏。】宝玉将手一撒，与他看道：“别是这两字罢？其实与‘庚黄’相去不远。”众人都看时，原来是“唐寅”'),
    # gbk-as-latin1: a run of Latin-1 between 。 and 】: a signature of rare characters
    ('，则菱卿入园之隙方妥。回思因欲香菱入园，是写阿呆情误，因欲阿呆情误，先写一赖尚荣，实委婉严密之甚也。Ö¬ÑâÕ«ÆÀ¡£】【靖眉批：此批甚当。】',
     '，则菱卿入园之隙方妥。回思因欲香菱入园，是写阿呆情误，因欲阿呆情误，先写一赖尚荣，实委婉严密之甚也。脂砚斋评。】【靖眉批：此批甚当。】'),
    # gbk-as-euckr: the 】 that closes the clean 【 stays (GBK's 〗 read as EUC-KR is 】 too)
    ('，【庚辰双行夹批：两见大主山，稻香村又云怀中，不写主山，而主山处处映带连络不断可知矣。】皆穿墙而过。±뫙낸崗契셸툽：봤拳。】',
     '，【庚辰双行夹批：两见大主山，稻香村又云怀中，不写主山，而主山处处映带连络不断可知矣。】皆穿墙而过。【庚辰双行夹批：好想。】'),
    # gbk-as-latin1: full-width digits of GBK read as Latin-1: a pound sign before every other character
    ('交金额\n１２２２·９１０·７４１７０１５０２０５０１\n３９２１·１４－０·５６２７８０９２２４２７\n£±£²£¹£³¡¤£·£¸£°¡¤£¶£·£±£¶£¹£¸£´£´£±£¸£´£°£¹\n４６·９３４·７４３０６０２０９２\n３８３·６６－０·９０１７９１７６６４７９４\n４１６５·２８０',
     '交金额\n１２２２·９１０·７４１７０１５０２０５０１\n３９２１·１４－０·５６２７８０９２２４２７\n１２９３·７８０·６７１６９８４４１８４０９\n４６·９３４·７４３０６０２０９２\n３８３·６６－０·９０１７９１７６６４７９４\n４１６５·２８０'),
    # gbk-as-big5: ˋ is Big5's reading of GBK's ？: the clean 幸 of 幸亏 after it stays
    ('苦来，谁不知道我是姨娘养的，必要过两三个月寻出由头来，彻底来翻腾一阵，生怕人不知道，故意的表白表白。珩祥眭阰跤阰羶螺ˋ幸亏我还明白，但凡糊涂不知理的，早急了。”李纨急的只管劝，赵姨娘只管还唠叨。',
     '苦来，谁不知道我是姨娘养的，必要过两三个月寻出由头来，彻底来翻腾一阵，生怕人不知道，故意的表白表白。也不知谁给谁没脸？幸亏我还明白，但凡糊涂不知理的，早急了。”李纨急的只管劝，赵姨娘只管还唠叨。'),
    # gbk-as-cp850: a line of a poem read as cp850, set between the lines of the poem
    ('╠²│Á╣ýÂ°Ê┴È■┘Ôú¼Ë¨\xad¢·sÊÈı¸Ê«ú┐\n╬╩\xadÑË¶Â°╦b╚╗┘Ôú¼╚ÊÌ┐Â┼ÊÈ╬¬└vÊ«ú┐\ný┼╚╣±ıÍ«╦©╦©┘Ôú¼´╬├¸È┬ÊÈ╬¬½ÜÊ«ú┐',
     '听车轨而伊轧兮，御鸾鷖以征耶？\n问馥郁而薭然兮，纫蘅杜以为纕耶？\n炫裙裾之烁烁兮，镂明月以为珰耶？'),
    # gbk-as-cp850: a line of a poem read as cp850, set between the lines of the poem
    ('ý┼╚╣±ıÍ«╦©╦©┘Ôú¼´╬├¸È┬ÊÈ╬¬½ÜÊ«ú┐\n╝«¦┌Ì¿Â°│╔╠│╗¹┘Ôú¼ÚÐ┴½ÐµÊÈÍ‗└╝©ÓÊ«ú┐',
     '炫裙裾之烁烁兮，镂明月以为珰耶？\n籍葳蕤而成坛畸兮，檠莲焰以烛兰膏耶？'),
]


test_repaired, test_the_text_it_was_stays, test_explain_reports_what_fix_changes = case_tests(CASES)


NEWS = ("新华社北京３月５日电　国务院总理今天在人民大会堂作政府工作报告。报告说，今年国内生产总值"
        "增长８％左右。")
KOREAN_NAMES = ("김정은", "문재인", "박근혜", "이명박", "반기문", "손흥민", "김연아", "박지성", "이재명", "윤석열")


@pytest.mark.parametrize("name", KOREAN_NAMES)
@pytest.mark.parametrize("frame", ("（{}）", "({})", "（记者{}）"))
def test_korean_name_closing_a_chinese_paragraph_stays(name, frame):
    text = NEWS + frame.format(name) + "\n" + NEWS
    assert [f for f in mojibake.find(text, Config()) if f.new != f.old] == []


@pytest.mark.parametrize("text", [
    "The price was £1,000 (±5%), or £²/³ of it.",
    "Prix : £±£² — sic.",
    "１２９３·７８０·６７１６９８４４１８４０９",
    "【庚辰双行夹批：好想。】皆穿墙而过。〖注〗",
    "也不知谁给谁没脸？幸亏我还明白，但凡糊涂不知理的，早急了。",
    "実委婉严密之甚也。Öl und Ölfarbe。",
    "─────────\n╔══╦══╗\n║ア║イ║",
])
def test_clean_text_stays(text):
    assert [f for f in mojibake.find(text, Config()) if f.new != f.old] == []


def test_a_repair_stops_at_a_bracket_the_clean_text_closes():
    # GBK read as EUC-KR: the garbled sentence runs over ``”【甲戌眉批`` (Hanja EUC-KR writes too),
    # but the ``【`` opens a commentary whose ``】`` comes later in the clean text: it stays
    before = ("冷子兴笑道：“亏你是进士出身，原来不通！古人有云：‘百足之虫，死而不僵。’如今虽说不及先年那样兴盛，"
              "较之平常仕宦之家，到底气象不同。【甲戌侧批：两句写出荣府。】")
    sentence = "如今的儿孙，竟一代不如一代了！"
    after = "”【甲戌眉批：文是极好之文，理是必有之理，话则极痛极悲之话。】雨村听说，也纳罕道：“这样诗礼之家，岂有不善教育之理？"
    damaged = before + sentence.encode("gbk").decode("cp949") + after
    assert fix(damaged) == before + sentence + after
