"""Adversarial lines: no catastrophic backtracking, no quadratic scan, no crash on long runs.

Each pattern (``benchmarks/bench_linear.py``: 1 line of ``,``, ``(``, ``(qū)``, Han against ASCII
punctuation, ``區(qū),,``, U+FFFD, ``锟斤拷``, Latin-1 mojibake, ``|``, ``![]()`` ...) is timed at
200 KB and 800 KB in a child process with a hard limit on CPU time (so a loaded machine slows the
test down but does not fail it).  Linear code takes about 4x as long on
the larger line; the test fails at 8x (quadratic would be 16x) or when the child runs out of time.
This is a guard against blow-ups, not a speed measurement: ``python -m benchmarks.bench_linear``
measures.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `benchmarks` is a package at the root, beside `encfix`
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_linear import PATTERNS, make, stage_seconds  # noqa: E402
from benchmarks.fuzz import check_text  # noqa: E402

SMALL, LARGE = 200_000, 800_000
#: linear is 4x; quadratic is 16x.  Generous, because the machine is shared.
MAX_RATIO = 8
#: below this many CPU seconds a timing is noise: the ratio is taken against at least this
NOISE_FLOOR = 0.02
#: CPU seconds: a child that needs longer than this for 1 MB of input in total is stuck
CPU_LIMIT = 30
#: wall seconds, the last resort when the machine is overloaded
WALL_LIMIT = 900


def _limit_cpu() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT + 5))


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_time_grows_linearly_with_the_line(name):
    cmd = [sys.executable, "-m", "benchmarks.bench_linear", "--pattern", name,
           "--sizes", f"{SMALL},{LARGE}", "--json"]
    try:
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=WALL_LIMIT,
                              preexec_fn=_limit_cpu if sys.platform != "win32" else None)
        stuck = done.returncode < 0  # killed by SIGXCPU/SIGKILL at the CPU limit
    except subprocess.TimeoutExpired:
        stuck = True
    if stuck:
        growth = {size: stage_seconds(make(name, size)) for size in (10_000, 20_000)}
        pytest.fail(f"{name} ({PATTERNS[name][0]!r} repeated to {SMALL} and {LARGE} bytes) did not finish in "
                    f"{CPU_LIMIT} CPU seconds: catastrophic backtracking, a quadratic scan or a very slow stage; "
                    f"CPU seconds of each stage at 10 KB and 20 KB: {growth}")
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    for what in ("fix_text", "explain"):
        small, large = result[what]
        assert large < MAX_RATIO * max(small, NOISE_FLOOR), (
            f"{what} on {name}: {small:.3f} s at {SMALL} bytes but {large:.3f} s at {LARGE} bytes "
            f"({large / max(small, 1e-9):.1f}x for 4x the input); stage CPU seconds at {LARGE} bytes: "
            f"{result['stages']}"
        )


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_long_runs_keep_every_promise(name):
    """10 KB of each pattern on one line: no exception, idempotent, explain reproduces fix."""
    check_text(make(name, 10_000))


def test_long_runs_inside_prose_keep_every_promise():
    """The patterns between real sentences, on one line and on many."""
    prose = "示範區認真組織收聽收看，並隨即召開專題會議。"
    one_line = prose.join(make(name, 3000) for name in sorted(PATTERNS))
    check_text(one_line)
    check_text(one_line.replace("。", "。\r\n"))


#: Inputs that were catastrophic for one function of the mojibake stage, each run in a child
#: with the CPU limit above (each took far longer than the limit before its fix, well under a
#: second after).
QUADRATIC_BEFORE = {
    # Shift_JIS katakana read as cp866: every Г after an ASCII byte of a long run was a start of
    # its own, and a look-ahead behind the greedy run backed it off pair by pair
    "katakana-as-cp866-run": """
import encfix
encfix.fix_text("東京で記者会見を開いた。\\n" * 100 + "Гv" * 60_000 + "Д")
""",
    # the leftovers of many repaired lines: each line scanned every repair of the document
    "line-leftovers-of-many-lines": """
from encfix.findings import edit
from encfix.stages import mojibake
line = "Foundationé═7îÄ19ô·üAâEâFâuâuâëâEâU Firefox\\n"
doc = line * 40_000
edits = [edit("mojibake.sjis-as-cp437", doc, k * len(line) + 19, k * len(line) + 35, "、ウェブブラウザ", "")
         for k in range(40_000)]
mojibake._repair_code_page_line_leftovers(doc, edits, "ja")
line = "士填会はMontecito寒里ム〖ドに\\n"
doc = line * 40_000
edits = [edit("mojibake.eucjp-as-gbk", doc, k * len(line) + 12, k * len(line) + 17, "混戦ムード", "")
         for k in range(40_000)]
mojibake._repair_line_leftovers(doc, edits)
""",
}


@pytest.mark.parametrize("name", sorted(QUADRATIC_BEFORE))
def test_mojibake_stage_inputs_that_were_quadratic_finish(name):
    cmd = [sys.executable, "-c", QUADRATIC_BEFORE[name]]
    try:
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=WALL_LIMIT,
                              preexec_fn=_limit_cpu if sys.platform != "win32" else None)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name} did not finish in {WALL_LIMIT} wall seconds")
    assert done.returncode >= 0, f"{name} did not finish in {CPU_LIMIT} CPU seconds: a quadratic scan or backtracking"
    assert done.returncode == 0, done.stderr[-3000:]
