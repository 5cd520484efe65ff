"""`khotin build`: content/ + templates/ + khotin.toml → a static site, atomically.

Every page is rendered in memory (bodies come from a cache, so this is cheap),
then `writer` compares with what is on disk and swaps in a new tree only when
something changed. Before any of that, a fingerprint of every input (records,
templates, config, khotin's own code) lets an unchanged rebuild stop early.

The Pagefind search bundle joins the same atomic tree; a template set without
`search.html` gets neither the search page, its nav link nor the bundle.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass
from pathlib import Path

import khotin
from khotin.errors import BuildError, RecordError
from khotin.records import Record, read_record
from khotin.site import pages, render, writer
from khotin.site.config import SiteConfig, load_config
from khotin.site.markdown import render_bodies
from khotin.site.search import index_bundle, search_document
from khotin.site.sections import plan_site

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


def _fingerprint(content_files: list[Path], templates: Path, config: SiteConfig) -> str:
    """Hash of everything the output depends on, khotin's own code included."""
    digest = hashlib.sha256(repr(config).encode())
    code_root = Path(khotin.__file__).parent
    for path in sorted(code_root.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    for group, files in (("c", content_files), ("t", _files_under(templates))):
        for path in files:
            digest.update(f"{group}\0{path.name}\0{path}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _slug_line(path: Path) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if line.startswith("slug:"):
            return number
    return None


def load_records(content_files: list[Path]) -> list[Record]:
    """Every record, or the first bad one as RecordError (file:line: reason)."""
    records: list[Record] = []
    owner: dict[str, Path] = {}
    for path in content_files:
        record = read_record(path)
        if not _SAFE_SLUG.match(record.slug):
            raise RecordError(path, f"slug {record.slug!r} may hold only letters, digits, '.', '_' and '-'",
                              _slug_line(path))
        if record.slug in owner:
            raise RecordError(path, f"slug {record.slug!r} is already used by {owner[record.slug]}",
                              _slug_line(path))
        owner[record.slug] = path
        records.append(record)
    return records


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
    fingerprint = _fingerprint(content_files, templates, config)
    cache = writer.state_dir(out)
    with writer.locked(out):
        writer.recover(out.absolute())
        if writer.is_current(out.absolute(), fingerprint):
            files = writer.read_manifest(out.absolute())["files"]
            count = sum(1 for name in files if name.endswith(".html"))
            return BuildReport(count, 0, len(files), 0, time.perf_counter() - started, out)
        files = _render_site(content_files, templates, config, cache, jobs)
        result = writer.write_tree(out, files, fingerprint)
    count = sum(1 for name in files if name.endswith(".html"))
    return BuildReport(count, result.written, result.unchanged, result.removed,
                       time.perf_counter() - started, out)


def _render_site(content_files: list[Path], templates: Path, config: SiteConfig, cache: Path,
                 jobs: int | None) -> dict[str, bytes]:
    from khotin.indexes import build_indexes
    from khotin.places.gazetteer import district_by_code

    records = load_records(content_files)
    indexes = build_indexes(records)
    bodies = render_bodies({r.slug: r.body for r in records}, cache / "markdown", jobs)
    plan = plan_site(config, indexes, bodies, district_by_code, (templates / "search.html").is_file())
    env = render.environment(templates, cache / "jinja")
    files: dict[str, bytes] = {}
    for spec in plan.pages:
        files[pages.output_file(spec.path)] = render.render_page(
            env, templates, spec.template, spec.path, site=plan.site, page=spec.view)
    files.update({spec.path: spec.data for spec in plan.files})
    files.update(_static_files(templates))
    if (templates / "search.html").is_file():
        files.update(index_bundle([search_document(r, pages.article(r.slug)) for r in records]))
    return files
