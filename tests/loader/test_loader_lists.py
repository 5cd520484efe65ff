"""Lists of other articles that no list word announces, and lists inside the
article. Hand-made pages of an invented portal: a section whose name has a
person's-name shape ("Góc Nhìn Việt") heads a list under the article, the
byline stands at the end of the text or next to the dateline, and a
"Đọc thêm" box sits between paragraphs."""

from __future__ import annotations

from khotin.loader import notes
from khotin.loader.chrome import Chrome, article_end, mask
from khotin.loader.layout import learn, learning_lines, lay_out
from khotin.loader.page import parse_page

HEADLINES = [f"Tin số {n}: đoàn công tác liên ngành làm việc với xã vùng cao {place}"
             for n, place in enumerate(["Tà Xùa", "Mường Lát", "Pà Cò", "Na Mèo", "Sìn Hồ", "Bát Xát", "Y Tý"])]
AUTHORS = ["Minh Quân", "Thu Hà", "Minh Quân", "Lê Hoàng", "Thu Hà", "Lê Hoàng", "Minh Quân"]
SECTION = "Góc Nhìn Việt"  # shaped like a personal name: the byline rules alone would keep it


def _sentences(n: int) -> list[str]:
    return [
        f"Đoàn công tác số {n} đã làm việc với chính quyền xã trong suốt ba ngày của tuần qua.",
        "Qua kiểm tra, đoàn ghi nhận nhiều cách làm hay trong việc hỗ trợ các hộ nghèo phát triển sản xuất.",
        f"Lãnh đạo xã cho biết sẽ hoàn thành {n + 5} công trình dân sinh trước mùa mưa năm nay.",
    ]


def _page(n: int, byline_at_date: bool = False, section_first: bool = True) -> str:
    related = [HEADLINES[(n + k) % len(HEADLINES)] for k in (1, 2, 3)]
    dateline = f"Thứ Hai, 0{n + 1}/06/2025 - 08:30"
    lines = ["Trang chủ  ›  Xã hội", dateline]
    lines += [AUTHORS[n]] if byline_at_date else []
    lines += [HEADLINES[n], ""] + _sentences(n) + [""]
    lines += [] if byline_at_date else [AUTHORS[n]]
    lines += ["Chia sẻ Facebook  Chia sẻ Zalo", ""]
    lists = [[SECTION] + related, ["Xem nhiều nhất"] + related[::-1]]
    for block in (lists if section_first else lists[::-1]):
        lines += block + [""]
    lines += ["© Bản quyền thuộc về báo điện tử"]
    return "\n".join(lines) + "\n"


def _known(pages: list[str]):
    return learn(learning_lines(text) for text in pages)


def test_a_name_shaped_section_over_lists_on_many_pages_is_a_list_heading():
    pages = [_page(n, byline_at_date=n == 3) for n in range(len(HEADLINES))]
    known = _known(pages)
    assert known.is_learned_heading(SECTION)
    assert not known.is_learned_heading("Minh Quân")  # the byline stands over the toolbar
    for n in (0, 3):
        parsed = parse_page(pages[n], f"p{n}.txt", known)
        assert parsed.author == AUTHORS[n]
        assert parsed.body.split("\n\n")[-1] == _sentences(n)[-1]
        assert SECTION not in parsed.body
        assert not any(headline in parsed.body for headline in HEADLINES if headline != HEADLINES[n])


def test_without_learning_the_section_stays_in_an_unsigned_body():
    # on a page with no signature, what the import learns is what makes the difference
    pages = [_page(n) for n in range(len(HEADLINES))]
    unsigned = pages[0].replace(f"\n{AUTHORS[0]}\n", "\n")
    assert SECTION in parse_page(unsigned, "p0.txt").body
    assert SECTION not in parse_page(unsigned, "p0.txt", _known(pages)).body


def test_a_signed_page_alone_ends_at_its_signature():
    parsed = parse_page(_page(0), "p0.txt")
    assert parsed.author == AUTHORS[0]
    assert SECTION not in parsed.body
    assert parsed.body.split("\n\n")[-1] == _sentences(0)[-1]


def test_too_few_pages_teach_no_heading():
    pages = [_page(n) for n in range(2)]
    assert not _known(pages).is_learned_heading(SECTION)


def test_a_byline_straight_over_a_list_on_some_of_its_pages_is_not_a_heading():
    # one author signs three pages; on two of them the byline stands straight over a list
    pages = [_page(n).replace("Chia sẻ Facebook  Chia sẻ Zalo\n", "") if n in (0, 2) else _page(n)
             for n in range(len(HEADLINES))]
    pages = [text.replace(f"\n{AUTHORS[n]}\n\n", f"\n{AUTHORS[n]}\n") for n, text in enumerate(pages)]
    known = _known(pages)
    assert not known.is_learned_heading("Minh Quân")
    assert parse_page(pages[4], "p4.txt", known).author == AUTHORS[4]


def test_a_learned_heading_that_is_the_only_name_on_the_page_is_noted():
    pages = [_page(n) for n in range(len(HEADLINES))]
    known = _known(pages)
    unsigned = pages[1].replace(f"\n{AUTHORS[1]}\n", "\n")
    parsed = parse_page(unsigned, "p1.txt", known)
    assert parsed.author is None
    assert SECTION not in parsed.body
    assert any(note.startswith(notes.NAME_AS_HEADING) and SECTION in note for note in parsed.review)
    signed = parse_page(pages[1], "p1.txt", known)
    assert not any(note.startswith(notes.NAME_AS_HEADING) for note in signed.review)


def test_a_byline_beside_the_dateline_above_the_headline_is_the_author():
    parsed = parse_page(_page(2, byline_at_date=True), "p2.txt")
    assert parsed.title == HEADLINES[2]
    assert parsed.author == AUTHORS[2]
    assert parsed.date == "2025-06-03T08:30:00+07:00"


def test_a_name_above_the_headline_away_from_the_dateline_is_not_the_author():
    text = "\n".join(["Thứ Hai, 02/06/2025 - 08:30", "Xã hội", "Minh Quân", HEADLINES[0], ""] + _sentences(0))
    assert parse_page(text, "p.txt").author is None


def _prose(n: int) -> str:
    return f"Đoạn văn thứ {n} của bài báo kể lại diễn biến buổi làm việc của đoàn với người dân địa phương."


def test_the_article_goes_on_after_a_read_more_box_near_its_end():
    lines = [HEADLINES[0], "Thứ Hai, 02/06/2025 - 08:30", _prose(1), _prose(2), _prose(3), _prose(4),
             "Đọc thêm", HEADLINES[1], HEADLINES[2], _prose(5), "Minh Quân",
             "Tin cùng chuyên mục", HEADLINES[3], HEADLINES[4]]
    parsed = parse_page("\n".join(lines), "p.txt")
    body = parsed.body.split("\n\n")
    assert body[-1] == _prose(5)
    assert parsed.author == "Minh Quân"
    assert not any(headline in parsed.body for headline in HEADLINES[1:5])


def test_a_read_more_box_with_one_headline_goes_with_its_heading():
    # the import learned the portal's "Đọc thêm" as chrome: as a list heading it heads a single headline
    known = Chrome(learned=frozenset({mask("Đọc thêm")}))
    lines = [HEADLINES[0], "Thứ Hai, 02/06/2025 - 08:30", _prose(1), _prose(2),
             "Đọc thêm", HEADLINES[1], _prose(3), _prose(4), "Minh Quân"]
    parsed = parse_page("\n".join(lines), "p.txt", known)
    assert parsed.body.split("\n\n") == [_prose(n) for n in (1, 2, 3, 4)]
    assert parsed.author == "Minh Quân"


def test_a_list_whose_items_carry_summaries_still_ends_the_article():
    article = [_prose(n) for n in range(1, 9)]
    lines = article + ["Tin liên quan", HEADLINES[1], _prose(11), HEADLINES[2], _prose(12)]
    layout = lay_out("\n".join(lines), learn([]))
    assert list(layout.lines) == article


def test_a_list_with_one_summarised_item_at_the_end_still_ends_the_article():
    article = [_prose(n) for n in range(1, 5)]
    layout = lay_out("\n".join(article + ["Tin liên quan", HEADLINES[1], _prose(11)]), learn([]))
    assert list(layout.lines) == article


def test_article_end_passes_over_inline_headings():
    lines = [_prose(1) * 3, "Tin khác", "Bài một", _prose(2), "Xem thêm", "Bài hai", "Bài ba"]
    prose = [True, False, False, True, False, False, False]
    assert article_end(lines, prose) == (1, "Tin khác")
    assert article_end(lines, prose, inline={1}) == (4, "Xem thêm")
