"""Config: one immutable record of which stages run and how."""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Optional


@dataclass(frozen=True)
class Config:
    """Which repairs run.  Build one with keyword options; it never changes afterwards.

    >>> Config(ruby=False).ruby
    False
    """

    #: undo text decoded with the wrong codec (Latin family through ftfy, CJK family here)
    mojibake: bool = True
    #: remove leaked pinyin ruby such as ``區(qū)`` -> ``區``
    ruby: bool = True
    #: remove markup residue and stray separators left by HTML-to-text extraction
    residue: bool = True
    #: collapse stacked punctuation and make ASCII punctuation in Chinese prose full-width
    punctuation: bool = True
    #: flag damage that cannot be undone (锟斤拷, U+FFFD runs) as findings
    flag_damage: bool = True
    #: OpenCC configuration (``t2s``, ``s2twp`` ...) or target (``zh-Hans``, ``zh-TW`` ...)
    convert: Optional[str] = None

    @classmethod
    def from_options(cls, convert: Optional[str] = None, **options) -> "Config":
        """Build a Config from keyword options, refusing unknown names with a helpful message."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise TypeError(
                f"unknown option(s) {', '.join(unknown)}; known options are: {', '.join(sorted(known))}"
            )
        return cls(convert=convert, **options)
