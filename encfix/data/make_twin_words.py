"""Generate ``twin_words.txt``: two-letter Chinese words, for choosing between the byte pairs of
a Shift_JIS "twin" (``encfix.stages.mojibake_cjk._pick_twins``).

Run from the repository root (needs ``pip install wordfreq`` and the ``opencc`` binding)::

    python -m encfix.data.make_twin_words

cp932 decodes some characters from two byte pairs (the IBM extensions at ED40-EEFC and again at
FA40-FC4B, a few signs at 81xx/87xx/FAxx) and encodes them back to one: Chinese text read as
cp932 holds such a character where its bytes were either pair, and only the text decoded from
each tells which.  The pair model (``bigrams.tsv``, the 9,000 most frequent pairs) does not know
the rarer words such a choice often hangs on (GBK's 嘻笑, CE FB D0 A6, read as cp932 is
``ﾎ鋗ｦ``; the other pair of 鋗, EE B4, makes 晤处, which single characters like better).

Kept: the two-letter words of Han characters in wordfreq's Chinese list (Robyn Speer et al.;
code Apache-2.0, data CC-BY-SA 4.0) with a frequency of at least 10^-7.5 (Zipf 1.5), as listed
(Simplified) and converted with OpenCC ``s2twp`` (Traditional), whose GBK (Simplified) or Big5
(Traditional) bytes hold a byte that starts one of cp932's twin byte pairs: the only words a
choice between twins can make or unmake.  One word a line, sorted.
"""
from __future__ import annotations

import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "twin_words.txt")
#: least word frequency kept (Zipf 1.5: about once in 30 million words)
MIN_FREQUENCY = 10 ** -7.5


def twin_leads() -> frozenset:
    """The bytes that start a byte pair cp932 decodes to the same character as another pair."""
    seen: dict = {}
    for lead in range(0x81, 0x100):
        for trail in range(0x40, 0x100):
            pair = bytes((lead, trail))
            try:
                ch = pair.decode("cp932")
            except UnicodeDecodeError:
                continue
            if len(ch) == 1:
                seen.setdefault(ch, []).append(pair)
    return frozenset(p[0] for pairs in seen.values() if len(pairs) > 1 for p in pairs)


def _han(word: str) -> bool:
    return len(word) == 2 and all("\u4e00" <= ch <= "\u9fff" for ch in word)


def _holds(word: str, codec: str, leads: frozenset) -> bool:
    try:
        data = word.encode(codec)
    except UnicodeEncodeError:
        return False
    return any(b in leads for b in data)


def build() -> list:
    """The table's words, sorted."""
    import opencc
    import wordfreq

    leads = twin_leads()
    convert = opencc.OpenCC("s2twp").convert
    kept = set()
    for word, freq in wordfreq.get_frequency_dict("zh", "best").items():
        if freq < MIN_FREQUENCY or not _han(word):
            continue
        if _holds(word, "gbk", leads):
            kept.add(word)
        traditional = convert(word)
        if _han(traditional) and _holds(traditional, "big5", leads):
            kept.add(traditional)
    return sorted(kept)


def main() -> None:
    words = build()
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as out:
        for word in words:
            out.write(word + "\n")
    print(f"{len(words)} words -> {OUTPUT}")


if __name__ == "__main__":
    main()
