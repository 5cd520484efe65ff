"""The golden site: a checked-in expected tree, compared file by file.

Regenerate after an intended change of output (then read the diff):

    KHOTIN_REGOLD=1 .venv/bin/pytest tests/site/test_golden.py

`KHOTIN_REGOLD=seeds` first re-imports seeds/ into tests/golden/content/ with
`khotin import`, so the golden site follows the seed records.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from khotin.build.pipeline import build_site
from tests.site.fixtures import REPO, TEMPLATES
from tests.site.sitecheck import tree

GOLDEN = REPO / "tests" / "golden"
CONTENT = GOLDEN / "content"
EXPECTED = GOLDEN / "site"
CONFIG = GOLDEN / "khotin.toml"
# Stylesheet and scripts are design, not output logic; the Pagefind bundle is
# binary and has tests of its own (tests/search): all are left out of the comparison.
SKIPPED = ("static/", "search-index/")


def _import_seeds() -> None:
    from khotin.loader.importer import import_seeds

    shutil.rmtree(CONTENT, ignore_errors=True)
    import_seeds(REPO / "seeds", CONTENT)


def _built(tmp_path: Path) -> dict[str, bytes]:
    out = tmp_path / "site"
    build_site(CONTENT, TEMPLATES, out, config_path=CONFIG)
    return {name: data for name, data in tree(out).items() if not name.startswith(SKIPPED)}


def test_golden_site(tmp_path):
    mode = os.environ.get("KHOTIN_REGOLD", "")
    if mode == "seeds":
        _import_seeds()
    built = _built(tmp_path)
    if mode:
        shutil.rmtree(EXPECTED, ignore_errors=True)
        for name, data in built.items():
            (EXPECTED / name).parent.mkdir(parents=True, exist_ok=True)
            (EXPECTED / name).write_bytes(data)
    expected = tree(EXPECTED)
    assert sorted(built) == sorted(expected), "pages added or missing; regenerate if intended"
    for name in sorted(expected):
        if name.endswith((".html", ".xml", ".txt", ".json")):  # as text: a readable diff
            assert built[name].decode("utf-8") == expected[name].decode("utf-8"), name
        else:
            assert built[name] == expected[name], name
