"""The work a worker does on one chunk: repair records, keep everything else.

Everything here is a plain function of picklable arguments (a :class:`Job` and the chunk), so
the same code runs in the calling process (``--jobs 1``), in a process pool, and on Ray.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Optional, Sequence, Tuple

from .. import pipeline
from ..config import Config
from ..findings import Finding
from . import jsonline
from .stats import Stats


@dataclass(frozen=True)
class Job:
    """What to repair and how: the same for every chunk of a run."""

    #: field names; ``meta.content`` names a nested key (unless a key with the dot exists)
    fields: Tuple[str, ...] = ("text",)
    #: OpenCC conversion, or None
    convert: Optional[str] = None
    #: other :class:`encfix.Config` options as sorted (name, value) pairs
    options: Tuple[Tuple[str, object], ...] = ()
    #: add a field/column with the kinds and counts of repairs and flags
    findings: Optional[str] = None
    #: format of the output: "jsonl" or "parquet"
    output: str = "jsonl"

    @property
    def config(self) -> Config:
        return _config(self.convert, self.options)


@lru_cache(maxsize=16)
def _config(convert: Optional[str], options: Tuple[Tuple[str, object], ...]) -> Config:
    config = Config.from_options(convert=convert, **dict(options))
    if config.convert:
        from ..stages.convert import check_config

        check_config(config.convert)
    return config


def repair(text: str, config: Config) -> Tuple[str, List[Finding]]:
    """``fix_text(text)`` and what ``explain(text)`` reports, in one pass of the pipeline."""
    new, findings = pipeline.run(text, config, want_findings=True)
    return new, findings or []


def summary(repaired: Dict[str, int], flagged: Dict[str, int]) -> dict:
    """The value of the ``--findings`` field: kinds and counts, for downstream filtering."""
    return {"repaired": repaired, "flagged": flagged}


_JSON_TYPES = {dict: "an object", list: "an array", int: "a number", float: "a number", bool: "a boolean"}


def _describe(value) -> str:
    if value is None:
        return "null"
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _paths(obj: dict, fields: Sequence[str]) -> List[Tuple[str, ...]]:
    return [(name,) if name in obj or "." not in name else tuple(name.split(".")) for name in fields]


def fix_jsonl(blob: bytes, first_line: int, job: Job) -> Tuple[bytes, Stats]:
    """Repair the records of a chunk of JSON lines; return the output chunk and its counts.

    A line whose text needs no repair (and no ``--findings`` field) comes back byte for byte.
    A changed line keeps its bytes except the characters of the values that changed.  A line
    that is not a JSON object, lacks a field, or holds a non-string there comes back unchanged
    and is counted as bad with its line number.
    """
    config = job.config
    stats = Stats(bytes_in=len(blob))
    lines = blob.split(b"\n")
    tail = lines.pop()  # b"" when the chunk ends with a newline
    out: List[bytes] = []
    number = first_line
    for raw in lines:
        out.append(_fix_line(raw, number, job, config, stats))
        out.append(b"\n")
        number += 1
    if tail:
        out.append(_fix_line(tail, number, job, config, stats))
    result = b"".join(out)
    stats.bytes_out = len(result)
    return result, stats


def _fix_line(raw: bytes, number: int, job: Job, config: Config, stats: Stats) -> bytes:
    body = raw
    bom = b""
    if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
        bom, body = raw[:3], raw[3:]
    if not body.strip():
        return raw  # a blank line is not a document
    stats.documents += 1
    try:
        obj = jsonline.loads(body)
    except ValueError as e:
        stats.add_bad("", number, f"invalid JSON ({str(e).splitlines()[0]})")
        return raw
    if not isinstance(obj, dict):
        stats.add_bad("", number, f"not a JSON object but {_describe(obj)}")
        return raw
    paths = _paths(obj, job.fields)
    texts = []
    for path in paths:
        try:
            value = jsonline.get_path(obj, path)
        except KeyError as e:
            stats.add_bad("", number, f"missing field {e.args[0]!r}")
            return raw
        if not isinstance(value, str):
            stats.add_bad("", number, f"field {'.'.join(path)!r} is {_describe(value)}, not a string")
            return raw
        texts.append(value)
    changes: Dict[Tuple[str, ...], str] = {}
    all_findings: List[Finding] = []
    for path, text in zip(paths, texts):
        new, findings = repair(text, config)
        if new is not text and new != text:
            changes[path] = new
        all_findings.extend(findings)
    repaired, flagged = stats.add_findings(all_findings)
    if changes:
        stats.changed += 1
    if not changes and job.findings is None:
        return raw
    extra = summary(repaired, flagged) if job.findings is not None else None
    return bom + _rewrite(body, obj, changes, job.findings, extra)


def _rewrite(raw: bytes, obj: dict, changes: Dict[Tuple[str, ...], str], findings_key: Optional[str],
             extra: Optional[dict]) -> bytes:
    """The line with new values spliced in; a full re-serialisation only if splicing fails."""
    wanted = list(changes)
    if findings_key is not None:
        wanted.append((findings_key,))
    spans, top = jsonline.value_spans(raw, wanted)
    expected = obj
    for path, new in changes.items():
        jsonline.set_path(expected, path, new)
    if findings_key is not None:
        expected[findings_key] = extra
    if top is not None and all(p in spans for p in changes):
        colon = top.get("colon") or b": "
        comma = top.get("comma") or colon.replace(b":", b",")
        values: Dict[Tuple[str, ...], bytes] = {}
        for path, new in changes.items():
            start, end = spans[path]
            old = raw[start:end]
            values[path] = jsonline.encode_string(new, old.isascii() and b"\\u" in old)
        line = raw
        if findings_key is not None:
            encoded = json.dumps(extra, ensure_ascii=False, separators=(comma.decode(), colon.decode())).encode()
            if (findings_key,) in spans:
                values[(findings_key,)] = encoded
            else:
                line = jsonline.append_member(raw, findings_key, encoded, top)
        # spans lie before the closing brace, so appending first leaves their offsets valid
        for path, (start, end) in sorted(spans.items(), key=lambda kv: kv[1][0], reverse=True):
            if path in values:
                line = line[:start] + values[path] + line[end:]
        try:
            if jsonline.loads(line) == expected:
                return line
        except ValueError:
            pass
    # Not reached for well-formed objects; kept so that no input can make a wrong line.  json
    # (not orjson) parses here: it keeps integers beyond 64 bits exact.
    exact = json.loads(raw)
    for path, new in changes.items():
        jsonline.set_path(exact, path, new)
    if findings_key is not None:
        exact[findings_key] = extra
    return json.dumps(exact, ensure_ascii=False).encode("utf-8", "surrogatepass")


# -- Parquet / Arrow chunks ---------------------------------------------------------------------

def _text_fields_fit(obj: dict, fields: Sequence[str]) -> bool:
    """True when each text field is a string, null or absent (what a Parquet string column holds)."""
    for path in _paths(obj, fields):
        try:
            value = jsonline.get_path(obj, path)
        except KeyError:
            continue
        if value is not None and not isinstance(value, str):
            return False
    return True


def fix_arrow(batch, first_row: int, job: Job):
    """Repair a pyarrow RecordBatch/Table chunk; return (chunk in the output format, Stats)."""
    from ..integrations.arrow import fix_table_stats

    table, stats = fix_table_stats(batch, list(job.fields), job.findings, job.config, first_row=first_row)
    if job.output == "jsonl":
        blob = arrow_to_jsonl(table)
        stats.bytes_out = len(blob)
        return blob, stats
    return table, stats


def arrow_to_jsonl(table) -> bytes:
    """Rows as JSON lines (orjson when installed; values JSON cannot hold become strings)."""
    rows = table.to_pylist()
    if jsonline._orjson is not None:
        dumps = jsonline._orjson.dumps
        opt = jsonline._orjson.OPT_NON_STR_KEYS | jsonline._orjson.OPT_SERIALIZE_NUMPY
        return b"".join(dumps(r, default=str, option=opt) + b"\n" for r in rows)
    return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows).encode("utf-8")


def jsonl_to_arrow(blob: bytes, fields: Sequence[str] = ()):
    """Parse fixed JSON lines into a table for Parquet output; lines that cannot be rows are returned apart.

    A line that is not a JSON object cannot be a row, and neither can a record whose text field
    holds a number or an object where every other record has a string: one such value would make
    the whole shard's column fail.  Both go to the side file, as they came.

    >>> table, rejected = jsonl_to_arrow(b'{"text": "a"}\\n{"text": 5}\\n[1]\\n', ["text"])
    >>> table.column("text").to_pylist(), rejected
    (['a'], [b'{"text": 5}', b'[1]'])
    """
    import pyarrow as pa

    records = []
    rejected: List[bytes] = []
    for raw in blob.split(b"\n"):
        if not raw.strip():
            continue
        try:
            obj = jsonline.loads(raw)
        except ValueError:
            obj = None
        if isinstance(obj, dict) and _text_fields_fit(obj, fields):
            records.append(obj)
        else:
            rejected.append(raw)
    table = pa.Table.from_pylist(records)
    return table, rejected
