"""Where every page lives: the site's URL words in one place.

Paths here are site-relative ('bai/<slug>/'); `SiteConfig.url` puts the base
path in front. Pretty directory URLs: page 'x/' is written to 'x/index.html'.
"""

from __future__ import annotations

from dataclasses import dataclass

ARTICLE = "bai"
TAG = "the"
DISTRICT = "quan-huyen"
PROVINCE = "tinh"
ARCHIVE = "luu-tru"
PAGE = "trang"
SEARCH = "search"
FEED = "feed.xml"

HOME = ""
TAGS = f"{TAG}/"
DISTRICTS = f"{DISTRICT}/"
ARCHIVES = f"{ARCHIVE}/"
NOT_FOUND = "404.html"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
STYLESHEET = "static/khotin.css"


def article(slug: str) -> str:
    return f"{ARTICLE}/{slug}/"


def tag(slug: str) -> str:
    return f"{TAG}/{slug}/"


def district(slug: str) -> str:
    return f"{DISTRICT}/{slug}/"


def province(slug: str) -> str:
    return f"{PROVINCE}/{slug}/"


def year(number: int) -> str:
    return f"{ARCHIVE}/{number:04d}/"


def month(year_number: int, month_number: int) -> str:
    return f"{ARCHIVE}/{year_number:04d}/{month_number:02d}/"


def feed(path: str) -> str:
    """The Atom feed that belongs to a listing page ('' → the site feed)."""
    return path + FEED


def numbered(path: str, number: int) -> str:
    """Page `number` (1-based) of a paginated listing at `path`."""
    return path if number <= 1 else f"{path}{PAGE}/{number}/"


def output_file(path: str) -> str:
    """The file a page path is written to."""
    return path + "index.html" if path == "" or path.endswith("/") else path


@dataclass(frozen=True)
class Slice:
    """One page of a paginated list: which items, which page, how many pages."""

    number: int
    count: int
    start: int
    stop: int


def paginate(total: int, size: int) -> list[Slice]:
    """Pages of `size` over `total` items; an empty list still gets one page."""
    count = max(1, -(-total // size))
    return [Slice(n + 1, count, n * size, min(total, (n + 1) * size)) for n in range(count)]


PAGER_SPAN = 2
PAGER_EDGE = 2


def pager_numbers(number: int, count: int) -> list[int | None]:
    """Which page numbers a pager shows on page `number`: all of them when few,
    else both ends and a span around `number`, with None for each gap.

    Listing every page on every page would make a long listing's HTML grow with
    the square of its length (5,000 pages × 5,000 links at 100,000 records)."""
    shown = sorted({n for n in (*range(1, PAGER_EDGE + 1), *range(count - PAGER_EDGE + 1, count + 1),
                                *range(number - PAGER_SPAN, number + PAGER_SPAN + 1)) if 1 <= n <= count})
    numbers: list[int | None] = []
    for n in shown:
        if numbers and n - (numbers[-1] or 0) == 2:
            numbers.append(n - 1)
        elif numbers and n - (numbers[-1] or 0) > 2:
            numbers.append(None)
        numbers.append(n)
    return numbers
