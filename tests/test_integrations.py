"""Drop-ins for datatrove and data-juicer."""
from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path

import pytest

import encfix

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "seed-zh-news-crawl.txt"


def _paras():
    return [p for p in SEED.read_text(encoding="utf-8").split("\n") if p.strip()]


def test_datatrove_formatter_in_a_pipeline():
    pytest.importorskip("datatrove", reason="datatrove is not installed (pip install datatrove)")
    from datatrove.data import Document

    from encfix.integrations.datatrove import EncfixFormatter

    paras = _paras()[:8] + ["plain English text"]
    docs = [Document(text=t, id=str(i)) for i, t in enumerate(paras)]
    step = EncfixFormatter()
    out = list(step.run(iter(docs)))
    assert [d.text for d in out] == [encfix.fix_text(t) for t in paras]
    changed = sum(encfix.fix_text(t) != t for t in paras)
    assert step.stats["encfix_changed"].total == changed
    with pytest.raises(TypeError, match="unknown option"):
        EncfixFormatter(punctuaton=False)


def _fake_data_juicer(monkeypatch):
    """data-juicer's documented operator interface: a registry and a Mapper base taking text_key."""
    registry = {}

    class Registry:
        def register_module(self, name):
            def deco(cls):
                registry[name] = cls
                return cls
            return deco

    class Mapper:
        _batched_op = False

        def __init__(self, *args, **kwargs):
            self.text_key = kwargs.get("text_key", "text")

        @classmethod
        def is_batched_op(cls):
            return cls._batched_op

    base_op = types.ModuleType("data_juicer.ops.base_op")
    base_op.OPERATORS = Registry()
    base_op.Mapper = Mapper
    for name, mod in (("data_juicer", types.ModuleType("data_juicer")),
                      ("data_juicer.ops", types.ModuleType("data_juicer.ops")),
                      ("data_juicer.ops.base_op", base_op)):
        monkeypatch.setitem(sys.modules, name, mod)
    return registry


def test_data_juicer_mapper_loads_from_its_file_path(monkeypatch):
    # data-juicer is heavy to install; the file is loaded the way custom_operator_paths loads it
    # (by path, outside the encfix package) against the documented Mapper interface.
    registry = _fake_data_juicer(monkeypatch)
    path = ROOT / "encfix" / "integrations" / "data_juicer.py"
    spec = importlib.util.spec_from_file_location("encfix_dj_custom_op", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cls = registry["encfix_mapper"]
    assert cls.is_batched_op()
    op = cls(text_key="content", convert=None, options={})
    paras = _paras()[:6]
    samples = {"content": paras + [None], "id": list(range(7))}
    out = op.process_batched(samples)
    assert out["content"] == [encfix.fix_text(t) for t in paras] + [None]
    assert out["id"] == list(range(7))
    with pytest.raises(TypeError, match="unknown option"):
        cls(options={"punctuaton": False})


def test_data_juicer_module_imports_without_data_juicer():
    import encfix.integrations.data_juicer as dj

    if "data_juicer" not in sys.modules:
        assert dj.Mapper is None
    paras = _paras()[:3]
    assert dj.fix_samples({"text": list(paras)})["text"] == [encfix.fix_text(t) for t in paras]


def test_documented_one_liners():
    # docs/integrations.md: the Hugging Face datasets.map(batched=True) function, taken from the doc
    # and run on a batch (a dict of lists); NeMo Curator's Modify takes a str -> str function.
    import re

    doc = (ROOT / "docs" / "integrations.md").read_text(encoding="utf-8")
    found = re.search(r"ds\.map\((lambda b: .*?\]\}), batched=True", doc)
    assert found, "the datasets one-liner is in docs/integrations.md"
    fn = eval(found.group(1), {"encfix": encfix})  # noqa: S307 - our own documentation
    paras = _paras()[:4]
    assert fn({"text": list(paras)})["text"] == [encfix.fix_text(t) for t in paras]
    assert fn({"text": [None, paras[0]]})["text"] == [None, encfix.fix_text(paras[0])]  # (a null stays null)
    assert "Modify(encfix.fix_text)" in doc
