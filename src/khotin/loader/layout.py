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
from khotin.loader.meta import is_metadata, names_author
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
    return chrome.page_lines(text, is_headline)


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
    cleaned = [(raw, line) for raw in raws if (line := clean_line(raw))]
    found: list[str] = []
    for index, (raw, line) in enumerate(cleaned):
        carried = title_carrier(line)
        if carried:
            carriers.append(carried)
        elif known.is_learned_heading(line) and chrome.over_list([text for _, text in cleaned[index + 1:index + 3]],
                                                                 is_headline):
            if not _another_byline(line, cleaned, known):
                found.append(f"{notes.NAME_AS_HEADING}: '{line}'; it may be the byline")
            footer.append(line)
            entries.append((line, True))
        elif known.is_chrome(line) or line.casefold() in menu or raw in menus:
            footer.append(line)
            entries.append((line, True))
            if is_prose(line) and not chrome.is_sentence_widget(line):
                prose_dropped.append(line)
        else:
            entries.append((line, False))
    lines, headings = _chrome_headings(entries)
    if prose_dropped:
        found.append(f"{notes.PROSE_AS_CHROME} {len(prose_dropped)} sentence-like line(s): "
                     f"{'; '.join(prose_dropped)[:120]}")
    end, heading = chrome.article_end(lines, [is_prose(line) for line in lines], headings,
                                      _inline_lists(lines, headings))
    if heading is not None:
        found.append(f"dropped {len(lines) - end} line(s) of portal lists from '{heading}' on")
    kept = _drop_inner_lists(lines[:end], headings, found)
    return Layout(tuple(kept), tuple(carriers), tuple(footer), tuple(found))


def _another_byline(heading: str, cleaned: list[tuple[str, str]], known: chrome.Chrome) -> bool:
    """Whether the page names its author on some other line: where a learned
    heading is the page's only name-shaped line, it may be the byline of a
    portal that prints a list right under it; it still goes (the tail reader
    would not take a name above a list as the author either), with a note."""
    key = chrome.mask(heading)
    return any(len(line) <= 100 and chrome.mask(line) != key and not known.is_chrome(line)
               and names_author(line) for _, line in cleaned)


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
        # a lexicon list heading may head a single headline; a line learned as chrome needs two
        wanted = 1 if chrome.is_list_heading(line) else 2
        following = [text for text, _ in entries[index + 1:index + 1 + wanted]]
        if len(following) == wanted and all(_is_item(text) for text in following):
            headings.add(len(lines))
            lines.append(line)
    return lines, headings


def _inline_lists(lines: list[str], headings: set[int]) -> set[int]:
    """Positions of list headings the article goes on after ("Đọc thêm" and a
    headline or two between paragraphs): after the list's headlines come the
    article's paragraphs — two or more, or one and the signature — and nothing
    shaped like another headline up to the next list heading. A list whose
    items carry a summary each has headlines between its sentences."""
    marks = [i for i, line in enumerate(lines) if i in headings or chrome.is_list_heading(line)]
    inline: set[int] = set()
    for n, at in enumerate(marks):
        stop = marks[n + 1] if n + 1 < len(marks) else len(lines)
        after = at + 1
        while after < min(stop, at + 1 + _MAX_LIST) and _is_item(lines[after]):
            after += 1
        rest = lines[after:stop]
        if after == at + 1 or not rest or not is_prose(rest[0]):
            continue
        prose = [is_prose(line) for line in rest]
        if not all(p or is_metadata(line) for p, line in zip(prose, rest)):
            continue
        if sum(prose) >= 2 or any(not p for p in prose[1:]):
            inline.add(at)
    return inline


def _is_item(line: str) -> bool:
    return is_headline(line) and not is_metadata(line)


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
