"""Time shapes Vietnamese portals print next to a date, and ISO offsets in metadata."""

from __future__ import annotations

import pytest

from khotin.loader.dates import dateline, find_date


@pytest.mark.parametrize(("line", "iso"), [
    ("Thứ Ba, 29/12/2020 08 giờ 30", "2020-12-29T08:30:00+07:00"),
    ("29/12/2020 08 giờ 30 phút", "2020-12-29T08:30:00+07:00"),
    ("Cập nhật lúc 8 giờ 30 ngày 29/12/2020", "2020-12-29T08:30:00+07:00"),
    ("29/12/2020 08:30 SA", "2020-12-29T08:30:00+07:00"),
    ("29/12/2020 08:30 CH", "2020-12-29T20:30:00+07:00"),
    ("08:30 CH 29/12/2020", "2020-12-29T20:30:00+07:00"),
    ("29/12/2020 12:15 SA", "2020-12-29T00:15:00+07:00"),   # 12 SA is just after midnight
    ("29/12/2020 12:15 CH", "2020-12-29T12:15:00+07:00"),   # 12 CH is just after noon
    ("29/12/2020 12:05 AM", "2020-12-29T00:05:00+07:00"),
    ("29/12/2020 12:05 PM", "2020-12-29T12:05:00+07:00"),
    ("29/12/2020 11:59 PM", "2020-12-29T23:59:00+07:00"),
])
def test_times_beside_a_date(line, iso):
    found = dateline(line)
    assert found is not None, line
    assert found[0].iso() == iso
    assert found[1] == [], f"left over as if it were a name: {found[1]}"


@pytest.mark.parametrize(("line", "iso"), [
    ("2020-12-29T12:00:00+0700", "2020-12-29T12:00:00+07:00"),   # no colon
    ("2020-12-29T05:00:00+0000", "2020-12-29T12:00:00+07:00"),
    ("2020-12-29T23:30:00Z", "2020-12-30T06:30:00+07:00"),
    ("2020-12-29T05:00:00-0500", "2020-12-29T17:00:00+07:00"),   # negative, no colon
    ("2020-12-29T20:00:00-05:00", "2020-12-30T08:00:00+07:00"),  # negative: the next day in Hà Nội
    ("2020-12-29T20:00:00-0530", "2020-12-30T08:30:00+07:00"),
    ("2021-01-01T02:00:00+09:00", "2021-01-01T00:00:00+07:00"),
    ("2021-01-01T01:00:00+0900", "2020-12-31T23:00:00+07:00"),   # the year before in Hà Nội
])
def test_iso_offsets_become_hanoi_time(line, iso):
    found = find_date(line)
    assert found is not None and found.iso() == iso
