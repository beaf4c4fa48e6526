"""Every bundled sample with an expected repair beside it comes out as expected, and stays so."""
from pathlib import Path

import pytest

import encfix
from encfix.findings import apply

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PAIRS = sorted(p for p in SAMPLES.glob("*.txt") if not p.name.endswith(".expected.txt")
               and p.with_name(p.name[:-4] + ".expected.txt").exists())


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("sample", PAIRS, ids=[p.stem for p in PAIRS])
def test_sample_is_repaired_as_expected(sample):
    expected = _read(sample.with_name(sample.name[:-4] + ".expected.txt"))
    damaged = _read(sample)
    fixed = encfix.fix_text(damaged)
    assert fixed == expected
    # the repair is explained exactly, and a second run changes nothing
    assert apply(damaged, encfix.explain(damaged)) == fixed
    assert encfix.fix_text(fixed) == fixed


@pytest.mark.parametrize("sample", PAIRS, ids=[p.stem for p in PAIRS])
def test_expected_text_is_left_alone(sample):
    expected = _read(sample.with_name(sample.name[:-4] + ".expected.txt"))
    assert encfix.fix_text(expected) is expected


def test_there_are_samples():
    assert (SAMPLES / "seed-zh-news-crawl.txt").exists()
