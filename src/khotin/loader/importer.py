"""`khotin import`: seeds/ → content/, safe to run again and again.

The rules a person can rely on (also in the README):
- an unchanged seed gives a byte-identical record;
- a record a person edited (its text no longer matches the hash import stamped
  into it) is never overwritten: import says `kept your edits: <file>`;
- a record whose seed was removed stays;
- a file that cannot be imported gets one line `<seed>: <reason>`, the others
  go on, and nothing is half-written (temporary file, then rename).

Seeds come in several forms (loader/readers): a text or HTML page is one
article, read and parsed in a pool worker; an export (JSON Lines, JSON, CSV) is
many, streamed here row by row into the same pool. Each article is named by its
seed (`page.html`, `crawl.jsonl:12`) and matched to its earlier record by its
address when it has one, else by that name.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from khotin.errors import InputError, KhotinError, RecordError
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
from khotin.records import Record, is_untouched_import, parse_record, render_record
from khotin.topics import tags as tagging
from khotin.topics.tags import TagInput, Term
from khotin.vietnamese.slugs import slugify, unique_slug

TEMP_PREFIX = ".khotin-tmp-"
# Below this many seeds a worker pool costs more than it saves.
PARALLEL_THRESHOLD = 64
# An export this big is worth a pool even when it is the only seed.
PARALLEL_EXPORT_BYTES = 256 << 10
# Articles handed to the pool and not yet back: an export is read only this far ahead.
IN_FLIGHT = 256
WRITERS = 8
_SAFE_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class RecordWriteError(InputError):
    """content/ refused a record (full disk, no permission): import stops here,
    since every later record would fail the same way."""


@dataclass(frozen=True)
class ParsedSeed:
    name: str
    sha256: str
    page: ParsedPage
    places: PlaceMatch
    url: str | None = None
    extra: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class SeedFailure:
    name: str
    reason: str


@dataclass(frozen=True)
class ImportReport:
    written: tuple[Path, ...] = ()
    unchanged: tuple[Path, ...] = ()
    kept: tuple[Path, ...] = ()
    failures: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.failures


@dataclass(frozen=True)
class _ExistingRecord:
    path: Path
    text: str
    untouched: bool
    url: str | None = None


def seed_files(seeds: Path) -> list[Path]:
    """Every visible regular file in seeds/, in name order (the order decides
    which of two same-titled seeds keeps the plain slug)."""
    if not seeds.is_dir():
        raise KhotinError(f"{seeds}: seeds folder not found")
    return sorted(p for p in seeds.iterdir() if p.is_file() and not p.name.startswith("."))


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


def _tag_input(seed: ParsedSeed) -> TagInput:
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
) -> tuple[ParsedSeed | SeedFailure, dict[str, Term] | None]:
    """All the per-seed work in one task — parse, places, pyvi terms — so one
    pool streams the corpus; only the page and its compact term counts return."""
    result = parse_article(item, known)
    if isinstance(result, SeedFailure):
        return result, None
    return result, tagging.analyse_cached(_tag_input(result), cache_dir)


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


def _analyse_seeds(
    paths: Sequence[Path], jobs: int, progress: bool, cache_dir: Path | None,
) -> Iterator[tuple[ParsedSeed | SeedFailure, dict[str, Term] | None]]:
    """Two passes over the seeds: learn the import's chrome from all of them,
    then parse each with it."""
    exports = any(is_export(p) for p in paths)
    bar = _progress_bar(None if exports else len(paths), progress)
    try:
        if _wants_pool(paths, jobs):
            # forked children must not load (and later delete) pyvi's model files;
            # the gazetteer too is built once here instead of once per worker
            tagging.warm()
            gazetteer.warm()
            room, stop = threading.Semaphore(IN_FLIGHT), threading.Event()
            with multiprocessing.get_context("fork").Pool(jobs, leave_ctrl_c_to_the_parent) as pool:
                known = learn(filter(None, pool.imap(_page_lines, paths, chunksize=16)))
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


def _existing_records(content: Path) -> tuple[dict[str, _ExistingRecord], set[str]]:
    """Records already in content/, by the seed they came from and by their
    address, and every slug taken (a broken or hand-made file still reserves
    its name)."""
    by_seed: dict[str, _ExistingRecord] = {}
    taken: set[str] = set()
    for path in sorted(content.glob("*.md")):
        taken.add(path.stem)
        try:
            text = path.read_text(encoding="utf-8")
            record = parse_record(text, path)
        except (OSError, UnicodeDecodeError, RecordError):
            continue
        if record.seed and record.seed not in by_seed:
            by_seed[record.seed] = _ExistingRecord(path, text, is_untouched_import(text), record.url)
        if record.url and _URL_PREFIX + record.url not in by_seed:
            by_seed[_URL_PREFIX + record.url] = _ExistingRecord(path, text, is_untouched_import(text), record.url)
    return by_seed, taken


_URL_PREFIX = "\0url:"  # keys of `existing` by address; no seed name holds a NUL


def _previous(seed: ParsedSeed, existing: dict[str, _ExistingRecord]) -> _ExistingRecord | None:
    """The record an article was imported to before: the one with its address,
    else the one from its seed — unless that one holds another address (an
    export's rows moved: that row now holds another article)."""
    if seed.url and (by_url := existing.get(_URL_PREFIX + seed.url)) is not None:
        return by_url
    by_seed = existing.get(seed.name)
    if by_seed is not None and seed.url and by_seed.url and by_seed.url != seed.url:
        return None
    return by_seed


def _clean_stale_temps(content: Path) -> None:
    for stale in content.glob(f"{TEMP_PREFIX}*"):
        stale.unlink(missing_ok=True)


def write_atomically(path: Path, text: str) -> None:
    """Write through a temporary sibling and rename, so a crash or a full disk
    never leaves a half-written record."""
    tmp = path.with_name(f"{TEMP_PREFIX}{path.name}")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise RecordWriteError(path, f"cannot write: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


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


def _choose_slug(seed: ParsedSeed, existing: _ExistingRecord | None, taken: set[str]) -> str:
    if existing is not None:
        return existing.path.stem
    slug = unique_slug(slugify(seed.page.title), taken)
    if not _SAFE_SLUG.fullmatch(slug):  # slugify guarantees this; the check guards content/
        raise KhotinError(f"{seed.name}: unsafe slug {slug!r}")
    taken.add(slug)
    return slug


def import_seeds(
    seeds: Path,
    content: Path,
    jobs: int | None = None,
    progress: bool | None = None,
    cache_dir: Path | None = None,
    say: Callable[[str], None] = print,
) -> ImportReport:
    """Import every seed; `say` gets one line per kept edit and per bad file."""
    paths = seed_files(seeds)
    content.mkdir(parents=True, exist_ok=True)
    _clean_stale_temps(content)
    jobs = jobs or os.cpu_count() or 1
    if progress is None:
        progress = sys.stderr.isatty() and len(paths) >= 20

    parsed: list[ParsedSeed] = []
    analysed: list[dict[str, Term]] = []
    failures: list[str] = []
    first_with_url: dict[str, str] = {}
    for result, terms in _analyse_seeds(paths, jobs, progress, tagging.prepare_cache(cache_dir)):
        if isinstance(result, ParsedSeed) and result.url:
            first = first_with_url.setdefault(result.url.split("#")[0], result.name)
            if first != result.name:
                result = SeedFailure(result.name, f"duplicate of {first} (same url {result.url}); not imported")
        if isinstance(result, SeedFailure):
            line = f"{seeds / result.name}: {result.reason}"
            failures.append(line)
            say(line)
        else:
            parsed.append(result)
            analysed.append(terms or {})

    existing, taken = _existing_records(content)
    tags = tagging.rank_tags([_tag_input(s) for s in parsed], analysed) if parsed else {}
    written: list[Path] = []
    unchanged: list[Path] = []
    kept: list[Path] = []
    claimed: set[Path] = set()
    # fsync waits on the disk's journal; a few writers in threads share its commits
    # (1,000 records: ~3.4 s one by one, ~0.5 s this way), each still temp + fsync + rename.
    with ThreadPoolExecutor(max_workers=WRITERS) as writers:
        pending: dict[Path, Future] = {}
        failed: list[Future] = []  # a write that failed stops the import: the disk refuses them all
        try:
            for seed in parsed:
                previous = _previous(seed, existing)
                if previous is not None and previous.path in claimed:
                    previous = None  # another article of this import already took that record
                elif previous is not None:
                    claimed.add(previous.path)
                if previous is not None and not previous.untouched:
                    kept.append(previous.path)
                    say(f"kept your edits: {previous.path}")
                    continue
                try:
                    slug = _choose_slug(seed, previous, taken)
                    record = build_record(seed, slug, tags.get(seed.name, ()))
                    text = render_record(record, stamp=True)
                    path = content / f"{slug}.md"
                    if previous is not None and previous.text == text:
                        unchanged.append(path)
                        continue
                except KhotinError as exc:
                    failures.append(str(exc))
                    say(str(exc))
                    continue
                if path in pending:  # never two writers on one file
                    pending.pop(path).result()
                if failed:
                    failed[0].result()
                pending[path] = writers.submit(write_atomically, path, text)
                pending[path].add_done_callback(lambda f: f.exception() is not None and failed.append(f))
                written.append(path)
            for future in pending.values():
                future.result()
        except BaseException:
            writers.shutdown(wait=True, cancel_futures=True)
            raise
    return ImportReport(tuple(written), tuple(unchanged), tuple(kept), tuple(failures))
