"""Helpers that read a built site the way a browser and a feed reader would."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        for name in ("href", "src"):
            if attributes.get(name) is not None:
                self.targets.append(attributes[name])
        if tag == "script":
            self._in_script = attributes.get("type") or ""
            self.scripts.append(self._in_script)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is None:
            self.text.append(data)


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def page_path(out: Path, file: Path) -> str:
    """Site-relative URL path of an HTML file ('bai/x/' for bai/x/index.html)."""
    relative = file.relative_to(out).as_posix()
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def resolve(out: Path, base_path: str, target: str, page: str | None = None) -> Path | None:
    """The file an internal link points to (relative ones from URL `page`), or None when external."""
    if page is not None:
        target = urljoin(page, target)
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    assert path.startswith(base_path), f"link {target!r} escapes the base path {base_path!r}"
    file = out / path[len(base_path):]
    return file / "index.html" if path.endswith("/") else file


def broken_links(out: Path, base_path: str) -> list[str]:
    broken = []
    for file in html_files(out):
        page = base_path + page_path(out, file)
        for target in parse(file.read_text(encoding="utf-8")).targets:
            resolved = resolve(out, base_path, target, page)
            if resolved is not None and not resolved.is_file():
                broken.append(f"{file.relative_to(out)} → {target}")
    return broken


def tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
