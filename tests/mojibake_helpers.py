"""What the mojibake tests share: the stage alone, damage made as programs make it, its repairs."""
from __future__ import annotations

import encfix
from encfix.config import Config
from encfix.stages import mojibake

#: ``fix_text`` with only the mojibake stage on
ONLY_MOJIBAKE = dict(ruby=False, residue=False, punctuation=False)
#: encfix's codec names -> Python's
CODECS = {"utf8": "utf-8", "gbk": "gbk", "big5": "cp950", "sjis": "cp932", "eucjp": "euc_jp", "euckr": "cp949",
          "latin1": "latin-1", "cp437": "cp437", "cp850": "cp850", "cp866": "cp866"}


def fix(text: str) -> str:
    return encfix.fix_text(text, **ONLY_MOJIBAKE)


def garble(text: str, source: str, reader: str) -> str:
    """``text`` written in ``source`` and read with ``reader`` (encfix's names or Python's)."""
    return text.encode(CODECS.get(source, source)).decode(CODECS.get(reader, reader))


def repairs(text: str) -> list:
    """The mojibake stage's edits in ``text`` (its flags left out)."""
    return [f for f in mojibake.find(text, Config()) if not f.is_flag]
