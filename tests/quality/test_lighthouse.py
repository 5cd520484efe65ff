"""Lighthouse 100 in all four categories on the seed site's home, article, search and district
pages: the same run as `make audit` (tools/audit.py: Lighthouse from npm, pinned, and Debian's
chromium). .ci/run installs node and npm; without them this fails, it never skips.

Performance is the one category scored from timings (blocking time, paints): on a shared,
loaded machine the same bytes score 96-100, and tests never assert timings. Here it must be
in Lighthouse's "good" band (90+); `make audit`, run on a quiet machine, holds it to 100."""

from __future__ import annotations

import importlib.util

import pytest

from sitekit import REPO

pytestmark = pytest.mark.slow


def _audit_tool():
    spec = importlib.util.spec_from_file_location("khotin_audit", REPO / "tools" / "audit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_lighthouse_scores_100_in_every_category_but_timed_performance_on_the_four_pages(tmp_path):
    tool = _audit_tool()
    results = tool.audit(tmp_path)
    assert set(results) == {"home", "article", "search", "district"}
    table = "\n".join(f"{page}: {scores}" for page, (scores, _) in results.items())
    print(table)
    floor = {"performance": 90}
    short = [f"{page}: {line}" for page, (scores, lines) in results.items()
             if any(score < floor.get(name, 100) for name, score in scores.items()) for line in lines]
    assert all(score >= floor.get(name, 100) for scores, _ in results.values() for name, score in scores.items()), \
        table + "\n" + "\n".join(short)
