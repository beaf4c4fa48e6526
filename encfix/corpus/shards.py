"""Shards on disk: find them, read them in chunks, write them whole or not at all."""
from __future__ import annotations

import gzip
import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator, List, Optional, Sequence, Tuple

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
PARQUET_SUFFIXES = (".parquet", ".pq")
COMPRESSIONS = {".gz": "gzip", ".zst": "zstd", ".zstd": "zstd"}
#: a shard being written is named like this until it is complete
PARTIAL = ".encfix-partial"


class CorpusError(Exception):
    """A problem with the inputs or outputs, said in one line."""


@dataclass(frozen=True)
class Shard:
    path: Path
    #: name relative to the input folder (or the file name): the output keeps it
    rel: Path
    format: str  # "jsonl" or "parquet"
    compression: Optional[str]  # None, "gzip" or "zstd" (JSONL only)

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


def classify(path: Path) -> Optional[Tuple[str, Optional[str]]]:
    """("jsonl"|"parquet", compression) from the file name, or None if it is not a shard."""
    name = path.name.lower()
    compression = None
    for suffix, comp in COMPRESSIONS.items():
        if name.endswith(suffix):
            compression = comp
            name = name[: -len(suffix)]
            break
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl", compression
    if name.endswith(PARQUET_SUFFIXES) and compression is None:
        return "parquet", None
    return None


def discover(inputs: Sequence[os.PathLike]) -> List[Shard]:
    """Every shard named by ``inputs``: files as given, folders searched recursively (sorted)."""
    shards: List[Shard] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
                           and PARTIAL not in p.name and classify(p))
            if not found:
                raise CorpusError(f"{path}: no JSONL (.jsonl/.jsonl.gz/.jsonl.zst) or Parquet files in this folder")
            shards.extend(Shard(p, p.relative_to(path), *classify(p)) for p in found)
        elif path.is_file():
            kind = classify(path)
            if kind is None:
                raise CorpusError(f"{path}: not a shard (expected .jsonl, .jsonl.gz, .jsonl.zst, .ndjson or .parquet)")
            shards.append(Shard(path, Path(path.name), *kind))
        else:
            raise CorpusError(f"{path}: no such file or folder")
    seen = {}
    for s in shards:
        if s.rel in seen:
            raise CorpusError(f"{s.path} and {seen[s.rel]} would both be written as {s.rel}; give their folder instead")
        seen[s.rel] = s.path
    return shards


def output_name(shard: Shard, output_format: str) -> Path:
    """The shard's relative output name, with the suffix changed when the format changes."""
    if output_format == shard.format:
        return shard.rel
    name = shard.rel.name
    lower = name.lower()
    for suffix in COMPRESSIONS:
        if lower.endswith(suffix):
            name, lower = name[: -len(suffix)], lower[: -len(suffix)]
            break
    for suffix in JSONL_SUFFIXES + PARQUET_SUFFIXES:
        if lower.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return shard.rel.with_name(name + (".jsonl" if output_format == "jsonl" else ".parquet"))


def _zstd():
    try:
        import zstandard
    except ImportError:
        raise CorpusError("reading or writing .zst needs zstandard: pip install 'encfix[zstd]'") from None
    return zstandard


def open_read(path: Path, compression: Optional[str]) -> Tuple[BinaryIO, BinaryIO]:
    """(decompressed stream, raw file): the raw file's position measures progress."""
    raw = open(path, "rb")
    if compression == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="rb"), raw
    if compression == "zstd":
        return _zstd().ZstdDecompressor().stream_reader(raw, read_across_frames=True), raw
    return raw, raw


def open_write(path: Path, compression: Optional[str]) -> Tuple[BinaryIO, BinaryIO]:
    raw = open(path, "wb")
    if compression == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0), raw
    if compression == "zstd":
        return _zstd().ZstdCompressor(level=3).stream_writer(raw, closefd=False), raw
    return raw, raw


def jsonl_chunks(shard: Shard, chunk_bytes: int) -> Iterator[Tuple[bytes, int, int]]:
    """Yield (chunk of whole lines, number of its first line, raw bytes consumed since last chunk)."""
    stream, raw = open_read(shard.path, shard.compression)
    try:
        line = 1
        pos = 0
        carry = b""
        while True:
            block = stream.read(chunk_bytes)
            if not block:
                break
            block = carry + block
            cut = block.rfind(b"\n")
            if cut < 0:
                carry = block  # a line longer than a chunk: keep reading
                continue
            chunk, carry = block[: cut + 1], block[cut + 1:]
            now = raw.tell()
            yield chunk, line, now - pos
            pos = now
            line += chunk.count(b"\n")
        if carry:
            yield carry, line, raw.tell() - pos
        elif raw.tell() - pos:
            yield b"", line, raw.tell() - pos
    finally:
        stream.close()
        raw.close()


def parquet_chunks(shard: Shard, chunk_bytes: int):
    """Yield (RecordBatch, number of its first row, file bytes it stands for)."""
    pq = _pq()
    pf = pq.ParquetFile(shard.path)
    meta = pf.metadata
    rows = meta.num_rows
    size = shard.size
    if rows == 0:
        import pyarrow as pa

        yield pa.RecordBatch.from_pylist([], schema=pf.schema_arrow), 1, size
        return
    text_bytes = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups)) or size
    batch_rows = max(16, min(65536, chunk_bytes * rows // max(text_bytes, 1)))
    first = 1
    done_units = 0
    for batch in pf.iter_batches(batch_size=batch_rows):
        first_next = first + batch.num_rows
        units = size * (first_next - 1) // rows - done_units
        done_units += units
        yield batch, first, units
        first = first_next


def parquet_compression(path: Path) -> str:
    try:
        meta = _pq().ParquetFile(path).metadata
        if meta.num_row_groups and meta.num_columns:
            return str(meta.row_group(0).column(0).compression).lower()
    except Exception:  # noqa: BLE001 - an unreadable codec name only costs the default
        pass
    return "snappy"


def _pq():
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise CorpusError("Parquet needs pyarrow: pip install 'encfix[parquet]'") from None
    return pq


class ShardWriter:
    """Writes one output shard to a partial file and renames it into place when complete."""

    def __init__(self, target: Path, fmt: str, compression: Optional[str], parquet_codec: str = "snappy"):
        self.target = target
        self.fmt = fmt
        self.compression = compression
        self.codec = parquet_codec
        self.partial = target.with_name("." + target.name + PARTIAL)
        target.parent.mkdir(parents=True, exist_ok=True)
        self._stream = self._raw = None
        self._pq_writer = None
        self._schema = None
        self._rejected: List[bytes] = []
        if fmt == "jsonl":
            self._stream, self._raw = open_write(self.partial, compression)

    def write_bytes(self, blob: bytes) -> None:
        self._stream.write(blob)

    def write_table(self, table) -> None:
        import pyarrow as pa

        if isinstance(table, pa.RecordBatch):
            table = pa.Table.from_batches([table])
        if self._pq_writer is None:
            self._schema = table.schema
            self._pq_writer = _pq().ParquetWriter(self.partial, self._schema, compression=self.codec)
        elif table.schema != self._schema:
            try:
                table = table.cast(self._schema)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError, ValueError) as e:
                raise CorpusError(
                    f"{self.target}: records later in the shard do not fit the columns of its first chunk ({e})"
                ) from None
        self._pq_writer.write_table(table)

    def reject(self, lines: List[bytes]) -> None:
        """Lines that cannot become Parquet rows (malformed JSON): kept in a side file."""
        self._rejected.extend(lines)

    def commit(self, empty_schema=None) -> Optional[Path]:
        """Finish and rename into place; returns the side file of rejected lines, if any."""
        side = None
        if self.fmt == "jsonl":
            self._stream.close()
            if self._raw is not self._stream:
                self._raw.close()
        else:
            if self._pq_writer is None:
                import pyarrow as pa

                schema = empty_schema if empty_schema is not None else pa.schema([])
                self._pq_writer = _pq().ParquetWriter(self.partial, schema, compression=self.codec)
            self._pq_writer.close()
            if self._rejected:
                side = self.target.with_name(self.target.name + ".bad.jsonl")
                with open(side, "wb") as f:
                    f.write(b"".join(line + b"\n" for line in self._rejected))
        os.replace(self.partial, self.target)
        return side

    def abort(self) -> None:
        try:
            if self._pq_writer is not None:
                self._pq_writer.close()
            if self._stream is not None:
                self._stream.close()
                if self._raw is not self._stream:
                    self._raw.close()
        except Exception:  # noqa: BLE001 - we are cleaning up after another error
            pass
        try:
            self.partial.unlink()
        except OSError:
            pass
