"""Ray Data in local mode on small data: fix_dataset and ``encfix corpus --engine ray``."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import encfix

os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
try:
    import ray
    import ray.data  # noqa: F401
except ImportError:  # pragma: no cover - CI installs ray[data]
    pytest.skip("Ray Data is not installed (pip install 'encfix[ray]'); CI installs it", allow_module_level=True)

import pyarrow as pa  # noqa: E402  (ray[data] depends on pyarrow)

pytestmark = pytest.mark.ray
SEED = Path(__file__).resolve().parent.parent / "samples" / "seed-zh-news-crawl.txt"


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, object_store_memory=100 * 1024 * 1024,
             log_to_driver=False, configure_logging=False, ignore_reinit_error=True)
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.execution_options.preserve_order = True
    yield
    ray.shutdown()


def _paras():
    return [p for p in SEED.read_text(encoding="utf-8").split("\n") if p.strip()]


def test_fix_dataset_matches_fix_text(local_ray):
    from encfix.integrations.ray import fix_dataset

    paras = _paras()
    texts = (paras + ["中華民國基於三民主義，為民有民治民享之民主共和國。", "plain"]) * 3
    table = pa.table({"id": list(range(len(texts))), "text": texts})
    half = table.num_rows // 2
    ds = ray.data.from_arrow([table.slice(0, half), table.slice(half)])  # two blocks, two tasks
    out = fix_dataset(ds, findings="encfix", batch_size=16)
    rows = sorted(out.take_all(), key=lambda r: r["id"])
    assert [r["text"] for r in rows] == [encfix.fix_text(t) for t in texts]
    assert [r["id"] for r in rows] == list(range(len(texts)))
    changed = [r for r, t in zip(rows, texts) if r["text"] != t]
    assert changed and all(r["encfix"]["repaired"] for r in changed)


def test_corpus_engine_ray_gives_the_same_bytes_as_local(local_ray, tmp_path):
    from encfix.corpus.run import run
    from encfix.corpus.work import Job

    paras = _paras()
    lines = [json.dumps({"id": i, "text": paras[i % len(paras)], "x": 1.0}, ensure_ascii=False) for i in range(80)]
    src = tmp_path / "r.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    local = run([src], tmp_path / "local", Job(), jobs=1)
    remote = run([src], tmp_path / "ray", Job(), engine="ray", chunk_bytes=4096)
    assert (tmp_path / "ray" / "r.jsonl").read_bytes() == (tmp_path / "local" / "r.jsonl").read_bytes()
    assert remote.totals.to_dict()["repairs"] == local.totals.to_dict()["repairs"]
    assert remote.engine == "ray"
