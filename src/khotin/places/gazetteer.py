"""Which districts and provinces an article reports on.

The table is vietnamadminunits' pre-2025 gazetteer (`places.data`), read once
per process; a scan is one pass of a compiled trie regex over the text plus a
dict lookup per hit, so 10,000 articles cost seconds.

Detection weighs evidence instead of trusting any mention:
- a name in the title, or right after a unit word ("quận Đống Đa", "Quận ủy Nam
  Từ Liêm", "UBND huyện X", "Công an thị xã X", "thành phố X", "TP X") is strong;
- a bare name is weak and must be capitalised like a proper noun ("hòa bình" is
  peace, "Hòa Bình" a place); it counts only for a unit with strong evidence or
  whose province the article names;
- a name after "phường", "xã", "đường", "phố", "hồ"… is a ward, a street or a
  lake, not a district; "Hồ Chí Minh" alone is the man, the city needs "TP";
- "Thành phố"/"Thành ủy" before a province-level city ("Thành ủy Hà Nội") names
  the province; "Thành phố" alone (the city itself) names nothing;
- a name shared by several districts (Châu Thành: ten provinces) is narrowed by
  the unit word and by the provinces the article names; still ambiguous, it is
  left out and a review note says so;
- districts are ranked by score (title 3, strong 2, weak 1 per mention); one named
  once in passing beside a better-attested subject is dropped, and a single
  mention inside a report about the whole province is not a subject either.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from khotin.places.data import District, Gazetteer, Province, load_gazetteer, name_key
from khotin.vietnamese.fold import modern_tones
from khotin.vietnamese.slugs import slugify

__all__ = [
    "District", "PlaceMatch", "Province", "all_districts", "district_by_code", "find_places",
    "place_names", "province_by_name", "province_slug", "resolve_district",
]

MAX_DISTRICTS = 6
_PROVINCE_PREFIXES = ("Thành phố ", "Tỉnh ", "TP ", "TP. ")
_HCM = "Hồ Chí Minh"
_HCM_ABBREVIATIONS = ("tp.hcm", "tp. hcm", "tp hcm", "tphcm", "tp.hồ chí minh")

# Word(s) right before a name → what kind of unit the name is.
_UNIT_WORDS = {
    "quận": "Quận", "quận ủy": "Quận", "q.": "Quận",
    "huyện": "Huyện", "huyện ủy": "Huyện", "h.": "Huyện",
    "thị xã": "Thị xã", "thị ủy": "Thị xã", "tx": "Thị xã", "tx.": "Thị xã",
    "thành phố": "Thành phố", "thành ủy": "Thành phố", "tp": "Thành phố", "tp.": "Thành phố",
    "tỉnh": "Tỉnh", "tỉnh ủy": "Tỉnh",
}
_BLOCK_WORDS = (
    "phường", "xã", "thị trấn", "đặc khu", "đường", "phố", "ngõ", "ngách", "hẻm",
    "chợ", "cầu", "sông", "hồ", "núi", "đảo", "thôn", "ấp", "bản", "làng", "xóm",
    "quảng trường", "hội trường", "chủ tịch", "bác", "lăng", "tư tưởng", "trường",
    "bệnh viện", "khu", "khu phố", "tổ dân phố", "tàu", "sân bay", "bến xe", "ga",
)
_BEFORE = re.compile(
    r"(?:^|[^\w.])("
    + "|".join(
        re.escape(word).replace(r"\ ", r"\s+")
        for word in sorted([*_UNIT_WORDS, *_BLOCK_WORDS], key=len, reverse=True)
    )
    + r")\s*$",
    re.IGNORECASE,
)
_WINDOW = 24
_UNIT_NOUN = re.compile(r"(?<!\w)(quận|huyện|thị xã)(?!\w)(?!\s*(?:ủy|uỷ|,|\w*\d))\s*(\w?)", re.IGNORECASE)
_GENERIC_BEFORE = re.compile(r"(?:các|những|mỗi|cấp|từng|giữa|quận,?|huyện,?)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class PlaceMatch:
    districts: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    district_codes: tuple[str, ...] = ()
    review: tuple[str, ...] = ()


@dataclass
class _Tally:
    title: int = 0
    strong: int = 0
    weak: int = 0
    first: float = float("inf")  # where it is first named: title -1, body offset

    @property
    def mentions(self) -> int:
        return self.title + self.strong + self.weak

    @property
    def score(self) -> int:
        return 3 * self.title + 2 * self.strong + self.weak

    @property
    def is_strong(self) -> bool:
        return bool(self.title or self.strong)

    def add(self, other: "_Tally") -> None:
        self.title += other.title
        self.strong += other.strong
        self.weak += other.weak
        self.first = min(self.first, other.first)


@dataclass
class _Evidence:
    districts: dict[tuple[str, ...], _Tally] = field(default_factory=lambda: defaultdict(_Tally))
    provinces: dict[str, _Tally] = field(default_factory=lambda: defaultdict(_Tally))
    names: dict[tuple[str, ...], str] = field(default_factory=dict)
    # "the district" said without its name ("trên địa bàn quận"), by unit kind
    anaphora: int = 0


def _unit_trie(words: Iterable[str]) -> str:
    """One regex alternation shaped like a trie: Python's `re` tries the
    alternatives of a flat list one by one at every position."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch).replace(r"\ ", " ") + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and len(branches[0]) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


@dataclass(frozen=True)
class _Scanner:
    pattern: re.Pattern
    gazetteer: Gazetteer


@lru_cache(maxsize=1)
def _scanner() -> _Scanner:
    gazetteer = load_gazetteer()
    names = set(gazetteer.district_names) | {name_key(p) for p in gazetteer.provinces} | set(_HCM_ABBREVIATIONS)
    pattern = re.compile(r"(?<!\w)(" + _unit_trie(sorted(names)) + r")(?!\w)", re.IGNORECASE)
    return _Scanner(pattern, gazetteer)


def warm() -> None:
    """Read the gazetteer and compile the scanner now (before forking workers,
    so each worker does not build its own)."""
    _scanner()
    place_names()


def _capitalised(text: str) -> bool:
    return all(not syllable[0].islower() for syllable in text.split())


_WORD_BEFORE = re.compile(r"(\w+)\W{0,2}$")


def _inside_longer_name(text: str, start: int) -> bool:
    """True when a Title-case word runs into the match: "Nguyễn Văn Vinh" is a man."""
    match = _WORD_BEFORE.search(text, max(0, start - 20), start)
    if not match or text[match.end(1):start] != " ":
        return False
    word = match.group(1)
    return word[0].isupper() and word[1:].islower()


def _unit_word(text: str, start: int) -> str | None:
    match = _BEFORE.search(text, max(0, start - _WINDOW), start)
    return " ".join(match.group(1).lower().split()) if match else None


def _scan(text: str, in_title: bool, scanner: _Scanner, evidence: _Evidence) -> None:
    gazetteer = scanner.gazetteer
    for match in scanner.pattern.finditer(text):
        found = match.group(1)
        key = " ".join(found.casefold().split())
        before = _unit_word(text, match.start())
        if before is not None and before not in _UNIT_WORDS:
            continue
        kind = _UNIT_WORDS.get(before) if before else None
        first = -1 if in_title else match.start()
        tally = _Tally(title=1, first=first) if in_title else (
            _Tally(strong=1, first=first) if kind else _Tally(weak=1, first=first))
        if key in _HCM_ABBREVIATIONS:
            evidence.provinces[_HCM].add(_Tally(title=1, first=first) if in_title else _Tally(strong=1, first=first))
            continue
        codes = gazetteer.district_names.get(key, ())
        province = gazetteer.province_names.get(key)
        numbered = bool(codes) and any(ch.isdigit() for ch in key)
        if kind is None and not numbered and (
            not _capitalised(found) or (not in_title and _inside_longer_name(text, match.start()))
        ):
            continue
        if kind == "Tỉnh":
            if province:
                evidence.provinces[province].add(tally)
            continue
        if kind == "Thành phố":
            cities = tuple(c for c in codes if gazetteer.districts[c].kind == "Thành phố")
            if cities:
                _add_district(evidence, cities, found, tally)
            elif province:
                evidence.provinces[province].add(tally)
            elif codes:
                _add_district(evidence, codes, found, tally)
            continue
        if kind is not None:
            if codes:
                of_kind = tuple(c for c in codes if gazetteer.districts[c].kind == kind)
                _add_district(evidence, of_kind or codes, found, tally)
            continue
        if numbered:
            _add_district(evidence, codes, found, _Tally(title=1, first=first) if in_title else _Tally(strong=1, first=first))
        elif province:
            if province != _HCM:
                evidence.provinces[province].add(tally)
        elif codes:
            _add_district(evidence, codes, found, tally)


def _count_anaphora(text: str, evidence: _Evidence) -> None:
    """Count "quận"/"huyện" used as "this district": not before a name, not in a
    list ("các quận, huyện") — what a report about one district keeps saying.
    Any unit word counts: reporters often say "quận" of a huyện."""
    for match in _UNIT_NOUN.finditer(text):
        if match.group(2) and match.group(2)[0].isupper():
            continue
        if _GENERIC_BEFORE.search(text, max(0, match.start() - 10), match.start()):
            continue
        evidence.anaphora += 1


def _add_district(evidence: _Evidence, codes: tuple[str, ...], found: str, tally: _Tally) -> None:
    evidence.districts[codes].add(tally)
    evidence.names.setdefault(codes, " ".join(found.split()))


def _resolve(evidence: _Evidence, gazetteer: Gazetteer) -> PlaceMatch:
    named = {p for p, t in evidence.provinces.items() if t.mentions}
    review: list[str] = []
    resolved: dict[str, _Tally] = defaultdict(_Tally)
    ambiguous: list[tuple[tuple[str, ...], _Tally]] = []
    for codes, tally in evidence.districts.items():
        if len(codes) == 1:
            resolved[codes[0]].add(tally)
        else:
            ambiguous.append((codes, tally))
    # A province is "named" also through an unambiguous, strongly attested district.
    context = named | {gazetteer.districts[c].province for c, t in resolved.items() if t.is_strong}
    for codes, tally in ambiguous:
        inside = [c for c in codes if gazetteer.districts[c].province in context]
        if len(inside) == 1:
            resolved[inside[0]].add(tally)
        elif tally.is_strong:
            name = gazetteer.districts[codes[0]].name
            where = ", ".join(sorted({gazetteer.districts[c].province for c in codes}))
            review.append(
                f"place: '{name}' is a district in {len(codes)} provinces ({where}) and the "
                "article does not say which; left out of districts"
            )

    candidates = [
        (code, tally) for code, tally in resolved.items()
        if tally.is_strong or (gazetteer.districts[code].province in named and tally.mentions >= 2)
    ]
    candidates.sort(key=lambda item: (-item[1].score, item[1].first, item[0]))
    kept: list[str] = []
    if candidates:
        top_code, top = candidates[0]
        own_province = evidence.provinces.get(gazetteer.districts[top_code].province, _Tally())
        passing_in_province_report = (
            top.mentions == 1 and not top.title
            and (own_province.title or own_province.mentions >= 2)
            and evidence.anaphora < 2
        )
        if not passing_in_province_report:
            kept.append(top_code)
            for code, tally in candidates[1:]:
                if tally.title or (tally.mentions >= 2 and 3 * tally.score >= top.score):
                    kept.append(code)
    kept = kept[:MAX_DISTRICTS]

    provinces: list[str] = []
    for code in kept:
        if gazetteer.districts[code].province not in provinces:
            provinces.append(gazetteer.districts[code].province)
    scores = {p: t.score for p, t in evidence.provinces.items()}
    for code in kept:
        province = gazetteer.districts[code].province
        scores[province] = scores.get(province, 0) + resolved[code].score
    top_score = max(scores.values(), default=0)
    others = sorted(
        (p for p, t in evidence.provinces.items() if p not in provinces),
        key=lambda p: (-scores[p], evidence.provinces[p].first, gazetteer.provinces[p].code),
    )
    for province in others:
        tally = evidence.provinces[province]
        attested = tally.title or tally.mentions >= 2 or (tally.strong and not kept)
        if attested and 3 * scores[province] >= top_score:
            provinces.append(province)

    return PlaceMatch(
        districts=tuple(gazetteer.districts[c].name for c in kept),
        provinces=tuple(provinces),
        district_codes=tuple(kept),
        review=tuple(review),
    )


def _prepare(text: str) -> str:
    return " ".join(modern_tones(text).split())


def find_places(title: str, body: str) -> PlaceMatch:
    """The districts (names and codes) and provinces an article is about."""
    scanner = _scanner()
    evidence = _Evidence()
    _scan(_prepare(title or ""), True, scanner, evidence)
    body = _prepare(body or "")
    _scan(body, False, scanner, evidence)
    _count_anaphora(body, evidence)
    return _resolve(evidence, scanner.gazetteer)


def district_by_code(code: str) -> District | None:
    return load_gazetteer().districts.get(str(code).strip())


def province_by_name(name: str) -> Province | None:
    """"Hà Nội", "Thành phố Hà Nội", "hà nội" or "Hoà Bình" → the province."""
    gazetteer = load_gazetteer()
    short = gazetteer.province_names.get(name_key(name))
    return gazetteer.provinces.get(short) if short else None


def province_slug(name: str) -> str:
    province = province_by_name(name)
    if province is not None:
        return province.slug
    for prefix in _PROVINCE_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix):]
    return slugify(name)


def resolve_district(name: str, provinces: Iterable[str] = (), codes: Iterable[str] = ()) -> District | None:
    """The district a record means by `name`: one of its `codes` with that name,
    else the only district of that name in one of its `provinces`, else the only
    district of that name at all; None while ambiguous or unknown."""
    gazetteer = load_gazetteer()
    key = name_key(name)
    for code in codes:
        district = gazetteer.districts.get(str(code).strip())
        if district is not None and name_key(district.name) == key:
            return district
    candidates = [gazetteer.districts[c] for c in gazetteer.district_names.get(key, ())]
    if len(candidates) > 1:
        wanted = {p.name for p in map(province_by_name, provinces) if p is not None}
        candidates = [d for d in candidates if d.province in wanted]
    return candidates[0] if len(candidates) == 1 else None


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every district and province name as written (not the numbered "Quận 1")."""
    gazetteer = load_gazetteer()
    names = {d.name for d in gazetteer.districts.values() if not any(ch.isdigit() for ch in d.name)}
    names.update(gazetteer.provinces)
    return frozenset(names)


def all_districts() -> tuple[District, ...]:
    """Every pre-2025 district, in official code order."""
    return tuple(load_gazetteer().districts.values())
