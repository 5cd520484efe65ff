"""Builds are deterministic, incremental and atomic; bad input fails with file:line."""

from __future__ import annotations

import os
import re

import pytest

from khotin.errors import BuildError, RecordError
from khotin.records import render_record
from khotin.build.output import staging
from khotin.build.pipeline import build_site
from tests.site.fixtures import RECORDS, XSS, copy_templates, write_content
from tests.site.sitecheck import parse, tree


def test_two_builds_are_byte_identical(workspace, tmp_path):
    workspace.build()
    # a second, cold build elsewhere (no caches shared) must give the same bytes
    other = tmp_path / "elsewhere"
    other.mkdir()
    report = workspace.build(out=other / "site")
    assert report.written == report.pages + len([p for p in tree(other / "site") if not p.endswith(".html")])
    assert tree(workspace.out) == tree(other / "site")


def test_no_change_rebuild_writes_nothing(workspace):
    first = workspace.build()
    assert first.written > 0 and first.removed == 0
    before = {p: (s.st_ino, s.st_mtime_ns) for p, s in
              ((p, p.stat()) for p in workspace.out.rglob("*") if p.is_file())}
    second = workspace.build()
    assert (second.written, second.removed, second.pages) == (0, 0, first.pages)
    after = {p: (s.st_ino, s.st_mtime_ns) for p, s in
             ((p, p.stat()) for p in workspace.out.rglob("*") if p.is_file())}
    assert after == before


def test_a_touched_but_unchanged_record_still_writes_nothing(workspace):
    workspace.build()
    record = workspace.content / "le-chan-phong-chong-toi-pham.md"
    record.write_text(record.read_text(encoding="utf-8"), encoding="utf-8")
    os.utime(record, ns=(1, 1))
    assert workspace.build().written == 0


def test_one_record_edit_rewrites_only_pages_that_show_it(workspace):
    workspace.build()
    before = tree(workspace.out)
    edited = RECORDS[2].with_changes(title="Lê Chân mở đợt cao điểm phòng chống tội phạm",
                                     body="Công an quận Lê Chân mở đợt cao điểm mới.")
    (workspace.content / f"{edited.slug}.md").write_text(render_record(edited), encoding="utf-8")
    report = workspace.build()
    after = tree(workspace.out)
    changed = {p for p in after if before.get(p) != after[p]}
    removed = set(before) - set(after)
    assert report.written == len(changed) and report.removed == len(removed)
    assert "bai/le-chan-phong-chong-toi-pham/index.html" in changed
    assert "quan-huyen/le-chan/feed.xml" in changed
    # The search bundle indexes every article, so its files follow any edit.
    assert all(path.startswith("search-index/") for path in removed)
    for path in changed - {p for p in changed if p.startswith("search-index/")}:
        assert b"le-chan-phong-chong-toi-pham" in after[path], path
    untouched = {"bai/ba-dinh-tong-ket/index.html", "the/mo-hinh/index.html", "quan-huyen/ba-dinh/index.html"}
    assert not untouched & changed


def test_a_template_change_is_a_dependency(workspace, tmp_path):
    templates = copy_templates(tmp_path / "templates")
    workspace.build(templates=templates)
    base = templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("Nguồn tin Atom", "Theo dõi"), encoding="utf-8")
    report = workspace.build(templates=templates)
    assert report.written == report.pages
    assert "Theo dõi" in (workspace.out / "index.html").read_text(encoding="utf-8")


def test_config_change_is_a_dependency(workspace):
    workspace.build()
    workspace.config.write_text(workspace.config.read_text(encoding="utf-8").replace("Kho thử", "Kho mới"),
                                encoding="utf-8")
    assert workspace.build().written > 0
    assert "Kho mới" in (workspace.out / "index.html").read_text(encoding="utf-8")


def test_search_can_be_switched_off_in_the_config(workspace):
    workspace.build()
    assert (workspace.out / "search" / "index.html").is_file() and (workspace.out / "search-index").is_dir()
    workspace.config.write_text(workspace.config.read_text(encoding="utf-8") + "search = false\n",
                                encoding="utf-8")
    workspace.build()
    assert not (workspace.out / "search").exists() and not (workspace.out / "search-index").exists()
    assert "search/" not in (workspace.out / "index.html").read_text(encoding="utf-8")


def test_a_setting_of_the_wrong_type_names_its_line(workspace):
    workspace.config.write_text(workspace.config.read_text(encoding="utf-8") + "search = 1\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"khotin\.toml:\d+: 'search' should be bool"):
        workspace.build()


def test_removed_record_removes_its_pages(workspace):
    workspace.build()
    (workspace.content / "le-chan-phong-chong-toi-pham.md").unlink()
    report = workspace.build()
    assert report.removed > 0
    assert not (workspace.out / "bai" / "le-chan-phong-chong-toi-pham").exists()
    assert not (workspace.out / "quan-huyen" / "le-chan").exists()


@pytest.mark.parametrize("front_matter, line, reason", [
    # YAML notices the missing "]" where the next line starts
    ("title: [unclosed\ndate: 2020-01-01\n", 3, "broken YAML"),
    ("kicker: Tin\ndate: 2020-01-01\n", 2, "missing title"),
    ("title: Bài\nkicker: Tin\ndate: ngày mai\n", 4, "not an ISO 8601 date"),
])
def test_bad_record_fails_with_file_and_line_and_keeps_the_site(workspace, front_matter, line, reason):
    workspace.build()
    before = tree(workspace.out)
    bad = workspace.content / "sua-tay.md"
    bad.write_text(f"---\n{front_matter}---\n\nNội dung.\n", encoding="utf-8")
    with pytest.raises(RecordError) as caught:
        workspace.build()
    assert str(caught.value).startswith(f"{bad}:{line}: ")
    assert reason in str(caught.value)
    assert tree(workspace.out) == before


def test_template_error_names_template_file_and_line(workspace, tmp_path):
    templates = copy_templates(tmp_path / "templates")
    workspace.build(templates=templates)
    before = tree(workspace.out)
    article = templates / "article.html"
    lines = article.read_text(encoding="utf-8").splitlines()
    lines.insert(4, "{{ page.no_such_field }}")
    article.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"article\.html:5: .*no_such_field"):
        workspace.build(templates=templates)
    article.write_text("{% extends 'base.html' %}\n{% block main %}\n{% if %}\n{% endblock %}\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"article\.html:3: "):
        workspace.build(templates=templates)
    assert tree(workspace.out) == before


def test_interrupted_swap_leaves_the_old_site(workspace, monkeypatch):
    workspace.build()
    before = tree(workspace.out)
    (workspace.content / "moi.md").write_text(render_record(RECORDS[0].with_changes(slug="moi")), encoding="utf-8")
    real_rename = os.rename

    def killed(source, target):
        if str(source).endswith(str(workspace.out)) or ".tmp-" in str(source):
            raise KeyboardInterrupt
        return real_rename(source, target)

    monkeypatch.setattr(staging.os, "rename", killed)
    with pytest.raises(KeyboardInterrupt):
        workspace.build()
    monkeypatch.undo()
    assert tree(workspace.out) == before
    assert not [p for p in workspace.root.iterdir() if p.name.startswith(".site.")]
    assert workspace.build().written > 0 and (workspace.out / "bai" / "moi" / "index.html").is_file()


def test_swap_cut_in_two_is_recovered_by_the_next_build(workspace):
    workspace.build()
    before = tree(workspace.out)
    # what a SIGKILL between the two renames leaves: no site/, only its backup
    os.rename(workspace.out, workspace.root / ".site.previous")
    (workspace.root / ".site.tmp-999").mkdir()
    report = workspace.build()
    assert tree(workspace.out) == before and report.written == 0
    assert sorted(p.name for p in workspace.root.iterdir() if p.name.startswith(".site")) == []


def test_hand_edited_output_is_repaired(workspace):
    workspace.build()
    page = workspace.out / "the" / "index.html"
    good = page.read_bytes()
    page.write_bytes(b"broken")
    report = workspace.build()
    assert report.written == 1 and page.read_bytes() == good


def test_scraped_markup_in_a_record_is_inert(workspace):
    write_content(workspace.content, (XSS,))
    workspace.build()
    html = (workspace.out / "bai" / "bai-co-ma-doc" / "index.html").read_text(encoding="utf-8")
    page = parse(html)
    assert page.scripts == ["application/ld+json"]
    for tag, attributes in page.tags:
        assert not [name for name in attributes if name.startswith("on")], (tag, attributes)
        for name in ("href", "src"):
            value = (attributes.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (tag, attributes)
    text = "".join(page.text)
    assert "{{ 7 * 7 }}" in text and "<script>alert('x')</script>" in text
    assert "onerror=alert(2)" in text  # shown as text, not as an attribute
    assert not re.search(r"</?b>", html.split("<body>")[1].replace("&lt;b&gt;", ""))
    feed = (workspace.out / "feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in feed and "&lt;script&gt;" in feed


def test_a_second_site_beside_the_first_does_not_cost_it_its_caches(workspace, tmp_path, monkeypatch):
    """Two sites in one folder (a preview and the published copy, say) keep
    their own parsed records and bodies: after building the other one, an edit
    to one record re-reads that record only."""
    import khotin.build.record_cache as loading

    workspace.build()
    other = write_content(tmp_path / "other-content", RECORDS[:1])
    build_site(other, workspace.templates, tmp_path / "other-site", config_path=workspace.config)
    edited = RECORDS[2].with_changes(body="Công an quận Lê Chân mở đợt cao điểm mới.")
    (workspace.content / f"{edited.slug}.md").write_text(render_record(edited), encoding="utf-8")
    read: list = []
    parse = loading._parse
    monkeypatch.setattr(loading, "_parse", lambda paths, *rest: read.extend(paths) or parse(paths, *rest))
    workspace.build(jobs=1)
    assert [path.name for path in read] == [f"{edited.slug}.md"]
    page = (workspace.out / "bai" / edited.slug / "index.html").read_text(encoding="utf-8")
    assert "Công an quận Lê Chân mở đợt cao điểm mới." in page


def test_the_engine_reads_the_manifest_once_and_writes_it_once(workspace, monkeypatch):
    """Only the pipeline opens the manifest: read once after recovery, written once after the
    swap (never by output/, which describes the tree it swapped in); a no-change rebuild
    writes nothing."""
    import sys

    from khotin.build.output import paths

    manifest = paths.manifest_path(workspace.out)
    calls: list[tuple[str, str]] = []

    def counted(name, original):
        def call(path, *args):
            if os.fspath(path) == os.fspath(manifest):
                frame = sys._getframe(1)
                while frame.f_globals["__name__"] == "khotin.build.output.paths":
                    frame = frame.f_back
                calls.append((name, frame.f_globals["__name__"]))  # who asked
            return original(path, *args)
        return call

    for module in [m for name, m in list(sys.modules.items()) if name.startswith("khotin.") and m is not None]:
        for name in ("read_state", "write_state"):
            if getattr(module, name, None) is getattr(paths, name):
                monkeypatch.setattr(module, name, counted(name, getattr(paths, name)))

    def builds(change=None) -> list[tuple[str, str]]:
        calls.clear()
        if change is not None:
            change()
        workspace.build()
        return list(calls)

    def edit() -> None:
        edited = RECORDS[2].with_changes(body="Công an quận Lê Chân mở đợt cao điểm mới.")
        (workspace.content / f"{edited.slug}.md").write_text(render_record(edited), encoding="utf-8")

    once = [("read_state", "khotin.build.pipeline"), ("write_state", "khotin.build.pipeline")]
    assert builds() == once  # cold: read (nothing there), written
    assert builds(edit) == once
    assert builds() == once[:1]  # nothing changed: read only
    assert manifest.is_file()
