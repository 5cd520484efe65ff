"""One scraped page → the parts of one record.

The page is read as a list of non-empty lines in three zones: the *head*
(everything before the first line of article prose: kicker, headline,
dateline, byline, toolbar), the *article*, and the *tail* (signature,
source line, then portal lists and footers). Each decision is a small rule
in its own module; this module only orders them and records, in `review`,
what a person should check: what was inferred, guessed or dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from khotin.errors import SeedError
from khotin.loader import bylines, captions, chrome, dates, notes, sources
from khotin.loader.layout import is_headline, lay_out
from khotin.loader.markdown import escape_block_start, italic, summary
from khotin.loader.meta import read_line
from khotin.loader.text import fold_key, is_prose

_MAX_TAIL = 4
# The signature stands right under the last paragraph, or under its caption.
_SIGNATURE_REACH = 2
_ITEM_WORDS = 7
# A page's head (kicker, headline, dateline, byline, toolbar) is never longer;
# a page without prose near the top is read as body after this many lines.
_MAX_HEAD = 40


@dataclass(frozen=True)
class ParsedPage:
    title: str
    kicker: str | None
    date: str | None
    author: str | None
    source: str | None
    summary: str | None
    body: str
    review: tuple[str, ...] = ()


@dataclass
class _Found:
    """What the rules have found so far (mutable only inside one parse)."""

    date: str | None = None
    authors: list[str] = field(default_factory=list)
    source: str | None = None
    credit: str | None = None           # "Theo X": where the text came from
    notes: list[str] = field(default_factory=list)

    def add_author(self, name: str) -> None:
        if name and name not in self.authors:
            self.authors.append(name)


def _meta_line(line: str, found: _Found) -> bool:
    """Read a dateline, byline, source or credit line into `found`; False for other lines."""
    meta = read_line(line)
    if meta is None:
        return False
    if meta.date is not None:
        found.date = found.date or meta.date.iso()
    for author in meta.authors:
        found.add_author(author)
    if meta.source:
        found.source = found.source or meta.source
    if meta.credit:
        found.credit = found.credit or meta.credit
    return True


def _opens_article(line: str) -> bool:
    """The first line of article prose: a sentence, an outlet-prefixed lede or
    a lede opening with its time phrase."""
    if is_prose(line):
        return True
    if len(line.split()) < 6:
        return False
    return sources.split_lede_prefix(line) is not None or dates.lede_date(line) is not None


def _read_head(head: list[str], found: _Found) -> tuple[str | None, str | None, list[str]]:
    """Kicker and title from the lines before the article, and the head lines
    that belong to the body (lines under the headline that are not metadata)."""
    kinds: list[str] = []
    glued: dict[int, dates.FoundDate] = {}
    seen_candidate = False
    for index, line in enumerate(head):
        title_part, stamp = dates.split_glued_date(line)
        if stamp and is_headline(title_part):
            head[index] = title_part
            glued[index] = stamp
            kinds.append("candidate")
            seen_candidate = True
        elif (seen_candidate or _beside_dateline(head, index)) and (author := bylines.byline(line)):
            found.add_author(author)
            kinds.append("meta")
        elif seen_candidate and (outlet := sources.canonical_outlet(line)):
            found.source = found.source or outlet
            kinds.append("meta")
        elif _meta_line(line, found):
            kinds.append("meta")
        elif _is_label(line):
            kinds.append("label")
        elif is_headline(line):
            kinds.append("candidate")
            seen_candidate = True
        else:
            kinds.append("other")
    for index, stamp in glued.items():
        if _labels_dateline(head, kinds, index):
            kinds[index] = "meta"
            found.date = found.date or stamp.iso()
    candidates = [i for i, kind in enumerate(kinds) if kind == "candidate"]
    if not candidates:  # a page whose only headline-shaped lines are short: take them after all
        candidates = [i for i, kind in enumerate(kinds) if kind == "label" and is_headline(head[i])]
        for i in candidates:
            kinds[i] = "candidate"
    if not candidates:
        return None, None, [line for line, kind in zip(head, kinds) if kind == "other"]
    # the headline sits right next to its dateline or byline (section labels
    # between do not count): the longest such line, or else the longest of all
    near = [kind for kind in kinds if kind != "label"]
    where = [i for i, kind in enumerate(kinds) if kind != "label"]
    beside = [i for n, i in enumerate(where) if kinds[i] == "candidate" and (
        i in glued or near[n + 1:n + 2] == ["meta"] or (n > 0 and near[n - 1] == "meta"))]
    title_index = max(beside or candidates, key=lambda i: len(head[i]))
    if title_index in glued and found.date is None:
        found.date = glued[title_index].iso()
    kicker = None
    before = [i for i in range(title_index) if kinds[i] != "meta"]
    if before and before[-1] == title_index - 1 and kinds[title_index - 1] == "candidate":
        kicker = head[title_index - 1]
        before.pop()
    if before:
        dropped = "; ".join(head[i] for i in before)
        found.notes.append(f"dropped {len(before)} line(s) above the headline: {dropped[:120]}")
    labels = [head[i] for i in range(title_index + 1, len(head)) if kinds[i] == "label"]
    if labels:
        found.notes.append(f"dropped {len(labels)} label line(s) under the headline: {'; '.join(labels)[:120]}")
    rest = [head[i] for i in range(title_index + 1, len(head)) if kinds[i] not in ("meta", "label")]
    return head[title_index], kicker, rest


def _labels_dateline(head: list[str], kinds: list[str], index: int) -> bool:
    """A "headline - date" line whose next line is a longer headline is the
    section's dateline ("Bạn đọc làm báo - 10/11/2024 09:45"): the headline
    under it is the page's, and the short words before the date its section."""
    following = next((i for i in range(index + 1, len(kinds)) if kinds[i] != "label"), None)
    return (following is not None and kinds[following] == "candidate"
            and len(head[following]) > len(head[index]))


def _beside_dateline(head: list[str], index: int) -> bool:
    """A name right above or below the dateline is the byline even above the
    headline (portals that print "section › date", then the author, then the
    headline); elsewhere above the headline a name may be a kicker or a label."""
    return any(0 <= near < len(head) and (meta := read_line(head[near])) is not None and meta.date is not None
               for near in (index - 1, index + 1))


def _is_label(line: str) -> bool:
    """A section label or the portal's masthead ("Thể thao", "Kinh tế - Xã hội",
    "Báo Thanh Niên"): short, no sentence, naming a section or an outlet."""
    if len(line) > 60 or line[-1:] in ".!?:" or any(c.isdigit() for c in line):
        return False
    return chrome.is_section_label(line) or sources.looks_like_outlet(line) or sources.is_aggregator(line)


def _read_tail(body: list[str], found: _Found) -> list[str]:
    """Take the signature, source and date lines off the end of the article."""
    for _ in range(_MAX_TAIL):
        if len(body) < 2:
            break
        line = body[-1]
        if not _meta_line(line, found):
            # a bare signature of initials ("AB", "N.D") counts only as the page's last line
            author = bylines.byline(line) or (bylines.signature_initials(line) if not found.authors else None)
            if not author:
                break
            found.add_author(author)
        body.pop()
    return body


def _close_at_signature(body: list[str], found: _Found) -> list[str]:
    """The signature closes the article. Right under the last paragraph (a
    caption may stand between), a byline followed by nothing that reads as
    prose ends the text: what comes after it is the portal's — reactions,
    ratings, a comment box, lists — whether or not any lexicon knows its
    words. A name straight over two headlines heads a list instead. The date
    and source lines straight under the signature stay for the tail reader;
    the rest goes, with a note."""
    last = max((i for i, line in enumerate(body) if is_prose(line)), default=None)
    if last is None:
        return body
    signature = next((at for at in range(last + 1, min(len(body), last + 1 + _SIGNATURE_REACH))
                      if bylines.byline(body[at])), None)
    if signature is None or chrome.over_list(body[signature + 1:signature + 3], _is_list_item):
        return body  # a name-shaped section heading over its list ("Góc nhìn Việt")
    after = body[signature + 1:]
    meta = next((n for n, line in enumerate(after) if read_line(line) is None), len(after))
    dropped = after[meta:]
    if dropped:
        found.notes.append(f"dropped {len(dropped)} line(s) under the signature '{body[signature]}': "
                           f"{'; '.join(dropped)[:120]}")
    return body[:signature + 1 + meta]


def _is_list_item(line: str) -> bool:
    """Another article's headline: widgets say a few words, headlines more."""
    return is_headline(line) and len(line.split()) >= _ITEM_WORDS


def _lede_source(body: list[str], found: _Found) -> None:
    """Strip the outlet prefix from the lede ("Kinhtedothi - Ngày 24/3, …")."""
    if not body:
        return
    prefix = sources.split_lede_prefix(body[0])
    if prefix is None:
        return
    body[0] = prefix.rest
    if prefix.outlet:
        found.source = found.source or prefix.outlet
    elif found.source is None:
        found.source = prefix.prefix
        found.notes.append(f"{notes.SOURCE_AS_PRINTED}: the lede opens with '{prefix.prefix} -', "
                           "an outlet's mark the page does not spell out")
    else:
        found.notes.append(f"source: the outlet mark '{prefix.prefix}' removed from the lede")


def _choose_source(footer: tuple[str, ...], found: _Found) -> None:
    """The outlet, when the article's own lines named none outright.

    The portal that names itself in its footer published the report; a
    credit ("Theo Reuters", "Theo Ngô Minh/Zing") says where its text came
    from and goes into the review notes. An aggregator (Báo Mới, 24h)
    publishes nothing of its own, so there, and where the page names no
    portal, the credit is the source.
    """
    if found.source is not None:
        if found.credit and found.credit != found.source:
            found.notes.append(f"source: the page also credits '{found.credit}'")
        return
    own = next((outlet for outlet in map(sources.footer_outlet, footer) if outlet), None)
    credit = found.credit
    if credit and (own is None or sources.is_aggregator(own)):
        found.source = credit
    elif own:
        found.source = own
        found.notes.append(f"{notes.SOURCE_FROM_FOOTER}: '{own}'"
                           + (f"; the page credits '{credit}'" if credit and credit != own else ""))


def _lede_date(body: list[str], text: str, found: _Found) -> None:
    if found.date or not body:
        return
    opening = dates.lede_date(body[0])
    if opening is None:
        found.notes.append(f"{notes.DATE_MISSING}; date left empty")
        return
    if opening.year is not None:
        found.date = f"{opening.year:04d}-{opening.month:02d}-{opening.day:02d}"
        return
    year, note = dates.infer_year(text, opening.day, opening.month)
    found.notes.append(note)
    if year is not None:
        found.date = f"{year:04d}-{opening.month:02d}-{opening.day:02d}"


def _render_body(lines: list[str], found: _Found) -> tuple[str, str | None]:
    merged, repeated, dropped = captions.merge_repeated(lines)
    if dropped:
        found.notes.append(f"body: {dropped} repeated line(s) (photo captions) kept once, in italics")
    paragraphs = []
    lede = None
    for index, line in enumerate(merged):
        previous = merged[index - 1] if index else None
        following = merged[index + 1] if index + 1 < len(merged) else None
        if index in repeated or captions.is_lone_caption(previous, line, following):
            paragraphs.append(italic(line))
        else:
            lede = lede if lede is not None else line
            paragraphs.append(escape_block_start(line))
    return "\n\n".join(paragraphs), lede


def parse_page(text: str, name: str, known: chrome.Chrome = chrome.LEXICON_ONLY) -> ParsedPage:
    """Raw page text → ParsedPage; SeedError when no headline can be found.

    `known` is the chrome of the import this page came with (the lexicon
    alone for a page read by itself)."""
    found = _Found()
    layout = lay_out(text, known)
    found.notes.extend(layout.notes)
    lines = list(layout.lines)

    start = next((i for i, line in enumerate(lines[:_MAX_HEAD]) if _opens_article(line)),
                 min(len(lines), _MAX_HEAD))
    head = lines[:start]
    title, kicker, under_title = _read_head(head, found)
    if title is None:
        if not layout.carriers:
            raise SeedError(name, "no recognisable title")
        label, title = layout.carriers[0]
        found.notes.append(f"{notes.TITLE_FROM_WIDGET}; taken from its '{label}:' line")
    body = under_title + lines[start:]
    title_key = fold_key(title)
    body = [line for line in body if fold_key(line) != title_key and not _meta_line_in_body(line, found)]
    body = _read_tail(_close_at_signature(body, found), found)
    _lede_source(body, found)
    _choose_source(layout.footer, found)
    _lede_date(body, text, found)
    rendered, lede = _render_body(body, found)
    author = ", ".join(found.authors) or None
    return ParsedPage(
        title=title, kicker=kicker, date=found.date, author=author, source=found.source,
        summary=summary(lede) if lede else None, body=rendered, review=tuple(found.notes),
    )


def _meta_line_in_body(line: str, found: _Found) -> bool:
    """A bare dateline inside the article area ("Cập nhật: 12/07/2017" at the
    foot of government pages) is metadata, not a paragraph."""
    if len(line) > 80:
        return False
    parsed = dates.dateline(line)
    if parsed is None or parsed[1]:
        return False
    found.date = found.date or parsed[0].iso()
    return True
