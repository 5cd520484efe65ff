"""Outlets: lede prefixes, 'Nguồn:' and closing 'Theo' lines, the mapping table."""

import pytest

from khotin.loader.sources import canonical_outlet, footer_outlet, looks_like_outlet, source_line, split_lede_prefix


@pytest.mark.parametrize(
    ("lede", "outlet", "rest"),
    [
        ("Kinhtedothi - Ngày 24/3, quận Đống Đa", "Kinh tế & Đô thị", "Ngày 24/3, quận Đống Đa"),
        ("(HNM) - Sáng nay, Hà Nội", "Hà Nội mới", "Sáng nay, Hà Nội"),
        ("(Dân trí) – Chiều 3/4, Công an", "Dân trí", "Chiều 3/4, Công an"),
        ("VOV.VN - Sáng 2/9", "VOV", "Sáng 2/9"),
        ("TTXVN - Ngày 1/1", "TTXVN", "Ngày 1/1"),
        ("ANTV - Đêm qua", "ANTV", "Đêm qua"),
    ],
)
def test_known_lede_prefixes(lede, outlet, rest):
    prefix = split_lede_prefix(lede)
    assert (prefix.outlet, prefix.rest) == (outlet, rest)


def test_unknown_outlet_code_is_split_off_without_a_name():
    prefix = split_lede_prefix("(BHD) - Công an tỉnh Hải Dương vừa triệt xóa")
    assert prefix.prefix == "BHD" and prefix.outlet is None
    assert prefix.rest == "Công an tỉnh Hải Dương vừa triệt xóa"


@pytest.mark.parametrize(
    "lede",
    ["Hà Nội - Sáng nay, trời mưa", "Ông A - Chủ tịch UBND tặng", "Ngày 24/3 - quận", "Kinhtedothi -"],
)
def test_not_lede_prefixes(lede):
    assert split_lede_prefix(lede) is None


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Nguồn: Báo Hải Phòng", "Báo Hải Phòng"),
        ("Nguồn tin: Công an huyện Gia Lâm", "Công an huyện Gia Lâm"),
        ("(Theo VOV)", "VOV"),
        ("Theo TTXVN.", "TTXVN"),
        ("Theo Báo Hải Dương", "Báo Hải Dương"),
        ("Theo Kinhtedothi", "Kinh tế & Đô thị"),
    ],
)
def test_source_lines(line, outlet):
    assert source_line(line) == outlet


@pytest.mark.parametrize("line", ["Theo ông A, việc này cần làm ngay", "Theo kế hoạch", "Nguồn tin", "Nguồn"])
def test_not_source_lines(line):
    assert source_line(line) is None


def test_mapping_ignores_case_and_bao_prefix():
    assert canonical_outlet("KINHTEDOTHI") == "Kinh tế & Đô thị"
    assert canonical_outlet("Báo Hà Nội mới") == "Hà Nội mới"
    assert canonical_outlet("Tờ báo lạ") is None


@pytest.mark.parametrize("printed, outlet", [("THANH NIEN ONLINE", "Thanh Niên"), ("Nguoi Lao Dong", "Người Lao Động"),
                                             ("Báo Công an nhân dân Online", "Công an nhân dân"),
                                             ("BAO HA NOI MOI", "Hà Nội mới")])
def test_an_outlet_printed_without_its_marks_or_with_online_is_known(printed, outlet):
    assert canonical_outlet(printed) == outlet


def test_online_alone_names_no_outlet():
    assert canonical_outlet("Lao Dong Online") == "Lao Động"
    assert canonical_outlet("Online") is None


def test_a_name_with_some_marks_is_not_matched_without_them():
    assert canonical_outlet("Hải Phong") is None  # a person's name one mark away from "Hải Phòng"


def test_outlet_shapes():
    assert looks_like_outlet("Báo Hải Dương")
    assert looks_like_outlet("Baotintuc.vn")
    assert not looks_like_outlet("Văn Chiến")


@pytest.mark.parametrize(
    ("line", "outlet"),
    [("Nguồn: https://kinhtedothi.vn/bai-viet-1.html", "Kinh tế & Đô thị"),
     ("Nguồn: baohaiduong.vn", "baohaiduong.vn"),
     ("Nguồn: VOV.VN", "VOV")],
)
def test_source_given_as_a_web_address(line, outlet):
    assert source_line(line) == outlet


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("© 2024 Báo điện tử Dân trí", "Dân trí"),
        ("Bản quyền thuộc về Báo Lao Động", "Lao Động"),
        ("Theo dõi Báo Dân trí trên Google News", "Dân trí"),
        ("© Báo Hà Nội mới. Giấy phép số 10/GP-BTTTT", "Hà Nội mới"),
        ("© Copyright 1997-2026 VnExpress.net, All rights reserved", "VnExpress"),
        ("Cơ quan chủ quản: Báo Tuổi Trẻ - Thành ủy TP.HCM", "Tuổi Trẻ"),
        ("Trang thông tin điện tử Công an tỉnh Nghệ An", "Trang thông tin điện tử Công an tỉnh Nghệ An"),
        ("Ghi rõ nguồn \"Báo Quảng Ninh\" khi phát hành lại thông tin", "Báo Quảng Ninh"),
    ],
)
def test_footer_names_the_outlet(line, outlet):
    assert footer_outlet(line) == outlet


@pytest.mark.parametrize(
    "line", ["Báo cáo của UBND quận về tình hình an ninh", "Giấy phép số 123 của Bộ TT&TT", "Liên hệ quảng cáo"]
)
def test_footer_without_an_outlet(line):
    assert footer_outlet(line) is None
