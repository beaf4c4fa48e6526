"""Corpus I/O: JSONL/Parquet shards, the process pool, progress and the run report.

>>> from encfix.corpus import Job
>>> Job(fields=("meta.content",)).fields
('meta.content',)

``run(inputs, output, Job(...), jobs=N)`` is what ``encfix corpus`` does; see docs/integrations.md.
"""
from .run import RunReport, StrictError, run
from .shards import CorpusError
from .stats import Stats
from .work import Job

__all__ = ["run", "Job", "RunReport", "Stats", "CorpusError", "StrictError"]
