"""Entry points: build the pipeline from options and run it."""
from __future__ import annotations

from typing import List, Optional

from . import decode as _decode
from . import pipeline
from .config import Config
from .findings import Finding
from .stages import convert as _convert


def _config(convert: Optional[str], options: dict) -> Config:
    config = Config.from_options(convert=convert, **options)
    if config.convert:
        _convert.check_config(config.convert)
    return config


def fix_text(text: str, *, convert: Optional[str] = None, **options) -> str:
    """Repair ``text``; return the very same string when nothing needs repair.

    >>> fix_text("區(qū)域,,測試")
    '區域，測試'
    """
    if not isinstance(text, str):
        raise TypeError(f"fix_text takes str, not {type(text).__name__}; use fix_bytes for bytes")
    return pipeline.run(text, _config(convert, options))[0]


def explain(text: str, *, convert: Optional[str] = None, **options) -> List[Finding]:
    """What :func:`fix_text` would change (and what it flags), in ``text``'s coordinates.

    Applying the findings to ``text`` (:func:`encfix.findings.apply`) reproduces ``fix_text``.
    """
    if not isinstance(text, str):
        raise TypeError(f"explain takes str, not {type(text).__name__}")
    return pipeline.run(text, _config(convert, options), want_findings=True)[1] or []


def fix_bytes(data: bytes, *, encoding: Optional[str] = None, convert: Optional[str] = None, **options) -> str:
    """Decode ``data`` (detecting the encoding unless given), then repair the text."""
    _check_bytes("fix_bytes", data, "use fix_text for str")
    config = _config(convert, options)
    text = _decode.decode(data, encoding=encoding).text
    return pipeline.run(text, config)[0]


def detect(data: bytes) -> "_decode.Detection":
    """Say what ``data`` is: encoding, confidence, script, BOM, line endings, damage summary."""
    _check_bytes("detect", data, "encode the text first, or call explain on it")
    return _decode.detect(data)


def _check_bytes(name: str, data, hint: str) -> None:
    # bytes(str) fails with "string argument without an encoding", which names neither the
    # function nor the fix
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"{name} takes bytes, not {type(data).__name__}; {hint}")


def convert(text: str, config: str) -> str:
    """Convert between Traditional and Simplified Chinese with an OpenCC configuration or target."""
    return _convert.convert_text(text, config)
