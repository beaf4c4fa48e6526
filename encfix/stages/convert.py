"""Stage: Traditional <-> Simplified conversion through OpenCC (being written)."""
from __future__ import annotations

from typing import List

from ..config import Config
from ..findings import Finding

NAME = "convert"

CONFIGS = ("s2t", "t2s", "s2tw", "tw2s", "s2hk", "hk2s", "s2twp", "tw2sp", "t2tw", "hk2t", "t2hk", "tw2t", "t2jp", "jp2t", "s2hkp", "hk2sp")


def check_config(name: str) -> None:
    if name not in CONFIGS:
        raise ValueError(f"unknown conversion {name!r}; use one of: {', '.join(CONFIGS)}")


def convert_text(text: str, config: str) -> str:
    import opencc

    check_config(config)
    return opencc.OpenCC(config).convert(text)


def find(text: str, config: Config) -> List[Finding]:
    return []
