"""Encoding detection on short and long real text: encfix beside charset-normalizer alone.

Each sample is a window of real clean text, cut at a character boundary so that its encoded form
is at most 16, 64, 256 or 4096 bytes, encoded with a codec that can carry that language.  A
detector is right when the bytes decode back to exactly the original text.

Run: ``python -m benchmarks.bench_detect`` (``--per-cell N`` samples per language x codec x size).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import defaultdict
from typing import Dict, List, Optional, Tuple

SIZES = (16, 64, 256, 4096)
#: the codecs the headline numbers are about (issue 5); others are measured and listed beside them
HEADLINE = ("gb18030", "big5", "shift_jis", "euc_jp", "euc_kr", "utf-8", "utf-16", "cp1252")
#: which codecs carry which language (the pairs found in the wild); UTF-8/16 carry every language
PAIRS: Dict[str, Tuple[str, ...]] = {
    "zh-Hans": ("gb18030", "utf-8", "utf-16"),
    "zh-Hant": ("big5", "gb18030", "utf-8", "utf-16"),
    "ja": ("shift_jis", "euc_jp", "utf-8", "utf-16"),
    "ko": ("euc_kr", "utf-8", "utf-16"),
    "ru": ("cp1251", "koi8_r", "utf-8", "utf-16"),
    "en-fr": ("cp1252", "utf-8", "utf-16"),
}
#: the kinds asked of ``benchmarks.corpora.load`` for each language
CORPUS_KINDS = {
    "zh-Hans": ("zh-news", "zh-hans"),
    "zh-Hant": ("zh-hant-law", "zh-hant"),
    "ja": ("ja",),
    "ko": ("ko",),
    "ru": ("ru",),
    "en-fr": ("en", "fr"),
}
HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "shared"))


def _from_corpora(lang: str) -> List[str]:
    try:
        from benchmarks import corpora
    except ImportError:
        return []
    texts: List[str] = []
    for kind in CORPUS_KINDS[lang]:
        try:
            texts += [t for t in corpora.load(kind) if t.strip()]
        except Exception:  # a kind the corpus module does not offer
            continue
    return texts


def _fallback(lang: str) -> List[str]:
    """Real text shipped with Python's own test suite and in ../shared/ (when corpora is missing)."""
    import sysconfig

    cjk = os.path.join(sysconfig.get_paths()["stdlib"], "test", "cjkencodings")
    files = {
        "zh-Hans": ["gb2312-utf8.txt", "gbk-utf8.txt", "gb18030-utf8.txt"],
        "zh-Hant": ["big5-utf8.txt"],
        "ja": ["euc_jp-utf8.txt", "shift_jis-utf8.txt"],
        "ko": ["euc_kr-utf8.txt", "cp949-utf8.txt"],
    }.get(lang, [])
    texts = []
    for name in files:
        path = os.path.join(cjk, name)
        if os.path.exists(path):
            texts.append(open(path, encoding="utf-8").read())
    if lang in ("ru", "en-fr"):
        texts += _translations("ru" if lang == "ru" else "fr")
    if lang == "zh-Hant":
        path = os.path.join(SHARED, "corpora", "taiwan_laws_moj_sample.jsonl")
        if os.path.exists(path):
            for line in open(path, encoding="utf-8"):
                texts.append(json.loads(line)["text"])
    if lang == "zh-Hans":
        path = os.path.join(SHARED, "conformance", "opencc", "golden", "us_constitution_zhs.txt")
        if os.path.exists(path):
            texts.append(open(path, encoding="utf-8").read())
    return texts


def _translations(locale: str) -> List[str]:
    """Translated messages of the system's own programs (Debian's gettext catalogues): real
    Russian and French sentences, read when ``benchmarks.corpora`` offers none."""
    import gettext
    import glob

    texts = []
    for path in sorted(glob.glob(f"/usr/share/locale/{locale}/LC_MESSAGES/*.mo")):
        try:
            with open(path, "rb") as f:
                catalog = gettext.GNUTranslations(f)._catalog
        except Exception:
            continue
        msgs = [v for k, v in sorted(catalog.items(), key=lambda kv: str(kv[0])) if k and isinstance(v, str)]
        msgs = [m for m in msgs if len(m) > 20]
        if msgs:
            texts.append("\n".join(msgs))
    return texts


def texts_for(lang: str) -> Tuple[List[str], str]:
    texts = _from_corpora(lang)
    if texts and lang == "en-fr":
        return texts + _translations("fr"), "benchmarks.corpora en + Debian fr message catalogues"
    if texts:
        return texts, "benchmarks.corpora"
    if lang == "ru":
        return _translations("ru"), "Debian ru message catalogues"
    return _fallback(lang), "fallback"


def window(text: str, start: int, size: int, codec: str) -> Optional[str]:
    """The longest run of ``text`` from ``start`` whose ``codec`` form is at most ``size`` bytes."""
    out = []
    used = len("".encode(codec))  # the BOM of utf-16
    for ch in text[start:]:
        try:
            n = len(ch.encode(codec)) - len("".encode(codec))
        except UnicodeEncodeError:
            return None
        if used + n > size:
            break
        out.append(ch)
        used += n
    s = "".join(out)
    return s if len(s) >= 2 else None


def samples(per_cell: int, seed: int = 20261128):
    rng = random.Random(seed)
    for lang, codecs_ in PAIRS.items():
        texts, origin = texts_for(lang)
        if not texts:
            continue
        big = "\n".join(texts)
        for codec in codecs_:
            for size in SIZES:
                got = 0
                tries = 0
                while got < per_cell and tries < per_cell * 20:
                    tries += 1
                    start = rng.randrange(0, max(1, len(big) - size))
                    # start at a line or a sentence, as a file or a cell would
                    nl = big.rfind("\n", 0, start)
                    start = nl + 1 if nl != -1 and start - nl < 200 else start
                    s = window(big, start, size, codec)
                    if s is None or not s.strip():
                        continue
                    got += 1
                    yield lang, codec, size, s, s.encode(codec)


def _ours(data: bytes) -> str:
    from encfix.decode import decode

    try:
        return decode(data).text
    except Exception:
        return "\x00<failed>"


def _charset_normalizer(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return "\x00<none>" if best is None else str(best)


def run(per_cell: int = 20, seed: int = 20261128):
    cells = defaultdict(lambda: [0, 0, 0])  # (lang, codec, size) -> [n, ours right, cn right]
    misses = []
    t_ours = t_cn = 0.0
    for lang, codec, size, text, data in samples(per_cell, seed):
        t0 = time.perf_counter()
        ours = _ours(data)
        t1 = time.perf_counter()
        cn = _charset_normalizer(data)
        t2 = time.perf_counter()
        t_ours += t1 - t0
        t_cn += t2 - t1
        c = cells[(lang, codec, size)]
        c[0] += 1
        c[1] += ours == text
        c[2] += cn == text
        if ours != text:
            misses.append((lang, codec, size, text, ours))
    return cells, misses, t_ours, t_cn


def _pct(a: int, n: int) -> str:
    return f"{100.0 * a / n:.1f}%" if n else "-"


def report(cells, t_ours: float, t_cn: float, per_cell: int, seed: int = 20261128) -> str:
    by_size = defaultdict(lambda: [0, 0, 0])
    by_codec = defaultdict(lambda: [0, 0, 0])
    legacy16 = [0, 0, 0]
    total = [0, 0, 0]
    for (lang, codec, size), (n, a, b) in cells.items():
        if codec not in HEADLINE:
            by_codec[codec][0] += n
            by_codec[codec][1] += a
            by_codec[codec][2] += b
            continue
        for agg in (by_size[size], by_codec[codec], total):
            agg[0] += n
            agg[1] += a
            agg[2] += b
        if size == 16 and codec in ("gb18030", "big5", "shift_jis", "euc_jp", "euc_kr"):
            legacy16[0] += n
            legacy16[1] += a
            legacy16[2] += b
    origins = {lang: texts_for(lang)[1] for lang in PAIRS}
    lines = [
        "## Encoding detection (`encfix.decode`)",
        "",
        f"{total[0]} samples of real clean text ({', '.join(f'{k}: {v}' for k, v in origins.items())}), "
        f"{per_cell} per language x codec x size, cut at character boundaries; right = the bytes decode "
        "back to exactly the original text.",
        "",
        f"Headline codecs: {', '.join(HEADLINE)} (the other codecs are listed per codec below).",
        "",
        "| bytes | samples | encfix | charset-normalizer alone |",
        "|---:|---:|---:|---:|",
    ]
    for size in SIZES:
        n, a, b = by_size[size]
        lines.append(f"| {size} | {n} | {_pct(a, n)} | {_pct(b, n)} |")
    lines.append(f"| **all** | {total[0]} | **{_pct(total[1], total[0])}** | {_pct(total[2], total[0])} |")
    lines.append(
        f"| 16, legacy CJK only | {legacy16[0]} | {_pct(legacy16[1], legacy16[0])} | {_pct(legacy16[2], legacy16[0])} |"
    )
    lines += ["", "| codec | samples | encfix | charset-normalizer alone |", "|---|---:|---:|---:|"]
    for codec in sorted(by_codec, key=lambda c: (c not in HEADLINE, c)):
        n, a, b = by_codec[codec]
        extra = "" if codec in HEADLINE else " (not in headline)"
        lines.append(f"| {codec}{extra} | {n} | {_pct(a, n)} | {_pct(b, n)} |")
    lines += [
        "",
        f"Time for all samples: encfix {t_ours:.1f} s, charset-normalizer {t_cn:.1f} s (this machine).",
        "",
        f"Reproduce: `python -m benchmarks.bench_detect --per-cell {per_cell} --seed {seed}`",
        "",
    ]
    return "\n".join(lines)


_STREAM_CHILD = r"""
import resource, sys, time
from encfix.decode import decode_stream
t = time.perf_counter()
chars = 0
for piece in decode_stream(sys.stdin.buffer):
    chars += len(piece)
print(chars, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def stream_memory(megabytes: int, codec: str) -> Tuple[int, float, float]:
    """Pipe ``megabytes`` of real text in ``codec`` through ``decode_stream`` on a child's stdin;
    return (characters decoded, seconds, peak resident MB of the child)."""
    import subprocess

    texts, _ = texts_for("zh-Hans")
    block = ("\n".join(texts[:200]) + "\n").encode(codec)
    total = megabytes << 20
    child = subprocess.Popen([sys.executable, "-c", _STREAM_CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    sent = 0
    while sent < total:
        piece = block[: total - sent]
        child.stdin.write(piece)
        sent += len(piece)
    child.stdin.close()
    out = child.stdout.read().split()
    child.wait()
    return int(out[0]), float(out[1]), int(out[2]) / 1024.0


def stream_report(megabytes: int) -> str:
    lines = [
        "",
        "### Streaming: memory stays bounded",
        "",
        f"{megabytes} MB of People's Daily text piped through `encfix.decode.decode_stream` on a child process's "
        "stdin (1 MB chunks); peak resident memory of the child (Python, encfix, charset-normalizer included).",
        "",
        "| codec | MB in | seconds | MB/s | peak RSS |",
        "|---|---:|---:|---:|---:|",
    ]
    for codec in ("utf-8", "gb18030"):
        chars, seconds, rss = stream_memory(megabytes, codec)
        lines.append(f"| {codec} | {megabytes} | {seconds:.1f} | {megabytes / seconds:.0f} | {rss:.0f} MB |")
    lines += ["", f"Reproduce: `python -m benchmarks.bench_detect --stream-mb {megabytes}`", ""]
    return "\n".join(lines)


def main(per_cell: int = 20, show_misses: bool = False, seed: int = 20261128, stream_mb: int = 1024) -> str:
    cells, misses, t_ours, t_cn = run(per_cell, seed)
    text = report(cells, t_ours, t_cn, per_cell, seed)
    if stream_mb:
        text += stream_report(stream_mb)
    if show_misses:
        for lang, codec, size, want, got in misses:
            print(f"MISS {lang} {codec} {size}: {want!r} -> {got!r}", file=sys.stderr)
    return text


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-cell", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20261128, help="which windows of the corpora are drawn")
    parser.add_argument("--misses", action="store_true", help="print each wrong sample to stderr")
    parser.add_argument("--stream-mb", type=int, default=1024, help="size of the streaming run (0: skip it)")
    args = parser.parse_args()
    print(main(args.per_cell, args.misses, args.seed, args.stream_mb))
