"""CJK text read with another CJK language's codec, found by the document around it: Korean read
as GBK inside a Korean document, Chinese read as EUC-KR inside a Chinese one, a Big5 heading read
as GBK among the headings of a law; and clean documents that mix languages left alone."""
import json
import re
from pathlib import Path

import pytest

from encfix.config import Config
from encfix.stages import mojibake, mojibake_foreign

from test_mojibake_cjk import CODECS, fix, garble  # (the same damage as the CJK-as-CJK tests)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def korean_lines(shared_dir):
    """Lines of real Korean text (charset-normalizer's Korean sample, and the constitution's
    first articles from the repository's samples)."""
    from charset_normalizer import from_path

    text = str(from_path(shared_dir / "conformance" / "charset-normalizer" / "sample-korean.txt").best())
    text += "\n" + (ROOT / "samples" / "mojibake-euckr-as-latin1.expected.txt").read_text(encoding="utf-8")
    # one sentence a line: a document whose every line can be garbled alone
    return [s for s in re.split(r"(?<=[.,])\s+|\n", text) if len(s.strip()) >= 8 and re.search("[가-힣]", s)]


@pytest.fixture(scope="module")
def laws(shared_dir):
    """Taiwan laws: documents of article headings (``第 N 條``) and articles."""
    out = []
    with open(shared_dir / "corpora" / "taiwan_laws_moj_sample.jsonl", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            if len(re.findall(r"(?m)^第 [0-9-]+ 條$", text)) >= 3:
                out.append(text)
            if len(out) >= 12:
                break
    return out


def test_each_korean_line_read_as_gbk_inside_its_document_is_repaired(korean_lines):
    doc = "\n".join(korean_lines)
    done = cases = 0
    for i, line in enumerate(korean_lines):
        bad = garble(line, "euckr", "gbk")
        if bad is None or bad == line:
            continue
        cases += 1
        damaged = "\n".join(korean_lines[:i] + [bad] + korean_lines[i + 1:])
        done += fix(damaged) == doc
    assert cases >= 8
    assert done >= 0.9 * cases, (done, cases)


def test_a_korean_document_read_whole_as_gbk_is_taken_for_korean(korean_lines):
    doc = "\n".join(korean_lines)
    bad = garble(doc, "euckr", "gbk")
    assert bad is not None
    assert mojibake_foreign.document_language(bad) == "ko"
    assert mojibake_foreign.document_language(doc) == "ko"
    fixed = fix(bad).splitlines()
    same = sum(a == b for a, b in zip(fixed, korean_lines))
    assert same >= 0.9 * len(korean_lines), (same, len(korean_lines))


def test_a_short_korean_bill_read_whole_as_gbk_is_taken_for_korean():
    # the start of a bill from konlpy's corpus: 300 characters, a fifth of them spaces
    bill = ("국군부대의 소말리아 해역 파견연장 동의안\n의안\n" + " " * 66 + "제출연월일 :  2010.    11.    15.\n"
            "9898\n번호\n" + " " * 72 + "제  출  자 :  정         부\n제안이유\n      소말리아 아덴만 해역에 "
            "파견된 국군부대 ( 청해부대 )의 파견기간이 \n2010년 12월 31일 종료될 예정이나,  다음 이유로 파견기간을 연장")
    bad = garble(bill, "euckr", "gbk")
    assert mojibake_foreign.document_language(bad) == "ko"
    assert fix(bad) == bill


@pytest.mark.parametrize("reader", ["gbk", "euckr"])
def test_a_big5_heading_read_wrongly_takes_the_form_of_the_others(laws, reader):
    done = cases = 0
    for doc in laws:
        headings = list(re.finditer(r"(?m)^第 [0-9-]+ 條$", doc))
        m = headings[len(headings) // 2]
        bad = garble(m.group(), "big5", reader)
        assert bad is not None and bad != m.group()
        damaged = doc[:m.start()] + bad + doc[m.end():]
        cases += 1
        if fix(damaged) == doc:
            done += 1
            found = [f for f in mojibake.find(damaged, Config()) if not f.is_flag]
            assert [f.kind for f in found] == [f"mojibake.big5-as-{reader}"]
    assert cases >= 10
    assert done == cases


@pytest.mark.parametrize("reader", ["gbk", "euckr"])
def test_the_one_heading_of_a_single_article_is_repaired_by_its_form(laws, reader):
    # A corpus piece of one article has one heading and nothing to compare it with: the re-read
    # line landing exactly on an ordinal heading (第 N 條) is the evidence.
    done = cases = 0
    for doc in laws:
        # the first article whose first paragraph cites no other (a citation would be evidence
        # of its own: this test is about the form)
        # (and long enough to say its language: twenty letters)
        for heading in re.finditer(r"(?m)^第 [0-9-]+ 條$", doc):
            body = "\n" + doc[heading.end():].lstrip("\n").split("\n第 ")[0]
            if len(body) >= 30 and not re.search(r"第[〇一二三四五六七八九十百千零兩0-9]+條", body):
                break
        else:
            continue
        article = heading.group() + body
        damaged = garble(heading.group(), "big5", reader) + body
        cases += 1
        if fix(damaged) == article:
            done += 1
            (f,) = [f for f in mojibake.find(damaged, Config()) if not f.is_flag]
            assert f.kind == f"mojibake.big5-as-{reader}" and "numbered heading" in f.reason
    assert cases >= 6
    assert done == cases


@pytest.mark.parametrize("line", ["第 5 條", "第 12 章 附則", "附表 3 說明", "民國 99 年", "材 5 兵器"])
def test_short_numbered_lines_that_are_no_misread_heading_stay(line):
    doc = line + "\n本法依憲法制定之，自公布日施行。"
    assert fix(doc) == doc


#: a comparison table of a Korean bill (from konlpy's corpus of Korean bills): the labels stand
#: on lines of their own, two syllables set apart
BILL = """신·구조문대비표
현      행
개   정   안
제26조(벌칙) ① 다음 각 호의 어
제26조(벌칙) ① -------------
느 하나에 해당하는 자는 3년 
이하의 징역 또는 2천만원 이하
의 벌금에 처한다.
  1. ∼ 3. (생  략)
  1. ∼ 3. (현행과 같음)
  <신  설>
  4. 제10조의2를 위반하여 이용
자나 상대방에게 신상정보를 
제공하지 아니하거나 고의로 
거짓된 정보를 제공한 자
  <신  설>
  7 . ∼ 10. (생  략)
  5. 제10조의4를 위반하여 신상
정보(상대방 언어 번역본 포함)
와 그 밖의 결혼 관련 서류를 
보존하지 아니한 자"""


@pytest.mark.parametrize("reader", ["gbk", "big5"])
@pytest.mark.parametrize("label", ["현      행", "  <신  설>", "  7 . ∼ 10. (생  략)"])
def test_a_two_syllable_label_of_a_korean_bill_read_as_chinese_is_what_the_bill_writes_elsewhere(label, reader):
    lines = BILL.split("\n")
    i = lines.index(label)
    bad = garble(label, "euckr", reader)
    assert bad is not None and bad != label and not re.search("[가-힣]", bad)
    damaged = "\n".join(lines[:i] + [bad] + lines[i + 1:])
    assert fix(damaged) == BILL
    (f,) = [f for f in mojibake.find(damaged, Config()) if not f.is_flag]
    assert f.kind == f"mojibake.euckr-as-{reader}" and "what this document writes" in f.reason


def test_a_line_of_hanja_in_a_korean_bill_stays():
    doc = BILL.replace("현      행", "大韓民國 憲法").replace("  <신  설>", "  <新  設>")
    assert fix(doc) == doc


def test_a_chinese_sentence_read_as_euckr_inside_chinese_text_is_repaired():
    clean = ["宝玉听了，忙起身出来。", "贾政道：“这是炮竹嗄。”宝玉答道：“是。”", "众人都笑起来，说是好主意。"] * 3
    doc = "\n".join(clean)
    bad = garble(clean[4], "gbk", "euckr")
    assert re.search("[가-힣]", bad)
    damaged = doc.replace(clean[4], bad, 1)
    assert fix(damaged) == doc


@pytest.mark.parametrize("doc", [
    # a Korean law with a line in Hanja (written in Korean's own codec)
    "대한민국 헌법\n大韓民國 憲法\n제1조 대한민국은 민주공화국이다.\n제2조 대한민국의 국민이 되는 요건은 법률로 정한다.",
    # a Chinese news story naming a Korean singer in Hangul, and a premier outside GB2312
    "韩国歌手싸이昨天在首尔举行演唱会，吸引了数万名观众。\n朱镕基总理出席会议并讲话，强调要加快改革步伐。",
    # a Traditional law whose chapter headings are unlike its article headings
    "第 一 章 總則\n第 1 條\n本法依憲法制定之。\n第 2 條\n本法所稱主管機關。\n第 二 章 附則\n第 3 條\n本法自公布日施行。",
    # a Japanese text with a few characters its codec cannot write
    "森鷗外の小説を読んだ。\n髙島屋で買い物をした。𠮷野家で食事をした。これは日本語の文章です。",
])
def test_clean_documents_of_mixed_languages_are_left_alone(doc):
    assert fix(doc) == doc
    assert [f for f in mojibake.find(doc, Config()) if not f.is_flag] == []


def test_punctuation_is_not_foreign():
    # half-width corner brackets are Korean typography, which cp949 cannot write
    assert mojibake_foreign.foreign_spans("｢국가공무원법｣ 제71조", "ko") == []


def test_a_garbled_sentence_that_runs_straight_into_clean_text_is_cut_where_the_damage_ends():
    # the first sentence of an article (Big5) read as EUC-KR, the rest of the line clean: the
    # damaged text touches clean letters, and Hangul in a Chinese law is what gives it away
    clean = "人民身體之自由應予保障。除現行犯之逮捕由法律另定外，非經司法或警察機關依法定程序，不得逮捕拘禁。"
    first = "人民身體之自由應予保障。"
    line = garble(first, "big5", "euckr") + clean[len(first):]
    doc = "第 8 條\n" + line + "\n第 9 條\n人民除現役軍人外，不受軍事審判。"
    assert fix(doc) == doc.replace(line, clean)


def test_a_heading_cited_in_the_articles_is_evidence_enough():
    doc = "材 4 兵\n前條規定之開發保證金，依第二十條規定計算。"
    assert fix(doc) == "第 4 條\n前條規定之開發保證金，依第二十條規定計算。"
    (f,) = [f for f in mojibake.find(doc, Config()) if not f.is_flag]
    assert f.kind == "mojibake.big5-as-gbk" and "第二十條" in f.reason


def test_a_korean_table_heading_read_as_gbk_is_repaired():
    heading = "개   정   안"
    doc = "신ㆍ구조문대비표\n현      행\n" + heading + "\n제63조(휴직) ① (현행과 같음)"
    damaged = doc.replace(heading, garble(heading, "euckr", "gbk"))
    assert fix(damaged) == doc


def test_signs_left_over_in_a_document_garbled_through_and_through():
    lines = ["발생비용 : N×p×X + N×육아휴직급여액 - N×P", "추가비용은 발생하지 않을 것으로 예상된다.",
             "따라서 육아휴직이 가능한 자", "국회예산정책처 법안비용추계1팀"]
    doc = "\n".join(lines)
    damaged = garble(doc, "euckr", "gbk")
    assert "】" in damaged
    assert fix(damaged) == doc


def test_signs_that_korean_text_cannot_hold_are_read_back_as_signs():
    formula = "N×5.6%×X + N×P×40% - N×P > 0"
    doc = "발생비용 산정 방식은 다음과 같다.\n" + formula + "\n추가비용은 발생하지 않을 것으로 예상된다."
    damaged = doc.replace(formula, garble(formula, "euckr", "sjis"))
    assert "｡ｿ" in damaged
    assert fix(damaged) == doc


@pytest.mark.parametrize("reader", ["cp1252", "cp437"])
def test_a_lone_sign_read_by_a_single_byte_reader_in_a_korean_document(reader):
    doc = "발생비용 산정 방식은 다음과 같다.\nX > 10.7×P\n추가비용은 발생하지 않을 것으로 예상된다."
    sign = "×".encode("cp949").decode(reader)
    assert len(sign) == 2
    assert fix(doc.replace("×", sign)) == doc


def test_symbols_between_ascii_in_chinese_text_stay():
    doc = "Copyright ©® 中文文本测试一下这个。这是一个很长的中文句子，用来确定文档的语言是简体中文。"
    assert fix(doc) == doc


# -- a byline of a Chinese document garbled alone -------------------------------------------------

# People's Daily 1998-01 and 脂砚斋重批红楼梦: a title, the author's name on a line of its own,
# the article
_ARTICLE = "游子的水乡情结——施怀谷的色彩世界（附图片１张）\n{}\n８０年代中期，初识施怀谷的时候，他刚从浙江美术学院毕业。"


@pytest.mark.parametrize("name, source, reader", [
    ("叶廷芳", "utf-8", "cp866"),
    ("计喆", "utf-8", "gbk"),
    ("李峰", "utf-8", "cp932"),
    ("稳波", "utf-8", "cp949"),
    ("戚蓼生序", "gbk", "latin-1"),
    ("戚蓼生序", "gbk", "cp850"),
])
def test_a_name_on_a_line_of_its_own_read_with_another_codec_is_repaired(name, source, reader):
    doc = _ARTICLE.format(name)
    damaged = _ARTICLE.format(name.encode(source).decode(reader))
    assert fix(damaged) == doc
    found = [f for f in mojibake.find(damaged, Config()) if not f.is_flag]
    assert len(found) == 1 and "Chinese document" in found[0].reason


@pytest.mark.parametrize("line", [
    "Москва", "ПИВА", "Café Noël", "Müller", "김정은", "펭귄", "벚꽃", "さくら", "東京", "朱镕基", "臺灣",
    "Åsa Öberg", "εεεε", "ελληνικα", "χλμ",
])
def test_a_short_line_of_another_language_in_chinese_text_stays(line):
    doc = _ARTICLE.format(line)
    assert fix(doc) == doc
    assert mojibake_foreign.name_line_repairs(doc, "zh-Hans") == []
    assert mojibake_foreign.name_line_repairs(doc, "zh-Hant") == []


# -- GBK's signs read as Shift_JIS: half-width kana in a Chinese document --------------------------

@pytest.mark.parametrize("line, sign", [
    # 脂砚斋重批红楼梦: a comment's closing bracket, alone at the end of its line
    ("【庚辰双行夹批：妙！这婶母兄弟是特来等分绝户家私的，不表可知。】", "】"),
    # People's Daily 1998-01, a stock table: a row of full-width digits
    ("１２９３·７８０·６７１６９８４４１８４０９", "１２９３·７８０·６７１６９８４４１８４０９"),
])
def test_gbk_signs_read_as_shift_jis_in_a_chinese_document_are_repaired(line, sign):
    doc = "上周股市概览\n名称前周收盘上周开盘上周最高上周最低\n{}\n深证指数３８７·１４３８７·２２３８８·７４３７５·２４"
    garbled = line.replace(sign, garble(sign, "gbk", "sjis"))
    assert re.search("[\uff61-\uff9f]", garbled)
    assert fix(doc.format(garbled)) == doc.format(line)


def test_half_width_katakana_in_chinese_text_stays():
    doc = "他买了一台ｿﾆｰ的电视机，又在ﾋﾞｯｸｶﾒﾗ买了相机。\n「ｶﾀｶﾅ」是日文的半角片假名。"
    assert fix(doc) == doc


def test_a_simplified_stock_table_is_taken_for_simplified():
    # the middle dot between integer and decimals is no character of Python's GB2312; the Han
    # characters alone tell the script
    table = ("上周股市概览\n名称前周收盘上周开盘上周最高上周最低\n"
             "上证指数１２１３·９６１２１５·４１１２２４·１２１１９４·３８\n"
             "上证３０３９４３·１４３９４８·２８３９６８·９５３８２２·０９\n"
             "上证Ａ股１２８５·１６１２８６·７２１２９５·０７１２６３·８１\n"
             "上证Ｂ股４４·８０４４·８０４８·６２４４·８０\n"
             "深证指数３８７·１４３８７·２２３８８·７４３７５·２４\n"
             "成份指数４１６４·３５４１６７·８６４１７２·８２４０５４·４４\n")
    assert mojibake_foreign.document_language(table) == "zh-Hans"


def test_a_sign_on_the_line_of_a_repair_is_read_as_the_sign_the_document_writes_there():
    # a Korean bill (konlpy's corpus), one line read as GBK: the words are repaired by the pair
    # model, and ∼ (EUC-KR A1 AD, GBK's …) by the bill's other lines of the same form
    bill = ("제2조(정의) ① (생  략)\n  1. ∼ 3. (생  략)\n  4. 공무원의 직무와 관련된 사항\n"
            "  5. ∼ 9. (생  략)\n  5. ∼ 9. (현행과 같음)\n제3조(적용범위) ① (생  략)\n"
            "  1. ∼ 8. (생  략)\n  1. ∼ 8. (현행과 같음)\n")
    line = "  5. ∼ 9. (현행과 같음)"
    damaged = bill.replace(line, garble(line, "euckr", "gbk"))
    assert "  5. … 9. (" in damaged
    assert fix(damaged) == bill


def test_a_sign_the_document_writes_both_ways_stays():
    # … is written in the same form elsewhere too: nothing tells which was meant
    bill = ("  1. ∼ 3. (생  략)\n  1. … 3. (생  략)\n  5. ∼ 9. (생  략)\n")
    line = "  5. ∼ 9. (현행과 같음)"
    damaged = bill + garble(line, "euckr", "gbk")
    assert fix(damaged).endswith("  5. … 9. (현행과 같음)")  # (the words repaired, the sign left)


def test_a_japanese_line_read_as_cp866_is_repaired_though_the_gate_takes_it_for_russian():
    # hironsancorpus (Japanese news): a list of World Heritage sites, one line read as cp866
    doc = ("新たに登録された自然遺産は、先の2つを含め、以下の7つである。\nフレーデフォート・ドーム（南アフリカ）。\n"
           "ワジ・アル＝ヒタンの鯨渓谷（エジプト）。")
    line = "フレーデフォート・ドーム（南アフリカ）。"
    damaged = doc.replace(line, line.encode("cp932").decode("cp866"))
    assert fix(damaged) == doc


@pytest.mark.parametrize("line", ["Москва — столица России.", "МОСКВА И ПЕТЕРБУРГ", "Добрый день, друзья!"])
def test_a_russian_line_in_a_japanese_or_korean_document_stays(line):
    for doc in (f"以下の7つである。\n{line}\n新たに登録された自然遺産は7つ。", f"대한민국 헌법\n{line}\n제1조 대한민국은 민주공화국이다."):
        assert fix(doc) == doc


# -- short Korean labels, paragraph numbers and formula signs (konlpy's bills) ---------------------


def assert_repaired_when_garbled(doc, part, reader, source="euckr"):
    """``part`` of ``doc`` written in ``source`` and read with ``reader`` comes back as it was."""
    damaged = doc.replace(part, garble(part, source, reader))
    assert damaged != doc
    assert fix(damaged) == doc

# a bill's cost estimate (konlpy's corpus): a table whose subtotal row is written under two columns
_SUBTOTALS = ("    다.  비용추계의 결과\n                                          연  도 \n    구  분\n"
              "  ◦ 인 건 비\n  ◦ 운 영 비\n소 계 (a)\n-\n소 계 (b)\n지\n출\n수\n입")


@pytest.mark.parametrize("row", ["소 계 (a)", "소 계 (b)"])
@pytest.mark.parametrize("reader", ["gbk", "big5"])
def test_a_subtotal_row_read_with_another_codec_takes_the_form_of_its_twin(row, reader):
    assert_repaired_when_garbled(_SUBTOTALS, row, reader)


def test_a_label_the_document_writes_with_another_letter_only_is_no_citation():
    # (a lone ASCII letter stands for any; a word of ASCII letters does not)
    assert mojibake_foreign._written_elsewhere("소 계 (b)", _SUBTOTALS, 0, 0) == "소 계 (a)"
    assert mojibake_foreign._written_elsewhere("소 계 (ab)", _SUBTOTALS, 0, 0) is None


# the end of a bill and its supplementary provisions (부칙), set apart on a line of their own
_PROVISIONS = ("제71조제2항제4호 중 “만 6세 이하의 초등학교 취학 전 자녀를”을 “만 \n8세 이하(취학 중인 경우에는 "
               "초등학교 2학년 이하를 말한다)의 자녀를”\n로 한다.\n부      칙\n이 법은 공포한 날부터 시행한다.\n"
               "- 3 -\n신 ·구조문대비표")


def test_a_two_syllable_label_read_as_shift_jis_is_repaired():
    damaged = _PROVISIONS.replace("부      칙", garble("부      칙", "euckr", "sjis"))
    assert "ｺﾎ      ﾄ｢" in damaged
    assert fix(damaged) == _PROVISIONS
    (f,) = [f for f in mojibake.find(damaged, Config()) if not f.is_flag]
    assert f.kind == "mojibake.euckr-as-sjis"


@pytest.mark.parametrize("word", ["ｶﾀｶﾅ", "ﾃﾞｰﾀ", "ｱﾙﾊﾞｲﾄ", "ｺｰﾋｰ", "ｿﾌﾄｳｪｱ"])
def test_half_width_katakana_on_a_line_of_a_korean_document_stays(word):
    doc = _PROVISIONS.replace("부      칙", word)
    assert fix(doc) == doc


# a bill's table of the current and amended text: paragraphs numbered ① ② ③ at the head of lines
_PARAGRAPHS = ("현      행\n개   정   안\n제71조(휴직) ① (생  략)\n제71조(휴직) ① (현행과 같음)\n"
               "  ② 임용권자는 공무원이 다음 \n  ② -------------------------\n각 호의 어느 하나에 해당하는 \n"
               "----------------------------\n  ③ 제1항에도 불구하고 법령등의 입법을 포함하는 행정예고의 경우\n"
               "에는 입법예고로 이를 갈음할 수 있다.")


@pytest.mark.parametrize("line", ["  ② -------------------------", "  ③ 제1항에도 불구하고 법령등의 입법을 포함하는 행정예고의 경우"])
@pytest.mark.parametrize("source, reader", [("euckr", "gbk"), ("euckr", "big5"), ("utf8", "sjis")])
def test_a_paragraph_number_read_with_another_codec_is_read_back(line, source, reader):
    try:
        bad = line.encode("utf-8" if source == "utf8" else CODECS[source]).decode(CODECS[reader])
    except UnicodeDecodeError:
        pytest.skip("the line does not go through this pair without loss")
    damaged = _PARAGRAPHS.replace(line, bad, 1)
    assert damaged != _PARAGRAPHS
    assert fix(damaged) == _PARAGRAPHS


def test_a_line_head_the_document_writes_twice_or_without_circled_numbers_stays():
    # 刻 is ② read as Big5: a document that opens two lines with it writes it; one that numbers
    # nothing with circled numbers has no sequence for it to be part of
    twice = _PARAGRAPHS + "\n  刻 본문\n  刻 본문"
    assert fix(twice) == twice
    plain = "제71조(휴직)\n  刻 본문은 다음과 같다."
    assert fix(plain) == plain


# a bill's cost estimate: its formulas, one line of them read with another codec
_FORMULAS = ("의 수식을 다시 작성하면 다음의 수식과 같다.\nN×p×X + N×육아휴직급여액 - N×P > 0\n"
             "N×5.6%×X + N×P×40% - N×P > 0\n0.056×X > 0.6P\nX > 10.7×P\n(1)\n(2)\n"
             "위의 수식에 육아휴직자가 받는 월 급여액을 대입하여 대체고용인력")


@pytest.mark.parametrize("line", ["N×5.6%×X + N×P×40% - N×P > 0", "0.056×X > 0.6P"])
@pytest.mark.parametrize("reader", ["gbk", "big5"])
def test_a_formula_sign_read_with_another_codec_is_the_sign_the_document_writes(line, reader):
    assert_repaired_when_garbled(_FORMULAS, line, reader)


def test_a_sign_between_ascii_the_document_writes_on_another_line_too_stays():
    doc = _FORMULAS.replace("0.056×X", "0.056▼X") + "\n범례: A▼B"
    assert fix(doc) == doc


def test_a_formula_of_utf8_read_as_shift_jis_is_the_text_the_document_writes():
    # (× is C3 97: Shift_JIS reads C3 as the half-width kana ﾃ and 97 50 as 猶, taking the P)
    assert "10.7ﾃ猶" in _FORMULAS.replace("X > 10.7×P", garble("X > 10.7×P", "utf8", "sjis"))
    assert_repaired_when_garbled(_FORMULAS, "X > 10.7×P", "sjis", source="utf8")


def test_half_width_kana_in_a_chinese_document_stay_when_nothing_elsewhere_supports_them():
    doc = "他买了一台ｿﾆｰ的电视机。\n价格是３０００元。"
    assert fix(doc) == doc
