"""Labels of Korean bills read as GBK or Big5, which the bill writes nowhere else (session 7).

Each document below is a real excerpt of a bill of the benchmark's Korean corpus (konlpy's
kobill) that the mojibake stage missed when one label line was garbled: ``부      칙`` read as
Big5 is ``睡      罌``, ``구  분`` read as GBK ``备  盒``.  Two letters are too few for any model,
and the bill writes the label nowhere else; the evidence is the table of words of Korean bills
whose Chinese reading is no word (``encfix/data/korean_label_words.txt``), and a label's layout.
"""
import re

import pytest

import encfix
from encfix.data.make_korean_labels import readings
from encfix.stages import mojibake_foreign
from mojibake_helpers import ONLY_MOJIBAKE, fix, garble, repairs


# (the end of a bill's text and its one supplementary provision)
_PROVISION = ("  따라서 육아휴직이 가능한 자녀의 연령을 만 8세 이하로 개정하려\n는 것임(안 제71조제2항제4호).\n- 1 -\n"
              "법률  제        호\n국가공무원법 일부개정법률안\n국가공무원법 일부를 다음과 같이 개정한다.\n"
              "제71조제2항제4호 중 “만 6세 이하의 초등학교 취학 전 자녀를”을 “만 \n"
              "8세 이하(취학 중인 경우에는 초등학교 2학년 이하를 말한다)의 자녀를”\n로 한다.\n"
              "부      칙\n이 법은 공포한 날부터 시행한다.\n- 3 -\n신 ·구조문대비표\n")
# (a table of a cost estimate, one cell a line)
_TABLE = ("2007\n2008\n2009\n2010\n2011\n평균\n육아휴직급여  수급자(A)\n21,185\n29,145\n35,400\n41,291\n43,899\n"
          "34,184\n대체인력  채용(B)\n796\n1,658\n1,957\n2,396\n2,836\n1,929\n비  율(B/A)\n3.8\n5.7\n5.5\n5.8\n"
          "6.5\n5.6\n자료: 고용노동부  자료를  바탕으로  국회예산정책처  작성\n")
# (a new article marked in a comparison table)
_NEW = ("그러하지 아니하다.\n  <신  설>\n제36조(손해액의 인정) 법원은 이 \n법을 위반한 행위로 인하여 손\n"
        "해가 발생한 사실은 인정되나 \n손해액의 구체적인 금액을 산\n정하기 곤란한 경우에는 변론\n"
        "의 취지와 증거조사의 결과를 \n- 5 -\n- 6 -\n고려하여 그에 상당한 손해액\n을 인정할 수 있다.\n")
# (the headings of a cost table, each written once)
_COSTS = ("    가.  재정수반요인  :  부대의 파견경비는 우리 정부의 부담으로 함.\n"
          "    나.  비용추계의 전제  :  국군부대의 UAE  교육훈련 지원 등에 관한 \n파견 동의안\n"
          "          ○  파견 연장 기간 :  2011년 1월 1일부터 2012년 12월 31일까지\n"
          "          ○  파견부대 규모 :  150명 이내\n    다.  비용추계의 결과\n"
          "                                          연  도 \n    구  분\n  ◦ 인 건 비\n  ◦ 운 영 비\n"
          "소 계 (a)\n-\n소 계 (b)\n지\n출\n수\n입\n")
# (items left out of a comparison table)
_ITEMS = ("국제결혼중개업자가 제1호ㆍ제\n------------------------\n2호 또는 제18호에 해당할 경우 \n"
          "--- ㆍ제20호 또는 제21호----\n등록을 취소하여야 한다.\n------------------------\n-------.\n"
          "  1. ∼ 9. (생  략)\n  1. ∼ 9. (현행과 같음)\n  <신  설>\n  10. 제10조의2제1항을 위반하여 \n"
          "신상정보가 거짓임을 알면서\n도 이를 제공하여 중개한 경\n우\n")


@pytest.mark.parametrize("doc, line, reader, damaged", [
    (_PROVISION, "부      칙", "big5", "睡      罌"),
    (_TABLE, "비  율(B/A)", "big5", "綠  徽(B/A)"),
    (_TABLE, "비  율(B/A)", "gbk", "厚  啦(B/A)"),
    (_NEW, "  <신  설>", "gbk", "  <脚  汲>"),
    (_COSTS, "                                          연  도 ", "gbk", "                                          楷  档 "),
    (_COSTS, "    구  분", "gbk", "    备  盒"),
    (_ITEMS, "  1. ∼ 9. (생  략)", "big5", "  1. ＃ 9. (儅  楞)"),
], ids=["부칙-big5", "비율-big5", "비율-gbk", "신설-gbk", "연도-gbk", "구분-gbk", "생략-big5"])
def test_a_label_a_bill_writes_once_read_as_a_chinese_codec_is_restored(doc, line, reader, damaged):
    assert garble(line, "euckr", reader) == damaged
    bad = doc.replace(line + "\n", damaged + "\n", 1)
    assert bad != doc
    assert fix(bad) == doc
    found = repairs(bad)
    assert [f.kind for f in found] == [f"mojibake.euckr-as-{reader}"]
    assert found[0].old in damaged and found[0].new in line
    # (what explain reports is what fix changed; fixed text stays as it is)
    assert encfix.fix_text(fix(bad), **ONLY_MOJIBAKE) == doc


def test_the_evidence_is_the_bills_word_where_the_document_writes_it_nowhere_else():
    bad = _PROVISION.replace("부      칙\n", "睡      罌\n")
    start = bad.index("睡")
    new, reader, evidence = mojibake_foreign.korean_label_line("睡      罌", bad, start)
    assert (new, reader) == ("부      칙", "big5")
    assert "부칙" in evidence and "word of Korean bills" in evidence


# Hanja labels a Korean document may write (區分 is 구분, 附則 부칙, 新設 신설, 省略 생략, 年度 연도,
# 比率 비율), and Chinese words, set apart as a bill sets a label's: words of Chinese, never taken
_HANJA_LABELS = ["區  分", "附      則", "  <新  設>", "  1. ∼ 9. (省  略)", "年  度", "比  率(B/A)", "備  考",
                 "合  計", "小  計", "青  春", "目  录", "配  货", "张  三", "(大  韓  民  國)", "内  容", "事  項",
                 "東  京", "人  民  日  报", "中  华", "期  間", "金  額"]


@pytest.mark.parametrize("line", _HANJA_LABELS)
def test_a_spaced_label_of_hanja_or_chinese_in_a_korean_bill_stays(line):
    for doc in (_PROVISION, _TABLE, _NEW, _COSTS, _ITEMS):
        clean = doc + line + "\n"
        assert mojibake_foreign.korean_label_line(line, clean, len(doc)) is None
        assert fix(clean) == clean
        # (in place of the bill's own label line too)
        for label in ("부      칙", "비  율(B/A)", "  <신  설>", "    구  분"):
            if label + "\n" in doc:
                clean = doc.replace(label + "\n", line + "\n", 1)
                assert fix(clean) == clean


def test_letters_side_by_side_are_no_label():
    # (the bills' word alone is not enough: 睡罌 unspaced is what Chinese writes, two letters together)
    bad = _PROVISION.replace("부      칙\n", "睡罌\n")
    assert mojibake_foreign.korean_label_line("睡罌", bad, bad.index("睡罌")) is None
    assert fix(bad) == bad


def test_the_label_table_holds_the_bills_labels_and_no_word_whose_chinese_is_one():
    words = mojibake_foreign._label_words()
    assert {"부칙", "신설", "생략", "구분", "연도", "비율", "삭제"} <= words
    assert not any(w.startswith("#") for w in words)
    assert all(re.fullmatch("[\uac00-\ud7a3]{2,4}", w) for w in words)
    wordfreq = pytest.importorskip("wordfreq")
    opencc = pytest.importorskip("opencc")
    to_simplified = opencc.OpenCC("t2s")
    chinese = wordfreq.get_frequency_dict("zh", "best")
    japanese = wordfreq.get_frequency_dict("ja", "best")
    for word in words:
        for reading in readings(word, to_simplified):  # (GBK's and Big5's, as read and in Simplified)
            assert reading not in chinese and reading not in japanese, (word, reading)


def test_hanja_of_the_korean_bills_pool_set_apart_as_labels_stay():
    # every run of two or three Hanja the ko-bills pool writes, as a label line of a bill
    corpora = pytest.importorskip("benchmarks.corpora")
    try:
        docs = corpora.load("ko-bills")
    except Exception as e:  # (the corpus is not cached and cannot be fetched here)
        pytest.skip(f"ko-bills not available: {e}")
    runs = set()
    for d in docs:
        for m in re.finditer("[\u3400-\u9fff\uf900-\ufaff]{2,}", d):
            r = m.group()
            runs.update(r[i:i + k] for k in (2, 3) for i in range(len(r) - k + 1))
    assert len(runs) > 500
    for run in sorted(runs):
        for line in ("  ".join(run), "<" + "  ".join(run) + ">", "(" + "  ".join(run) + ")"):
            text = _COSTS + line + "\n"
            assert mojibake_foreign.korean_label_line(line, text, len(_COSTS)) is None, line
