"""Linear time on adversarial input: one long line of a damage pattern, at growing sizes.

    python -m benchmarks.bench_linear                  # the Markdown section (16 KB - 8 MB, 100 MB once)
    python -m benchmarks.bench_linear --no-huge        # without the 100 MB line
    python -m benchmarks.bench_linear --quick          # up to 1 MB
    python -m benchmarks.bench_linear --pattern commas --sizes 200000,800000 --json   # one pattern

Every regular expression and scanner in encfix must be linear in its input: a line of 1 MB of
``,`` or ``(`` or ``(qū)`` must cost about 1/8 of the same line at 8 MB.  Each pattern is a single
line (no ``\\n``), the worst case for anything that works line by line.  Times are CPU seconds
(``time.process_time``), so other load on the machine disturbs them less.

Each (pattern, function) sweep runs in a fresh process under a CPU budget, smallest size first;
a size whose time, predicted from the growth so far, would not fit the budget is not run -- a
quadratic scan would otherwise take hours at 8 MB.  The table gives the growth exponent k
(time ~ size^k) so a quadratic pattern shows as k = 2 even when it never reaches 1 MB.

The section also carries the fuzzing totals (:func:`benchmarks.fuzz.report`).
"""
from __future__ import annotations

import argparse
import gc
import json
import math
import sys
import time
from typing import Callable, Dict, Optional, Sequence, Tuple

#: name -> (the unit repeated to fill the line, what it attacks[, text before, text after])
PATTERNS: Dict[str, tuple] = {
    "commas": (",", "stacked-punctuation runs"),
    "open_parens": ("(", "ruby and bracket scanners with no closing )"),
    "ruby": ("(qū)", "ruby removal with no Han before the first one"),
    "ruby_unclosed": ("區(qū", "ruby pattern that never closes"),
    "han_ascii_punct": ("中,文;字:句?話!詞(語)", "Han set against ASCII punctuation: every mark converts"),
    "ruby_stacked": ("區(qū),,", "ruby then stacked commas, repeated"),
    "fffd": ("\ufffd", "U+FFFD runs"),
    "kunkaokao": ("锟斤拷", "锟斤拷 runs"),
    "latin1_utf8_mojibake": ("ä¸\xadæ–‡æµ‹è¯•", "UTF-8 Chinese read as cp1252 (mojibake that repairs)"),
    "latin1_gbk_mojibake": ("ÖÐÎÄ²âÊÔ", "GBK Chinese read as Latin-1"),
    "latin1_noise": ("Ã©Â Ã", "Latin-1 runs that look like mojibake but do not decode"),
    "line_art_mojibake": ("──────ÖÐÎÄ²âÊÔ", "line art between pieces of GBK read as Latin-1", "标题：", ""),
    "pipes": ("|", "table residue"),
    "md_images": ("![]()", "empty Markdown images"),
    "spaces_then_pipe": (" ", "a run of spaces, then a cell separator ending a Chinese line", "中", "x |"),
    "tabs_then_pipe": ("\t", "a run of tabs, then a pipe", "中", "x|"),
    "clean_zh": ("中華民國基於三民主義，為民有民治民享之民主共和國。", "clean Chinese (the hot path)"),
}

MB = 1 << 20


def make(name: str, nbytes: int) -> str:
    """One line of ``PATTERNS[name]`` repeated to about ``nbytes`` UTF-8 bytes."""
    unit, _, *around = PATTERNS[name]
    head, tail = (around + ["", ""])[:2]
    return head + unit * max(1, nbytes // len(unit.encode("utf-8"))) + tail


def cpu_seconds(fn: Callable[[str], object], text: str) -> float:
    gc.collect()
    t0 = time.process_time()
    fn(text)
    return time.process_time() - t0


def functions() -> Dict[str, Callable[[str], object]]:
    import encfix

    return {"fix_text": encfix.fix_text, "explain": encfix.explain}


def stage_seconds(text: str) -> Dict[str, float]:
    """CPU seconds of each stage's ``find`` in the first pass over ``text`` (to name a slow stage)."""
    from encfix import pipeline
    from encfix.config import Config
    from encfix.findings import apply

    config = Config()
    out = {}
    current = text
    for stage in pipeline.enabled_stages(config):
        t0 = time.process_time()
        found = stage.find(current, config)
        out[stage.NAME] = time.process_time() - t0
        current = apply(current, found)
    return out


def warm_up(name: Optional[str] = None) -> None:
    """Load every lazily loaded table (pinyin syllables, plausibility model, ftfy) before timing."""
    for fn in functions().values():
        for n in [name] if name else PATTERNS:
            fn(make(n, 2000))


def measure(name: str, sizes: Sequence[int], what: Sequence[str] = ("fix_text", "explain")) -> dict:
    """CPU seconds of each function on the pattern at each size."""
    fns = functions()
    result = {"pattern": name, "sizes": list(sizes)}
    for w in what:
        result[w] = [cpu_seconds(fns[w], make(name, size)) for size in sizes]
    return result


def _fmt(seconds: Optional[float]) -> str:
    return f"{seconds:.2f}" if seconds >= 0.1 else f"{seconds:.3f}"


#: CPU seconds one sweep (one pattern, one function, every size) may take; its child process is
#: killed beyond it, and a size whose predicted time would not fit is skipped
CPU_BUDGET = 25
#: CPU seconds for the single 100 MB line
HUGE_BUDGET = 400
#: small sizes first: they give the growth exponent cheaply, and predict whether the MB sizes fit
SMALL_SIZES = (16 << 10, 64 << 10, 256 << 10)


def sweep_in_child(name: str, what: str, sizes: Sequence[int], budget: int = CPU_BUDGET) -> Dict[int, float]:
    """CPU seconds of ``what`` on pattern ``name`` at each size (ascending) that fits in ``budget``.

    The child measures the sizes one after another and prints each result at once; before each size
    it predicts the time from the growth so far and stops when the prediction would not fit.  The
    CPU limit kills it if a prediction was wrong.
    """
    import subprocess
    from pathlib import Path

    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_CPU, (budget, budget + 5))

    cmd = [sys.executable, "-m", "benchmarks.bench_linear", "--pattern", name, "--what", what,
           "--sizes", ",".join(map(str, sizes)), "--sweep", str(budget)]
    done = subprocess.run(cmd, cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True,
                          preexec_fn=limit)
    if done.returncode > 0:
        print(done.stderr[-2000:], file=sys.stderr)
    out = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            r = json.loads(line)
            if "seconds" in r:
                out[r["size"]] = r["seconds"]
    return out


def run_sweep(name: str, what: str, sizes: Sequence[int], budget: float) -> None:
    """The child's side of :func:`sweep_in_child`: print ``{"size", "seconds"}`` lines."""
    fn = functions()[what]
    spent = 0.0
    last: Optional[Tuple[int, float]] = None
    k = 1.0
    for size in sizes:
        if last is not None:
            predicted = last[1] * (size / last[0]) ** max(k, 1.0)
            if spent + predicted > budget * 0.8:
                print(json.dumps({"size": size, "skipped": True, "predicted": predicted}), flush=True)
                break
        t = cpu_seconds(fn, make(name, size))
        spent += t
        if last is not None and last[1] >= 0.005 and t > 0:
            k = math.log(t / last[1]) / math.log(size / last[0])
        last = (size, t)
        print(json.dumps({"size": size, "seconds": t}), flush=True)


def growth_exponent(times: Dict[int, float], lo: int, hi: int) -> Optional[float]:
    """k in time ~ size**k between the measured sizes nearest ``lo`` and ``hi`` (1 linear, 2 quadratic)."""
    sizes = sorted(s for s, t in times.items() if lo <= s <= hi and t >= 0.005)
    if len(sizes) < 2:
        return None
    s0, s1 = sizes[0], sizes[-1]
    return math.log(times[s1] / times[s0]) / math.log(s1 / s0)


def linear_table(sizes_mb: Sequence[int] = (1, 2, 4, 8), huge_mb: Optional[int] = 100) -> str:
    big = [s * MB for s in sizes_mb]
    lines = [
        "## Linear time on adversarial lines",
        "",
        "One line (no newline) of each pattern repeated; CPU seconds (`time.process_time`) of `fix_text` and "
        f"`explain`, measured in a fresh process per pattern and function with a budget of {CPU_BUDGET} CPU s: "
        "sizes go up from " + ", ".join(f"{s >> 10} KB" for s in SMALL_SIZES) + " to "
        + ", ".join(f"{m} MB" for m in sizes_mb) + f" (`explain` up to {sizes_mb[0]} MB), and a size whose time "
        "(predicted from the growth so far) "
        "would not fit is not run (`—`). *k*: the exponent in time ~ size^k (1 linear, 2 quadratic), from "
        f"{SMALL_SIZES[1] >> 10} KB–{sizes_mb[0]} MB and from {sizes_mb[0]}–{sizes_mb[-1]} MB; *ratio*: time at {sizes_mb[-1]} MB / time at "
        f"{sizes_mb[0]} MB ({sizes_mb[-1] // sizes_mb[0]} is linear); *slowest stage*: the stage whose `find` "
        "costs most at 256 KB (at 16 KB for a pattern too slow for that).",
        "",
        f"| pattern | function | {SMALL_SIZES[-1] >> 10} KB | " + " | ".join(f"{m} MB" for m in sizes_mb)
        + f" | ratio | k ({SMALL_SIZES[1] >> 10} KB–{sizes_mb[0]} MB) | k ({sizes_mb[0]}–{sizes_mb[-1]} MB) | MB/s | slowest stage |",
        "|---|---|---:|" + "---:|" * len(sizes_mb) + "---:|---:|---:|---:|---|",
    ]
    not_linear = []
    for name in PATTERNS:
        at = SMALL_SIZES[-1] if _fits_in_process(name) else SMALL_SIZES[0]
        stages = stage_seconds(make(name, at))
        top = max(stages, key=stages.get) if stages else None
        for w in ("fix_text", "explain"):
            # explain does what fix_text does plus the bookkeeping of findings: its growth is what
            # matters, so it stops at the first MB size (the table stays within a bench budget)
            ts = sweep_in_child(name, w, list(SMALL_SIZES) + (big if w == "fix_text" else big[:1]))
            # 16 KB carries fixed costs: use it only for a pattern too slow to get further
            k_small = growth_exponent(ts, SMALL_SIZES[1], big[0]) or growth_exponent(ts, SMALL_SIZES[0], big[0])
            k_big = growth_exponent(ts, big[0], big[-1])
            ratio = f"{ts[big[-1]] / ts[big[0]]:.1f}" if big[-1] in ts and big[0] in ts and ts[big[0]] else "-"
            largest = max(ts) if ts else None
            rate = f"{largest / MB / ts[largest]:.2f}" if largest and ts[largest] > 0 else "-"
            cell = lambda s: _fmt(ts[s]) if s in ts else "—"  # noqa: E731
            slow = f"{top} ({_fmt(stages[top])} s at {at >> 10} KB)" if top and w == "fix_text" else ""
            lines.append(f"| `{name}` | {w} | {cell(SMALL_SIZES[-1])} | " + " | ".join(cell(s) for s in big)
                         + f" | {ratio} | {_k(k_small)} | {_k(k_big)} | {rate} | {slow} |")
            if big[0] not in ts or (k_small or 1) > 1.4 or (k_big or 1) > 1.4:
                not_linear.append(name)
        print(f"  {name}: done", file=sys.stderr, flush=True)
    lines.append("")
    lines.append("Patterns: " + "; ".join(f"`{n}` = `{p[0]!r}`" + (f" between `{p[2]!r}` and `{p[3]!r}`" if len(p) > 2 else "")
                                           + f" ({p[1]})" for n, p in PATTERNS.items()) + ".")
    if not_linear:
        lines += ["", "**Not linear (k > 1.4), or too slow to reach 1 MB within the budget:** "
                  + ", ".join(f"`{n}`" for n in dict.fromkeys(not_linear)) + "."]
    if huge_mb:
        ts = sweep_in_child("han_ascii_punct", "fix_text", [huge_mb * MB], budget=HUGE_BUDGET)
        if ts:
            t = ts[huge_mb * MB]
            lines += ["", f"A single {huge_mb} MB line of `han_ascii_punct` (every mark converts): `fix_text` took "
                          f"{t:.1f} s CPU ({huge_mb / t:.2f} MB/s)."]
        else:
            lines += ["", f"A single {huge_mb} MB line of `han_ascii_punct`: `fix_text` did not finish within "
                          f"{HUGE_BUDGET} CPU seconds."]
    lines += ["", "Reproduce: `python -m benchmarks.bench_linear` (`--no-huge` skips the 100 MB line; `--quick` "
                  "stops at 1 MB).", ""]
    return "\n".join(lines)


def _k(k: Optional[float]) -> str:
    return "-" if k is None else f"{k:.2f}"


def _fits_in_process(name: str) -> bool:
    """Stage timing runs in this process: only for patterns that take under a second at 16 KB."""
    t0 = time.process_time()
    stage_seconds(make(name, SMALL_SIZES[0]))
    return time.process_time() - t0 < 0.25


def main(huge: bool = False, quick: bool = False) -> str:
    """The Markdown section: the linear-time table, then the fuzzing totals.

    The 100 MB line costs minutes of CPU on its own: ``benchmarks/run_all.py`` leaves it out (its
    sections have a time limit); ``python -m benchmarks.bench_linear`` includes it.
    """
    from benchmarks import fuzz

    warm_up()
    if quick:
        table = linear_table(sizes_mb=(1,), huge_mb=None)
    else:
        table = linear_table(huge_mb=100 if huge else None)
    return table + "\n" + fuzz.report()


def cli(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_linear")
    parser.add_argument("--no-huge", action="store_true", help="skip the 100 MB line")
    parser.add_argument("--pattern", choices=sorted(PATTERNS), help="measure one pattern only")
    parser.add_argument("--sizes", default="200000,800000", help="bytes, comma-separated (with --pattern)")
    parser.add_argument("--what", default="fix_text,explain", help="functions to time (with --pattern)")
    parser.add_argument("--json", action="store_true", help="print JSON (with --pattern)")
    parser.add_argument("--stages", action="store_true", help="also time each stage at the largest size")
    parser.add_argument("--sweep", type=float, metavar="BUDGET", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="sizes up to 1 MB, no 100 MB line")
    args = parser.parse_args(argv)
    if args.pattern and args.sweep:
        warm_up(args.pattern)
        run_sweep(args.pattern, args.what, [int(x) for x in args.sizes.split(",")], args.sweep)
        return 0
    if args.pattern:
        warm_up(args.pattern)
        sizes = [int(s) for s in args.sizes.split(",")]
        r = measure(args.pattern, sizes, args.what.split(","))
        if args.stages or args.what == "fix_text,explain":
            r["stages"] = stage_seconds(make(args.pattern, sizes[-1]))
        print(json.dumps(r) if args.json else r)
        return 0
    print(main(huge=not args.no_huge, quick=args.quick))
    return 0


if __name__ == "__main__":
    sys.exit(cli())
