"""build_indexes: grouping and ordering of real-looking records."""

from khotin.indexes import build_indexes
from khotin.records import Record


def _record(slug, title, date=None, tags=(), districts=(), provinces=(), codes=()):
    return Record(
        title=title, slug=slug, date=date, tags=tuple(tags), districts=tuple(districts),
        provinces=tuple(provinces), district_codes=tuple(codes),
    )


RECORDS = [
    _record("ba-dinh", "Đại hội Đảng bộ quận Ba Đình", "2020-05-31T01:50:00+07:00",
            ["an ninh trật tự", "Nghị quyết 15-NQ/TU"], ["Ba Đình"], ["Hà Nội"], ["001"]),
    _record("dong-da", "Đống Đa tổng kết phong trào", "2016-03-24",
            ["An ninh trật tự", "phong trào"], ["Đống Đa"], ["Hà Nội"], ["006"]),
    _record("ha-noi", "5 năm thực hiện Chỉ thị 09-CT/TW", "2017-07-12T09:39:00",
            ["Chỉ thị 09-CT/TW", "phong trào"], [], ["Hà Nội"], []),
    _record("hong-bang", "Hồng Bàng tổng kết năm 2020", "2020-12-29",
            ["phong trào"], ["Hồng Bàng"], ["Hải Phòng"], ["303"]),
    _record("chau-thanh", "Huyện Châu Thành ra quân", "2020-05-02",
            ["ra quân"], ["Châu Thành"], ["Tiền Giang"], []),
    _record("khong-ngay", "Bài không ngày", None, ["phong trào"], [], [], []),
]


def test_records_newest_first_undated_last():
    indexes = build_indexes(reversed(RECORDS))
    assert [r.slug for r in indexes.records] == [
        "hong-bang", "ba-dinh", "chau-thanh", "ha-noi", "dong-da", "khong-ngay",
    ]


def test_tags_grouped_case_insensitively_in_vietnamese_order():
    indexes = build_indexes(RECORDS)
    names = [t.name for t in indexes.tags]
    assert names == ["an ninh trật tự", "Chỉ thị 09-CT/TW", "Nghị quyết 15-NQ/TU", "phong trào", "ra quân"]
    groups = {t.name: t for t in indexes.tags}
    assert [r.slug for r in groups["an ninh trật tự"].records] == ["ba-dinh", "dong-da"]
    assert groups["an ninh trật tự"].slug == "an-ninh-trat-tu"
    assert [r.slug for r in groups["phong trào"].records] == ["hong-bang", "ha-noi", "dong-da", "khong-ngay"]
    assert len({t.slug for t in indexes.tags}) == len(indexes.tags)


def test_province_district_tree():
    indexes = build_indexes(RECORDS)
    assert [p.name for p in indexes.provinces] == ["Hà Nội", "Hải Phòng", "Tiền Giang"]
    ha_noi = indexes.provinces[0]
    assert ha_noi.slug == "ha-noi"
    assert [r.slug for r in ha_noi.records] == ["ba-dinh", "ha-noi", "dong-da"]
    assert [(d.name, d.code, d.slug) for d in ha_noi.districts] == [
        ("Ba Đình", "001", "ba-dinh"), ("Đống Đa", "006", "dong-da"),
    ]
    tien_giang = indexes.provinces[2]
    (chau_thanh,) = tien_giang.districts
    assert chau_thanh.slug == "chau-thanh-tien-giang"
    assert chau_thanh.code is not None and chau_thanh.province == "Tiền Giang"


def test_district_code_places_district_in_its_province():
    record = _record("x", "Tin", "2021-01-01", districts=["Hồng Bàng"], provinces=[], codes=["303"])
    (province,) = build_indexes([record]).provinces
    assert province.name == "Hải Phòng"
    assert [d.name for d in province.districts] == ["Hồng Bàng"]


def test_years_and_months_newest_first():
    indexes = build_indexes(RECORDS)
    assert [y.year for y in indexes.years] == [2020, 2017, 2016]
    y2020 = indexes.years[0]
    assert [(m.year, m.month) for m in y2020.months] == [(2020, 12), (2020, 5)]
    assert [r.slug for r in y2020.months[1].records] == ["ba-dinh", "chau-thanh"]
    assert [r.slug for r in y2020.records] == ["hong-bang", "ba-dinh", "chau-thanh"]
    assert sum(len(y.records) for y in indexes.years) == len(RECORDS) - 1


def test_empty():
    indexes = build_indexes([])
    assert indexes.records == () and indexes.tags == () and indexes.provinces == () and indexes.years == ()


def test_every_group_keeps_the_newest_first_order():
    indexes = build_indexes(reversed(RECORDS))
    position = {record.slug: index for index, record in enumerate(indexes.records)}
    groups = [*indexes.tags, *indexes.provinces, *(d for p in indexes.provinces for d in p.districts),
              *indexes.years, *(m for y in indexes.years for m in y.months)]
    for group in groups:
        places = [position[record.slug] for record in group.records]
        assert places == sorted(places), group


def test_only_tags_that_lead_somewhere_are_groups():
    """An imported record's lone subject gets no page; a lone name or code does;
    any tag of a record a person edited does (it may be theirs)."""
    def imported(slug, tags):
        return _record(slug, slug, "2020-01-01", tags).with_changes(untouched_import=True)

    records = [
        imported("a", ["phong trào", "mô hình", "Donald Trump", "Quyết định 521"]),
        imported("b", ["phong trào", "camera"]),
        _record("c", "c", "2020-01-02", ["tự quản"]),
    ]
    groups = {t.name: t for t in build_indexes(records).tags}
    assert set(groups) == {"phong trào", "Donald Trump", "Quyết định 521", "tự quản"}
    assert {name: g.kind for name, g in groups.items()} == {
        "phong trào": "subject", "Donald Trump": "name", "Quyết định 521": "document", "tự quản": "subject"}
    assert [r.slug for r in groups["phong trào"].records] == ["a", "b"]
