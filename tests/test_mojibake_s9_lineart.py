"""Line art and signs a short text writes on purpose stay; GBK (and Big5) read as a DOS code page is
still repaired (``mojibake_on_purpose.is_drawn``).

The harm: ``───┐ 25°C`` came back as 哪目 25鳦 (GBK's C4C4 C4BF F843 through cp437) wherever the
document drew no long rule that the older line-art rule could see.
"""
from __future__ import annotations

import io

import pytest

from encfix.stages.mojibake_on_purpose import is_drawn, joins_as_art

from mojibake_helpers import fix, garble, repairs

#: real lines of box drawing, blocks and signs, each a document alone: a terminal snippet and a table
#: border with units, ``tree``'s output (the code corpus), rich's box definitions in a program
#: (rich/box.py), ftfy's own docstring (ftfy/formatting.py), a Korean web page's directory picture
CLEAN = [
    "───┐ 25°C",
    "温度 ───┐ 25°C",
    "┌────┐",
    "───┐",
    "─── 25°C ±0.5",
    '"┌─┬┐\\n"',
    '"├─┼┤\\n"',
    '"╚═╩╝\\n"',
    '湿度 "└─┴┘\\n" 25°C',
    "▒▒▒▒▒Table flip▒▒▒▒▒",
    "▒▒▒(╯°□°)╯︵ ┻━┻▒▒▒▒",
    "サイズ ┃│          ↓          숨은파일포함───┐┃ 3×4",
    "        ├── a.txt\n        └── b\n            ├── c.txt",
    "████░░░░ 50%",
    "│ 名称 │ 値 │",
    "Größe ───┐",  # (an accented Latin word before the art: the repair once reached into it, öße)
    "Größe: ───┐ 3×4",
]


@pytest.mark.parametrize("text", CLEAN, ids=[f"clean{k}" for k in range(len(CLEAN))])
def test_line_art_and_signs_stay(text):
    assert repairs(text) == []
    assert fix(text) == text


@pytest.mark.parametrize("text", CLEAN[:6], ids=[f"in-doc{k}" for k in range(6)])
def test_line_art_stays_in_a_clean_document(text):
    doc = ("今年夏天北京的气温比往年高，气象台每天发布两次预报。\n" + text
           + "\n晚间多云转晴，东南风二到三级，夜间最低气温二十度左右。\n")
    assert fix(doc) == doc


def _rich_table(box_style) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(box=getattr(box, box_style))
    for head in ("名称", "値", "误差"):
        table.add_column(head)
    table.add_row("温度", "25°C", "±0.5")
    out = io.StringIO()
    Console(file=out, width=40, color_system=None).print(table)
    return out.getvalue()


@pytest.mark.parametrize("box_style", ["SQUARE", "HEAVY", "DOUBLE", "ROUNDED", "MINIMAL"])
def test_a_table_rich_draws_stays(box_style):
    text = _rich_table(box_style)
    assert fix(text) == text


#: real damage that must still be repaired: a zip entry's name (GBK 中文 read as cp437), a heading of
#: a Taiwanese law garbled as Big5 read as cp437 (the bench, seed 4), whole lines of news read as
#: each of the three code pages
DAMAGED = [
    ("╓╨╬─.zip", "中文.zip"),
    ("行、銷售、促銷、開兌獎作業及管理事宜。\n▓─ 5 ▒°\n公益彩券獎金支出不得超過發行彩券券面總金額之百分之七十五。",
     "行、銷售、促銷、開兌獎作業及管理事宜。\n第 5 條\n公益彩券獎金支出不得超過發行彩券券面總金額之百分之七十五。"),
] + [
    (garble(line, "gbk", reader), line)
    for reader in ("cp437", "cp850", "cp866")
    for line in ("近段时间以来，全区上下常抓不懈，安全生产、信访稳定、疫情防控等工作取得了一定成绩。",
                 "温度传感器读数为二十五度，误差正负零点五度。")
]


@pytest.mark.parametrize("damaged, original", DAMAGED, ids=[f"damaged{k}" for k in range(len(DAMAGED))])
def test_code_page_mojibake_is_still_repaired(damaged, original):
    assert fix(damaged) == original


def test_is_drawn_tells_art_from_gbk():
    assert [is_drawn(s, 0, len(s)) for s in ("├── src", "════ 结果 ════", "▓▓▓▒▒▒░░░ 30%")] == [True] * 3
    # GBK's 中文, 北, 第 5 條 (Big5) and 汉 through cp437 do not join as art
    assert [is_drawn(s, 0, len(s)) for s in ("╓╨╬─", "▒▒", "▓─ 5 ▒°", "║║")] == [False] * 4
    assert joins_as_art("┌──┴───┐") and not joins_as_art("╨╬")
