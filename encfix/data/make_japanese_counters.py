"""Generate ``japanese_counters.txt``: the counters (助数詞) Japanese writes most after a number:
歳 of 94歳, 人 of 5人, 回 of 3回.

Run from the repository root (needs ``pip install janome==0.5.0`` and the benchmark's cached
corpora)::

    python -m encfix.data.make_japanese_counters

The mojibake stage repairs a lone kanji that a Japanese codec read as another CJK codec made of
a letter Japanese does not write (``102盒だった。`` is 102歳だった。, EUC-JP read as GBK), and takes
such a letter right after a number as a garbled counter only when its re-read is one of these
(:func:`encfix.stages.mojibake_japanese._counts_a_number`).  A counter is a kanji that IPAdic, the
dictionary of MeCab that janome ships, tags ``名詞,接尾,助数詞`` (noun, suffix, counter) in both
frames ``2Xだ`` and ``約10Xの``, among the kanji of JIS X 0208 (what EUC-JP encodes): 220 of
them.  The evidence a counter gives is as strong as Japanese writes it after numbers, so the
table keeps those that follow a digit :data:`MIN_AFTER_NUMBER` times or more in the clean
Japanese web and chat pools of the benchmarks (``ja-web``: chardet 5.2.0's test feeds; ``ja-chat``:
chatterbot-corpus 1.3.3; not the ``ja`` news that the damage samples are made from): a rare
counter (射 辺 園) is a common letter of Chinese re-read as often as a counter garbled.
Sources: janome 0.5.0 (Apache-2.0) with mecab-ipadic 2.7.0 (its own BSD-style licence, NAIST
and the former IPA); the pools' counts (see ``encfix/data/README.md``).
"""
from __future__ import annotations

import os
import re
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "japanese_counters.txt")
#: the frames a kanji is tried in, with the index of its token: a counter in both
FRAMES = (("2{}だ", 1), ("約10{}の", 2))
COUNTER_TAG = "名詞,接尾,助数詞"
#: fewest times a counter must follow a digit in the pools (of 1,919 kanji after a digit there)
MIN_AFTER_NUMBER = 10
POOLS = ("ja-web", "ja-chat")
_AFTER_NUMBER_RE = re.compile("[0-9\uff10-\uff19]([\u4e00-\u9fff])")


def jis_kanji() -> list:
    """Every kanji EUC-JP encodes (JIS X 0208 rows 16-84), in code order."""
    out = []
    for lead in range(0xB0, 0xF5):
        for trail in range(0xA1, 0xFF):
            try:
                ch = bytes((lead, trail)).decode("euc_jp")
            except UnicodeDecodeError:
                continue
            if "\u4e00" <= ch <= "\u9fff":
                out.append(ch)
    return out


def after_numbers() -> Counter:
    """How often each kanji follows a digit in the clean Japanese pools."""
    from benchmarks import corpora

    counts: Counter = Counter()
    for kind in POOLS:
        for doc in corpora.load(kind, limit=5000):
            counts.update(_AFTER_NUMBER_RE.findall(doc))
    return counts


def counters() -> list:
    """The counters of the table, in code order."""
    from janome.tokenizer import Tokenizer

    tokenizer = Tokenizer()

    def counter_in(frame: str, index: int, ch: str) -> bool:
        tokens = list(tokenizer.tokenize(frame.format(ch)))
        return (len(tokens) > index and tokens[index].surface == ch
                and tokens[index].part_of_speech.startswith(COUNTER_TAG))

    counts = after_numbers()
    return sorted(ch for ch in jis_kanji() if counts[ch] >= MIN_AFTER_NUMBER
                  and all(counter_in(frame, i, ch) for frame, i in FRAMES))


def main() -> None:
    import janome

    found = counters()
    with open(OUTPUT, "w", encoding="utf-8") as out:
        out.write(f"# made by make_japanese_counters.py from janome {janome.__version__} (mecab-ipadic 2.7.0) and the "
                  f"{'/'.join(POOLS)} pools: the kanji IPAdic tags {COUNTER_TAG} that follow a digit "
                  f"{MIN_AFTER_NUMBER}+ times there; one a line\n")
        for ch in found:
            out.write(ch + "\n")
    print(f"{len(found)} counters -> {OUTPUT}")


if __name__ == "__main__":
    main()
