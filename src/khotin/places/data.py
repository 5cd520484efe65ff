"""The gazetteer table, read once per process from vietnamadminunits' data.

The package ships the pre-2025 units (63 provinces, ~700 districts with official
codes and coordinates) in an SQLite file and the 2025 conversion (old ward →
new commune/ward) as JSON; we read both directly rather than through its
address parser, which is built for one address at a time.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from khotin.vietnamese.collation import sort_key
from khotin.vietnamese.fold import modern_tones
from khotin.vietnamese.slugs import slugify, unique_slug




@dataclass(frozen=True)
class District:
    code: str
    name: str
    kind: str
    province: str
    province_code: str
    slug: str
    latitude: float | None
    longitude: float | None
    successors: tuple[str, ...]


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    full_name: str
    slug: str
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class Gazetteer:
    districts: dict[str, District]            # code → district
    provinces: dict[str, Province]            # short name → province
    district_names: dict[str, tuple[str, ...]]  # name key → codes, in code order
    province_names: dict[str, str]            # name key (short or full) → short name


def name_key(name: str) -> str:
    """The form names are compared in: modern tone placement, case-folded."""
    return " ".join(modern_tones(name).casefold().split())


def _package_data() -> Path:
    """Found without importing the package: its import compiles the address
    parser's patterns, most of a second that a build does not need."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("vietnamadminunits is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def _successors(data: Path, conn: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    """Old district key → names of the 2025 communes/wards that took its wards."""
    ward_names = {
        (row["provinceKey"], row["wardKey"]): row["ward"]
        for row in conn.execute("SELECT provinceKey, wardKey, ward FROM admin_units")
    }
    converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
    found: dict[str, set[str]] = defaultdict(set)

    def old_district(old_key: str) -> str:
        province, district, _ = old_key.split("_", 2)
        return f"{province}_{district}"

    for new_province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, old_keys in wards.items():
            name = ward_names.get((new_province, new_ward))
            if name:
                for old_key in old_keys:
                    found[old_district(old_key)].add(name)
    for new_province, splits in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, new_wards in splits.items():
            for new_ward in new_wards:
                name = ward_names.get((new_province, new_ward["newWardKey"]))
                if name:
                    found[old_district(old_key)].add(name)
    return {key: tuple(sorted(names, key=sort_key)) for key, names in found.items()}


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    data = _package_data()
    conn = sqlite3.connect(f"file:{data / 'dataset.db'}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        rows = conn.execute(
            "SELECT DISTINCT province, provinceShort, provinceCode, provinceLat, provinceLon,"
            " provinceKey, districtShort, districtType, districtCode, districtLat, districtLon,"
            " districtKey FROM admin_units_legacy ORDER BY districtCode"
        ).fetchall()
        successors = _successors(data, conn)
    finally:
        conn.close()

    provinces: dict[str, Province] = {}
    province_names: dict[str, str] = {}
    for row in rows:
        short = row["provinceShort"]
        if short not in provinces:
            provinces[short] = Province(
                row["provinceCode"], short, row["province"], slugify(short),
                row["provinceLat"], row["provinceLon"],
            )
            province_names[name_key(short)] = short
            province_names[name_key(row["province"])] = short

    name_count: dict[str, int] = defaultdict(int)
    pair_count: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        name_count[name_key(row["districtShort"])] += 1
        pair_count[(name_key(row["districtShort"]), row["provinceShort"])] += 1

    districts: dict[str, District] = {}
    district_names: dict[str, list[str]] = defaultdict(list)
    taken: set[str] = set()
    for row in rows:
        name, province, kind = row["districtShort"], row["provinceShort"], row["districtType"]
        key = name_key(name)
        if name_count[key] == 1:
            base = slugify(name)
        elif pair_count[(key, province)] == 1:
            base = slugify(f"{name} {province}")
        else:
            base = slugify(f"{kind} {name} {province}")
        slug = unique_slug(base, taken)
        taken.add(slug)
        districts[row["districtCode"]] = District(
            code=row["districtCode"], name=name, kind=kind, province=province,
            province_code=row["provinceCode"], slug=slug,
            latitude=row["districtLat"], longitude=row["districtLon"],
            successors=successors.get(f"{row['provinceKey']}_{row['districtKey']}", ()),
        )
        district_names[key].append(row["districtCode"])
    return Gazetteer(
        districts=districts,
        provinces=provinces,
        district_names={key: tuple(codes) for key, codes in district_names.items()},
        province_names=province_names,
    )


