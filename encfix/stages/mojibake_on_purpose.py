"""What a document writes on purpose, which the mojibake stage's repairs must not take for damage.

The passes of :mod:`encfix.stages.mojibake` look at lines and spans; what they find is checked
here once more against the whole document, for writing that looks like a wrong codec's output
but is the author's own:

* line art: a README that draws boxes (``┌────┐``) drew every piece of box drawing in it, even
  where a piece sits in a line of text (``温度 ───┐ 25°C``);
* jamo alone in Korean (``ㅎㅇㅎㅇ``) and half-width kana alone in Japanese (``ｳｯﾄﾘ``);
* listings: an alphabet or a code table runs through consecutive code points (``ÀÁÂÃÄÅ``),
  which no text's bytes do;
* Latin words: a repair that ran from a garbled sentence over the blank into a name spelled
  with accents (``Núñez``) ends before that word.
"""
from __future__ import annotations

import re
from typing import List, Optional

from ..findings import Finding, edit
from .mojibake_cjk import _LINE_ART_RE
from .mojibake_codecs import READER_BY_NAME, codec_pair

#: box drawing, block elements and blanks: all a piece of line art is made of
_DRAWING_RE = re.compile("[\u2500-\u259f \t\u3000]+")
#: box drawing only (not the block elements ``░▒▓█`` that cp437 and cp850 make of Shift_JIS's and
#: GBK's bytes, nor the ``▄▀`` they make of GBK's ``哪能``): a rule of it (``──`` in Chinese prose)
#: is text, not a code page's reading of any
_BOX_DRAWING_RE = re.compile("[\u2500-\u257f]+")
#: Hangul compatibility jamo and blanks: Korean chat writes jamo alone (ㅎㅇ, ㅋㅋ, ㅠㅠ)
_JAMO_RE = re.compile("[\u3131-\u318e \t]+")
#: half-width kana and blanks: Japanese typed in them (ｳｯﾄﾘ, ｿﾆｰ)
_HALFWIDTH_KANA_ONLY_RE = re.compile("[\uff61-\uff9f \t]+")

#: this many characters in a row, each the code point after the one before, make a listing
#: (``ÀÁÂÃ``, ``ぁあぃい``).  None of the 11,000 garbled documents of the bench's first five
#: samples holds such a run that its original does not: two-byte codes read one byte at a time
#: alternate between a lead byte and a trail byte, and one-byte text does not count up.
LISTING_RUN = 4

#: a Latin letter with an accent or a stroke (Latin-1's letters, less × and ÷)
_ACCENTED = "À-ÖØ-öø-ÿ"
#: a word of Latin letters and of Latin-1's accented ones, as the text has it
_LATIN_WORD_RE = re.compile("[A-Za-z" + _ACCENTED + "]+")
_ACCENTED_RUN_RE = re.compile("[" + _ACCENTED + "]+")
#: the blanks a repair's old and new text share, one for one
_BLANKS_RE = re.compile("[ \t]+")
#: how far either side of a piece of a repair a word it is part of may reach
WORD_REACH = 64


def without_the_documents_own_writing(text: str, edits: List[Finding], language: Optional[str]) -> List[Finding]:
    """``edits`` less those that take for damage what the document writes on purpose, and with
    the Latin words at their ends left out:

    * in a document that draws line art (one box-drawing character
      :data:`~encfix.stages.mojibake_cjk.LINE_ART_RUN` times or more), a repair of line art
      alone (``▒▒`` is GBK's 北 through cp437) or of anything with box drawing in it:
      ``───┐`` reads as GBK's 哪目 through cp437, but the README that draws boxes drew this one
      too (a GBK README read as cp437 draws none: GBK's own box drawing is ``⌐ñ`` in cp437);
    * jamo alone in a Korean document (``ㅎㅇㅎㅇ``, chat), which EUC-KR writes where EUC-JP
      writes hiragana (ぞしぞし);
    * half-width kana alone in a Japanese document (``ｳｯﾄﾘ``), which Shift_JIS makes of GBK's
      bytes (朝呢) -- but not of EUC-JP's, which a Japanese document does hold (``59ｺﾐ｡｣``);
    * a listing (:func:`is_listing`);
    * Latin words at a repair's ends (:func:`without_latin_words`).

    >>> from encfix.config import Config
    >>> from encfix.stages.mojibake import find
    >>> doc = "┌──────┐\\n│ 설치 │\\n└──────┘\\n" + "───┐"
    >>> [f.old for f in find(doc, Config())]
    []
    """
    drops = set()
    if _LINE_ART_RE.search(text) is not None:
        drops.update(id(f) for f in edits
                     if _DRAWING_RE.fullmatch(f.old) or _BOX_DRAWING_RE.search(f.old) is not None)
    if language == "ko":
        drops.update(id(f) for f in edits if _JAMO_RE.fullmatch(f.old))
    elif language == "ja":
        drops.update(id(f) for f in edits if _HALFWIDTH_KANA_ONLY_RE.fullmatch(f.old)
                     and not (codec_pair(f) or "eucjp-").startswith("eucjp-"))
    drops.update(id(f) for f in edits if is_listing(f.old))
    kept = [f for f in edits if id(f) not in drops] if drops else edits
    return [g for g in map(lambda f: without_latin_words(text, f), kept) if g is not None]


def is_listing(old: str) -> bool:
    """Does ``old`` hold :data:`LISTING_RUN` characters beyond ASCII that count up one code
    point at a time (an alphabet, a code table)?

    >>> is_listing("ÀÁÂÃÄÅ ÈÉÊË"), is_listing("ÎÒÃÇÈ¥¹«Ô°")
    (True, False)
    """
    run = 1
    for a, b in zip(old, old[1:]):
        run = run + 1 if ord(a) > 127 and ord(b) == ord(a) + 1 else 1
        if run >= LISTING_RUN:
            return True
    return False


def is_latin_word(word: str) -> bool:
    """Is ``word`` (a whole run of letters in the text) spelled as a Latin word: ASCII letters
    with an accented letter or two here and there (``Núñez``, ``Muñoz``, ``olé``), more ASCII
    letters than accented ones?  Text in a two-byte codec read as Latin-1 or a code page is
    mostly non-ASCII, two for a character, with an ASCII letter only where a trail byte is one
    (``ÎÒÓÃWindows``, ``ÃaÃb``).

    >>> [is_latin_word(w) for w in ("Núñez", "olé", "Ibáñez", "ÎÒÓÃWindows", "ÃaÃb", "Windows")]
    [True, True, True, False, False, False]
    """
    accented = _ACCENTED_RUN_RE.findall(word)
    if not accented or any(len(run) > 2 for run in accented):
        return False
    plain = sum(ch.isascii() for ch in word)
    return plain >= 2 and plain > sum(map(len, accented))


def without_latin_words(text: str, f: Finding) -> Optional[Finding]:
    """``f`` less the Latin words (:func:`is_latin_word`) at its ends, and the ASCII around
    them; None when nothing it changes is left.  Only for a two-byte source read with a
    one-byte reader, whose decoding keeps every blank where it was (ASCII bytes are never a
    trail byte below 0x40): the blanks of ``old`` and ``new`` match one for one.

    A sentence of Shift_JIS read as cp850 runs into a name on the same line: the span search
    took ``Núñez`` too, for its ``úñ`` are cp850's A3 A4, Shift_JIS's ``｣､``.

    >>> doc = "ìíô·é═ Núñez y Muñoz."
    >>> f = edit("mojibake.sjis-as-cp850", doc, 0, 19, "今日は N｣､ez y Mu､", "")
    >>> g = without_latin_words(doc, f)
    >>> (g.old, g.new)
    ('ìíô·é═', '今日は')
    """
    pair = codec_pair(f)
    if pair is None or pair.startswith("utf8-"):
        return f
    reader = READER_BY_NAME.get(pair.split("-as-")[1])
    if reader is None or not reader.single_byte:
        return f
    old_blanks = list(_BLANKS_RE.finditer(f.old))
    new_blanks = list(_BLANKS_RE.finditer(f.new))
    if len(old_blanks) != len(new_blanks):
        return f
    # the old text's pieces between blanks, from either end, while each is ASCII or part of a
    # Latin word as the text spells it (the repair may end inside one: ``Muñ`` of ``Muñoz``)
    cuts = [0] + [m.end() for m in old_blanks], [m.start() for m in old_blanks] + [len(f.old)]
    pieces = list(zip(*cuts))

    def latin(a: int, b: int) -> bool:
        piece = f.old[a:b]
        if piece.isascii():
            return True
        if not all(ch.isascii() or _ACCENTED_RUN_RE.match(ch) for ch in piece):
            return False
        lo, hi = f.start + a, f.start + b
        words = _LATIN_WORD_RE.finditer(text, max(0, lo - WORD_REACH), min(len(text), hi + WORD_REACH))
        return all(is_latin_word(m.group()) for m in words
                   if m.start() < hi and m.end() > lo and not m.group().isascii())

    head = 0
    while head < len(pieces) and latin(*pieces[head]):
        head += 1
    if head == len(pieces):
        return None
    tail = len(pieces) - 1
    while tail > head and latin(*pieces[tail]):
        tail -= 1
    if head == 0 and tail == len(pieces) - 1:
        return f
    oa, ob = pieces[head][0], pieces[tail][1]
    na = 0 if head == 0 else new_blanks[head - 1].end()
    nb = len(f.new) if tail == len(pieces) - 1 else new_blanks[tail].start()
    old, new = f.old[oa:ob], f.new[na:nb]
    if old == new:
        return None
    return edit(f.kind, text, f.start + oa, f.start + ob, new, f.reason)
