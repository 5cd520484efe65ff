"""Pages from portals the seeds do not come from (hand-made, realistic):
VnExpress-style, a Báo Mới-like aggregator page, a district government
portal, a provincial portal signing in capitals."""

from pathlib import Path

import pytest

from khotin.errors import SeedError
from khotin.loader import decode_seed, parse_page

PAGES = Path(__file__).resolve().parent / "pages"


def page(name):
    path = PAGES / name
    return parse_page(decode_seed(path.read_bytes(), name), name)


def paragraphs(parsed):
    return parsed.body.split("\n\n")


def test_vnexpress_style():
    parsed = page("vnexpress_style.txt")
    assert parsed.title == "Công an Hà Nội bắt nhóm trộm xe máy ở quận Cầu Giấy"
    assert parsed.kicker is None
    assert parsed.date == "2017-07-02T10:15:00+07:00"
    assert parsed.author == "Võ Hải"
    assert parsed.source is None
    assert parsed.summary.startswith("Nhóm thanh niên 5 người bị bắt")
    body = paragraphs(parsed)
    assert body[-1] == "Vụ việc đang được mở rộng điều tra."
    assert "*Nhóm bị bắt cùng tang vật tại cơ quan công an. Ảnh: Công an cung cấp*" in body
    assert "1\\. Người dân cần khóa xe cẩn thận và gửi xe ở nơi có bảo vệ, nhà chức trách khuyến cáo." in body
    for chrome in ("Thời sự", "Chia sẻ", "Tin liên quan", "Bắt kẻ trộm xe máy trong đêm", "Võ Hải"):
        assert chrome not in body


def test_aggregator_page_with_other_news_list():
    parsed = page("baomoi_style.txt")
    assert parsed.title == "Hải Dương: Triệt xóa ổ nhóm cho vay nặng lãi hoạt động ở 3 huyện"
    assert parsed.date == "2017-07-12T09:39:00+07:00"
    assert parsed.source == "Báo Hải Dương"
    assert parsed.author is None
    body = paragraphs(parsed)
    assert body[0].startswith("Công an tỉnh Hải Dương vừa triệt xóa")
    assert body.count("*Các đối tượng tại cơ quan công an*") == 1
    assert "Các đối tượng tại cơ quan công an." not in body
    assert body[3].startswith("\\# Khám xét khẩn cấp")
    assert body[-1] == "Hiện vụ việc đang được điều tra, mở rộng."
    assert not any("Tin khác" in p or "nồng độ cồn" in p or "Theo Báo" in p for p in body)
    assert any("BHD" in note for note in parsed.review)


def test_government_portal():
    parsed = page("government_portal.txt")
    assert parsed.title == 'Huyện Gia Lâm ra mắt mô hình "Camera an ninh" tại xã Đa Tốn'
    assert parsed.date == "2017-07-12"
    assert parsed.source == "Công an huyện Gia Lâm"
    assert parsed.author is None
    body = paragraphs(parsed)
    assert len(body) == 4
    assert body[2].startswith("\\- Đây là mô hình thứ 5")
    for chrome in ("Cập nhật", "Lượt xem", "In bài", "Nguồn tin", "Tin đọc nhiều", "Bản quyền", "Trang chủ"):
        assert not any(chrome in p for p in body)


def test_provincial_portal_signature_under_title_and_glued_time():
    parsed = page("provincial_caps_signature.txt")
    assert parsed.title == "Công an tỉnh Bắc Ninh ra quân tấn công trấn áp tội phạm dịp cuối năm"
    assert parsed.kicker is None  # "Tin hoạt động" is a section label, not a kicker
    assert parsed.date == "2019-12-05T08:15:00+07:00"
    assert parsed.author == "Công an tỉnh Bắc Ninh"
    assert '<script>alert("xss")</script> là chuỗi ký tự được giữ nguyên như văn bản.' in paragraphs(parsed)


def test_the_signature_closes_the_article():
    """Below the byline: widgets no lexicon knows and a section's list; the
    dateline carries the section's name before its date."""
    parsed = page("signature_then_widgets.txt")
    assert parsed.title == "Cần Thơ lắp thêm 40 camera giám sát ở các tuyến đường ven sông"
    assert parsed.date == "2024-12-03T08:10:00+07:00"
    assert parsed.author == "Hoàng Long - Mỹ Thanh"
    body = paragraphs(parsed)
    assert body[0].startswith("Sau nhiều phản ánh của người dân")
    assert body[-1].startswith("Người dân khu vực cho biết")
    assert "*Camera ven bờ kè Ninh Kiều - Ảnh: HOÀNG LONG*" in body
    for chrome in ("Giọng nữ", "Gửi hoa", "Quan tâm", "Về chuyên mục", "Chuyên trang", "Xe tải lật"):
        assert not any(chrome in p for p in body)
    assert any("under the signature" in note and "Gửi hoa" in note for note in parsed.review)


def test_a_name_under_the_last_paragraph_with_prose_after_it_is_not_a_signature():
    text = ("Phường Láng Hạ tổng kết mô hình camera an ninh\n"
            "Phường Láng Hạ đã tổng kết hai năm vận hành mô hình camera an ninh tại các ngõ phố.\n"
            "Minh Anh\n"
            "Mô hình sẽ được nhân rộng ra các phường khác của quận Đống Đa trong năm tới.\n")
    parsed = parse_page(text, "x.txt")
    assert parsed.body.split("\n\n")[-1].startswith("Mô hình sẽ được nhân rộng")
    assert not any("under the signature" in note for note in parsed.review)


def test_byline_and_outlet_in_a_slash_signature():
    text = ("Cảnh sát giao thông xử lý 200 trường hợp vi phạm nồng độ cồn\n\n"
            "Ngày 3/2/2023, lực lượng CSGT Hà Nội đã ra quân kiểm tra nồng độ cồn trên nhiều tuyến phố.\n\n"
            "Minh Anh/VOV\n")
    parsed = parse_page(text, "x.txt")
    assert (parsed.author, parsed.source, parsed.date) == ("Minh Anh", "VOV", "2023-02-03")


def test_dateline_sharing_a_line_with_the_author():
    text = ("Hà Nội bàn giao 50 căn nhà tình nghĩa cho gia đình chính sách\n"
            "Lê Hoa | 27/07/2021 08:00\n"
            "Sáng nay, thành phố tổ chức lễ bàn giao nhà tình nghĩa cho các gia đình chính sách.\n")
    parsed = parse_page(text, "x.txt")
    assert (parsed.author, parsed.date) == ("Lê Hoa", "2021-07-27T08:00:00+07:00")


def test_no_headline_anywhere_is_an_error():
    text = "Chia sẻ\nPrint\n\nNgày 24/3, quận Đống Đa đã tổ chức Hội nghị tổng kết công tác năm 2015 tại trụ sở.\n"
    with pytest.raises(SeedError) as caught:
        parse_page(text, "seeds/x.txt")
    assert caught.value.reason == "no recognisable title"


def test_page_without_date_says_so():
    text = ("Quận Hoàn Kiếm ra mắt tổ an ninh khu phố kiểu mẫu\n\n"
            "Quận Hoàn Kiếm vừa ra mắt mô hình tổ an ninh khu phố kiểu mẫu tại phường Hàng Trống.\n")
    parsed = parse_page(text, "x.txt")
    assert parsed.date is None
    assert any("no publication date" in note for note in parsed.review)


def test_kicker_needs_a_headline_below_it_anchored_by_a_dateline():
    text = ("Chào mừng Đại hội Đảng bộ thành phố lần thứ XVII\n"
            "Hà Nội giữ vững an ninh chính trị trong nhiệm kỳ qua\n"
            "Cập nhật: 01/10/2020\n"
            "Trong nhiệm kỳ qua, lực lượng Công an Thủ đô đã hoàn thành xuất sắc các nhiệm vụ được giao.\n")
    parsed = parse_page(text, "x.txt")
    assert parsed.kicker == "Chào mừng Đại hội Đảng bộ thành phố lần thứ XVII"
    assert parsed.title == "Hà Nội giữ vững an ninh chính trị trong nhiệm kỳ qua"


def test_iso_timestamp_from_page_metadata():
    text = ("Phường Láng Hạ tổng kết mô hình camera an ninh\n2017-07-12T09:39:00+07:00\n"
            "Phường Láng Hạ đã tổng kết hai năm vận hành mô hình camera an ninh tại các ngõ phố.\n")
    assert parse_page(text, "x.txt").date == "2017-07-12T09:39:00+07:00"


def test_date_at_the_foot_of_the_page():
    text = ("Phường Láng Hạ tổng kết mô hình camera an ninh\n"
            "Phường Láng Hạ đã tổng kết hai năm vận hành mô hình camera an ninh tại các ngõ phố.\n"
            "Ngày cập nhật: 12-7-2017\n")
    parsed = parse_page(text, "x.txt")
    assert parsed.date == "2017-07-12"
    assert "cập nhật" not in parsed.body


def test_sidebar_list_at_the_top_keeps_the_page_headline():
    text = ("Tin đọc nhiều\nBắt đối tượng trộm cắp tại chùa Hương\nXử phạt 12 trường hợp vi phạm nồng độ cồn\n"
            "Công an quận Hà Đông ra mắt mô hình tổ liên gia an toàn\n"
            "Sáng 12/5/2022, Công an quận Hà Đông ra mắt mô hình tổ liên gia an toàn phòng cháy chữa cháy.\n")
    parsed = parse_page(text, "x.txt")
    assert parsed.title == "Công an quận Hà Đông ra mắt mô hình tổ liên gia an toàn"
    assert "Xử phạt" not in parsed.body and "chùa Hương" not in parsed.body
    assert parsed.date == "2022-05-12"


def test_related_box_in_mid_article_is_dropped_but_prose_after_it_stays():
    prose = "Lực lượng Công an phường đã phối hợp với tổ dân phố tuần tra bảo đảm an ninh trật tự đoạn {}."
    text = "\n".join(["Phường Yên Hòa tăng cường tuần tra ban đêm trong dịp hè", prose.format(1), prose.format(2),
                      "Tin liên quan", "Bắt đối tượng trộm cắp tại chùa Hương", "Xử phạt 12 trường hợp vi phạm",
                      prose.format(3), prose.format(4), prose.format(5), prose.format(6), prose.format(7)])
    parsed = parse_page(text, "x.txt")
    assert "chùa Hương" not in parsed.body and "Tin liên quan" not in parsed.body
    assert all(prose.format(i) in parsed.body for i in range(1, 8))


def test_signature_with_outlet_in_parentheses():
    text = ("Hải Phòng ra quân bảo đảm trật tự an toàn giao thông dịp Tết\n"
            "Sáng nay, Công an thành phố Hải Phòng ra quân bảo đảm trật tự an toàn giao thông dịp Tết.\n"
            "Minh Anh (Theo Báo Hải Phòng)\n")
    parsed = parse_page(text, "x.txt")
    assert (parsed.author, parsed.source) == ("Minh Anh", "Báo Hải Phòng")


def test_outlet_name_line_under_the_headline():
    text = ("Hải Phòng ra quân bảo đảm trật tự an toàn giao thông dịp Tết\nHà Nội mới\n"
            "Sáng nay, Công an thành phố Hải Phòng ra quân bảo đảm trật tự an toàn giao thông dịp Tết.\n")
    assert parse_page(text, "x.txt").source == "Hà Nội mới"


def test_headline_printed_in_capitals_is_not_a_signature():
    text = ("Hướng tới Đại hội Đảng bộ thành phố lần thứ XVII\nHÀ NỘI GIỮ VỮNG AN NINH CHÍNH TRỊ TRONG NHIỆM KỲ QUA\n"
            "Ngày đăng 01/10/2020 | 08:00\n"
            "Trong nhiệm kỳ qua, lực lượng Công an Thủ đô đã hoàn thành xuất sắc các nhiệm vụ được giao.\n")
    parsed = parse_page(text, "x.txt")
    assert parsed.title == "HÀ NỘI GIỮ VỮNG AN NINH CHÍNH TRỊ TRONG NHIỆM KỲ QUA"
    assert parsed.author is None


def test_24h_style_author_and_outlet_in_the_theo_line():
    parsed = page("h24_style.txt")
    assert parsed.title == 'Hà Nội: Bắt quả tang nhóm "cát tặc" trên sông Hồng'
    assert parsed.date == "2017-07-12T09:39:00+07:00"
    assert (parsed.author, parsed.source) == ("Nguyễn Hưng", "Báo Tin Tức")
    assert paragraphs(parsed)[-1].startswith("Tại thời điểm kiểm tra")
    assert "Tin bài liên quan" not in parsed.body and "24h" not in parsed.body


def test_provincial_portal_with_section_label_and_author_label():
    parsed = page("provincial_portal.txt")
    assert parsed.title == "Nam Định: Hội nghị sơ kết 6 tháng đầu năm công tác bảo đảm an ninh trật tự"
    assert parsed.kicker is None  # "Tin tức - Sự kiện" is navigation
    assert parsed.date == "2019-07-15T10:20:00+07:00"
    assert parsed.author == "Hồng Minh"
    assert len(paragraphs(parsed)) == 3
    assert "CỔNG THÔNG TIN" not in parsed.body and "Các tin khác" not in parsed.body


def test_place_in_a_dateline_is_not_the_author():
    text = ("Hà Nội ra quân bảo đảm trật tự an toàn giao thông dịp Tết\nHà Nội, 27/01/2022 08:00\n"
            "Sáng nay, Công an thành phố Hà Nội ra quân bảo đảm trật tự an toàn giao thông dịp Tết.\n")
    parsed = parse_page(text, "x.txt")
    assert (parsed.author, parsed.date) == (None, "2022-01-27T08:00:00+07:00")


def test_glued_timestamp_marks_the_headline_under_a_kicker():
    text = ("Kỷ niệm 75 năm Ngày truyền thống Công an nhân dân\n"
            "Công an Thủ đô vì nhân dân phục vụ (09:39 12/07/2020)\n"
            "HNP - Sáng nay, Công an thành phố Hà Nội tổ chức lễ kỷ niệm 75 năm Ngày truyền thống.\n")
    parsed = parse_page(text, "x.txt")
    assert parsed.kicker == "Kỷ niệm 75 năm Ngày truyền thống Công an nhân dân"
    assert parsed.title == "Công an Thủ đô vì nhân dân phục vụ"
    assert parsed.date == "2020-07-12T09:39:00+07:00"


_FOOTED = ("Sở Y tế tỉnh Nghệ An kiểm tra an toàn thực phẩm dịp Tết Nguyên đán\n"
           "Thứ tư, 15/01/2025 - 09:20\n"
           "Đoàn kiểm tra liên ngành của tỉnh đã làm việc tại 12 cơ sở sản xuất bánh kẹo trong tuần qua.\n"
           "Các cơ sở vi phạm bị xử phạt hành chính và buộc tiêu hủy sản phẩm không rõ nguồn gốc.\n"
           "{byline}\n"
           "Bình luận (0)\n"
           "© 2025 Báo Nghệ An. Giấy phép số 12/GP-BTTTT\n")


def test_the_portal_named_in_its_footer_is_the_source_and_a_credit_is_noted():
    parsed = parse_page(_FOOTED.format(byline="THANH HÀ (theo TTXVN)"), "x.txt")
    assert (parsed.author, parsed.source) == ("Thanh Hà", "Báo Nghệ An")
    assert any("credits 'TTXVN'" in note for note in parsed.review)


def test_a_credit_is_the_source_where_no_portal_names_itself():
    text = _FOOTED.format(byline="Theo Hồng Nhung/VOV").replace("© 2025 Báo Nghệ An. Giấy phép số 12/GP-BTTTT\n", "")
    parsed = parse_page(text, "x.txt")
    assert (parsed.author, parsed.source) == ("Hồng Nhung", "VOV")


def test_an_aggregator_footer_yields_to_the_credit():
    text = _FOOTED.format(byline="Theo Báo Lao Động").replace("Báo Nghệ An", "Báo Mới")
    assert parse_page(text, "x.txt").source == "Lao Động"


def test_a_menu_line_and_its_items_are_chrome():
    text = ("Thời sự  Kinh tế  Xã hội  Pháp luật  Thể thao\n"
            "Pháp luật\n"
            "Công an huyện triệt phá đường dây đánh bạc qua mạng quy mô lớn\n"
            "12/03/2024 07:45\n"
            "Công an huyện vừa bắt giữ 6 đối tượng tổ chức đánh bạc qua mạng với số tiền hơn 10 tỷ đồng.\n")
    parsed = parse_page(text, "x.txt")
    assert parsed.title == "Công an huyện triệt phá đường dây đánh bạc qua mạng quy mô lớn"
    assert parsed.body.startswith("Công an huyện vừa bắt giữ")
