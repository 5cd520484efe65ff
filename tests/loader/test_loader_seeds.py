"""Golden records for the five seeds: front matter field by field, body by
required and forbidden lines.

"No sentence lost" is checked generally: every line of a seed that reads as
article prose must appear in the body (less an outlet prefix).
"""

from pathlib import Path

import pytest

from khotin.loader import decode_seed, parse_page
from khotin.loader.text import clean_line, is_prose

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def parse(stem_prefix):
    path = next(SEEDS.glob(f"{stem_prefix}_*.txt"))
    return path, parse_page(decode_seed(path.read_bytes(), path.name), path.name)


EXPECTED = {
    "000": dict(
        title="Nhiệm kỳ 2015-2020: Những kết quả nổi bật trong công tác an ninh-quốc phòng",
        kicker="Hướng tới Đại hội Đảng bộ quận Ba Đình lần thứ XXVI",
        date="2020-05-31T01:50:00+07:00", author="Ban Tuyên giáo Quận ủy", source=None,
    ),
    "001": dict(
        title="Đống Đa tổng kết Phong trào bảo vệ an ninh Tổ quốc năm 2015",
        kicker=None, date="2016-03-24", author=None, source="Kinh tế & Đô thị",
    ),
    "002": dict(
        title=("5 năm thực hiện Chỉ thị số 09-CT/TW: Hiệu quả từ việc tăng cường sự lãnh đạo "
               "của Đảng trong bảo vệ an ninh Tổ quốc"),
        kicker=None, date="2017-07-12T09:39:00+07:00", author="Văn Chiến",
        source="HNP",
    ),
    "003": dict(
        title="Quận Nam Từ Liêm xây dựng thế trận lòng dân vững chắc trong tình hình mới",
        kicker=None, date=None, author="Phương Nga", source="Kinh tế & Đô thị",
    ),
    "004": dict(
        title="Khơi dậy, phát huy sức sáng tạo của quần chúng trong bảo vệ an ninh Tổ quốc",
        kicker=None, date="2020-12-29T19:00:00+07:00", author="Hoàng Tùng",
        source="Cổng tin tức Thành phố Hải Phòng",
    ),
}

FIELDS = ("title", "kicker", "date", "author", "source")


@pytest.mark.parametrize("seed", sorted(EXPECTED))
@pytest.mark.parametrize("field", FIELDS)
def test_front_matter(seed, field):
    _, page = parse(seed)
    assert getattr(page, field) == EXPECTED[seed][field]


FORBIDDEN = [
    "Chia sẻ", "Chia sẻ Zalo", "Tin đọc nhiều", "Kinh tế đô thị cuối tuần", "Các bài mới đăng",
    "Các bài đã đăng", "Viết bình luận", "Họ tên", "Mã xác nhận", "Lấy lại mã", "Tiện ích thông tin",
    "QR Code", "QR CODE", "Print", "Tin khác", "Chúng tôi trên Mạng Xã hội", "Fanpage", "Ngày đăng",
    "Kinhtedothi -", "HNP -", "(09:39 12/07/2017)", "BAN TUYÊN GIÁO", "Văn Chiến", "Hoàng Tùng",
    "Phương Nga", "Gốc",
]


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_body_has_no_chrome_or_front_matter_lines(seed):
    _, page = parse(seed)
    paragraphs = page.body.split("\n\n")
    for paragraph in paragraphs:
        assert paragraph.strip("*") not in FORBIDDEN
        assert not any(paragraph.startswith(chrome) for chrome in FORBIDDEN[:22]), paragraph
    assert page.title not in paragraphs
    if page.kicker:
        assert page.kicker not in page.body


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_no_article_sentence_is_lost(seed):
    path, page = parse(seed)
    body = page.body.replace("\\", "")
    for raw in decode_seed(path.read_bytes(), path.name).split("\n"):
        line = clean_line(raw)
        if is_prose(line):
            for prefix in ("Kinhtedothi - ", "HNP - "):
                line = line.removeprefix(prefix)
            assert line.rstrip(".") in body, line[:80]


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_summary_is_the_lede_within_300_characters(seed):
    _, page = parse(seed)
    first = page.body.split("\n\n")[0]
    assert page.summary and len(page.summary) <= 300
    assert first.startswith(page.summary.rstrip("…"))


def test_lede_keeps_its_sentence_without_outlet_prefix():
    _, page = parse("001")
    assert page.body.startswith("Ngày 24/3, quận Đống Đa đã tổ chức Hội nghị tổng kết")


def test_repeated_captions_appear_once_in_italics():
    _, page = parse("003")
    caption = ('*Quận Nam Từ Liêm trao giấy khen cho 11 tập thể và 22 cá nhân có thành tích xuất sắc '
               'trong thực hiện Nghị quyết Trung ương 8, khóa XI về "Chiến lược bảo vệ Tổ quốc trong tình hình mới"*')
    assert page.body.count(caption) == 1
    assert page.body.count("Trần Đức Hoạt phát biểu tại buổi tổng kết") == 1
    # the closing paragraph says the same thing in other words and stays
    assert page.body.endswith("trong tình hình mới\".")


def test_caption_differing_by_a_final_full_stop_is_a_repeat():
    _, page = parse("001")
    assert page.body.count("Ông Nguyễn Song Hào - Chủ tịch UBND quận Đống Đa tặng Giấy khen") == 1
    assert "*Ông Nguyễn Song Hào" in page.body


def test_lone_captions_are_italic():
    _, page = parse("004")
    assert "*Quang cảnh Hội nghị.*" in page.body.split("\n\n")


def test_review_notes_say_what_was_inferred_or_dropped():
    assert any("2016" in note and "24/3" in note for note in parse("001")[1].review)
    assert any("27/10" in note and "left empty" in note for note in parse("003")[1].review)
    assert any("QR CODE" in note for note in parse("004")[1].review)
    assert any("Các bài mới đăng" in note for note in parse("002")[1].review)


def test_seeds_parse_identically_twice():
    assert parse("003")[1] == parse("003")[1]
