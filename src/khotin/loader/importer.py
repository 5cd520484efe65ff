"""`khotin import`: seeds/ → content/, safe to run again and again.

The rules a person can rely on (also in the README):
- an unchanged seed gives a byte-identical record;
- a record a person edited (its text no longer matches the hash import stamped
  into it) is never overwritten: import says `kept your edits: <file>`;
- a record whose seed was removed stays;
- a file that cannot be imported gets one line `<seed>: <reason>`, the others
  go on, and nothing is half-written (temporary file, then rename).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from khotin.errors import InputError, KhotinError, RecordError
from khotin.interrupt import leave_ctrl_c_to_the_parent
from khotin.loader.chrome import LEXICON_ONLY, Chrome, PageLines
from khotin.loader.decode import decode_seed, decode_seed_noted
from khotin.loader.layout import learn, learning_lines
from khotin.loader.page import ParsedPage, parse_page
from khotin.places import gazetteer
from khotin.places.gazetteer import PlaceMatch, find_places
from khotin.records import Record, is_untouched_import, parse_record, render_record
from khotin.topics import tags as tagging
from khotin.topics.tags import TagInput, Term
from khotin.vietnamese.slugs import slugify, unique_slug

TEMP_PREFIX = ".khotin-tmp-"
# Below this many seeds a worker pool costs more than it saves.
PARALLEL_THRESHOLD = 64
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


def _tag_input(seed: ParsedSeed) -> TagInput:
    return TagInput(seed.name, seed.page.title, seed.page.body, seed.sha256,
                    seed.places.districts + seed.places.provinces)


def _page_lines(path: Path) -> PageLines | None:
    """The first pass: what one seed offers to the chrome learned across the
    import (a seed that cannot be read is reported by the second pass)."""
    try:
        return learning_lines(decode_seed(path.read_bytes(), path.name))
    except (OSError, KhotinError):
        return None


def _import_one(
    path: Path, cache_dir: Path | None, known: Chrome,
) -> tuple[ParsedSeed | SeedFailure, dict[str, Term] | None]:
    """All the per-seed work in one task — parse, places, pyvi terms — so one
    pool streams the corpus; only the page and its compact term counts return."""
    result = parse_seed(path, known)
    if isinstance(result, SeedFailure):
        return result, None
    return result, tagging.analyse_cached(_tag_input(result), cache_dir)


def _analyse_seeds(
    paths: Sequence[Path], jobs: int, progress: bool, cache_dir: Path | None,
) -> Iterator[tuple[ParsedSeed | SeedFailure, dict[str, Term] | None]]:
    """Two passes over the seeds: learn the import's chrome from all of them,
    then parse each with it."""
    bar = _progress_bar(len(paths), progress)
    try:
        if jobs > 1 and len(paths) >= PARALLEL_THRESHOLD:
            # forked children must not load (and later delete) pyvi's model files;
            # the gazetteer too is built once here instead of once per worker
            tagging.warm()
            gazetteer.warm()
            with multiprocessing.get_context("fork").Pool(jobs, leave_ctrl_c_to_the_parent) as pool:
                known = learn(filter(None, pool.imap(_page_lines, paths, chunksize=16)))
                task = partial(_import_one, cache_dir=cache_dir, known=known)
                for result in pool.imap(task, paths, chunksize=4):
                    bar.update(1)
                    yield result
        else:
            known = learn(filter(None, map(_page_lines, paths)))
            for path in paths:
                bar.update(1)
                yield _import_one(path, cache_dir, known)
    finally:
        bar.close()


def _progress_bar(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="trang", desc="import", disable=not enabled, leave=False)


def _existing_records(content: Path) -> tuple[dict[str, _ExistingRecord], set[str]]:
    """Records already in content/, by the seed they came from, and every slug
    taken (a broken or hand-made file still reserves its name)."""
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
            by_seed[record.seed] = _ExistingRecord(path, text, is_untouched_import(text))
    return by_seed, taken


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
    for result, terms in _analyse_seeds(paths, jobs, progress, tagging.prepare_cache(cache_dir)):
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
    # fsync waits on the disk's journal; a few writers in threads share its commits
    # (1,000 records: ~3.4 s one by one, ~0.5 s this way), each still temp + fsync + rename.
    with ThreadPoolExecutor(max_workers=WRITERS) as writers:
        pending: dict[Path, Future] = {}
        failed: list[Future] = []  # a write that failed stops the import: the disk refuses them all
        try:
            for seed in parsed:
                previous = existing.get(seed.name)
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
