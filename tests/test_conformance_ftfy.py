"""ftfy's own test cases through encfix.fix_text.

encfix runs ftfy configured so it cannot damage CJK text: it keeps quotes, full-width forms and
ligatures as written.  So the comparison sets those differences of style aside: both sides are
put through ftfy's quote uncurling and NFKC (which folds ligatures and full-width forms) first.
Everything else -- every repair -- must match.
"""
import json
import unicodedata

import pytest

import encfix

try:
    from ftfy.fixes import uncurl_quotes
except ImportError:  # pragma: no cover
    uncurl_quotes = None

from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent.parent / "shared" / "conformance" / "ftfy"
if not FOLDER.exists():
    FOLDER = Path("/work/shared/conformance/ftfy")


def _cases():
    out = []
    for path in sorted(FOLDER.glob("*.json")):
        for i, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            if case.get("expect") == "pass":
                out.append(pytest.param(case, id=f"{path.stem}-{i}"))
    return out


CASES = _cases()


def _style_aside(text: str) -> str:
    return uncurl_quotes(unicodedata.normalize("NFKC", text))


def test_the_cases_are_there():
    if not FOLDER.exists():
        pytest.skip("shared/conformance/ftfy is not beside the checkout")
    assert len(CASES) > 100


@pytest.mark.parametrize("case", CASES)
def test_ftfy_case(case):
    fixed = encfix.fix_text(case["original"], punctuation=False, residue=False, ruby=False)
    assert _style_aside(fixed) == _style_aside(case["fixed"]), case["label"]
