"""Make ``script_chars.json``: the characters that tell Simplified from Traditional Chinese.

Source: the character dictionaries of OpenCC 1.4.2 (Apache-2.0), as shipped in the official
``opencc`` wheel on PyPI (``opencc/clib/share/opencc/*.ocd2``), dumped to text with the
``opencc_dict`` tool the same wheel ships.

* ``simplified_only``: keys of ``STCharacters`` that are not among their own Traditional
  candidates (``并 -> 並 併 幷``: 并 is not written in Traditional text).  ``范 -> 範 范`` is left
  out: 范 is also a Traditional surname, so it tells nothing.  Also left out: every character
  that the Taiwan or Hong Kong variant tables (``TWVariants``, ``HKVariants`` and their phrase
  tables) write, because Taiwan and Hong Kong text uses them (``群 峰 秘 床 説``) even where
  OpenCC's own Traditional standard writes ``羣 峯 祕 牀 說``.
* ``traditional_only``: keys of ``TSCharacters`` and ``TSCharactersExt`` that are not among
  their own Simplified candidates (``隨 -> 随``; ``著 -> 著 着`` is left out).

* ``regional``: the characters the single-character Taiwan and Hong Kong variant tables write in
  place of OpenCC's standard form (``台 吃 為 著 説 群``).  Conversion to Traditional leaves them
  alone in text that is Traditional already (see ``encfix/stages/convert.py``).

A character in both of the first two lists (none in 1.4.2) is dropped from both.

Run with the project's virtualenv: ``.venv/bin/python encfix/data/make_script_chars.py``.
"""
from __future__ import annotations

import json
import os
import subprocess
import tempfile
from importlib import metadata

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "script_chars.json")


def opencc_paths():
    """The ``opencc_dict`` tool and the dictionary folder of the installed official binding."""
    import opencc

    root = os.path.join(os.path.dirname(opencc.__file__), "clib")
    return os.path.join(root, "bin", "opencc_dict"), os.path.join(root, "share", "opencc")


def read_dictionary(name: str) -> dict:
    """Dump ``name.ocd2`` to text and return ``{key: [candidates]}``."""
    tool, share = opencc_paths()
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, name + ".txt")
        subprocess.run(
            [tool, "-i", os.path.join(share, name + ".ocd2"), "-o", out, "-f", "ocd2", "-t", "text"],
            check=True,
        )
        table = {}
        with open(out, encoding="utf-8") as f:
            for line in f:
                key, _, values = line.rstrip("\n").partition("\t")
                table[key] = values.split(" ")
        return table


def changing_keys(*tables: dict) -> set:
    """Single characters whose every candidate differs from themselves."""
    keys = set()
    for table in tables:
        for key, values in table.items():
            if len(key) == 1 and key not in values:
                keys.add(key)
    return keys


def regional_characters() -> set:
    """Every character the Taiwan and Hong Kong variant tables write."""
    chars = set()
    for name in ("TWVariants", "TWVariantsPhrases", "HKVariants", "HKVariantsPhrases"):
        for values in read_dictionary(name).values():
            for value in values:
                chars.update(value)
    return chars


def main() -> None:
    simplified = changing_keys(read_dictionary("STCharacters")) - regional_characters()
    traditional = changing_keys(read_dictionary("TSCharacters"), read_dictionary("TSCharactersExt"))
    regional = set()
    for name in ("TWVariants", "HKVariants"):
        for key, values in read_dictionary(name).items():
            regional.update(v for v in values if v != key and len(v) == 1)
    both = simplified & traditional
    simplified -= both
    traditional -= both
    data = {
        "source": "OpenCC %s dictionaries (STCharacters, TSCharacters, TSCharactersExt), Apache-2.0"
        % metadata.version("opencc"),
        "made_by": "encfix/data/make_script_chars.py",
        "simplified_only": "".join(sorted(simplified)),
        "traditional_only": "".join(sorted(traditional)),
        "regional": "".join(sorted(regional)),
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=0)
        f.write("\n")
    print(
        f"{OUT}: {len(simplified)} Simplified-only, {len(traditional)} Traditional-only, "
        f"{len(regional)} regional characters"
    )


if __name__ == "__main__":
    main()
