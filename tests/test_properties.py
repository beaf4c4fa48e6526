"""Properties that hold for every input, checked on arbitrary and on CJK-shaped text and bytes.

* nothing raises (``fix_bytes`` may raise only ``encfix.decode.DecodeError``, for binary input);
* ``fix_text(fix_text(x)) == fix_text(x)``;
* ``apply(x, explain(x)) == fix_text(x)``;
* every finding's ``x[start:end] == old`` with the line/column of ``start``; edits don't overlap;
* text without any damage pattern comes back as the very same object.

The checks themselves live in :mod:`benchmarks.fuzz` (the fuzzer checks the same promises).
The default profile keeps each test to a few seconds; ``HYPOTHESIS_PROFILE=thorough`` runs
many more examples, e.g. ``HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_properties.py``.
"""
from __future__ import annotations

import json
import os
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import List

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `benchmarks` is a package at the root, beside `encfix`
    sys.path.insert(0, str(ROOT))

import encfix  # noqa: E402
from benchmarks.fuzz import (  # noqa: E402
    CODEC_PAIRS, DECODE_ERRORS, FULL_PUNCT, TOKENS, check_bytes, check_clean, check_findings, check_text,
)
from encfix.findings import apply  # noqa: E402

SHARED = ROOT.parent / "shared"
if not SHARED.exists():  # a work tree that does not sit beside shared/
    SHARED = Path("/work/shared")

settings.register_profile(
    "thorough", max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck)
)
THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
if THOROUGH:
    settings.load_profile("thorough")


def examples(n: int) -> settings:
    """``n`` examples in the normal suite (fast), 50x as many under the thorough profile."""
    return settings(
        max_examples=n * 50 if THOROUGH else n,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


# ----------------------------------------------------------------------------------------------
# Generators
# ----------------------------------------------------------------------------------------------

#: any code point, lone surrogates included (bad decoders make them)
any_char = st.characters(exclude_categories=())
any_text = st.text(any_char, max_size=200)

cjk_pieces = st.one_of(
    st.sampled_from(TOKENS),
    st.sampled_from(TOKENS),
    st.sampled_from(TOKENS),
    st.text(any_char, min_size=1, max_size=3),
)
#: CJK-heavy damaged text: Han, ASCII and full-width punctuation, (qū), mojibake runs, U+FFFD, \r\n ...
cjk_text = st.lists(cjk_pieces, max_size=60).map("".join)


def _mojibake(args) -> str:
    text, (src, dst), errors = args
    return text.encode(src, "replace").decode(dst, errors)


#: fresh mojibake: token text sent through a wrong pair of codecs
mojibake_text = st.tuples(
    st.lists(st.sampled_from(TOKENS), max_size=40).map("".join).map(lambda t: t.replace("\ud800", "").replace("\udfff", "")),
    st.sampled_from(CODEC_PAIRS),
    st.sampled_from(DECODE_ERRORS),
).map(_mojibake)


def _shared_text(relative: str, encoding: str) -> str:
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"../shared/{relative} is not beside the checkout")
    return path.read_bytes().decode(encoding)


ZH_PUNCT = "，、。；：？！"
ZH_CLAUSE_CHARS = re.compile(r"^[\u4e00-\u9fff\u3400-\u4dbf0-9０-９ 「」『』《》（）〈〉○‧]+$")


@lru_cache(maxsize=None)
def zh_clauses() -> List[str]:
    """Clauses of real, clean Chinese (Taiwan laws, the Chinese Wikipedia sample), no punctuation of their own."""
    clauses = set()
    path = SHARED / "corpora" / "taiwan_laws_moj_sample.jsonl"
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()[:12]]
    texts.append(_shared_text("conformance/charset-normalizer/sample-chinese.txt", "big5"))
    for text in texts:
        for clause in re.split(f"[{ZH_PUNCT}\\n]", text):
            clause = clause.strip()
            if 1 <= len(clause) <= 30 and ZH_CLAUSE_CHARS.match(clause) and not re.search(r"[（）「」『』《》〈〉]", clause):
                clauses.add(clause)
    return sorted(clauses)


@lru_cache(maxsize=None)
def words(relative: str, encoding: str) -> List[str]:
    text = _shared_text(relative, encoding).lstrip("\ufeff")
    return sorted({w for w in re.findall(r"[^\W\d_]+", text)})


@st.composite
def clean_chinese(draw) -> str:
    """Real Chinese clauses joined by full-width punctuation (and line breaks), as clean prose is."""
    clauses = zh_clauses()
    out = []
    for _ in range(draw(st.integers(1, 12))):
        out.append(draw(st.sampled_from(clauses)))
        out.append(draw(st.sampled_from(("，", "，", "、", "。", "。\n", "；", "：", "？", "！", "。\r\n"))))
    if draw(st.booleans()):
        i = 2 * draw(st.integers(0, len(out) // 2 - 1))  # a clause, not the punctuation after it
        out[i] = "「" + out[i] + "」"
    return "".join(out)


def _latin_prose(word_list: List[str], draw) -> str:
    out = []
    for _ in range(draw(st.integers(1, 25))):
        out.append(draw(st.sampled_from(word_list)))
        out.append(draw(st.sampled_from((" ", " ", " ", ", ", ". ", "; ", ": ", "? ", "! ", "\n", " (", ") "))))
    return "".join(out)


@st.composite
def clean_english(draw) -> str:
    """English words (from a real subtitle file) with ASCII punctuation, numbers and times."""
    ws = words("conformance/charset-normalizer/sample-english.bom.txt", "utf-8")
    text = _latin_prose(ws, draw)
    if draw(st.booleans()):
        text += draw(st.sampled_from(("1,000", "10:30", "00:00:06,500 --> 00:00:09,000", "e.g. x", "(see 2)")))
    return text


@st.composite
def clean_korean(draw) -> str:
    """Korean words (from a real CP949 file) with Korean's ASCII punctuation."""
    return _latin_prose(words("conformance/charset-normalizer/sample-korean.txt", "cp949"), draw)


@st.composite
def clean_csv_chinese(draw) -> str:
    """A CSV whose cells are Chinese clauses and numbers: its commas are structure, not prose."""
    clauses = zh_clauses()
    columns = draw(st.integers(2, 5))
    rows = []
    for _ in range(draw(st.integers(3, 8))):
        cells = [draw(st.one_of(st.sampled_from(clauses), st.integers(0, 99999).map(str))) for _ in range(columns)]
        rows.append(",".join(cells))
    return "\n".join(rows) + "\n"


# ----------------------------------------------------------------------------------------------
# Every promise on every kind of text
# ----------------------------------------------------------------------------------------------


@examples(200)
@given(any_text)
@example("")
@example("\ud800")
@example("\r\n\r\n")
@example("\x00,\x00(")
def test_promises_hold_on_arbitrary_text(text):
    check_text(text)


@examples(200)
@given(cjk_text)
@example("區(qū)域,,測試")
@example("示範區(qū)(高新區(qū))黨工委書記呂沛,,區(qū)領導劉春明、姜坤峰參加會議,。")
@example("| |||||![]()中文,;锟斤拷\ufffd\ufffd\r\n")
@example("ä¸­æ–‡æµ‹è¯•,,區(qū)")
def test_promises_hold_on_damaged_cjk_text(text):
    check_text(text)


@examples(150)
@given(mojibake_text)
def test_promises_hold_on_fresh_mojibake(text):
    check_text(text)


@examples(100)
@given(cjk_text, st.sampled_from([
    {"convert": "t2s"}, {"convert": "s2twp"}, {"convert": "zh-Hant"}, {"convert": "zh-Hans"},
    {"convert": "zh-TW"}, {"mojibake": False}, {"punctuation": False},
    {"ruby": False, "residue": False}, {"flag_damage": False},
]))
@example("东干", {"convert": "s2twp"})  # OpenCC s2twp on its own output: 東干 -> 東幹
@example("东干", {"convert": "zh-TW"})
def test_promises_hold_with_every_option(text, options):
    check_text(text, **options)


@examples(100)
@given(st.lists(st.one_of(cjk_text, clean_chinese()), min_size=2, max_size=6))
def test_findings_point_into_multiline_text(lines):
    """Line/column stay right across \\n, \\r\\n and lines an earlier stage shortened."""
    text = "\r\n".join(lines[: len(lines) // 2]) + "\n" + "\n".join(lines[len(lines) // 2:])
    findings = encfix.explain(text)
    check_findings(text, findings)
    assert apply(text, findings) == encfix.fix_text(text)


def test_explain_reports_every_line_and_column_of_the_seed(seed_text):
    findings = encfix.explain(seed_text)
    check_findings(seed_text, findings)
    assert apply(seed_text, findings) == encfix.fix_text(seed_text)
    fixed = encfix.fix_text(seed_text)
    assert encfix.fix_text(fixed) == fixed


# ----------------------------------------------------------------------------------------------
# Clean text: the very same object back
# ----------------------------------------------------------------------------------------------


@examples(150)
@given(clean_chinese())
@example("今天天气很好，我们去公园散步。")
def test_clean_chinese_with_full_width_punctuation_is_the_same_object(text):
    check_clean(text)


@examples(150)
@given(clean_english())
def test_plain_english_is_the_same_object(text):
    check_clean(text)


@examples(150)
@given(clean_korean())
def test_korean_with_ascii_punctuation_is_the_same_object(text):
    check_clean(text)


@examples(60)
@given(clean_csv_chinese())
def test_csv_with_chinese_cells_is_the_same_object(text):
    check_clean(text)


def test_clean_corpus_lines_are_the_same_object(shared_dir):
    """Whole Taiwan laws (hard line wraps, lines that start with ，) come back untouched."""
    path = shared_dir / "corpora" / "taiwan_laws_moj_sample.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines()[:10]:
        text = json.loads(line)["text"]
        check_clean(text)


# ----------------------------------------------------------------------------------------------
# Bytes
# ----------------------------------------------------------------------------------------------


@examples(150)
@given(st.binary(max_size=300))
@example(b"")
@example(b"\x00\x00\xfe\xff")
@example(b"\xff\xfe\x00")
@example(b"\xef\xbb\xbf")
@example(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
def test_fix_bytes_raises_only_decode_error_on_arbitrary_bytes(data):
    check_bytes(data)


@examples(100)
@given(cjk_text.map(lambda t: t.replace("\ud800", "").replace("\udfff", "")),
       st.sampled_from(("utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk", "big5", "shift_jis", "euc-kr", "cp1252")))
def test_fix_bytes_keeps_its_promises_on_cjk_text_in_any_encoding(text, encoding):
    check_bytes(text.encode(encoding, "replace"))


@examples(100)
@given(st.one_of(clean_chinese(), clean_english(), clean_korean()))
def test_fix_bytes_gives_back_clean_utf8_text(text):
    assert encfix.fix_bytes(text.encode("utf-8")) == text


def test_binary_file_is_a_decode_error_that_says_what_to_do():
    from encfix.decode import DecodeError

    binary = Path(sys.executable).resolve().read_bytes()[:65536]  # an ELF/Mach-O/PE executable
    with pytest.raises(DecodeError) as info:
        encfix.fix_bytes(binary)
    assert isinstance(info.value, ValueError)
    assert "\n" not in str(info.value).strip() and len(str(info.value)) > 10
