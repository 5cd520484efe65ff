"""The district map's labels, by the layout's own estimate of text extents (the browser test
tests/quality/test_charts_geometry.py measures what Chromium draws)."""

from __future__ import annotations

import math

from khotin.site import charts
from khotin.site.charts import Place


def _boxes(chart):
    for point in chart.points:
        if point.show_label:
            yield point, charts._label_box(point.label, point.label_x, point.label_y, point.label_anchor)


def test_crowded_map_labels_stay_inside_and_clear_of_every_point():
    # a city's districts a few km apart, at the corners of a spread of provinces
    places = [Place(f"Quận số {n} Từ Liêm", f"/q/{n}/", 1 + n % 5, 21.0 + (n % 4) * 0.01, 105.8 + (n // 4) * 0.01)
              for n in range(12)]
    places += [Place("Hồng Bàng", "/q/hb/", 3, 20.86, 106.68), Place("Cà Mau", "/q/cm/", 2, 9.17, 105.15),
               Place("Mường Nhé", "/q/mn/", 1, 22.18, 102.45)]
    chart = charts.district_map(places)
    labelled = list(_boxes(chart))
    assert len(labelled) >= 4
    for point, box in labelled:
        assert 0 <= box.left and box.right <= chart.width and 0 <= box.top and box.bottom <= chart.height, point
        for other in chart.points:
            nearest = (min(max(other.x, box.left), box.right), min(max(other.y, box.top), box.bottom))
            assert math.dist((other.x, other.y), nearest) >= other.radius, (point.label, other.label)
        for other, other_box in labelled:
            assert other is point or not box.overlaps(other_box), (point.label, other.label)


def test_a_point_at_the_frame_edge_keeps_its_label_inside():
    places = [Place("Nam Từ Liêm", "/a/", 5, 21.0, 105.0), Place("Thành phố Hồ Chí Minh", "/b/", 5, 10.8, 106.7)]
    chart = charts.district_map(places)
    assert all(point.show_label for point in chart.points)
    for _, box in _boxes(chart):
        assert 0 <= box.left and box.right <= chart.width
