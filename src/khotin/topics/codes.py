"""Document codes: the directives, resolutions and decisions an article is about.

"Chỉ thị số 09-CT/TW" and "Chỉ thị 09" name one document, and a reader follows
it like a name, so a code is a tag of its own kind. Two shapes are found:
- a full code ("09-CT/TW", "13/2014/NĐ-CP"), its type read from the words
  before it or, failing that, from its letters (CT → Chỉ thị);
- a type word with a capital and a bare number ("Quyết định 521",
  "Nghị quyết số 57", a plenum's "Nghị quyết Trung ương 8"), never a year
  ("Nghị quyết 2024" is not a code).
A bare number and a full code of the same type and number in one article are
one document (`bare_key` pairs them).
"""

from __future__ import annotations

import re

DOCUMENT_TYPES = {
    "CT": "Chỉ thị", "NQ": "Nghị quyết", "QĐ": "Quyết định", "KL": "Kết luận",
    "KH": "Kế hoạch", "HD": "Hướng dẫn", "NĐ": "Nghị định", "TT": "Thông tư",
    "QC": "Quy chế", "QĐi": "Quy định", "CTr": "Chương trình", "TB": "Thông báo",
    "QH": "Luật", "PL": "Pháp lệnh",
}
_TYPE_WORDS = ("chỉ thị", "nghị quyết", "quyết định", "kết luận", "kế hoạch", "hướng dẫn",
               "nghị định", "thông tư", "quy định", "quy chế", "chương trình", "thông báo",
               "luật", "pháp lệnh", "công văn")
# types whose bare number is a document people cite ("Nghị quyết 57"); "Kế hoạch 3" is not
_BARE_TYPES = ("Chỉ thị", "Nghị quyết", "Quyết định", "Kết luận", "Nghị định", "Thông tư")
_CODE_RE = re.compile(
    r"(?<![\w/.-])(\d{1,4}(?:/\d{4})?[-/]([A-ZĐ][A-ZĐa-z]{1,3})\d{0,2}(?:[-/][A-ZĐ]{1,6}\d{0,2})*)(?![\w/-])"
)
_TYPE_BEFORE = re.compile(
    r"(" + "|".join(w.replace(" ", r"\s+") for w in _TYPE_WORDS) + r")\s+(?:số\s+)?$", re.IGNORECASE
)
_BARE_RE = re.compile(
    r"(?<!\w)(" + "|".join(t.replace(" ", r"\s+") for t in _BARE_TYPES)
    + r")\s+((?:Trung\s+ương|TƯ|TW)\s+)?(?:số\s+)?(\d{1,4})(?![\w/,.-]\w|\w)"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
# a tag that is a code: "<Type> <number or code>"
_CODE_TAG = re.compile(
    r"(?:" + "|".join(w[0].upper() + w[1:] for w in _TYPE_WORDS) + r")\s+(?:Trung ương\s+)?\d[\w/.-]*", re.UNICODE
)


def _kind_name(words: str) -> str:
    words = " ".join(words.split())
    return words[0].upper() + words[1:].lower()


def find(text: str, seen) -> str:
    """Call `seen(key, form)` for each code in `text`; return the text with the
    codes blanked out (pyvi would cut them into numbers and letters)."""
    def full(match: re.Match) -> str:
        code, letters = match.group(1), match.group(2)
        before = _TYPE_BEFORE.search(text, max(0, match.start() - 20), match.start())
        kind = _kind_name(before.group(1)) if before else DOCUMENT_TYPES.get(letters)
        if kind:
            seen("#" + code.upper(), f"{kind} {code}")
        return " , "

    def bare(match: re.Match) -> str:
        kind, number = _kind_name(match.group(1)), match.group(3)
        if _YEAR.fullmatch(number):
            return match.group(0)
        if match.group(2):  # a plenum's resolution: "Nghị quyết Trung ương 8"
            kind += " Trung ương"
        seen(f"#{kind.casefold()} {int(number)}", f"{kind} {int(number)}")
        return " , "

    return _BARE_RE.sub(bare, _CODE_RE.sub(full, text))


def bare_key(form: str) -> str:
    """The key a bare mention of the document in `form` would have:
    "Quyết định 521/QĐ-UBND" → "#quyết định 521"."""
    kind, _, code = form.rpartition(" ")
    number = re.match(r"\d+", code)
    return f"#{kind.casefold()} {int(number.group(0))}" if number else ""


def is_code_tag(tag: str) -> bool:
    """A tag shaped like a document code (what `find` writes, or a person types alike)."""
    return bool(_CODE_TAG.fullmatch(" ".join(tag.split())))
