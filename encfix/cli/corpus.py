"""encfix corpus: repair JSONL/Parquet shards on every core (or on Ray), keeping every other field."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from .app import app
from .common import ERROR, OK, convert_option, error, guarded, make_config
from .common import NO_MOJIBAKE as _NO_MOJIBAKE, NO_PUNCTUATION as _NO_PUNCTUATION
from .common import NO_RESIDUE as _NO_RESIDUE, NO_RUBY as _NO_RUBY


EPILOG = """\
[bold]Examples[/bold]

  [cyan]encfix corpus crawl/ -o fixed/[/cyan]
      every .jsonl/.jsonl.gz/.jsonl.zst/.parquet under crawl/, field "text", all cores

  [cyan]encfix corpus part-0001.jsonl.zst -o fixed/ --field meta.content --findings encfix[/cyan]
      a nested field; add {"repaired": {kind: n}, "flagged": {kind: n}} to every record

  [cyan]encfix corpus shards/ -o out/ --convert t2s --report run.json --resume[/cyan]
      also convert to Simplified; skip shards already complete; write the summary as JSON

  [cyan]encfix corpus s3-mount/ -o out/ --engine ray --address ray://head:10001[/cyan]
      repair the chunks on a Ray cluster

Lines whose text needs no repair are written back byte for byte; changed lines keep every
other byte (key order, spacing, number formatting).  Malformed lines (bad JSON, a missing field,
a non-string value) are passed through unchanged and reported with file and line number.
Each output shard is written to a partial file and renamed when complete.
"""


@app.command("corpus", epilog=EPILOG)
def corpus(
    inputs: List[Path] = typer.Argument(..., metavar="INPUT", help="JSONL (.jsonl, .jsonl.gz, .jsonl.zst, .ndjson) or Parquet shards, or folders of them."),
    output: Path = typer.Option(..., "-o", "--output", metavar="OUTPUT", help="Output folder (one shard per input shard, same names); a file name when there is one input file."),
    field: List[str] = typer.Option(["text"], "--field", "-f", metavar="FIELD", help="Field to repair: a key, a nested key (meta.content), or several (repeat, or comma-separate)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: all cores)."),
    convert: Optional[str] = convert_option(),
    findings: Optional[str] = typer.Option(None, "--findings", metavar="FIELD", help="Add this field to every record: kinds and counts of what was repaired and what was flagged."),
    report: Optional[Path] = typer.Option(None, "--report", metavar="FILE", help="Write the summary (counts per kind, bad records with file and line, per shard) as JSON."),
    output_format: Optional[str] = typer.Option(None, "--output-format", metavar="jsonl|parquet", help="Output format (default: the input's)."),
    resume: bool = typer.Option(False, "--resume", metavar="", help="Skip shards whose output is already complete."),
    strict: bool = typer.Option(False, "--strict", metavar="", help="Stop with status 2 at the first malformed record."),
    quiet: bool = typer.Option(False, "--quiet", "-q", metavar="", help="No progress bar and no summary (errors are still shown)."),
    engine: str = typer.Option("local", "--engine", metavar="local|ray", help="local: processes on this machine; ray: tasks on a Ray cluster (pip install 'encfix\\[ray]')."),
    address: Optional[str] = typer.Option(None, "--address", metavar="ADDR", help="Ray cluster address (with --engine ray); default: start Ray locally."),
    no_mojibake: bool = _NO_MOJIBAKE,
    no_ruby: bool = _NO_RUBY,
    no_residue: bool = _NO_RESIDUE,
    no_punctuation: bool = _NO_PUNCTUATION,
) -> None:
    """Repair the text field of every record in JSONL/Parquet shards, keeping everything else.

    Prints a summary: documents read, changed and flagged, counts per kind of repair, bad records.
    """
    _corpus(inputs, output, field, jobs, convert, findings, report, output_format, resume, strict, quiet,
            engine, address, no_mojibake, no_ruby, no_residue, no_punctuation)


@guarded
def _corpus(inputs, output, field, jobs, convert, findings, report, output_format, resume, strict, quiet,
            engine, address, no_mojibake, no_ruby, no_residue, no_punctuation) -> int:
    from ..corpus.run import run
    from ..corpus.shards import CorpusError
    from ..corpus.work import Job

    config = make_config(no_mojibake, no_ruby, no_residue, no_punctuation, convert, None)
    fields = tuple(name.strip() for item in field for name in item.split(",") if name.strip())
    if not fields:
        error("--field: no field named; give --field text (or the name of your text field)")
        return ERROR
    if output_format not in (None, "jsonl", "parquet"):
        error(f"--output-format {output_format}: unknown format; use jsonl or parquet")
        return ERROR
    if engine not in ("local", "ray"):
        error(f"--engine {engine}: unknown engine; use local or ray")
        return ERROR
    options = tuple(sorted(
        (name, getattr(config, name)) for name in ("mojibake", "ruby", "residue", "punctuation")
        if not getattr(config, name)
    ))
    job = Job(fields=fields, convert=config.convert, options=options, findings=findings)
    progress = None
    console = None
    if not quiet:
        from rich.console import Console

        console = Console(stderr=True)
        if sys.stderr.isatty():
            from ..corpus.report import RichProgress

            progress = RichProgress(console)
    try:
        result = run(inputs, output, job, jobs=jobs, engine=engine, address=address,
                     output_format=output_format, resume=resume, strict=strict, progress=progress)
    except CorpusError as exc:
        error(exc)
        return ERROR
    from ..corpus.report import bad_lines, speed_line, summary_table, write_report

    if report is not None:
        write_report(result, report)
    if console is not None:
        console.print(summary_table(result))
        console.print(speed_line(result), highlight=False)
        for line in bad_lines(result):
            console.print(f"bad record: {line}", markup=False, highlight=False, soft_wrap=True)
        for shard in result.shards:
            if shard.rejected:  # nothing is lost: say where the lines that are not rows went
                console.print(f"lines that cannot be Parquet rows, kept as they came: {shard.rejected}",
                              markup=False, highlight=False, soft_wrap=True)
    return OK
