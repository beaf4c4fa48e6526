"""Fuzz ``fix_text`` / ``explain`` / ``fix_bytes`` and check encfix's promises on every input.

    python -m benchmarks.fuzz --seconds 600      # one bounded round (what ``make fuzz`` runs)
    python -m benchmarks.fuzz --report           # the Markdown section with the totals so far
    python -m benchmarks.fuzz --replay FILE...   # run saved inputs (crash artifacts, regressions)

A round runs the target under atheris (libFuzzer, coverage-guided over ``encfix``) when it is
installed, else under hypothesis at scale.  The target does not stop at the first failure: each
failing input is saved under ``benchmarks/.cache/fuzz/crashes/<signature>/`` (a signature is the
exception type plus the place in encfix that raised it, or the property that broke), at the end of
the round the smallest input of every new signature is shrunk and written to
``tests/regressions/`` where ``tests/test_regressions.py`` replays it, and the round's time,
executions and failures are appended to ``benchmarks/fuzz_stats.json`` (what ``--report`` sums).

The promises checked (the same as ``tests/test_properties.py``):

* nothing raises -- except :class:`encfix.decode.DecodeError` from ``fix_bytes`` on binary input;
* ``fix_text(fix_text(x)) == fix_text(x)``;
* ``apply(x, explain(x)) == fix_text(x)``;
* every finding's ``x[start:end] == old``, its line/column are those of ``start``, and edits
  do not overlap.

Inputs are built from the fuzzer's bytes in several ways (the first byte chooses): raw bytes to
``fix_bytes``; the bytes read as UTF-8 (lone surrogates allowed); sequences of *tokens* -- the
pieces damaged Chinese text is made of (Han, ASCII and full-width punctuation, ``(qū)``, mojibake
runs, U+FFFD, ``锟斤拷``, ``\\r\\n``, table residue); and token text pushed through a wrong pair of
codecs, which makes fresh mojibake of every family encfix repairs.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "benchmarks" / ".cache" / "fuzz"
CORPUS = CACHE / "corpus"
CRASHES = CACHE / "crashes"
STATS = ROOT / "benchmarks" / "fuzz_stats.json"
REGRESSIONS = ROOT / "tests" / "regressions"

#: the largest input the fuzzer makes (bytes); long inputs belong to the linear-time benchmark
MAX_LEN = 1024
#: seconds one input may take before libFuzzer calls it a hang (instrumented, on a loaded machine)
HANG_SECONDS = 120
#: seconds past the end of a round before the parent interrupts the worker
GRACE_SECONDS = 30
#: how many inputs to keep per failure signature
KEEP_PER_SIGNATURE = 5

# ----------------------------------------------------------------------------------------------
# The pieces damaged (and sound) CJK text is made of.
# ----------------------------------------------------------------------------------------------

HAN = tuple("區域測試的是中國人我們在有這個上來到時大地為子中你說生國年著就那和要她出也得裏後自以會"
            "家可下而過天去能對小多然於心學麼之都好看起發當沒成只如事把還用第樣道想作種開美總從無情"
            "己面最女但現前些所同日手又行意動方期它頭經長兒回位分愛老因很給名法間斯知世什兩次使身者"
            "被高已亲其进此话常与活正感见明问力理尔点文几定本公特做外孩相西果走将月十实向声车全信重"
            "三机工物气每并别真打太新比才便夫再书部水像眼等体却加电主界门利海受听表德少克代员许稜先"
            "口由死安写性马光白或住难望教命花结乐色更拉东神记处让母父应直字场平报友关放至张认接告入"
            "笑内英军候民岁往何度山觉路带万男边风解叫任金快原吃妈变通师立象数四失满战远格士音轻目条"
            "呢病始达深完今提求清王化空业思切怎非找片罗钱紶吗语元喜曾离飞科言干流欢约各即指合反题必"
            "該專題會議視頻形式召開範認真組織收聽並隨召開業安排部署疫情防控工作黨書記呂沛領導劉春明")
PINYIN = ("(qū)", "(yù)", "(shì)", "(zhōng)", "(guó)", "(lǜ)", "(a)", "(ā)", "(hǎo)", "(de)", "(lüè)",
          "(qu)", "(Qū)", "（qū）", "(q", "ū)", "(x)", "(pin yin)", "(1)", "(a1)")
ASCII_PUNCT = tuple(",.;:?!()[]{}\"'|-/\\*#_~`<>=+&%$@^") + (",,", ",、", ",。", ",;", ",,,,", "...", "--")
FULL_PUNCT = tuple("，、。；：？！（）「」『』“”‘’《》【】…—～·　") + ("，，", "。。", "、、")
RESIDUE = ("| |||||", "|", "||", "![]()", "![img](a.png)", "[]()", "![](", "<br>", "&nbsp;", "&amp;",
           "<p>", "</p>", "| --- |", "* ", "# ", "> ")
DAMAGE = ("\ufffd", "\ufffd\ufffd", "\ufffd\ufffd\ufffd\ufffd", "锟斤拷", "锟斤拷锟斤拷", "烫烫烫", "屯屯屯", "?", "??")
MOJIBAKE = (
    "ä¸­æ–‡", "æµ‹è¯•", "Ã©", "Ã¨", "Ã¤", "â€™", "â€œ", "â€\x9d", "â€", "Â ", "Ã", "Â", "\x80", "\x9d",
    "ÖÐÎÄ", "²âÊÔ", "¤¤¤å", "´ú¸Õ", "涓枃", "娴嬭瘯", "鍙傝€冩枃鐚", "銆", "锛", "銆傘", "ﾖﾐﾎﾄ",
    "çãå", "�ã", "Ð²Ð°Ñ", "ÃƒÂ©", "Ã¢â‚¬â„¢", "æ\x97¥æ\x9c¬", "í•œêµ\xadì–´", "ÇÑ±¹¾î",
)
OTHER = (
    " ", "  ", "\t", "\n", "\r\n", "\r", "\n\n", "\u3000", "\x00", "\u200b", "\ufeff", "\u0301", "\u00a0",
    "1,000", "10:30", "2021年", "１２３", "２０２１", "http://a.b/c?d=1&e=2", "=COUNTIF(A1:A9,\">1\")",
    "Hello, world.", "e.g.", "a", "Z", "the", "I", "OK", "日本語の文章です。", "ｶﾀｶﾅ", "ひらがな",
    "한국어, 텍스트.", "안녕하세요!", "😀", "\U00020000", "\ud800", "\udfff", "Ω", "é", "ß", "ﬁ", "Ⅳ",
)
TOKENS: Tuple[str, ...] = tuple(dict.fromkeys(HAN + PINYIN + ASCII_PUNCT + FULL_PUNCT + RESIDUE + DAMAGE + MOJIBAKE + OTHER))

#: (encode as, decode as): how real mojibake is made.  Text is encoded with errors="replace" and
#: decoded with the handler the fuzzer picks, as wrong decoders do.
CODEC_PAIRS = (
    ("utf-8", "cp1252"), ("utf-8", "latin-1"), ("utf-8", "gbk"), ("utf-8", "gb18030"), ("utf-8", "big5"),
    ("utf-8", "shift_jis"), ("utf-8", "euc-kr"), ("utf-8", "cp437"), ("gbk", "latin-1"), ("gbk", "cp1252"),
    ("gbk", "cp437"), ("big5", "latin-1"), ("big5", "cp1252"), ("euc-kr", "latin-1"), ("euc-kr", "cp1252"),
    ("shift_jis", "latin-1"), ("gb18030", "big5"), ("big5", "gbk"), ("utf-8", "mac_roman"), ("utf-8", "utf-8"),
)
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "gbk", "gb18030", "big5", "shift_jis",
             "euc-jp", "euc-kr", "cp1252", "latin-1", "cp437", "hz", "iso2022_jp", "utf-7")
DECODE_ERRORS = ("replace", "ignore", "surrogateescape", "backslashreplace")
#: option sets the target runs with (most inputs use the defaults)
OPTION_SETS: Tuple[Dict[str, object], ...] = (
    {}, {}, {}, {}, {}, {},
    {"convert": "t2s"}, {"convert": "s2twp"}, {"flag_damage": False}, {"mojibake": False},
    {"punctuation": False}, {"ruby": False, "residue": False},
)


def tokens_from(data: bytes) -> str:
    """Read ``data`` as a sequence of token numbers (one or two bytes each) and join the tokens."""
    out = []
    n = len(TOKENS)
    i = 0
    while i < len(data):
        b = data[i]
        if b & 0x80 and i + 1 < len(data):
            k = ((b & 0x7F) << 8 | data[i + 1]) % n
            i += 2
        else:
            k = b % n
            i += 1
        out.append(TOKENS[k])
    return "".join(out)


# ----------------------------------------------------------------------------------------------
# The promises.
# ----------------------------------------------------------------------------------------------


class PropertyViolation(AssertionError):
    """encfix broke one of its promises on an input; ``prop`` names which one, ``stages`` the stages
    whose findings were involved (from the findings' kinds)."""

    def __init__(self, prop: str, message: str, stages: Sequence[str] = ()):
        super().__init__(f"{prop}: {message}")
        self.prop = prop
        self.stages = tuple(stages)


def stages_of(findings: Sequence) -> List[str]:
    """The stages named by findings' kinds (``mojibake.cjk+punct.stacked`` -> mojibake, punct)."""
    return sorted({k.split(".", 1)[0] for f in findings for k in f.kind.split("+")})


def _expect(ok: bool, prop: str, message: Callable[[], str], findings: Callable[[], Sequence] = list) -> None:
    if not ok:
        try:
            stages = stages_of(findings())
        except Exception:  # the findings themselves may be what is broken
            stages = []
        raise PropertyViolation(prop, message(), stages)


def line_and_column(text: str, pos: int) -> Tuple[int, int]:
    """1-based line and column of offset ``pos`` (lines end at ``\\n``, as encfix counts them)."""
    line_start = text.rfind("\n", 0, pos) + 1
    return text.count("\n", 0, pos) + 1, pos - line_start + 1


def check_findings(text: str, findings: Sequence) -> None:
    """Each finding points at its ``old`` text with the right line/column; edits don't overlap."""
    for f in findings:
        _expect(0 <= f.start <= f.end <= len(text), "offsets-in-range",
                lambda: f"{f.kind} at {f.start}:{f.end} outside a text of {len(text)}", lambda: [f])
        _expect(text[f.start:f.end] == f.old, "offsets-point-at-old",
                lambda: f"{f.kind} at {f.start}:{f.end} says old={f.old!r} but the text has "
                        f"{text[f.start:f.end]!r}", lambda: [f])
        _expect((f.line, f.column) == line_and_column(text, f.start), "line-column",
                lambda: f"{f.kind} at {f.start} says {f.line}:{f.column}, "
                        f"the text says {line_and_column(text, f.start)}", lambda: [f])
    edits = sorted((f for f in findings if not f.is_flag), key=lambda f: (f.start, f.end))
    for a, b in zip(edits, edits[1:]):
        _expect(a.end <= b.start and not (a.start == a.end == b.start == b.end), "edits-overlap",
                lambda: f"{a.kind} {a.start}:{a.end} and {b.kind} {b.start}:{b.end}", lambda: [a, b])


def _is_opencc_config(name) -> bool:
    """Is ``name`` an explicit OpenCC configuration (``t2s``, ``S2TWP.json``), not a target?"""
    from encfix.stages.convert import resolve

    return isinstance(name, str) and resolve(name).converts is None


def check_text(text: str, **options) -> str:
    """Run ``fix_text`` and ``explain`` on ``text`` and check every promise; return the fixed text."""
    from encfix import explain, fix_text
    from encfix.findings import apply

    fixed = fix_text(text, **options)
    _expect(isinstance(fixed, str), "returns-str", lambda: f"fix_text returned {type(fixed).__name__}")
    # fix_text is deterministic: when it changed nothing, fix(fix(x)) is fix(x) without asking again.
    # An explicit OpenCC configuration is applied as OpenCC applies it, once: OpenCC on its own
    # output can change it again (s2twp: 东干 -> 東干 -> 東幹), so there the repair is what must
    # be idempotent.  The targets (zh-Hans, zh-Hant...) skip text already in the target script
    # and are checked whole.
    second = options
    if _is_opencc_config(options.get("convert")):
        second = {k: v for k, v in options.items() if k != "convert"}
    again = fixed if fixed is text else fix_text(fixed, **second)
    _expect(again == fixed, "idempotent",
            lambda: f"fix_text(fix_text(x)) != fix_text(x): {fixed!r} -> {again!r}; second-pass findings: "
                    f"{[(f.kind, f.old, f.new) for f in explain(fixed, **second)]}",
            lambda: [f for f in explain(fixed, **second) if not f.is_flag])
    findings = explain(text, **options)
    check_findings(text, findings)
    replayed = apply(text, findings)
    _expect(replayed == fixed, "explain-reproduces-fix",
            lambda: f"apply(x, explain(x)) = {replayed!r} but fix_text(x) = {fixed!r}",
            lambda: [f for f in findings if not f.is_flag])
    if fixed is text or fixed == text:
        _expect(all(f.is_flag for f in findings), "explain-no-edits-when-unchanged",
                lambda: f"fix_text changed nothing but explain reports edits {findings!r}",
                lambda: [f for f in findings if not f.is_flag])
    return fixed


def check_clean(text: str, **options) -> None:
    """``text`` holds no damage: ``fix_text`` gives back the very same object and ``explain`` is empty."""
    from encfix import explain, fix_text

    fixed = fix_text(text, **options)
    _expect(fixed is text, "clean-text-unchanged",
            lambda: f"clean text changed: {text!r} -> {fixed!r}; findings: "
                    f"{[(f.kind, f.old, f.new) for f in explain(text, **options)]}",
            lambda: explain(text, **options))
    findings = explain(text, **options)
    _expect(findings == [], "clean-text-no-findings",
            lambda: f"clean text has findings {[(f.kind, f.old, f.new) for f in findings]}", lambda: findings)


def decode_error_class() -> type:
    from encfix import decode

    return decode.DecodeError


def check_bytes(data: bytes, **options) -> Optional[str]:
    """``fix_bytes`` raises nothing but DecodeError; what it returns is already fixed text."""
    from encfix import explain, fix_bytes, fix_text

    DecodeError = decode_error_class()
    try:
        fixed = fix_bytes(data, **options)
    except DecodeError as e:
        message = str(e)
        _expect(bool(message) and "\n" not in message.strip(), "decode-error-one-line",
                lambda: f"DecodeError message is not one line: {message!r}")
        return None
    _expect(isinstance(fixed, str), "returns-str", lambda: f"fix_bytes returned {type(fixed).__name__}")
    again = fix_text(fixed, **options)
    _expect(again == fixed, "idempotent", lambda: f"fix_text(fix_bytes(b)) != fix_bytes(b): {fixed!r} -> {again!r}",
            lambda: [f for f in explain(fixed, **options) if not f.is_flag])
    return fixed


# ----------------------------------------------------------------------------------------------
# The target: one input -> (kind, value, options) -> checks.
# ----------------------------------------------------------------------------------------------

MODES = ("bytes", "utf8", "tokens", "mojibake", "encoded", "tokens+utf8")


def case_from(data: bytes) -> Tuple[str, object, Dict[str, object]]:
    """Turn fuzzer bytes into ``(kind, value, options)``: kind ``"bytes"`` (value to ``fix_bytes``)
    or ``"text"`` (value to ``fix_text``)."""
    if len(data) < 2:
        return "text", data.decode("latin-1"), {}
    mode = MODES[data[0] % len(MODES)]
    options = dict(OPTION_SETS[data[1] % len(OPTION_SETS)])
    rest = data[2:]
    if mode == "bytes":
        options.pop("convert", None)
        return "bytes", bytes(rest), options
    if mode == "utf8":
        # lone surrogates (from bad decoders) when the bytes carry them; U+FFFD for the rest
        if _decodes(rest, "utf-8", "surrogatepass"):
            return "text", rest.decode("utf-8", "surrogatepass"), options
        return "text", rest.decode("utf-8", "replace"), options
    if mode == "tokens":
        return "text", tokens_from(rest), options
    if mode == "tokens+utf8":
        half = len(rest) // 2
        return "text", tokens_from(rest[:half]) + rest[half:].decode("utf-8", "replace"), options
    if not rest:
        return "text", "", options
    selector, rest = rest[0], rest[1:]
    text = tokens_from(rest).replace("\ud800", "").replace("\udfff", "")
    if mode == "mojibake":
        src, dst = CODEC_PAIRS[selector % len(CODEC_PAIRS)]
        handler = DECODE_ERRORS[(selector // len(CODEC_PAIRS)) % len(DECODE_ERRORS)]
        return "text", text.encode(src, "replace").decode(dst, handler), options
    # "encoded": token text in some encoding, to fix_bytes (detection on realistic bytes)
    options.pop("convert", None)
    encoding = ENCODINGS[selector % len(ENCODINGS)]
    return "bytes", text.encode(encoding, "replace"), options


def _decodes(data: bytes, codec: str, errors: str) -> bool:
    try:
        data.decode(codec, errors)
        return True
    except UnicodeDecodeError:
        return False


def run_case(kind: str, value, options: Dict[str, object]) -> None:
    """``bytes`` -> :func:`check_bytes`; ``text`` -> :func:`check_text`; ``clean`` (sound text that must
    come back untouched) -> both :func:`check_text` and :func:`check_clean`."""
    if kind == "bytes":
        check_bytes(value, **options)
    else:
        check_text(value, **options)
        if kind == "clean":
            check_clean(value, **options)


def one_input(data: bytes) -> None:
    """The fuzz target: raises on any broken promise."""
    run_case(*case_from(data))


def signature(exc: BaseException) -> str:
    """A short stable name for a failure: the property, or the exception type and where it was raised."""
    if isinstance(exc, PropertyViolation):
        return f"prop-{exc.prop}" + ("-" + "+".join(exc.stages) if exc.stages else "")
    frames = traceback.extract_tb(exc.__traceback__)
    where = "unknown"
    for fr in reversed(frames):
        if "/encfix/" in fr.filename.replace(os.sep, "/"):
            rel = fr.filename.replace(os.sep, "/").split("/encfix/", 1)[1]
            where = f"{rel[:-3] if rel.endswith('.py') else rel}.{fr.name}"
            break
    return re.sub(r"[^A-Za-z0-9_.+-]", "_", f"{type(exc).__name__}-{where}").replace("/", ".")


def stage_of(exc: BaseException) -> str:
    """The encfix module nearest the failure (a stage, decode, findings ...)."""
    frames = traceback.extract_tb(exc.__traceback__)
    for fr in reversed(frames):
        path = fr.filename.replace(os.sep, "/")
        if "/encfix/" in path and "/encfix/api.py" not in path and "/encfix/pipeline.py" not in path:
            return "encfix/" + path.split("/encfix/", 1)[1]
    if isinstance(exc, PropertyViolation) and exc.stages:
        return ", ".join(f"encfix/stages/{STAGE_OF_KIND.get(s, s)}.py" for s in exc.stages)
    return "pipeline"


#: the stage module that emits findings of each kind prefix
STAGE_OF_KIND = {"punct": "punctuation", "damage": "mojibake"}


def record(data: bytes, exc: BaseException) -> Optional[Path]:
    """Save a failing input under its signature (at most KEEP_PER_SIGNATURE per signature)."""
    sig = signature(exc)
    folder = CRASHES / sig
    folder.mkdir(parents=True, exist_ok=True)
    kept = list(folder.glob("*.bin"))
    if len(kept) >= KEEP_PER_SIGNATURE:
        return None
    name = hashlib.sha1(data).hexdigest()[:16]
    path = folder / f"{name}.bin"
    if not path.exists():
        path.write_bytes(data)
        (folder / f"{name}.txt").write_text(
            "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))[-6000:], encoding="utf-8"
        )
    return path


# ----------------------------------------------------------------------------------------------
# Running a round.
# ----------------------------------------------------------------------------------------------


def seed_corpus() -> List[bytes]:
    """Starting inputs: the bundled samples in every mode, plus the classic damage patterns."""
    seeds: List[bytes] = []
    texts = []
    for path in [ROOT / "samples" / "seed-zh-news-crawl.txt"]:
        if path.exists():
            texts.append(path.read_text(encoding="utf-8"))
    texts += ["區(qū)域,,測試", "好,,的", "示範區(qū)(高新區(qū))黨工委", "| |||||![]()中文", "锟斤拷\ufffd\ufffd",
              "ä¸­æ–‡æµ‹è¯•", "ÖÐÎÄ²âÊÔ", "涓枃娴嬭瘯", "今天天气很好，我们去公园散步。", "Hello, world: 10:30, 1,000."]
    for t in texts:
        for piece in (t[:1500], t[1500:3000]):
            if not piece:
                continue
            raw = piece.encode("utf-8", "surrogatepass")[:MAX_LEN - 2]
            seeds.append(bytes([MODES.index("utf8"), 0]) + raw)
            seeds.append(bytes([MODES.index("bytes"), 0]) + raw)
            for enc in ("gbk", "big5"):
                seeds.append(bytes([MODES.index("bytes"), 0]) + piece.encode(enc, "replace")[:MAX_LEN - 2])
    index = {t: i for i, t in enumerate(TOKENS)}
    seq = [index[t] for t in ("區", "(qū)", ",,", "測", "試", ",", "的", "\r\n", "| |||||", "![]()", "锟斤拷",
                              "\ufffd", "ä¸­æ–‡", "(", "是", ")", "。", "1,000", "中", ":", "國")]
    seeds.append(bytes([MODES.index("tokens"), 0]) + b"".join(_token_bytes(k) for k in seq))
    for pair in range(len(CODEC_PAIRS)):
        seeds.append(bytes([MODES.index("mojibake"), 0, pair]) + b"".join(_token_bytes(k) for k in seq))
    return seeds


def _token_bytes(k: int) -> bytes:
    return bytes([k]) if k < 0x80 else bytes([0x80 | (k >> 8), k & 0xFF])


def _git_rev() -> str:
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "encfix"], cwd=ROOT, capture_output=True, text=True).stdout
        return rev + ("+dirty" if dirty.strip() else "")
    except OSError:
        return "unknown"


def _signatures() -> Dict[str, int]:
    if not CRASHES.exists():
        return {}
    return {p.name: len(list(p.glob("*.bin"))) for p in CRASHES.iterdir() if p.is_dir()}


def worker_atheris(seconds: int) -> None:
    """Child process: atheris over ``one_input`` until libFuzzer's -max_total_time."""
    import atheris

    with atheris.instrument_imports(include=["encfix"]):
        import encfix  # noqa: F401
        import encfix.api  # noqa: F401
        import encfix.pipeline  # noqa: F401
        import encfix.findings  # noqa: F401
        from encfix import decode  # noqa: F401
        from encfix.stages import convert, mojibake, punctuation, residue, ruby  # noqa: F401

    def target(data: bytes) -> None:
        try:
            one_input(data)
        except Exception as exc:  # every failure is recorded; the round goes on
            record(data, exc)
            print(f"FUZZ-FAIL {signature(exc)}", file=sys.stderr, flush=True)

    CORPUS.mkdir(parents=True, exist_ok=True)
    if not any(CORPUS.iterdir()):
        for s in seed_corpus():
            (CORPUS / hashlib.sha1(s).hexdigest()).write_bytes(s)
    (CACHE / "artifacts").mkdir(parents=True, exist_ok=True)
    argv = [sys.argv[0], str(CORPUS), f"-max_total_time={seconds}", f"-max_len={MAX_LEN}",
            f"-timeout={HANG_SECONDS}", "-rss_limit_mb=3072", "-print_final_stats=1",
            f"-artifact_prefix={CACHE / 'artifacts'}/", "-reload=0"]
    atheris.Setup(argv, target)
    atheris.Fuzz()


def worker_hypothesis(seconds: int) -> None:
    """Child process without atheris: hypothesis generating fuzzer bytes for the same target."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    deadline = time.monotonic() + seconds
    runs = [0]

    @settings(max_examples=10 ** 9, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(st.binary(max_size=MAX_LEN))
    def target(data: bytes) -> None:
        if time.monotonic() > deadline:
            raise _Stop()
        runs[0] += 1
        try:
            one_input(data)
        except Exception as exc:
            record(data, exc)
            print(f"FUZZ-FAIL {signature(exc)}", file=sys.stderr, flush=True)

    try:
        target()
    except _Stop:
        pass
    print(f"Done {runs[0]} runs in {seconds} second(s)", file=sys.stderr, flush=True)


class _Stop(Exception):
    pass


def run_round(seconds: int, engine: str) -> dict:
    """Run one round in a child process (restarting it after a hang or a hard crash) and record it."""
    CACHE.mkdir(parents=True, exist_ok=True)
    import resource

    before = _signatures()
    started = time.time()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    execs = 0
    deadline = time.monotonic() + seconds
    while True:
        left = int(deadline - time.monotonic())
        if left < 5:
            break
        cmd = [sys.executable, "-m", "benchmarks.fuzz", "--worker", engine, "--seconds", str(left)]
        log = CACHE / "last-round.log"
        with open(log, "w") as out:
            proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
            try:
                # libFuzzer checks -max_total_time only between inputs, and not while it replays the
                # corpus: on a starved machine the parent enforces the round's length itself
                proc.wait(timeout=left + GRACE_SECONDS)
                interrupted = False
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGINT)  # libFuzzer prints its final stats and exits
                try:
                    proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
                interrupted = True
        text = log.read_text(errors="replace")
        done = re.findall(r"Done (\d+) runs in", text)
        units = re.findall(r"stat::number_of_executed_units:\s*(\d+)", text)
        counts = re.findall(r"^#(\d+)\s", text, re.M)
        execs += int(done[-1]) if done else int(units[-1]) if units else int(counts[-1]) if counts else 0
        if proc.returncode == 0 or done or interrupted:
            break
        # a hang, an out-of-memory or a crash in native code: keep the artifact, then go on
        hard = []
        for art in re.findall(r"Test unit written to (\S+/(?:crash|timeout|oom|leak)-\S+)", text):
            p = Path(art)
            if p.exists():
                kind = p.name.split("-", 1)[0]
                folder = CRASHES / f"libfuzzer-{kind}"
                folder.mkdir(parents=True, exist_ok=True)
                data = p.read_bytes()
                name = hashlib.sha1(data).hexdigest()[:16]
                (folder / f"{name}.bin").write_bytes(data)
                (folder / f"{name}.txt").write_text(text[-6000:], encoding="utf-8")
                hard.append(f"libfuzzer-{kind}")
        if not hard:  # the worker failed without an input to blame (e.g. encfix did not import)
            print(text[-3000:], file=sys.stderr)
            break
    elapsed = time.time() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    after = _signatures()
    new = sorted(set(after) - set(before))
    entry = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "seconds": round(elapsed, 1),
        "engine": engine,
        "cpu_seconds": round(cpu, 1),
        "executions": execs,
        "failing_inputs": sum(after.values()) - sum(before.values()),
        "new_signatures": new,
        "encfix": _git_rev(),
    }
    stats = load_stats()
    stats.append(entry)
    STATS.write_text(json.dumps(stats, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for sig in new:
        save_regression(sig)
    return entry


def load_stats() -> List[dict]:
    if STATS.exists():
        return json.loads(STATS.read_text(encoding="utf-8"))
    return []


# ----------------------------------------------------------------------------------------------
# Shrinking a failure into a regression case.
# ----------------------------------------------------------------------------------------------


def failure_of(kind: str, value, options: Dict[str, object]) -> Optional[BaseException]:
    try:
        run_case(kind, value, options)
    except Exception as exc:
        return exc
    return None


def shrink(kind: str, value, options: Dict[str, object], sig: str, budget: float = 60.0):
    """Delta-debug ``value`` (str or bytes) down to a smaller input that fails with the same signature."""
    end = time.monotonic() + budget

    def fails(v) -> bool:
        exc = failure_of(kind, v, options)
        return exc is not None and signature(exc) == sig

    n = 2
    while len(value) >= 2 and time.monotonic() < end:
        chunk = max(1, len(value) // n)
        reduced = False
        for i in range(0, len(value), chunk):
            candidate = value[:i] + value[i + chunk:]
            if fails(candidate):
                value = candidate
                n = max(n - 1, 2)
                reduced = True
                break
            if time.monotonic() > end:
                break
        if not reduced:
            if chunk == 1:
                break
            n = min(n * 2, len(value))
    return value


def save_regression(sig: str) -> Optional[Path]:
    """Shrink the smallest saved input of ``sig`` and write it to ``tests/regressions/``."""
    folder = CRASHES / sig
    inputs = sorted(folder.glob("*.bin"), key=lambda p: p.stat().st_size)
    for path in inputs:
        data = path.read_bytes()
        kind, value, options = case_from(data)
        exc = failure_of(kind, value, options)
        if exc is None:
            continue  # fixed already, or a hang that needs the fuzzer's timer
        actual = signature(exc)
        value = shrink(kind, value, options, actual)
        exc = failure_of(kind, value, options) or exc
        return write_regression(kind, value, options, exc, source=f"fuzz {path.parent.name}/{path.name}")
    if sig.startswith("libfuzzer-") and inputs:
        data = inputs[0].read_bytes()
        kind, value, options = case_from(data)
        return write_regression(kind, value, options, None, source=f"fuzz {sig}/{inputs[0].name}", symptom=sig)
    return None


def write_regression(kind: str, value, options: Dict[str, object], exc: Optional[BaseException], source: str,
                     symptom: Optional[str] = None) -> Path:
    REGRESSIONS.mkdir(parents=True, exist_ok=True)
    case = {"kind": kind, "options": options, "source": source,
            "found": time.strftime("%Y-%m-%d", time.gmtime()),
            "signature": signature(exc) if exc else symptom,
            "stage": stage_of(exc) if exc else "unknown",
            "symptom": (symptom or f"{type(exc).__name__}: {exc}")[:2000]}
    if kind == "bytes":
        case["input_base64"] = base64.b64encode(value).decode("ascii")
    else:
        case["input"] = value
    digest = hashlib.sha1(repr((kind, value, sorted(options.items()))).encode("utf-8", "surrogatepass")).hexdigest()[:10]
    path = REGRESSIONS / f"{case['signature'][:60]}-{digest}.json"
    path.write_text(json.dumps(case, indent=1, ensure_ascii=True) + "\n", encoding="utf-8")
    return path


def load_regression(path: Path) -> Tuple[str, object, Dict[str, object]]:
    case = json.loads(path.read_text(encoding="utf-8"))
    if case["kind"] == "bytes":
        return "bytes", base64.b64decode(case["input_base64"]), case.get("options", {})
    return case["kind"], case["input"], case.get("options", {})


# ----------------------------------------------------------------------------------------------
# Report.
# ----------------------------------------------------------------------------------------------


def report() -> str:
    """The Markdown section: total fuzzing time, executions, failures, and what each round found."""
    stats = load_stats()
    total = sum(e["seconds"] for e in stats)
    execs = sum(e["executions"] for e in stats)
    failing = sum(e["failing_inputs"] for e in stats)
    sigs = sorted({s for e in stats for s in e["new_signatures"]})
    regressions = sorted(REGRESSIONS.glob("*.json")) if REGRESSIONS.exists() else []
    cpu = sum(e.get("cpu_seconds", 0) for e in stats)
    lines = [
        "## Fuzzing",
        "",
        "Coverage-guided fuzzing (atheris/libFuzzer, falling back to hypothesis) of `fix_text`, `explain` and "
        "`fix_bytes`, checking on every input: no exception but `DecodeError` on binary bytes, "
        "`fix_text(fix_text(x)) == fix_text(x)`, `apply(x, explain(x)) == fix_text(x)`, findings point at their "
        "`old` text with the right line/column, edits don't overlap.",
        "",
        f"**Total: {total / 60:.1f} minutes over {len(stats)} rounds, {execs:,} executions, "
        f"{failing} failing inputs kept, {len(sigs)} distinct failure signatures, {len(regressions)} regression cases.** "
        f"The rounds ran under `nice -n 15` on a 2-core machine shared with other jobs: they got "
        f"{cpu / 60:.1f} CPU minutes where recorded (rounds without a CPU figure predate its recording).",
        "",
        "| round started (UTC) | minutes | CPU minutes | engine | executions | exec/s | failing inputs | new failures | encfix |",
        "|---|---:|---:|---|---:|---:|---:|---|---|",
    ]
    for e in stats:
        rate = e["executions"] / e["seconds"] if e["seconds"] else 0
        cpu_cell = f"{e['cpu_seconds'] / 60:.1f}" if "cpu_seconds" in e else "-"
        lines.append(f"| {e['started']} | {e['seconds'] / 60:.1f} | {cpu_cell} | {e['engine']} | {e['executions']:,} | "
                     f"{rate:.1f} | {e['failing_inputs']} | {', '.join(e['new_signatures']) or '-'} | {e['encfix']} |")
    notes = [f"- {e['started']}: {e['note']}" for e in stats if e.get("note")]
    if notes:
        lines += [""] + notes
    if regressions:
        lines += ["", "Regression cases (`tests/regressions/`, replayed by `tests/test_regressions.py`):", "",
                  "| case | stage | symptom |", "|---|---|---|"]
        for p in regressions:
            case = json.loads(p.read_text(encoding="utf-8"))
            symptom = case.get("symptom", "").splitlines()[0][:160].replace("|", "\\|")
            lines.append(f"| `{p.name}` | {case.get('stage', '?')} | {symptom} |")
    lines += ["", "Reproduce: `make fuzz FUZZ_SECONDS=600` (or `python -m benchmarks.fuzz --seconds 600`), then "
              "`python -m benchmarks.fuzz --report`.", ""]
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=600, help="length of the round")
    parser.add_argument("--report", action="store_true", help="print the Markdown section with the totals")
    parser.add_argument("--replay", nargs="+", metavar="FILE", help="run saved inputs (.bin fuzzer bytes or .json regressions)")
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    parser.add_argument("--worker", choices=("atheris", "hypothesis"), help=argparse.SUPPRESS)
    args, _ = parser.parse_known_args(argv)
    if args.worker == "atheris":
        worker_atheris(args.seconds)
        return 0
    if args.worker == "hypothesis":
        worker_hypothesis(args.seconds)
        return 0
    if args.report:
        print(report())
        return 0
    if args.replay:
        bad = 0
        for name in args.replay:
            p = Path(name)
            kind, value, options = load_regression(p) if p.suffix == ".json" else case_from(p.read_bytes())
            exc = failure_of(kind, value, options)
            print(f"{p}: {'ok' if exc is None else signature(exc) + ': ' + str(exc)[:500]}")
            bad += exc is not None
        return 1 if bad else 0
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    entry = run_round(args.seconds, engine)
    print(json.dumps(entry, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
