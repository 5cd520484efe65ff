"""fold, collation, slugs and pyvi segmentation on real Vietnamese."""

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from khotin.vietnamese import fold, slugify, sort_key, unique_slug
from khotin.vietnamese.fold import modern_tones
from khotin.vietnamese.slugs import MAX_LENGTH

ICU_ORDER = Path(__file__).with_name("icu_vi_order.txt")


def _icu_list() -> list[str]:
    lines = ICU_ORDER.read_text(encoding="utf-8").split("\n")
    return [line for line in lines if line and not line.startswith("#")]


@given(st.text())
def test_fold_by_table_equals_folding_the_whole_text(text):
    whole = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    expected = unicodedata.normalize("NFC", "".join(c for c in whole if not unicodedata.combining(c)))
    assert fold(text) == expected


def test_fold_strips_marks_keeps_case():
    assert fold("Đống Đa") == "Dong Da"
    assert fold("ĐẮK LẮK") == "DAK LAK"
    assert fold("Nghị quyết 28-NQ/TW") == "Nghi quyet 28-NQ/TW"
    assert fold("ư ơ ă â ê ô ỹ") == "u o a a e o y"


def test_modern_tones_moves_final_marks_only():
    assert modern_tones("Hoà Bình, Khánh Hoà, Quận uỷ") == "Hòa Bình, Khánh Hòa, Quận ủy"
    assert modern_tones("Hoàng Mai, quý") == "Hoàng Mai, quý"


def test_modern_tones_at_the_edges_of_the_text_and_of_words():
    # the mark moves at the very start and end; "qu" is a consonant in any case;
    # a syllable glued to a word ("thuỷ_điện", "hoàn") keeps its mark
    assert modern_tones("uỷ ban") == "ủy ban"
    assert modern_tones("Khánh HOÀ") == "Khánh HÒA"
    assert modern_tones("QUỶ, Quỷ, quỷ.") == "QUỶ, Quỷ, quỷ."
    assert modern_tones("thuỷ_điện hoàn thuỷ") == "thuỷ_điện hoàn thủy"


@pytest.mark.parametrize("order", [lambda xs: list(reversed(xs)), sorted, lambda xs: xs[1::2] + xs[::2]])
def test_sort_key_matches_icu_vi_collation(order):
    expected = _icu_list()
    assert len(expected) > 50
    assert sorted(order(expected), key=sort_key) == expected


def test_sort_key_alphabet_and_tones():
    letters = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "o", "ô", "ơ", "u", "ư"]
    assert sorted(reversed(letters), key=sort_key) == letters
    tones = ["da", "dà", "dả", "dã", "dá", "dạ", "đa"]
    assert sorted(reversed(tones), key=sort_key) == tones
    assert sorted(["Đa", "da", "Da"], key=sort_key) == ["da", "Da", "Đa"]


def test_slugify_ascii():
    assert slugify("Đống Đa") == "dong-da"
    assert slugify("Chỉ thị 09-CT/TW") == "chi-thi-09-ct-tw"
    assert slugify("  Quận 1 ") == "quan-1"
    for text in ("", "!!!", "—", "“”"):
        assert slugify(text) == "bai"


def test_slugify_cuts_long_titles_at_a_hyphen():
    title = "Hội nghị tổng kết phong trào toàn dân bảo vệ an ninh Tổ quốc " * 4
    slug = slugify(title)
    assert len(slug) <= MAX_LENGTH
    assert not slug.endswith("-")
    full = "-".join(fold(title).lower().replace("ị", "i").split())
    assert (full + "-").startswith(slug + "-")


def test_unique_slug_is_deterministic():
    taken: set[str] = set()
    got = []
    for _ in range(4):
        slug = unique_slug("chau-thanh", taken)
        taken.add(slug)
        got.append(slug)
    assert got == ["chau-thanh", "chau-thanh-2", "chau-thanh-3", "chau-thanh-4"]
    assert unique_slug("dong-da", {"ba-dinh"}) == "dong-da"
    long_base = "a" * MAX_LENGTH
    assert len(unique_slug(long_base, {long_base})) <= MAX_LENGTH


def test_segment_and_pos_tag():
    from khotin.vietnamese.tokenize import pos_tag, segment, warm

    warm()
    words = segment("Công an quận tăng cường an ninh trật tự.")
    assert "Công_an" in words and "an_ninh" in words
    tags = dict(pos_tag("Công an quận Hồng Bàng tổ chức hội nghị"))
    assert tags["Hồng_Bàng"] == "Np"
    assert segment("   ") == [] and pos_tag("") == []
