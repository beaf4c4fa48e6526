"""Generate ``bigrams.tsv``: which pairs of CJK letters real text writes next to each other.

Run from the repository root (needs ``pip install wordfreq`` and the ``opencc`` binding)::

    python -m encfix.data.make_bigrams

wordfreq (Robyn Speer et al., code Apache-2.0, data CC-BY-SA 4.0) publishes word frequencies
estimated from Wikipedia, subtitles, news, books, web and social-media text.  Every pair of
neighbouring letters inside a word is counted with the word's frequency: ``你好`` counts
``你好``, ``中华人民`` counts ``中华 华人 人民``.  Pairs across word boundaries are not seen
(wordfreq lists words, not sentences); the model that reads this table backs off to single
characters for them.

Chinese is one table: the pairs of wordfreq's Simplified list and of the same words converted
with OpenCC ``s2twp``, each pair keeping the larger probability.  Japanese and Korean are one
table each.

Why pairs: mojibake of one CJK codec read as another (``한글`` read as GBK is ``茄臂``, Big5
read as GBK, EUC-JP read as GBK) is made of common characters in an order no language writes.
About half the neighbouring letters of real Chinese, Japanese or Korean text are a pair of this
table; almost none of the mojibake's are.

Output: ``lang<TAB>pair<TAB>cost`` lines, the most frequent pairs of each language first, where
cost is ``round(-10 ln P(second | first))``, the probability that a letter following the first
inside a word is the second.
"""
from __future__ import annotations

import math
import os
import unicodedata
from collections import Counter, defaultdict

#: table -> (wordfreq code, how many pairs to keep)
LANGUAGES = {"zh": ("zh", 9000), "ja": ("ja", 5000), "ko": ("ko", 3500)}

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "bigrams.tsv")


def _cjk_letter(ch: str) -> bool:
    """Han, kana and Hangul (the letters the table is about), not Latin or digits."""
    return ord(ch) >= 0x3040 and unicodedata.category(ch) in ("Lo", "Lm")


def count_pairs(words, convert=None) -> Counter:
    """Sum word frequencies per pair of neighbouring CJK letters in the word."""
    counts: Counter = Counter()
    for word, freq in words:
        if convert is not None:
            word = convert(word)
        for a, b in zip(word, word[1:]):
            if _cjk_letter(a) and _cjk_letter(b):
                counts[a + b] += freq
    return counts


def conditional(counts: Counter) -> dict:
    """pair -> P(second | first), over every pair counted."""
    firsts: defaultdict = defaultdict(float)
    for pair, freq in counts.items():
        firsts[pair[0]] += freq
    return {pair: freq / firsts[pair[0]] for pair, freq in counts.items()}


def main() -> None:
    import wordfreq

    lines = []
    for lang, (code, limit) in LANGUAGES.items():
        words = list(wordfreq.get_frequency_dict(code, "best").items())
        counts = count_pairs(words)
        if lang == "zh":
            import opencc

            traditional = count_pairs(words, opencc.OpenCC("s2twp").convert)
            probs = conditional(counts)
            for pair, p in conditional(traditional).items():
                probs[pair] = max(p, probs.get(pair, 0.0))
            # keep the most frequent pairs of either script, half the table each
            ranked = [p for p, _ in counts.most_common(limit // 2)]
            seen = set(ranked)
            ranked += [p for p, _ in traditional.most_common(limit) if p not in seen][:limit - len(ranked)]
        else:
            probs = conditional(counts)
            ranked = [p for p, _ in counts.most_common(limit)]
        for pair in ranked:
            lines.append(f"{lang}\t{pair}\t{round(-10 * math.log(probs[pair]))}\n")
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as out:
        out.write("".join(lines))
    print(f"wrote {OUTPUT}: {len(lines)} pairs, {os.path.getsize(OUTPUT)} bytes")


if __name__ == "__main__":
    main()
