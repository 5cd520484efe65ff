"""Render the site's pages across cores, each worker writing its own files.

Workers are forked once the records, indexes, plan and compiled templates are
in memory, so they share all of it instead of receiving it; each renders a
slice of the page list, puts its files straight into the new tree and sends
back only their manifest entries. No page's bytes ever travel between
processes or pile up in one dict (that was the build's memory at 100k).

Article and listing views and feeds are made here too (`DeferredPage`, by the
forked planner), and bodies are read from the body store one page at a time:
so planning the biggest part of the site runs on every core, and no process
holds every view or body.

A page whose view is the same as in the last build (same template set, same
config, same `repr` of its frozen view, same body) is not rendered at all: the
old file is linked into the new tree. That is what makes a one-record edit cheap.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import multiprocessing
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import jinja2
from markupsafe import Markup

from khotin.interrupt import leave_ctrl_c_to_the_parent
from khotin.site import feeds
from khotin.site import urls
from khotin.site import environment
from khotin.build.bodies import BodyStore
from khotin.site.factory import DeferredPage, is_deferred, output_name
from khotin.build.output.reuse import Placer

# Below this many pages, forking costs more than it saves (and serve's threads
# make a fork needlessly risky).
PARALLEL_THRESHOLD = 400
SLICES_PER_WORKER = 16
# Slices a worker renders before a fresh one takes its place, on a render big
# enough for it to matter. A worker shares the parent's records, plan and
# templates, but touching an object (its reference count) copies the page it lies
# on: over a whole render each worker came to hold its own copy of most of them
# (620 MB each at 100,000 articles, beside a parent of 650 MB). A fresh fork
# shares everything again, but starts with empty caches (each card's HTML,
# compiled blocks): at 10,000 articles (16,000 pages, copies of ~60 MB) four
# generations cost ~1.3 s of CPU, a tenth of the cold build, to save memory
# nobody was short of.
SLICES_PER_GENERATION = SLICES_PER_WORKER // 4
RENEW_ABOVE_PAGES = 50_000

Result = tuple[str, list, bool, str, tuple]  # file, manifest entry, written, view key, records shown


@dataclass(frozen=True)
class Job:
    env: jinja2.Environment
    templates: Path
    site: Any
    specs: Sequence[Any]
    placer: Placer
    environment_key: bytes
    bodies: BodyStore
    # path → (view key, records shown, packed) of pages known unchanged without planning them (`dependencies`)
    unchanged: Mapping[str, tuple[str, bytes]] = dataclasses.field(default_factory=dict)


def view_key(environment_key: bytes, template: str, view: Any, body: str = "") -> str:
    digest = hashlib.sha256(environment_key)
    digest.update(f"\0{template}\0{body}\0{view!r}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _one(job: Job, spec: Any) -> tuple[str, str, tuple[int, ...], Callable[[], bytes]]:
    """(output file, view key, records shown, how to make its bytes) for a page or feed spec."""
    make_feed = getattr(spec, "feed", None)
    if make_feed is not None:
        feed = make_feed()
        return (spec.path, view_key(job.environment_key, "atom", feed), spec.depends,
                lambda: feeds.atom(feed, job.bodies.get))
    body = ""
    if isinstance(spec, DeferredPage):
        spec, body = spec.make(), spec.body_key
    page = spec

    def make() -> bytes:
        view = dataclasses.replace(page.view, body=Markup(job.bodies.get(body))) if body else page.view
        return environment.render_page(job.env, job.templates, page.template, page.path, site=job.site, page=view)

    return (urls.output_file(page.path), view_key(job.environment_key, page.template, page.view, body),
            page.depends, make)


def _known(job: Job, spec: Any) -> Result | None:
    """The result of a page `dependencies` knows unchanged, its file kept or linked in; None: plan it."""
    known = job.unchanged.get(spec.path) if is_deferred(spec) else None
    if known is None:
        return None
    name = output_name(spec)
    entry = job.placer.reuse(name, known[0])
    return (name, entry, False, *known) if entry is not None else None


def _run(job: Job, start: int, stop: int) -> list[Result]:
    results = []
    for spec in job.specs[start:stop]:
        name, key, shown, make = _one(job, spec)
        entry = job.placer.reuse(name, key)
        if entry is not None:
            results.append((name, entry, False, key, shown))
            continue
        entry, written = job.placer.put(name, make())
        results.append((name, entry, written, key, shown))
    return results


_JOB: Job | None = None  # set in each forked worker only


def _worker_init(job: Job) -> None:
    global _JOB
    _JOB = job
    leave_ctrl_c_to_the_parent()


def _worker_slice(bounds: tuple[int, int]) -> list[Result]:
    assert _JOB is not None
    return _run(_JOB, *bounds)


def render_pages(job: Job, jobs: int | None, on_forked: Callable[[], None],
                 record: Callable[[str, list, bool, str, tuple], None]) -> None:
    """Render (or reuse) every page of `job`, calling `record` for each.

    Pages `dependencies` knows unchanged are taken first, in this process; only the
    rest are planned and rendered, across forked workers when there are enough.

    `on_forked` runs once the workers exist (or at once when there are none):
    the place to start threads, which must not be running while we fork."""
    pending = []
    for spec in job.specs:  # here, not in workers: their results would only travel back
        known = _known(job, spec)
        if known is None:
            pending.append(spec)
        else:
            record(*known)
    job = dataclasses.replace(job, specs=pending)
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    total = len(pending)
    if workers <= 1 or total < PARALLEL_THRESHOLD or "fork" not in multiprocessing.get_all_start_methods():
        on_forked()
        for result in _run(job, 0, total):
            record(*result)
        return
    for template in sorted({spec.template for spec in job.specs if getattr(spec, "feed", None) is None}):
        job.env.get_template(template)  # compile once, before the fork
    size = max(1, -(-total // (workers * SLICES_PER_WORKER)))
    bounds = [(start, min(total, start + size)) for start in range(0, total, size)]
    # Workers' collections then leave the shared pages alone. No collection first: it
    # walked every object of the plan (0.08 s at 10,000 articles, one core idle) to
    # find ~10 unreachable ones, which freezing only keeps until the build ends.
    gc.freeze()
    renewed = SLICES_PER_GENERATION if total > RENEW_ABOVE_PAGES else None
    pool = multiprocessing.get_context("fork").Pool(workers, _worker_init, (job,), maxtasksperchild=renewed)
    try:
        on_forked()
        for results in pool.imap(_worker_slice, bounds):
            for result in results:
                record(*result)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
        gc.unfreeze()
