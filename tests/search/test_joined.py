"""The postings' files joined only where a shard's part of them changed (search.joined):
an edit joins and hashes the files its article's words are in, hands the writer the
rest by hash, and the bundle is byte for byte a cold build's."""

from __future__ import annotations

from dataclasses import replace

import pytest

from khotin.errors import BuildError
from khotin.search import joined
from khotin.search.joined import JoinedFile, PackedFile
from khotin.search.shards import materialised, sharded_bundle
from tests.search.test_shards import _seed_site, bundle_of, sources_of

POSTINGS = "search-index/postings/"


def bundle(documents, cache):
    return sharded_bundle(sources_of(documents), documents.__getitem__, shards=4, cache=cache)


def postings(files) -> dict:
    return {path: data for path, data in files.items() if path.startswith(POSTINGS)}


def edited(documents):
    """The documents with a sentence added to one, whose words most other files lack."""
    return [replace(documents[0], text=documents[0].text + " Đoạn mới về quận Đống Đa, lần thứ hai."),
            *documents[1:]]


def test_an_edit_joins_only_the_postings_files_whose_parts_changed(documents, tmp_path):
    cold_before = materialised(bundle(documents, None))
    first = bundle(documents, tmp_path)
    assert all(isinstance(data, PackedFile) for data in postings(first).values()), "a first build joins every file"
    assert materialised(first) == cold_before

    again = bundle(documents, tmp_path)
    assert all(isinstance(data, JoinedFile) for data in postings(again).values()), "nothing changed: none joined"
    assert materialised(again) == cold_before, "joined back from the cached shards, they are the same bytes"

    after = edited(documents)
    cold_after = materialised(bundle(after, None))
    changed = {path for path, data in postings(cold_after).items() if cold_before.get(path) != data}
    incremental = bundle(after, tmp_path)
    joined_now = {path for path, data in postings(incremental).items() if isinstance(data, PackedFile)}
    assert changed and len(changed) < len(postings(cold_after)) / 4
    assert joined_now == changed
    known = {path: data for path, data in postings(incremental).items() if isinstance(data, JoinedFile)}
    assert all(cold_after[path] == data.load() for path, data in known.items())
    assert materialised(incremental) == cold_after


def test_a_missing_or_unreadable_map_only_means_joining_every_file_again(documents, tmp_path):
    after = edited(documents)
    cold = materialised(bundle(after, None))
    bundle(documents, tmp_path)
    for damage in (lambda path: path.write_bytes(b"not a pickle"), lambda path: path.unlink()):
        damage(tmp_path / joined.MAP)
        files = bundle(after, tmp_path)
        assert all(isinstance(data, PackedFile) for data in postings(files).values())
        assert materialised(files) == cold
        assert (tmp_path / joined.MAP).is_file(), "the next build has its map again"


def test_what_is_joined_waits_in_the_pack_and_stays_in_memory_where_no_pack_can_be_written(documents, tmp_path,
                                                                                       monkeypatch):
    cold = materialised(bundle(documents, None))
    packed = postings(bundle(documents, tmp_path / "cache"))
    assert {data.pack for data in packed.values()} == {str(tmp_path / "cache" / joined.PACK)}
    assert {path: data.load() for path, data in packed.items()} == postings(cold)

    monkeypatch.setattr(joined._Pack, "add", lambda self, data: None)  # a full disk, say
    kept = postings(bundle(documents, tmp_path / "other"))
    assert all(isinstance(data, bytes) for data in kept.values()) and kept == postings(cold)


def test_a_pack_cut_short_is_one_clear_error(documents, tmp_path):
    packed = postings(bundle(documents, tmp_path))
    (tmp_path / joined.PACK).write_bytes(b"")
    with pytest.raises(BuildError, match="cut short"):
        next(iter(packed.values())).load()


def test_a_build_hands_unchanged_postings_by_hash_and_joins_them_when_the_writer_holds_none(tmp_path, monkeypatch):
    from khotin.build.output import reuse, staging
    from khotin.build.pipeline import build_site
    from tests.search.site import TEMPLATES

    content, config = _seed_site(tmp_path, 4)
    site = tmp_path / "site"
    build_site(content, TEMPLATES, site, config_path=config)
    before = bundle_of(site)
    records = sorted(content.glob("*.md"))

    put_known = staging.Staging.put_known
    handed: dict[str, type] = {}  # postings file → what it came as (joined now: PackedFile)

    def recording(self, name, hashed, load):
        if name.startswith(POSTINGS):
            handed[name] = type(load.__self__)
        return put_known(self, name, hashed, load)

    def edit_and_build(record, out):
        record.write_text(record.read_text(encoding="utf-8") + "\nĐoạn mới về quận Đống Đa.\n", encoding="utf-8")
        handed.clear()
        with monkeypatch.context() as patched:
            patched.setattr(staging.Staging, "put_known", recording)
            build_site(content, TEMPLATES, site, config_path=config)
        build_site(content, TEMPLATES, out, config_path=config)
        return bundle_of(site), bundle_of(out)

    after, cold = edit_and_build(records[0], tmp_path / "cold")
    assert after == cold != before
    changed = {f"search-index/{path}" for path, data in cold.items()
               if path.startswith("postings/") and before.get(path) != data}
    assert changed and {name for name, kind in handed.items() if kind is PackedFile} == changed

    # The writer holds no copy of anything (a site and its spare gone, the cache kept): the
    # files known by hash are joined in the writing process from the cached shards.
    monkeypatch.setattr(reuse.Placer, "_held", lambda self, name, hashed: None)
    again, cold = edit_and_build(records[1], tmp_path / "cold-2")
    assert JoinedFile in handed.values(), "some postings came by the hash the last build made"
    assert again == cold != after
