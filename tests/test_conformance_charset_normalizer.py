"""charset-normalizer's own sample files decode to the text a person checked (tests/data/...)."""
from pathlib import Path

import pytest

from encfix.decode import decode

EXPECTED = Path(__file__).parent / "data" / "charset_normalizer_expected"
NAMES = sorted(p.name for p in EXPECTED.glob("*.txt"))

#: files in a legacy code page and their UTF-8 twins in the same folder
TWINS = [
    ("sample-arabic-1.txt", "sample-arabic.txt"),
    ("sample-french-1.txt", "sample-french.txt"),
    ("sample-russian.txt", "sample-russian-2.txt"),
]


@pytest.fixture(scope="module")
def folder(shared_dir) -> Path:
    return shared_dir / "conformance" / "charset-normalizer"


def test_every_sample_has_a_checked_copy(folder):
    assert sorted(p.name for p in folder.glob("*.txt")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_sample_decodes_to_the_checked_text(folder, name):
    got = decode((folder / name).read_bytes())
    assert got.text == (EXPECTED / name).read_bytes().decode("utf-8")
    assert got.findings == ()


@pytest.mark.parametrize("legacy, utf8", TWINS)
def test_legacy_sample_equals_its_utf8_twin(folder, legacy, utf8):
    a = decode((folder / legacy).read_bytes())
    b = (folder / utf8).read_bytes().decode("utf-8")
    assert a.encoding not in ("utf-8", "ascii")
    assert a.text.replace("\r\n", "\n") == b.replace("\r\n", "\n")


def test_the_bom_of_the_english_subtitles_is_reported_and_removed(folder):
    got = decode((folder / "sample-english.bom.txt").read_bytes())
    assert got.bom == "UTF-8" and not got.text.startswith("\ufeff")
