"""Tag, place and date indexes over the records, as plain data for the renderer.

Built in one pass over the records. Orders, so that pages and diffs are stable:
- records: newest first, undated last; ties by Vietnamese title order, then slug;
  every group's records keep that order (pages rely on it and do not sort again);
- tags, provinces, districts: Vietnamese alphabetical order (`sort_key`);
- years and months: newest first (an archive is read backwards in time).

Tags that differ only in case or tone placement ("An ninh"/"an ninh") are one
group, shown in their most frequent spelling. Only tags that lead somewhere
are groups (and so pages and links): a name or a document code, a subject
that two records share, or any tag of a record a person has edited since
import (it may be theirs; the tagger never writes a subject of one article).
Every tag stays in the records' front matter. A record's districts are resolved
through its `district_codes` (the gazetteer knows each code's province), else by
name within its provinces; a district that cannot be placed in a province is
listed under each of the record's provinces rather than lost.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from typing import Iterable

from khotin.places.gazetteer import district_by_code, province_by_name, province_slug, resolve_district
from khotin.records import Record
from khotin.topics.kinds import SUBJECT, stands_alone, tag_kind
from khotin.vietnamese.collation import sort_key
from khotin.vietnamese.fold import modern_tones
from khotin.vietnamese.slugs import slugify, unique_slug


@dataclass(frozen=True)
class TagGroup:
    name: str
    slug: str
    records: tuple[Record, ...]
    kind: str = SUBJECT


@dataclass(frozen=True)
class DistrictGroup:
    name: str
    slug: str
    code: str | None
    province: str
    records: tuple[Record, ...]


@dataclass(frozen=True)
class ProvinceGroup:
    name: str
    slug: str
    districts: tuple[DistrictGroup, ...]
    records: tuple[Record, ...]


@dataclass(frozen=True)
class MonthGroup:
    year: int
    month: int
    records: tuple[Record, ...]


@dataclass(frozen=True)
class YearGroup:
    year: int
    months: tuple[MonthGroup, ...]
    records: tuple[Record, ...]


@dataclass(frozen=True)
class Indexes:
    records: tuple[Record, ...]
    tags: tuple[TagGroup, ...]
    provinces: tuple[ProvinceGroup, ...]
    years: tuple[YearGroup, ...]


def _when(record: Record) -> dt.date | dt.datetime | None:
    try:
        return record.published
    except ValueError:
        return None


def _moment_key(record: Record) -> tuple:
    """Dated before undated; later before earlier (wall-clock date, then time)."""
    when = _when(record)
    if when is None:
        return (1, 0, 0.0)
    if isinstance(when, dt.datetime):
        day = when.date()
        seconds = when.hour * 3600 + when.minute * 60 + when.second + when.microsecond / 1e6
    else:
        day, seconds = when, -1.0
    return (0, -day.toordinal(), -seconds)


def _newest_first(records: Iterable[Record]) -> tuple[Record, ...]:
    """By `_moment_key`, then Vietnamese title order and slug, so ties never
    depend on input order. Titles are collated only where moments tie: the
    collation key is the costly part, and most moments are unique."""
    ordered: list[Record] = []
    keyed = sorted(((_moment_key(record), record) for record in records), key=itemgetter(0))
    for _, group in groupby(keyed, key=itemgetter(0)):
        tied = [record for _, record in group]
        if len(tied) > 1:
            tied.sort(key=lambda r: (sort_key(r.title), r.slug))
        ordered += tied
    return tuple(ordered)


@lru_cache(maxsize=1 << 14)  # a pure function of a few hundred distinct tags and names, asked ~10 times a record
def _group_key(text: str) -> str:
    return " ".join(modern_tones(text).casefold().split())


@lru_cache(maxsize=1 << 10)
def _province_name(name: str) -> str:
    province = province_by_name(name)
    return province.name if province is not None else " ".join(name.split())


def _district_places(record: Record, provinces: list[str]) -> list[tuple[str, str | None, str | None]]:
    """(name, code, province) for each district of the record; province None
    when neither code nor name can place it."""
    places = []
    for name in record.districts:
        district = resolve_district(name, provinces, record.district_codes)
        if district is not None:
            places.append((district.name, district.code, district.province))
        else:
            places.append((" ".join(name.split()), None, provinces[0] if len(provinces) == 1 else None))
    return places


# The only record fields `build_indexes` reads (`date` through `published`): records
# alike in these are indexed alike (`build.group_cache` relies on it).
INDEXED_FIELDS = ("slug", "title", "date", "tags", "districts", "provinces", "district_codes", "untouched_import")
# What `build_indexes` reads of a record besides `untouched_import`, which it reads only
# for a record alone under a tag (`_tag_groups`).
GROUPED_FIELDS = INDEXED_FIELDS[:-1]


def build_indexes(records: Iterable[Record]) -> Indexes:
    ordered = _newest_first(records)

    tag_records: dict[str, list[Record]] = defaultdict(list)
    tag_spellings: dict[str, Counter] = defaultdict(Counter)
    province_records: dict[str, list[Record]] = defaultdict(list)
    district_records: dict[tuple[str, str], list[Record]] = defaultdict(list)
    district_info: dict[tuple[str, str], tuple[str, str | None]] = {}
    month_records: dict[tuple[int, int], list[Record]] = defaultdict(list)

    for record in ordered:  # one pass; groups inherit the newest-first order
        seen_tags: set[str] = set()
        for tag in record.tags:
            key = _group_key(tag)
            if key and key not in seen_tags:
                seen_tags.add(key)
                tag_records[key].append(record)
                tag_spellings[key][" ".join(tag.split())] += 1

        provinces = list(dict.fromkeys(_province_name(p) for p in record.provinces if p.strip()))
        places = _district_places(record, provinces)
        for _, _, province in places:
            if province is not None and province not in provinces:
                provinces.append(province)
        for province in provinces:
            province_records[province].append(record)
        for name, code, province in places:
            for home in [province] if province is not None else provinces:
                key = (home, code or _group_key(name))
                if not district_records[key] or district_records[key][-1] is not record:
                    district_records[key].append(record)
                district_info.setdefault(key, (name, code))

        when = _when(record)
        if when is not None:
            month_records[(when.year, when.month)].append(record)

    return Indexes(
        records=ordered,
        tags=_tag_groups(tag_records, tag_spellings),
        provinces=_province_groups(province_records, district_records, district_info),
        years=_year_groups(month_records),
    )


def _tag_groups(tag_records, tag_spellings) -> tuple[TagGroup, ...]:
    names = {
        key: min(spellings.items(), key=lambda item: (-item[1], sort_key(item[0])))[0]
        for key, spellings in tag_spellings.items()
    }
    taken: set[str] = set()
    groups = []
    for key in sorted(tag_records, key=lambda k: sort_key(names[k])):
        records, kind = tag_records[key], tag_kind(names[key])
        if not (stands_alone(kind) or len(records) >= 2 or not all(r.untouched_import for r in records)):
            continue
        slug = unique_slug(slugify(names[key]), taken)
        taken.add(slug)
        groups.append(TagGroup(names[key], slug, tuple(records), kind))
    return tuple(groups)


def _province_groups(province_records, district_records, district_info) -> tuple[ProvinceGroup, ...]:
    by_province: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in district_records:
        by_province[key[0]].append(key)
    taken: set[str] = set()
    province_taken: set[str] = set()
    groups = []
    for province in sorted(province_records, key=sort_key):
        districts = []
        for key in sorted(by_province.get(province, ()), key=lambda k: (sort_key(district_info[k][0]), k[1])):
            name, code = district_info[key]
            known = district_by_code(code) if code else None
            base = known.slug if known is not None else slugify(f"{name} {province}")
            slug = unique_slug(base, taken)
            taken.add(slug)
            districts.append(DistrictGroup(name, slug, code, province, tuple(district_records[key])))
        slug = unique_slug(province_slug(province), province_taken)
        province_taken.add(slug)
        groups.append(ProvinceGroup(province, slug, tuple(districts), tuple(province_records[province])))
    return tuple(groups)


def _year_groups(month_records) -> tuple[YearGroup, ...]:
    years: dict[int, list[MonthGroup]] = defaultdict(list)
    for (year, month) in sorted(month_records, reverse=True):
        years[year].append(MonthGroup(year, month, tuple(month_records[(year, month)])))
    groups = []
    for year in sorted(years, reverse=True):
        months = tuple(years[year])
        records = tuple(record for month in months for record in month.records)
        groups.append(YearGroup(year, months, records))
    return tuple(groups)
