"""What templates receive: frozen, typed view objects (no loose dicts).

Every URL in a view is already final (base path included), every date
already in Vietnamese form, so templates only lay things out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, fields

from markupsafe import Markup

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def vietnamese_date(value: dt.date | dt.datetime | None) -> str:
    """'Thứ Ba, 29/12/2020, 19:00' (no time part when only the day is known)."""
    if value is None:
        return ""
    text = f"{WEEKDAYS[value.weekday()]}, {value.day:02d}/{value.month:02d}/{value.year}"
    if isinstance(value, dt.datetime):
        text += f", {value.hour:02d}:{value.minute:02d}"
    return text


def month_label(year: int, month: int) -> str:
    return f"Tháng {month}/{year}"


@dataclass(frozen=True, slots=True)
class Link:
    href: str
    label: str


@dataclass(frozen=True, slots=True)
class CountLink:
    href: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class NavItem:
    href: str
    label: str
    current: bool


@dataclass(frozen=True, slots=True)
class SiteView:
    title: str
    description: str
    language: str
    home_url: str
    stylesheet_url: str
    feed_url: str
    search_url: str | None


@dataclass(frozen=True, slots=True)
class Meta:
    """What goes into <head>: title, canonical URL, OpenGraph and JSON-LD."""

    title: str
    description: str
    canonical: str
    og_type: str = "website"
    feed_url: str | None = None
    json_ld: Markup | None = None
    section: str = ""
    published_iso: str | None = None
    noindex: bool = False


@dataclass(frozen=True, slots=True, repr=False)
class ArticleCard:
    """One article as listings and related lists show it.

    A card appears on a dozen pages, and every page's view is `repr`-ed to
    decide whether it must be rendered again, so the card keeps its repr:
    a digest of its fields, short enough to keep for 100,000 cards."""

    href: str
    title: str
    kicker: str | None
    date_text: str
    date_iso: str | None
    summary: str
    places: tuple[Link, ...]
    _repr: str | None = field(default=None, init=False, compare=False)
    _hash: int | None = field(default=None, init=False, compare=False)

    def _compared(self) -> tuple:
        """Every compared field, so a field added later cannot be left out of the hash or the repr."""
        return tuple(getattr(self, f.name) for f in fields(self) if f.compare)

    def __hash__(self) -> int:
        """Kept, as the repr is: each card is looked up in the card cache on every page it shows on."""
        value = self._hash
        if value is None:
            value = hash(self._compared())
            object.__setattr__(self, "_hash", value)
        return value

    def __reduce__(self) -> tuple:
        # Without the kept hash: another interpreter hashes strings with another seed.
        return type(self), tuple(getattr(self, f.name) for f in fields(self) if f.init)

    def __repr__(self) -> str:
        text = self._repr
        if text is None:
            values = repr(self._compared())
            digest = hashlib.blake2b(values.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
            text = f"ArticleCard({digest})"
            object.__setattr__(self, "_repr", text)
        return text


@dataclass(frozen=True, slots=True)
class Pagination:
    number: int
    count: int
    previous: str | None
    next: str | None
    pages: tuple[Link | None, ...]  # None: a gap of pages not linked


@dataclass(frozen=True, slots=True)
class Fact:
    label: str
    text: str = ""
    links: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleView:
    meta: Meta
    nav: tuple[NavItem, ...]
    kicker: str | None
    title: str
    date_text: str
    date_iso: str | None
    author: str | None
    source: str | None
    source_url: str | None
    summary: str | None
    districts: tuple[Link, ...]
    provinces: tuple[Link, ...]
    tags: tuple[Link, ...]
    body: Markup
    older: Link | None
    newer: Link | None
    related: tuple[ArticleCard, ...]
    original_url: str | None = None  # the article where it was first published ("Xem bài gốc")


@dataclass(frozen=True, slots=True)
class ListingView:
    """A tag, district, province, year or month page (one page of it)."""

    meta: Meta
    nav: tuple[NavItem, ...]
    kind: str
    heading: str
    facts: tuple[Fact, ...]
    children_label: str
    children: tuple[CountLink, ...]
    total: int
    cards: tuple[ArticleCard, ...]
    pagination: Pagination
    breadcrumbs: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class Group:
    """A heading with counted links under it (a province's districts, a year's months)."""

    link: CountLink
    items: tuple[CountLink, ...]


@dataclass(frozen=True, slots=True)
class Shelf:
    """A titled list on an index page (the tags of one kind, most shared first)."""

    heading: str
    anchor: str
    items: tuple[CountLink, ...]
    more: int = 0


@dataclass(frozen=True, slots=True)
class IndexView:
    """The tags, districts and archive index pages."""

    meta: Meta
    nav: tuple[NavItem, ...]
    heading: str
    intro: str
    items: tuple[CountLink, ...]
    groups: tuple[Group, ...]
    shelves: tuple[Shelf, ...] = ()
    items_heading: str = ""
    items_anchor: str = ""


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label_x: float
    href: str
    label: str
    count: int
    title: str


@dataclass(frozen=True, slots=True)
class TimelineChart:
    width: int
    height: int
    baseline: float
    bars: tuple[Bar, ...]
    description: str


@dataclass(frozen=True, slots=True)
class MapPoint:
    x: float
    y: float
    radius: float
    href: str
    label: str
    count: int
    title: str
    show_label: bool = True
    label_x: float = 0.0
    label_y: float = 0.0  # the text's baseline
    label_anchor: str = "middle"


@dataclass(frozen=True, slots=True)
class MapChart:
    width: int
    height: int
    points: tuple[MapPoint, ...]
    unplaced: tuple[CountLink, ...]
    description: str


@dataclass(frozen=True, slots=True)
class Count:
    label: str
    value: int
    href: str | None


@dataclass(frozen=True, slots=True)
class HomeView:
    meta: Meta
    nav: tuple[NavItem, ...]
    latest: tuple[ArticleCard, ...]
    counts: tuple[Count, ...]
    timeline: TimelineChart
    map: MapChart
    all_articles_url: str


@dataclass(frozen=True, slots=True)
class NotFoundView:
    meta: Meta
    nav: tuple[NavItem, ...]


@dataclass(frozen=True, slots=True)
class SearchView:
    """The search page: its form and results are the search helper's template and script."""

    meta: Meta
    nav: tuple[NavItem, ...]
