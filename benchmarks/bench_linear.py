"""Linear time on adversarial input: one long line of a damage pattern, at growing sizes.

    python -m benchmarks.bench_linear                  # the Markdown section (1-8 MB, 100 MB once)
    python -m benchmarks.bench_linear --no-huge        # without the 100 MB line
    python -m benchmarks.bench_linear --pattern commas --sizes 200000,800000 --json   # one pattern

Every regular expression and scanner in encfix must be linear in its input: a line of 1 MB of
``,`` or ``(`` or ``(qū)`` must cost about 1/8 of the same line at 8 MB.  Each pattern is a single
line (no ``\\n``), the worst case for anything that works line by line.  Times are CPU seconds of
this process (``time.process_time``), so other load on the machine disturbs them less.  The
ratio column is time(8 MB) / time(1 MB): 8 is linear, 64 would be quadratic.

The section also carries the fuzzing totals (:func:`benchmarks.fuzz.report`).
"""
from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from typing import Callable, Dict, List, Optional, Sequence

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
    if seconds is None:
        return f"> {CPU_BUDGET}"
    return f"{seconds:.2f}" if seconds >= 0.1 else f"{seconds:.3f}"


#: CPU seconds one measurement may take (a child process is killed beyond it): a quadratic scan
#: would otherwise take hours at 8 MB
CPU_BUDGET = 60
#: CPU seconds for the single 100 MB line
HUGE_BUDGET = 1200
#: sizes for patterns too slow to reach 2 MB within the budget, to show how their time grows
SMALL_SIZES = (64 << 10, 128 << 10, 256 << 10)


def _cpu_limit(seconds: int):
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))

    return limit


def measure_in_child(name: str, size: int, what: str, stages: bool = False, budget: int = CPU_BUDGET) -> Optional[dict]:
    """Measure one (pattern, size, function) in a fresh process under the CPU budget; None if it ran out."""
    import subprocess
    from pathlib import Path

    cmd = [sys.executable, "-m", "benchmarks.bench_linear", "--pattern", name, "--sizes", str(size),
           "--what", what, "--json"] + (["--stages"] if stages else [])
    done = subprocess.run(cmd, cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True,
                          preexec_fn=_cpu_limit(budget))
    if done.returncode != 0:
        if done.returncode > 0:  # a crash, not the budget: say so
            print(done.stderr[-2000:], file=sys.stderr)
        return None
    return json.loads(done.stdout)


def growth_exponent(sizes: Sequence[int], times: Sequence[Optional[float]]) -> Optional[float]:
    """k in time ~ size**k from the first and last measured points (1 = linear, 2 = quadratic)."""
    import math

    pts = [(s, t) for s, t in zip(sizes, times) if t is not None and t > 0]
    if len(pts) < 2 or pts[0][1] < 0.01:
        return None
    (s0, t0), (s1, t1) = pts[0], pts[-1]
    return math.log(t1 / t0) / math.log(s1 / s0)


def sweep(name: str, what: str, sizes: Sequence[int]) -> List[Optional[float]]:
    times: List[Optional[float]] = []
    for size in sizes:
        r = measure_in_child(name, size, what) if not times or times[-1] is not None else None
        times.append(r[what][0] if r else None)
    return times


def linear_table(sizes_mb: Sequence[int] = (1, 2, 4, 8), huge_mb: Optional[int] = 100) -> str:
    sizes = [s * MB for s in sizes_mb]
    lines = [
        "## Linear time on adversarial lines",
        "",
        "One line (no newline) of each pattern repeated; CPU seconds (`time.process_time`, each in a fresh "
        f"process killed after {CPU_BUDGET} CPU s) for `fix_text` and `explain`. *ratio* = time at "
        f"{sizes_mb[-1]} MB / time at {sizes_mb[0]} MB ({sizes_mb[-1] // sizes_mb[0]} is linear, "
        f"{(sizes_mb[-1] // sizes_mb[0]) ** 2} quadratic); *k* is the exponent in time ~ size^k "
        "(1 linear, 2 quadratic); *slowest stage* is the stage whose `find` costs most on the largest "
        "line measured. A pattern that cannot reach 2 MB in the budget is measured at "
        + ", ".join(f"{s >> 10} KB" for s in SMALL_SIZES) + " instead (second row).",
        "",
        "| pattern | function | " + " | ".join(f"{s} MB" for s in sizes_mb) + " | ratio | k | MB/s | slowest stage |",
        "|---|---|" + "---:|" * len(sizes_mb) + "---:|---:|---:|---|",
    ]
    slow_patterns = []
    for name in PATTERNS:
        for w in ("fix_text", "explain"):
            ts = sweep(name, w, sizes)
            done = [(s, t) for s, t in zip(sizes, ts) if t is not None]
            ratio = f"{ts[-1] / ts[0]:.1f}" if ts[-1] is not None and ts[0] else "-"
            k = growth_exponent(sizes, ts)
            rate = f"{done[-1][0] / MB / done[-1][1]:.2f}" if done and done[-1][1] > 0 else "-"
            stage_at = done[-1][0] if done else SMALL_SIZES[-1]
            slow = "-"
            if w == "fix_text":
                r = measure_in_child(name, stage_at, "fix_text", stages=True)
                st = r["stages"] if r else {}
                if st:
                    top = max(st, key=st.get)
                    slow = f"{top} ({_fmt(st[top])} s at {stage_at / MB:.2g} MB)"
            lines.append(f"| `{name}` | {w} | " + " | ".join(_fmt(t) for t in ts) +
                         f" | {ratio} | {'-' if k is None else f'{k:.2f}'} | {rate} | {slow} |")
            if len(done) < 2:
                small = sweep(name, w, SMALL_SIZES)
                k = growth_exponent(SMALL_SIZES, small)
                slow_patterns.append(name)
                lines.append(f"| `{name}` (small) | {w} | " + " | ".join(
                    f"{_fmt(t)} @ {s >> 10} KB" for s, t in zip(SMALL_SIZES, small)) + " | " * (len(sizes_mb) - len(SMALL_SIZES))
                    + f" | - | {'-' if k is None else f'{k:.2f}'} | - | |")
        print(f"  {name}: done", file=sys.stderr, flush=True)
    lines.append("")
    lines.append("Patterns: " + "; ".join(f"`{n}` = `{p[0]!r}`" + (f" between `{p[2]!r}` and `{p[3]!r}`" if len(p) > 2 else "")
                                           + f" ({p[1]})" for n, p in PATTERNS.items()) + ".")
    if slow_patterns:
        lines += ["", "Not linear or too slow to reach 2 MB within the budget: "
                  + ", ".join(f"`{n}`" for n in dict.fromkeys(slow_patterns)) + "."]
    if huge_mb:
        r = measure_in_child("han_ascii_punct", huge_mb * MB, "fix_text", budget=HUGE_BUDGET)
        if r:
            t_fix = r["fix_text"][0]
            lines += ["", f"A single {huge_mb} MB line of `han_ascii_punct` (every mark converts): `fix_text` took "
                          f"{t_fix:.1f} s CPU ({huge_mb / t_fix:.2f} MB/s)."]
        else:
            lines += ["", f"A single {huge_mb} MB line of `han_ascii_punct`: `fix_text` did not finish within "
                          f"{HUGE_BUDGET} CPU seconds."]
    lines += ["", "Reproduce: `python -m benchmarks.bench_linear` (add `--no-huge` to skip the 100 MB line).", ""]
    return "\n".join(lines)


def main(huge: bool = True) -> str:
    from benchmarks import fuzz

    section = linear_table(huge_mb=100 if huge else None) + "\n" + fuzz.report()
    return section


def cli(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_linear")
    parser.add_argument("--no-huge", action="store_true", help="skip the 100 MB line")
    parser.add_argument("--pattern", choices=sorted(PATTERNS), help="measure one pattern only")
    parser.add_argument("--sizes", default="200000,800000", help="bytes, comma-separated (with --pattern)")
    parser.add_argument("--what", default="fix_text,explain", help="functions to time (with --pattern)")
    parser.add_argument("--json", action="store_true", help="print JSON (with --pattern)")
    parser.add_argument("--stages", action="store_true", help="also time each stage at the largest size")
    args = parser.parse_args(argv)
    if args.pattern:
        warm_up(args.pattern)
        sizes = [int(s) for s in args.sizes.split(",")]
        r = measure(args.pattern, sizes, args.what.split(","))
        if args.stages or args.what == "fix_text,explain":
            r["stages"] = stage_seconds(make(args.pattern, sizes[-1]))
        print(json.dumps(r) if args.json else r)
        return 0
    print(main(huge=not args.no_huge))
    return 0


if __name__ == "__main__":
    sys.exit(cli())
