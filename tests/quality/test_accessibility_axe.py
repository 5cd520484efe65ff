"""axe-core in chromium: no serious or critical violation on any page type of the seed site."""

from __future__ import annotations

import pytest

from sitekit import REQUIRED_PAGE_TYPES, page_types

pytestmark = pytest.mark.slow

BLOCKING = ("serious", "critical")


@pytest.fixture(scope="module")
def axe_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    yield context.new_page()
    context.close()


def test_every_page_type_exists(seed_site):
    missing = set(REQUIRED_PAGE_TYPES) - set(page_types(seed_site.root.dir))
    assert not missing, f"the seed site has no page of type {sorted(missing)}"


@pytest.mark.parametrize("kind", REQUIRED_PAGE_TYPES + ("archive index", "province"))
def test_page_type_has_no_serious_axe_violation(axe_page, seed_site, kind):
    from axe_playwright_python.sync_playwright import Axe

    types = page_types(seed_site.root.dir)
    if kind not in types:
        assert kind not in REQUIRED_PAGE_TYPES, f"no {kind} page"
        pytest.skip(f"the site has no optional {kind} page")
    axe_page.goto(seed_site.root.url + types[kind], wait_until="load")
    results = Axe().run(axe_page).response
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(
            " ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
            for node in v["nodes"][:5])
        for v in results["violations"] if v.get("impact") in BLOCKING
    ]
    assert blocking == [], f"{kind} page /{types[kind]}:\n" + "\n".join(blocking)
