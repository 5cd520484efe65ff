"""Photo captions: repeats merged, lone photo lines recognised."""

from khotin.loader.captions import is_lone_caption, merge_repeated

LONG = "Đoạn văn dài của bài báo, đủ dài để không thể là chú thích ảnh. " * 4


def test_adjacent_repeat_kept_once_and_marked():
    kept, captions, dropped = merge_repeated(["A b c.", "Chú thích ảnh.", "Chú thích ảnh", "D e f."])
    assert kept == ["A b c.", "Chú thích ảnh.", "D e f."]
    assert captions == {1} and dropped == 1


def test_repeat_pages_apart_kept_at_first_place():
    lines = ["Ảnh một", "Ảnh một", "x y z.", "Đoạn khác.", "ẢNH MỘT", "Ảnh một."]
    kept, captions, dropped = merge_repeated(lines)
    assert kept == ["Ảnh một", "x y z.", "Đoạn khác."]
    assert captions == {0} and dropped == 3


def test_lines_without_letters_are_never_merged():
    kept, captions, _ = merge_repeated(["***", "a.", "***"])
    assert kept == ["***", "a.", "***"] and not captions


def test_lone_photo_line_between_long_paragraphs():
    assert is_lone_caption(LONG, "Quang cảnh Hội nghị.", LONG)
    assert is_lone_caption(LONG, "Các tập thể nhận Bằng khen của Chủ tịch UBND tỉnh.", LONG)


def test_photo_credit_marks_a_caption_anywhere():
    assert is_lone_caption("ngắn", "Nhóm bị bắt tại cơ quan công an. Ảnh: Công an cung cấp", None)
    assert is_lone_caption("ngắn", "Lực lượng chức năng tại hiện trường - Ảnh: MINH HÒA", None)
    assert not is_lone_caption("ngắn", "Hà Nội - Ảnh: một thành phố qua ống kính nhiếp ảnh gia Pháp: triển lãm", None)


def test_short_article_sentence_is_not_a_caption():
    assert not is_lone_caption(LONG, "Vụ việc đang được mở rộng điều tra.", LONG)
    assert not is_lone_caption("ngắn", "Quang cảnh Hội nghị.", LONG)
