"""The search bundle for `build`, made beside the pages rather than after them.

Started as soon as the records are loaded and collected once the pages are
done, Pagefind's indexing (`search.shards`) adds to a build only what outlasts
the pages. It reads no content file: each article's record is the loaded one,
its text the plain text the loader put in the body store beside the HTML.
"""

from __future__ import annotations

import multiprocessing
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from khotin.build.bodies import BodyStore
from khotin.errors import BuildError
from khotin.interrupt import leave_ctrl_c_to_the_parent
from khotin.site.loaded import Loaded

if TYPE_CHECKING:
    from khotin.search.shards import CachedFile


@dataclass(frozen=True)
class SearchInputs:
    digests: list[str]
    loaded: list[Loaded]
    bodies: BodyStore  # frozen: the loader has filled it
    shards: int
    cache: Path
    code_key: bytes
    jobs: int | None


def _search_bundle(inputs: SearchInputs) -> dict[str, bytes | CachedFile]:
    from khotin.site import urls
    from khotin.search.documents import search_document
    from khotin.search.shards import SearchSource, sharded_bundle

    addresses = [urls.article(item.record.slug) for item in inputs.loaded]
    bodies = inputs.bodies.reader()  # its own handle: this may run in a thread beside the renderers

    def document(number: int):
        item = inputs.loaded[number]
        return search_document(item.record, addresses[number], bodies.text(item.body_key))

    try:
        return sharded_bundle([SearchSource(url, digest) for url, digest in zip(addresses, inputs.digests)],
                              document, shards=inputs.shards, cache=inputs.cache, key=inputs.code_key,
                              jobs=inputs.jobs)
    finally:
        bodies.close()


def _search_child(inputs: SearchInputs, connection) -> None:
    """Sends the bundle's files, or what went wrong.

    The cached shards' files once went ahead of the rest, to be placed while a changed
    shard was indexed; measured on one-record edits at 10,000 articles, that shard was
    done before the pages were, and the hand-over saved nothing (docs/architecture.md)."""
    leave_ctrl_c_to_the_parent()
    try:
        connection.send((True, _search_bundle(inputs)))
    except BuildError as exc:
        connection.send((False, str(exc)))
    except BaseException as exc:  # noqa: BLE001 - whatever it is, the build reports it in one line
        connection.send((False, f"search index: {exc}"))
    finally:
        connection.close()


class SearchRunner:
    """The search bundle, made while the site is planned and rendered.

    Pagefind indexes in processes of its own, one per shard. Where khotin can
    fork, the work runs in a forked process started as soon as the records are
    loaded, so it overlaps planning as well as rendering; else in a thread started
    once the rendering workers exist (no thread may run across their fork)."""

    def __init__(self, inputs: SearchInputs) -> None:
        self._inputs = inputs
        self._process = None
        self._reader = None
        self._thread: threading.Thread | None = None
        self._outcome: tuple[bool, object] | None = None

    def start_early(self) -> None:
        if "fork" not in multiprocessing.get_all_start_methods():
            return
        context = multiprocessing.get_context("fork")
        self._reader, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_search_child, args=(self._inputs, sender), daemon=True)
        self._process.start()
        sender.close()

    def start_late(self) -> None:
        if self._process is None and self._thread is None:
            self._thread = threading.Thread(target=self._in_thread, name="khotin-search", daemon=True)
            self._thread.start()

    def _in_thread(self) -> None:
        try:
            self._outcome = (True, _search_bundle(self._inputs))
        except BaseException as exc:  # handed to the building thread by result()
            self._outcome = (False, exc)

    def _receive(self) -> tuple[object, object]:
        try:
            return self._reader.recv()
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
        if self._process is not None:
            if self._outcome is None and self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._reader.close()
            self._process = None
