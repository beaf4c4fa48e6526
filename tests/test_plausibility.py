"""The plausibility model: real text of every script scores above the mojibake made from it."""
import json
import os

import pytest

from encfix.lang import plausibility
from encfix.lang.charclass import classify
from encfix.lang.plausibility import score


def test_empty_text_scores_zero():
    assert score("") == 0.0


@pytest.mark.parametrize(
    "real, garbled",
    [
        ("你好", "콱봤"),  # GBK read as cp949 (the trap: it decodes cleanly)
        ("한글", "茄臂"),  # EUC-KR read as GBK (the other trap)
        ("你好，世界！", "浣犲ソ锛屼笘鐣岋紒"),  # UTF-8 read as GBK
        ("中文", "╓╨╬─"),  # GBK read as cp437
        ("你好", "ÄãºÃ"),  # GBK read as Latin-1
        ("の", "縺ｮ"),  # UTF-8 read as cp932
        ("領導之責", "щвЖхп╝ф╣Лш┤г"),  # UTF-8 read as cp866
    ],
)
def test_real_text_beats_its_mojibake(real, garbled):
    assert score(real) > score(garbled) + 2


def _law_sentences(shared_dir, n=60):
    out = []
    with open(shared_dir / "corpora" / "taiwan_laws_moj_sample.jsonl", encoding="utf-8") as f:
        for line in f:
            for value in json.loads(line).values():
                if isinstance(value, str):
                    out.extend(s for s in value.split("。") if len(s) >= 6 and not s.isascii())
            if len(out) >= n:
                break
    return out[:n]


@pytest.mark.parametrize("reader", ["latin-1", "cp437", "gbk", "cp932"])
def test_real_traditional_chinese_beats_every_mojibake_of_it(shared_dir, reader):
    for sentence in _law_sentences(shared_dir):
        garbled = sentence.encode("utf-8").decode(reader, errors="replace")
        assert score(sentence) > score(garbled), sentence


def test_plain_english_and_korean_score_like_real_text():
    assert score("The quick brown fox jumps over the lazy dog.") > -5
    assert score("대한민국은 민주공화국이다.") > -7
    assert score("日本語のテキストです。") > -7


def test_character_classes_are_named_like_ftfy():
    assert [classify(c) for c in "你ソ한Ã╓\x85\ue000\ufffd"] == [
        "han", "kana", "hangul", "latin_accented", "box", "c1", "private_use", "replacement"]


def test_script_switches_are_counted():
    assert plausibility.switches("使用Python编程") == 2
    assert plausibility.switches("中文 text") == 0  # a space is not a switch


def test_frequency_table_is_small_and_generated():
    data = os.path.join(os.path.dirname(plausibility.__file__), "..", "data")
    size = os.path.getsize(os.path.join(data, "charfreq.tsv"))
    assert size < 400_000
    assert os.path.exists(os.path.join(data, "make_frequencies.py"))


# -- the pair model (fluency) ------------------------------------------------------------------


@pytest.mark.parametrize(
    "real, garbled",
    [
        ("대통령의", "措烹飞狼"),  # EUC-KR read as GBK: common characters in an order nobody writes
        ("中华民国之主权属于国民全体。", "櫓빽췽벌裂寮홈橄黨벌췽홍竟。"),  # GBK read as EUC-KR
        ("在这样的时代会呈现出知识的积累", "瞳侶湳돨珂덜삔너君놔列街돨생작"),  # (the same)
        ("他说：“改革的意义，是为下一个十年", "坻佽ㄩ※蜊賂腔砩砱ㄛ岆峈狟珨跺坋爛"),  # GBK read as Big5
        ("但經主管機關核准者，不在此限。", "ｦ\uf8f1ｸg･Dｺﾞｾ\ue5a6\ue4d5ﾖｭ罨ﾌ｡A､｣ｦbｦｹｭｭ｡C"),  # Big5 read as cp932
        ("主な地点の、期間中の降水量は次の通り。", "肩な孟爬の、袋粗面の惯垮翁は肌の奶り。"),  # EUC-JP read as GBK
    ],
)
def test_pairs_tell_real_text_from_cjk_read_as_cjk(real, garbled):
    assert plausibility.fluency(real) > plausibility.fluency(garbled) + 2
    assert plausibility.fluency(real) > -7 >= plausibility.fluency(garbled)


def test_common_characters_in_a_nonsense_order_cost_more_than_alone():
    # each of 措烹飞狼 is a common character; the unigram score barely minds, the pair model does
    assert plausibility.fluency("措烹飞狼") < plausibility.score("措烹飞狼")
    assert plausibility.fluency("你好世界") > plausibility.score("你好世界")


def test_fluency_can_be_limited_to_a_language():
    # all Hanja (置奴哭叫) decoded from EUC-KR bytes is no Korean text
    assert plausibility.fluency("置奴哭叫", ("ko",)) < plausibility.fluency("置奴哭叫") - 3


def test_known_pairs_count_only_cjk_letters():
    assert plausibility.known_pairs("你好，世界") == (2, 2)
    assert plausibility.known_pairs("浣犲ソ") == (0, 2)
    assert plausibility.known_pairs("abc，。") == (0, 0)


def test_char_fluency_adds_up_to_fluency():
    text = "中华人民共和国成立了"
    rows = plausibility.char_fluency(text)
    assert len(rows) == len(text)
    assert max(sum(col) for col in zip(*rows)) / len(text) == pytest.approx(plausibility.fluency(text))


def test_pair_table_is_small_and_generated_by_its_script():
    data = os.path.join(os.path.dirname(plausibility.__file__), "..", "data")
    assert os.path.getsize(os.path.join(data, "bigrams.tsv")) < 300_000
    wordfreq = pytest.importorskip("wordfreq")
    from importlib.metadata import version

    if version("wordfreq") != "3.1.1":
        pytest.skip("the table is made from wordfreq 3.1.1")
    from encfix.data import make_bigrams

    words = list(wordfreq.get_frequency_dict("ko", "best").items())
    probs = make_bigrams.conditional(make_bigrams.count_pairs(words))
    with open(os.path.join(data, "bigrams.tsv"), encoding="utf-8") as f:
        korean = [line.rstrip("\n").split("\t") for line in f if line.startswith("ko\t")]
    assert len(korean) == make_bigrams.LANGUAGES["ko"][1]
    import math

    for _, pair, cost in korean[:200]:
        assert int(cost) == round(-10 * math.log(probs[pair]))
