"""Geometry for the home page's SVG timeline and district map.

Charts are laid out here as numbers and drawn by the templates as plain SVG
links, so they work with JavaScript off and are read out by screen readers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from khotin.site.views import Bar, CountLink, MapChart, MapPoint, TimelineChart

TIMELINE_WIDTH, TIMELINE_HEIGHT = 400, 180
MAP_WIDTH, MAP_HEIGHT = 400, 320


@dataclass(frozen=True)
class Place:
    label: str
    href: str
    count: int
    latitude: float | None
    longitude: float | None


def _r(value: float) -> float:
    return round(value, 1)


def timeline(years: list[tuple[int, int, str]]) -> TimelineChart:
    """Bars of reports per year, (year, count, href), oldest on the left; gap years shown empty."""
    top, bottom, side = 24.0, 28.0, 8.0
    baseline = TIMELINE_HEIGHT - bottom
    by_year = {year: (count, href) for year, count, href in years}
    span = list(range(min(by_year), max(by_year) + 1)) if by_year else []
    peak = max((count for count, _ in by_year.values()), default=1) or 1
    slot = (TIMELINE_WIDTH - 2 * side) / max(1, len(span))
    width = max(2.0, min(64.0, slot * 0.7))
    bars = []
    for index, year in enumerate(span):
        if year not in by_year:
            continue
        count, href = by_year[year]
        height = max(2.0, (baseline - top) * count / peak)
        x = side + index * slot + (slot - width) / 2
        bars.append(Bar(
            x=_r(x), y=_r(baseline - height), width=_r(width), height=_r(height),
            label_x=_r(x + width / 2), href=href, label=str(year), count=count,
            title=f"Năm {year}: {count} bài",
        ))
    description = ", ".join(f"năm {b.label}: {b.count} bài" for b in bars)
    return TimelineChart(TIMELINE_WIDTH, TIMELINE_HEIGHT, baseline, tuple(bars),
                         f"Số bài theo năm — {description}." if bars else "Chưa có bài.")


# The labels' text, as khotin.css draws it: 12 px sans in the SVG's own units (so the same
# at every viewport width), with a 3 px halo. Widths are estimated generously per character
# (Vietnamese capitals carry marks above the line), so a label drawn fits the box planned.
LABEL_SIZE = 12.0
LABEL_CHAR = 0.64 * LABEL_SIZE
LABEL_ASCENT, LABEL_DESCENT = 1.05 * LABEL_SIZE, 0.3 * LABEL_SIZE
LABEL_PAD = 2.0  # halo and a little air, around each label box
FRAME_PAD = 2.0


@dataclass(frozen=True)
class _Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: "_Box") -> bool:
        return not (self.right <= other.left or other.right <= self.left
                    or self.bottom <= other.top or other.bottom <= self.top)

    def touches_circle(self, x: float, y: float, radius: float) -> bool:
        nearest_x = min(max(x, self.left), self.right)
        nearest_y = min(max(y, self.top), self.bottom)
        return math.hypot(x - nearest_x, y - nearest_y) < radius + 1


def _label_box(label: str, x: float, baseline: float, anchor: str) -> _Box:
    width = len(label) * LABEL_CHAR
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return _Box(left - LABEL_PAD, baseline - LABEL_ASCENT - LABEL_PAD,
                left + width + LABEL_PAD, baseline + LABEL_DESCENT + LABEL_PAD)


def _label_spots(point: MapPoint) -> list[tuple[float, float, str]]:
    """Where a point's label may go, in order of preference: below, above, right, left.
    Below and above, a label that would cross the frame's side slides along it (still
    under or over its point)."""
    x, y, r = point.x, point.y, point.radius
    half = len(point.label) * LABEL_CHAR / 2 + LABEL_PAD
    low, high = FRAME_PAD + half, MAP_WIDTH - FRAME_PAD - half
    centre = min(max(x, low), high) if low <= high else x
    if abs(centre - x) > half:  # the label would no longer be under its point
        centre = x
    middle = y + LABEL_ASCENT / 2 - LABEL_DESCENT / 2
    return [(centre, y + r + 4 + LABEL_ASCENT, "middle"), (centre, y - r - 4 - LABEL_DESCENT, "middle"),
            (x + r + 5, middle, "start"), (x - r - 5, middle, "end")]


def _declutter(points: list[MapPoint]) -> list[MapPoint]:
    """Name the points whose label fits (busiest first): inside the frame, clear of every
    point and of the labels already placed. Every point keeps its <title> either way."""
    frame = _Box(FRAME_PAD, FRAME_PAD, MAP_WIDTH - FRAME_PAD, MAP_HEIGHT - FRAME_PAD)
    placed: list[_Box] = []
    spots: dict[int, tuple[float, float, str]] = {}
    for index in sorted(range(len(points)), key=lambda i: (-points[i].count, points[i].label)):
        point = points[index]
        for x, baseline, anchor in _label_spots(point):
            box = _label_box(point.label, x, baseline, anchor)
            inside = (frame.left <= box.left and box.right <= frame.right
                      and frame.top <= box.top and box.bottom <= frame.bottom)
            if (inside and not any(box.overlaps(other) for other in placed)
                    and not any(box.touches_circle(p.x, p.y, p.radius) for p in points)):
                placed.append(box)
                spots[index] = (_r(x), _r(baseline), anchor)
                break
    return [replace(p, show_label=i in spots, label_x=spots[i][0], label_y=spots[i][1], label_anchor=spots[i][2])
            if i in spots else replace(p, show_label=False) for i, p in enumerate(points)]


def _separate(points: list[MapPoint], rounds: int = 12) -> list[MapPoint]:
    """Push overlapping points apart (neighbouring districts of one city sit a few
    kilometres apart) so every point can be seen and clicked; drawn largest first,
    so a small point is never under a big one. Deterministic: fixed order, no randomness."""
    if len(points) > 400:  # a crowded national map: sizes shrink instead
        return sorted(points, key=lambda p: (-p.radius, p.label))
    xy = [[p.x, p.y] for p in points]
    for _ in range(rounds):
        moved = False
        for i in range(len(points)):
            for j in range(i + 1, len(points)):
                dx, dy = xy[j][0] - xy[i][0], xy[j][1] - xy[i][1]
                gap = points[i].radius + points[j].radius + 2
                distance = math.hypot(dx, dy)
                if distance >= gap:
                    continue
                if distance < 1e-6:
                    dx, dy, distance = 1.0, 0.0, 1.0
                push = (gap - distance) / 2
                xy[i][0] -= dx / distance * push
                xy[i][1] -= dy / distance * push
                xy[j][0] += dx / distance * push
                xy[j][1] += dy / distance * push
                moved = True
        if not moved:
            break
    placed = [replace(p, x=_r(min(max(x, p.radius), MAP_WIDTH - p.radius)),
                      y=_r(min(max(y, p.radius), MAP_HEIGHT - p.radius)))
              for p, (x, y) in zip(points, xy)]
    return sorted(placed, key=lambda p: (-p.radius, p.label))


def district_map(places: list[Place]) -> MapChart:
    """Districts as points at their gazetteer coordinates (equirectangular, north up)."""
    placed = [p for p in places if p.latitude is not None and p.longitude is not None]
    unplaced = tuple(CountLink(p.href, p.label, p.count) for p in places if p not in placed)
    margin = 28.0
    points: list[MapPoint] = []
    if placed:
        lats = [p.latitude for p in placed]
        lons = [p.longitude for p in placed]
        squash = math.cos(math.radians(sum(lats) / len(lats)))
        span_x = max((max(lons) - min(lons)) * squash, 0.01)
        span_y = max(max(lats) - min(lats), 0.01)
        scale = min((MAP_WIDTH - 2 * margin) / span_x, (MAP_HEIGHT - 2 * margin) / span_y)
        offset_x = (MAP_WIDTH - span_x * scale) / 2
        offset_y = (MAP_HEIGHT - span_y * scale) / 2
        peak = max(p.count for p in placed) or 1
        for place in placed:
            x = offset_x + (place.longitude - min(lons)) * squash * scale
            y = offset_y + (max(lats) - place.latitude) * scale
            radius = 4 + 10 * math.sqrt(place.count / peak)
            points.append(MapPoint(_r(x), _r(y), _r(radius), place.href, place.label, place.count,
                                   f"{place.label}: {place.count} bài"))
        points = _declutter(_separate(points))
    description = "Bản đồ các quận, huyện có bài: " + (
        ", ".join(f"{p.label} ({p.count})" for p in points) if points else "chưa có") + "."
    return MapChart(MAP_WIDTH, MAP_HEIGHT, tuple(points), unplaced, description)
