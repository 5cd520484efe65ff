"""Site settings from `khotin.toml`: the keeper's one place to name the site."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

from khotin.errors import BuildError

DEFAULTS = {
    "title": "Kho tin",
    "description": "Kho lưu trữ tin bài",
    "base_url": "/",
    "page_size": 20,
    "language": "vi",
    "search": True,
    "search_shards": 0,
    "feed_full_text": "site",
}
# Which feeds carry each article's whole text; the others carry its summary and link.
FEED_FULL_TEXT = ("site", "all", "none")


@dataclass(frozen=True)
class SiteConfig:
    title: str = DEFAULTS["title"]
    description: str = DEFAULTS["description"]
    base_url: str = DEFAULTS["base_url"]
    page_size: int = DEFAULTS["page_size"]
    language: str = DEFAULTS["language"]
    # Off: no search page and no index (a site searched by other means).
    search: bool = DEFAULTS["search"]
    # How many shards the search index is made and cached in; 0 picks it from the archive's size.
    search_shards: int = DEFAULTS["search_shards"]
    # "site": only the site-wide feed. Every article is in a dozen tag and place feeds;
    # with its text in each, feeds were over a quarter of a 10,000-article site's bytes.
    feed_full_text: str = DEFAULTS["feed_full_text"]

    @cached_property  # asked for by every link of every page
    def base_path(self) -> str:
        """The path part of the base URL, always '/'-terminated: links start with it."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @cached_property
    def origin(self) -> str:
        """Scheme and host (empty for a path-only base URL)."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""

    def full_text_feed(self, path: str) -> bool:
        """Whether the feed of the listing at `path` ('' → the site's) carries whole articles."""
        return self.feed_full_text == "all" or (self.feed_full_text == "site" and not path)

    def url(self, path: str) -> str:
        """Site-relative page path → absolute path under the base (what links use)."""
        return self.base_path + path.lstrip("/")

    def absolute_url(self, path: str) -> str:
        """Site-relative page path → full URL (what feeds, sitemap and OpenGraph use)."""
        return self.origin + self.url(path)


def normalise_base_url(value: str) -> str:
    value = value.strip()
    if not value:
        return "/"
    parts = urlsplit(value)
    if parts.scheme and parts.scheme not in ("http", "https"):
        raise BuildError(f"base URL {value!r} must be http(s) or a path")
    if not parts.scheme and not value.startswith("/"):
        value = "/" + value
    return value if value.endswith("/") else value + "/"


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return 1


def load_config(path: Path | None, base_url: str | None = None) -> SiteConfig:
    """Read khotin.toml (missing file → defaults); `base_url` overrides the file's."""
    data: dict = {}
    text = ""
    if path is not None and path.exists():
        text = path.read_text(encoding="utf-8")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            match = re.search(r"line (\d+)", str(exc))
            line = match.group(1) if match else "1"
            raise BuildError(f"{path}:{line}: {exc}") from None
        data = data.get("site", data)
    where = lambda key: f"{path}:{_line_of(text, key)}"  # noqa: E731
    values = dict(DEFAULTS)
    for key, default in DEFAULTS.items():
        if key not in data:
            continue
        value = data[key]
        if not isinstance(value, type(default)) or isinstance(value, bool) != isinstance(default, bool):
            raise BuildError(f"{where(key)}: '{key}' should be {type(default).__name__}")
        values[key] = value
    if values["page_size"] < 1:
        raise BuildError(f"{where('page_size')}: 'page_size' should be at least 1")
    if values["search_shards"] < 0:
        raise BuildError(f"{where('search_shards')}: 'search_shards' should be 0 (automatic) or more")
    if values["feed_full_text"] not in FEED_FULL_TEXT:
        raise BuildError(f"{where('feed_full_text')}: 'feed_full_text' should be one of "
                         + ", ".join(f'"{choice}"' for choice in FEED_FULL_TEXT))
    if base_url is not None:
        values["base_url"] = base_url
    values["base_url"] = normalise_base_url(values["base_url"])
    return SiteConfig(**values)
