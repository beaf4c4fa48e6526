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
import unicodedata
from functools import lru_cache
from typing import Dict, List, Optional, Set

from ..findings import Finding, edit
from ..lang.charclass import CHARACTER_CLASSES
from .mojibake_cjk import _LINE_ART_RE
from .mojibake_codecs import READER_BY_NAME, codec_pair

#: box drawing, block elements and blanks: all a piece of line art is made of
_DRAWING_RE = re.compile("[\u2500-\u259f \t\u3000]+")
#: box drawing only (not the block elements ``░▒▓█`` that cp437 and cp850 make of Shift_JIS's and
#: GBK's bytes, nor the ``▄▀`` they make of GBK's ``哪能``): a rule of it (``──`` in Chinese prose)
#: is text, not a code page's reading of any
_BOX_DRAWING_RE = re.compile("[\u2500-\u257f]+")
#: a run of box drawing and block elements, as a piece of line art is written on one line
_DRAWING_RUN_RE = re.compile("[\u2500-\u259f]+")
_BLOCK_RE = re.compile("[\u2580-\u259f]")
#: signs clean text writes beside line art and numbers (``25°C``, ``±0.5``, ``3×4``, ``a·b``);
#: each is also a code page's reading of a byte GBK writes, so each must stand alone
CLEAN_SIGNS = "°±·×÷²³µ½¼¾∙√≤≥≈∞"
#: what may stand beside line art or a sign that stands alone: ASCII, and CJK text, which no
#: code page makes of any byte
_TEXT_RE = re.compile("[\x00-\x7f" + CHARACTER_CLASSES["han"] + CHARACTER_CLASSES["kana"]
                      + CHARACTER_CLASSES["hangul"] + CHARACTER_CLASSES["cjk_punct"]
                      + CHARACTER_CLASSES["fullwidth"] + "]")
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
    * in any document, a one-byte reader's repairs of line art that joins and of signs that
      stand alone, where that reader's repairs are nothing else (:func:`is_drawn`): a table's
      border or a terminal's snippet beside a unit (``温度 ───┐ 25°C``, not 温度 哪目 25鳦);
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
    >>> [[(f.old, f.new) for f in find(doc, Config())] for doc in ("温度 ───┐ 25°C", "╓╨╬─.zip")]
    [[], [('╓╨╬─', '中文')]]
    """
    # (first: the Latin words at a repair's ends are the text's own, and what is left is judged
    # without them -- ``Größe ───┐`` reaches here as ``öße ───┐``, and ``öße`` is no line art)
    edits = [g for g in (without_latin_words(text, f) for f in edits) if g is not None]
    drops = set()
    if _LINE_ART_RE.search(text) is not None:
        drops.update(id(f) for f in edits
                     if _DRAWING_RE.fullmatch(f.old) or _BOX_DRAWING_RE.search(f.old) is not None)
    art = set(drops)
    if language == "ko":
        drops.update(id(f) for f in edits if _JAMO_RE.fullmatch(f.old))
    elif language == "ja":
        drops.update(id(f) for f in edits if _HALFWIDTH_KANA_ONLY_RE.fullmatch(f.old)
                     and not (codec_pair(f) or "eucjp-").startswith("eucjp-"))
    drops.update(id(f) for f in edits if is_listing(f.old))
    # (last: what else a reader repaired is judged without the repairs already taken back, a
    # listing ÀÁÂÃÄÅ among them, but for line art)
    judged = [f for f in edits if id(f) not in drops or id(f) in art]
    drops.update(id(f) for f in _drawn_not_garbled(text, judged, art))
    return [f for f in edits if id(f) not in drops] if drops else edits


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


def _drawn_not_garbled(text: str, edits: List[Finding], art: Set[int]) -> List[Finding]:
    """The repairs by a one-byte reader whose old text is line art and signs as clean text
    writes them (:func:`is_drawn`), in a document where that reader garbled nothing else: a
    terminal snippet or a table border with a unit beside it (``温度 ───┐ 25°C``) reads as
    GBK through cp437 (哪目 25鳦), but a GBK document read as cp437 is garbled all through, its
    line art included (GBK's ``┌──`` is ``⌐ñ⌐ñ`` there), and its Greek letters and accents
    leave repairs that are not line art.  ``art``: the ids of the repairs already found to be
    line art (:func:`without_the_documents_own_writing`)."""
    one_byte = [f for f in edits if _one_byte_reader(f) and id(f) not in art]
    drawn, signs = [], []
    for f in one_byte:
        if is_drawn(text, f.start, f.end):
            drawn.append(f)
        elif _signs_alone(text, f.start, f.end):
            # (a sign the leftover passes took to be the same pair's, ``°C`` as 鳦 "as elsewhere
            # in this document", where that elsewhere is line art)
            signs.append(f)
        else:
            return []  # (the reader garbled this document: its line art too)
    if not drawn and not any(_one_byte_reader(f) for f in edits if id(f) in art):
        return []
    return drawn + signs


def _signs_alone(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` ASCII, CJK text and signs that stand alone, one sign at least?"""
    return (any(ch in CLEAN_SIGNS for ch in text[start:end]) and _DRAWING_RUN_RE.search(text, start, end) is None
            and _clean_between(text, start, end))


def _one_byte_reader(f: Finding) -> bool:
    pair = codec_pair(f)
    if pair is None or "-as-" not in pair:
        return False
    reader = READER_BY_NAME.get(pair.split("-as-")[1])
    return reader is not None and reader.single_byte


def is_drawn(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` line art, with ASCII, CJK text and signs that stand alone
    (:data:`CLEAN_SIGNS`) around it, rather than a two-byte codec's text read one byte at a
    time?  Line art joins (:func:`joins_as_art`): each piece of box drawing meets the next with
    a stroke of the same weight (``───┐``, ``├──``); a bar of blocks repeats each block
    (``████░░░░``).  GBK read as cp437 joins by chance in short runs only (中文 is ``╓╨╬─``,
    whose ``╨╬`` meet a single stroke with a double one): of the 174,000 runs of box drawing
    in the code-page cases of four of the bench's samples, 16% of those of two characters
    join, 3.7% of three, 0.6% of four, 0.2% of five and none longer; and a short text's
    repairs are all line art that joins only where the reader garbled nothing else
    (:func:`_drawn_not_garbled`).  And neither art nor a sign written on purpose touches another high
    character of a code page (``─≥``, ``°╙``), which is how the bytes of one GBK character
    read.  A run is judged whole, as the text has it, wherever the repair cuts it.

    >>> [is_drawn(s, 0, len(s)) for s in ("───┐ 25°C", "├── src", "████░░░░ 50%", "│ 名称 │ ±2 │")]
    [True, True, True, True]
    >>> [is_drawn(s, 0, len(s)) for s in ("╓╨╬─", "▒▒", "─┐≥", "║╚", "┐A")]
    [False, False, False, False, False]
    """
    runs = list(_DRAWING_RUN_RE.finditer(text, start, end))
    if not runs:
        return False
    pos = start
    for m in runs:
        a, b = m.span()
        if not _clean_between(text, pos, a):
            return False
        # (the whole run, as the text has it)
        while a > 0 and _DRAWING_RUN_RE.match(text, a - 1, a):
            a -= 1
        while b < len(text) and _DRAWING_RUN_RE.match(text, b, b + 1):
            b += 1
        if not joins_as_art(text[a:b]) or not _stands_alone(text, a, b, end):
            return False
        pos = m.end()
    return _clean_between(text, pos, end)


def _clean_between(text: str, a: int, b: int) -> bool:
    """Is ``text[a:b]`` (no line art in it) ASCII, CJK text and signs that stand alone?"""
    for k in range(a, b):
        ch = text[k]
        if _TEXT_RE.match(ch) is None and (ch not in CLEAN_SIGNS or not _stands_alone(text, k, k + 1, b)):
            return False
    return True


def _stands_alone(text: str, a: int, b: int, end: int) -> bool:
    """Is ``text[a:b]`` set between ASCII or CJK text (or the ends of the text)?  And where the
    repair ending at ``end`` takes the ASCII after it in too, is that no letter a GBK or Big5
    lead byte takes for its second byte (``@`` to ``~``), but a unit after a sign (``°C``) or
    what follows art that runs on (:func:`_runs_on`): ``"└─┴┘\\n"`` in a program, ``▒▒▒▒▒Table``?"""
    if a > 0 and _TEXT_RE.match(text[a - 1]) is None:
        return False
    if b < len(text):
        after = text[b]
        if _TEXT_RE.match(after) is None:
            return False
        if (b < end and "@" <= after <= "~" and not (text[b - 1] == "°" and after in "CF")
                and not _runs_on(text[a:b])):
            return False
    return True


def _runs_on(run: str) -> bool:
    """Is ``run`` (line art that joins) too long to be GBK's reading by chance: four
    characters or more, or three of one character at its end (GBK would have to repeat a
    character whose two bytes are one)?"""
    return len(run) >= 4 or (len(run) >= 3 and run[-1] == run[-2] == run[-3])


def joins_as_art(run: str) -> bool:
    """Does ``run`` (box drawing and blocks) join as line art: each piece of box drawing
    meets the next with a stroke of the same weight, and the blocks make bars, each block
    twice or more running, three blocks at least (``▒▒`` is GBK's 北)?

    >>> [joins_as_art(r) for r in ("───┐", "═╗", "┘", "██░░", "┻━┻▒▒▒▒", "───┐┃")]
    [True, True, True, True, True, True]
    >>> [joins_as_art(r) for r in ("╓╨╬─", "▒▒", "┤├", "▓─", "║║", "┘└")]
    [False, False, False, False, False, False]
    """
    if len(run) == 1:
        return True
    for m in re.finditer("[\u2580-\u259f]+|[\u2500-\u257f]+", run):
        piece = m.group()
        if _BLOCK_RE.match(piece):
            if len(piece) < 3 or any(len(r.group()) < 2 for r in re.finditer(r"(.)\1*", piece)):
                return False
        elif not _box_drawing_joins(piece):
            return False
    return True


def _box_drawing_joins(piece: str) -> bool:
    """Does each character of ``piece`` (box drawing) meet the next with a stroke of the same
    weight (``─┐``, ``╚═``), or stand beside a frame's upright that has no stroke across
    either (``┐┃``), and does one pair meet at least?  (``┘└``, two corners turning away, is
    two boxes' corners; but a picture of two boxes side by side is drawn with their lines, and
    allowing it lets through GBK's readings; ``║║`` is 汉.)"""
    meets = 0
    for x, y in zip(piece, piece[1:]):
        right, left = _arms(x).get("r"), _arms(y).get("l")
        if right is not None and right == left:
            meets += 1
        elif not (right is None and left is None and (_upright(x) or _upright(y))):
            return False
    return meets > 0


def _upright(ch: str) -> bool:
    arms = _arms(ch)
    return "l" not in arms and "r" not in arms


#: what a box-drawing character's name calls the ways its strokes leave the cell
_DIRECTIONS = {"LEFT": "l", "RIGHT": "r", "UP": "u", "DOWN": "d", "HORIZONTAL": "lr", "VERTICAL": "ud"}
#: and their weights (a single stroke is a light one)
_WEIGHTS = {"LIGHT": "light", "SINGLE": "light", "HEAVY": "heavy", "DOUBLE": "double"}


@lru_cache(maxsize=None)
def _arms(ch: str) -> Dict[str, str]:
    """The strokes of a box-drawing character, by the side they leave its cell by, with their
    weight, read from its Unicode name (``BOX DRAWINGS DOWN SINGLE AND RIGHT DOUBLE``); none
    for blocks, diagonals and everything else.

    >>> _arms("┐"), _arms("╓"), _arms("█")
    ({'d': 'light', 'l': 'light'}, {'d': 'double', 'r': 'light'}, {})
    """
    name = unicodedata.name(ch, "")
    if not name.startswith("BOX DRAWINGS ") or "DIAGONAL" in name:
        return {}
    # (a dashed line's "DOUBLE DASH" counts dashes, not strokes)
    name = re.sub(r"(DOUBLE|TRIPLE|QUADRUPLE) DASH", "DASH", name[len("BOX DRAWINGS "):])
    arms: Dict[str, str] = {}
    first = None
    for part in name.split(" AND "):
        words = part.split()
        weight = next((_WEIGHTS[w] for w in words if w in _WEIGHTS), None)
        if weight is None:
            weight = first  # ("LIGHT DOWN AND RIGHT": the first weight is for both)
        elif first is None:
            first = weight
        for w in words:
            for side in _DIRECTIONS.get(w, ""):
                arms[side] = weight
    return arms
