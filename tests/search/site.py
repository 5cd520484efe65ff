"""A served test site for the search page: seed articles, search.html, the Pagefind bundle.

Until `khotin build` renders search/ itself, the site is assembled here from the
real pieces: the loader reads the seeds, the gazetteer finds their places, the
build's own templates render search.html, and write_search_index writes the bundle.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import jinja2

from khotin.site.search import SearchDocument, write_search_index

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = REPO / "templates"
SEEDS = REPO / "seeds"


def seed_documents() -> list[SearchDocument]:
    from khotin.loader.decode import decode_seed
    from khotin.loader.page import parse_page
    from khotin.places.gazetteer import find_places
    from khotin.vietnamese.slugs import slugify

    documents = []
    for path in sorted(SEEDS.glob("*.txt")):
        page = parse_page(decode_seed(path.read_bytes(), path.name), path.name)
        places = find_places(page.title, page.body)
        documents.append(SearchDocument(
            url=f"bai/{slugify(page.title)}/", title=page.title, text=page.body, summary=page.summary,
            districts=places.districts, provinces=places.provinces,
            year=int(page.date[:4]) if page.date else None, date=page.date[:10] if page.date else None,
        ))
    return documents


def render_search_page(base_path: str) -> str:
    from khotin.site.views import Meta, NavItem, NotFoundView, SiteView

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    site = SiteView(title="Kho tin", description="Kho lưu trữ tin bài", language="vi", home_url=base_path,
                    stylesheet_url=f"{base_path}static/khotin.css", feed_url=f"{base_path}feed.xml",
                    search_url=f"{base_path}search/")
    page = NotFoundView(
        meta=Meta(title="Tìm kiếm", description="Tìm trong kho", canonical=f"{base_path}search/"),
        nav=(NavItem(base_path, "Trang chủ", False), NavItem(f"{base_path}the/", "Chủ đề", False),
             NavItem(f"{base_path}search/", "Tìm kiếm", True)))
    return env.get_template("search.html").render(site=site, page=page)


def assemble(root: Path, documents: list[SearchDocument], base_path: str, with_index: bool = True) -> Path:
    """The site under `root` + base_path; returns its folder."""
    folder = root / base_path.strip("/") if base_path.strip("/") else root
    (folder / "search").mkdir(parents=True, exist_ok=True)
    (folder / "search" / "index.html").write_text(render_search_page(base_path), encoding="utf-8")
    shutil.copytree(TEMPLATES / "static", folder / "static", dirs_exist_ok=True)
    for document in documents:
        page = folder / document.url / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<!doctype html><title>{document.title}</title><h1>{document.title}</h1>", encoding="utf-8")
    if with_index:
        write_search_index(folder, documents, base_path)
    return folder


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """A static file server on 127.0.0.1 for `root`; yields its origin URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
