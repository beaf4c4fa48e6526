"""fix_table: the one Arrow batch function every engine reuses."""
from __future__ import annotations

from pathlib import Path

import pytest

import encfix

pa = pytest.importorskip("pyarrow")
from encfix.integrations.arrow import fix_table, fix_table_stats  # noqa: E402

SEED = Path(__file__).resolve().parent.parent / "samples" / "seed-zh-news-crawl.txt"


def _paras():
    return [p for p in SEED.read_text(encoding="utf-8").split("\n") if p.strip()]


def test_text_column_matches_fix_text_and_other_columns_are_the_same_objects():
    paras = _paras()
    clean = ["中華民國憲法\n第 1 條\n中華民國基於三民主義，為民有民治民享之民主共和國。", "plain English, 1,000 rows."]
    texts = paras[:20] + clean
    t = pa.table({"id": list(range(len(texts))), "text": texts, "score": [0.5] * len(texts)})
    out = fix_table(t)
    assert out.column_names == ["id", "text", "score"]
    assert out.column("text").to_pylist() == [encfix.fix_text(x) for x in texts]
    assert out.column("id") is t.column("id") or out.column("id").equals(t.column("id"))
    assert out.column("text").to_pylist()[-2:] == clean


def test_clean_column_is_not_copied():
    t = pa.table({"text": ["plain text", "中華民國基於三民主義，為民有民治民享之民主共和國。"]})
    out = fix_table(t)
    assert out.column("text").chunk(0).buffers()[1].address == t.column("text").chunk(0).buffers()[1].address


def test_record_batches_nested_fields_findings_and_nulls():
    paras = _paras()
    rows = [{"meta": {"content": paras[i], "n": i}, "title": paras[i + 1][:30]} for i in range(6)]
    rows.append({"meta": None, "title": None})
    batch = pa.RecordBatch.from_pylist(rows)
    out = fix_table(batch, column=["meta.content", "title"], findings="encfix")
    assert isinstance(out, pa.RecordBatch)
    got = out.to_pylist()
    for rec, new in zip(rows[:-1], got):
        assert new["meta"] == {"content": encfix.fix_text(rec["meta"]["content"]), "n": rec["meta"]["n"]}
        assert new["title"] == encfix.fix_text(rec["title"])
        kinds = {}
        for text in (rec["meta"]["content"], rec["title"]):
            for f in encfix.explain(text):
                if not f.is_flag:
                    for k in f.kinds:
                        kinds[k] = kinds.get(k, 0) + 1
        assert dict(new["encfix"]["repaired"]) == kinds
    assert got[-1] == {"meta": None, "title": None, "encfix": None}


def test_stats_count_rows_and_nulls():
    paras = _paras()
    t = pa.table({"text": paras[:5] + [None]})
    config = encfix.Config()
    _, stats = fix_table_stats(t, ["text"], None, config, first_row=11)
    assert stats.documents == 6 and stats.bad == 1 and stats.bad_records[0][1] == 16
    assert stats.changed == sum(encfix.fix_text(p) != p for p in paras[:5])


def test_wrong_column_is_a_clear_error():
    t = pa.table({"body": ["x"], "n": [1]})
    with pytest.raises(KeyError, match="no column 'text'; the columns are: body, n"):
        fix_table(t)
    with pytest.raises(TypeError, match="holds int64, not strings"):
        fix_table(t, column="n")
    with pytest.raises(TypeError, match="unknown option"):
        fix_table(t, column="body", punctuaton=False)
