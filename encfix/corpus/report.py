"""What the user sees: a progress bar while running (terminals only) and a summary at the end."""
from __future__ import annotations

import json
import time
from pathlib import Path

from .run import RunReport
from .stats import Stats


class RichProgress:
    """A rich progress bar over input bytes, showing documents/s and MB/s; advanced per chunk."""

    def __init__(self, console):
        self.console = console
        self._progress = None
        self._task = None
        self._docs = 0
        self._bytes = 0
        self._t0 = time.perf_counter()

    def start(self, total: int) -> None:
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

        self._t0 = time.perf_counter()
        self._progress = Progress(
            TextColumn("[bold]encfix corpus"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[docs]}"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self._progress.start()
        self._task = self._progress.add_task("repair", total=max(total, 1), docs="")

    def advance(self, units: int, stats: Stats) -> None:
        self._docs += stats.documents
        self._bytes += stats.bytes_in
        secs = max(time.perf_counter() - self._t0, 1e-6)
        text = f"{self._docs:,} docs · {self._docs / secs:,.0f} docs/s · {self._bytes / secs / 1e6:,.1f} MB/s"
        self._progress.update(self._task, advance=units, docs=text)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()


def summary_table(report: RunReport):
    """The end-of-run summary as a rich renderable."""
    from rich.table import Table

    d = report.to_dict()
    table = Table(title="encfix corpus", show_header=True, header_style="bold", title_justify="left")
    table.add_column("", style="bold")
    table.add_column("count", justify="right")
    written = sum(1 for s in report.shards if s.status == "written")
    skipped = len(report.shards) - written
    rows = [
        ("shards written", written),
        ("shards skipped (complete)", skipped),
        ("documents read", d["documents"]),
        ("documents changed", d["changed"]),
        ("documents flagged", d["flagged"]),
        ("bad records (passed through)", d["bad"]),
    ]
    for name, value in rows:
        if name.startswith("shards skipped") and not value:
            continue
        table.add_row(name, f"{value:,}")
    for kind, n in d["repairs"].items():
        table.add_row(f"  repaired: {kind}", f"{n:,}")
    for kind, n in d["flags"].items():
        table.add_row(f"  flagged: {kind}", f"{n:,}")
    return table


def speed_line(report: RunReport) -> str:
    d = report.to_dict()
    return (
        f"{d['seconds']:.1f} s · {d['documents_per_second']:,.0f} docs/s · {d['mb_per_second']:.1f} MB/s · "
        f"{report.engine}, {report.jobs} worker{'s' if report.jobs != 1 else ''}"
    )


def bad_lines(report: RunReport, limit: int = 10) -> list:
    """The first bad records as ``file:line: reason`` strings."""
    out = [f"{f}:{n}: {r}" for f, n, r in report.totals.bad_records[:limit]]
    if report.totals.bad > limit:
        out.append(f"... and {report.totals.bad - limit:,} more (all counted; --report lists up to 1,000)")
    return out


def write_report(report: RunReport, path: Path) -> None:
    data = report.to_dict()
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
