"""Repair text of any length in bounded memory: regroup decoded pieces into blocks, fix each block.

A pipe or a 50 GB file never sits in memory whole.  The decoder yields pieces of text; :func:`blocks`
regroups them into blocks of at most :data:`MAX_BLOCK` characters that end where damage cannot
straddle the cut -- at a paragraph break when there is one near the end, else at a line break --
and each block goes through :func:`encfix.pipeline.run` on its own.

Every stage repairs damage that lives inside a line (stacked punctuation, pinyin ruby, a mojibake
span, table pipes), so a text cut at line breaks is repaired exactly as the whole text would be.
Text shorter than a block is a single block: :func:`fix_chunks` then returns what
:func:`encfix.fix_text` returns.  Only a line longer than :data:`MAX_BLOCK` characters must be cut
inside the line; it is cut after whitespace or a sentence end when one is near, else anywhere
(never between ``\\r`` and ``\\n``).
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Iterable, Iterator, List, Optional, Tuple

from . import pipeline
from .config import Config
from .findings import Finding

#: a block never holds more characters than this: big enough for any paragraph, small enough that
#: a block and its findings take a few MB (and the stages run fastest on blocks this size)
MAX_BLOCK = 1 << 17
#: a paragraph break this far into a full buffer is preferred over a later line break
PARAGRAPH_FROM = MAX_BLOCK // 2

# Where a line too long for one block may be cut: after whitespace or a sentence end.
_SOFT_CUT = re.compile(r"[^\S\r]|[。！？!?.;；]")  # not "\r": it may pair with a "\n" beyond


def _cut(text: str, limit: int) -> int:
    """Where to end the block taken from the front of ``text`` (``limit < len(text)``).

    Returns an index ``0 < i <= limit``: the block is ``text[:i]``.

    >>> _cut("ab\\ncd\\n\\nef\\ngh", 10)   # a paragraph break in the second half
    7
    >>> _cut("ab\\n\\ncd\\nef", 9)   # too early: the last line break wins
    7
    >>> _cut("ab\\ncdef", 5)
    3
    >>> _cut("abc def", 5)
    4
    >>> _cut("abc\\r\\ndef", 4)
    3
    """
    window = text[:limit]
    para = window.rfind("\n\n", min(PARAGRAPH_FROM, limit // 2))
    if para != -1:
        return para + 2
    line = window.rfind("\n")
    if line != -1:
        return line + 1
    cr = window.rfind("\r", 0, limit - 1)  # old Mac line endings; never cut "\r|\n"
    if cr != -1 and text[cr + 1] != "\n":
        return cr + 1
    # One line longer than a block: cut after whitespace or a sentence end in the second half.
    last = None
    for m in _SOFT_CUT.finditer(window, limit // 2):
        last = m.end()
    if last:
        return last
    cut = limit
    if text[cut - 1] == "\r" and text[cut] == "\n" and cut > 1:
        cut -= 1
    return cut


def blocks(pieces: Iterable[str], max_block: Optional[int] = None) -> Iterator[str]:
    """Regroup ``pieces`` into blocks of at most ``max_block`` characters ending at line breaks.

    Joining the blocks gives back exactly the joined pieces.

    >>> list(blocks(["ab\\ncd", "ef\\ngh\\n", "ij"], max_block=6))
    ['ab\\n', 'cdef\\n', 'gh\\nij']
    >>> list(blocks([]))
    []
    """
    if max_block is None:
        max_block = MAX_BLOCK
    buffer: List[str] = []
    size = 0
    for piece in pieces:
        if not piece:
            continue
        buffer.append(piece)
        size += len(piece)
        if size <= max_block:
            continue
        text = "".join(buffer)
        start = 0
        while len(text) - start > max_block:
            end = start + _cut(text[start:start + max_block + 2], max_block)
            yield text[start:end]
            start = end
        rest = text[start:]
        buffer = [rest] if rest else []
        size = len(rest)
    if size:
        yield "".join(buffer)


def fix_chunks(pieces: Iterable[str], config: Config,
               on_change: Optional[Callable[[], None]] = None) -> Iterator[str]:
    """Repair a text given as pieces, block by block, yielding the repaired blocks;
    ``on_change`` is called for each block the repair changed (``fix --in-place`` leaves a file
    nothing changed in as it was).

    >>> "".join(fix_chunks(["clean ", "text\\n"], Config()))
    'clean text\\n'
    """
    run = pipeline.run
    for block in blocks(pieces):
        fixed = run(block, config)[0]
        if on_change is not None and fixed != block:
            on_change()
        yield fixed


def explain_chunks(pieces: Iterable[str], config: Config) -> Iterator[Tuple[str, List[Finding]]]:
    """Repair a text given as pieces and yield ``(repaired block, findings)`` per block.

    The findings carry offsets, lines and columns in the *whole* text, as if it had been
    explained in one piece: each block's findings are shifted by the characters and lines that
    came before it.
    """
    chars = 0  # characters before this block
    lines = 0  # line breaks ("\n") before this block
    column = 0  # characters between the last line break and this block (a cut inside a line)
    run = pipeline.run
    for block in blocks(pieces):
        fixed, found = run(block, config, want_findings=True)
        shifted = [
            replace(
                f,
                start=f.start + chars,
                end=f.end + chars,
                line=f.line + lines,
                column=f.column + (column if f.line == 1 else 0),
            )
            for f in (found or ())
        ]
        yield fixed, shifted
        chars += len(block)
        breaks = block.count("\n")
        if breaks:
            lines += breaks
            column = len(block) - block.rfind("\n") - 1
        else:
            column += len(block)
