"""The background statistics: rebuilt from committed data, and they tell filler from topics."""

import importlib.util
from pathlib import Path

import pytest

from khotin.topics.background import DATA, filler_words, generality, is_filler, is_filler_phrase

ROOT = Path(__file__).resolve().parents[2]


def test_spread_words_are_filler_and_beat_words_are_not():
    for word in ("gia đình", "thời gian", "kết quả", "hoạt động", "việt nam"):
        assert is_filler(word), word
    # each crowds into one beat of the corpus: football, pharmacy, world news
    for word in ("cầu thủ", "bóng đá", "dược phẩm", "cổ phiếu", "tổng thống", "ukraine"):
        assert not is_filler(word) and generality(word) < 0.8, word
    assert generality("không có trong dữ liệu") == 0.0
    assert is_filler_phrase("thời gian hoạt động") and not is_filler_phrase("cầu thủ kết quả")
    assert 300 < len(filler_words()) < 3000


@pytest.mark.slow
def test_data_file_is_rebuilt_byte_for_byte():
    spec = importlib.util.spec_from_file_location("make_background", ROOT / "eval" / "make_background.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build(ROOT / "eval" / "articles.jsonl.gz") == DATA.read_text(encoding="utf-8")
