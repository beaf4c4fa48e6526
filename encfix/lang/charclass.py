"""Character classes shared by the plausibility model and the mojibake stage.

Named the way ftfy's ``badness.py`` names the characters of mojibake: each class is a regex
character-class body built from Unicode block ranges and named characters, never a list of
code points pulled out of thin air.  :func:`classify` says which class one character is in.
"""
from __future__ import annotations

import re
from functools import lru_cache

CHARACTER_CLASSES = {
    # Ideographs: CJK Unified (basic, extension A, extensions B-G in the supplementary planes)
    # and the compatibility ideographs.
    "han": (
        "\N{CJK UNIFIED IDEOGRAPH-4E00}-\N{CJK UNIFIED IDEOGRAPH-9FFF}"
        "\N{CJK UNIFIED IDEOGRAPH-3400}-\N{CJK UNIFIED IDEOGRAPH-4DBF}"
        "\N{CJK COMPATIBILITY IDEOGRAPH-F900}-\N{CJK COMPATIBILITY IDEOGRAPH-FAD9}"
        "\U00020000-\U0003134f"
        "\N{IDEOGRAPHIC ITERATION MARK}"
    ),
    # Hiragana, katakana (with phonetic extensions) and half-width katakana.
    "kana": (
        "\N{HIRAGANA LETTER SMALL A}-\N{HIRAGANA DIGRAPH YORI}"
        "\N{KATAKANA-HIRAGANA DOUBLE HYPHEN}-\N{KATAKANA DIGRAPH KOTO}"
        "\N{KATAKANA LETTER SMALL KU}-\N{KATAKANA LETTER SMALL RO}"
    ),
    # Half-width katakana: old Japanese systems' single-byte kana, and what Shift_JIS makes of
    # bytes 0xA1-0xDF (Ã© read as cp932 is ﾃｩ).  Rare in real text today.
    "halfwidth_kana": "\N{HALFWIDTH KATAKANA MIDDLE DOT}-\N{HALFWIDTH KATAKANA SEMI-VOICED SOUND MARK}",
    # Hangul syllables and jamo (conjoining and compatibility).
    "hangul": (
        "\N{HANGUL SYLLABLE GA}-\N{HANGUL SYLLABLE HIH}"
        "\N{HANGUL CHOSEONG KIYEOK}-\N{HANGUL JONGSEONG SSANGNIEUN}"
        "\N{HANGUL LETTER KIYEOK}-\N{HANGUL LETTER ARAEAE}"
    ),
    # Punctuation of CJK prose: the CJK Symbols and Punctuation block, full-width forms, vertical
    # forms, and the general punctuation that Chinese and Japanese typesetting borrow.
    "cjk_punct": (
        "\N{IDEOGRAPHIC SPACE}-\N{IDEOGRAPHIC CLOSING MARK}"
        "\N{LEFT ANGLE BRACKET}-\N{WAVY DASH}"
        "\N{FULLWIDTH EXCLAMATION MARK}-\N{FULLWIDTH SOLIDUS}"
        "\N{FULLWIDTH COLON}-\N{FULLWIDTH COMMERCIAL AT}"
        "\N{FULLWIDTH LEFT SQUARE BRACKET}-\N{FULLWIDTH GRAVE ACCENT}"
        "\N{FULLWIDTH LEFT CURLY BRACKET}-\N{HALFWIDTH IDEOGRAPHIC COMMA}"
        "\N{FULLWIDTH CENT SIGN}-\N{FULLWIDTH WON SIGN}"
        "\N{PRESENTATION FORM FOR VERTICAL COMMA}-\N{PRESENTATION FORM FOR VERTICAL RIGHT WHITE LENTICULAR BRACKET}"
        "\N{PRESENTATION FORM FOR VERTICAL LEFT SQUARE BRACKET}-\N{SMALL FULL STOP}"
        "\N{LEFT SINGLE QUOTATION MARK}\N{RIGHT SINGLE QUOTATION MARK}"
        "\N{LEFT DOUBLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}"
        "\N{HORIZONTAL ELLIPSIS}\N{EM DASH}\N{HORIZONTAL BAR}\N{MIDDLE DOT}"
        "\N{KATAKANA MIDDLE DOT}"
    ),
    # Full-width digits and letters (Chinese news writes ２０２４年).
    "fullwidth": (
        "\N{FULLWIDTH DIGIT ZERO}-\N{FULLWIDTH DIGIT NINE}"
        "\N{FULLWIDTH LATIN CAPITAL LETTER A}-\N{FULLWIDTH LATIN CAPITAL LETTER Z}"
        "\N{FULLWIDTH LATIN SMALL LETTER A}-\N{FULLWIDTH LATIN SMALL LETTER Z}"
    ),
    "ascii_letter": "A-Za-z",
    "digit": "0-9",
    "space": " \t\n\r\N{NO-BREAK SPACE}",
    "ascii_punct": "!-/:-@\\[-`{-~",
    # Accented Latin letters: Latin-1 Supplement letters and Latin Extended-A/B.
    "latin_accented": (
        "\N{LATIN CAPITAL LETTER A WITH GRAVE}-\N{LATIN CAPITAL LETTER O WITH DIAERESIS}"
        "\N{LATIN CAPITAL LETTER O WITH STROKE}-\N{LATIN SMALL LETTER O WITH DIAERESIS}"
        "\N{LATIN SMALL LETTER O WITH STROKE}-\N{LATIN SMALL LETTER Y WITH DIAERESIS}"
        "\N{LATIN CAPITAL LETTER A WITH MACRON}-\N{LATIN SMALL LETTER Y WITH STROKE}"
    ),
    # Latin-1 Supplement signs: the high half of Latin-1 that is not a letter.  Text decoded
    # as Latin-1 by mistake is full of them; real text uses a few (° © ® × ·) now and then.
    "latin1_symbol": (
        "\N{INVERTED EXCLAMATION MARK}-\N{INVERTED QUESTION MARK}"
        "\N{MULTIPLICATION SIGN}\N{DIVISION SIGN}"
    ),
    # The characters cp1252 puts where Latin-1 has C1 controls (ftfy's "bad" and punctuation
    # classes hold most of them).
    "cp1252_extra": (
        "\N{EURO SIGN}\N{SINGLE LOW-9 QUOTATION MARK}\N{LATIN SMALL LETTER F WITH HOOK}"
        "\N{DOUBLE LOW-9 QUOTATION MARK}\N{DAGGER}\N{DOUBLE DAGGER}"
        "\N{MODIFIER LETTER CIRCUMFLEX ACCENT}\N{PER MILLE SIGN}"
        "\N{SINGLE LEFT-POINTING ANGLE QUOTATION MARK}\N{BULLET}\N{EN DASH}\N{SMALL TILDE}"
        "\N{TRADE MARK SIGN}\N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK}"
    ),
    "greek": "\N{GREEK CAPITAL LETTER HETA}-\N{GREEK SMALL LETTER SAN}",
    "cyrillic": "\N{CYRILLIC CAPITAL LETTER IE WITH GRAVE}-\N{CYRILLIC SMALL LETTER EL WITH DESCENDER}",
    # Box drawing and block elements: what cp437/cp850/cp866 make of CJK bytes (╓╨╬─).
    "box": "\N{BOX DRAWINGS LIGHT HORIZONTAL}-\N{QUADRANT UPPER RIGHT AND LOWER LEFT AND LOWER RIGHT}",
    # C0 controls other than tab and line breaks, and the C1 range, which has no use outside of
    # mojibake any more (as ftfy says).
    "c0": "\x00-\x08\x0b\x0c\x0e-\x1f\x7f",
    "c1": "\x80-\x9f",
    "private_use": "\ue000-\uf8ff\U000f0000-\U0010ffff",
    "replacement": "\N{REPLACEMENT CHARACTER}",
}

#: one compiled regex per class
CLASS_RES = {name: re.compile("[" + body + "]") for name, body in CHARACTER_CLASSES.items()}

#: CJK letters: what the decoded side of CJK mojibake is made of
CJK_LETTER = CHARACTER_CLASSES["han"] + CHARACTER_CLASSES["kana"] + CHARACTER_CLASSES["hangul"]


@lru_cache(maxsize=65536)
def classify(ch: str) -> str:
    """The name of the class ``ch`` is in; ``"symbol"`` for any other assigned character,
    ``"other"`` for unassigned code points and stray surrogates.

    >>> classify("你"), classify("ソ"), classify("한"), classify("Ã"), classify("╓")
    ('han', 'kana', 'hangul', 'latin_accented', 'box')
    """
    for name, regex in CLASS_RES.items():
        if regex.match(ch):
            return name
    import unicodedata

    category = unicodedata.category(ch)
    if category in ("Cn", "Cs", "Co", "Cc"):
        return "other"  # unassigned, lone surrogates, other private use, other controls
    # letters of other scripts, marks, numbers (①), symbols and punctuation
    return "symbol"
