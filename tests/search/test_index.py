"""The Python side of search: folding, joined tokens, records (the bundle: test_shards.py)."""

from __future__ import annotations

import pytest

from khotin.search import documents
from khotin.search.documents import (RUN_BREAK, SEPARATOR, SearchDocument, folded_runs, joined, key_phrases,
                                syllables, to_record)
from khotin.vietnamese.fold import fold

def test_fold_handles_decomposed_input():
    assert fold("Đo\u0302\u0301ng Đa") == "Dong Da"


def test_syllables_are_folded_lowercase_words():
    assert syllables("Quận Đống Đa, Chỉ thị 09-CT/TW") == ["quan", "dong", "da", "chi", "thi", "09", "ct", "tw"]


@pytest.mark.parametrize("phrase, token", [("Đống Đa", "dongda_"), ("Nam Từ Liêm", "namtuliem_"),
                                           ("Hồng Bàng", "hongbang_"), ("chỉ thị", "chithi_")])
def test_joined_tokens(phrase, token):
    assert joined(phrase) == token


@pytest.mark.parametrize("phrase", ["Hà", "09-CT/TW", "một hai ba bốn năm"])
def test_no_joined_token_for_single_words_numbers_or_long_runs(phrase):
    assert joined(phrase) is None


def document(**changes):
    fields = dict(url="bai/dong-da-tong-ket/", title="Đống Đa tổng kết phong trào bảo vệ an ninh Tổ quốc",
                  text="Ngày 24/3, quận Đống Đa đã tổ chức hội nghị. Đông đảo nhân dân tham gia ở Đống Đa.",
                  summary="Quận Đống Đa tổng kết.", districts=("Đống Đa",), provinces=("Hà Nội",),
                  tags=("phong trào",), year=2016, date="2016-03-24")
    fields.update(changes)
    return SearchDocument(**fields)


def test_key_phrases_hold_places_tags_and_title_compounds():
    phrases = key_phrases(document())
    assert {"Đống Đa", "Hà Nội", "phong trào"} <= set(phrases)
    assert any(joined(p) == "anninh_" for p in phrases)  # pyvi's compound from the title


def test_gazetteer_names_in_a_title_are_joined_even_when_not_the_district():
    phrases = key_phrases(document(title="Hồng Bàng học tập Ba Đình", districts=(), provinces=()))
    assert {"Hồng Bàng", "Ba Đình"} <= set(phrases)


def test_record_keeps_real_text_first_then_folded_runs_of_d_words_then_joined_tokens():
    record = to_record(document())
    real, rest = record.content.split(SEPARATOR)
    assert real.strip() == document().text
    # Pagefind folds the other marks itself: only đ-words are copied, in runs kept apart
    assert rest.split("\n")[1] == f"Dong Da da{RUN_BREAK}Dong dao{RUN_BREAK}Dong Da."
    assert rest.split().count("dongda_") == 2  # Đống Đa is written twice in the body
    assert "dongdao_" not in rest  # "đông đảo" is not one of the article's key phrases
    assert record.url == "/bai/dong-da-tong-ket/"


def test_folded_runs_start_at_the_d_even_after_an_opening_mark():
    assert folded_runs("Tại (Đống Đa) và “Đông Anh”, đội ngũ được khen") == \
        f"Dong Da){RUN_BREAK}Dong{RUN_BREAK}doi{RUN_BREAK}duoc"


def test_mentions_count_whole_words_only():
    phrases = ["an ninh", "Đống Đa"]
    assert documents._mentions(phrases, "an ninh, bảo an ninh; an ninhx đống đa") == [2, 1]


def test_record_meta_boosts_folded_and_joined_labels_and_filters_are_real_names():
    record = to_record(document())
    keys = record.meta["keys"].split()
    assert {"dongda_", "hanoi_", "phongtrao_", "Dong", "Da"} <= set(keys)
    assert record.meta["title"] == document().title
    assert record.meta["date"] == "2016-03-24"
    assert record.filters == {"district": ["Đống Đa"], "province": ["Hà Nội"], "tag": ["phong trào"],
                              "year": ["2016"]}


def test_record_without_places_or_date_has_no_empty_filters():
    record = to_record(document(districts=(), provinces=(), tags=(), year=None, date=None, summary=None))
    assert record.filters == {}
    assert "date" not in record.meta and "summary" not in record.meta


def test_markdown_bodies_become_plain_text():
    assert documents.plain_text("## Tin\n\n- **Đống Đa** [tổ chức](https://x.vn) hội nghị\n") == \
        "Tin Đống Đa tổ chức hội nghị"
