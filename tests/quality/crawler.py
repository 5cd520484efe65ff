"""A link crawler over a served site: every href, src, srcset, CSS url(), feed and sitemap
URL and #fragment, followed over HTTP the way a reader's browser would."""

from __future__ import annotations

import html.parser
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import unquote, urldefrag, urljoin, urlsplit


class _Refs(html.parser.HTMLParser):
    """Every URL an HTML page points at, and every id a fragment may target."""

    URL_ATTRS = {"href", "src", "action", "poster", "data", "xlink:href"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, url)
        self.ids: set[str] = set()
        self.base: str | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in ("id", "name"):
            if values.get(name) and (name == "id" or tag == "a"):
                self.ids.add(values[name])
        if tag == "base" and values.get("href"):
            self.base = values["href"]
        for name, value in attrs:
            if value is None:
                continue
            if name in self.URL_ATTRS:
                self.refs.append((tag, name, value.strip()))
            elif name in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    if candidate.strip():
                        self.refs.append((tag, name, candidate.split()[0]))
        if tag == "meta" and values.get("property", "").startswith("og:") and \
                values.get("property") in ("og:url", "og:image") and values.get("content"):
            self.refs.append((tag, values["property"], values["content"].strip()))

    handle_startendtag = handle_starttag


_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


@dataclass
class CrawlResult:
    fetched: dict[str, int] = field(default_factory=dict)  # url → status
    broken: list[str] = field(default_factory=list)        # "page: tag[attr]=url → why"
    external: set[str] = field(default_factory=set)

    @property
    def pages(self) -> int:
        return sum(1 for status in self.fetched.values() if status == 200)


def fetch(url: str) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, headers={"User-Agent": "khotin-crawler"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type() if error.headers else "", error.read()


def crawl(start_urls: list[str], prefix_url: str, missing_start: tuple[str, ...] = ()) -> CrawlResult:
    """Follow every href/src/srcset/CSS url() from `start_urls`; a link is broken when it
    answers >= 400, leaves `prefix_url` on the same host, or names a fragment the target
    page lacks. Other hosts are noted, never fetched (no network). `missing_start`: start
    URLs meant to answer 404 (their page, the site's 404.html, is crawled all the same)."""
    result = CrawlResult()
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(prefix_url))
    ids: dict[str, set[str] | None] = {}
    pending: list[tuple[str, str]] = [(url, "(start)") for url in start_urls]
    wanted_fragments: list[tuple[str, str, str]] = []
    while pending:
        url, referrer = pending.pop()
        if url in result.fetched:
            continue
        status, kind, body = fetch(url)
        result.fetched[url] = status
        if status >= 400 and not (referrer == "(start)" and url in missing_start):
            result.broken.append(f"{referrer} → {url}: HTTP {status}")
            continue
        links: list[tuple[str, str, str]] = []
        if kind in ("text/html", "application/xhtml+xml"):
            parser = _Refs()
            parser.feed(body.decode("utf-8", "replace"))
            ids[url] = parser.ids
            base = urljoin(url, parser.base) if parser.base else url
            links = [(tag, attr, urljoin(base, ref)) for tag, attr, ref in parser.refs]
        elif kind == "text/css":
            links = [("css", "url", urljoin(url, ref)) for ref in _CSS_URL.findall(body.decode("utf-8", "replace"))]
        elif kind in ("application/xml", "text/xml", "application/atom+xml") or url.endswith(".xml"):
            text = body.decode("utf-8", "replace")
            links = [("xml", "href", urljoin(url, ref)) for ref in re.findall(r'<(?:link|atom:link)[^>]*\bhref="([^"]+)"', text)]
            links += [("xml", "loc", urljoin(url, ref.strip())) for ref in re.findall(r"<loc>([^<]+)</loc>", text)]
        for tag, attr, target in links:
            scheme = urlsplit(target).scheme
            if scheme in ("mailto", "tel", "data"):
                continue
            if scheme not in ("http", "https"):
                result.broken.append(f"{url}: <{tag} {attr}> has a non-web URL {target!r}")
                continue
            if not target.startswith(origin + "/"):
                result.external.add(target)
                continue
            page, fragment = urldefrag(target)
            if not page.startswith(prefix_url):
                result.broken.append(f"{url}: <{tag} {attr}={target}> leaves the site's base {prefix_url}")
                continue
            if fragment:
                wanted_fragments.append((url, page, unquote(fragment)))
            if page not in result.fetched:
                pending.append((page, f"{url} <{tag} {attr}>"))
    for referrer, page, fragment in wanted_fragments:
        known = ids.get(page)
        if known is not None and fragment not in known and fragment != "top":
            result.broken.append(f"{referrer} → {page}#{fragment}: no element with that id")
    return result


