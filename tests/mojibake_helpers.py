"""What the mojibake tests share: the stage alone, damage made as programs make it, its repairs."""
from __future__ import annotations

import pytest

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


def case_tests(cases):
    """The three tests a list of real ``(damaged, original)`` excerpts gets, for a test module to
    bind at its top level (pytest collects them under these names):

    ``test_repaired, test_the_text_it_was_stays, test_explain_reports_what_fix_changes = case_tests(CASES)``

    the damage is repaired; the text it was comes back unchanged; ``explain`` reports exactly what
    ``fix`` changes, at offsets into the damaged text, and fixing again changes nothing.
    """
    each_case = pytest.mark.parametrize("damaged, original", cases, ids=[f"case{k}" for k in range(len(cases))])

    @each_case
    def test_repaired(damaged, original):
        assert fix(damaged) == original

    @each_case
    def test_the_text_it_was_stays(damaged, original):
        assert fix(original) == original

    @each_case
    def test_explain_reports_what_fix_changes(damaged, original):
        found = [f for f in encfix.explain(damaged, **ONLY_MOJIBAKE) if f.new != f.old]
        assert found
        assert all(damaged[f.start:f.end] == f.old for f in found)
        assert encfix.apply(damaged, found) == fix(damaged)
        assert fix(fix(damaged)) == fix(damaged)

    return test_repaired, test_the_text_it_was_stays, test_explain_reports_what_fix_changes
