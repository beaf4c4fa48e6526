"""The seed page: a Chinese news article crawled twice onto one page, with every kind of damage.

What the author wrote is known from the issue (the first paragraph, given in Simplified) and from
the page itself: it holds the article twice with the noise in different places, so a repair that
gives back what the author wrote gives two identical copies.
"""
import re
from pathlib import Path

import pytest

import encfix
from encfix.findings import apply

SEED = Path(__file__).resolve().parent.parent / "samples" / "seed-zh-news-crawl.txt"
FIRST_PARAGRAPH_HANS = (
    "11月20日上午，省委、市委新冠肺炎疫情防控工作第八次专题会议相继以视频形式召开，示范区认真组织收听收看，"
    "并随即召开专业会议安排部署疫情防控工作。示范区（高新区）党工委书记吕沛，区领导刘春明、姜坤峰参加会议。"
)


@pytest.fixture(scope="module")
def seed():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def fixed(seed):
    return encfix.fix_text(seed)


def article_copies(text):
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith("11月20日上午")]
    assert len(starts) == 2
    end = lambda i: next(j for j in range(i, len(lines)) if "記者" in lines[j]) + 1
    return [lines[i:end(i)] for i in starts]


def test_both_copies_of_the_article_come_out_identical(fixed):
    first, second = article_copies(fixed)
    assert len(first) == 5
    assert first == second


def test_first_paragraph_keeps_traditional_without_convert(fixed):
    assert article_copies(fixed)[0][0] == (
        "11月20日上午，省委、市委新冠肺炎疫情防控工作第八次專題會議相繼以視頻形式召開，示范區認真組織收聽收看，"
        "并隨即召開專業會議安排部署疫情防控工作。示范區（高新區）黨工委書記呂沛，區領導劉春明、姜坤峰參加會議。"
    )


def test_first_paragraph_in_simplified(fixed):
    assert encfix.convert(fixed, "t2s").split("\n")[1] == FIRST_PARAGRAPH_HANS


def test_fix_text_with_convert_gives_the_first_paragraph(seed):
    out = encfix.fix_text(seed, convert="t2s")
    assert out.split("\n")[1] == FIRST_PARAGRAPH_HANS


def test_no_damage_is_left_in_the_article(fixed):
    for line in article_copies(fixed)[0]:
        assert not re.search(r"[,;:()]", line), line  # no ASCII marks in the prose
        assert not re.search(r"[，、；：。][，、；：。]", line), line  # no stacks
        assert not re.search(r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", line), line  # no pinyin


def test_residue_lines_become_what_the_author_wrote(fixed):
    lines = fixed.split("\n")
    assert lines[0] == "2021年專題區"
    assert lines[6] == lines[12] == "焦作網免責聲明："
    assert lines[-1] == "掃一掃在手機打開當前頁"
    assert not any("|" in line or "![]()" in line for line in lines)
    assert len(lines) == 14


def test_fixing_the_fixed_page_changes_nothing(fixed):
    assert encfix.fix_text(fixed) is fixed


def test_explain_names_every_kind_and_replays_to_fix(seed, fixed):
    found = encfix.explain(seed)
    kinds = {k for f in found for k in f.kinds}
    assert {"ruby.pinyin", "punct.stacked", "punct.fullwidth", "residue.table-pipes",
            "residue.empty-markup", "residue.trailing-pipe"} <= kinds
    assert apply(seed, found) == fixed
    for f in found:
        assert seed[f.start:f.end] == f.old
