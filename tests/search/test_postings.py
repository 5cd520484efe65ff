"""The per-word postings (search.postings) on the seed articles: read back from the
files the way the search page reads them, they must say which pages hold a word."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import replace

import pytest

from khotin.search import postings
from khotin.search.documents import SearchDocument, to_record
from khotin.search.postings import FIELDS, file_name, page_terms, postings_files, shard_postings
from khotin.search.shards import index_bundle, shard_of

FOLDER = "search-index/postings"


def built(records, shards: int = 1):
    """The postings of these records dealt into `shards` as the bundle deals them."""
    dealt: dict[int, list] = {}
    for record in sorted(records, key=lambda r: r.url):
        dealt.setdefault(shard_of(record.url, shards) if shards > 1 else 0, []).append(record)
    return postings_files({number: shard_postings([(r, page_terms(r)) for r in members])
                           for number, members in dealt.items()})


def read_word(files: dict[str, bytes], summary: dict, word: str) -> dict[str, tuple[int, int]]:
    """url → (tf, mask) for `word`, from its bucket and, where it says "@", its own file."""
    bucket = json.loads(files[f"{FOLDER}/b/{file_name(word[:summary['prefix']])}.json"])
    own_path = f"{FOLDER}/w/{file_name(word)}.json"
    own = json.loads(files[own_path]) if own_path in files else {}
    found = {}

    def add(shard: str, text: str):
        table = {}
        for entry in text.split(" "):
            position, tf, mask = (*entry.split(":"), str(postings.WEIGHT), "0")[:3] if ":" not in entry \
                else (*entry.split(":"), "0")[:3]
            chunk = json.loads(files[f"{FOLDER}/pages/{shard}-{int(position) // summary['chunk']}.json"])
            table[chunk[int(position) % summary["chunk"]][0]] = (int(tf), int(mask))
        found.update(table)

    for shard, words in bucket.items():
        text = words.get(word)
        if text is not None and text != "@":
            add(shard, text)
        if text == "@":
            assert shard in own, (word, shard)
    for shard, text in own.items():
        add(shard, text)
    return found


def marks_off(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def plain_words(text: str) -> list[str]:
    """Independent of the module, the simplest words Pagefind indexes: pieces between
    spaces made of letters only, lower case, marks off (đ-words left out: Pagefind keeps
    đ apart, and their folded copies are in the content)."""
    return [marks_off(piece.lower()) for piece in text.split() if piece.isalpha() and "đ" not in piece.lower()]


@pytest.fixture(scope="module")
def records(documents):
    return [to_record(d) for d in documents]


def every_word(files: dict[str, bytes]) -> set[str]:
    return {word for path, data in files.items() if path.startswith(f"{FOLDER}/b/")
            for words in json.loads(data).values() for word in words}


@pytest.mark.parametrize("shards", [1, 4])
def test_the_files_say_which_pages_hold_each_word(records, shards, monkeypatch):
    monkeypatch.setattr(postings, "BIG", 12)  # some words' postings in files of their own
    files, summary = built(records, shards)
    assert any(path.startswith(f"{FOLDER}/w/") for path in files)
    by_url = {r.url.lstrip("/"): page_terms(r) for r in records}
    vocabulary = every_word(files)
    assert vocabulary == {word for terms in by_url.values() for word in terms.words}
    assert {"dongda", "ninh", "09"} <= vocabulary
    for word in vocabulary:
        expected = {url: terms.words[word] for url, terms in by_url.items() if word in terms.words}
        assert read_word(files, summary, word) == expected, word


def test_a_word_written_plainly_is_found_in_its_page_with_its_count_and_fields(records):
    files, summary = built(records, 4)
    checked = 0
    for record in records:
        url = record.url.lstrip("/")
        counts = Counter(plain_words(record.content))
        for word, times in counts.items():
            tf, mask = read_word(files, summary, word)[url]
            assert tf >= times * postings.WEIGHT, (word, url)
            checked += 1
        for bit, name in enumerate(FIELDS):
            for word in plain_words(record.meta.get(name, "")):
                assert read_word(files, summary, word)[url][1] >> bit & 1, (word, name, url)
        # a page's own text never lists a word it lacks
        text_words = set(plain_words(" ".join([record.content, *record.meta.values()])))
        assert not any(word in text_words for word in ("xylophone", "zzzz"))
    assert checked > 500


def test_a_compound_is_found_whole_and_by_its_parts():
    record = to_record(SearchDocument(url="bai/a/", title="Tin", text="An ninh-quốc phòng. Chỉ thị 09-CT/TW, dongda_"))
    words = page_terms(record).words
    assert {"ninhquoc", "ninh", "quoc", "09cttw", "09", "ct", "tw", "dongda"} <= set(words)
    assert words["ninhquoc"][0] == postings.WEIGHT and words["ninh"][0] == postings.WEIGHT // 2  # parts share
    assert not words["ninh"][1] & postings.MARKED  # written as a reader types it
    assert words["quoc"][1] & postings.MARKED  # only ever "quốc"


def test_page_table_and_statistics_describe_every_article(records):
    files, summary = built(records, 4)
    rows = [row for path, data in files.items() if path.startswith(f"{FOLDER}/pages/") for row in json.loads(data)]
    assert sorted(row[0] for row in rows) == sorted(r.url.lstrip("/") for r in records)
    for row in rows:
        record = next(r for r in records if r.url.lstrip("/") == row[0])
        assert row[1:] == [record.meta.get(name, "") for name in ("title", "date", "places", "summary")]
    lengths = json.loads(files[f"{FOLDER}/lengths.json"])
    assert summary["pages"] == len(records)
    assert summary["length"] == sum(len(r.content.split()) for r in records)
    assert sum(len(text.split()) for text in lengths.values()) == len(records)


def test_same_records_give_the_same_bytes_in_any_order(records):
    first = built(records, 4)
    second = built(list(reversed(records)), 4)
    assert first == second


def test_hostile_text_still_gives_valid_json(documents):
    nasty = "\"quote\" \\back\\slash </script> \x00\x01\x1f \ud800 lone \u2028 \ufeff \U0001F600 đ Đ ⁂"
    document = replace(documents[0], url="bai/x/", title=nasty, text=nasty + " " + documents[0].text,
                       summary=nasty, districts=(nasty,), tags=(nasty,))
    records = [to_record(document), *(to_record(d) for d in documents[1:])]
    files, summary = built(records, 2)
    for path, data in files.items():
        json.loads(data.decode("utf-8"))  # strict UTF-8, valid JSON
    json.dumps(summary)


def test_the_bundle_carries_the_postings_and_terms_json_points_at_them(documents):
    bundle = index_bundle(documents, shards=4)
    terms = json.loads(bundle["search-index/terms.json"])
    assert terms["postings"]["pages"] == len(documents)
    assert f"search-index/{terms['postings']['folder']}lengths.json" in bundle
    found = read_word(bundle, terms["postings"], "dongda")
    assert set(found) == {d.url for d in documents if "dongda_" in to_record(d).content}
