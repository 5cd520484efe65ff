"""Dates: every portal format, validation, and the documented year rules."""

import pytest

from khotin.loader.dates import (
    dateline, find_date, infer_year, lede_date, named_years, reviewed_years,
    split_glued_date, valid_date, year_for_day_month,
)


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Ngày đăng 31/05/2020 | 01:50", "2020-05-31T01:50:00+07:00"),
        ("Thứ Ba, 29/12/2020 19:00", "2020-12-29T19:00:00+07:00"),
        ("Print Thứ Ba, 29/12/2020 19:00 Gốc", "2020-12-29T19:00:00+07:00"),
        ("Thứ hai, 2/7/2017, 10:15 (GMT+7)", "2017-07-02T10:15:00+07:00"),
        ("12/07/2017 09:39 GMT+7", "2017-07-12T09:39:00+07:00"),
        ("Cập nhật: 12/07/2017", "2017-07-12"),
        ("2017-07-12T09:39:00+07:00", "2017-07-12T09:39:00+07:00"),
        ("2017-07-12T02:39:00Z", "2017-07-12T09:39:00+07:00"),
        ("2017-07-12", "2017-07-12"),
        ("12-7-2017", "2017-07-12"),
        ("12.7.2017", "2017-07-12"),
        ("Chủ nhật, 02/07/2017 - 08h30", "2017-07-02T08:30:00+07:00"),
        ("Cập nhật lúc 08:30 ngày 12/7/2017", "2017-07-12T08:30:00+07:00"),
        ("ngày 12 tháng 7 năm 2017", "2017-07-12"),
        ("12/07/2017 09:39 PM", "2017-07-12T21:39:00+07:00"),
        ("Lượt xem: 1.234 | Cập nhật: 12/07/2017", "2017-07-12"),
    ],
)
def test_datelines_in_portal_formats(line, iso):
    found = dateline(line)
    assert found is not None
    date, leftovers = found
    assert date.iso() == iso
    assert leftovers == []


def test_dateline_reports_what_else_the_line_holds():
    date, leftovers = dateline("Báo Hải Dương 12/07/2017 09:39 GMT+7")
    assert date.iso() == "2017-07-12T09:39:00+07:00"
    assert leftovers == ["Báo Hải Dương"]


@pytest.mark.parametrize("line", ["31/02/2020", "12/13/2017", "32/1/2017", "1/1/0012", "Ngày 24/3"])
def test_impossible_or_yearless_dates_are_not_dates(line):
    assert find_date(line) is None


def test_invalid_time_is_not_attached():
    assert find_date("12/07/2017 25:61").iso() == "2017-07-12"


def test_valid_date_checks_calendar_and_range():
    assert valid_date(2020, 2, 29)
    assert not valid_date(2019, 2, 29)
    assert not valid_date(1850, 1, 1)


def test_headline_is_not_a_dateline():
    assert dateline("Hà Nội: Cháy lớn ngày 12/07/2017 tại quận Hoàn Kiếm")[1]


def test_glued_timestamp_is_split_from_headline():
    title, stamp = split_glued_date("Hiệu quả từ việc tăng cường sự lãnh đạo (09:39 12/07/2017)")
    assert title == "Hiệu quả từ việc tăng cường sự lãnh đạo"
    assert stamp.iso() == "2017-07-12T09:39:00+07:00"


def test_headline_with_ordinary_parentheses_is_left_alone():
    line = "Tổng kết phong trào (giai đoạn 2015-2020)"
    assert split_glued_date(line) == (line, None)


@pytest.mark.parametrize(
    ("lede", "day", "month", "year"),
    [
        ("Ngày 24/3, quận Đống Đa tổ chức", 24, 3, None),
        ("Sáng 27/10, Quận ủy Nam Từ Liêm", 27, 10, None),
        ("Chiều 1/7, Công an quận", 1, 7, None),
        ("Sáng nay (5/12), Công an tỉnh", 5, 12, None),
        ("Sáng 11/7/2017, UBND huyện", 11, 7, 2017),
    ],
)
def test_lede_time_phrase(lede, day, month, year):
    found = lede_date(lede)
    assert (found.day, found.month, found.year) == (day, month, year)


@pytest.mark.parametrize("lede", ["Trong năm 2015, quận", "Ngày 31/2, x", "Theo ông A, ngày 3/4 là", "Năm 24/3"])
def test_lede_without_opening_date(lede):
    assert lede_date(lede) is None


def test_named_years_skip_targets_and_ranges():
    text = "năm 2015; đến năm 2030; tầm nhìn năm 2045; năm 2017 - 2021; trong năm 2016"
    assert [year for _, year in named_years(text)] == [2015, 2016]


def test_reviewed_years_need_tong_ket_without_a_plan_between():
    text = "tổng kết phong trào năm 2015 và triển khai nhiệm vụ năm 2016"
    assert reviewed_years(text) == {2015}


def test_rule_review_and_plan_in_spring_is_the_plan_year():
    text = "Hội nghị tổng kết phong trào năm 2015 và triển khai nhiệm vụ công tác năm 2016."
    assert year_for_day_month(text, 3)[0] == 2016


def test_rule_review_and_plan_in_december_is_the_reviewed_year():
    text = "Hội nghị tổng kết công tác năm 2020; phương hướng, nhiệm vụ năm 2021."
    assert year_for_day_month(text, 12)[0] == 2020


def test_rule_review_only_in_january_is_the_following_year():
    assert year_for_day_month("Hội nghị tổng kết công tác năm 2015.", 1)[0] == 2016


def test_rule_latest_named_year_otherwise():
    assert year_for_day_month("Trong năm 2018 và năm 2019, quận đã làm tốt.", 9)[0] == 2019


def test_no_year_named_means_no_year():
    year, note = infer_year("Tổng kết 10 năm thực hiện Nghị quyết.", 27, 10)
    assert year is None
    assert "27/10" in note and "left empty" in note


def test_inferred_year_note_says_how():
    year, note = infer_year("tổng kết năm 2015 và triển khai nhiệm vụ năm 2016", 24, 3)
    assert year == 2016
    assert "24/3" in note and "2016" in note and "inferred" in note


def test_inferred_year_must_give_a_real_day():
    year, note = infer_year("trong năm 2019", 29, 2)
    assert year is None and "not a valid day" in note


@pytest.mark.parametrize("arrow", ["›", "»", ">"])
def test_breadcrumb_arrow_before_the_dateline_is_a_separator(arrow):
    # a three-word section in a breadcrumb used to count its arrow as a fourth word
    date, leftovers = dateline(f"Khoa học công nghệ  {arrow}  Thứ Tư, 02/04/2025 - 09:34")
    assert date.iso() == "2025-04-02T09:34:00+07:00"
    assert leftovers == ["Khoa học công nghệ"]
