"""Diacritic folding: the spelling people type when they have no Vietnamese keyboard.

Used to match "Dong Da" against "Đống Đa" and as the first step of ASCII slugs.
"đ" has no combining mark (it is its own letter), so NFD alone would keep it.
"""

from __future__ import annotations

import re
import unicodedata

_STROKE = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """Text without tone or vowel marks, đ→d and Đ→D; case is kept."""
    decomposed = unicodedata.normalize("NFD", text.translate(_STROKE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


# Old-style tone placement ("hoà", "thuỷ") next to the modern one ("hòa",
# "thủy") that the gazetteer uses. Only syllable-final "oa/oe/uy" move the mark;
# "qu" is a consonant, so "quý" stays. Same length in and out (NFC), so match
# offsets stay valid.
_OLD_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_OLD_TONES.update({k[0].upper() + k[1]: v[0].upper() + v[1] for k, v in list(_OLD_TONES.items())})
_OLD_TONES.update({k.upper(): v.upper() for k, v in list(_OLD_TONES.items())})
_OLD_TONE_RE = re.compile(
    "(?<![qQ])(" + "|".join(sorted(_OLD_TONES, key=len, reverse=True)) + r")(?!\w)"
)


def modern_tones(text: str) -> str:
    """NFC text with the tone mark of final "oa/oe/uy" on the first vowel ("hoà" → "hòa")."""
    text = unicodedata.normalize("NFC", text)
    return _OLD_TONE_RE.sub(lambda m: _OLD_TONES[m.group(1)], text)
