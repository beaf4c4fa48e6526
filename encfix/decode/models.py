"""What decoding returns: :class:`Decoded`, :class:`Detection`, :class:`Segment`, :class:`DecodeError`."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Optional, Tuple

from ..findings import Finding


class DecodeError(ValueError):
    """Bytes encfix will not turn into text; the message is one line that says what to do."""


@dataclass(frozen=True)
class Segment:
    """A run of the decoded text that came from one codec (a mixed file has several).

    ``start``/``end`` index the decoded text; ``byte_start``/``byte_end`` index the input bytes.
    """

    encoding: str
    start: int
    end: int
    byte_start: int
    byte_end: int

    def to_dict(self) -> dict:
        return {
            "encoding": self.encoding,
            "start": self.start,
            "end": self.end,
            "byte_start": self.byte_start,
            "byte_end": self.byte_end,
        }


@dataclass(frozen=True)
class Decoded:
    """Bytes turned into text.

    ``encoding`` is the codec of the whole input, or ``"mixed"`` when ``segments`` disagree;
    ``bom`` names the byte-order mark that was removed from the text (``None`` when there was none);
    ``findings`` holds one ``decode.switch`` flag per change of codec, at offsets in ``text``.
    """

    text: str
    encoding: str
    bom: Optional[str] = None
    findings: Tuple[Finding, ...] = ()
    segments: Tuple[Segment, ...] = ()
    confidence: float = 1.0
    candidates: Tuple[Tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Detection:
    """What a byte string is: the answer of :func:`encfix.decode.detect`."""

    encoding: Optional[str]
    confidence: float
    candidates: Tuple[Tuple[str, float], ...] = ()
    script: str = "unknown"
    bom: Optional[str] = None
    line_endings: str = "none"
    damage: Dict[str, int] = field(default_factory=dict)
    binary: bool = False
    segments: Tuple[Segment, ...] = ()

    def to_dict(self) -> dict:
        """JSON-able fields, in a stable order."""
        return {
            "encoding": self.encoding,
            "confidence": round(self.confidence, 4),
            "candidates": [{"encoding": e, "score": round(s, 4)} for e, s in self.candidates],
            "script": self.script,
            "bom": self.bom,
            "line_endings": self.line_endings,
            "damage": dict(self.damage),
            "binary": self.binary,
            "segments": [s.to_dict() for s in self.segments],
        }
