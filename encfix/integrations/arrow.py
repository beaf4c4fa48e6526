"""One batch function over Arrow that every engine reuses.

``fix_table`` repairs a text column of a ``pyarrow.Table`` or ``RecordBatch`` and returns the same
kind of object with every other column untouched (a column with nothing to repair is not even
copied).  Ray Data, data-juicer and NeMo Curator hand Arrow batches to ``map_batches``; the
``encfix corpus`` command hands it Parquet row groups.

>>> import pyarrow as pa
>>> t = pa.table({"id": [1, 2], "text": ["區(qū)域,,測試", "clean"]})
>>> fix_table(t).column("text").to_pylist()
['區域，測試', 'clean']
"""
from __future__ import annotations

from typing import List, Optional, Sequence, Tuple, Union

from ..config import Config
from ..corpus.stats import Stats
from ..corpus.work import _config, repair, summary

#: the type of the ``findings`` column: kinds and counts of repairs and of flags
def findings_type():
    import pyarrow as pa

    counts = pa.map_(pa.string(), pa.int64())
    return pa.struct([("repaired", counts), ("flagged", counts)])


def fix_table(table, column: Union[str, Sequence[str]] = "text", findings: Optional[str] = None,
              *, convert: Optional[str] = None, **options):
    """Repair ``column`` (a name, a nested ``struct.field`` path, or several) of an Arrow table or batch.

    ``findings`` names a column to add (or replace) holding, per row, the kinds and counts of
    what was repaired and what was flagged.  Other keyword options are :class:`encfix.Config`
    options (``punctuation=False`` ...).  Null values are left as they are.
    """
    columns = [column] if isinstance(column, str) else list(column)
    config = _config(convert, tuple(sorted(options.items())))
    return fix_table_stats(table, columns, findings, config)[0]


def _is_text(type_) -> bool:
    import pyarrow as pa

    if pa.types.is_string(type_) or pa.types.is_large_string(type_):
        return True
    is_view = getattr(pa.types, "is_string_view", None)
    return bool(is_view and is_view(type_))


def _locate(table, name: str) -> Tuple[str, ...]:
    names = table.schema.names
    if name in names:
        return (name,)
    path = tuple(name.split("."))
    if "." in name and path[0] in names:
        return path
    raise KeyError(f"no column {name!r}; the columns are: {', '.join(names)}")


def _get(table, path: Tuple[str, ...]):
    import pyarrow as pa

    arr = table.column(path[0])
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    for i, key in enumerate(path[1:], 1):
        if not pa.types.is_struct(arr.type):
            raise KeyError(f"column {'.'.join(path[:i])!r} is {arr.type}, not a struct with a field {key!r}")
        if arr.type.get_field_index(key) < 0:
            raise KeyError(f"no field {key!r} in column {'.'.join(path[:i])!r}")
        arr = _struct_child(arr, key)
    if not _is_text(arr.type) and not _is_text_dictionary(arr.type):
        raise TypeError(f"column {'.'.join(path)!r} holds {arr.type}, not strings")
    return arr


def _is_text_dictionary(type_) -> bool:
    # Dictionary-encoded strings (a pandas category, a Parquet column written from one) are text
    # too; the repaired column is encoded again with the same type, so the schema stays.
    import pyarrow as pa

    return pa.types.is_dictionary(type_) and _is_text(type_.value_type)


def _struct_child(arr, key: str):
    # StructArray.field ignores the parent's nulls; flatten() applies them, which we want.
    idx = arr.type.get_field_index(key)
    return arr.flatten()[idx]


def _replace(arr, path: Tuple[str, ...], new):
    """``arr`` (a struct array) with the child at ``path`` replaced by ``new``."""
    import pyarrow as pa

    idx = arr.type.get_field_index(path[0])
    children = [arr.field(i) for i in range(arr.type.num_fields)]
    if len(path) == 1:
        children[idx] = new
    else:
        children[idx] = _replace(arr.field(idx), path[1:], new)
    mask = arr.is_null() if arr.null_count else None
    return pa.StructArray.from_arrays(children, fields=list(arr.type), mask=mask)


def _set(table, path: Tuple[str, ...], new):
    import pyarrow as pa

    idx = table.schema.get_field_index(path[0])
    if len(path) > 1:
        top = table.column(path[0])
        if isinstance(top, pa.ChunkedArray):
            top = top.combine_chunks()
        new = _replace(top, path[1:], new)
    field = table.schema.field(idx).with_type(new.type)
    return table.set_column(idx, field, new)


def fix_table_stats(table, columns: Sequence[str], findings: Optional[str], config: Config,
                    first_row: int = 1):
    """:func:`fix_table` that also returns its :class:`Stats`; ``first_row`` numbers the first row."""
    import pyarrow as pa

    was_batch = isinstance(table, pa.RecordBatch)
    if was_batch:
        table = pa.Table.from_batches([table])
    stats = Stats()
    paths = [_locate(table, name) for name in columns]
    arrays = [_get(table, p) for p in paths]
    values = [a.to_pylist() for a in arrays]
    stats.bytes_in = sum(a.nbytes for a in arrays)
    new_values: List[Optional[list]] = [None] * len(paths)
    rows = table.num_rows
    per_row = [] if findings is not None else None
    for r in range(rows):
        stats.documents += 1
        texts = [v[r] for v in values]
        if any(t is None for t in texts):
            missing = [".".join(p) for p, t in zip(paths, texts) if t is None]
            stats.add_bad("", first_row + r, f"{', '.join(repr(m) for m in missing)} is null")
            if per_row is not None:
                per_row.append(None)
            continue
        found = []
        changed = False
        for i, text in enumerate(texts):
            new, fs = repair(text, config)
            if new is not text and new != text:
                if new_values[i] is None:
                    new_values[i] = list(values[i])
                new_values[i][r] = new
                changed = True
            found.extend(fs)
        repaired, flagged = stats.add_findings(found)
        if changed:
            stats.changed += 1
        if per_row is not None:
            per_row.append({"repaired": list(repaired.items()), "flagged": list(flagged.items())})
    for path, arr, new in zip(paths, arrays, new_values):
        if new is not None:
            table = _set(table, path, pa.array(new, type=arr.type))
    if findings is not None:
        col = pa.array(per_row, type=findings_type())
        idx = table.schema.get_field_index(findings)
        field = pa.field(findings, col.type)
        table = table.set_column(idx, field, col) if idx >= 0 else table.append_column(field, col)
    if was_batch:
        table = table.combine_chunks()
        batches = table.to_batches()
        table = batches[0] if batches else pa.RecordBatch.from_pylist([], schema=table.schema)
    return table, stats


__all__ = ["fix_table", "fix_table_stats", "findings_type", "summary"]
