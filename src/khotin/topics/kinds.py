"""What kind of tag a front-matter string is, for the site that files it.

Front matter holds tag strings only (a person may type one), so the kind is
read from the string the way the tagger writes it: a document code has its
shape ("Chỉ thị 09-CT/TW", "Quyết định 521"); a name starts with a capital
("Donald Trump", "Bộ Công an"); a subject is written in lower case. A name or
a code is worth a page of its own even with one article (a reader looks it up
by name); a subject page with one article leads nowhere.
"""

from __future__ import annotations

from khotin.topics.codes import is_code_tag

NAME, DOCUMENT, SUBJECT = "name", "document", "subject"
KINDS = (NAME, DOCUMENT, SUBJECT)


def tag_kind(tag: str) -> str:
    tag = " ".join(tag.split())
    if is_code_tag(tag):
        return DOCUMENT
    return NAME if tag[:1].isupper() else SUBJECT


def stands_alone(kind: str) -> bool:
    """True when one article is enough for the tag to have its page."""
    return kind != SUBJECT
