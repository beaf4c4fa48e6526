"""Korean documents read with a wrong codec (session 8): a bill's number label, formulas' signs.

Each document below is a real excerpt of a bill or a cost estimate of the benchmark's Korean corpus
(konlpy's kobill) that the mojibake stage missed when one line of it was garbled:

* ``의 안`` / `` 번 호`` (의안번호, the bill number's label, at the head of nearly every bill) with
  `` 번 호`` read as GBK (`` 锅 龋``): the label table did not hold 번호, which fewer than 100 bills'
  prose opens a word with; the bills' own label lines are now a source of the table;
* a formula line of a cost estimate, EUC-KR read as GBK (``惯积厚侩 : N】p】X + N】腊酒...``),
  and a comparison table's line (``狼 陛瘤 殿) ㄧ … ㄩ (积  帆)``): repaired piece by piece, the
  signs between the pieces (】 for ×, ㄧ … ㄩ for ① ∼ ③) were left; the line is re-read whole;
* ``0.056×X > 0.6P`` written in UTF-8 and read as cp949: ``0.056횞X``, one syllable no Korean word
  has, where the document writes ``N×p×X`` on its other lines.
"""
import re

import pytest

import encfix
from encfix.findings import apply
from encfix.data.make_korean_labels import parts_of_words, readings
from encfix.stages import mojibake_foreign
from mojibake_helpers import ONLY_MOJIBAKE, fix, garble, repairs

# (the head of a bill)
_HEAD = ("교육공무원법 일부개정법률안\n(정의화의원 대표발의 )\n 의 안\n 번 호\n9892\n발의연월일 : 2010.  11.  12.  \n"
         "발  의  자 : 정의화․이명수․김을동 \n이사철․여상규․안규백\n황영철․박영아․김정훈\n김학송 의원(10인)\n"
         "제안이유 및 주요내용\n  현행 교육공무원의 육아휴직은 만 6세 이하의 초등학교 취학 전 자\n")
# (a cost estimate's formulas)
_FORMULAS = ("- 9 -\n- 10 -\nN×p×X + N×육아휴직급여액 - N×P > 0\nN×5.6%×X + N×P×40% - N×P > 0\n0.056×X > 0.6P\n"
             "X > 10.7×P\n(1)\n(2)\n(3)\n(5)\n위의 수식에 육아휴직자가 받는 월 급여액을 대입하여 대체고용인력\n"
             "자에게 지급하는 월 급여액을 추정하여 보자. 육아휴직자가 월 200만\n")
# (a cost estimate's model)
_MODEL = ("추가비용 발생여부를 정확하게 알아보기 위하여 비용에 대한 수리모\n델을 만들고 이에 따라 비용발생 여부를 "
          "알아보기로 하자. 모델에 사\n용되는 변수를 다음과 같이 정의한다.\n"
          "발생비용 : N×p×X + N×육아휴직급여액 - N×P\nN\nP\n: 육아휴직대상자의 수\n: 육아휴직대상자의 월급여액\n"
          "p\nX\n: 육아휴직자가 발생한 경우 대체 고용할 확률\n: 대체 고용한 인력에게 지급하는 월급여액\n"
          "위의 수식에서 육아휴직급여액은 육아휴직자 월급여액의 40%까지 지\n급할 예정이므로 육아휴직급여액은 "
          "P×40%이다.\n")
# (a comparison table of a bill)
_TABLE = ("절차에 관하여 필요한 사항은 \n------------------------\n대통령령으로 정한다.\n"
          "----------------------.\n제12조(허위ㆍ과장된 표시ㆍ광고\n제12조(허위ㆍ과장된 표시ㆍ광고\n"
          "의 금지 등) ① ∼ ③ (생  략)\n의 금지 등) ① ∼ ③ (현행과 \n같음)\n  <신  설>\n"
          "  ④ 결혼중개업자가 아니면 결혼\n중개에 관한 광고를 하여서는 \n아니 된다.\n  ④ (생  략)\n")


@pytest.mark.parametrize("doc, line, source, reader, damaged, kind", [
    (_HEAD, " 번 호", "euckr", "gbk", " 锅 龋", "mojibake.euckr-as-gbk"),
    (_HEAD, " 의 안", "euckr", "gbk", " 狼 救", "mojibake.euckr-as-gbk"),
    (_MODEL, "발생비용 : N×p×X + N×육아휴직급여액 - N×P", "euckr", "gbk",
     "惯积厚侩 : N】p】X + N】腊酒绒流鞭咯咀 - N】P", "mojibake.euckr-as-gbk"),
    (_TABLE, "의 금지 등) ① ∼ ③ (생  략)", "euckr", "gbk", "狼 陛瘤 殿) ㄧ … ㄩ (积  帆)", "mojibake.euckr-as-gbk"),
    (_FORMULAS, "0.056×X > 0.6P", "utf8", "euckr", "0.056횞X > 0.6P", "mojibake.utf8-as-euckr"),
], ids=["번호-gbk", "의안-gbk", "formula-gbk", "table-gbk", "times-utf8-cp949"])
def test_a_garbled_line_of_a_korean_document_is_restored(doc, line, source, reader, damaged, kind):
    assert garble(line, source, reader) == damaged
    bad = doc.replace(line + "\n", damaged + "\n", 1)
    assert bad != doc
    assert fix(bad) == doc
    found = repairs(bad)
    assert found and {f.kind for f in found} == {kind}
    # (what explain reports is what fix changed; fixed text stays as it is)
    assert apply(bad, encfix.explain(bad, **ONLY_MOJIBAKE)) == doc
    assert encfix.fix_text(fix(bad), **ONLY_MOJIBAKE) == doc
    assert fix(doc) == doc


def test_the_label_table_holds_the_bills_own_labels_and_no_pair_chinese_writes():
    words = mojibake_foreign._label_words()
    assert {"번호", "의안", "부칙", "구분", "신설", "생략"} <= words
    # (적합 read as GBK is 利钦, of 叶利钦; 소속 is 家加, of 国家加强: Chinese text writes both)
    assert not {"적합", "소속", "제대", "세무"} & words
    wordfreq = pytest.importorskip("wordfreq")
    opencc = pytest.importorskip("opencc")
    to_simplified = opencc.OpenCC("t2s")
    parts = parts_of_words(wordfreq.get_frequency_dict("zh", "best"))
    for word in words:
        for reading in readings(word, to_simplified):
            assert reading not in parts, (word, reading)


# Simplified pairs that Chinese text writes, and that were label words' readings (利钦 is 적합's,
# 家加 소속's, 力措 제대's): set apart as a label in a Korean bill, they are Chinese, and stay
@pytest.mark.parametrize("line", [" 利 钦", "  家  加", "力  措", "技  公", "(何  加)", "  备  开"])
def test_a_spaced_pair_chinese_writes_stays_in_a_korean_bill(line):
    for doc in (_HEAD, _TABLE):
        clean = doc + line + "\n"
        assert mojibake_foreign.korean_label_line(line, clean, len(doc)) is None
        assert fix(clean) == clean


# Chinese quoted on a line of its own in a Korean document, with characters cp949 cannot write:
# never re-read whole (乐几家愁 re-reads into Hangul that reads a little better than it, 있섯소놀)
@pytest.mark.parametrize("line", ["乐几家愁", "中华人民共和国外交部发言人", "啊，这里的风景真美啊",
                                  "发生费用 : N×p×X + N×P", "注：单位为万元"])
def test_chinese_lines_in_a_korean_document_stay(line):
    for doc in (_MODEL, _TABLE, _FORMULAS):
        clean = doc + line + "\n"
        assert fix(clean) == clean


def test_no_korean_text_of_the_pools_writes_a_rare_syllable_where_the_rule_looks():
    """The syllables the rule takes for a sign (횞 for ×) are never written between letters or
    digits in real Korean: not in the ko corpus, nor the blogs, chats and bills of the harm pools."""
    table, between = mojibake_foreign._utf8_signs_as_syllables()
    assert table["횞"] == "×" and "째" not in table  # (째 of 첫째, UTF-8's ° in cp949, is Korean's own)
    corpora = pytest.importorskip("benchmarks.corpora")
    docs = []
    for kind in ("ko", "ko-web", "ko-chat", "ko-bills"):
        try:
            docs += corpora.load(kind)
        except Exception as e:  # (the corpus is not cached and cannot be fetched here)
            pytest.skip(f"{kind} not available: {e}")
    assert len(docs) > 2000
    assert [m.group() for d in docs for m in between.finditer(d)] == []


@pytest.mark.parametrize("line", [
    "오늘 점심 (짤) 첨부합니다.", '그는 "짤"이라고 썼다.', "그는 x쨌y 라고 적었다.", "어쨌든 A쩍B도 있다.",
])
def test_a_korean_syllable_in_brackets_or_one_korean_writes_stays_beside_signs_written_elsewhere(line):
    """(the review's finding: ``(짤)`` had become ``(©)`` where the document writes ``Copyright©2024``)"""
    doc = ("정부는 오늘 새 정책을 발표했다. 이번 정책은 내년부터 시행된다.\n" + line
           + "\n3·1절 기념식. 면적 84m²(25평). x·y\nCopyright©2024 Naver Corp.\n")
    assert fix(doc) == doc


def test_a_rare_syllable_stays_where_the_document_writes_no_sign_or_writes_the_syllable():
    # (no × elsewhere in the document: nothing tells what the syllable was)
    alone = "위의 수식을 정리하면\n0.056횞X > 0.6P\n이다.\n"
    assert fix(alone) == alone
    # (the document writes the syllable elsewhere: its own, whatever it is)
    again = _FORMULAS + "0.056횞X > 0.6P\n횞X\n"
    assert mojibake_foreign.rare_syllable_signs(again) == []
    # (between blanks, not straight between ASCII: a formula's sign stands against its letters)
    spaced = _FORMULAS + "0.056 횞 X\n"
    assert fix(spaced) == spaced


def test_clean_korean_formulas_with_common_syllables_between_ascii_stay():
    clean = _FORMULAS + "A와B의 합\n3개X\n"
    assert fix(clean) == clean
    assert not re.search("[\uac00-\ud7a3]", "".join(f.new for f in repairs(clean)))


def test_a_chinese_name_alone_on_a_line_of_a_bill_stays():
    """(the review's finding: ``(福楼拜)`` re-read as EUC-KR is ``(르짜격)``, syllables that pass the
    floor kept for lines whose signs the re-read also mends, and this line has none to mend)"""
    doc = "제1조 이 법은 공포한 날부터 시행한다.\n(福楼拜)\n그러나 법인은 그러하지 아니하다."
    assert fix(doc) == doc
