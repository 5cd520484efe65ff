"""Vietnamese alphabetical order without ICU.

Modelled on CLDR's `vi` tailoring (what ICU, and so every Vietnamese reader's
phone, uses): ă and â are letters after a, đ after d, ê after e, ô and ơ after o,
ư after u — differences at the first level. The five tones differ only at the
second level, in the order bare < huyền < hỏi < ngã < sắc < nặng, so
"da" < "dà" < "đa". Case differs at the third level, lower before upper.
Spaces and punctuation sort before digits, digits before letters. The key is
checked against a list ICU ordered (tests/vietnamese/icu_vi_order.txt); PyICU
itself is not a dependency because it needs the system ICU library.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {letter: rank for rank, letter in enumerate(_LETTERS)}

_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_MODIFIED = {
    ("a", _BREVE): "ă", ("a", _CIRCUMFLEX): "â", ("e", _CIRCUMFLEX): "ê",
    ("o", _CIRCUMFLEX): "ô", ("o", _HORN): "ơ", ("u", _HORN): "ư",
}
# huyền, hỏi, ngã, sắc, nặng
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

_SPACE, _PUNCT, _DIGIT, _LETTER, _OTHER = range(5)


def _clusters(text: str):
    """Base characters with the combining marks that follow them."""
    base, marks = None, []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and base is not None:
            marks.append(ch)
            continue
        if base is not None:
            yield base, tuple(marks)
        base, marks = ch, []
    if base is not None:
        yield base, tuple(marks)


@lru_cache(maxsize=4096)  # a few hundred distinct letters-with-marks make up every text
def _weights(base: str, marks: tuple[str, ...]) -> tuple[tuple[int, int], int, int]:
    lower = base.lower()
    tertiary = 1 if base != lower else 0
    if lower == "đ" or lower in _RANK:
        letter = lower
        rest = []
        for mark in marks:
            modified = _MODIFIED.get((letter, mark))
            if modified is not None:
                letter = modified
            else:
                rest.append(mark)
        secondary = 0
        for mark in rest:
            secondary = secondary * 8 + _TONES.get(mark, 6)
        return (_LETTER, _RANK[letter]), secondary, tertiary
    secondary = 0
    for mark in marks:
        secondary = secondary * 8 + _TONES.get(mark, 6)
    category = unicodedata.category(base)
    if base.isspace():
        group = _SPACE
    elif category[0] in "PSZC":
        group = _PUNCT
    elif category == "Nd":
        group = _DIGIT
        return (group, unicodedata.digit(base, 0)), secondary, tertiary
    elif category[0] == "L":
        group = _OTHER
    else:
        group = _PUNCT
    return (group, ord(lower)), secondary, tertiary


@lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple:
    """A key that sorts strings in Vietnamese dictionary order (see module doc)."""
    primary, secondary, tertiary = [], [], []
    for base, marks in _clusters(text.strip()):
        p, s, t = _weights(base, marks)
        primary.append(p)
        secondary.append(s)
        tertiary.append(t)
    return tuple(primary), tuple(secondary), tuple(tertiary), text
