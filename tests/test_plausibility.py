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
