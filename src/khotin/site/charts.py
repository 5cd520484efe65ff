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


def _declutter(points: list[MapPoint]) -> list[MapPoint]:
    """Name only points with room for a label (busiest first); every point keeps its <title>."""
    labelled: list[MapPoint] = []
    for point in sorted(points, key=lambda p: (-p.count, p.label)):
        if all(abs(point.x - o.x) > 60 or abs(point.y - o.y) > 18 for o in labelled):
            labelled.append(point)
    names = {id(p) for p in labelled}
    return [replace(p, show_label=id(p) in names) for p in points]


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
