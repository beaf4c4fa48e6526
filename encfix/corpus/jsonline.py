"""Edit one JSON line in place: replace a string value without re-serialising the rest.

A JSONL record that encfix changes is written back as the very bytes it came in, except the
characters of the value that changed.  Key order, spacing, number formatting (``1.0`` stays
``1.0``, ``1e5`` stays ``1e5``), escapes in other fields and unknown extensions all survive,
which no parse-and-dump round trip guarantees.

:func:`value_spans` finds where values sit in the raw line with one regular expression over
strings and structural characters (numbers and literals are whatever lies between them).
"""
from __future__ import annotations

import json
import re
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

try:  # orjson (extra ``[fast]``) parses several times faster than json
    import orjson as _orjson
except ImportError:  # pragma: no cover - exercised where orjson is not installed
    _orjson = None

#: a JSON string (with its quotes) or one structural character
_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[{}\[\]:,]', re.DOTALL)

Path = Tuple[str, ...]
Span = Tuple[int, int]


def loads(raw: bytes):
    """Parse one JSON document; orjson when installed, json for what orjson refuses.

    json also accepts lone surrogate escapes and ``NaN``; trying it second keeps a line that
    parses at all from being called malformed.
    """
    if _orjson is not None:
        try:
            return _orjson.loads(raw)
        except _orjson.JSONDecodeError:
            pass
    return json.loads(raw)


def _key(token: bytes) -> str:
    if b"\\" in token:
        return json.loads(token)
    return token[1:-1].decode("utf-8", "surrogatepass")


class _Frame:
    __slots__ = ("tracked", "is_object", "path", "key", "expect_key", "value_start", "members")

    def __init__(self, tracked: bool, is_object: bool, path: Path):
        self.tracked = tracked
        self.is_object = is_object
        self.path = path
        self.key: Optional[Path] = None
        self.expect_key = is_object
        self.value_start = 0
        self.members = 0


def value_spans(raw: bytes, paths: Iterable[Path]) -> Tuple[Dict[Path, Span], Optional[dict]]:
    """Find the byte span of the value at each key path in the JSON object ``raw``.

    Returns the spans found and, for the top-level object, where and how to append a member:
    ``{"close": offset of the closing brace, "empty": bool, "colon": b": " or b":", "comma": ...}``
    (``None`` when ``raw`` is not an object).

    >>> spans, top = value_spans(b'{"id": 1.0, "meta": {"text": "a\\\\"b"}}', [("meta", "text")])
    >>> spans[("meta", "text")], top["close"]
    ((29, 35), 36)
    """
    wanted = set(paths)
    prefixes = {p[:i] for p in wanted for i in range(1, len(p))}
    spans: Dict[Path, Span] = {}
    stack: List[_Frame] = []
    colon = comma = None
    for m in _TOKEN.finditer(raw):
        tok = m.group()
        c = tok[:1]
        frame = stack[-1] if stack else None
        if c == b'"':
            if frame is not None and frame.is_object and frame.expect_key:
                frame.expect_key = False
                frame.members += 1
                if frame.tracked:
                    frame.key = frame.path + (_key(tok),)
            continue
        if c == b":":
            if frame is not None and frame.tracked:
                frame.value_start = m.end()
                if colon is None and len(stack) == 1:
                    colon = b": " if raw[m.end():m.end() + 1] == b" " else b":"
            continue
        if c == b"{" or c == b"[":
            if frame is None:
                if c == b"[":
                    return spans, None
                stack.append(_Frame(True, True, ()))
                continue
            follow = c == b"{" and frame.tracked and frame.key in prefixes
            stack.append(_Frame(follow, c == b"{", frame.key if follow else ()))
            continue
        if frame is None:
            return spans, None
        if frame.tracked and frame.key in wanted and (c == b"," or c == b"}"):
            spans[frame.key] = _strip(raw, frame.value_start, m.start())
        if c == b",":
            if frame.is_object:
                frame.expect_key = True
                if comma is None and len(stack) == 1:
                    comma = b", " if raw[m.end():m.end() + 1] == b" " else b","
            continue
        # a closing bracket
        stack.pop()
        if not stack:
            if not frame.is_object:
                return spans, None
            return spans, {"close": m.start(), "empty": frame.members == 0, "colon": colon, "comma": comma}
    return spans, None


def _strip(raw: bytes, start: int, end: int) -> Span:
    while start < end and raw[start] in b" \t\r\n":
        start += 1
    while end > start and raw[end - 1] in b" \t\r\n":
        end -= 1
    return start, end


def encode_string(value: str, ascii_only: bool) -> bytes:
    """JSON-encode ``value``; escape non-ASCII only when the original value did (or must)."""
    if not ascii_only:
        try:
            return json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate cannot be written as UTF-8
            pass
    return json.dumps(value).encode("ascii")


def append_member(raw: bytes, key: str, value_json: bytes, top: dict) -> bytes:
    """Add ``"key": value`` as the last member of the top-level object, in the line's own style."""
    colon_sep = top.get("colon") or b": "
    comma_sep = top.get("comma") or colon_sep.replace(b":", b",")
    member = json.dumps(key, ensure_ascii=False).encode("utf-8") + colon_sep + value_json
    close = top["close"]
    head = raw[:close]
    tail = raw[close:]
    stripped = head.rstrip()
    ws = head[len(stripped):]
    if top.get("empty"):
        return stripped + member + ws + tail
    return stripped + comma_sep + member + ws + tail


def get_path(obj, path: Sequence[str]):
    """The value at ``path`` in nested dicts; raises KeyError naming the missing part."""
    cur = obj
    for i, key in enumerate(path):
        if not isinstance(cur, dict) or key not in cur:
            raise KeyError(".".join(path[: i + 1]))
        cur = cur[key]
    return cur


def set_path(obj, path: Sequence[str], value) -> None:
    cur = obj
    for key in path[:-1]:
        cur = cur[key]
    cur[path[-1]] = value
