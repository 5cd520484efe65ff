"""When the build's search job indexes: beside the pages, or, for a big indexing, before them."""

from __future__ import annotations

import multiprocessing
import shutil
import time

import pytest

from khotin.build import render_pool, search_job
from khotin.build.pipeline import build_site
from khotin.search import shards
from tests.search.site import REPO, TEMPLATES, seed_content


def _site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(seed_content(), content)
    config = tmp_path / "khotin.toml"
    config.write_text((REPO / "khotin.toml").read_text(encoding="utf-8") + "\nsearch_shards = 2\n",
                      encoding="utf-8")
    return content, config


def _index_files(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "search-index").rglob("*") if p.is_file()}


@pytest.mark.parametrize("fork", [True, False])
def test_a_big_indexing_is_done_before_the_pages_are_rendered(tmp_path, monkeypatch, fork):
    """The indexing and the renderers must not hold their memory at once (at 100,000
    articles, with Pagefind's processes, together they took 3.7 GB): every shard is
    made before the first page is rendered, and the bundle is the one made beside the pages."""
    content, config = _site(tmp_path)
    build_site(content, TEMPLATES, tmp_path / "beside", config_path=config)
    if not fork:  # the thread that runs the job where there is no fork
        monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(search_job, "ALONGSIDE_LIMIT", 0)
    indexed = tmp_path / "indexed"  # files: the job may be another process
    indexed.mkdir()
    render, made = render_pool.render_pages, shards._made

    def render_once_indexed(*args, **kwargs):
        assert len(list(indexed.iterdir())) == 2, "pages rendered beside the indexing"
        render(*args, **kwargs)

    def make_and_mark(sources, items, *args):
        shard = made(sources, items, *args)
        (indexed / str(min(items))).touch()
        return shard

    monkeypatch.setattr(render_pool, "render_pages", render_once_indexed)
    monkeypatch.setattr(shards, "_made", make_and_mark)
    build_site(content, TEMPLATES, tmp_path / "after", config_path=config)
    assert _index_files(tmp_path / "after") == _index_files(tmp_path / "beside")


def test_a_small_indexing_runs_beside_the_pages(tmp_path, monkeypatch):
    """Below the limit (an edit's shard, a 10,000-article archive) the indexing overlaps
    planning and rendering: here the pages wait until a shard is being made."""
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("without fork the job is a thread started with the renderers")
    content, config = _site(tmp_path)
    started = tmp_path / "indexing"
    render, made = render_pool.render_pages, shards._made

    def render_once_indexing(*args, **kwargs):
        deadline = time.monotonic() + 60
        while not started.exists():
            assert time.monotonic() < deadline, "no shard was indexed beside the pages"
            time.sleep(0.01)
        render(*args, **kwargs)

    def make_and_mark(*args):
        started.touch()
        return made(*args)

    monkeypatch.setattr(render_pool, "render_pages", render_once_indexing)
    monkeypatch.setattr(shards, "_made", make_and_mark)
    build_site(content, TEMPLATES, tmp_path / "site", config_path=config)
    assert (tmp_path / "site" / "search-index" / "terms.json").is_file()
