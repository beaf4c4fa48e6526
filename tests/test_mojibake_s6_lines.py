"""Short lines of Japanese and Korean documents read whole with another codec (session 6).

Each damaged line below is a real line of a real document of the benchmark corpora (a news
obituary; Korean bills and the Korean constitution) that the mojibake stage missed: too short
for the line gate's model, so only the document around it tells.
"""
import pytest

from encfix.stages import mojibake_foreign
from mojibake_helpers import fix, garble, repairs


# -- an age on a line of its own in a Japanese obituary --------------------------------------------

_OBITUARY = ("91歳だった。\nフィッツジェラルドさんはアイルランド出身。\n"
             "晩年はアルツハイマー型痴呆を患い闘病生活を続けていた。\n"
             "旧東京協和信用組合元理事長で背任罪に問われていた高橋治則さんが18日、死去した。\n59歳。\n"
             "高橋さんは、旧東京協和、安全両信用組合から、自身が社長を務めるリゾート開発会社イ・アイ・イ―"
             "インターナショナルに不正融資した疑いで、1995年6月に背任罪で東京地裁に起訴された。\n同年、有罪判決。\n")


@pytest.mark.parametrize("source, reader, damaged", [
    ("eucjp", "cp437", "59║╨íú"),
    ("eucjp", "cp850", "59║ðíú"),
    ("eucjp", "sjis", "59ｺﾐ｡｣"),
    ("sjis", "euckr", "59띘갃"),
    ("sjis", "cp850", None),
    ("eucjp", "latin1", None),
])
def test_a_short_line_of_a_japanese_document_read_whole_is_restored(source, reader, damaged):
    bad = garble("59歳。", source, reader)
    if damaged is not None:
        assert bad == damaged
    doc = _OBITUARY.replace("\n59歳。\n", f"\n{bad}\n")
    assert fix(doc) == _OBITUARY
    (f,) = repairs(doc)
    assert f.kind.startswith(f"mojibake.{source}-as-")  # (cp437 and cp850 share the letters of some bytes)


@pytest.mark.parametrize("line", [
    "Café", "Noël", "naïve", "με", "για", "Москва", "ｶﾀｶﾅ", "ｺｰﾋｰ", "ﾃﾞｰﾀ", "김정은", "서울",
    "├──┼──┤", "═══════", "│ │", "¤á", "ñß", "ÅÛ", "°è", "12½", "© 2005", "±5℃",
])
def test_short_lines_of_other_languages_and_signs_in_a_japanese_document_stay(line):
    doc = _OBITUARY.replace("\n59歳。\n", f"\n{line}\n")
    assert mojibake_foreign.short_line_repairs(doc, "ja") == []
    assert fix(doc) == doc


# -- a bill's table of the current and amended text, lines padded with rules -------------------------

_COMPARISON = ("제26조(벌칙) ① -------------\n느 하나에 해당하는 자는 3년 \n---------------------5년 \n"
               "이하의 징역 또는 2천만원 이하\n-------------- 5천만원 ---\n의 벌금에 처한다.\n--------------.\n"
               "  1. ∼ 3. (생  략)\n  1. ∼ 3. (현행과 같음)\n  ② 다음 각 호의 어느 하나에 \n"
               "  ② ----------------------\n해당하는 자는 2년 이하의 징역 \n---------- 3년 ----------\n"
               "또는 1천만원 이하의 벌금에 처\n--- 2천만원 --------------\n한다.\n---.\n")


@pytest.mark.parametrize("reader, damaged", [("latin1", "3³â"), ("cp866", "3│т"), ("cp437", None), ("cp850", None)])
def test_a_term_between_rules_in_a_korean_bill_read_with_a_code_page_is_restored(reader, damaged):
    bad = garble("3년", "euckr", reader)
    if damaged is not None:
        assert bad == damaged
    doc = _COMPARISON.replace("---------- 3년 ----------", f"---------- {bad} ----------")
    assert fix(doc) == _COMPARISON


@pytest.mark.parametrize("line", ["Café", "Noël", "Москва", "├──┼──┤", "°è", "12½", "© 2005", "μg/m³"])
def test_short_lines_of_other_languages_and_signs_in_a_korean_document_stay(line):
    doc = _COMPARISON.replace("---------- 3년 ----------", f"---------- {line} ----------")
    assert fix(doc) == doc


# -- a Korean bill's labels read as GBK or Big5 --------------------------------------------------------

# (a bill's table of the current and amended text, whole, as the held-out sample cut it)
_ITEMS = ("  ⑤ (현행 제4항과 같음)\n제18조(영업정지 등) ① 시장ㆍ군\n제18조(영업정지 등) ① -------\n"
          "수ㆍ구청장은  결혼중개업자가 \n------------------------\n다음 각 호의 어느 하나에 해당\n"
          "------------------------\n하는 경우 등록을 취소하거나  \n------------------------\n"
          "1년 이내의 기간을 정하여 영업\n------------------------\n의 정지를 명할 수 있다. 다만, \n"
          "--------------------. ---\n국제결혼중개업자가 제1호ㆍ제\n------------------------\n"
          "2호 또는 제18호에 해당할 경우 \n--- ㆍ제20호 또는 제21호----\n등록을 취소하여야 한다.\n"
          "------------------------\n-------.\n  1. ∼ 9. (생  략)\n  1. ∼ 9. (현행과 같음)\n  <신  설>\n"
          "  10. 제10조의2제1항을 위반하여 \n신상정보가 거짓임을 알면서\n도 이를 제공하여 중개한 경\n우\n"
          "  <신  설>\n  11. 제10조의2제1항을 위반하여 \n과장된 개인신상정보를 제공\n하거나 중요사항을 누락한 경\n"
          "- 15 -\n- 16 -\n우\n  10. ～ 17. (생  략)\n")
# (the cost table of a bill, and the first line of its funding table, which has the same heading)
_COSTS = ("    다.  비용추계의 결과\n                                          연  도 \n    구  분\n"
          "  ◦ 인 건 비\n  ◦ 운 영 비\n소 계 (a)\n-\n소 계 (b)\n지\n출\n수\n입\n"
          "                              연  도\n    구  분 \n  □ 중앙정부\n")
_FUNDING = ("  □ 그 밖의 공공단체\n  □ 민    간\n  □ 합    계\n2011\n13,710\n13,710\n-\n-\n2012이후\n합 계\n"
            "7,781\n7,781\n21,491\n21,491\n2.  재원조달의 구체적인 방안\n")


def test_an_unspaced_label_is_taken_only_when_the_document_writes_its_syllables():
    # 2012이후 read as GBK is 2012捞饶: two Han together, as Chinese writes them (乐府, a real
    # Chinese word, re-reads as 있리 just as well), so the shape is no evidence; the syllables
    # written elsewhere in the document are
    bad = _FUNDING.replace("2012이후", "2012捞饶")
    start = bad.index("2012捞饶")
    assert mojibake_foreign.korean_label_line("2012捞饶", bad, start) is None
    bad += "2013년 이후\n"
    assert mojibake_foreign.korean_label_line("2012捞饶", bad, start)[:2] == ("2012이후", "gbk")


_REGISTRATION = ("대통령령으로 정하는 기준을 갖\n------------------------\n구청장에게 등록하여야 한다. \n"
                 "-------------------- 하고, \n등록한 사항 중 여성가족부령으\n")


@pytest.mark.parametrize("doc, line, reader", [
    (_ITEMS, "  10. ～ 17. (생  략)", "gbk"),      # (积  帆): 积 is Simplified only
    (_COSTS, "    구  분", "gbk"),                 # 备  盒
    (_REGISTRATION, "-------------------- 하고, ", "big5"),  # ж堅: Cyrillic against Han
], ids=["생략", "구분", "하고"])
def test_a_label_of_a_korean_bill_read_as_a_chinese_codec_is_restored(doc, line, reader):
    bad = garble(line, "euckr", reader)
    damaged = doc.replace(line + "\n", bad + "\n", 1)
    assert damaged != doc
    assert fix(damaged) == doc
    kinds = {f.kind for f in repairs(damaged)}
    assert kinds == {f"mojibake.euckr-as-{reader}"}


def test_a_label_the_document_does_not_write_is_taken_when_it_is_a_word_of_bills():
    # 구  분 read as GBK (备  盒) in a document that writes 구분 nowhere else: a Chinese word set
    # apart the same way (青  春, re-read 행  뉴) would read as Korean as well, so the evidence is
    # the table of bills' words whose Chinese reading is no word (青  春 stays: below)
    bad = _COSTS.replace("    구  분\n", "    备  盒\n", 1).replace("    구  분 \n", "")
    found = mojibake_foreign.korean_label_line("    备  盒", bad, bad.index("    备  盒"))
    assert found is not None and found[:2] == ("    구  분", "gbk")


@pytest.mark.parametrize("line", ["青  春", "配  货", "目  录", "张  三", "人民日报", "习近平", "(人民日报)", "2012以后", "    关于", "乐府", "中华人民共和国",
                                  "大韓民國", "(第44條)", "ж", "東京タワー"])
def test_a_line_of_chinese_in_a_korean_document_stays(line):
    for doc in (_ITEMS, _COSTS, _FUNDING):
        clean = doc + line + "\n"
        assert mojibake_foreign.korean_label_line(line, clean, len(doc)) is None
        assert fix(clean) == clean


_CONSTITUTION = ("③헌법개정안이 제2항의 찬성을 얻은 때에는 헌법개정은 확정되며, 대통령은 즉시 이를 공포하여야 한다.\n"
                 " 펼침  부칙 <헌법 제10호, 1987.10.29.>  부칙보기\n"
                 "제1조 이 헌법은 1988년 2월 25일부터 시행한다.\n")


def test_a_line_of_korean_words_with_rare_syllables_read_as_gbk_is_restored():
    line = " 펼침  부칙 <헌법 제10호, 1987.10.29.>  부칙보기"
    bad = garble(line, "euckr", "gbk")
    assert bad == " 祁魔  何蘑 <清过 力10龋, 1987.10.29.>  何蘑焊扁"
    assert fix(_CONSTITUTION.replace(line, bad)) == _CONSTITUTION


def test_lines_of_chinese_that_reread_into_hangul_stay_in_a_korean_document():
    # Taiwan law headings re-read through Big5 into all Hangul (第 三 章 國民大會: 묉 랳 뤞 슑뼬묈섔),
    # the best-reading of 10,412 pieces of Chinese lines; they read far below Korean
    for line in ("第 三 章 國民大會", "第 五 節 教育文化", "亮亮的镰刀青青的草"):
        assert mojibake_foreign.korean_line(line) is None


def test_the_label_search_remembered_for_a_document_answers_as_a_fresh_search():
    # (_korean_form_repairs remembers, for each word, whether the document writes it: a line
    # without Hangul cannot hold the word, so the answer holds for every line of the document)
    bad = _ITEMS.replace("  10. ～ 17. (생  략)\n", "  10. ⅵ 17. (积  帆)\n", 1) + "  12. (积  帆)\n  (积  帆)\n"
    searched = {}
    pos = 0
    for line in bad.split("\n"):
        fresh = mojibake_foreign.korean_label_line(line, bad, pos)
        assert mojibake_foreign.korean_label_line(line, bad, pos, searched) == fresh
        pos += len(line) + 1
    assert searched == {"생략": True}
    found = [r[2] for r in mojibake_foreign.form_repairs(bad, "ko")]
    assert found == ["  10. ～ 17. (생  략)", "  12. (생  략)", "  (생  략)"]
