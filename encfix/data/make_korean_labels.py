"""Generate ``korean_label_words.txt``: words of Korean bills that, read as GBK or Big5, are no word.

Run from the repository root (needs ``pip install wordfreq``, the ``opencc`` binding and pyarrow;
the bills come from the benchmark's cache, ``benchmarks/corpora.py``)::

    python -m encfix.data.make_korean_labels

Korean bills set their labels apart on lines of their own, one syllable a few blanks from the
next (``부      칙``, ``구  분``, ``<신  설>``).  EUC-KR read as GBK or Big5 makes each syllable one
Chinese character (``睡      罌``, ``备  盒``, ``<脚  汲>``): two letters, too few for any model, and
many bills write the label nowhere else.  What the mojibake stage knows instead is that the
re-read label is a word Korean bills write, and that the line as it is, its letters joined, is
no word of Chinese or Japanese (a clean Hanja label, ``區  分`` or ``附      則``, is one).

The table is the words of two to four Hangul syllables of wordfreq's Korean list (Robyn Speer et
al.; code Apache-2.0, data CC-BY-SA 4.0) that at least :data:`MIN_BILLS` propose-reason texts of
National Assembly bills (korean-assembly-bills 0.1.0, CC BY 4.0; 60,546 texts) open a word with
-- the vocabulary of bills, not of Korean at large -- less those whose EUC-KR bytes read as GBK
or as Big5 (Python's ``gbk``, ``cp950``) give a word of wordfreq's Chinese list (as written, or
converted to Simplified by OpenCC ``t2s``) or of its Japanese list.
"""
from __future__ import annotations

import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "korean_label_words.txt")
#: fewest bills (of 60,546) that must open a word with the label: one in 600
MIN_BILLS = 100
_WORD_RE = re.compile("[\uac00-\ud7a3]{2,4}")
_HANGUL_RUN_RE = re.compile("[\uac00-\ud7a3]+")
#: the readers of EUC-KR whose Chinese the table is about, as Python codecs
READERS = ("gbk", "cp950")


def bill_openings():
    """How many bills open a word (a run of Hangul) with each string of two to four syllables."""
    import sys
    from collections import Counter

    import pyarrow as pa
    import pyarrow.parquet as pq

    sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))
    from benchmarks.corpora import read_members

    ((_, data),) = read_members("korean-assembly-bills", lambda n: n.endswith("data/bill_texts.parquet"))
    table = pq.read_table(pa.BufferReader(data), columns=["propose_reason"])
    counts: Counter = Counter()
    bills = 0
    for text in table.column("propose_reason").to_pylist():
        if not text:
            continue
        bills += 1
        counts.update({run[:k] for run in _HANGUL_RUN_RE.findall(text) for k in (2, 3, 4) if len(run) >= k})
    return counts, bills


def reads_as_a_word(word: str, chinese: dict, japanese: dict, to_simplified) -> bool:
    """Does ``word`` in EUC-KR, read by GBK or Big5, give a Chinese or Japanese word?"""
    data = word.encode("euc_kr")
    for codec in READERS:
        try:
            reading = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if reading in chinese or to_simplified.convert(reading) in chinese or reading in japanese:
            return True
    return False


def main() -> None:
    from importlib.metadata import version

    import opencc
    import wordfreq

    korean = wordfreq.get_frequency_dict("ko", "best")
    chinese = wordfreq.get_frequency_dict("zh", "best")
    japanese = wordfreq.get_frequency_dict("ja", "best")
    to_simplified = opencc.OpenCC("t2s")
    openings, bills = bill_openings()
    words = []
    for word in korean:
        if not _WORD_RE.fullmatch(word) or openings[word] < MIN_BILLS:
            continue
        try:
            word.encode("euc_kr")
        except UnicodeEncodeError:
            continue
        if not reads_as_a_word(word, chinese, japanese, to_simplified):
            words.append(word)
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as out:
        out.write(f"# made by make_korean_labels.py: wordfreq {version('wordfreq')} "
                  f"Korean words (CC-BY-SA 4.0) that {MIN_BILLS}+ of {bills} bills of korean-assembly-bills 0.1.0 "
                  f"(CC BY 4.0) open a word with, less those whose EUC-KR read as GBK or Big5 is a Chinese or "
                  f"Japanese word; one a line\n")
        for word in sorted(words):
            out.write(word + "\n")
    print(f"{len(words)} words -> {OUTPUT}")


if __name__ == "__main__":
    main()
