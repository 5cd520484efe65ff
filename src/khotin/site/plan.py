"""The whole site, section by section: home, articles, tags, places, archive, meta files."""

from __future__ import annotations

from functools import partial
from typing import Any, Callable, Mapping

from khotin.site import charts
from khotin.site import feeds
from khotin.site import urls
from khotin.site.config import SiteConfig
from khotin.site.loaded import Loaded
from khotin.site.factory import DeferredPage, FileSpec, PageSpec, Plan, Planner
from khotin.site.views import (Count, CountLink, Fact, Group, HomeView, IndexView, Link, NotFoundView, SearchView, Shelf,
                                month_label)
from khotin.topics.kinds import DOCUMENT, NAME, SUBJECT
from khotin.vietnamese.collation import sort_key

# the tag index: one shelf per kind, most shared first; the whole list A–Z below
SHELVES = ((NAME, "Tên riêng", "ten-rieng"), (DOCUMENT, "Văn bản", "van-ban"), (SUBJECT, "Vấn đề", "van-de"))
SHELF_SIZE = 60


def _district_code(group: Any) -> str | None:
    """The gazetteer code of a district group (from the group, else from its records)."""
    code = getattr(group, "code", None)
    if code:
        return str(code)
    for record in group.records:
        for name, value in zip(record.districts, record.district_codes):
            if name == group.name:
                return value
    return None


def _home(p: Planner, place_points: list[charts.Place]) -> PageSpec:
    indexes, url = p.indexes, p.url
    years = sorted((y.year, len(y.records), url(urls.year(y.year))) for y in indexes.years)
    districts = sum(len(province.districts) for province in indexes.provinces)
    view = HomeView(
        meta=p.meta(p.config.title, urls.HOME, "home", feed_url=p.config.absolute_url(urls.feed(urls.HOME))),
        nav=p.nav("home"),
        latest=tuple(p.card(r) for r in p.records[:p.config.page_size]),
        counts=(Count("bài", len(p.records), url(urls.ARCHIVES)),
                Count("quận, huyện", districts, url(urls.DISTRICTS)),
                Count("chủ đề", len(indexes.tags), url(urls.TAGS)),
                Count("năm", len(years), url(urls.ARCHIVES))),
        timeline=charts.timeline(years), map=charts.district_map(place_points),
        all_articles_url=url(urls.ARCHIVES),
    )
    return PageSpec(urls.HOME, "home.html", view)


def _shelves(tags: tuple, link: Callable[[Any], CountLink]) -> tuple[Shelf, ...]:
    shelves = []
    for kind, heading, anchor in SHELVES:
        of_kind = sorted((t for t in tags if t.kind == kind), key=lambda t: (-len(t.records), sort_key(t.name)))
        if of_kind:
            shelves.append(Shelf(heading, anchor, tuple(link(t) for t in of_kind[:SHELF_SIZE]),
                                 max(0, len(of_kind) - SHELF_SIZE)))
    return tuple(shelves)


def _tags(p: Planner) -> tuple[list[PageSpec], list[FileSpec]]:
    url, specs, files = p.url, [], []

    def link(tag: Any) -> CountLink:
        return CountLink(url(urls.tag(tag.slug)), tag.name, len(tag.records))

    items = tuple(link(t) for t in p.indexes.tags)
    specs.append(PageSpec(urls.TAGS, "index.html", IndexView(
        meta=p.meta("Chủ đề", urls.TAGS, "tags"), nav=p.nav("tags"), heading="Chủ đề",
        intro=f"{len(items)} chủ đề: tên riêng, văn bản và vấn đề, chủ đề nhiều bài nhất trước.",
        items=items, groups=(), shelves=_shelves(p.indexes.tags, link),
        items_heading="Tất cả chủ đề theo vần A–Z", items_anchor="a-z")))
    crumbs = (Link(url(urls.TAGS), "Chủ đề"),)
    for tag in p.indexes.tags:
        path = urls.tag(tag.slug)
        specs += p.listing(path, "tags", "Chủ đề", tag.name, tag.records, breadcrumbs=crumbs, feed=True,
                           description=f"Các bài về chủ đề {tag.name}.")
        files.append(p.feed(path, tag.name, tag.records))
    return specs, files


def _places(p: Planner, district_info: Callable[[str], Any]) -> tuple[list[PageSpec], list[FileSpec], list[charts.Place]]:
    url, specs, files, points = p.url, [], [], []
    groups = []
    for province in p.indexes.provinces:
        province_records = {r.slug: r for r in province.records}
        districts = tuple(CountLink(url(urls.district(d.slug)), d.name, len(d.records)) for d in province.districts)
        province_link = CountLink(url(urls.province(province.slug)), province.name, len(province_records))
        groups.append(Group(province_link, districts))
        specs += p.listing(urls.province(province.slug), "districts", "Tỉnh, thành phố", province.name,
                           list(province_records.values()), children_label="Quận, huyện", children=districts,
                           breadcrumbs=(Link(url(urls.DISTRICTS), "Quận, huyện"),),
                           description=f"Các bài về {province.name}.")
        for district in province.districts:
            code = _district_code(district)
            info = district_info(code) if code else None
            facts = [Fact("Tỉnh, thành phố", links=(Link(province_link.href, province.name),))]
            if info is not None and getattr(info, "kind", None):
                facts.insert(0, Fact("Loại đơn vị", text=str(info.kind)))
            successors = tuple(getattr(info, "successors", ()) or ()) if info is not None else ()
            if successors:
                facts.append(Fact("Đơn vị hành chính từ 2025", text=", ".join(successors)))
            path = urls.district(district.slug)
            specs += p.listing(path, "districts", "Quận, huyện", district.name, district.records,
                               facts=tuple(facts), feed=True,
                               breadcrumbs=(Link(url(urls.DISTRICTS), "Quận, huyện"),
                                            Link(province_link.href, province.name)),
                               description=f"Các bài về {district.name}, {province.name}.")
            files.append(p.feed(path, district.name, district.records))
            points.append(charts.Place(
                label=district.name, href=url(path), count=len(district.records),
                latitude=getattr(info, "latitude", None) if info is not None else None,
                longitude=getattr(info, "longitude", None) if info is not None else None))
    total = sum(len(g.items) for g in groups)
    specs.insert(0, PageSpec(urls.DISTRICTS, "index.html", IndexView(
        meta=p.meta("Quận, huyện", urls.DISTRICTS, "districts"), nav=p.nav("districts"),
        heading="Quận, huyện", intro=f"{total} quận, huyện trong {len(groups)} tỉnh, thành phố.",
        items=(), groups=tuple(groups))))
    return specs, files, points


def _archive(p: Planner) -> list[PageSpec]:
    url, specs = p.url, []
    years = sorted(p.indexes.years, key=lambda y: y.year, reverse=True)
    year_links = tuple(CountLink(url(urls.year(y.year)), str(y.year), len(y.records)) for y in years)
    specs += p.listing(urls.ARCHIVES, "archive", "Lưu trữ", "Tất cả các bài", p.records,
                       children_label="Theo năm", children=year_links)
    crumbs = (Link(url(urls.ARCHIVES), "Lưu trữ"),)
    for year in years:
        months = sorted(year.months, key=lambda m: m.month)
        month_links = tuple(CountLink(url(urls.month(year.year, m.month)), month_label(year.year, m.month),
                                      len(m.records)) for m in months)
        specs += p.listing(urls.year(year.year), "archive", "Lưu trữ", f"Năm {year.year}", year.records,
                           children_label="Theo tháng", children=month_links, breadcrumbs=crumbs)
        for month in months:
            specs += p.listing(urls.month(year.year, month.month), "archive", "Lưu trữ",
                               month_label(year.year, month.month), month.records,
                               breadcrumbs=crumbs + (Link(url(urls.year(year.year)), f"Năm {year.year}"),))
    return specs


def plan_site(config: SiteConfig, indexes: Any, loaded: Mapping[str, Loaded],
              district_info: Callable[[str], Any], has_search: bool) -> Plan:
    p = Planner(config, indexes, loaded, district_info, has_search)
    specs: list[PageSpec | DeferredPage] = [
        DeferredPage(urls.article(record.slug), "article.html", partial(p.article, index, record),
                     body_key=p.body_key(record), lastmod=feeds.rfc3339(record.published))
        for index, record in enumerate(p.records)]
    tag_specs, tag_feeds = _tags(p)
    place_specs, place_feeds, points = _places(p, district_info)
    specs = [_home(p, points)] + specs + tag_specs + place_specs + _archive(p)
    specs.append(PageSpec(urls.NOT_FOUND, "404.html", NotFoundView(
        meta=p.meta("Không tìm thấy trang", urls.NOT_FOUND, "", noindex=True), nav=p.nav("")),
        in_sitemap=False))
    if has_search:
        path = urls.SEARCH + "/"
        specs.append(PageSpec(path, "search.html", SearchView(meta=p.meta("Tìm kiếm", path, "search"),
                                                              nav=p.nav("search"))))
    files = [p.feed(urls.HOME, config.title, p.records)] + tag_feeds + place_feeds
    files.append(FileSpec(urls.SITEMAP, feeds.sitemap(
        [(config.absolute_url(s.path), s.lastmod) for s in specs if s.in_sitemap])))
    files.append(FileSpec(urls.ROBOTS, feeds.robots(config.absolute_url(urls.SITEMAP))))
    return Plan(p.site, tuple(specs), tuple(files), p.precompute)
