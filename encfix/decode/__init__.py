"""Bytes -> text (being written): BOM, UTF-8, charset-normalizer."""
from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from typing import Optional

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    bom: bool = False


@dataclass(frozen=True)
class Detection:
    encoding: Optional[str]
    confidence: float
    bom: bool = False
    candidates: tuple = field(default_factory=tuple)


def decode(data: bytes, encoding: Optional[str] = None) -> Decoded:
    if encoding:
        return Decoded(data.decode(encoding), encoding)
    for bom, name in BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(name), name, bom=True)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnicodeDecodeError("unknown", data, 0, len(data), "no text encoding decodes these bytes")
    return Decoded(str(best), best.encoding)


def detect(data: bytes) -> Detection:
    d = decode(data)
    return Detection(d.encoding, 1.0, d.bom)
