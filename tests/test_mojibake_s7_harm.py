"""What a document writes on purpose stays as written (encfix.stages.mojibake_on_purpose):
harm found in review, each case a clean line that the mojibake stage used to change."""
from __future__ import annotations

import pytest

import encfix
from encfix.config import Config
from encfix.stages import mojibake


def _garble(text: str, source: str, reader: str) -> str:
    return text.encode(source).decode(reader)


def _changes(doc: str) -> list:
    return [(f.old, f.new) for f in mojibake.find(doc, Config()) if not f.is_flag]


def test_box_drawing_in_a_line_of_text_stays_in_a_document_that_draws_boxes():
    # ``───┐ 25°C ±½`` read as cp437 bytes is GBK's 哪目 25鳦 瘾
    doc = "设置说明\n┌──────┐\n│ 面板 │\n└──────┘\n温度 ───┐ 25°C ±½\n湿度 ───┘ 60%\n"
    assert _changes(doc) == []


def test_gbk_read_as_cp437_is_still_repaired_in_a_document_without_line_art():
    doc = "设置说明\n" + _garble("今天我们去公园散步。", "gbk", "cp437") + "\n"
    assert encfix.fix_text(doc, punctuation=False) == "设置说明\n今天我们去公园散步。\n"


@pytest.mark.parametrize("host", [
    "안녕하세요. 오늘은 좋은 날입니다.\n",
    "你好，今天天气很好。\n",
    "こんにちは。今日はいい天気です。\n",
    "Accented capitals:\n",
])
def test_an_alphabet_listing_is_no_mojibake(host):
    # ÀÁÂÃÄÅ read back as Latin-1 bytes is EUC-JP's 請唾津
    doc = host + "ÀÁÂÃÄÅ ÈÉÊË ÌÍÎÏ\n"
    assert _changes(doc) == []


@pytest.mark.parametrize("source,reader,sentence,host", [
    ("shift_jis", "cp850", "今日は公園に行きました。", "これはテストです。\n"),
    ("shift_jis", "cp437", "今日は公園に行きました。", "これはテストです。\n"),
    ("gbk", "cp850", "今天我们去公园散步。", "今天天气很好。\n"),
    ("gbk", "cp1252", "今天我们去公园散步。", "今天天气很好。\n"),
    ("big5", "latin-1", "今天我們去公園散步。", "今天天氣很好。\n"),
    ("euc-kr", "cp850", "오늘은 공원에 갔습니다.", "안녕하세요.\n"),
])
def test_a_repair_stops_before_the_latin_names_on_its_line(source, reader, sentence, host):
    # Shift_JIS read as cp850, then ``Núñez``: cp850's ú ñ are A3 A4, Shift_JIS's ｣､
    doc = host + sentence + " Núñez y Muñoz, Ibáñez.\n"
    bad = host + _garble(sentence, source, reader) + " Núñez y Muñoz, Ibáñez.\n"
    assert encfix.fix_text(bad, punctuation=False) == doc
    names = bad.index(" Núñez")
    assert all(f.end <= names for f in mojibake.find(bad, Config()))
