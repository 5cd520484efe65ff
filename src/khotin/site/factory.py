"""Which pages the site has, each with its template and its view.

Input is plain data (loaded records and their indexes); output is a list of
`PageSpec` (an HTML page to render), `DeferredPage` (a page whose view the
renderer makes: articles, listings) and `FileSpec` (feeds, sitemap, robots). Bodies appear
only as keys into the body store. No I/O happens here.
"""

from __future__ import annotations

import bisect
import heapq
import json
from collections import Counter
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable, Mapping, Sequence

from markupsafe import Markup

from khotin.records import Record
from khotin.site import feeds
from khotin.site import urls
from khotin.site.config import SiteConfig
from khotin.site.loaded import Loaded
from khotin.site.markdown import safe_target
from khotin.site.views import (
    ArticleCard, ArticleView, CountLink, Fact, Link,
    ListingView, Meta, NavItem, Pagination, SiteView, vietnamese_date,
)

RELATED_COUNT = 5
RELATED_WINDOW = 40

NAV = (("home", urls.HOME, "Trang chủ"), ("tags", urls.TAGS, "Chủ đề"),
       ("districts", urls.DISTRICTS, "Quận, huyện"), ("archive", urls.ARCHIVES, "Lưu trữ"))


@dataclass(frozen=True)
class PageSpec:
    path: str
    template: str
    view: Any
    lastmod: str | None = None
    in_sitemap: bool = True
    # Positions (in the newest-first order) of the records whose data the view shows (`dependencies`).
    depends: tuple[int, ...] = ()


@dataclass(frozen=True)
class DeferredPage:
    """A page whose view `make` builds where it is rendered: in a worker, so
    planning runs on every core and no process holds every view at once.
    Articles and listing pages, the bulk of a site, are planned this way."""

    path: str
    template: str
    make: Callable[[], PageSpec]
    body_key: str = ""  # the article body the page shows, from the body store
    lastmod: str | None = None
    in_sitemap: bool = True


@dataclass(frozen=True)
class Listing:
    """What every page of one paginated listing shares."""

    path: str
    section: str
    kind: str
    heading: str
    records: tuple[Record, ...]
    facts: tuple[Fact, ...]
    children_label: str
    children: tuple[CountLink, ...]
    breadcrumbs: tuple[Link, ...]
    feed: bool
    description: str


@dataclass(frozen=True)
class FileSpec:
    """A non-HTML file: ready bytes, or an Atom feed the renderers make (`feed`
    builds it, in a worker, like a `DeferredPage`) and serialise."""

    path: str
    data: bytes = b""
    feed: Callable[[], feeds.Feed] | None = None
    depends: tuple[int, ...] = ()  # a feed's records, as `PageSpec.depends`


def output_name(spec: PageSpec | DeferredPage | FileSpec) -> str:
    """The file a spec becomes, relative to the site."""
    return spec.path if isinstance(spec, FileSpec) else urls.output_file(spec.path)


def is_deferred(spec: PageSpec | DeferredPage | FileSpec) -> bool:
    """Whether the spec's view is made only where it is rendered, so `dependencies` can spare that work."""
    return isinstance(spec, DeferredPage) or (isinstance(spec, FileSpec) and spec.feed is not None)


@dataclass(frozen=True)
class Plan:
    site: SiteView
    pages: tuple[PageSpec | DeferredPage, ...]
    files: tuple[FileSpec, ...]
    # Makes every card and group position before workers fork; skipped when few pages are planned.
    precompute: Callable[[], None]


def _json_ld(data: dict) -> Markup:
    # No indent: json only uses its C encoder without one, and this runs once per article.
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


class Planner:
    """Builds every view once; cards and lookups are shared between pages.

    Article and listing views and feeds are made later, in the rendering
    workers, from the state `precompute` completes before they fork."""

    def __init__(self, config: SiteConfig, indexes: Any, loaded: Mapping[str, Loaded],
                 district_info: Callable[[str], Any], has_search: bool) -> None:
        self.config = config
        self.indexes = indexes
        self.loaded = loaded
        self.district_info = district_info
        self.url = config.url
        self.records: list[Record] = list(indexes.records)
        self.position = {record.slug: index for index, record in enumerate(self.records)}
        self.site = SiteView(
            title=config.title, description=config.description, language=config.language,
            home_url=self.url(urls.HOME), stylesheet_url=self.url(urls.STYLESHEET),
            feed_url=self.url(urls.feed(urls.HOME)),
            search_url=self.url(urls.SEARCH + "/") if has_search else None,
        )
        self.nav_items = NAV + ((("search", urls.SEARCH + "/", "Tìm kiếm"),) if has_search else ())
        self.tags_of: dict[str, list[Any]] = {}
        self.districts_of: dict[str, list[Any]] = {}
        self.provinces_of: dict[str, list[Any]] = {}
        for group in indexes.tags:
            for record in group.records:
                self.tags_of.setdefault(record.slug, []).append(group)
        for province in indexes.provinces:
            for district in province.districts:
                for record in district.records:
                    self.districts_of.setdefault(record.slug, []).append(district)
                    if province not in self.provinces_of.setdefault(record.slug, []):
                        self.provinces_of[record.slug].append(province)
        self._cards: dict[str, ArticleCard] = {}
        self._group_positions: dict[int, list[int]] = {}
        self._navs: dict[str, tuple[NavItem, ...]] = {}
        self._group_links: dict[int, Link] = {}

    # -- shared pieces -------------------------------------------------------------

    def nav(self, section: str) -> tuple[NavItem, ...]:
        nav = self._navs.get(section)
        if nav is None:
            nav = self._navs[section] = tuple(NavItem(self.url(path), label, key == section)
                                              for key, path, label in self.nav_items)
        return nav

    def group_link(self, group: Any, path: Callable[[str], str]) -> Link:
        """The link to a tag's, district's or province's page (`path`: its URL from its slug),
        made once: an article page links a dozen of them."""
        link = self._group_links.get(id(group))
        if link is None:
            link = self._group_links[id(group)] = Link(self.url(path(group.slug)), group.name)
        return link

    def meta(self, title: str, path: str, section: str, description: str = "", **extra: Any) -> Meta:
        full = title if path == urls.HOME else f"{title} — {self.config.title}"
        return Meta(title=full, description=description or self.config.description,
                    canonical=self.config.absolute_url(path), section=section, **extra)

    def card(self, record: Record) -> ArticleCard:
        card = self._cards.get(record.slug)
        if card is None:
            published = record.published
            card = ArticleCard(
                href=self.url(urls.article(record.slug)), title=record.title, kicker=record.kicker,
                date_text=vietnamese_date(published), date_iso=feeds.rfc3339(published),
                summary=self.loaded[record.slug].excerpt,
                places=tuple(self.group_link(d, urls.district) for d in self.districts_of.get(record.slug, ())),
            )
            self._cards[record.slug] = card
        return card

    def precompute(self) -> None:
        """Every card and group position, made once here rather than in each worker."""
        for record in self.records:
            repr(self.card(record))
        for groups in (*self.tags_of.values(), *self.districts_of.values()):
            for group in groups:
                self._positions(group)

    def body_key(self, record: Record) -> str:
        return self.loaded[record.slug].body_key

    # -- article -------------------------------------------------------------------

    def related(self, record: Record) -> tuple[int, ...]:
        """Positions of the records sharing districts (weighted 2) and tags (1); near ones in time win ties.

        Only a window of each group around the record is scored, so one huge tag
        cannot make this quadratic on big archives."""
        here = self.position[record.slug]
        pool: list[int] = []
        for weight, groups in ((2, self.districts_of.get(record.slug, ())), (1, self.tags_of.get(record.slug, ()))):
            for group in groups:
                members = self._positions(group)
                if len(members) > RELATED_WINDOW * 4:
                    at = bisect.bisect_left(members, here)
                    members = members[max(0, at - RELATED_WINDOW // 2): at + RELATED_WINDOW // 2 + 1]
                pool += members * weight if weight > 1 else members
        scores = Counter(pool)  # counted in one C call, not one update per group
        scores.pop(here, None)
        if not scores:
            return ()
        # Only candidates scoring at least the RELATED_COUNT-th best score can make the cut.
        floor = heapq.nlargest(RELATED_COUNT, scores.values())[-1]
        best = sorted((-score, abs(other - here), other) for other, score in scores.items() if score >= floor)
        return tuple(other for _, _, other in best[:RELATED_COUNT])

    def _positions(self, group: Any) -> list[int]:
        """The group's members as positions in the newest-first order, ascending
        (index groups hold their records in that order)."""
        members = self._group_positions.get(id(group))
        if members is None:
            members = self._group_positions[id(group)] = [self.position[r.slug] for r in group.records]
        return members

    def article(self, index: int, record: Record) -> PageSpec:
        path = urls.article(record.slug)
        published = record.published
        iso = feeds.rfc3339(published)
        related = self.related(record)
        older = self.records[index + 1] if index + 1 < len(self.records) else None
        newer = self.records[index - 1] if index > 0 else None
        source_url = record.source if record.source and safe_target(record.source) and \
            record.source.startswith(("http://", "https://")) else None
        original_url = record.url if record.url and safe_target(record.url) and \
            record.url.startswith(("http://", "https://")) else None
        summary = self.loaded[record.slug].excerpt
        ld = {
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": record.title,
            "url": self.config.absolute_url(path), "mainEntityOfPage": self.config.absolute_url(path),
            "inLanguage": self.config.language, "description": summary,
            "publisher": {"@type": "Organization", "name": self.config.title},
        }
        if iso:
            ld["datePublished"] = iso
        if record.author:
            ld["author"] = {"@type": "Person", "name": record.author}
        if original_url:  # this page is the archive's copy: `url` stays its own address
            ld["isBasedOn"] = original_url
        if record.tags:
            ld["keywords"] = list(record.tags)
        places = self.districts_of.get(record.slug, ())
        if places:
            ld["contentLocation"] = [{"@type": "Place", "name": d.name} for d in places]
        view = ArticleView(
            meta=self.meta(record.title, path, "article", summary, og_type="article",
                           json_ld=_json_ld(ld), published_iso=iso),
            nav=self.nav("article"), kicker=record.kicker, title=record.title,
            date_text=vietnamese_date(published), date_iso=iso, author=record.author,
            source=record.source, source_url=source_url, summary=record.summary,
            districts=tuple(self.group_link(d, urls.district) for d in places),
            provinces=tuple(self.group_link(p, urls.province) for p in self.provinces_of.get(record.slug, ())),
            tags=tuple(self.group_link(t, urls.tag) for t in self.tags_of.get(record.slug, ())),
            body=Markup(""),  # filled from the body store by the renderer
            older=Link(self.url(urls.article(older.slug)), older.title) if older else None,
            newer=Link(self.url(urls.article(newer.slug)), newer.title) if newer else None,
            related=tuple(self.card(self.records[other]) for other in related),
            original_url=original_url,
        )
        neighbours = tuple(n for n in (index - 1, index + 1) if 0 <= n < len(self.records))
        return PageSpec(path, "article.html", view, lastmod=iso, depends=(index, *neighbours, *related))

    # -- listings ------------------------------------------------------------------

    def listing(self, path: str, section: str, kind: str, heading: str, records: Sequence[Record], *,
                facts: tuple[Fact, ...] = (), children_label: str = "", children: tuple[CountLink, ...] = (),
                breadcrumbs: tuple[Link, ...] = (), feed: bool = False, description: str = "") -> list[DeferredPage]:
        """The pages of one listing; `records` newest first, as index groups hold them."""
        listing = Listing(path, section, kind, heading, tuple(records), facts, children_label,
                          children, breadcrumbs, feed, description)
        return [DeferredPage(urls.numbered(path, piece.number), "list.html",
                             partial(self.listing_page, listing, piece))
                for piece in urls.paginate(len(listing.records), self.config.page_size)]

    def listing_page(self, listing: Listing, piece: urls.Slice) -> PageSpec:
        path, heading = listing.path, listing.heading
        page_path = urls.numbered(path, piece.number)
        numbered = {n: self.url(urls.numbered(path, n))
                    for n in (piece.number - 1, piece.number + 1, *urls.pager_numbers(piece.number, piece.count))
                    if n and 1 <= n <= piece.count}
        title = heading if piece.number == 1 else f"{heading} — trang {piece.number}"
        shown = listing.records[piece.start:piece.stop]
        pagination = Pagination(
            number=piece.number, count=piece.count,
            previous=numbered[piece.number - 1] if piece.number > 1 else None,
            next=numbered[piece.number + 1] if piece.number < piece.count else None,
            pages=tuple(Link(numbered[n], str(n)) if n else None
                        for n in urls.pager_numbers(piece.number, piece.count)),
        )
        view = ListingView(
            meta=self.meta(title, page_path, listing.section, listing.description,
                           feed_url=self.config.absolute_url(urls.feed(path)) if listing.feed else None),
            nav=self.nav(listing.section), kind=listing.kind, heading=heading, facts=listing.facts,
            children_label=listing.children_label, children=listing.children, total=len(listing.records),
            cards=tuple(self.card(r) for r in shown),
            pagination=pagination, breadcrumbs=listing.breadcrumbs,
        )
        return PageSpec(page_path, "list.html", view, depends=tuple(self.position[r.slug] for r in shown))

    def feed(self, path: str, title: str, records: Sequence[Record]) -> FileSpec:
        """A feed of the newest of `records` (newest first, as index groups hold them)."""
        newest = tuple(records[:feeds.FEED_SIZE])
        return FileSpec(urls.feed(path), feed=partial(self.feed_view, path, title, newest),
                        depends=tuple(self.position[r.slug] for r in newest))

    def feed_view(self, path: str, title: str, records: Sequence[Record]) -> feeds.Feed:
        full_text = self.config.full_text_feed(path)
        entries = []
        for record in records:
            entries.append(feeds.Entry(
                url=self.config.absolute_url(urls.article(record.slug)), title=record.title,
                updated=feeds.rfc3339(record.published), summary=self.loaded[record.slug].excerpt,
                content_key=self.loaded[record.slug].body_key if full_text else "", author=record.author,
                categories=tuple(t.name for t in self.tags_of.get(record.slug, ())),
            ))
        full = self.config.title if path == urls.HOME else f"{title} — {self.config.title}"
        return feeds.Feed(
            url=self.config.absolute_url(urls.feed(path)), page_url=self.config.absolute_url(path),
            title=full, subtitle=self.config.description, author=self.config.title, entries=tuple(entries),
        )
