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


def warm_up() -> None:
    for fn in functions().values():
        for name in PATTERNS:
            fn(make(name, 2000))


def measure(name: str, sizes: Sequence[int], what: Sequence[str] = ("fix_text", "explain")) -> dict:
    """CPU seconds of each function on the pattern at each size."""
    fns = functions()
    result = {"pattern": name, "sizes": list(sizes)}
    for w in what:
        result[w] = [cpu_seconds(fns[w], make(name, size)) for size in sizes]
    return result


def _fmt(seconds: float) -> str:
    return f"{seconds:.2f}" if seconds >= 0.1 else f"{seconds:.3f}"


def linear_table(sizes_mb: Sequence[int] = (1, 2, 4, 8), huge_mb: Optional[int] = 100) -> str:
    warm_up()
    sizes = [s * MB for s in sizes_mb]
    lines = [
        "## Linear time on adversarial lines",
        "",
        "One line (no newline) of each pattern repeated; CPU seconds (`time.process_time`) for `fix_text` and "
        f"`explain`. *ratio* = time at {sizes_mb[-1]} MB / time at {sizes_mb[0]} MB "
        f"({sizes_mb[-1] // sizes_mb[0]} is linear, {(sizes_mb[-1] // sizes_mb[0]) ** 2} would be quadratic); "
        "*slowest stage* is the stage whose `find` costs most on the largest line.",
        "",
        "| pattern | function | " + " | ".join(f"{s} MB" for s in sizes_mb) + " | ratio | MB/s | slowest stage |",
        "|---|---|" + "---:|" * len(sizes_mb) + "---:|---:|---|",
    ]
    for name in PATTERNS:
        r = measure(name, sizes)
        stages = stage_seconds(make(name, sizes[-1]))
        slow = max(stages, key=stages.get) if stages else "-"
        for w in ("fix_text", "explain"):
            ts = r[w]
            ratio = ts[-1] / ts[0] if ts[0] > 0 else float("inf")
            rate = sizes_mb[-1] / ts[-1] if ts[-1] > 0 else float("inf")
            lines.append(f"| `{name}` | {w} | " + " | ".join(_fmt(t) for t in ts) +
                         f" | {ratio:.1f} | {rate:.1f} | {slow} ({_fmt(stages.get(slow, 0))} s) |")
        print(f"  {name}: done", file=sys.stderr, flush=True)
    lines.append("")
    lines.append("Patterns: " + "; ".join(f"`{n}` = `{p[0]!r}`" + (f" between `{p[2]!r}` and `{p[3]!r}`" if len(p) > 2 else "")
                                           + f" ({p[1]})" for n, p in PATTERNS.items()) + ".")
    if huge_mb:
        import encfix

        text = make("han_ascii_punct", huge_mb * MB) + make("ruby_stacked", MB) + make("latin1_utf8_mojibake", MB)
        t_fix = cpu_seconds(encfix.fix_text, text)
        size = len(text.encode("utf-8")) / MB
        del text
        lines += ["", f"A single {size:.0f} MB line (`han_ascii_punct` with 1 MB of `ruby_stacked` and 1 MB of "
                      f"`latin1_utf8_mojibake` at the end): `fix_text` took {t_fix:.1f} s CPU "
                      f"({size / t_fix:.1f} MB/s)."]
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
    args = parser.parse_args(argv)
    if args.pattern:
        warm_up()
        sizes = [int(s) for s in args.sizes.split(",")]
        r = measure(args.pattern, sizes, args.what.split(","))
        r["stages"] = stage_seconds(make(args.pattern, sizes[-1]))
        print(json.dumps(r) if args.json else r)
        return 0
    print(main(huge=not args.no_huge))
    return 0


if __name__ == "__main__":
    sys.exit(cli())
