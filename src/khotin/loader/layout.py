"""The first reading of a page: which lines are the page's furniture.

Before any rule looks for a headline or a byline, the lines that cannot be
the article go: chrome (the lexicon and what the import learned), widgets
that carry the headline after their own label ("QR CODE: …"), and lists of
other articles under a list heading. A line learned as chrome that stands
right above a run of headlines is such a heading too, so a portal's own
"Đọc tiếp" takes its list with it even when no lexicon knows the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from khotin.loader import chrome, notes
from khotin.loader.meta import is_metadata
from khotin.loader.text import clean_line, has_letters, is_prose

# A widget that prints the headline after its own label ("QR CODE: …",
# "Tiêu đề: …", "Chia sẻ bài viết: …"): the label is chrome, the rest is a title.
_CARRIER = re.compile(
    r"^(?P<label>(?:qr\s*code|mã\s+qr|tiêu\s+đề|title|bài\s+viết|chia\s+sẻ(?:\s+bài(?:\s+viết)?)?|share|"
    r"in\s+bài(?:\s+viết)?|gửi\s+bài(?:\s+viết)?|lưu\s+bài(?:\s+viết)?|bạn\s+đang\s+đọc|đang\s+xem))"
    r"\s*:\s*(?P<title>.+)$", re.I)
# At most this many other-article titles follow a list heading in mid-page.
_MAX_LIST = 12
_MAX_TITLE = 250


@dataclass(frozen=True)
class Layout:
    lines: tuple[str, ...]                  # head and article, furniture removed
    carriers: tuple[tuple[str, str], ...]   # (widget label, headline) pairs
    footer: tuple[str, ...]                 # the chrome lines, which may name the portal
    notes: tuple[str, ...]


def is_headline(line: str) -> bool:
    """A line that can be a headline or kicker: words, not a sentence, not a label."""
    return (len(line) <= _MAX_TITLE and len(line.split()) >= 3 and has_letters(line)
            and not line.endswith(":") and not is_prose(line))


def title_carrier(line: str) -> tuple[str, str] | None:
    """A headline printed in a widget ("QR CODE: <title>") on pages whose
    headline line was not scraped: (label, title)."""
    if len(line) > _MAX_TITLE + 30:
        return None
    match = _CARRIER.match(line)
    if match and is_headline(match["title"].strip()):
        return match["label"], match["title"].strip()
    return None


def learning_lines(text: str) -> chrome.PageLines:
    """What this page offers to the chrome learned across one import."""
    return chrome.page_lines(text)


def learn(pages: Iterable[chrome.PageLines]) -> chrome.Chrome:
    """The chrome of one import's pages; metadata is never chrome."""
    return chrome.learn(pages, is_metadata)


def lay_out(text: str, known: chrome.Chrome) -> Layout:
    """Raw page text → the lines a page's rules read, and what was set aside."""
    entries: list[tuple[str, bool]] = []    # (line, is chrome)
    carriers: list[tuple[str, str]] = []
    footer: list[str] = []
    prose_dropped: list[str] = []
    raws = text.split("\n")
    # a line that repeats an item of the page's own menu is a section label
    menus = {raw for raw in raws if chrome.is_menu(raw)}
    menu = {item.casefold() for raw in menus for item in chrome.menu_items(raw)}
    for raw in raws:
        line = clean_line(raw)
        if not line:
            continue
        carried = title_carrier(line)
        if carried:
            carriers.append(carried)
        elif known.is_chrome(line) or line.casefold() in menu or raw in menus:
            footer.append(line)
            entries.append((line, True))
            if is_prose(line) and not chrome.is_sentence_widget(line):
                prose_dropped.append(line)
        else:
            entries.append((line, False))
    lines, headings = _chrome_headings(entries)
    found: list[str] = []
    if prose_dropped:
        found.append(f"{notes.PROSE_AS_CHROME} {len(prose_dropped)} sentence-like line(s): "
                     f"{'; '.join(prose_dropped)[:120]}")
    end, heading = chrome.article_end(lines, [is_prose(line) for line in lines], headings)
    if heading is not None:
        found.append(f"dropped {len(lines) - end} line(s) of portal lists from '{heading}' on")
    kept = _drop_inner_lists(lines[:end], headings, found)
    return Layout(tuple(kept), tuple(carriers), tuple(footer), tuple(found))


def _chrome_headings(entries: list[tuple[str, bool]]) -> tuple[list[str], set[int]]:
    """Chrome goes, except where it heads a run of two or more headlines
    ("Xem thêm", or a portal's own words the import learned): there it stays
    in place as a list heading (its position in the returned lines). Above
    the article's first paragraph chrome heads nothing: a section label over
    the page's own headline is not a list."""
    lines: list[str] = []
    headings: set[int] = set()
    after_prose = False
    for index, (line, is_chrome) in enumerate(entries):
        if not is_chrome:
            lines.append(line)
            after_prose = after_prose or is_prose(line)
            continue
        if not after_prose:  # above the article, chrome is a label or toolbar, not a list
            continue
        following = [text for text, _ in entries[index + 1:index + 3]]
        if len(following) == 2 and all(is_headline(text) and not is_metadata(text) for text in following):
            headings.add(len(lines))
            lines.append(line)
    return lines, headings


def _drop_inner_lists(lines: list[str], headings: set[int], found: list[str]) -> list[str]:
    """A list heading higher up the page (a sidebar scraped into the text) goes
    with the other-article titles right under it, but never past prose. At
    the very top of the page the last headline of such a run is the page's
    own headline, so it stays."""
    kept: list[str] = []
    run: list[str] | None = None
    at_top = False
    for index, line in enumerate(lines):
        if index in headings or chrome.is_list_heading(line):
            if index not in headings:
                found.append(f"dropped the list '{line}' and the headlines under it")
            run, at_top = [], not any(is_prose(text) for text in kept)
            continue
        if run is not None and len(run) < _MAX_LIST and is_headline(line):
            run.append(line)
            continue
        if run and at_top:
            kept.append(run[-1])
        run = None
        kept.append(line)
    if run and at_top:
        kept.append(run[-1])
    return kept
