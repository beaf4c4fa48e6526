"""Stage: punctuation (being written)."""
from __future__ import annotations

from typing import List

from ..config import Config
from ..findings import Finding

NAME = "punctuation"


def find(text: str, config: Config) -> List[Finding]:
    return []
