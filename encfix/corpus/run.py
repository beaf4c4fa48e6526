"""Run a repair over shards: chunks go to workers, results come back in order, shards are committed whole.

One stream of chunks runs across all shards, with a bounded number in flight, so memory stays
bounded whatever the shard size, a slow chunk only holds back the writing (not the workers), and
many small shards keep every core busy as well as one large one does.
"""
from __future__ import annotations

import os
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Sequence

from . import shards as _shards
from .shards import CorpusError, Shard, ShardWriter
from .stats import Stats
from .work import Job, fix_arrow, fix_jsonl, jsonl_to_arrow

#: bytes of input per chunk: large enough to amortise sending it, small enough to spread the work
CHUNK_BYTES = 1 << 20
#: the smallest chunk a shard is cut into (smaller costs more in sending than it gains in balance)
MIN_CHUNK_BYTES = 64 << 10
#: chunks in flight per worker: keeps workers busy while the oldest chunk is still being repaired
IN_FLIGHT_PER_JOB = 3


class StrictError(CorpusError):
    """A malformed record under ``--strict``."""


@dataclass
class ShardResult:
    input: str
    output: str
    status: str  # "written", "skipped" (already complete, --resume)
    stats: Stats = field(default_factory=Stats)
    rejected: Optional[str] = None

    def to_dict(self) -> dict:
        d = {"input": self.input, "output": self.output, "status": self.status}
        if self.status == "written":
            s = self.stats
            d.update(documents=s.documents, changed=s.changed, flagged=s.flagged, bad=s.bad)
        if self.rejected:
            d["rejected_lines"] = self.rejected
        return d


@dataclass
class RunReport:
    totals: Stats
    shards: List[ShardResult]
    seconds: float
    engine: str
    jobs: int
    job: Job

    def to_dict(self) -> dict:
        t = self.totals.to_dict()
        secs = max(self.seconds, 1e-9)
        return {
            "documents": t["documents"],
            "changed": t["changed"],
            "flagged": t["flagged"],
            "bad": t["bad"],
            "repairs": t["repairs"],
            "flags": t["flags"],
            "bad_records": t["bad_records"],
            "bytes_in": t["bytes_in"],
            "bytes_out": t["bytes_out"],
            "seconds": round(self.seconds, 3),
            "documents_per_second": round(t["documents"] / secs, 1),
            "mb_per_second": round(t["bytes_in"] / secs / 1e6, 2),
            "engine": self.engine,
            "jobs": self.jobs,
            "fields": list(self.job.fields),
            "convert": self.job.convert,
            "shards": [s.to_dict() for s in self.shards],
        }


# -- executors: the same functions in-process, in a process pool, or on Ray -----------------------

class _Done:
    __slots__ = ("value", "error")

    def __init__(self, value, error=None):
        self.value = value
        self.error = error

    def result(self):
        if self.error is not None:
            raise self.error
        return self.value


class InlineExecutor:
    """``--jobs 1``: no processes, no pickling."""

    workers = 1

    def submit(self, fn, *args):
        try:
            return _Done(fn(*args))
        except Exception as e:  # noqa: BLE001 - raised where the result is taken, as from a pool
            return _Done(None, e)

    def shutdown(self, cancel: bool = False) -> None:
        pass


class PoolExecutor:
    """A process pool on this machine."""

    def __init__(self, workers: int):
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        methods = mp.get_all_start_methods()
        # forkserver: workers start from a clean process (no copied threads, e.g. the progress
        # bar's), with encfix imported once in the server.
        if "forkserver" in methods:
            ctx = mp.get_context("forkserver")
            ctx.set_forkserver_preload(["encfix.corpus.work", "encfix.integrations.arrow"])
        else:
            ctx = mp.get_context("spawn")
        self.workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx)

    def submit(self, fn, *args):
        return self._pool.submit(fn, *args)

    def shutdown(self, cancel: bool = False) -> None:
        self._pool.shutdown(wait=True, cancel_futures=cancel)


class RayExecutor:
    """Chunks as Ray tasks: on a cluster (``--address``) or a local Ray instance."""

    def __init__(self, address: Optional[str], workers: Optional[int]):
        try:
            import ray
        except ImportError:
            raise CorpusError("--engine ray needs Ray: pip install 'encfix[ray]'") from None
        self._ray = ray
        self._started = False
        if not ray.is_initialized():
            kwargs = {"include_dashboard": False, "log_to_driver": False, "ignore_reinit_error": True}
            if address:
                kwargs["address"] = address
            elif workers:
                kwargs["num_cpus"] = workers
            ray.init(**kwargs)
            self._started = True
        self.workers = max(1, int(ray.cluster_resources().get("CPU", workers or 1)))
        self._remote = {}

    def submit(self, fn, *args):
        remote = self._remote.get(fn)
        if remote is None:
            remote = self._remote[fn] = self._ray.remote(fn)
        return _RayFuture(self._ray, remote.remote(*args))

    def shutdown(self, cancel: bool = False) -> None:
        if self._started:
            self._ray.shutdown()


class _RayFuture:
    __slots__ = ("ray", "ref")

    def __init__(self, ray, ref):
        self.ray = ray
        self.ref = ref

    def result(self):
        return self.ray.get(self.ref)


def make_executor(engine: str, jobs: Optional[int], address: Optional[str] = None):
    if engine == "ray":
        return RayExecutor(address, jobs)
    if engine != "local":
        raise CorpusError(f"unknown engine {engine!r}; use local or ray")
    jobs = jobs or default_jobs()
    return InlineExecutor() if jobs <= 1 else PoolExecutor(jobs)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


# -- the run -------------------------------------------------------------------------------------

@dataclass
class _Chunk:
    index: int  # shard index
    payload: object
    first: int
    units: int


@dataclass
class _End:
    index: int


class NoProgress:
    def start(self, total: int) -> None:
        pass

    def advance(self, units: int, stats: Stats) -> None:
        pass

    def stop(self) -> None:
        pass


def plan(inputs: Sequence[os.PathLike], output: os.PathLike, output_format: Optional[str] = None):
    """[(shard, output path, output format)] for the inputs, checking that nothing is overwritten."""
    shard_list = _shards.discover(inputs)
    out = Path(output)
    if out.is_dir() and len(shard_list) > 1:
        # -o inside an input folder (crawl/ -o crawl/fixed/): what is already in the output folder
        # is this command's earlier output, not more input to repair into crawl/fixed/fixed/
        inside = out.resolve()
        named = {Path(i).resolve() for i in inputs if Path(i).is_file()}
        shard_list = [s for s in shard_list
                      if s.path.resolve() in named or inside not in s.path.resolve().parents] or shard_list
    single_file = (
        len(shard_list) == 1 and not out.is_dir() and len(inputs) == 1 and not Path(inputs[0]).is_dir()
        and _shards.classify(out) is not None
    )
    if not single_file and out.exists() and not out.is_dir():
        raise CorpusError(f"{out}: is a file; -o names a folder here (one output shard per input shard), "
                          "or give one input file to write one output file")
    result = []
    sources = {s.path.resolve(): s.path for s in shard_list}
    for shard in shard_list:
        fmt = output_format or shard.format
        if single_file:
            target = out
            kind = _shards.classify(out)
            if output_format is None:
                fmt = kind[0]
        else:
            target = out / _shards.output_name(shard, fmt)
        if target.resolve() == shard.path.resolve():
            raise CorpusError(f"{shard.path}: the output would overwrite the input; choose another -o")
        if target.resolve() in sources:
            raise CorpusError(f"{sources[target.resolve()]}: the output of {shard.path} would overwrite this input; "
                              "choose an -o outside the input folders")
        result.append((shard, target, fmt))
    return result


def run(
    inputs: Sequence[os.PathLike],
    output: os.PathLike,
    job: Job = Job(),
    *,
    jobs: Optional[int] = None,
    engine: str = "local",
    address: Optional[str] = None,
    output_format: Optional[str] = None,
    resume: bool = False,
    strict: bool = False,
    chunk_bytes: int = CHUNK_BYTES,
    progress=None,
    executor=None,
) -> RunReport:
    """Repair every shard under ``inputs`` into ``output``; return what was done.

    Raises :class:`StrictError` on the first malformed record when ``strict``, and
    :class:`CorpusError` for problems with the inputs (nothing partial is left behind).
    """
    started = time.perf_counter()
    work = plan(inputs, output, output_format)
    job.config  # unknown options or conversions fail here, before any worker starts
    results: List[ShardResult] = []
    todo = []
    for shard, target, fmt in work:
        if resume and target.exists():
            results.append(ShardResult(str(shard.path), str(target), "skipped"))
        else:
            results.append(ShardResult(str(shard.path), str(target), "written"))
            todo.append((len(results) - 1, shard, target, fmt))
    progress = progress or NoProgress()
    total_units = sum(s.size for _, s, _, _ in todo)
    own_executor = executor is None
    if own_executor:
        executor = make_executor(engine, jobs, address)
    totals = Stats()
    writers = {}
    window: deque = deque()
    limit = max(2, executor.workers * IN_FLIGHT_PER_JOB)

    def chunks():
        for index, shard, target, fmt in todo:
            shard_job = job if job.output == fmt else _with_output(job, fmt)
            # a small shard is cut finer, so that it too keeps every worker busy
            size = min(chunk_bytes, max(MIN_CHUNK_BYTES, shard.size // (executor.workers * 8)))
            try:
                if shard.format == "jsonl":
                    for blob, first, units in _shards.jsonl_chunks(shard, size):
                        yield _Chunk(index, (fix_jsonl, blob, first, _jsonl_job(shard_job)), first, units)
                else:
                    for batch, first, units in _shards.parquet_chunks(shard, size):
                        yield _Chunk(index, (fix_arrow, batch, first, shard_job), first, units)
            except CorpusError:
                raise
            except Exception as e:  # noqa: BLE001 - a corrupt or truncated file: gzip, zstd and pyarrow each raise their own
                raise CorpusError(_unreadable(shard, e)) from e
            yield _End(index)

    info = {index: (shard, target, fmt) for index, shard, target, fmt in todo}

    def drain() -> None:
        item, future = window.popleft()
        shard, target, fmt = info[item.index]
        result = results[item.index]
        if isinstance(item, _End):
            writer = writers.pop(item.index, None) or _writer(shard, target, fmt)
            side = writer.commit(empty_schema=_empty_schema(shard, job) if fmt == "parquet" else None)
            if side is not None:
                result.rejected = str(side)
            return
        try:
            out, stats = future.result()
        except (ValueError, TypeError, KeyError) as e:
            message = e.args[0] if isinstance(e, KeyError) and e.args else _one_line(e)
            hint = "; name the text column with --field" if isinstance(e, (TypeError, KeyError)) else ""
            raise CorpusError(f"{shard.path}: {message}{hint}") from e
        except RuntimeError as e:  # BrokenProcessPool: a worker was killed (out of memory?)
            raise CorpusError(
                f"{shard.path}: a worker stopped ({_one_line(e)}); complete shards are kept, rerun with --resume"
            ) from e
        stats.relabel(str(shard.path))
        writer = writers.get(item.index)
        if writer is None:
            writer = writers[item.index] = _writer(shard, target, fmt)
        if strict and stats.bad:
            where, number, reason = stats.bad_records[0]
            place = f"{where}:{number}" if shard.format == "jsonl" else f"{where}: row {number}"
            raise StrictError(f"{place}: {reason} (--strict stops at the first malformed record)")
        if fmt == "parquet" and shard.format == "jsonl":
            try:
                table, rejected = jsonl_to_arrow(out, job.fields)
            except (ValueError, TypeError) as e:  # pyarrow's errors are ValueError/TypeError subclasses
                raise CorpusError(
                    f"{shard.path}: records from line {item.first} on do not fit one Parquet schema "
                    f"({_one_line(e)}); write JSONL instead"
                ) from e
            writer.write_table(table)
            if rejected:
                writer.reject(rejected)
        elif fmt == "parquet":
            writer.write_table(out)
        else:
            writer.write_bytes(out)
        result.stats.merge(stats)
        totals.merge(stats)
        progress.advance(item.units, stats)

    progress.start(total_units)
    ok = False
    try:
        for item in chunks():
            if isinstance(item, _End):
                window.append((item, None))
            else:
                fn, *args = item.payload
                window.append((item, executor.submit(fn, *args)))
            while len(window) >= limit:
                drain()
        while window:
            drain()
        ok = True
    except (OSError, ValueError, TypeError, KeyError) as e:
        if isinstance(e, CorpusError):
            raise
        raise CorpusError(_one_line(e)) from e
    finally:
        progress.stop()
        if not ok:
            for writer in writers.values():
                writer.abort()
        if own_executor:
            executor.shutdown(cancel=not ok)
    return RunReport(totals, results, time.perf_counter() - started, engine,
                     getattr(executor, "workers", 1), job)


def _unreadable(shard: Shard, e: BaseException) -> str:
    """The one-line error for a shard that cannot be read to its end."""
    if isinstance(e, OSError) and e.errno is not None:
        from ..io import os_error

        return str(os_error(str(shard.path), e))
    what = {"gzip": "gzip", "zstd": "zstd"}.get(shard.compression or "", shard.format)
    why = _one_line(e)
    if isinstance(e, EOFError):
        why = "it ends in the middle of a compressed block"
    return (f"{shard.path}: not a readable {what} file ({why}); check or re-download it, or move it out of "
            "the input (shards written before it are kept: rerun with --resume)")


def _one_line(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    return text[0] if text else type(e).__name__


def _with_output(job: Job, fmt: str) -> Job:
    from dataclasses import replace

    return replace(job, output=fmt)


def _jsonl_job(job: Job) -> Job:
    # JSON lines are always repaired as JSON lines; conversion to Parquet happens when writing
    return job if job.output == "jsonl" else _with_output(job, "jsonl")


def _writer(shard: Shard, target: Path, fmt: str) -> ShardWriter:
    if fmt == "jsonl":
        kind = _shards.classify(target)
        return ShardWriter(target, "jsonl", kind[1] if kind else shard.compression)
    codec = _shards.parquet_compression(shard.path) if shard.format == "parquet" else "snappy"
    return ShardWriter(target, "parquet", None, codec)


def _empty_schema(shard: Shard, job: Job):
    if shard.format != "parquet":
        return None
    import pyarrow as pa

    schema = _shards._pq().ParquetFile(shard.path).schema_arrow
    if job.findings and job.findings not in schema.names:
        from ..integrations.arrow import findings_type

        schema = schema.append(pa.field(job.findings, findings_type()))
    return schema
