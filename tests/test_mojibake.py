"""The mojibake stage: CJK double decoding undone, the Latin family through ftfy, damage flagged,
clean text of every language left byte-identical."""
import json

import pytest

import encfix
from encfix.config import Config
from encfix.findings import apply
from encfix.stages import mojibake

ONLY_MOJIBAKE = dict(ruby=False, residue=False, punctuation=False)


def fix(text):
    return encfix.fix_text(text, **ONLY_MOJIBAKE)


def kinds(text):
    return [f.kind for f in mojibake.find(text, Config()) if not f.is_flag]


def garble(text, source, reader):
    data = text.encode(source)
    if reader == "cp1252-web":  # browsers keep cp1252's undefined bytes as U+0080-U+009F
        return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)
    return data.decode(reader)


@pytest.mark.parametrize(
    "damaged, repaired, kind",
    [
        ("浣犲ソ锛屼笘鐣岋紒", "你好，世界！", "mojibake.utf8-as-gbk"),
        ("浣犲ソ", "你好", "mojibake.utf8-as-gbk"),
        ("ÄãºÃ", "你好", "mojibake.gbk-as-latin1"),
        ("╓╨╬─", "中文", "mojibake.gbk-as-cp437"),
        ("ÇÑ±Û", "한글", "mojibake.euckr-as-latin1"),  # not 茄臂, though that decodes too
        ("¤¤µØ¥Á°ê¾Ëªk²Ä¤@±ø", "中華民國憲法第一條", "mojibake.big5-as-latin1"),
        ("鏃ユ湰瑾炪伄銉嗐偔銈广儓銇с仚", "日本語のテキストです", "mojibake.utf8-as-gbk"),
    ],
)
def test_cjk_mojibake_is_undone(damaged, repaired, kind):
    assert fix(damaged) == repaired
    assert kinds(damaged) == [kind]


def test_utf8_read_as_cp1252_with_the_a0_byte_turned_into_a_space():
    # 你 is E4 BD A0; cp1252 shows A0 as a no-break space, which was saved as a plain space
    assert fix("ä½ å¥½") == "你好"
    assert fix("ä½ å¥½ï¼Œä¸–ç•Œ") == "你好，世界"
    assert fix("Ã  la carte") == "à la carte"  # the Latin family: ftfy


@pytest.mark.parametrize("source", ["utf-8", "gbk", "cp950", "cp932", "euc_jp", "cp949"])
@pytest.mark.parametrize("reader", ["latin-1", "cp1252-web", "cp437", "cp850"])
def test_every_source_read_as_a_code_page(source, reader):
    samples = {"gbk": "为了落实党的十五大精神，鼓励研究解决难题。", "cp950": "本法第十六條第一項所定一定活度以下之核子原料如下：",
               "cp932": "扇畑さんはアララギ派の歌人として知られ、", "euc_jp": "扇畑さんはアララギ派の歌人として知られ、",
               "cp949": "국회의원은 법률이 정하는 직을 겸할 수 없다.", "utf-8": "为了落实党的十五大精神，鼓励研究解决难题。"}
    original = samples[source]
    assert fix(garble(original, source, reader)) == original


def test_a_garbled_sentence_inside_clean_text_is_repaired_alone():
    clean = "值得肯定的重奖\n你好，世界！\n下一句话。"
    sentence = "你好，世界！"
    damaged = clean.replace(sentence, garble(sentence, "utf-8", "gbk"))
    assert fix(damaged) == clean
    found = encfix.explain(damaged, **ONLY_MOJIBAKE)
    assert [f.kind for f in found] == ["mojibake.utf8-as-gbk"]
    assert found[0].line == 2


def test_a_garbled_json_value_is_repaired_alone():
    record = {"title": "你好", "body": "中华人民共和国"}
    damaged = json.dumps({"title": garble("你好", "gbk", "latin-1"), "body": "中华人民共和国"}, ensure_ascii=False)
    assert json.loads(fix(damaged)) == record


def test_mojibake_applied_twice_is_undone():
    # GBK read as Latin-1, saved as UTF-8, read as cp1252 (ÄãºÃ -> Ã„Ã£ÂºÃƒ)
    once = garble("你好，世界！", "gbk", "latin-1")
    twice = garble(once, "utf-8", "cp1252-web")
    assert fix(twice) == "你好，世界！"
    # UTF-8 read as GBK, saved as UTF-8, read as cp1252
    once = garble("你好，世界！", "utf-8", "gbk")
    twice = garble(once, "utf-8", "cp1252-web")
    assert fix(twice) == "你好，世界！"


def test_lossy_utf8_read_as_gbk_recovers_what_survived_and_invents_nothing(seed_text):
    original = seed_text[:400].replace("\n", "")
    damaged = original.encode("utf-8").decode("gbk", errors="replace")
    out = fix(damaged)
    assert len(out) == len(original)
    recovered = sum(a == b for a, b in zip(out, original))
    assert recovered >= 0.8 * len(original)
    assert all(a == b or a == "\ufffd" for a, b in zip(out, original))
    [finding] = [f for f in mojibake.find(damaged, Config()) if not f.is_flag]
    assert finding.kind == "mojibake.utf8-as-gbk-lossy"
    assert f"{out.count(chr(0xFFFD))} character(s) lost" in finding.reason


@pytest.mark.parametrize(
    "text, kind",
    [
        ("你好锟斤拷锟斤拷世界", "damage.kunkaokao"),
        ("变量的值是烫烫烫烫烫烫", "damage.tangtang"),
        ("中文\ufffd\ufffd测试", "damage.replacement"),
        ("我们??????今天", "damage.question-marks"),
        ("中??文", "damage.question-marks"),
    ],
)
def test_damage_that_cannot_be_undone_is_flagged_not_changed(text, kind):
    found = mojibake.find(text, Config())
    assert kind in [f.kind for f in found]
    assert all(f.is_flag for f in found)
    assert fix(text) == text
    assert mojibake.find(text, Config(flag_damage=False)) == []


@pytest.mark.parametrize(
    "text",
    [
        "茄臂", "콱봤", "中華民國憲法第一條", "颤巍巍露于笠外", "銮铱椭校", "What???", "x = a ?? b",
        "Ελληνικά", "Русский", "café crème brûlée", "N×P > 0", "① 행정청은", "“引号”，全角：２０２４年",
        "=COUNTIF(A1:A9,\">1\")", "第一條\r\n第二條\r\n", "\ufeff中文",
    ],
)
def test_clean_text_is_left_alone(text):
    assert mojibake.find(text, Config(flag_damage=False)) == []
    assert fix(text) == text


def test_clean_shared_corpora_are_left_alone(shared_dir, seed_text):
    docs = [seed_text]
    with open(shared_dir / "corpora" / "taiwan_laws_moj_sample.jsonl", encoding="utf-8") as f:
        docs.extend(f.read().splitlines())
    for path in sorted((shared_dir / "conformance" / "charset-normalizer").glob("sample-*.txt")):
        from charset_normalizer import from_path

        docs.append(str(from_path(path).best()))
    for doc in docs:
        assert [f for f in mojibake.find(doc, Config()) if not f.is_flag] == [], doc[:80]


def test_the_gate_keeps_clean_cjk_off_the_expensive_path():
    assert not mojibake.could_hold_mojibake("中华人民共和国成立了。这是一个测试，我们来看看。")
    assert not mojibake.could_hold_mojibake("日本語のテキストです。한국어 텍스트입니다.")
    assert mojibake.could_hold_mojibake("浣犲ソ锛屼笘鐣")


def test_latin_family_goes_through_ftfy_without_touching_cjk_style():
    text = "cafÃ© “中文”，全角２０２４"
    assert fix(text) == "café “中文”，全角２０２４"
    assert kinds(text) == ["mojibake.latin"]


def test_explain_matches_fix_and_fix_is_idempotent():
    text = "标题：ÄãºÃ\n正文：浣犲ソ锛屼笘鐣岋紒\n结尾 cafÃ©"
    out = fix(text)
    assert apply(text, encfix.explain(text, **ONLY_MOJIBAKE)) == out
    assert fix(out) == out
    assert out == "标题：你好\n正文：你好，世界！\n结尾 café"


#: articles 62 to 65 of the Korean constitution: ① opens a clause on lines of Hangul
CONSTITUTION = """②국정감사 및 조사에 관한 절차 기타 필요한 사항은 법률로 정한다.
  제62조 ① 국무총리·국무위원 또는 정부위원은 국회나 그 위원회에 출석하여 국정처리상황을 보고하거나 의견을 진술하고 질문에 응답할 수 있다.
②국회나 그 위원회의 요구가 있을 때에는 국무총리·국무위원 또는 정부위원은 출석·답변하여야 하며, 국무총리 또는 국무위원이 출석요구를 받은 때에는 국무위원 또는 정부위원으로 하여금 출석·답변하게 할 수 있다.
  제63조 ① 국회는 국무총리 또는 국무위원의 해임을 대통령에게 건의할 수 있다.
②제1항의 해임건의는 국회재적의원 3분의 1 이상의 발의에 의하여 국회재적의원 과반수의 찬성이 있어야 한다.
  제64조 ① 국회는 법률에 저촉되지 아니하는 범위안에서 의사와 내부규율에 관한 규칙을 제정할 수 있다.
②국회는 의원의 자격을 심사하며, 의원을 징계할 수 있다.
  제65조 ① 대통령·국무총리·국무위원·행정각부의 장·헌법재판소 재판관·법관·중앙선거관리위원회 위원·감사원장·감사위원 기타 법률이 정한 공무원이 그 직무집행에 있어서 헌법이나 법률을 위배한 때에는 국회는 탄핵의 소추를 의결할 수 있다."""


def test_one_article_read_as_gbk_leaves_the_signs_of_the_clean_articles_alone():
    # The repaired article makes EUC-KR-as-GBK the document's pair; the ① of the other articles,
    # on lines of Hangul that GBK cannot have made, are no leftovers of it (GBK re-read: ↘).
    lines = CONSTITUTION.split("\n")
    bad = garble(lines[1], "euckr", "gbk")
    assert bad != lines[1]
    damaged = "\n".join(lines[:1] + [bad] + lines[2:])
    assert fix(damaged) == CONSTITUTION


#: the head of a Korean bill (konlpy's kobill corpus): names set apart by U+2024 ONE DOT LEADER
_BILL_HEAD = ("지방공무원법 일부개정법률안\n(정의화의원 대표발의 )\n 의 안\n 번 호\n9890\n"
              "발의연월일 : 2010.  11.  12.  \n발  의  자 : 정의화․이명수․김을동 \n이사철․여상규․안규백\n"
              "황영철․박영아․김정훈\n김학송 의원(10인)\n제안이유 및 주요내용\n")


@pytest.mark.parametrize("line", ["이사철․여상규․안규백", "황영철․박영아․김정훈"])
def test_a_line_of_names_read_as_cp866_is_repaired_whatever_signs_stand_between_them(line):
    damaged = _BILL_HEAD.replace(line, line.encode("utf-8").decode("cp866"))
    assert damaged != _BILL_HEAD
    assert fix(damaged) == _BILL_HEAD
    assert fix(_BILL_HEAD) is _BILL_HEAD


#: Japanese news (hironsancorpus): the list of sites a World Heritage session added
_HERITAGE = ("今回登録された世界自然遺産は、先の2つを含め、以下の7つである。\nフレーデフォート・ドーム（南アフリカ）。\n"
             "ワジ・アル＝ヒタンの鯨渓谷（エジプト）。\n知床（日本）。\n"
             "西ノルウェーのフィヨルド、ガイランゲル・フィヨルドおよびナールオイ・フィヨルド（ノルウェー）。\n"
             "カリフォルニア湾の諸島および保護地域（メキシコ）。")


def test_a_line_of_katakana_read_as_big5_is_repaired_with_its_middle_dots():
    line = "西ノルウェーのフィヨルド、ガイランゲル・フィヨルドおよびナールオイ・フィヨルド（ノルウェー）。"
    damaged = _HERITAGE.replace(line, line.encode("euc_jp").decode("cp950"))
    assert damaged != _HERITAGE
    assert fix(damaged) == _HERITAGE


def test_a_sign_between_katakana_read_with_another_codec_is_the_sign_the_document_writes_there():
    # (EUC-JP's ・ is A1 A6, Big5's ’: what is left of a line once its words are repaired)
    damaged = _HERITAGE.replace("ガイランゲル・", "ガイランゲル’")
    assert fix(damaged) == _HERITAGE


def test_a_sign_between_katakana_the_document_writes_twice_stays():
    doc = _HERITAGE.replace("ガイランゲル・", "ガイランゲル’") + "\nロックン’ロール"
    assert fix(doc) == doc
