"""The search bundle: Pagefind's files, split into shards, cached per shard."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace

import pytest

from khotin.errors import BuildError
from khotin.search import directory, shards
from khotin.search.documents import SearchDocument, to_record
from khotin.search.shards import (SHARD_SIZE, MAX_SHARDS, SearchSource, index_bundle, materialised,
                                       shard_count, shard_of, sharded_bundle)


def test_bundle_holds_pagefind_and_the_joined_terms(documents):
    files = index_bundle(documents)
    assert "pagefind/pagefind.js" in files
    assert sum(1 for name in files if name.startswith("pagefind/fragment/")) == len(documents)
    terms = json.loads(files["pagefind/terms.json"])
    assert {"dongda_", "namtuliem_", "hongbang_", "chithi_"} <= set(terms["joined"])
    assert terms["joined"] == sorted(terms["joined"])
    assert "shards" not in terms, "a small archive is one index"


def test_the_whole_bundle_is_byte_identical_between_runs(documents):
    first, second = index_bundle(documents), index_bundle(list(reversed(documents)))
    assert any(name.startswith("pagefind/filter/") for name in first)
    assert first == second
    assert all(first.values()), "an empty file in the bundle"


def test_pagefind_failure_is_a_build_error(documents, monkeypatch):
    async def broken(records, language, **options):
        raise RuntimeError("service died")

    monkeypatch.setattr(shards, "pagefind_files", broken)
    with pytest.raises(BuildError, match="service died"):
        index_bundle(documents)


@pytest.mark.parametrize("articles, shards", [(0, 1), (1, 1), (SHARD_SIZE, 1), (SHARD_SIZE + 1, 2),
                                              (10_000, 64), (10 ** 6, MAX_SHARDS)])
def test_shard_count_grows_in_powers_of_two_with_the_archive(articles, shards):
    assert shard_count(articles) == shards
    assert shard_count(articles, wanted=3) == 3


def test_an_article_keeps_its_shard_or_moves_to_its_twin_when_the_count_doubles():
    for number in range(200):
        url = f"bai/bai-{number}/"
        assert shard_of(url, 8) in (shard_of(url, 4), shard_of(url, 4) + 4)


def sources_of(documents):
    return [SearchSource(d.url, str(hash(d))) for d in documents]


def test_shards_hold_every_article_once_and_only_the_placeholder_carries_pagefinds_scripts(documents):
    files = index_bundle(documents, shards=4)
    terms = json.loads(files["pagefind/terms.json"])
    used = {shard_of(d.url, 4) for d in documents}
    assert set(terms["shards"]) == {str(number) for number in used}
    assert sum(1 for name in files if "/fragment/" in name) == len(documents) + 1, "every article, and the placeholder"
    root = [name for name in files if name.count("/") == 1]
    assert "pagefind/pagefind.js" in root and any(name.endswith(".pf_meta") for name in root)
    for folder in terms["shards"].values():
        inside = [name for name in files if name.startswith(f"pagefind/{folder}")]
        assert f"pagefind/{folder}pagefind-entry.json" in inside
        assert any(name.endswith(".pf_meta") for name in inside)
        assert not any(name.endswith((".js", ".css")) or "/wasm." in name for name in inside)
    assert index_bundle(list(reversed(documents)), shards=4) == files


def test_an_edit_reindexes_its_shard_prepares_only_itself_and_writes_what_a_cold_build_writes(documents, tmp_path):
    made = []

    def bundle(docs, cache):
        def document(number):
            made.append(docs[number].url)
            return docs[number]
        return materialised(sharded_bundle(sources_of(docs), document, shards=4, cache=cache))

    first = bundle(documents, tmp_path)
    assert sorted(made) == sorted(d.url for d in documents)
    made.clear()
    assert bundle(documents, tmp_path) == first
    assert made == [], "an unchanged archive indexes nothing"
    shards = [shard_of(d.url, 4) for d in documents]
    at = next(i for i, shard in enumerate(shards) if shards.count(shard) > 1)  # a shard it shares
    edited = [*documents[:at], replace(documents[at], title=documents[at].title + " (đã sửa)"), *documents[at + 1:]]
    incremental = bundle(edited, tmp_path)
    assert made == [documents[at].url], "its shard's other articles come prepared from the cache"
    assert incremental == bundle(edited, None) != first
    used = len({shard_of(d.url, 4) for d in documents})
    assert len(list(tmp_path.glob("*.index"))) == used + 1, "stale shards pruned; the placeholder kept"
    # files, index, prepared; the placeholder's files, index; the postings' map and pack (search.joined)
    assert len(list(tmp_path.iterdir())) == 3 * used + 4


def test_an_unreadable_cached_shard_is_indexed_again(documents, tmp_path):
    document = documents.__getitem__
    first = materialised(sharded_bundle(sources_of(documents), document, shards=2, cache=tmp_path))
    again = sharded_bundle(sources_of(documents), document, shards=2, cache=tmp_path)
    assert any(not isinstance(data, bytes) for data in again.values()), "unchanged shards are not read in"
    assert materialised(again) == first
    for path in tmp_path.iterdir():
        path.write_bytes(b"not a pickle")
    assert materialised(sharded_bundle(sources_of(documents), document, shards=2, cache=tmp_path)) == first


def test_a_build_after_an_edit_writes_the_bundle_a_cold_build_writes(tmp_path):
    from tests.search.site import TEMPLATES
    from khotin.build.pipeline import build_site

    content, config = _seed_site(tmp_path, 4)
    build_site(content, TEMPLATES, tmp_path / "site", config_path=config)
    before = bundle_of(tmp_path / "site")
    record = sorted(content.glob("*.md"))[0]
    record.write_text(record.read_text(encoding="utf-8") + "\nĐoạn mới về quận Đống Đa.\n", encoding="utf-8")
    build_site(content, TEMPLATES, tmp_path / "site", config_path=config)
    build_site(content, TEMPLATES, tmp_path / "cold", config_path=config)
    after = bundle_of(tmp_path / "site")
    assert after == bundle_of(tmp_path / "cold") != before
    assert len(json.loads(after["terms.json"])["shards"]) >= 1


def bundle_of(site):
    return {p.relative_to(site / "pagefind").as_posix(): p.read_bytes()
            for p in (site / "pagefind").rglob("*") if p.is_file()}


def test_the_directory_says_which_shards_hold_each_word(documents):
    files = index_bundle(documents, shards=4)
    terms = json.loads(files["pagefind/terms.json"])
    held: dict[str, set[str]] = {}
    for name, data in files.items():
        if f"/{terms['directory']}" not in name:
            continue
        entry = json.loads(data)
        assert entry["words"] == sorted(entry["words"]), "the page binary-searches them"
        for word, mask in zip(entry["words"], entry["shards"]):
            assert name.endswith(f"/{directory.bucket(word)}.json")
            held[word] = {str(bit) for bit in range(4) if int(mask, 16) >> bit & 1}
    assert set().union(*held.values()) == set(terms["shards"]) == {str(shard_of(d.url, 4)) for d in documents}
    for document in documents:
        for word in shards.vocabulary(to_record(document)):
            assert str(shard_of(document.url, 4)) in held[word], word
    for word, where in held.items():  # and no shard is named for a word it lacks
        assert all(any(word in shards.vocabulary(to_record(d)) for d in documents if str(shard_of(d.url, 4)) == shard)
                   for shard in where), word


def test_a_record_vocabulary_is_folded_words_and_joined_tokens():
    record = to_record(SearchDocument(url="bai/x/", title="Đống Đa", text="Bà Quách Thị Xuyến, 09-CT/TW.",
                                      districts=("Đống Đa",)))
    words = shards.vocabulary(record)
    assert {"quach", "xuyen", "09", "ct", "tw", "dong", "da", "dongda_"} <= words
    assert not any(word != word.lower() or "đ" in word for word in words)


def _seed_site(tmp_path, shards: int):
    from tests.search.site import REPO, seed_content

    content = tmp_path / "content"
    shutil.copytree(seed_content(), content)
    config = tmp_path / "khotin.toml"
    config.write_text((REPO / "khotin.toml").read_text(encoding="utf-8") + f"\nsearch_shards = {shards}\n",
                      encoding="utf-8")
    return content, config


@pytest.mark.parametrize("how", ["refuses", "dies"])
def test_a_search_index_that_fails_stops_the_build_with_one_line_and_keeps_the_site(tmp_path, monkeypatch, how):
    from tests.search.site import TEMPLATES
    from khotin.build import search_job
    from khotin.build.pipeline import build_site

    content, config = _seed_site(tmp_path, 2)
    build_site(content, TEMPLATES, tmp_path / "site", config_path=config)
    before = bundle_of(tmp_path / "site")
    record = sorted(content.glob("*.md"))[0]
    record.write_text(record.read_text(encoding="utf-8") + "\nĐoạn mới.\n", encoding="utf-8")

    async def refuses(records, language, **options):
        raise RuntimeError("service died")

    def dies(*args):
        os._exit(3)  # the indexing process killed mid-way

    if how == "refuses":
        monkeypatch.setattr(shards, "pagefind_files", refuses)
    else:
        monkeypatch.setattr(search_job, "_search_bundle", dies)
    with pytest.raises(BuildError, match="search index: (Pagefind failed: service died|the indexing process stopped)"):
        build_site(content, TEMPLATES, tmp_path / "site", config_path=config)
    assert bundle_of(tmp_path / "site") == before


@pytest.mark.parametrize("how", ["forked before the loading", "forked after it", "thread"])
def test_the_search_job_reads_the_body_store_not_the_content_files(tmp_path, monkeypatch, how):
    """The bundle a build makes from its loaded records and body store is the one made from
    the whole records, though every content file is gone once the records are loaded."""
    import multiprocessing

    from khotin.build import search_job
    from khotin.build.bodies import BodyStore
    from khotin.build.record_cache import read_records
    from khotin.site import urls
    from tests.search.site import seed_content, seed_documents

    content = tmp_path / "content"
    shutil.copytree(seed_content(), content)
    files = sorted(content.glob("*.md"))
    store = BodyStore(tmp_path / "bodies")
    loaded, hashes = read_records(files, None, None, store, jobs=1)
    store.freeze()
    shutil.rmtree(content)
    assert all(item.record.body == "" for item in loaded)
    if how == "thread":  # what runs it where there is no fork
        monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    runner = search_job.SearchRunner(search_job.SearchSettings(store, 2, tmp_path / "search", b"", 1))
    if how != "forked after it":  # as a build does; after it: a build whose bodies stayed in memory
        runner.start_early()
    assert (runner._process is not None) == (how == "forked before the loading")
    runner.hand_over(loaded, [digest for _, digest in hashes])
    runner.before_pages(len(loaded))
    runner.start_late()
    made = materialised(runner.result())
    expected = index_bundle(seed_documents(), shards=2)
    assert [d.url for d in seed_documents()] == [urls.article(item.record.slug) for item in loaded]
    assert made == expected and "pagefind/shards/1/pagefind-entry.json" in made


def test_requests_to_pagefind_are_not_formatted_for_logs_nobody_reads(documents):
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from khotin.search.documents import LANGUAGE
    from khotin.search.pagefind import pagefind_files

    shown = []

    class Text(str):
        def __repr__(self) -> str:
            shown.append(1)
            return str.__repr__(self)

    records = [replace(record, content=Text(record.content)) for record in map(to_record, documents)]
    with ThreadPoolExecutor(1) as thread:  # as the shards run it: the browser tests leave a loop in this one
        files = thread.submit(asyncio.run, pagefind_files(records, LANGUAGE)).result()
    assert sum(1 for name in files if name.startswith("fragment/")) == len(documents)
    assert shown == [], "each article's text was formatted into a debug line"
