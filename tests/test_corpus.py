"""encfix corpus: shards in, shards out, nothing lost, every record as fix_text makes it."""
from __future__ import annotations

import gzip
import json
import random
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import encfix
from encfix.corpus import jsonline
from encfix.corpus.run import run
from encfix.corpus.shards import CorpusError
from encfix.corpus.work import Job, fix_jsonl

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "seed-zh-news-crawl.txt"
LAWS = ROOT.parent / "shared" / "corpora" / "taiwan_laws_moj_sample.jsonl"
if not LAWS.exists():
    LAWS = Path("/work/shared/corpora/taiwan_laws_moj_sample.jsonl")


def _laws():
    return [json.loads(line) for line in LAWS.read_text(encoding="utf-8").splitlines()]


def _seed_paragraphs():
    return [p for p in SEED.read_text(encoding="utf-8").split("\n") if p.strip()]


def _lines(n: int = 120, seed: int = 7):
    """Real records in varied JSON styles: clean laws, damaged seed paragraphs, odd formatting."""
    rng = random.Random(seed)
    laws = _laws()
    paras = _seed_paragraphs()
    out = []
    for i in range(n):
        if i % 3 == 0:
            rec = {"id": i, "text": paras[i % len(paras)], "score": 1.0, "meta": {"url": f"http://x/{i}"}}
        else:
            law = laws[i % len(laws)]
            rec = {"id": law["id"], "title": law["title"], "text": law["text"][: rng.randint(50, 400)], "w": 2.50}
        style = i % 4
        if style == 0:
            line = json.dumps(rec, ensure_ascii=False)
        elif style == 1:
            line = json.dumps(rec, ensure_ascii=True)  # \\uXXXX escapes
        elif style == 2:
            line = json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
        else:
            line = json.dumps(rec, ensure_ascii=False, indent=None).replace('"score": 1.0', '"score": 1e0')
        out.append(line.encode("utf-8"))
    return out


def _write_jsonl(path: Path, lines, opener=open):
    with opener(path, "wb") as f:
        f.write(b"\n".join(lines) + b"\n")


def _read_lines(path: Path, opener=open):
    with opener(path, "rb") as f:
        return f.read().split(b"\n")[:-1]


def _expected_counts(texts):
    docs = changed = flagged = 0
    repairs, flags = Counter(), Counter()
    for t in texts:
        docs += 1
        if encfix.fix_text(t) != t:
            changed += 1
        fs = encfix.explain(t)
        if any(f.is_flag for f in fs):
            flagged += 1
        for f in fs:
            for k in f.kinds:
                (flags if f.is_flag else repairs)[k] += 1
    return docs, changed, flagged, repairs, flags


def test_jsonl_records_match_fix_text_and_unchanged_lines_are_byte_identical(tmp_path):
    lines = _lines()
    src = tmp_path / "in" / "part-0.jsonl"
    src.parent.mkdir()
    _write_jsonl(src, lines)
    report = run([src], tmp_path / "out", Job(), jobs=1)
    out = _read_lines(tmp_path / "out" / "part-0.jsonl")
    assert len(out) == len(lines)
    changed = 0
    for raw, new in zip(lines, out):
        rec, got = json.loads(raw), json.loads(new)
        fixed = encfix.fix_text(rec["text"])
        if fixed is rec["text"]:
            assert new == raw  # byte for byte
            continue
        changed += 1
        assert got["text"] == fixed
        assert list(got) == list(rec)  # key order
        got["text"] = rec["text"]
        assert got == rec  # every other field
        # everything outside the text value kept: the bytes before "text" are identical
        cut = raw.index(b'"text"')
        assert new[:cut] == raw[:cut]
        assert (b"1e0" in raw) == (b"1e0" in new) and (b"2.5" in raw) == (b"2.5" in new)
        if raw.isascii():  # \\uXXXX-escaped input stays escaped
            assert new.isascii()
    assert changed > 0, "the seed paragraphs need repair"
    docs, n_changed, flagged, repairs, flags = _expected_counts(json.loads(r)["text"] for r in lines)
    t = report.totals
    assert (t.documents, t.changed, t.flagged, t.bad) == (docs, n_changed, flagged, 0)
    assert t.repairs == repairs and t.flags == flags


def test_two_processes_and_small_chunks_give_the_same_bytes(tmp_path):
    lines = _lines(300)
    src = tmp_path / "a.jsonl"
    _write_jsonl(src, lines)
    one = run([src], tmp_path / "one", Job(), jobs=1)
    two = run([src], tmp_path / "two", Job(), jobs=2, chunk_bytes=4096)
    assert (tmp_path / "one" / "a.jsonl").read_bytes() == (tmp_path / "two" / "a.jsonl").read_bytes()
    assert one.totals.to_dict()["repairs"] == two.totals.to_dict()["repairs"]
    assert (one.totals.documents, one.totals.changed) == (two.totals.documents, two.totals.changed)


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".jsonl.zst"])
def test_compressed_shards_round_trip(tmp_path, suffix):
    lines = _lines(60)
    src = tmp_path / f"in{suffix}"
    if suffix.endswith(".gz"):
        opener = gzip.open
    else:
        zstd = pytest.importorskip("zstandard")

        def opener(path, mode):
            return zstd.open(path, mode)
    _write_jsonl(src, lines, opener)
    run([src], tmp_path / "out", Job(), jobs=1, chunk_bytes=2048)
    out = _read_lines(tmp_path / "out" / src.name, opener)
    plain = tmp_path / "plain.jsonl"
    _write_jsonl(plain, lines)
    run([plain], tmp_path / "plain_out", Job(), jobs=1)
    assert out == _read_lines(tmp_path / "plain_out" / "plain.jsonl")


def test_malformed_lines_pass_through_and_are_reported(tmp_path):
    good = _lines(4)
    bad = [b"{not json", b'{"id": 9}', b'{"text": 5}', b'["text"]', b'{"text": null}']
    lines = good[:2] + bad + [b""] + good[2:]
    src = tmp_path / "m.jsonl"
    _write_jsonl(src, lines)
    report = run([src], tmp_path / "out", Job(), jobs=1)
    out = _read_lines(tmp_path / "out" / "m.jsonl")
    assert out[2:8] == bad + [b""]
    assert report.totals.bad == 5
    assert [(f, n) for f, n, _ in report.totals.bad_records] == [(str(src), n) for n in range(3, 8)]
    reasons = [r for _, _, r in report.totals.bad_records]
    assert reasons[0].startswith("invalid JSON")
    assert reasons[1] == "missing field 'text'"
    assert reasons[2] == "field 'text' is a number, not a string"
    assert reasons[3].startswith("not a JSON object")
    assert report.totals.documents == 9  # the blank line is not a document


def test_strict_stops_with_one_line_and_leaves_no_partial_output(tmp_path):
    from typer.testing import CliRunner

    from encfix.cli.app import _register, app

    _register()
    src = tmp_path / "s.jsonl"
    _write_jsonl(src, _lines(3) + [b'{"id": 1}'])
    result = CliRunner().invoke(app, ["corpus", str(src), "-o", str(tmp_path / "out"), "--strict", "-j", "1"])
    assert result.exit_code == 2
    err = result.stderr if hasattr(result, "stderr") else result.output
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and f"{src}:4: missing field 'text'" in lines[0]
    leftovers = list((tmp_path / "out").rglob("*")) if (tmp_path / "out").exists() else []
    assert leftovers == []


def test_nested_and_several_fields_and_findings(tmp_path):
    paras = _seed_paragraphs()
    recs = [{"id": i, "meta": {"content": paras[i % len(paras)], "lang": "zh"}, "title": paras[(i + 1) % len(paras)][:40]}
            for i in range(12)]
    src = tmp_path / "n.jsonl"
    _write_jsonl(src, [json.dumps(r, ensure_ascii=False).encode() for r in recs])
    report = run([src], tmp_path / "out", Job(fields=("meta.content", "title"), findings="encfix"), jobs=1)
    out = [json.loads(x) for x in _read_lines(tmp_path / "out" / "n.jsonl")]
    for rec, got in zip(recs, out):
        assert got["meta"]["content"] == encfix.fix_text(rec["meta"]["content"])
        assert got["title"] == encfix.fix_text(rec["title"])
        assert list(got) == list(rec) + ["encfix"]
        want = {"repaired": Counter(), "flagged": Counter()}
        for text in (rec["meta"]["content"], rec["title"]):
            for f in encfix.explain(text):
                for k in f.kinds:
                    want["flagged" if f.is_flag else "repaired"][k] += 1
        assert got["encfix"] == {k: dict(v) for k, v in want.items()}
    assert report.totals.changed == sum(
        1 for r in recs if encfix.fix_text(r["meta"]["content"]) != r["meta"]["content"]
        or encfix.fix_text(r["title"]) != r["title"])


def test_folders_keep_their_layout_and_resume_skips_complete_shards(tmp_path):
    src = tmp_path / "crawl"
    (src / "2021").mkdir(parents=True)
    _write_jsonl(src / "2021" / "a.jsonl", _lines(10, 1))
    _write_jsonl(src / "b.jsonl", _lines(10, 2))
    (src / "notes.txt").write_text("not a shard")
    out = tmp_path / "out"
    first = run([src], out, Job(), jobs=1)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == ["2021/a.jsonl", "b.jsonl"]
    assert [s.status for s in first.shards] == ["written", "written"]
    b_bytes = (out / "b.jsonl").read_bytes()
    (out / "b.jsonl").unlink()
    (out / ".b.jsonl.encfix-partial").write_bytes(b"half")  # a crash left this behind
    marker = (out / "2021" / "a.jsonl").stat().st_mtime_ns
    second = run([src], out, Job(), jobs=1, resume=True)
    assert [s.status for s in second.shards] == ["skipped", "written"]
    assert (out / "2021" / "a.jsonl").stat().st_mtime_ns == marker
    assert (out / "b.jsonl").read_bytes() == b_bytes
    assert not (out / ".b.jsonl.encfix-partial").exists()
    assert second.totals.documents == 10


def test_inputs_that_are_not_shards_are_refused(tmp_path):
    (tmp_path / "x.txt").write_text("hello")
    with pytest.raises(CorpusError, match="not a shard"):
        run([tmp_path / "x.txt"], tmp_path / "out", Job(), jobs=1)
    with pytest.raises(CorpusError, match="no such file"):
        run([tmp_path / "missing.jsonl"], tmp_path / "out", Job(), jobs=1)


def test_cli_report_and_summary(tmp_path):
    from typer.testing import CliRunner

    from encfix.cli.app import _register, app

    _register()
    lines = _lines(30)
    src = tmp_path / "c.jsonl"
    _write_jsonl(src, lines + [b"oops"])
    report = tmp_path / "r.json"
    result = CliRunner().invoke(app, ["corpus", str(src), "-o", str(tmp_path / "out"), "-j", "1", "--report", str(report)])
    assert result.exit_code == 0, result.output
    data = json.loads(report.read_text(encoding="utf-8"))
    docs, changed, flagged, repairs, flags = _expected_counts(json.loads(r)["text"] for r in lines)
    assert (data["documents"], data["changed"], data["flagged"], data["bad"]) == (docs + 1, changed, flagged, 1)
    assert data["repairs"] == dict(repairs) and data["flags"] == dict(flags)
    assert data["bad_records"] == [{"file": str(src), "line": 31, "reason": data["bad_records"][0]["reason"]}]
    assert "documents changed" in result.output
    assert " docs · " not in result.output  # the progress bar's counter: none when not a terminal
    quiet = CliRunner().invoke(app, ["corpus", str(src), "-o", str(tmp_path / "q"), "-j", "1", "-q"])
    assert quiet.exit_code == 0 and quiet.output.strip() == ""


def test_parquet_shards_keep_columns_and_order(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    paras = _seed_paragraphs()
    laws = _laws()
    rows = []
    for i in range(80):
        text = paras[i % len(paras)] if i % 2 else laws[i % len(laws)]["text"][:300]
        rows.append({"id": i, "text": text, "score": i / 7, "meta": {"content": paras[(i + 3) % len(paras)], "n": i}})
    rows.append({"id": 80, "text": None, "score": 0.0, "meta": None})
    src = tmp_path / "p.parquet"
    pq.write_table(pa.Table.from_pylist(rows), src, row_group_size=30)
    report = run([src], tmp_path / "out", Job(fields=("text", "meta.content"), findings="encfix"), jobs=2,
                 chunk_bytes=8192)
    got = pq.read_table(tmp_path / "out" / "p.parquet")
    assert got.column_names == ["id", "text", "score", "meta", "encfix"]
    out = got.to_pylist()
    assert [r["id"] for r in out] == list(range(81))
    for rec, new in zip(rows[:-1], out):
        assert new["text"] == encfix.fix_text(rec["text"])
        assert new["meta"]["content"] == encfix.fix_text(rec["meta"]["content"])
        assert new["score"] == rec["score"] and new["meta"]["n"] == rec["meta"]["n"]
    assert out[-1]["text"] is None and out[-1]["encfix"] is None
    assert report.totals.bad == 1 and report.totals.bad_records[0][1] == 81
    assert report.totals.documents == 81
    # and to JSON lines
    run([src], tmp_path / "j", Job(), jobs=1, output_format="jsonl")
    lines = (tmp_path / "j" / "p.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["text"] for x in lines[:-1]] == [encfix.fix_text(r["text"]) for r in rows[:-1]]


def test_jsonl_to_parquet(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    paras = _seed_paragraphs()
    recs = [{"id": i, "text": paras[i % len(paras)]} for i in range(20)]
    src = tmp_path / "t.jsonl"
    _write_jsonl(src, [json.dumps(r, ensure_ascii=False).encode() for r in recs])
    run([src], tmp_path / "out", Job(), jobs=1, output_format="parquet")
    got = pq.read_table(tmp_path / "out" / "t.parquet").to_pylist()
    assert got == [{"id": r["id"], "text": encfix.fix_text(r["text"])} for r in recs]


# -- editing one line in place -------------------------------------------------------------------

_keys = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=6)
_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                     st.text(max_size=8))
_values = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                         st.dictionaries(_keys, inner, max_size=3)), max_leaves=8)


@settings(max_examples=80, deadline=None)
@given(st.dictionaries(_keys, _values, max_size=5), st.text(max_size=20), st.text(max_size=20),
       st.booleans(), st.sampled_from([(", ", ": "), (",", ":")]))
def test_splicing_a_value_keeps_every_other_byte(obj, old, new, ascii_only, seps):
    obj = dict(obj)
    obj.pop("text", None)
    obj["text"] = old
    obj["zz"] = {"text": "inner"}  # a nested key of the same name is not the field
    raw = json.dumps(obj, ensure_ascii=ascii_only, separators=seps).encode("utf-8")
    spans, top = jsonline.value_spans(raw, [("text",)])
    start, end = spans[("text",)]
    assert json.loads(raw[start:end]) == old
    from encfix.corpus.work import _rewrite

    line = _rewrite(raw, jsonline.loads(raw), {("text",): new}, None, None)
    want = dict(obj, text=new)
    assert json.loads(line) == want
    assert line[:start] == raw[:start] and line.endswith(raw[end:])


def test_fix_jsonl_keeps_a_bom_and_crlf():
    paras = _seed_paragraphs()
    line = json.dumps({"text": paras[1]}, ensure_ascii=False).encode()
    blob = b"\xef\xbb\xbf" + line + b"\r\n" + b'{"text": "ok"}\r\n'
    out, stats = fix_jsonl(blob, 1, Job())
    assert out.startswith(b"\xef\xbb\xbf") and out.endswith(b'{"text": "ok"}\r\n')
    assert json.loads(out[3:].split(b"\r\n")[0])["text"] == encfix.fix_text(paras[1])
    assert stats.documents == 2 and stats.bad == 0


def test_without_orjson_the_same_bytes(monkeypatch):
    lines = _lines(40)
    blob = b"\n".join(lines) + b"\n"
    fast, fast_stats = fix_jsonl(blob, 1, Job(findings="f"))
    monkeypatch.setattr(jsonline, "_orjson", None)
    slow, slow_stats = fix_jsonl(blob, 1, Job(findings="f"))
    assert slow == fast and slow_stats.to_dict() == fast_stats.to_dict()
