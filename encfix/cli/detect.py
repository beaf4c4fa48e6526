"""``encfix detect``: what each input is -- encoding, confidence, script, BOM, line endings, damage."""
from __future__ import annotations

from typing import List, Optional

import typer

from .. import api
from ..io import FileError, Input, looks_binary
from . import common
from .app import app

#: bytes of each input that detection looks at (the rest of a large file is not read)
DETECT_LIMIT = 4 << 20

HELP = """Say what each input is: its encoding (with confidence and the other candidates), script, byte-order mark, line endings, and a summary of the damage found.

Only the first 4 MB of a larger input are read; the output then says how much was sampled. Nothing is changed.

[bold]Examples[/bold]

  [cyan]encfix detect page.txt[/cyan]
  [cyan]encfix detect -r corpus/ --format json > encodings.json[/cyan]
  [cyan]curl -s https://example.org/page | encfix detect[/cyan]

Exit status: 0 every input detected; 2 an input could not be read (the others still are).
"""


@app.command("detect", help=HELP)
@common.guarded
def detect_command(
    paths: Optional[List[str]] = typer.Argument(None, metavar="PATH", help="Files (or folders with -r); none or '-' reads standard input.", show_default=False),
    format: common.Format = typer.Option(common.Format.text, "-f", "--format", help="text: a block per input; json: an array of objects, one per input."),
    recursive: bool = common.recursive_option(),
) -> int:
    status = common.Status()
    out = common.stdout_bytes()
    array = common.JsonArray(out) if format == common.Format.json else None
    shown = 0
    for path, walked in common.inputs(paths, recursive, status):
        name = common.display_name(path)
        try:
            fields = describe(path, walked)
        except common.Skipped as skipped:
            common.notice(str(skipped))
            continue
        except FileError as problem:
            status.fail(problem)
            continue
        if array is not None:
            array.write({"path": name, **fields})
        else:
            text = ("\n" if shown else "") + render(name, fields)
            out.write(text.encode("utf-8", "surrogateescape"))
        out.flush()
        shown += 1
    if array is not None:
        array.close()
    return status.code


def describe(path: str, walked: bool = False) -> dict:
    """The detection of one input as a JSON-able dict (with ``sampled_bytes`` when truncated)."""
    with Input(path) as inp:
        data = inp.read_head(DETECT_LIMIT + 1)
    sampled = len(data) > DETECT_LIMIT
    if sampled:
        data = _cut_at_line(data[:DETECT_LIMIT])
    if walked and looks_binary(data[:8192]):
        raise common.Skipped(f"skipped {path}: binary file")
    try:
        detection = api.detect(data)
    except (common.DecodeError, UnicodeError) as exc:
        what, _, hint = str(exc).partition("; ")
        name = common.display_name(path)
        raise FileError(name, what or "cannot detect the encoding", hint or "check that this is a text file") from None
    fields = dict(detection.to_dict())
    if sampled:
        fields["sampled_bytes"] = len(data)
    return fields


def _cut_at_line(data: bytes) -> bytes:
    # Never end a sample inside a multi-byte character: stop after the last line break (and the
    # NUL bytes that complete it in UTF-16/32).
    cut = data.rfind(b"\n")
    if cut == -1:
        return data
    cut += 1
    while cut < len(data) and cut - data.rfind(b"\n", 0, cut) <= 3 and data[cut] == 0:
        cut += 1
    return data[:cut]


_LABELS = {"line_endings": "line endings", "bom": "BOM", "sampled_bytes": "sampled"}


def render(name: str, fields: dict) -> str:
    """A readable block: the input's name, then one ``label: value`` line per field.

    >>> print(render("a.txt", {"encoding": "gbk", "confidence": 0.97, "bom": None, "damage": {"ruby.pinyin": 2}}), end="")
    a.txt
      encoding:      gbk
      confidence:    0.97
      BOM:           none
      damage:        ruby.pinyin 2
    """
    lines = [name]
    for key, value in fields.items():
        label = _LABELS.get(key, key.replace("_", " "))
        lines.append(f"  {label + ':':<14} {_value(key, value)}")
    return "\n".join(lines) + "\n"


def _value(key: str, value) -> str:
    if value is None or value == "":
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    if key == "sampled_bytes":
        return f"first {value} bytes"
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items()) if value else "none"
    if isinstance(value, (list, tuple)):
        if not value:
            return "none"
        return ", ".join(_item(v) for v in value)
    return str(value)


def _item(value) -> str:
    if isinstance(value, dict):
        if "encoding" in value and "score" in value:
            return f"{value['encoding']} ({value['score']:.2f})" if isinstance(value["score"], (int, float)) else str(value["encoding"])
        if "encoding" in value and "start" in value:
            return f"{value['encoding']} [{value['start']}:{value['end']}]"
        return " ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    return str(value)
