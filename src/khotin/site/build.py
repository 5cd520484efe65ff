"""`khotin build`: content/ + templates/ + khotin.toml → a static site, atomically.

Records are loaded without their bodies (their HTML waits in the body store),
the site is planned, and workers render every page into a new tree beside the
old one, linking in each page whose view did not change; `writer` swaps the
new tree in whole. Before any of that, a fingerprint of every input (records,
templates, config, khotin's own code) lets an unchanged rebuild stop early.

The Pagefind search bundle joins the same atomic tree; a template set without
`search.html`, or `search = false` in khotin.toml, gets neither the search
page, its nav link nor the bundle.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

import khotin
from khotin.errors import BuildError, RecordError
from khotin.site import outdir, writer
from khotin.site.config import SiteConfig, load_config
from khotin.site.loading import Loaded, read_records
from khotin.site.markdown import BodyStore

CONFIG_NAME = "khotin.toml"
_SAFE_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class BuildReport:
    pages: int
    written: int
    unchanged: int
    removed: int
    seconds: float
    out: Path


def _config_path(content: Path, config_path: Path | None) -> Path | None:
    if config_path is not None:
        if not config_path.is_file():
            raise BuildError(f"{config_path}: configuration file not found")
        return config_path
    for candidate in (Path(CONFIG_NAME), content.parent / CONFIG_NAME):
        if candidate.is_file():
            return candidate
    return None


def _files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _code_key() -> bytes:
    """Hash of khotin's own code (what the search index depends on besides the records)."""
    digest = hashlib.sha256()
    for path in sorted(Path(khotin.__file__).parent.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.digest()


def _environment_key(templates: Path, config: SiteConfig, code_key: bytes) -> bytes:
    """Hash of everything a page depends on besides its view: config, templates, khotin's own code."""
    digest = hashlib.sha256(repr(config).encode() + code_key)
    for path in _files_under(templates):
        digest.update(f"t\0{path.name}\0{path}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


def _fingerprint(content_files: list[Path], environment_key: bytes) -> tuple[str, list[str]]:
    """Hash of everything the output depends on, and each content file's own hash."""
    digest = hashlib.sha256(environment_key)
    digests = []
    for path in content_files:
        digests.append(hashlib.sha256(path.read_bytes()).hexdigest())
        digest.update(f"c\0{path.name}\0{path}\0{digests[-1]}".encode())
    return digest.hexdigest(), digests


def _slug_line(path: Path) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if line.startswith("slug:"):
            return number
    return None


def load_records(content_files: list[Path], digests: list[str], cache: Path | None, store: BodyStore,
                 jobs: int | None = None) -> list[Loaded]:
    """Every record (bodies in `store`), or the first bad one as RecordError (file:line: reason)."""
    loaded = read_records(content_files, digests, cache, store, jobs)
    owner: dict[str, Path] = {}
    for path, record in zip(content_files, (item.record for item in loaded)):
        if not _SAFE_SLUG.match(record.slug):
            raise RecordError(path, f"slug {record.slug!r} may hold only letters, digits, '.', '_' and '-'",
                              _slug_line(path))
        if record.slug in owner:
            raise RecordError(path, f"slug {record.slug!r} is already used by {owner[record.slug]}",
                              _slug_line(path))
        owner[record.slug] = path
    return loaded


def _static_files(templates: Path) -> dict[str, bytes]:
    static = templates / "static"
    if not static.is_dir():
        return {}
    return {f"static/{p.relative_to(static).as_posix()}": p.read_bytes() for p in _files_under(static)}


def build_site(content: Path, templates: Path, out: Path, base_url: str | None = None,
               config_path: Path | None = None, jobs: int | None = None) -> BuildReport:
    """Raises RecordError (file:line: reason) / BuildError; on any failure the previous out/ is untouched."""
    started = time.perf_counter()
    content, templates, out = Path(content), Path(templates), Path(out)
    if not content.is_dir():
        raise BuildError(f"{content}: content folder not found")
    if not templates.is_dir():
        raise BuildError(f"{templates}: templates folder not found")
    if out.absolute() in (content.absolute(), templates.absolute(), Path.cwd().absolute()):
        raise BuildError(f"{out}: refusing to build into a source folder")
    config = load_config(_config_path(content, config_path), base_url)
    content_files = sorted(p for p in content.glob("*.md") if not p.name.startswith("."))
    code_key = _code_key()
    environment_key = _environment_key(templates, config, code_key)
    fingerprint, digests = _fingerprint(content_files, environment_key)
    cache = outdir.cache_dir(out)
    with outdir.locked(out):
        writer.recover(out.absolute())
        if writer.is_current(out.absolute(), fingerprint):
            files = outdir.read_manifest(out.absolute())["files"]
            count = sum(1 for name in files if name.endswith(".html"))
            return BuildReport(count, 0, len(files), 0, time.perf_counter() - started, out)
        with writer.Staging(out) as stage:
            count = _render_site(stage, content_files, digests, templates, config, cache,
                                 (environment_key, code_key), jobs)
            result = stage.finish(fingerprint)
    return BuildReport(count, result.written, result.unchanged, result.removed,
                       time.perf_counter() - started, out)


def _render_site(stage: writer.Staging, content_files: list[Path], digests: list[str], templates: Path,
                 config: SiteConfig, cache: Path, keys: tuple[bytes, bytes], jobs: int | None) -> int:
    """Put every file of the site into `stage`; returns the number of HTML pages.

    `keys`: the environment key (pages) and the code key (search)."""
    environment_key, code_key = keys
    # Imported here, not at the top: a no-change rebuild never needs them (Jinja2,
    # Markdown, Pagefind, the gazetteer), and it has one second in all.
    from khotin.indexes import build_indexes
    from khotin.places.gazetteer import district_by_code
    from khotin.site import parallel, render
    from khotin.site.sections import plan_site

    store = BodyStore(cache / "markdown")
    try:
        loaded = load_records(content_files, digests, cache / "records.pickle", store, jobs)
    finally:
        store.close()  # workers open their own; a handle must not cross the fork
    indexes = build_indexes([item.record for item in loaded])
    has_search = config.search and (templates / "search.html").is_file()
    plan = plan_site(config, indexes, {item.record.slug: item for item in loaded}, district_by_code, has_search)
    env = render.environment(templates, cache / "jinja")
    search = _SearchThread(_SearchInputs(content_files, digests, loaded, config.search_shards, cache / "search",
                                         code_key, jobs)) if has_search else None
    rendered = plan.pages + tuple(spec for spec in plan.files if spec.feed is not None)
    job = parallel.Job(env, templates, plan.site, rendered, stage.placer,
                       hashlib.sha256(environment_key + repr(plan.site).encode()).digest(), store)
    try:
        parallel.render_pages(job, jobs, search.start if search else lambda: None, stage.record)
    finally:
        store.close()
    for spec in plan.files:
        if spec.feed is None:
            stage.put(spec.path, spec.data)
    for name, data in _static_files(templates).items():
        stage.put(name, data)
    if search is not None:
        for name, data in search.result().items():
            stage.put(name, data)
    return sum(1 for name in stage.entries if name.endswith(".html"))


@dataclass(frozen=True)
class _SearchInputs:
    paths: list[Path]
    digests: list[str]
    loaded: list[Loaded]
    shards: int
    cache: Path
    code_key: bytes
    jobs: int | None


class _SearchThread(threading.Thread):
    """Pagefind indexes in processes of its own, one per shard; started while the
    pages render, this thread mostly waits on them, so it costs the renderers little."""

    def __init__(self, inputs: _SearchInputs) -> None:
        super().__init__(name="khotin-search", daemon=True)
        self._inputs = inputs
        self._files: dict[str, bytes] | None = None
        self._error: BaseException | None = None

    def run(self) -> None:
        from khotin.records import read_body
        from khotin.site import pages
        from khotin.site.search import search_document
        from khotin.site.search_shards import SearchSource, sharded_bundle

        inputs = self._inputs
        urls = [pages.article(item.record.slug) for item in inputs.loaded]

        def document(number: int):
            record = inputs.loaded[number].record
            return search_document(replace(record, body=read_body(inputs.paths[number])), urls[number])

        try:
            self._files = sharded_bundle([SearchSource(url, digest) for url, digest in zip(urls, inputs.digests)],
                                         document, shards=inputs.shards, cache=inputs.cache,
                                         key=inputs.code_key, jobs=inputs.jobs)
        except BaseException as exc:  # handed to the building thread by result()
            self._error = exc

    def result(self) -> dict[str, bytes]:
        self.join()
        if self._error is not None:
            raise self._error
        assert self._files is not None
        return self._files
