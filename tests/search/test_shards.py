"""The search bundle: made in shards, cached per shard, the same bytes however it is made."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace

import pytest

from khotin.errors import BuildError
from khotin.search import shards
from khotin.search.shards import (SHARD_SIZE, MAX_SHARDS, SearchSource, index_bundle, materialised,
                                       shard_count, shard_of, sharded_bundle)


def test_bundle_holds_terms_json_with_the_joined_terms_and_the_postings(documents):
    files = index_bundle(documents)
    terms = json.loads(files["search-index/terms.json"])
    assert {"dongda_", "namtuliem_", "hongbang_", "chithi_"} <= set(terms["joined"])
    assert terms["joined"] == sorted(terms["joined"])
    assert terms["postings"]["pages"] == len(documents)
    assert all(name.startswith(f"search-index/{terms['postings']['folder']}") for name in files
               if name != "search-index/terms.json")


def test_the_whole_bundle_is_byte_identical_between_runs_and_shard_counts_change_no_statistic(documents):
    first, second = index_bundle(documents), index_bundle(list(reversed(documents)))
    assert first == second
    assert all(first.values()), "an empty file in the bundle"
    split = index_bundle(documents, shards=4)
    assert json.loads(split["search-index/terms.json"]) == json.loads(first["search-index/terms.json"])
    assert split["search-index/postings/filters.json"] == first["search-index/postings/filters.json"]


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


def test_shards_hold_every_article_once_each_in_its_own_shard(documents):
    files = index_bundle(documents, shards=4)
    tables = {name: json.loads(data) for name, data in files.items() if "/postings/pages/" in name}
    held = {row[0]: name.rsplit("/", 1)[1].split("-")[0] for name, rows in tables.items() for row in rows}
    assert sum(len(rows) for rows in tables.values()) == len(documents) == len(held)
    assert held == {d.url: str(shard_of(d.url, 4)) for d in documents}
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
    assert len(list(tmp_path.glob("*.index"))) == used, "stale shards pruned"
    # index and prepared articles per shard; the postings' map and pack (search.joined)
    assert len(list(tmp_path.iterdir())) == 2 * used + 2


def test_an_unreadable_cached_shard_is_indexed_again(documents, tmp_path):
    document = documents.__getitem__
    first = materialised(sharded_bundle(sources_of(documents), document, shards=2, cache=tmp_path))
    again = sharded_bundle(sources_of(documents), document, shards=2, cache=tmp_path)
    assert any(not isinstance(data, bytes) for data in again.values()), "unchanged files are handed by hash"
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


def bundle_of(site):
    return {p.relative_to(site / "search-index").as_posix(): p.read_bytes()
            for p in (site / "search-index").rglob("*") if p.is_file()}


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

    def refuses(*args, **options):
        raise BuildError("search index: the cache is full")

    def dies(*args):
        os._exit(3)  # the indexing process killed mid-way

    if how == "refuses":
        monkeypatch.setattr(shards, "join", refuses)
    else:
        monkeypatch.setattr(search_job, "_search_bundle", dies)
    with pytest.raises(BuildError, match="search index: (the cache is full|the indexing process stopped)"):
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
    runner = search_job.SearchRunner(search_job.SearchSettings(store, 2, tmp_path / "search", b""))
    if how != "forked after it":  # as a build does; after it: a build whose bodies stayed in memory
        runner.start_early()
    assert (runner._process is not None) == (how == "forked before the loading")
    runner.hand_over(loaded, [digest for _, digest in hashes])
    runner.before_pages(len(loaded))
    runner.start_late()
    made = materialised(runner.result())
    expected = index_bundle(seed_documents(), shards=2)
    assert [d.url for d in seed_documents()] == [urls.article(item.record.slug) for item in loaded]
    assert made == expected and "search-index/terms.json" in made
