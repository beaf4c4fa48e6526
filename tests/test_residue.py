"""Markup residue from HTML-to-text extraction goes; real tables, code and markup stay.

Decision for the seed's residue lines (what the author wrote there):
* ``焦作網(wǎng)免責聲明: | |||||||`` -- the label of a disclaimer whose text lived in a layout table
  that extraction emptied.  The author wrote ``焦作网免责声明：`` (the crawler folded ``：``); the
  pipes are the empty cells.  -> ``焦作網免責聲明：``
* ``![]() 掃一掃在手機打開當前頁 |`` -- a QR-code image (lost) and its caption in a table cell.
  The author wrote the caption. -> ``掃一掃在手機打開當前頁``
* ``![]() |`` and ``|`` -- nothing the author wrote: the whole line goes, line break included.
"""
import pytest

import encfix
from encfix.config import Config
from encfix.stages import residue


def test_seed_disclaimer_label_keeps_its_text_and_gets_its_colon_back():
    assert encfix.fix_text("焦作網(wǎng)免責聲明: | |||||||") == "焦作網免責聲明："


def test_seed_qr_caption_keeps_its_text():
    assert encfix.fix_text("![]() 掃一掃在手機打開當前頁 |") == "掃一掃在手機打開當前頁"


def test_residue_lines_go_with_their_line_breaks():
    page = "（記者付凱明）\n![]() |\n|\n![]() |\n焦作網免責聲明: | |||||||\n|\n|\n![]() 掃一掃在手機打開當前頁 |"
    assert encfix.fix_text(page) == "（記者付凱明）\n焦作網免責聲明：\n掃一掃在手機打開當前頁"


def test_trailing_residue_block_leaves_no_stray_newline():
    assert encfix.fix_text("正文。\n|\n![]() |") == "正文。"
    assert encfix.fix_text("正文。\n|\n![]() |\n") == "正文。\n"


def test_kinds():
    page = "甲\n| |||\n[]()\n乙 |\n![]() 丙"
    kinds = [f.kind for f in encfix.explain(page)]
    assert kinds == ["residue.table-pipes", "residue.empty-markup", "residue.trailing-pipe", "residue.empty-markup"]


def test_trailing_cell_separators_on_english_prose_go_where_the_page_shows_residue():
    page = "Chapter 1\n| |||||||\n![]()\nHe simply grinned. |\n“Who would dare?” retorted Xifeng. | |||||||\nThe end."
    assert encfix.fix_text(page) == "Chapter 1\nHe simply grinned.\n“Who would dare?” retorted Xifeng.\nThe end."
    kinds = [f.kind for f in encfix.explain(page)]
    assert kinds.count("residue.trailing-pipe") == 2


@pytest.mark.parametrize(
    "text",
    [
        "He simply grinned. |\nThe end.",  # no other residue on the page: the pipe may be meant
        "ps aux |\n|\n  grep foo |\nsort -u |",  # shell pipelines beside a pipe-only line
        "x = a ||\n![]()\ny = b ||",  # an operator, not a cell separator
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n![]()\nname | value |",  # table rows, with or without a leading pipe
        "import re\nflags = (re.I |\n         re.M)\n|\nx = 1;\ny = 2;\nz = 3;",  # source code
    ],
)
def test_pipes_ending_other_lines_stay(text):
    out = encfix.fix_text(text)
    kept = [line for line in text.split("\n") if line.rstrip().endswith("|") and line.strip() != "|"]
    assert all(line in out.split("\n") for line in kept), out


def test_empty_markup_is_never_made_full_width():
    out = encfix.fix_text("圖片![]()說明")
    assert "（）" not in out and out == "圖片說明"


@pytest.mark.parametrize(
    "text",
    [
        "| 名稱 | 說明 |\n|---|---|\n| 甲 | 第一 |\n|   |   |\n| 乙 | 第三 |",  # a real table with an empty row
        "名稱 | 說明\n---|---\n甲 | 乙 |",
        "```\n|\n![]() |\n```",  # inside a code fence
        "auto f = []() { return 1; };",  # C++ lambda
        "[]() { return 1; }",
        "let v = vec![]();",
        "  |\n  v\n下一步",  # an ASCII drawing: indented pipe
        "cat 文件.txt |\n  sort",  # shell pipe without space-separated trailing cells
        "![圖](a.png) 說明 |x",
        "見`![]()`語法",
        "a || b",
    ],
)
def test_not_residue(text):
    assert encfix.fix_text(text) == text


def test_gate():
    assert residue.find("中華民國人民，無分男女，在法律上一律平等。" * 20, Config()) == []
