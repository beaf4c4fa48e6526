"""Ray Data: repair a text column of a dataset on the cluster you already have.

::

    import ray, encfix.integrations.ray as encfix_ray

    ds = ray.data.read_parquet("s3://bucket/crawl/")
    ds = encfix_ray.fix_dataset(ds, column="text", findings="encfix")
    ds.write_parquet("s3://bucket/crawl-fixed/")

It is ``ds.map_batches(fix_table, batch_format="pyarrow")``: the same Arrow batch function the
``encfix corpus`` command uses, so a record comes out the same on one laptop or a hundred nodes.
Install with ``pip install 'encfix[ray]'``.
"""
from __future__ import annotations

from typing import Optional, Sequence, Union

from .arrow import fix_table


def fix_dataset(ds, column: Union[str, Sequence[str]] = "text", findings: Optional[str] = None, *,
                convert: Optional[str] = None, options: Optional[dict] = None,
                batch_size: Optional[int] = 1024, **map_batches_args):
    """Return ``ds`` with ``column`` repaired (lazily, like every Ray Data transform).

    ``column`` may be a nested ``struct.field`` path or several columns; ``findings`` names a
    column to add with the kinds and counts of repairs and flags.  ``options`` are
    :class:`encfix.Config` options (``{"punctuation": False}``); any other keyword goes to
    ``Dataset.map_batches`` (``concurrency=``, ``num_cpus=`` ...).
    """
    from .arrow import _config

    _config(convert, tuple(sorted((options or {}).items())))  # unknown options fail here, not on a worker
    fn_kwargs = {"column": column, "findings": findings, "convert": convert}
    fn_kwargs.update(options or {})
    return ds.map_batches(
        fix_table,
        batch_format="pyarrow",
        batch_size=batch_size,
        fn_kwargs=fn_kwargs,
        zero_copy_batch=True,
        **map_batches_args,
    )


__all__ = ["fix_dataset"]
