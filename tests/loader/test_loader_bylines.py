"""Bylines: names under the headline or after the last paragraph, signatures in capitals."""

import pytest

from khotin.loader.bylines import byline, is_caps_signature, is_person_name, normal_case


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Phương Nga", "Phương Nga"),
        ("Văn Chiến", "Văn Chiến"),
        ("Nguyễn Thị Minh Khai", "Nguyễn Thị Minh Khai"),
        ("T.Hương", "T.Hương"),
        ("Ngọc Anh - Minh Quân", "Ngọc Anh - Minh Quân"),
        ("Bài và ảnh: Minh Anh", "Minh Anh"),
        ("Tác giả: Lê Hoa", "Lê Hoa"),
        ("Văn Chiến (tổng hợp)", "Văn Chiến"),
        ("Nhóm PV", "Nhóm PV"),
        ("BAN TUYÊN GIÁO QUẬN ỦY", "Ban Tuyên giáo Quận ủy"),
        ("CÔNG AN QUẬN BA ĐÌNH", "Công an quận Ba Đình"),
        ("UBND PHƯỜNG ĐIỆN BIÊN", "UBND phường Điện Biên"),
        ("NGUYỄN VĂN AN", "Nguyễn Văn An"),
    ],
)
def test_bylines(line, author):
    assert byline(line) == author


@pytest.mark.parametrize(
    "line",
    [
        "Quang cảnh Hội nghị.",
        "Kinh tế đô thị cuối tuần",
        "Tin khác",
        "Quận Nam Từ Liêm",
        "Ảnh: Minh Anh",
        "Hưng",
        "Ông Nguyễn Song Hào - Chủ tịch UBND quận Đống Đa tặng Giấy khen",
        "Hội nghị tổng kết năm 2015",
        "Theo VOV",
    ],
)
def test_not_bylines(line):
    assert byline(line) is None


def test_person_name_rejects_digits_and_long_runs():
    assert not is_person_name("Nguyễn Văn 3")
    assert not is_person_name("Một Hai Ba Bốn Năm Sáu")


def test_caps_signature_shape():
    assert is_caps_signature("BAN TUYÊN GIÁO QUẬN ỦY")
    assert not is_caps_signature("BAN TUYÊN GIÁO.")
    assert not is_caps_signature("Ban Tuyên giáo")


def test_normal_case_handles_both_spellings_of_uy():
    assert normal_case("BAN DÂN VẬN THÀNH UỶ") == "Ban Dân vận Thành ủy"
