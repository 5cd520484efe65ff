"""`khotin build`: content/ + templates/ + khotin.toml → a static site, atomically.

The steps of one build, in the order `build_site` runs them:

1. read the config and list the content files;
2. take the lock, undo what an interrupted build left, read the manifest (once);
3. fingerprint every input; when nothing changed and nobody touched the output, stop;
4. load the records (the record cache: only new or changed files are parsed;
   their bodies go to the body store) and start the search job with them, in a
   process of its own (forked before the loading); it runs
   beside the rest, or, when big, before it (`search_job`);
5. group the records into indexes (the group cache) and plan the site's pages
   (on a tree made from nothing, a forked child makes the article folders meanwhile);
6. find the pages whose records and environment did not change (`dependencies`);
7. render the rest in forked workers straight into the new tree (`render_pool`);
8. add the plain files, the static files and the search bundle;
9. swap the new tree in whole (`output.staging`), then write the manifest (once):
    the tree `staging` describes, the fingerprint, and what each page was made from.

On any failure the previous site is untouched. A template set without
`search.html`, or `search = false` in khotin.toml, gets neither the search
page, its nav link nor the bundle.
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import khotin
from khotin.build.bodies import BodyStore
from khotin.build.fingerprints import FileHash, content_digests, remember
from khotin.build.output import OutputError, paths, staging
from khotin.build.search_job import SearchRunner, SearchSettings
from khotin.errors import BuildError, RecordError
from khotin.site.config import SiteConfig, load_config
from khotin.site.loaded import Loaded

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


# Libraries whose upgrade can change pages or the search index without any file of ours changing.
_OUTPUT_LIBRARIES = ("jinja2", "markdown", "vietnamadminunits", "python-slugify", "pyvi")


def _code_key() -> bytes:
    """Hash of khotin's own code and the libraries that shape its output (what the
    search index depends on besides the records)."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256()
    for path in sorted(Path(khotin.__file__).parent.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    for library in _OUTPUT_LIBRARIES:
        try:
            digest.update(f"{library}={version(library)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{library}\0".encode())
    return digest.digest()


def _environment_key(templates: Path, config: SiteConfig, code_key: bytes) -> bytes:
    """Hash of everything a page depends on besides its view: config, templates, khotin's own code."""
    digest = hashlib.sha256(repr(config).encode() + code_key)
    for path in _files_under(templates):
        digest.update(f"t\0{path.name}\0{path}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


def _fingerprint(content_files: list[Path], digests: list[str], environment_key: bytes) -> str:
    """Hash of everything the output depends on."""
    digest = hashlib.sha256(environment_key)
    for path, hashed in zip(content_files, digests):
        digest.update(f"c\0{path.name}\0{path}\0{hashed}".encode())
    return digest.hexdigest()


def _slug_line(path: Path) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if line.startswith("slug:"):
            return number
    return None


def load_records(content_files: list[Path], digests: list[str] | None, cache: Path | None, store: BodyStore,
                 jobs: int | None = None, texts: bool = True) -> tuple[list[Loaded], list[FileHash] | None]:
    """Every record (bodies in `store`, with their plain text if `texts`), or the first bad one
    as RecordError (file:line: reason); with `digests` None, each file's hash as well (`read_records`)."""
    # Imported here: YAML, Markdown and the parsers cost a no-change rebuild ~50 ms it never uses.
    from khotin.build.record_cache import read_records

    loaded, hashes = read_records(content_files, digests, cache, store, jobs, texts)
    owner: dict[str, Path] = {}
    for path, record in zip(content_files, (item.record for item in loaded)):
        if not _SAFE_SLUG.match(record.slug):
            raise RecordError(path, f"slug {record.slug!r} may hold only letters, digits, '.', '_' and '-'",
                              _slug_line(path))
        if record.slug in owner:
            raise RecordError(path, f"slug {record.slug!r} is already used by {owner[record.slug]}",
                              _slug_line(path))
        owner[record.slug] = path
    return loaded, hashes


def build_site(content: Path, templates: Path, out: Path, base_url: str | None = None,
               config_path: Path | None = None, jobs: int | None = None) -> BuildReport:
    """Raises RecordError (file:line: reason) / BuildError; on any failure the previous out/ is untouched."""
    started = time.perf_counter()
    content, templates, out = _checked_folders(Path(content), Path(templates), Path(out))
    config = load_config(_config_path(content, config_path), base_url)
    # By name: one folder, so the same order as by Path, without Path's costly comparisons
    content_files = sorted((p for p in content.glob("*.md") if not p.name.startswith(".")), key=lambda p: p.name)
    code_key = _code_key()
    environment_key = _environment_key(templates, config, code_key)
    cache = paths.cache_dir(out)
    try:
        with paths.locked(out), _fewer_collections():
            staging.recover(out.absolute())
            manifest = paths.read_manifest(out.absolute())
            digests = fingerprint = None  # a first build: the loading workers hash each file as they read it
            if manifest:
                digests = content_digests(content_files, cache / "digests")
                fingerprint = _fingerprint(content_files, digests, environment_key)
                if staging.is_current(out.absolute(), fingerprint, manifest):
                    files = manifest["files"]
                    count = sum(1 for name in files if name.endswith(".html"))
                    return BuildReport(count, 0, len(files), 0, time.perf_counter() - started, out)

            store = BodyStore(cache / "markdown")
            search = None
            if config.search and (templates / "search.html").is_file():
                search = SearchRunner(SearchSettings(store, config.search_shards, cache / "search", code_key))
                search.start_early()
            try:
                loaded, digests = _load(content_files, digests, cache, store, jobs, search is not None)
                if fingerprint is None:
                    fingerprint = _fingerprint(content_files, digests, environment_key)
                if search is not None:
                    search.hand_over(loaded, digests)
                    search.before_pages(len(loaded))
                with staging.Staging(out, manifest) as stage:
                    inputs = _render_pages(stage, manifest, loaded, digests, templates, config, cache,
                                           (environment_key, code_key), jobs, search, store)
                    _put_files(stage, templates, search)
                    count = sum(1 for name in stage.entries if name.endswith(".html"))
                    result = stage.finish()
                paths.write_manifest(out.absolute(), {"fingerprint": fingerprint, **result.tree, "inputs": inputs})
            finally:
                if search is not None:
                    search.close()
    except OutputError as exc:
        raise BuildError(str(exc)) from None
    return BuildReport(count, result.written, result.unchanged, result.removed,
                       time.perf_counter() - started, out)


def _checked_folders(content: Path, templates: Path, out: Path) -> tuple[Path, Path, Path]:
    if not content.is_dir():
        raise BuildError(f"{content}: content folder not found")
    if not templates.is_dir():
        raise BuildError(f"{templates}: templates folder not found")
    if out.absolute() in (content.absolute(), templates.absolute(), Path.cwd().absolute()):
        raise BuildError(f"{out}: refusing to build into a source folder")
    return content, templates, out


def _load(content_files: list[Path], digests: list[str] | None, cache: Path, store: BodyStore,
          jobs: int | None, texts: bool) -> tuple[list[Loaded], list[str]]:
    """Every record, and each content file's hash: `digests` when the build had them, else
    the ones the loading workers took as they read each file (kept for the next build)."""
    try:
        loaded, hashes = load_records(content_files, digests, cache / "records.pickle", store, jobs, texts)
    finally:
        store.freeze()  # read only from here on; workers open their own: a handle must not cross the fork
    if digests is None:
        remember(content_files, hashes or [], cache / "digests")
        digests = [digest for _, digest in hashes or []]
    return loaded, digests


@contextmanager
def _fewer_collections():
    """Collect cycles less often while a build runs (forked workers inherit it).

    A build makes a few long-lived structures of hundreds of thousands of objects
    (records, manifests, the search bundle's file list), and with the default
    thresholds the collector walked all of them again and again while they were
    read: ~0.1 s of a 1.3 s one-record edit at 10,000 articles. What a build
    discards is mostly acyclic and freed at once all the same."""
    before = gc.get_threshold()
    gc.set_threshold(50_000, 20, 10)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _render_pages(stage: staging.Staging, manifest: dict, loaded: list[Loaded], digests: list[str], templates: Path,
                  config: SiteConfig, cache: Path, keys: tuple[bytes, bytes], jobs: int | None,
                  search: SearchRunner | None, store: BodyStore) -> dict:
    """Group, plan and render every page into the new tree; returns what the pages were
    made from, for the next build's `dependencies` (`manifest`: the last build's).

    `keys`: the environment key (pages) and the code key (search, indexes)."""
    # Imported here, not at the top: a no-change rebuild never needs them (Jinja2,
    # Markdown, the gazetteer), and it has one second in all.
    from khotin.build import dependencies, render_pool
    from khotin.build.group_cache import grouped
    from khotin.places.gazetteer import district_by_code
    from khotin.site import environment, urls
    from khotin.site.plan import plan_site

    environment_key, code_key = keys
    if not stage.spare.files:  # a tree made from nothing (from the spare, an edit has its folders)
        stage.make_folders_aside([os.path.dirname(urls.output_file(urls.article(item.record.slug)))
                                  for item in loaded])
    groups = grouped([item.record for item in loaded], cache / "indexes", code_key, district_by_code)
    indexes = groups.indexes
    plan = plan_site(config, indexes, {item.record.slug: item for item in loaded}, groups.district_info,
                     search is not None)
    env = environment.environment(templates, cache / "jinja")
    # Feeds first: at ~2 ms each (pages ~0.3 ms) they made the last slice of the render
    # the longest, one core working alone for a second while the other idled.
    rendered = tuple(spec for spec in plan.files if spec.feed is not None) + plan.pages
    page_key = hashlib.sha256(environment_key + repr(plan.site).encode()).digest()
    inputs = dependencies.page_inputs(page_key, indexes, groups.shape,
                                      {item.record.slug: digest for item, digest in zip(loaded, digests)})
    unchanged = dependencies.unchanged_pages(manifest, inputs, rendered)
    if len(unchanged) < len(plan.pages) // 2:
        plan.precompute()  # most pages will be planned: make the shared cards once, before the fork
    stage.folders_made()
    job = render_pool.Job(env, templates, plan.site, rendered, stage.placer, page_key, store, unchanged)
    try:
        render_pool.render_pages(job, jobs, search.start_late if search else lambda: None, stage.record)
    finally:
        store.close()
    for spec in plan.files:
        if spec.feed is None:
            stage.put(spec.path, spec.data)
    return inputs.to_json(stage.depends)


def _put_files(stage: staging.Staging, templates: Path, search: SearchRunner | None) -> None:
    """The static files, then the search bundle."""
    for name, data in _static_files(templates).items():
        if name not in stage.entries:  # a page the site makes (robots.txt…) wins over a file of the same name
            stage.put(name, data)
    if search is not None:
        _put_search_files(stage, search.result())


def _static_files(templates: Path) -> dict[str, bytes]:
    """templates/static/ under static/, and templates/root/ at the site's root: browsers
    ask every host for /favicon.ico, whatever icon the pages link."""
    files = {}
    for folder, prefix in ((templates / "static", "static/"), (templates / "root", "")):
        if folder.is_dir():
            files.update({f"{prefix}{p.relative_to(folder).as_posix()}": p.read_bytes() for p in _files_under(folder)})
    return files


def _put_search_files(stage: staging.Staging, files: dict) -> None:
    for name, data in files.items():  # bytes, or a file by its hash (a postings file the writer may hold)
        if isinstance(data, bytes):
            stage.put(name, data)
        else:
            stage.put_known(name, data.digest, data.load)
