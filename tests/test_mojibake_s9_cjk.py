"""Chinese documents of issue #4's samples read as EUC-KR and as Big5 that the mojibake stage missed
(helper-40), and what the rules that repair them must leave: each case is an excerpt of a real damaged
document of the bench's generator (People's Daily, Dream of the Red Chamber), with the text it was.

* Hangul set off by marks, with two syllables no Korean writes, is no Korean (``！성챤땝。】`` is 己卯冬);
* a bracket the decoding would change is left when it pairs with the clean text's, also after the
  region was cut at the next commentary (``。】【蒙侧批``);
* a region of half-width kana that ran on over a blank or a mark into the clean word beside it is
  cut there (``据报道 ｵｯｸｽﾌｫｰﾄﾞ`` stays; ``｡C縣長`` is 。縣長, not 。綯長);
* GBK's full-width numbers read as Big5 are bopomofo finals (``ㄣㄠㄥㄤ﹞ㄡㄧㄟ﹞ㄟㄡㄡ``);
  zhuyin as Taiwan writes it, and a drill of the finals, stay.
"""
import pytest

from encfix.stages.mojibake_cjk import _numbers_read_as_bopomofo, _unwritten_syllables, _zhuyin
from mojibake_helpers import case_tests, fix, garble, repairs
from test_mojibake_s8_katakana import AFTER, BEFORE


CASES = [
    # gbk-as-euckr: a commentary's date between ！ and 。】, all Hangul, two syllables of it no Korean writes (챤, 땝)
    ('行夹批：妙法！必云“不大喜看”。】便不留心，只管往前走。偶然两句吹到耳内，明明白白，一字不落，唱【庚辰双行夹批：却一喜便总不忘，方见楔得紧。】道是：“原来姹紫嫣红开遍，似这般都付与断井颓垣。”【庚辰眉批：情小姐故以情小姐词曲警之，恰极当极！성챤땝。】林黛玉听了，倒也十分感慨缠绵，便止住步侧耳细听，又听唱道是：“良辰美景奈何天，赏心乐事谁家院。”听了这两句，不觉点头',
     '行夹批：妙法！必云“不大喜看”。】便不留心，只管往前走。偶然两句吹到耳内，明明白白，一字不落，唱【庚辰双行夹批：却一喜便总不忘，方见楔得紧。】道是：“原来姹紫嫣红开遍，似这般都付与断井颓垣。”【庚辰眉批：情小姐故以情小姐词曲警之，恰极当极！己卯冬。】林黛玉听了，倒也十分感慨缠绵，便止住步侧耳细听，又听唱道是：“良辰美景奈何天，赏心乐事谁家院。”听了这两句，不觉点头'),
    # gbk-as-euckr: a commentary's signature between 。 and the clean 】 that closes its 【 (the region ran on over 】【)
    ('并臻儿送至蘅芜苑去，然后宝钗和香菱才同回园中来。【庚辰双行夹批：细想香菱之为人也，根基不让迎、探，容貌不让凤、秦，端雅不让纨、钗，风流不让湘、黛，贤惠不让袭、平，所惜者青年罹祸，命运乖蹇，至为侧室，且虽曾读书，不能与林、湘辈并驰于海棠之社耳。然此一人岂可不入园哉？故欲令入园，终无可入之隙，筹划再四，欲令入园必呆兄远行后方可。然阿呆兄又如何方可远行？曰名，不可；利，不可；无事，不可；必得万人想不到，自己忽发一机之事方可。因此思及“情”之一字及呆素所误者，故借“情误”二字生出一事，使阿呆游艺之志已坚，则菱卿入园之隙方妥。回思因欲香菱入园，是写阿呆情误，因欲阿呆情误，先写一赖尚荣，实委婉严密之甚也。洌樂諾팀。】【靖眉批：此批甚当。】',
     '并臻儿送至蘅芜苑去，然后宝钗和香菱才同回园中来。【庚辰双行夹批：细想香菱之为人也，根基不让迎、探，容貌不让凤、秦，端雅不让纨、钗，风流不让湘、黛，贤惠不让袭、平，所惜者青年罹祸，命运乖蹇，至为侧室，且虽曾读书，不能与林、湘辈并驰于海棠之社耳。然此一人岂可不入园哉？故欲令入园，终无可入之隙，筹划再四，欲令入园必呆兄远行后方可。然阿呆兄又如何方可远行？曰名，不可；利，不可；无事，不可；必得万人想不到，自己忽发一机之事方可。因此思及“情”之一字及呆素所误者，故借“情误”二字生出一事，使阿呆游艺之志已坚，则菱卿入园之隙方妥。回思因欲香菱入园，是写阿呆情误，因欲阿呆情误，先写一赖尚荣，实委婉严密之甚也。脂砚斋评。】【靖眉批：此批甚当。】'),
    # gbk-as-euckr: a garbled commentary up to the clean 】【 of the next one; its 】 closes the garbled 【, and stays
    ('：“这秦钟小崽子是贾门的亲戚，难道荣儿不是贾门的亲戚？【己卯侧批：这贾门的亲戚比那贾门的亲戚。】人都别忒势利了，况且都作的是什么有脸的好事！就是宝玉，也犯不上向着他到这个样。等我去到东府瞧瞧我们珍大奶奶，再向秦钟他姐姐说说，叫他评评这个理。±성챤꿋툽：灌극콘흔늪綱。】【蒙侧批：狗仗人势者，开口便有多少必胜之谈，事要三思，免劳后悔。】【靖侧批：这个理怕不能评。】这金荣的母亲听了这话，',
     '：“这秦钟小崽子是贾门的亲戚，难道荣儿不是贾门的亲戚？【己卯侧批：这贾门的亲戚比那贾门的亲戚。】人都别忒势利了，况且都作的是什么有脸的好事！就是宝玉，也犯不上向着他到这个样。等我去到东府瞧瞧我们珍大奶奶，再向秦钟他姐姐说说，叫他评评这个理。【己卯侧批：未必能如此说。】【蒙侧批：狗仗人势者，开口便有多少必胜之谈，事要三思，免劳后悔。】【靖侧批：这个理怕不能评。】这金荣的母亲听了这话，'),
    # gbk-as-big5: a line of full-width numbers in a stock table, which Big5 reads as bopomofo finals
    ('收盘涨跌幅成交金额\n１２２２·９１０·７４１７０１５０２０５０１\n３９２１·１４－０·５６２７８０９２２４２７\n１２９３·７８０·６７１６９８４４１８４０９\n４６·９３４·７４３０６０２０９２\n３８３·６６－０·９０１７９１７６６４７９４\nㄣㄠㄥㄤ﹞ㄡㄧㄟ﹞ㄟㄡㄡㄦㄢㄢㄣㄥㄣㄢㄥㄨ\n４１０·４４１·０５１７８２９９６３１０４\n８４·６９７·４１８７７０１６９０\n沪市上周上涨前五名（％）\n１冰熊股份２',
     '收盘涨跌幅成交金额\n１２２２·９１０·７４１７０１５０２０５０１\n３９２１·１４－０·５６２７８０９２２４２７\n１２９３·７８０·６７１６９８４４１８４０９\n４６·９３４·７４３０６０２０９２\n３８３·６６－０·９０１７９１７６６４７９４\n４１６５·２８０·０２２７３３４６４３６９\n４１０·４４１·０５１７８２９９６３１０４\n８４·６９７·４１８７７０１６９０\n沪市上周上涨前五名（％）\n１冰熊股份２'),
    # big5-as-sjis: a garbled sentence of a law up to its 。, and the clean 縣 after it, whose first
    # byte the region took in (half-width kana: the reader's characters and the decoding's do not pair one for one)
    ('憲法及省自治法牴觸。\n第 123 條\n縣民關於縣自治事項，依法律行使創制、複決之權，對於縣長及其他縣自治人員，依法律行使選舉、罷免之權。\n第 124 條\n縣設縣議會，縣議會議員由縣民選舉之。\n屬於縣之立法權，由縣議會行之。\n第 125 條\n縣單行規章，與國家法律或省法規牴觸者無效。\n第 126 條\nｿ､ｳ]ｿ､ｬFｩｲ｡Aｸmｿ､ｪ\ue643@､H｡C縣長由縣民選舉之。\n第 127 條\n縣長辦理縣自治，並執行中央及省委辦事項。\n第 128 條\n市準用縣之規定。\n第 十二 章 選舉、罷免、創制、複決\n',
     '憲法及省自治法牴觸。\n第 123 條\n縣民關於縣自治事項，依法律行使創制、複決之權，對於縣長及其他縣自治人員，依法律行使選舉、罷免之權。\n第 124 條\n縣設縣議會，縣議會議員由縣民選舉之。\n屬於縣之立法權，由縣議會行之。\n第 125 條\n縣單行規章，與國家法律或省法規牴觸者無效。\n第 126 條\n縣設縣政府，置縣長一人。縣長由縣民選舉之。\n第 127 條\n縣長辦理縣自治，並執行中央及省委辦事項。\n第 128 條\n市準用縣之規定。\n第 十二 章 選舉、罷免、創制、複決\n'),
]


test_repaired, test_the_text_it_was_stays, test_explain_reports_what_fix_changes = case_tests(CASES)

#: a clean Chinese paragraph to set words into
NEWS = "它的问世，为城市居民饮用清洁水提供了条件。"


@pytest.mark.parametrize("number", ["４１６５·２８０·０２２７３３４６４３６９", "１２２２·９１０·７４１７０１５０２０５０１"])
def test_numbers_read_as_bopomofo_come_back(number):
    damaged = garble(number, "gbk", "big5")
    assert damaged != number and all("\u3105" <= ch <= "\u3129" or ch in "﹞" for ch in damaged)
    assert fix("收盘涨跌幅成交金额\n" + damaged + "\n沪市上周上涨前五名") == "收盘涨跌幅成交金额\n" + number + "\n沪市上周上涨前五名"


@pytest.mark.parametrize("zhuyin", [
    "ㄟㄠㄡㄢㄣㄤㄥㄦ",  # the finals in the alphabet's order
    "ㄥㄤㄨㄛㄧㄦㄠㄡㄢㄩ",  # a drill of the finals, shuffled: each once
    "ㄣㄠㄥㄤ﹞ㄡㄧㄟ",  # each once, with the sign GBK's · becomes
    "ㄓㄨˋ ㄧㄣ ㄈㄨˊ ㄏㄠˋ",  # zhuyin with initials and tone marks
    "ㄢㄢㄣㄣㄤㄤ",  # a drill naming each final twice (read as GBK: ３３４４５５, a number with no sign)
    "ㄣㄠㄥㄤㄡㄧㄟㄟ",
    "ㄤㄥㄤㄥㄤㄥ",
])
def test_zhuyin_stays(zhuyin):
    for text in (NEWS + "\n" + zhuyin + "\n" + NEWS, NEWS + "（" + zhuyin + "）", "注音：" + zhuyin + "。"):
        assert fix(text) == text


@pytest.mark.parametrize("word", ["김선일", "꿋꿋하다", "故김선일", "김연규展"])
def test_korean_words_set_off_stay(word):
    # (real Korean: common syllables, a syllable no Korean writes said twice (꿋), a name with a Hanja
    # prefix or suffix)
    for text in (NEWS + word + "。", NEWS + "\n" + word + "\n" + NEWS, "！" + word + "。】"):
        assert not repairs(text), text


def test_what_the_rules_ask():
    assert _unwritten_syllables("성챤땝") == 2 and _unwritten_syllables("뻣뻣") == 1
    assert _zhuyin("ㄓㄨˋ ㄧㄣ") and not _zhuyin("眲栱晛ぜ﹝")
    assert not _numbers_read_as_bopomofo("ㄣㄠㄥㄤ", "４１６５")


@pytest.mark.parametrize("after", ["\n", " 大学"])
def test_katakana_after_a_blank_stays(after):
    # (道 is 93 B9 in Shift_JIS, which GBK reads as 摴: the region ran from the katakana word back
    # over the blank into 道, and ``道 ｵｯｸｽﾌｫｰﾄ`` was no katakana word to leave alone)
    text = BEFORE + "据报道 ｵｯｸｽﾌｫｰﾄﾞ" + after + AFTER
    assert not repairs(text)


# one Hangul syllable in a line of a Chinese document is evidence enough to search it, as two foreign
# characters are (mojibake.py's skip of lines with fewer foreign letters)
ONE_HANGUL = [
    # gbk-as-euckr: a commentary's saying, one syllable of it Hangul (빎), the rest Hanja GBK also writes
    ('过日子。长到十八九岁上，酷爱男风，最厌女子。【甲戌侧批：最厌女子，仍为女子丧生，是何等大笔！不是写冯渊，正是写英莲。】这也是前生冤孽，可巧【甲戌侧批：善善恶恶，多从可巧而来，可畏可怕。】遇见这拐子卖丫头，他便一眼看上了这丫头，立意买来作妾，立誓再不交结男子，【甲戌侧批：谚云：“人若改常，非病即亡。”斤唐裂빎？】也不再娶第二个了，【甲戌侧批：虚写一个情种。】所以三日后方过门。谁晓这拐子又偷卖与薛家，他意欲卷了两家的银子，再逃往他省。谁知又不曾走脱，两家拿住',
     '过日子。长到十八九岁上，酷爱男风，最厌女子。【甲戌侧批：最厌女子，仍为女子丧生，是何等大笔！不是写冯渊，正是写英莲。】这也是前生冤孽，可巧【甲戌侧批：善善恶恶，多从可巧而来，可畏可怕。】遇见这拐子卖丫头，他便一眼看上了这丫头，立意买来作妾，立誓再不交结男子，【甲戌侧批：谚云：“人若改常，非病即亡。”信有之乎？】也不再娶第二个了，【甲戌侧批：虚写一个情种。】所以三日后方过门。谁晓这拐子又偷卖与薛家，他意欲卷了两家的银子，再逃往他省。谁知又不曾走脱，两家拿住'),
]

test_one_hangul_repaired, test_one_hangul_text_stays, test_one_hangul_explained = case_tests(ONE_HANGUL)
