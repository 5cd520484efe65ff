"""The seed site for the search tests: the real `import` and `build`, served over HTTP."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from khotin.loader.importer import import_seeds
from khotin.records import Record, read_record
from khotin.site import urls
from khotin.build.pipeline import build_site
from khotin.search.documents import SearchDocument, search_document

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = REPO / "templates"
SEEDS = REPO / "seeds"


@lru_cache(maxsize=1)
def seed_content() -> Path:
    """The seeds imported once per test session into a folder of their own."""
    import tempfile

    content = Path(tempfile.mkdtemp(prefix="khotin-search-content-"))
    report = import_seeds(SEEDS, content, jobs=1, progress=False, say=lambda line: None)
    assert report.ok, report.failures
    return content


def seed_records() -> list[Record]:
    return [read_record(path) for path in sorted(seed_content().glob("*.md"))]


def seed_documents() -> list[SearchDocument]:
    return [search_document(record, urls.article(record.slug)) for record in seed_records()]


def assemble(root: Path, base_path: str, with_index: bool = True, shards: int = 0) -> Path:
    """`khotin build` of the seed records into `root` + base_path, its search index made
    in `shards` shards (0: khotin's choice, one for the seeds); returns that folder."""
    folder = root / base_path.strip("/") if base_path.strip("/") else root
    config = root.parent / f"{root.name}.khotin.toml"  # beside the served folder, not in it
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text((REPO / "khotin.toml").read_text(encoding="utf-8") + f"\nsearch_shards = {shards}\n",
                      encoding="utf-8")
    build_site(seed_content(), TEMPLATES, folder, base_url=f"http://127.0.0.1{base_path}", config_path=config)
    if not with_index:
        shutil.rmtree(folder / "search-index")
    return folder


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    # Keep-alive, as every static host serves: HTTP/1.0's connection a file would
    # time a search page's dozens of small fetches by Python's socket setup.
    protocol_version = "HTTP/1.1"
    # TCP_NODELAY, as static hosts set it (nginx's tcp_nodelay is on by default): the
    # handler writes a response's headers and its body apart, and with Nagle's algorithm
    # the body waited for the browser's delayed ACK of the headers, ~40 ms a request.
    # (bench/latency.py's 8 queries at 10,000 articles, one run each: median 2.54 → 1.63 s).
    disable_nagle_algorithm = True

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass

    def handle(self):
        try:
            super().handle()
        except ConnectionError:  # the browser closed a tab while a file was on its way
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
