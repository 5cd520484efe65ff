"""The search bundle for `build`, made beside the pages (or, when big, before them), not after.

The index (`search.shards`) adds to a build only what outlasts the pages.
The job reads no content file: each article's fields come from its
loaded record, its text from the plain text the loader put in the body store
beside the HTML.

Where khotin can fork, the job runs in a process forked *before* the records
are loaded, while the build is small, and the parent hands it a compact tuple
per article once they are (`search_articles`, ~1.5 KB each). Forked after the
loading, it shared the parent's records (~850 MB at 100,000 articles) only
until either process touched them — both do, and every page touched is
copied: the job's process grew to 1.2 GB of the build's 3.7 GB peak. A small
archive's job was forked after the loading once, the hand-over costing the
parent ~0.1 s at 10,000 articles; but a one-record edit's longest road is the
job (its article's shard is made again), and forked early it
reads the tables a document consults (`documents.warm`, ~0.15 s) on the core
the loading leaves idle.

At 100,000 articles the renderers (parent and workers) and the indexing, with
Pagefind's processes as it then had, could not hold their memory at once under
2 GB. A big indexing (past
`ALONGSIDE_LIMIT` articles not in the shard cache) therefore runs first, while
the parent holds only the loaded records and waits, and the pages are planned
and rendered after it (`before_pages`). A small one (an edit's shard, a
10,000-article archive) runs beside planning and rendering, as before.
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
    from khotin.search.shards import BundleFile

# Articles to index past which the indexing runs before the pages (see the module doc).
# A quarter of 100,000: measured there, nothing below it.
ALONGSIDE_LIMIT = 25_000
# (url, content digest, body key, `search.documents.document_fields`)
Article = tuple[str, str, str, tuple]


@dataclass(frozen=True)
class SearchSettings:
    bodies: BodyStore  # filled by the loader; read only once it is frozen
    shards: int
    cache: Path
    code_key: bytes


def search_articles(loaded: Sequence[Loaded], digests: Sequence[str]) -> list[Article]:
    """What the job needs of each article, without the records themselves."""
    from khotin.search.documents import document_fields
    from khotin.site import urls

    return [(urls.article(item.record.slug), digest, item.body_key, document_fields(item.record))
            for item, digest in zip(loaded, digests)]


def _search_bundle(settings: SearchSettings, articles: list[Article],
                   to_index: Callable[[int], None]) -> dict[str, BundleFile]:
    """`to_index(n)`: told how many articles are to be indexed, before the first is."""
    from khotin.search.documents import document_from
    from khotin.search.shards import SearchSource, sharded_bundle

    bodies = settings.bodies.reader()  # its own handle: this may run in a thread beside the renderers

    def document(number: int):
        url, _, body_key, fields = articles[number]
        return document_from(url, fields, bodies.text(body_key))

    try:
        return sharded_bundle([SearchSource(url, digest) for url, digest, _, _ in articles], document,
                              shards=settings.shards, cache=settings.cache, key=settings.code_key,
                              before_indexing=to_index)
    finally:
        bodies.close()


def _search_child(settings: SearchSettings, connection, loaded: tuple | None) -> None:
    """Takes the articles from the records it was forked with (`loaded`: records,
    digests) or waits for them; says how many it indexes ("count", n), then sends
    the bundle's files ("bundle", files) or what went wrong ("error", line).

    The cached shards' files once went ahead of the rest, to be placed while a changed
    shard was indexed; measured on one-record edits at 10,000 articles, that shard was
    done before the pages were, and the hand-over saved nothing (docs/architecture.md)."""
    leave_ctrl_c_to_the_parent()
    try:
        if loaded is None:
            from khotin.search import documents, shards  # noqa: F401 - imported while the parent loads

            documents.warm()
        articles = search_articles(*loaded) if loaded is not None else connection.recv()
        outcome = ("bundle", _search_bundle(settings, articles, lambda count: connection.send(("count", count))))
    except EOFError:  # the parent is gone or gave up
        return
    except BuildError as exc:
        outcome = ("error", str(exc))
    except BaseException as exc:  # noqa: BLE001 - whatever it is, the build reports it in one line
        outcome = ("error", f"search index: {exc}")
    try:
        connection.send(outcome)
    except OSError:
        pass
    finally:
        connection.close()


class SearchRunner:
    """The search bundle, made while the site is planned and rendered (or, when
    big, before: `before_pages`).

    Where khotin can fork, the work runs in a process of its own, forked before the records are
    loaded (`start_early`) and given them once they are (`hand_over`), or, when
    their bodies stayed in memory, forked once they are, sharing them. Where it
    cannot, in a thread (no thread may run across the rendering workers' fork:
    `start_late`)."""

    def __init__(self, settings: SearchSettings) -> None:
        self._settings = settings
        self._process = None
        self._connection = None
        self._loaded: tuple[Sequence[Loaded], Sequence[str]] | None = None
        self._count: int | None = None
        self._thread: threading.Thread | None = None
        self._outcome: tuple[bool, object] | None = None

    def start_early(self) -> None:
        """Fork the job now, before the records load: it reads the tables its documents
        consult on the core the loading leaves idle (a one-record edit's longest road is
        its article's shard), and a big archive's job stays out of the parent's memory."""
        self._fork(None)

    def _fork(self, loaded: tuple | None) -> None:
        if "fork" not in multiprocessing.get_all_start_methods():
            return
        context = multiprocessing.get_context("fork")
        self._connection, theirs = context.Pipe()
        self._process = context.Process(target=_search_child, args=(self._settings, theirs, loaded), daemon=True)
        self._process.start()
        theirs.close()

    def hand_over(self, loaded: Sequence[Loaded], digests: Sequence[str]) -> None:
        """The loaded records: their articles to the process forked early, or a process
        forked now with them (also when the bodies stayed in this process's memory,
        where the early one cannot read them), or kept for the thread."""
        if self._process is not None:
            if self._settings.bodies.on_disk:
                try:
                    self._connection.send(search_articles(loaded, digests))
                except OSError:  # it died: `result` says so
                    pass
                return
            self.close()
        self._loaded = (loaded, digests)
        self._fork(self._loaded)

    def before_pages(self, articles: int) -> None:
        """Make the bundle now if it is big (see the module doc); `articles`: how many
        the build has (no more than the limit: the job cannot be big)."""
        if articles <= ALONGSIDE_LIMIT:
            return
        if self._process is None:  # a thread: run to its end now, before any fork
            self.start_late()
            self.result()
            return
        self._next_message()
        if self._count is not None and self._count > ALONGSIDE_LIMIT:
            self.result()

    def start_late(self) -> None:
        if self._process is None and self._loaded is not None and self._thread is None:
            self._thread = threading.Thread(target=self._in_thread, name="khotin-search", daemon=True)
            self._thread.start()

    def _in_thread(self) -> None:
        try:
            assert self._loaded is not None
            self._outcome = (True, _search_bundle(self._settings, search_articles(*self._loaded), lambda count: None))
        except BaseException as exc:  # handed to the building thread by result()
            self._outcome = (False, exc)

    def _next_message(self) -> None:
        """Read the process's next message: its count, or its outcome (then it is done)."""
        try:
            kind, value = self._connection.recv()
        except EOFError:
            kind, value = "error", "search index: the indexing process stopped"
        if kind == "count":
            self._count = value
        else:
            self._outcome = (kind == "bundle", value)

    def result(self) -> dict[str, BundleFile]:
        """The bundle's files (by hash where the writer may hold them: a postings file the
        last build made too, `JoinedFile`; one joined now, in the search cache's pack, `PackedFile`)."""
        if self._process is not None:
            while self._outcome is None:
                self._next_message()
            self.close()
        elif self._thread is not None:
            self._thread.join()
        ok, value = self._outcome if self._outcome is not None else (False, "search index: not made")
        if ok:
            return value  # type: ignore[return-value]
        raise value if isinstance(value, BaseException) else BuildError(str(value))

    def close(self) -> None:
        """Stop the indexing process if nobody waits for it any more (a failed build)."""
        if self._process is not None:
            if self._outcome is None and self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._connection.close()
            self._process = None
