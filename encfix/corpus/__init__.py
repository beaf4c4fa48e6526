"""Corpus I/O: JSONL/Parquet shards, the process pool, progress and the run report."""
