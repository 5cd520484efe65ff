"""ASCII URL slugs for records, tags and places.

python-slugify does the transliteration; we fold first so "đ" and stacked marks
never depend on which unidecode backend is installed. A slug is never empty
(a page needs an address even when its title is all punctuation) and is cut at a
hyphen so it never ends mid-word.
"""

from __future__ import annotations

from slugify import slugify as _slugify

from khotin.vietnamese.fold import fold

MAX_LENGTH = 80
FALLBACK = "bai"


def slugify(text: str) -> str:
    """"Đống Đa" → "dong-da"; only [a-z0-9-], at most MAX_LENGTH characters."""
    slug = _slugify(
        fold(text or ""), max_length=MAX_LENGTH, word_boundary=True,
        separator="-", lowercase=True,
    )
    return slug.strip("-") or FALLBACK


def unique_slug(base: str, taken: set[str]) -> str:
    """`base`, else `base-2`, `base-3` … — the first one not in `taken`.

    Pure: `taken` is not changed, the caller adds the result. Deterministic as
    long as callers hand out slugs in a stable order.
    """
    base = base or FALLBACK
    if base not in taken:
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        stem = base[: MAX_LENGTH - len(suffix)].rstrip("-") if len(base) + len(suffix) > MAX_LENGTH else base
        candidate = stem + suffix
        if candidate not in taken:
            return candidate
        number += 1
