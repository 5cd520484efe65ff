"""The home page's charts as Chromium draws them, at a phone's and a desktop's width.

Map labels must sit inside the SVG frame and clear of every point and of each other (a label
cut at the frame's edge read "am Từ Liêm"); boxes are measured with getBBox in the SVG's units.
axe's rules that Lighthouse runs but the default axe run leaves out (a link's name must hold its
visible text; headings in order) must pass on every page type.
"""

from __future__ import annotations

import pytest

from sitekit import DESKTOP, PHONE, REQUIRED_PAGE_TYPES, page_types

pytestmark = pytest.mark.slow

MAP_GEOMETRY_JS = """() => {
  const svg = document.querySelector('.chart-map svg');
  const [x, y, width, height] = svg.getAttribute('viewBox').split(' ').map(Number);
  const box = e => { const b = e.getBBox(); return {left: b.x, top: b.y, right: b.x + b.width,
                                                   bottom: b.y + b.height}; };
  return {
    frame: {left: x, top: y, right: x + width, bottom: y + height},
    labels: [...svg.querySelectorAll('text.point-label')].map(t => ({text: t.textContent, ...box(t)})),
    points: [...svg.querySelectorAll('circle.point')].map(c => ({
        x: c.cx.baseVal.value, y: c.cy.baseVal.value, r: c.r.baseVal.value,
        name: c.closest('a').getAttribute('aria-label')})),
  };
}"""
HALO = 1.5  # the labels' 3 px stroke, half of it outside the glyphs


def _overlap(a: dict, b: dict) -> bool:
    return not (a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"] or b["bottom"] <= a["top"])


def _distance_to_box(point: dict, box: dict) -> float:
    dx = max(box["left"] - point["x"], 0, point["x"] - box["right"])
    dy = max(box["top"] - point["y"], 0, point["y"] - box["bottom"])
    return (dx * dx + dy * dy) ** 0.5


def map_label_problems(geometry: dict) -> list[str]:
    frame, labels, points = geometry["frame"], geometry["labels"], geometry["points"]
    problems = []
    for label in labels:
        halo = {k: label[k] + (HALO if k in ("right", "bottom") else -HALO)
                for k in ("left", "top", "right", "bottom")}
        if (halo["left"] < frame["left"] or halo["top"] < frame["top"] or halo["right"] > frame["right"]
                or halo["bottom"] > frame["bottom"]):
            problems.append(f"label {label['text']!r} {label} leaves the frame {frame}")
        for point in points:
            if _distance_to_box(point, halo) < point["r"]:
                problems.append(f"label {label['text']!r} covers the point {point['name']!r}")
        for other in labels:
            if other is not label and other["text"] > label["text"] and _overlap(label, other):
                problems.append(f"labels {label['text']!r} and {other['text']!r} overlap")
    return problems


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_map_labels_stay_in_the_frame_and_clear_of_points(browser, seed_site, viewport):
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        page.goto(seed_site.root.url, wait_until="load")
        page.evaluate("document.fonts.ready")
        geometry = page.evaluate(MAP_GEOMETRY_JS)
    finally:
        context.close()
    assert geometry["points"], "the home page's map has no points"
    assert geometry["labels"], "no point of the map is labelled"
    assert map_label_problems(geometry) == []


def test_the_geometry_check_sees_a_label_cut_by_the_frame_or_covering_a_point():
    frame = {"left": 0, "top": 0, "right": 400, "bottom": 320}
    points = [{"x": 20, "y": 100, "r": 6, "name": "Nam Từ Liêm"}, {"x": 60, "y": 120, "r": 5, "name": "Cầu Giấy"}]
    cut = {"text": "Nam Từ Liêm", "left": -18, "top": 108, "right": 58, "bottom": 122}
    assert any("leaves the frame" in p for p in map_label_problems({"frame": frame, "labels": [cut], "points": points}))
    covering = {"text": "Nam Từ Liêm", "left": 30, "top": 112, "right": 110, "bottom": 126}
    assert any("covers the point 'Cầu Giấy'" in p
               for p in map_label_problems({"frame": frame, "labels": [covering], "points": points}))


LIGHTHOUSE_ONLY_RULES = ("label-content-name-mismatch", "heading-order")


@pytest.mark.parametrize("kind", REQUIRED_PAGE_TYPES)
def test_link_names_hold_their_visible_text_and_headings_are_in_order(browser, seed_site, kind):
    from axe_playwright_python.sync_playwright import Axe

    path = page_types(seed_site.root.dir)[kind]
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(seed_site.root.url + path, wait_until="load")
        results = Axe().run(page, options={"runOnly": {"type": "rule", "values": list(LIGHTHOUSE_ONLY_RULES)}}).response
    finally:
        context.close()
    ran = {rule["id"] for group in ("passes", "violations", "incomplete", "inapplicable") for rule in results[group]}
    assert set(LIGHTHOUSE_ONLY_RULES) <= ran, f"axe did not run {set(LIGHTHOUSE_ONLY_RULES) - ran}"
    violations = [f"{v['id']}: {v['help']} — " + "; ".join(str(n["target"]) for n in v["nodes"][:5])
                  for v in results["violations"]]
    assert violations == [], f"{kind} page /{path}:\n" + "\n".join(violations)
