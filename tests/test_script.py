"""Script detection on real documents: Taiwan laws, the US Constitution in Simplified and in
OpenCC's Traditional renderings, the seed, Korean and Chinese files from charset-normalizer."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from encfix.lang.script import LABELS, count, detect_line_script, detect_line_scripts, detect_script

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
if not SHARED.exists():
    SHARED = Path("/work/shared")
LAWS = SHARED / "corpora" / "taiwan_laws_moj_sample.jsonl"
GOLDEN = SHARED / "conformance" / "opencc" / "golden"
SEED = SHARED / "seeds" / "000_5043db1db2216d71.txt"
CN = SHARED / "conformance" / "charset-normalizer"

needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="shared data not found")


def laws():
    with LAWS.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f]


@needs_shared
def test_taiwan_laws_are_traditional_document_and_every_line():
    for text in laws():
        assert detect_script(text) == "zh-Hant"
        scripts = {line.script for line in detect_line_scripts(text)}
        assert scripts <= {"zh-Hant", "empty", "other", "latin"}, scripts


@needs_shared
def test_us_constitution_simplified_and_its_traditional_renderings():
    source = (GOLDEN / "us_constitution_zhs.txt").read_text(encoding="utf-8")
    assert detect_script(source) == "zh-Hans"
    assert {s.script for s in detect_line_scripts(source)} <= {"zh-Hans", "empty", "other", "latin"}
    for config in ("s2t", "s2tw", "s2twp", "s2hk"):
        rendered = (GOLDEN / f"us_constitution_zhs.{config}.txt").read_text(encoding="utf-8")
        assert detect_script(rendered) == "zh-Hant", config


@needs_shared
def test_seed_is_traditional_with_stray_simplified():
    seed = SEED.read_text(encoding="utf-8")
    assert detect_script(seed) == "zh-mixed"
    c = count(seed)
    assert c.traditional > 100 * c.simplified > 0  # mostly Traditional: 并 is the stray one
    lines = detect_line_scripts(seed)
    mixed = [seed[s.start : s.end] for s in lines if s.script == "zh-mixed"]
    assert mixed and all("并" in line for line in mixed)
    assert "".join(seed[s.start : s.end] for s in lines) == seed  # the lines cover the text


@needs_shared
def test_korean_and_big5_chinese_samples():
    korean = (CN / "sample-korean.txt").read_bytes().decode("cp949")
    assert detect_script(korean) == "ko"
    chinese = (CN / "sample-chinese.txt").read_bytes().decode("big5")
    assert detect_script(chinese) == "zh-Hant"


def test_japanese_is_told_by_kana():
    assert detect_script("東京都の人口は約1400万人です。") == "ja"
    assert detect_script("カタカナだけ") == "ja"
    # a Chinese line quoting a Japanese title is Japanese as a line (never converted) ...
    line = "宮崎駿的《千と千尋の神隠し》在台灣上映"
    assert detect_line_script(line) == "ja"
    # ... but one such line does not make a Chinese document Japanese
    doc = line + "\n" + "這部電影講述了一個十歲女孩在神靈世界中的冒險故事，獲得了廣泛的讚譽與許多獎項。" * 3
    assert detect_script(doc) == "zh-Hant"


def test_katakana_middle_dot_between_names_is_chinese():
    assert detect_script("約翰・甘迺迪總統") == "zh-Hant"
    assert detect_script("约翰・肯尼迪总统") == "zh-Hans"


def test_non_chinese_labels():
    assert detect_script("") == "empty"
    assert detect_script(" \n\t") == "empty"
    assert detect_script("Hello, world") == "latin"
    assert detect_script("12,345.6 + 7 = ?") == "other"
    assert detect_script("Привет") == "other"
    assert all(detect_script(t) in LABELS for t in ("中文", "公里", "x"))


def test_undecidable_han_lines_take_the_document_label():
    text = "隨著時間推移\n公里\n随着时间推移\n"
    assert [s.script for s in detect_line_scripts(text)] == ["zh-Hant", "zh-Hans", "zh-Hans"]
    text = "隨著時間推移，經濟發展\n公里\n随着\n"
    assert [s.script for s in detect_line_scripts(text)] == ["zh-Hant", "zh-Hant", "zh-Hans"]


def test_supplementary_plane_characters_count():
    # OpenCC pairs U+2005E (Traditional) with U+2003E (Simplified): Extension B characters are
    # looked up apart from the BMP ones, and must still count
    trad, simp = "\U0002005e", "\U0002003e"
    assert count("國" + trad).traditional == 2
    assert count("国" + simp).simplified == 2
    assert detect_script("天" + simp) == "zh-Hans"
    assert detect_script("天" + trad) == "zh-Hant"
