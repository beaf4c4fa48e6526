"""Generate ``charfreq.tsv``: character frequencies per language, from wordfreq's word lists.

Run from the repository root (needs ``pip install wordfreq`` and the ``opencc`` binding)::

    python -m encfix.data.make_frequencies

wordfreq (Robyn Speer et al., code Apache-2.0, data CC-BY-SA 4.0) publishes word frequencies
estimated from Wikipedia, subtitles, news, books, web text and social media.  A character's
frequency is the sum of the frequencies of the words it appears in (times its count in the
word).  wordfreq's Chinese list is in Simplified characters; the Traditional table is made by
converting every word with OpenCC ``s2twp`` (phrase-aware, so 头发 -> 頭髮 and 发展 -> 發展 come
out right) before counting.

Output: one line per character, ``lang<TAB>char<TAB>cost``, where cost is the character's
negative natural log-probability among that language's letters, in tenths (``round(-10 ln p)``),
most frequent first, keeping the characters that carry 99.99% of each language's letter mass
(capped per language) so the table stays small.
"""
from __future__ import annotations

import math
import os
import unicodedata
from collections import Counter

#: language -> (wordfreq code, most characters kept)
LANGUAGES = {
    "zh-Hans": ("zh", 6000),
    "zh-Hant": ("zh", 6000),
    "ja": ("ja", 4500),
    "ko": ("ko", 2600),
    "en": ("en", 200),
    "fr": ("fr", 200),
    "de": ("de", 200),
    "es": ("es", 200),
    "ru": ("ru", 200),
}

#: a character is kept when it is a letter (wordfreq's words also hold digits and marks)
KEPT_CATEGORIES = ("Lo", "Ll", "Lu", "Lm")

#: stop adding characters once they cover this share of the letter mass
COVERAGE = 0.9999

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "charfreq.tsv")


def count_characters(words, convert=None) -> Counter:
    """Sum word frequencies per letter they contain."""
    counts: Counter = Counter()
    for word, freq in words:
        if convert is not None:
            word = convert(word)
        for ch in word:
            if unicodedata.category(ch) in KEPT_CATEGORIES:
                counts[ch] += freq
    return counts


def top(counts: Counter, limit: int):
    total = sum(counts.values())
    kept, mass = [], 0.0
    for ch, freq in counts.most_common(limit):
        kept.append((ch, freq / total))
        mass += freq / total
        if mass >= COVERAGE:
            break
    return kept


def main() -> None:
    import wordfreq

    lines = []
    for lang, (code, limit) in LANGUAGES.items():
        words = wordfreq.get_frequency_dict(code, "best").items()
        convert = None
        if lang == "zh-Hant":
            import opencc

            convert = opencc.OpenCC("s2twp").convert
        counts = count_characters(words, convert)
        for ch, p in top(counts, limit):
            lines.append(f"{lang}\t{ch}\t{round(-10 * math.log(p))}\n")
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as out:
        out.write("".join(lines))
    print(f"wrote {OUTPUT}: {len(lines)} characters, {os.path.getsize(OUTPUT)} bytes")


if __name__ == "__main__":
    main()
