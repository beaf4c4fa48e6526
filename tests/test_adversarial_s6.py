"""Adversarial documents for the line passes of ``encfix.stages.mojibake_foreign`` and the choice
among the span search's candidates: no quadratic scan.

Each case runs in a child process with a hard limit on CPU time (so a loaded machine slows the test
down but does not fail it), at a size where the quadratic code this guards against took minutes and
linear code takes a second or two: a Korean document with one line of ``". "`` runs between two Han
characters (the rule-stripping regex tried every position of the run, each to its end: 9.5 s in
``fix_text`` at 20,000 pairs), and Korean bills of tens of thousands of label lines and short lines
(each looked for its word or letters in a fresh copy of the rest of the document: ``form_repairs``
4.9 s at 10,000 label lines, ``short_line_repairs`` 29 s at 20,000 short lines).  This is a guard
against blow-ups, not a speed measurement.  And lines of 1,200 garbled signatures set between
Chinese characters (GBK read as Latin-1), each a candidate of its own: ``choose`` compared every
candidate with every other (25 s for one such line of 15,600 characters; 3 s now).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: CPU seconds: linear code needs a few; the quadratic code guarded against, minutes
CPU_LIMIT = 30
#: wall seconds, the last resort when the machine is overloaded
WALL_LIMIT = 900

_KOREAN = "대한민국 헌법은 국민의 기본권을 보장한다. 이 법은 공포한 날부터 시행한다.\n" * 5

#: name -> (the document, the call, what the child prints as its result); each document is
#: built in the child so that the test process stays small
CASES = {
    # one line of 100,000 ``". "`` between two Han characters in a Korean document
    "dots-in-a-korean-line": (
        f"doc = {_KOREAN!r} + '漢字' + '. ' * 100_000 + '漢字\\n' + {_KOREAN!r}",
        "from encfix.api import fix_text; result = fix_text(doc) == doc",
        True,
    ),
    # 40,000 labels ``(생  략)`` read as GBK, the bill writing the label once on its first line
    "korean-label-lines": (
        "doc = '  1. ∼ 9. (생  략)\\n' + '  10. ⅵ 17. (积  帆)\\n국민의 기본권을 보장한다.\\n' * 40_000",
        "from encfix.stages.mojibake_foreign import form_repairs; "
        "result = sum(r[2] == '  10. ～ 17. (생  략)' for r in form_repairs(doc, 'ko'))",
        40_000,
    ),
    # 40,000 terms ``3년`` read as Latin-1, padded with rules, the bill writing 년 once, at its end
    "korean-short-lines": (
        "doc = '---------- 3³â ----------\\n국민의 기본권을 보장한다.\\n' * 40_000 + '징역 2년\\n'",
        "from encfix.stages.mojibake_foreign import short_line_repairs; "
        "result = sum(r[2] == '3년' for r in short_line_repairs(doc, 'ko'))",
        40_000,
    ),
    # three lines of 1,200 commentary signatures 脂砚斋评。 read as Latin-1, between 也。 and 】
    "signatures-between-chinese": (
        "orig = ('也。脂砚斋评。】' * 1_200 + '\\n') * 3; "
        "doc = (('也。' + '脂砚斋评。'.encode('gbk').decode('latin-1') + '】') * 1_200 + '\\n') * 3",
        "from encfix.api import fix_text; result = fix_text(doc, punctuation=False) == orig",
        True,
    ),
}


def _limit_cpu() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT + 5))


@pytest.mark.parametrize("name", sorted(CASES))
def test_long_documents_take_linear_time(name):
    build, call, expected = CASES[name]
    code = f"{build}\n{call}\nimport json; print(json.dumps(result))"
    try:
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                              timeout=WALL_LIMIT, preexec_fn=_limit_cpu if sys.platform != "win32" else None)
        stuck = done.returncode < 0  # killed by SIGXCPU/SIGKILL at the CPU limit
    except subprocess.TimeoutExpired:
        stuck = True
    assert not stuck, f"{name} did not finish in {CPU_LIMIT} CPU seconds: a quadratic scan or catastrophic backtracking"
    assert done.returncode == 0, done.stderr[-3000:]
    # (and the passes still do their work at this size: every label and term repaired)
    assert json.loads(done.stdout) == expected
