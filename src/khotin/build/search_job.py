"""The search bundle for `build`, made beside the pages rather than after them.

Pagefind's indexing (`search.shards`) adds to a build only what outlasts the
pages. The job reads no content file: each article's fields come from its
loaded record, its text from the plain text the loader put in the body store
beside the HTML.

Where khotin can fork, the job runs in a process forked *before* the records
are loaded, while the build is small, and the parent hands it a compact tuple
per article once they are (`search_articles`, ~300 bytes each). Forked after
the loading, it shared the parent's records (~850 MB at 100,000 articles) only
until either process touched them — both do, and every page touched is copied:
the job's process grew to 1.2 GB of the build's 3.7 GB peak.

At 100,000 articles the renderers (~1.9 GB with the parent) and Pagefind's
processes (~450 MB each per shard, two at a time) cannot hold their memory at
once under 2 GB: past `ALONGSIDE_LIMIT` articles to index, Pagefind waits for
the pages. Below it (an edit's shard, a 10,000-article archive) it runs beside
planning and rendering, as before.
"""

from __future__ import annotations

import multiprocessing
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from khotin.build.bodies import BodyStore
from khotin.errors import BuildError
from khotin.interrupt import leave_ctrl_c_to_the_parent
from khotin.site.loaded import Loaded

if TYPE_CHECKING:
    from khotin.search.shards import CachedFile

# Articles to index past which Pagefind waits for the pages (see the module doc).
ALONGSIDE_LIMIT = 25_000
# (url, content digest, body key, `search.documents.document_fields`)
Article = tuple[str, str, str, tuple]
_PAGES_DONE = "pages done"


@dataclass(frozen=True)
class SearchSettings:
    bodies: BodyStore  # filled by the loader; read only once it is frozen
    shards: int
    cache: Path
    code_key: bytes
    jobs: int | None


def search_articles(loaded: Sequence[Loaded], digests: Sequence[str]) -> list[Article]:
    """What the job needs of each article, without the records themselves."""
    from khotin.search.documents import document_fields
    from khotin.site import urls

    return [(urls.article(item.record.slug), digest, item.body_key, document_fields(item.record))
            for item, digest in zip(loaded, digests)]


def _search_bundle(settings: SearchSettings, articles: list[Article],
                   wait_for_pages: Callable[[], object]) -> dict[str, bytes | CachedFile]:
    from khotin.search.documents import document_from
    from khotin.search.shards import SearchSource, sharded_bundle

    bodies = settings.bodies.reader()  # its own handle: this may run in a thread beside the renderers

    def document(number: int):
        url, _, body_key, fields = articles[number]
        return document_from(url, fields, bodies.text(body_key))

    def before_indexing(count: int) -> None:
        if count > ALONGSIDE_LIMIT:
            wait_for_pages()

    try:
        return sharded_bundle([SearchSource(url, digest) for url, digest, _, _ in articles], document,
                              shards=settings.shards, cache=settings.cache, key=settings.code_key,
                              jobs=settings.jobs, before_indexing=before_indexing)
    finally:
        bodies.close()


def _search_child(settings: SearchSettings, connection) -> None:
    """Waits for the articles, then sends the bundle's files, or what went wrong.

    The cached shards' files once went ahead of the rest, to be placed while a changed
    shard was indexed; measured on one-record edits at 10,000 articles, that shard was
    done before the pages were, and the hand-over saved nothing (docs/architecture.md)."""
    leave_ctrl_c_to_the_parent()
    try:
        articles = connection.recv()
        if articles is None:  # the job runs in the parent after all
            return
        outcome: tuple[bool, object] = (True, _search_bundle(settings, articles, connection.recv))
    except EOFError:  # the parent is gone or gave up
        return
    except BuildError as exc:
        outcome = (False, str(exc))
    except BaseException as exc:  # noqa: BLE001 - whatever it is, the build reports it in one line
        outcome = (False, f"search index: {exc}")
    try:
        connection.send(outcome)
    except OSError:
        pass
    finally:
        connection.close()


class SearchRunner:
    """The search bundle, made while the site is planned and rendered.

    Pagefind indexes in processes of its own, one per shard. Where khotin can
    fork, the work runs in a process forked before the records are loaded
    (`start_early`) and given them once they are (`hand_over`); else in a thread
    started once the rendering workers exist (no thread may run across their
    fork). `pages_done` lets a big indexing start."""

    def __init__(self, settings: SearchSettings) -> None:
        self._settings = settings
        self._process = None
        self._connection = None
        self._articles: list[Article] | None = None
        self._pages = threading.Event()
        self._thread: threading.Thread | None = None
        self._outcome: tuple[bool, object] | None = None

    def start_early(self) -> None:
        if "fork" not in multiprocessing.get_all_start_methods():
            return
        context = multiprocessing.get_context("fork")
        self._connection, theirs = context.Pipe()
        self._process = context.Process(target=_search_child, args=(self._settings, theirs), daemon=True)
        self._process.start()
        theirs.close()

    def hand_over(self, loaded: Sequence[Loaded], digests: Sequence[str]) -> None:
        """The loaded records' articles, to the process, or kept for the thread (also
        when the bodies stayed in this process's memory, where no other can read them)."""
        articles = search_articles(loaded, digests)
        if self._process is not None and self._settings.bodies.on_disk:
            self._send(articles)
            return
        if self._process is not None:
            self._send(None)
            self.close()
        self._articles = articles

    def _send(self, message: object) -> None:
        try:
            self._connection.send(message)
        except OSError:  # it died: `result` says so
            pass

    def start_late(self) -> None:
        if self._articles is not None and self._thread is None:
            self._thread = threading.Thread(target=self._in_thread, name="khotin-search", daemon=True)
            self._thread.start()

    def pages_done(self) -> None:
        self._pages.set()
        if self._process is not None:
            self._send(_PAGES_DONE)  # read only by a job that waits for it

    def _in_thread(self) -> None:
        try:
            assert self._articles is not None
            self._outcome = (True, _search_bundle(self._settings, self._articles, self._pages.wait))
        except BaseException as exc:  # handed to the building thread by result()
            self._outcome = (False, exc)

    def _receive(self) -> tuple[object, object]:
        try:
            return self._connection.recv()
        except EOFError:
            return (False, "search index: the indexing process stopped")

    def result(self) -> dict[str, bytes | CachedFile]:
        """The bundle's files (a cached shard's by its hash: `CachedFile`)."""
        if self._process is not None:
            if self._outcome is None:
                self._outcome = self._receive()  # type: ignore[assignment]
            self.close()
        elif self._thread is not None:
            self._thread.join()
        ok, value = self._outcome if self._outcome is not None else (False, "search index: not made")
        if ok:
            return value  # type: ignore[return-value]
        raise value if isinstance(value, BaseException) else BuildError(str(value))

    def close(self) -> None:
        """Stop the indexing process if nobody waits for it any more (a failed build)."""
        self._pages.set()  # a thread waiting for the pages ends all the same
        if self._process is not None:
            if self._outcome is None and self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._connection.close()
            self._process = None
