"""Byte-order marks: a BOM decides the encoding, and is removed from the text (and reported)."""
from __future__ import annotations

import codecs
from typing import Optional, Tuple

# UTF-32-LE's BOM starts with UTF-16-LE's, so the longer marks are tried first.
BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32-LE", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "UTF-32-BE", "utf-32-be"),
    (codecs.BOM_UTF8, "UTF-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "UTF-16-LE", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "UTF-16-BE", "utf-16-be"),
)


def sniff_bom(data: bytes) -> Optional[Tuple[str, str, int]]:
    """Return ``(bom label, codec that decodes what follows, BOM length)``, or None.

    >>> sniff_bom(b"\\xef\\xbb\\xbfhi")
    ('UTF-8', 'utf-8', 3)
    >>> sniff_bom(b"\\xff\\xfe\\x00\\x00")
    ('UTF-32-LE', 'utf-32-le', 4)
    >>> sniff_bom(b"hi") is None
    True
    """
    for mark, label, codec in BOMS:
        if data.startswith(mark):
            # ``FF FE 00 00`` is also UTF-16-LE "BOM + U+0000"; a text file starting with NUL is
            # far rarer than a UTF-32 one, so UTF-32 wins.
            return label, codec, len(mark)
    return None


def bom_bytes(label: str) -> bytes:
    """The bytes of the BOM called ``label`` (to write it back when the input had one).

    >>> bom_bytes("UTF-8")
    b'\\xef\\xbb\\xbf'
    """
    for mark, name, _ in BOMS:
        if name == label:
            return mark
    raise KeyError(label)
