"""Whatever the input, the loader answers with a page or a SeedError."""

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from khotin.errors import SeedError
from khotin.loader import ParsedPage, decode_seed, parse_page

VIETNAMESE = "àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵĐƯƠ"
LINES = st.lists(
    st.one_of(
        st.text(alphabet=string.ascii_letters + VIETNAMESE + " .,:-/()|*#>0123456789", max_size=120),
        st.sampled_from([
            "Chia sẻ", "Print Thứ Ba, 29/12/2020 19:00 Gốc", "Tin khác", "QR CODE: Tiêu đề của bài viết",
            "Kinhtedothi - Ngày 24/3, quận Đống Đa tổ chức hội nghị tổng kết công tác năm 2015.",
            "BAN TUYÊN GIÁO QUẬN ỦY", "Phương Nga", "(09:39 12/07/2017)", "1. Mục một", "",
            "Hội nghị tổng kết phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2020 (09:39 12/07/2017)",
        ]),
    ),
    max_size=30,
)


def _check(text):
    try:
        page = parse_page(text, "x.txt")
    except SeedError as error:
        assert error.reason
        return
    assert isinstance(page, ParsedPage)
    assert page.title.strip()
    assert page.summary is None or len(page.summary) <= 300


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_page_on_arbitrary_text(text):
    _check(text)


@settings(max_examples=300, deadline=None)
@given(LINES)
def test_parse_page_on_page_like_text(lines):
    _check("\n".join(lines))


@settings(max_examples=300, deadline=None)
@given(st.binary())
def test_decode_then_parse_on_arbitrary_bytes(raw):
    try:
        text = decode_seed(raw, "x.txt")
    except SeedError as error:
        assert error.reason
        return
    assert isinstance(text, str) and text.strip()
    _check(text)


def test_very_long_single_line_page():
    line = "Một câu rất dài trong bài báo, " * 200_000
    page = parse_page("Tiêu đề của một bài báo rất dài\n" + line, "x.txt")
    assert page.title == "Tiêu đề của một bài báo rất dài"
    assert len(page.body) >= len(line.strip())
    assert len(page.summary) <= 300


def test_large_page_of_many_paragraphs():
    paragraph = "Lực lượng Công an phường đã phối hợp với tổ dân phố tuần tra bảo đảm an ninh trật tự số {}."
    text = "Tổng kết công tác bảo đảm an ninh trật tự năm 2020\n" + "\n".join(
        paragraph.format(i) for i in range(200_000))
    page = parse_page(decode_seed(text.encode(), "big.txt"), "big.txt")
    assert page.body.count("\n\n") == 199_999
