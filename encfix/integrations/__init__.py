"""Adapters for data pipelines: Arrow batches, Ray Data, datatrove, data-juicer."""
