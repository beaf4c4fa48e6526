"""Generate ``rare_words.txt``: pairs of uncommon Chinese characters that real words are made of.

Run from the repository root (needs ``pip install wordfreq`` and the ``opencc`` binding)::

    python -m encfix.data.make_rare_words

The mojibake gate (:func:`encfix.stages.mojibake._gate_re`) looks for two uncommon CJK
characters close together: UTF-8 read as GBK makes text like ``浣犲ソ``.  But Chinese has words
made of two uncommon characters (``鸳鸯`` ``囫囵`` ``徘徊``), and every line holding one would send
the line down the expensive path of trying every codec pair.  This script lists what the gate
matches inside the 500,000 most frequent words of wordfreq's Chinese list (Simplified, and the
same words converted with OpenCC ``s2twp`` for Traditional); the stage ignores a gate hit that is
one of them.  Source: wordfreq 3.x (Robyn Speer et al.; code Apache-2.0, data CC-BY-SA 4.0).
Regenerate it whenever the gate or ``charfreq.tsv`` changes.
"""
from __future__ import annotations

import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "rare_words.txt")
TOP_WORDS = 500_000


def main() -> None:
    import opencc
    import wordfreq

    from encfix.stages.mojibake import _gate_re

    gate = _gate_re()
    to_traditional = opencc.OpenCC("s2twp")
    words = [w for w in wordfreq.top_n_list("zh", TOP_WORDS) if 2 <= len(w) <= 6]
    pairs = set()
    for word in words:
        for form in (word, to_traditional.convert(word)):
            for m in gate.finditer(form):
                if not any(ch in m.group() for ch in "?\ufffd"):
                    pairs.add(m.group())
    with open(OUTPUT, "w", encoding="utf-8") as out:
        out.write(f"# made by make_rare_words.py from wordfreq {wordfreq.__version__ if hasattr(wordfreq, '__version__') else '3.x'} "
                  f"(top {TOP_WORDS} Chinese words, CC-BY-SA 4.0); one gate match a line\n")
        for pair in sorted(pairs):
            out.write(pair + "\n")
    print(f"{len(pairs)} pairs -> {OUTPUT}")


if __name__ == "__main__":
    main()
