"""Portal chrome lines and the end of the article."""

import pytest

from khotin.loader.chrome import article_end, is_chrome, is_list_heading, is_section_label


@pytest.mark.parametrize(
    "line",
    [
        "Chia sẻ", "Chia sẻ Zalo", "Print", "In bài", "Gửi email", "In bài | Gửi email | Chia sẻ",
        "Lượt xem: 1.234", "1234 lượt xem", "Viết bình luận", "Họ tên:(*)", "Số điện thoại:",
        "Tiêu đề:(*)", "Nội dung:(*)", "Mã xác nhận: Lấy lại mã bảo mật", "Bài viết Xem",
        "Tiện ích thông tin", "Nguồn tin", "QR Code", "QR Code Fanpage", "Chúng tôi trên Mạng Xã hội",
        "Mã QR Code truy cập vào Fanpage Cổng tin tức Thành phố Hải Phòng",
        "Trang chủ > Tin tức > An ninh", "Thời sự » Pháp luật", "© 2017 Báo Hà Nội mới",
        "Bản quyền thuộc về UBND huyện Gia Lâm", "Tags: an ninh, trật tự", "Cỡ chữ", "A- A A+",
    ],
)
def test_chrome_lines(line):
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "Quang cảnh Hội nghị.",
        "Văn Chiến",
        "Người dân được khuyến khích chia sẻ thông tin về tội phạm với công an phường.",
        "In ấn tài liệu tuyên truyền",
    ],
)
def test_article_lines_are_not_chrome(line):
    assert not is_chrome(line)


@pytest.mark.parametrize(
    "line", ["Tin khác", "Tin đọc nhiều", "Các bài mới đăng", "Các bài đã đăng :", "Tin liên quan", "Xem nhiều nhất"]
)
def test_list_headings(line):
    assert is_list_heading(line)


def test_list_heading_words_inside_a_sentence_do_not_count():
    assert not is_list_heading("Tin khác về vụ việc sẽ được cập nhật.")


def _prose(n):
    return "Câu văn của bài báo dài đủ để là một đoạn văn thật sự trong bài. " * n


def test_article_ends_at_a_late_list_heading():
    lines = [_prose(3), _prose(3), "Tin khác", "Bài một", "Bài hai"]
    assert article_end(lines, [True, True, False, False, False]) == (2, "Tin khác")


def test_an_early_list_heading_is_not_the_end():
    lines = ["Tin đọc nhiều", "Bài một", _prose(3), _prose(3), _prose(3)]
    assert article_end(lines, [False, False, True, True, True]) == (5, None)


@pytest.mark.parametrize("line", ["Thời sự", "Tin hoạt động", "Tin tức - Sự kiện", "An ninh - Trật tự | Pháp luật"])
def test_section_labels(line):
    assert is_section_label(line)


def test_kicker_phrase_is_not_a_section_label():
    assert not is_section_label("Hướng tới Đại hội Đảng bộ quận Ba Đình lần thứ XXVI")
