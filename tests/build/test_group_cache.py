"""The last build's indexes are reused only while they would come out the same."""

from __future__ import annotations

from dataclasses import fields

import pytest

from khotin.indexes import INDEXED_FIELDS, build_indexes
from khotin.places.gazetteer import district_by_code
from khotin.records import Record, render_record
from khotin.build import group_cache
from khotin.site import urls
from tests.site.fixtures import RECORDS


class _Watched(Record):
    """A record that notes which of its fields are read."""

    __slots__ = ()
    read: set[str] = set()

    def __getattribute__(self, name: str):
        if not name.startswith("_"):
            _Watched.read.add(name)
        return object.__getattribute__(self, name)


def _watched(record: Record) -> _Watched:
    return _Watched(**{f.name: getattr(record, f.name) for f in fields(Record)})


def test_build_indexes_reads_only_the_indexed_fields():
    _Watched.read.clear()
    build_indexes([_watched(record) for record in RECORDS])
    read_fields = _Watched.read & {f.name for f in fields(Record)}
    assert read_fields and read_fields <= set(INDEXED_FIELDS), read_fields - set(INDEXED_FIELDS)


def _never(records):
    raise AssertionError("the indexes were built again")


def test_an_edit_outside_the_indexed_fields_reuses_the_groups_with_the_new_records(tmp_path, monkeypatch):
    cache = tmp_path / "indexes"
    first = group_cache.grouped(list(RECORDS), cache, b"code", district_by_code)
    edited = [record.with_changes(summary="Tóm tắt mới.", body="Thân bài mới.", author="Người khác")
              for record in RECORDS]
    monkeypatch.setattr(group_cache, "build_indexes", _never)
    again = group_cache.grouped(edited, cache, b"code", district_by_code)
    assert again.indexes == build_indexes(edited)
    assert again.shape == first.shape
    assert all(any(record is mine for mine in edited) for record in again.indexes.records)
    assert {group.name for group in again.indexes.tags} == {group.name for group in first.indexes.tags}
    code = again.indexes.provinces[0].districts[0].code
    assert again.district_info(code) == district_by_code(code)


@pytest.mark.parametrize("change", [{"tags": ("an ninh trật tự",)}, {"date": "2018-01-01"},
                                    {"districts": ("Hoàn Kiếm",), "district_codes": ("002",)},
                                    {"title": "Tiêu đề khác"}])
def test_an_edit_to_an_indexed_field_builds_them_again(tmp_path, change):
    cache = tmp_path / "indexes"
    group_cache.grouped(list(RECORDS), cache, b"code", district_by_code)
    edited = [RECORDS[0].with_changes(**change), *RECORDS[1:]]
    assert group_cache.grouped(edited, cache, b"code", district_by_code).indexes == build_indexes(edited)


def _imported(records):
    return [record.with_changes(untouched_import=True) for record in records]


def test_a_first_edit_of_an_imported_record_keeps_the_groups_when_it_holds_no_tag_alone(tmp_path, monkeypatch):
    cache = tmp_path / "indexes"
    imported = _imported(RECORDS)
    shared = next(i for i, record in enumerate(imported)
                  if record.tags and all(sum(tag in other.tags for other in imported) > 1 for tag in record.tags))
    group_cache.grouped(imported, cache, b"code", district_by_code)
    edited = [*imported[:shared], imported[shared].with_changes(untouched_import=False), *imported[shared + 1:]]
    monkeypatch.setattr(group_cache, "build_indexes", _never)
    assert group_cache.grouped(edited, cache, b"code", district_by_code).indexes == build_indexes(edited)


def test_a_first_edit_of_an_imported_record_alone_under_a_tag_builds_them_again(tmp_path):
    cache = tmp_path / "indexes"
    imported = _imported(RECORDS)
    imported[0] = imported[0].with_changes(tags=(*imported[0].tags, "chỉ một bài mang thẻ này"))
    before = group_cache.grouped(imported, cache, b"code", district_by_code).indexes
    assert "chỉ một bài mang thẻ này" not in {group.name for group in before.tags}
    edited = [imported[0].with_changes(untouched_import=False), *imported[1:]]
    after = group_cache.grouped(edited, cache, b"code", district_by_code).indexes
    assert after == build_indexes(edited)
    assert "chỉ một bài mang thẻ này" in {group.name for group in after.tags}


def test_new_code_builds_them_again(tmp_path, monkeypatch):
    cache = tmp_path / "indexes"
    group_cache.grouped(list(RECORDS), cache, b"code", district_by_code)
    built = []
    monkeypatch.setattr(group_cache, "build_indexes", lambda records: built.append(1) or build_indexes(records))
    group_cache.grouped(list(RECORDS), cache, b"other code", district_by_code)
    assert built == [1]


def test_a_damaged_cache_only_means_building_them_again(tmp_path):
    cache = tmp_path / "indexes"
    cache.write_bytes(b"not a pickle")
    assert group_cache.grouped(list(RECORDS), cache, b"code", district_by_code).indexes == build_indexes(RECORDS)


def test_a_summary_edit_shows_on_the_listings_built_from_kept_groups(workspace):
    workspace.build()
    record = RECORDS[1].with_changes(summary="Một tóm tắt vừa sửa tay.")
    (workspace.content / f"{record.slug}.md").write_text(render_record(record), encoding="utf-8")
    workspace.build()
    tag_pages = [page.read_text(encoding="utf-8") for page in (workspace.out / urls.TAG).rglob("index.html")]
    assert any("Một tóm tắt vừa sửa tay." in page for page in tag_pages)
