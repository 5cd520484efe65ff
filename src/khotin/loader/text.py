"""Small text predicates shared by the loader's rules.

Every rule looks at one line at a time, so these stay cheap and linear: a
50 MB seed must not make any of them slow.
"""

from __future__ import annotations

import re

# A headline, dateline, byline or chrome label is never longer than this;
# longer lines are always article prose and skip the pattern checks.
SHORT_LINE = 300

# Runs of two or more blanks, or any blank that is not a plain space: a lone
# space (by far the most common match) is left alone, which keeps a 50 MB
# one-line page fast.
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_SENTENCE_END = re.compile(r"[.…](?:[\"'”’»)\]]*)$")
_LETTER = re.compile(r"[^\W\d_]")
# A sentence end, then a letter; the range À-Ỹ holds lower-case letters too
# ("Chờ đợi... điều gì" is one sentence), so the case is asked of the letter itself.
_INNER_SENTENCE = re.compile(r"[.!?…][\"”’»)]*\s+([^\W\d_])")


def clean_line(line: str) -> str:
    """One spelling of blank space: no NBSP runs, no edge spaces."""
    return _SPACES.sub(" ", line).strip()


def words(line: str) -> list[str]:
    return line.split()


def has_letters(line: str) -> bool:
    return _LETTER.search(line) is not None


def ends_sentence(line: str) -> bool:
    """A line ending with a full stop or ellipsis (closing quotes allowed)."""
    return _SENTENCE_END.search(line[-8:]) is not None


def is_prose(line: str) -> bool:
    """Article prose, as opposed to a headline: a finished sentence of some
    length, several sentences, or simply too long to be a headline."""
    if len(line) > 250:
        return True
    count = len(line.split())
    if ends_sentence(line) and count >= 8:
        return True
    if line[-1:] in "!?" and len(line) > 150:
        return True
    return count >= 12 and any(m.group(1).isupper() for m in _INNER_SENTENCE.finditer(line))


def is_upper_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def is_capitalised(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and letters[0].isupper()


def fold_key(line: str) -> str:
    """Comparison key for 'the same (clean) line': case and a trailing full
    stop or ellipsis do not matter. Very long lines (never captions) are
    compared exactly, which spares case-folding megabytes."""
    line = line.rstrip(" .…")
    return line.casefold() if len(line) <= 2000 else line
