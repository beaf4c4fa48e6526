"""The punctuation stage on clean 2005 Chinese blog feeds (``benchmarks/corpora.py`` kinds ``zh-web``
and ``zh-hant-web``): what it changed there beyond the deliberate full-width rule, and the seed
repairs that must stay.

Every text here is a line (with its neighbours where they decide) copied from those pools, or from
``zh-reviews``; each test failed before the change it guards.
"""
from __future__ import annotations

import encfix
from encfix.findings import apply
from encfix.stages import punctuation


def kinds(text: str):
    return [(f[0], f[3], f[4]) for f in punctuation.edits(text, None)]


# --- decorative separators (zh-hant-web, a photo blog's captions) ---------------------------------

CAPTIONS = ("如果那時真的去走了野外\n現在不知道會怎麼樣？\n::花蓮::中山路山東燒餅店::\n"
            "The breakfast place\nPosted by 31655069@N00.\n")
DATED = ("後來每到早餐店都會點鹹豆漿，再也沒有那天一般的美味了\n::內灣::20041007::\n"
         "以為自己即將離開，這個秋天，不禁讓我想往外跑。\n"
         "還有劉興欽漫畫人物以及客家菜館與麻糬。\n::九份::20041013::\n")


def test_doubled_colon_separators_stay():
    assert punctuation.edits(CAPTIONS, None) == []
    assert punctuation.edits(DATED, None) == []
    assert encfix.fix_text(CAPTIONS) == CAPTIONS
    assert encfix.fix_text(DATED) == DATED


def test_doubled_colon_stays_beside_real_stacking_damage():
    # the seed's damage is a comma stacked before a mark; it never makes "::"
    text = "呂沛指出,,近段時間以來,全區上下常抓不懈,、共同努力。\n::花蓮::中山路山東燒餅店::\n"
    fixed = apply(text, punctuation.find(text, None))
    assert fixed == "呂沛指出，近段時間以來，全區上下常抓不懈、共同努力。\n::花蓮::中山路山東燒餅店::\n"


# --- a comma that belongs to a Latin name (zh-hant-web, a list of books) ---------------------------

BOOKS = ("美國作家\u3000卡波特（Truman Capote, 1924-\u3000）的《冷血》（In Cold Blood）\n"
         "美國作家\u3000瑪康姆（Janet Malcolm,？-\u3000）的《新聞記者和謀殺犯》（The Journalist and the Murderer）\n")


def test_comma_after_latin_name_stays():
    assert punctuation.edits(BOOKS, None) == []
    assert encfix.fix_text(BOOKS) == BOOKS


def test_comma_stacked_after_latin_word_is_still_repaired():
    assert apply("使用Python,、Java開發。", punctuation.find("使用Python,、Java開發。", None)) == "使用Python、Java開發。"
    assert apply("口罩N95,,但是", punctuation.find("口罩N95,,但是", None)) == "口罩N95，但是"


# --- an emoticon shortcode (zh-web, a diary) -------------------------------------------------------

DIARY = "傻瓜来的，我用手机上的网嘛，怎么会骗你呢？？\n心情好差啊\n:cry:心情低落了一天，仍然没有回复\n"


def test_emoticon_shortcode_stays():
    assert punctuation.edits(DIARY, None) == []
    assert encfix.fix_text(DIARY) == DIARY


def test_colon_before_latin_word_and_time_still_full_width():
    assert kinds("記:Google是百度的股東") == [("punct.fullwidth", ":", "：")]
    assert apply("上午:10:30", punctuation.find("上午:10:30", None)) == "上午：10:30"


# --- an emoticon after a mark (zh-reviews) ---------------------------------------------------------

def test_emoticon_after_full_width_mark_stays():
    text = "我买的是￥15，现在已经￥12了，降得好快！俺没赶上！:(\n我是一名幼儿园老师，这套书是我买来送人的。\n"
    assert punctuation.edits(text, None) == []


def test_commas_typed_as_an_ellipsis_stay():
    text = "教女孩们都变得势力和目的性很强,,,让女孩们都变得太物质了,教人都变得虚荣,,,,,,,\n"
    assert [k for k in kinds(text) if k[0] == "punct.stacked"] == []
    assert ",,,让" in encfix.fix_text(text) and "虚荣,,,,,,," in encfix.fix_text(text)


# --- a telephone area code (zh-hant-web, a film festival's venues) --------------------------------

VENUES = ("地址：台中縣沙鹿鎮中棲路200號\n電話：(04)2632-8001#17054\n高雄\n"
          "地址：801高雄市前金區中正四路209號5樓\n電話：（07）215-5660 # 41~44\n")


def test_area_code_parentheses_stay():
    assert punctuation.edits(VENUES, None) == []
    assert encfix.fix_text(VENUES) == VENUES


def test_parentheses_around_digits_before_chinese_still_full_width():
    assert apply("第(1)項規定", punctuation.find("第(1)項規定", None)) == "第（1）項規定"
    assert apply("示范區(高新區)黨工委", punctuation.find("示范區(高新區)黨工委", None)) == "示范區（高新區）黨工委"


# --- a "?" standing for a lost middle dot in a title (zh-hant-web) --------------------------------

TITLES = ("美國文學傳記作家\u3000巴特（Walter Jackson Bate, 1918-\u3000）的《塞繆爾?約翰生》（Samuel Johnson）\n"
          "美國文學研究者\u3000埃爾曼（Richard Ellmann, 1918-1987）的《詹姆斯?喬伊斯》（James Joyce）\n"
          "美國歷史學家\u3000莫利斯（Edmund Morris, 1940-\u3000）的《迪奧多?羅斯福之崛起》（The Rise of Theodore Roosevelt）\n")


def test_lost_character_in_title_stays():
    assert punctuation.edits(TITLES, None) == []
    assert encfix.fix_text(TITLES) == TITLES


def test_question_mark_in_prose_still_full_width():
    assert kinds("他說什麼?好吧") == [("punct.fullwidth", "?", "？")]
    assert kinds("讀了《誰動了我的奶酪?》嗎") == [("punct.fullwidth", "?", "？")]
    # a long line: the look back for a title's opening is bounded
    line = "問" * 100 + "《書》" + "什麼?好" * 200
    assert len(kinds(line)) == 200
