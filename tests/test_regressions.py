"""Replay every input that once broke encfix (``tests/regressions/*.json``, mostly found by fuzzing).

Each case runs through the checks the fuzzer runs: no exception (bytes may raise only
``DecodeError``), ``fix(fix(x)) == fix(x)``, ``apply(x, explain(x)) == fix(x)``, findings point at
their text with the right line/column, edits don't overlap.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `benchmarks` is a package at the root, beside `encfix`
    sys.path.insert(0, str(ROOT))

from benchmarks.fuzz import load_regression, run_case  # noqa: E402

CASES = sorted((Path(__file__).resolve().parent / "regressions").glob("*.json"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_regression_input_keeps_every_promise(path):
    kind, value, options = load_regression(path)
    run_case(kind, value, options)


def test_regression_files_load():
    """Every case file is readable and names a known kind (a broken file would silently test nothing)."""
    for path in CASES:
        kind, value, _ = load_regression(path)
        assert kind in ("text", "clean", "bytes")
        assert isinstance(value, bytes if kind == "bytes" else str)
