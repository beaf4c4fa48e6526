"""The loop over stages: each stage finds, one function applies.

The order matters: mojibake first (its output is where the punctuation lives), ruby before
punctuation (``區(qū),,``), residue before punctuation (so ``![]()`` is removed, never turned
into ``![]（）``), conversion last (it must see repaired punctuation and no pinyin).

A stage is a module with ``NAME`` and ``find(text, config) -> list[Finding]``.  ``find`` starts
with a cheap gate that returns ``[]`` when the text cannot hold its kind of damage: on clean text
every gate says so and :func:`run` returns the very string it was given.  A stage that meets
damage every few characters also has ``edits(text, config)``, the compact form of its findings
(see :mod:`encfix.findings`): ``fix`` applies those, ``explain`` reports the findings made from
the same edits.
"""
from __future__ import annotations

from typing import List, Optional, Tuple

from .config import Config
from .findings import Composer, Finding, apply, apply_edits, to_findings
from .stages import convert, mojibake, punctuation, residue, ruby

#: every stage in the order it runs; the config attribute that switches it on
STAGES = (
    ("mojibake", mojibake),
    ("ruby", ruby),
    ("residue", residue),
    ("punctuation", punctuation),
    ("convert", convert),
)

#: a repaired text is run through the stages again until nothing changes (fix(fix(x)) == fix(x))
MAX_PASSES = 3


def enabled_stages(config: Config):
    """The repair stages switched on in ``config`` (conversion is not among them)."""
    for attribute, stage in STAGES:
        if attribute != "convert" and getattr(config, attribute):
            yield stage


def run(text: str, config: Config, want_findings: bool = False) -> Tuple[str, Optional[List[Finding]]]:
    """Run every enabled stage over ``text``.

    The repair stages run again over their own result until nothing changes (at most
    ``MAX_PASSES`` times); conversion runs once, after them, because an OpenCC configuration
    applied twice is not always the same as applied once (``s2t`` turns ``里`` into ``裏`` on a
    second pass).

    Returns the repaired text (``text`` itself when nothing changed) and, when asked, the
    findings in the coordinates of ``text``.
    """
    composer = Composer(text) if want_findings else None
    current = text

    def run_stage(stage) -> bool:
        nonlocal current
        compact = getattr(stage, "edits", None)
        if compact is not None:
            edits = compact(current, config)
            if not edits:
                return False
            if composer is not None:
                composer.add(current, to_findings(edits))
            result = apply_edits(current, edits)
        else:
            found = stage.find(current, config)
            if not found:
                return False
            if composer is not None:
                composer.add(current, found)
            result = apply(current, found)
        changed = result is not current
        current = result
        return changed

    stages = list(enabled_stages(config))
    for _ in range(MAX_PASSES):
        changed = False
        for stage in stages:
            changed |= run_stage(stage)
        if not changed:
            break
    if config.convert:
        if composer is None:
            # fix without explain: convert directly.  The same text as applying convert.find's
            # findings (tests/test_convert.py), without building one finding per changed run
            # (a Traditional text converted to Simplified changes one character in five).
            current = convert.convert_text(current, config.convert)
        else:
            run_stage(convert)
    return current, (composer.findings() if composer is not None else None)
