"""The two passes of `khotin import` over its seeds, and the pool that runs them.

First each page seed offers the lines the import's chrome is learned from
(loader/layout); then every article — a page file, or a row an export reader
gives — is parsed with that chrome, its places found and its pyvi terms
counted and its record rendered but for its slug and tags (records.draft_record),
in one task per article, in a pool of forked workers when the import is big
enough and one by one otherwise. What comes back is that draft with what the
importer needs to name and tag it, or the one-line reason the article cannot
be used; the parsed page stays in the worker (half of what it weighs is the
page's parts, which the importer never reads). Writing records is the
importer's part.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from khotin.errors import KhotinError
from khotin.interrupt import leave_ctrl_c_to_the_parent
from khotin.loader.chrome import LEXICON_ONLY, Chrome, PageLines
from khotin.loader.decode import decode_seed, decode_seed_noted
from khotin.loader.given import parse_document
from khotin.loader.layout import learn, learning_lines
from khotin.loader.page import ParsedPage, parse_page
from khotin.loader.readers import (
    HTML_SUFFIXES, DocumentFailure, SeedDocument, is_export, read_export, read_page,
)
from khotin.places import gazetteer
from khotin.places.gazetteer import PlaceMatch, find_places
from khotin.records import Record, RecordDraft, draft_record
from khotin.topics import tags as tagging
from khotin.topics.tags import TagInput, Term
from khotin.vietnamese.slugs import slugify

# Below this many seeds a worker pool costs more than it saves.
PARALLEL_THRESHOLD = 64
# An export this big is worth a pool even when it is the only seed.
PARALLEL_EXPORT_BYTES = 256 << 10
# Articles handed to the pool and not yet back: an export is read only this far ahead.
IN_FLIGHT = 256


@dataclass(frozen=True)
class ParsedSeed:
    name: str
    sha256: str
    page: ParsedPage
    places: PlaceMatch
    url: str | None = None
    extra: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class DraftedSeed:
    """An article ready to be named, tagged and written: its record's draft,
    and what slugs, re-import matching and tag ranking read (`slug_base` is
    its title's slug; the importer makes it unique in seed order)."""
    name: str
    slug_base: str
    draft: RecordDraft
    url: str | None = None
    place_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class SeedFailure:
    name: str
    reason: str


def parse_seed(path: Path, known: Chrome = LEXICON_ONLY) -> ParsedSeed | SeedFailure:
    """One seed file → parsed parts, or the one-line reason it cannot be used."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return SeedFailure(path.name, f"cannot read: {exc.strerror}")
    try:
        decoded = decode_seed_noted(raw, path.name)
        page = parse_page(decoded.text, path.name, known)
        if decoded.review:
            page = replace(page, review=decoded.review + tuple(page.review))
        places = find_places(page.title, page.body)
    except KhotinError as exc:
        return SeedFailure(path.name, getattr(exc, "reason", str(exc)))
    return ParsedSeed(path.name, hashlib.sha256(raw).hexdigest(), page, places)


def parse_article(item: Path | SeedDocument | DocumentFailure, known: Chrome = LEXICON_ONLY) -> ParsedSeed | SeedFailure:
    """One article — a page file, or a row an export reader gave — → parsed parts."""
    if isinstance(item, DocumentFailure):
        return SeedFailure(item.name, item.reason)
    if isinstance(item, Path) and item.suffix.lower() not in HTML_SUFFIXES:
        return parse_seed(item, known)  # the text path, exactly as before
    name = item.name
    try:
        doc = read_page(item) if isinstance(item, Path) else item
        given = parse_document(doc, known)
        page = given.page
        places = find_places(page.title, page.body)
    except KhotinError as exc:
        reason = getattr(exc, "reason", str(exc))
        line = getattr(exc, "line", None)
        return SeedFailure(f"{name}:{line}" if line else name, reason)
    return ParsedSeed(doc.name, doc.sha256, page, places, given.url, given.extra)


def build_record(seed: ParsedSeed, slug: str, tags: Iterable[str]) -> Record:
    page, places = seed.page, seed.places
    return Record(
        title=page.title, slug=slug, body=page.body, kicker=page.kicker, date=page.date,
        author=page.author, source=page.source, summary=page.summary,
        seed=seed.name, seed_sha256=seed.sha256,
        districts=places.districts, provinces=places.provinces,
        district_codes=places.district_codes, tags=tuple(tags),
        review=tuple(page.review) + tuple(places.review),
        extra=dict(seed.extra), url=seed.url,
    )


def drafted(seed: ParsedSeed) -> DraftedSeed:
    return DraftedSeed(seed.name, slugify(seed.page.title), draft_record(build_record(seed, "", ())), seed.url,
                       seed.places.districts + seed.places.provinces)


def tag_input(seed: ParsedSeed) -> TagInput:
    return TagInput(seed.name, seed.page.title, seed.page.body, seed.sha256,
                    seed.places.districts + seed.places.provinces)


def _page_lines(path: Path) -> PageLines | None:
    """The first pass: what one seed offers to the chrome learned across the
    import (a seed that cannot be read is reported by the second pass). HTML
    pages and exports take no part: trafilatura has left their chrome behind."""
    if is_export(path) or path.suffix.lower() in HTML_SUFFIXES:
        return None
    try:
        return learning_lines(decode_seed(path.read_bytes(), path.name))
    except (OSError, KhotinError):
        return None


Work = Path | SeedDocument | DocumentFailure


def _import_one(
    item: Work, cache_dir: Path | None, known: Chrome,
) -> tuple[DraftedSeed | SeedFailure, dict[str, Term] | None]:
    """All the per-seed work in one task — parse, places, pyvi terms, the
    record's YAML — so one pool streams the corpus; only the draft and the
    compact term counts return."""
    result = parse_article(item, known)
    if isinstance(result, SeedFailure):
        return result, None
    return drafted(result), tagging.analyse_cached(tag_input(result), cache_dir)


def _work(paths: Sequence[Path]) -> Iterator[Work]:
    """Every article to import, in seed order: page files as they are (a
    worker reads them), exports row by row."""
    for path in paths:
        if is_export(path):
            yield from read_export(path)
        else:
            yield path


def _bounded(items: Iterator[Work], room: threading.Semaphore, stop: threading.Event) -> Iterator[Work]:
    """The pool's task feeder takes all it is given at once; this hands it an
    article only when fewer than IN_FLIGHT are waiting, so a huge export is
    never read ahead into memory."""
    for item in items:
        while not room.acquire(timeout=0.1):
            if stop.is_set():
                return
        yield item


def _wants_pool(paths: Sequence[Path], jobs: int) -> bool:
    if jobs <= 1:
        return False
    if len(paths) >= PARALLEL_THRESHOLD:
        return True
    return sum(p.stat().st_size for p in paths if is_export(p)) >= PARALLEL_EXPORT_BYTES


def _load_models() -> None:
    tagging.warm()
    gazetteer.warm()


def analyse_seeds(
    paths: Sequence[Path], jobs: int, progress: bool, cache_dir: Path | None,
) -> Iterator[tuple[DraftedSeed | SeedFailure, dict[str, Term] | None]]:
    """Two passes over the seeds: learn the import's chrome from all of them,
    then parse each with it."""
    exports = any(is_export(p) for p in paths)
    bar = _progress_bar(None if exports else len(paths), progress)
    try:
        if _wants_pool(paths, jobs):
            fork = multiprocessing.get_context("fork")
            # Forked children must not load (and later delete) pyvi's model files, so
            # pyvi and the gazetteer are loaded here, once, before the parsing pool
            # forks: while a first pool, forked before them, reads the pages' chrome.
            with ThreadPoolExecutor(max_workers=1) as loader:
                with fork.Pool(jobs, leave_ctrl_c_to_the_parent) as first:
                    loading = loader.submit(_load_models)
                    known = learn(filter(None, first.imap(_page_lines, paths, chunksize=16)))
                loading.result()
            room, stop = threading.Semaphore(IN_FLIGHT), threading.Event()
            with fork.Pool(jobs, leave_ctrl_c_to_the_parent) as pool:
                task = partial(_import_one, cache_dir=cache_dir, known=known)
                try:
                    work = _bounded(_work(paths), room, stop)
                    for result in pool.imap(task, work, chunksize=4):
                        room.release()
                        bar.update(1)
                        yield result
                finally:
                    stop.set()  # before the pool's exit joins its feeder thread
        else:
            known = learn(filter(None, map(_page_lines, paths)))
            for item in _work(paths):
                bar.update(1)
                yield _import_one(item, cache_dir, known)
    finally:
        bar.close()


def _progress_bar(total: int | None, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="trang", desc="import", disable=not enabled, leave=False)
