"""Portal chrome lines and the end of the article."""

import pytest

from khotin.loader.chrome import article_end, is_chrome, is_list_heading, is_section_label


@pytest.mark.parametrize(
    "line",
    [
        "Chia sẻ", "Chia sẻ Facebook", "Print", "In bài viết", "Gửi email", "In bài | Gửi email | Chia sẻ",
        "Lượt xem: 5.678", "987 lượt xem", "Viết bình luận", "Họ và tên:(*)", "Điện thoại:",
        "Tiêu đề:", "Nội dung:(*)", "Mã bảo mật: Lấy lại mã", "Tiện ích", "Nguồn tin", "QR Code",
        "Quét mã QR để đọc trên điện thoại", "Kết nối với chúng tôi", "Trang chủ > Thời sự > Xã hội",
        "Kinh tế » Doanh nghiệp", "© 2021 Báo Quảng Ninh", "Bản quyền thuộc về UBND tỉnh Bắc Giang",
        "Tags: giao thông, tai nạn", "Cỡ chữ A- A+", "A- A A+", "Báo lỗi", "Đánh dấu đọc sau",
        "Đăng ký nhận bản tin mỗi sáng", "Link bài gốc",
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


# --- chrome learned across one import -------------------------------------------------

from khotin.loader.chrome import LEXICON_ONLY, mask  # noqa: E402
from khotin.loader.layout import learn, learning_lines  # noqa: E402
from khotin.loader.page import parse_page  # noqa: E402

_SENTENCES = [
    "Lực lượng chức năng đã kiểm tra {n} cơ sở kinh doanh trên địa bàn trong tháng qua.",
    "Qua kiểm tra, đoàn phát hiện nhiều sai phạm về phòng cháy chữa cháy tại các kho hàng.",
    "Chính quyền địa phương yêu cầu các hộ kinh doanh khắc phục ngay trong tuần tới.",
]
_HEADLINES = [f"Tin số {n}: đoàn kiểm tra liên ngành làm việc tại xã miền núi {name}"
              for n, name in enumerate(["Tà Xùa", "Mường Lát", "Pà Cò", "Na Mèo", "Sìn Hồ", "Bát Xát"])]


def _page(n: int, related: list[int]) -> str:
    lines = ["Ghim tin này", _HEADLINES[n], f"Lượt nghe ({n * 7})", "Minh Quân"]
    lines += [s.format(n=n + 3) for s in _SENTENCES]
    lines += ["Đọc tiếp các tin"] + [_HEADLINES[r] for r in related] + ["Gửi góp ý tới ban biên tập"]
    return "\n".join(lines)


def _pages():
    return [_page(n, [(n + 1) % 6, (n + 2) % 6, (n + 3) % 6]) for n in range(6)]


def test_masking_joins_counters():
    assert mask("Bình luận (0)") == mask("Bình luận (12)") == mask("BÌNH LUẬN (3)")


def test_recurring_widget_lines_are_learned_but_headlines_and_bylines_are_not():
    known = learn(learning_lines(text) for text in _pages())
    for widget in ("Ghim tin này", "Lượt nghe (14)", "Gửi góp ý tới ban biên tập", "Đọc tiếp các tin"):
        assert known.is_chrome(widget), widget
    assert not known.is_chrome(_HEADLINES[2])  # heads its own page; seen in others' lists
    assert not known.is_chrome("Minh Quân")    # a byline recurs by nature
    assert not any(known.is_chrome(s.format(n=4)) for s in _SENTENCES)  # sentences are the article's


def test_a_learned_widget_no_longer_becomes_the_title():
    pages = _pages()
    alone = parse_page(pages[0], "p0.txt", LEXICON_ONLY)
    assert alone.title != _HEADLINES[0]  # the lexicon does not know "Ghim tin này"
    known = learn(learning_lines(text) for text in pages)
    parsed = parse_page(pages[0], "p0.txt", known)
    assert parsed.title == _HEADLINES[0]
    assert parsed.author == "Minh Quân"
    assert "Gửi góp ý" not in parsed.body and "Lượt nghe" not in parsed.body
    assert parsed.body.split("\n\n")[-1] == _SENTENCES[-1]


def test_two_pages_are_too_few_to_learn_from():
    assert learn(learning_lines(text) for text in _pages()[:2]).learned == frozenset()


@pytest.mark.parametrize(
    "line",
    ["Lưu bài viết", "Bình luận (0)", "Viết bình luận của bạn", "Theo dõi Báo Lao Động trên Google News",
     "Đánh giá bài viết: 4.5/5", "Nghe bài viết", "Đã sao chép liên kết", "Tải ứng dụng đọc báo",
     "Chia sẻ | Lưu | In bài", "Giọng nam miền Bắc | Giọng nữ miền Nam", "Tốc độ đọc: 1.25x",
     "Thích 3 Haha 1", "Tặng sao cho tác giả (12 sao)", "Vui lòng đăng nhập để bình luận.",
     "Xem thêm bình luận", "Xem thêm tin kinh doanh"],
)
def test_lexicon_knows_common_widgets(line):
    assert is_chrome(line)
