"""Small text predicates: where a headline ends and prose begins."""

import pytest

from khotin.loader.text import is_prose


@pytest.mark.parametrize("line", [
    "Ba con phố cổ, hai cây cầu cũ... được người dân mong giữ lại sau khi sáp nhập hai phường",
    "Chuyện ở làng chài nhỏ: ngư dân ra khơi lúc nửa đêm… để kịp phiên chợ sớm nhất vùng",
])
def test_an_ellipsis_before_a_lower_case_word_does_not_end_a_sentence(line):
    # Vietnamese lower-case letters such as "đ" and "ư" sit inside the range À-Ỹ
    assert not is_prose(line)


def test_two_sentences_in_one_line_are_prose():
    assert is_prose("Đoàn kiểm tra làm việc cả ngày. Đến chiều, các hộ dân đã ký biên bản và cam kết khắc phục.")
