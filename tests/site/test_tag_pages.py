"""Tag pages lead somewhere: an imported record's lone subject has none; names,
codes, shared subjects and a person's own tags do; the index is shelved by kind."""

from __future__ import annotations

import re

from khotin.records import render_record
from tests.site.fixtures import RECORDS
from tests.site.sitecheck import parse

TAGGED = (
    RECORDS[0].with_changes(tags=("phong trào", "tổng kết", "Quyết định 521")),
    RECORDS[1].with_changes(tags=("mô hình", "phong trào", "Donald Trump")),
    RECORDS[2].with_changes(tags=("tội phạm", "phong trào")),
    RECORDS[3].with_changes(tags=("phong trào", "Donald Trump")),
)


def _write(workspace, records, stamp=True):
    for record in records:
        (workspace.content / f"{record.slug}.md").write_text(render_record(record, stamp=stamp), encoding="utf-8")


def _tag_links(html: str) -> set[str]:
    return {href for href in parse(html).targets if "/the/" in href}


def test_lone_subjects_of_imported_records_get_no_page(workspace):
    for path in workspace.content.glob("*.md"):
        path.unlink()
    _write(workspace, TAGGED)
    workspace.build()
    the = workspace.out / "the"
    pages = {p.name for p in the.iterdir() if p.is_dir()}
    assert pages == {"phong-trao", "donald-trump", "quyet-dinh-521"}
    article = (workspace.out / "bai" / RECORDS[0].slug / "index.html").read_text(encoding="utf-8")
    assert any(href.endswith("/the/phong-trao/") for href in _tag_links(article))
    assert not any("tong-ket" in href for href in _tag_links(article))
    index = (the / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h2 id="([\w-]+)"', index)
    assert headings == ["ten-rieng", "van-ban", "van-de", "a-z"]
    assert 'href="#a-z"' in index  # the A–Z list is one click away
    names = index.split('id="ten-rieng"')[1].split("</section>")[0]
    assert re.findall(r">([^<>]+)</a>", names) == ["Donald Trump"]
    subjects = index.split('id="van-de"')[1].split("</section>")[0]
    assert re.findall(r">([^<>]+)</a>", subjects) == ["phong trào"]

    # a person edits a record (adds a tag): every tag of it is theirs to show
    mine = TAGGED[2].with_changes(tags=("tội phạm", "phong trào", "tổ tự quản"))
    _write(workspace, [mine], stamp=False)
    workspace.build()
    pages = {p.name for p in (workspace.out / "the").iterdir() if p.is_dir()}
    assert {"toi-pham", "to-tu-quan"} <= pages and "tong-ket" not in pages
