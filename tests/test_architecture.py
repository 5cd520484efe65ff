"""The arrows between khotin's packages that must never exist (docs/architecture.md).

Every module under src/khotin is parsed (not imported) and each import it makes,
at the top or inside a function, is checked against the rules below.
"""

from __future__ import annotations

import ast
from pathlib import Path

import khotin

ROOT = Path(khotin.__file__).parent
LOWER_FLOORS = ("khotin.records", "khotin.front_matter", "khotin.indexes", "khotin.places", "khotin.topics",
                "khotin.vietnamese", "khotin.loader")
ENGINE_ENTRY = "khotin.build.pipeline"
ENTRY_CALLERS = ("khotin.cli", "khotin.serve")


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(source: str, module: str, is_package: bool = False) -> list[tuple[str, int]]:
    """(module imported, line) for every import in `source`; `from x import y` gives both
    x and x.y, since y may be a module."""
    found = []
    base = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parent = ".".join(base[:len(base) - node.level + 1] + ([node.module] if node.module else []))
            else:
                parent = node.module or ""
            found.append((parent, node.lineno))
            found += [(f"{parent}.{alias.name}", node.lineno) for alias in node.names]
    return found


def forbidden(module: str, imported: str) -> str | None:
    """Why `module` may not import `imported`, or None when it may."""
    if not _within(imported, "khotin") or imported == "khotin":
        return None
    if _within(imported, ENGINE_ENTRY) and not _within(module, "khotin.build") and module not in ENTRY_CALLERS:
        return "only cli and serve run build_site"
    if imported.endswith(".build_site") and module not in ENTRY_CALLERS and module != ENGINE_ENTRY:
        return "only cli and serve run build_site"
    if _within(module, "khotin.site") and (_within(imported, "khotin.build") or _within(imported, "khotin.search")):
        return "the site model is pure: it knows neither the engine nor search"
    if _within(module, "khotin.search") and _within(imported, "khotin.build"):
        return "search never imports the engine"
    if _within(module, "khotin.build.output") and not _within(imported, "khotin.build.output"):
        return "build/output knows paths, bytes and opaque keys only"
    if any(_within(module, floor) for floor in LOWER_FLOORS) and any(
            _within(imported, upper) for upper in ("khotin.site", "khotin.search", "khotin.build")):
        return "a lower floor never imports site, search or build"
    return None


def violations(modules: dict[str, tuple[str, bool]]) -> list[str]:
    """`modules`: name → (source, is a package's __init__)."""
    found = []
    for module, (source, is_package) in sorted(modules.items()):
        for imported, line in imports(source, module, is_package):
            reason = forbidden(module, imported)
            if reason:
                found.append(f"{module}:{line} imports {imported}: {reason}")
    return sorted(set(found))


def khotin_modules() -> dict[str, tuple[str, bool]]:
    return {module_name(path): (path.read_text(encoding="utf-8"), path.name == "__init__.py")
            for path in sorted(ROOT.rglob("*.py"))}


def test_no_forbidden_arrow_between_packages():
    modules = khotin_modules()
    assert {"khotin.site.urls", "khotin.search.shards", "khotin.build.pipeline",
            "khotin.build.output.staging"} <= set(modules), "the packages this test guards have moved"
    found = violations(modules)
    assert not found, "forbidden imports:\n" + "\n".join(found)


def test_each_forbidden_arrow_is_caught():
    """The checker itself: one module per rule, each making the arrow it must not."""
    planted = {
        "khotin.site.views": ("from khotin.build.record_cache import Loaded\n", False),
        "khotin.site.feeds": ("def f():\n    from khotin.search import documents\n", False),
        "khotin.search.shards": ("from khotin.build.output.reuse import digest\n", False),
        "khotin.build.output.staging": ("from khotin.errors import BuildError\n", False),
        "khotin.build.output.paths": ("from ...interrupt import leave_ctrl_c_to_the_parent\n", False),
        "khotin.records": ("import khotin.site.urls\n", False),
        "khotin.loader.importer": ("from khotin.build import pipeline\n", False),
        "khotin.publish": ("from khotin.build.pipeline import build_site\n", False),
        "khotin.search.documents": ("from khotin.site import urls\n", False),  # allowed
        "khotin.build.render_pool": ("from khotin.site import urls\nfrom khotin.build.output import reuse\n", False),
    }
    found = violations(planted)
    assert sorted({line.split(" imports ")[0] for line in found}) == [
        "khotin.build.output.paths:1", "khotin.build.output.staging:1", "khotin.loader.importer:1",
        "khotin.publish:1", "khotin.records:1", "khotin.search.shards:1", "khotin.site.feeds:2",
        "khotin.site.views:1"], found
