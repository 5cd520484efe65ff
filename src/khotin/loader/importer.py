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
many, streamed row by row into the same pool (loader/passes). Each article is
named by its seed (`page.html`, `crawl.jsonl:12`) and matched to its earlier
record by its address when it has one, else by that name; this module writes
the records.
"""

from __future__ import annotations

import os
import re
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from khotin.errors import InputError, KhotinError, RecordError
from khotin.loader.passes import DraftedSeed, SeedFailure, analyse_seeds
from khotin.records import finish_draft, is_untouched_import, parse_record
from khotin.topics import tags as tagging
from khotin.vietnamese.slugs import unique_slug

TEMP_PREFIX = ".khotin-tmp-"
WRITERS = 8
_SAFE_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class RecordWriteError(InputError):
    """content/ refused a record (full disk, no permission): import stops here,
    since every later record would fail the same way."""


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


def _previous(seed: DraftedSeed, existing: dict[str, _ExistingRecord]) -> _ExistingRecord | None:
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


def _choose_slug(seed: DraftedSeed, existing: _ExistingRecord | None, taken: set[str]) -> str:
    if existing is not None:
        return existing.path.stem
    slug = unique_slug(seed.slug_base, taken)
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

    parsed: list[DraftedSeed] = []
    analysed: list[dict[str, Term]] = []
    failures: list[str] = []
    first_with_url: dict[str, str] = {}
    for result, terms in analyse_seeds(paths, jobs, progress, tagging.prepare_cache(cache_dir)):
        if isinstance(result, DraftedSeed) and result.url:
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
    tags = tagging.rank_named([(s.name, s.place_names) for s in parsed], analysed) if parsed else {}
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
                    text = finish_draft(seed.draft, slug, tags.get(seed.name, ()))
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
