"""A build starts from the spare (the tree the last build replaced), and the result
is always exactly what a cold build writes."""

from __future__ import annotations

import os

from khotin.records import render_record
from khotin.build import render_pool
from khotin.build.output import folders, recycled
from tests.site.fixtures import RECORDS
from tests.site.sitecheck import tree


def edit(workspace, number: int, title: str) -> str:
    record = RECORDS[number].with_changes(title=title, body=f"{title}. Nội dung mới.")
    (workspace.content / f"{record.slug}.md").write_text(render_record(record), encoding="utf-8")
    return f"bai/{record.slug}/index.html"


def cold(workspace, tmp_path, name: str) -> dict[str, bytes]:
    other = tmp_path / name
    other.mkdir()
    workspace.build(out=other / "site")
    return tree(other / "site")


def spare_of(workspace):
    return recycled.paths(workspace.out.absolute())[0]


def test_edits_built_from_the_spare_give_what_a_cold_build_gives(workspace, tmp_path):
    workspace.build()
    for round, number in enumerate((2, 0, 2, 1)):
        edit(workspace, number, f"Bản sửa số {round}")
        report = workspace.build()
        assert spare_of(workspace).is_dir(), "the replaced tree is kept as the spare"
        assert tree(workspace.out) == cold(workspace, tmp_path, f"cold-{round}")
        assert 0 < report.written < report.unchanged, "an edit rewrites a small part of the site"


def test_a_page_shared_with_the_live_site_is_never_written_into(workspace, tmp_path):
    workspace.build()
    page = edit(workspace, 2, "Lần sửa thứ nhất")
    workspace.build()
    # The spare (first tree) and the live site (second) share the inodes of every page
    # the first edit left alone; the next build rewrites such a page in the spare.
    unchanged = "bai/" + RECORDS[0].slug + "/index.html"
    held = tmp_path / "held.html"
    os.link(workspace.out / unchanged, held)
    before = held.read_bytes()
    edit(workspace, 0, "Lần sửa thứ hai")
    workspace.build()
    assert held.read_bytes() == before, "a page of the old live site was written into"
    assert (workspace.out / unchanged).read_bytes() != before
    assert page in tree(workspace.out)


def test_a_file_added_by_hand_does_not_come_back_from_the_spare(workspace, tmp_path):
    workspace.build()
    edit(workspace, 2, "Lần sửa thứ nhất")
    (workspace.out / "bai" / "tu-them.html").write_text("thêm bằng tay", encoding="utf-8")
    workspace.build()  # the hand-added file is dropped; the tree holding it becomes the spare
    assert not (workspace.out / "bai" / "tu-them.html").exists()
    edit(workspace, 2, "Lần sửa thứ hai")
    workspace.build()
    assert tree(workspace.out) == cold(workspace, tmp_path, "cold")


def test_a_file_changed_by_hand_in_the_spare_is_made_again(workspace, tmp_path):
    workspace.build()
    edit(workspace, 2, "Lần sửa thứ nhất")
    workspace.build()
    for page in spare_of(workspace).rglob("index.html"):
        page.unlink()
        page.write_text("hỏng", encoding="utf-8")
    edit(workspace, 2, "Lần sửa thứ hai")
    workspace.build()
    assert tree(workspace.out) == cold(workspace, tmp_path, "cold")



def test_the_first_build_leaves_a_spare_so_the_first_edit_links_nothing_in(workspace, tmp_path, monkeypatch):
    workspace.build()
    assert tree(spare_of(workspace)) == tree(workspace.out), "the spare holds the first tree's files"
    links = []
    real_link = os.link

    def counted(source, target, **kwargs):
        links.append(target)
        return real_link(source, target, **kwargs)
    monkeypatch.setattr(os, "link", counted)
    page = edit(workspace, 2, "Lần sửa đầu tiên")
    report = workspace.build()
    assert links == [], "the first edit linked the live site's pages in one by one"
    assert 0 < report.written < report.unchanged, "an edit rewrites a small part of the site"
    assert tree(workspace.out) == cold(workspace, tmp_path, "cold") and page in tree(workspace.out)


def test_the_folder_times_kept_after_a_build_from_the_spare_are_the_tree_s(workspace, tmp_path):
    from khotin.build.output.paths import folder_times, read_manifest

    def kept_times_are_true():
        manifest = read_manifest(workspace.out.absolute())
        assert manifest["folders"] == folder_times(workspace.out, manifest["files"])

    workspace.build()
    edit(workspace, 2, "Lần sửa thứ nhất")
    workspace.build()
    kept_times_are_true()
    record = RECORDS[1].with_changes(slug="bai-moi-them", tags=("chủ đề mới",), title="Bài mới thêm")
    (workspace.content / "bai-moi-them.md").write_text(render_record(record), encoding="utf-8")
    workspace.build()  # new folders, in folders the spare has
    kept_times_are_true()
    (workspace.content / f"{RECORDS[1].slug}.md").unlink()  # folders of its article and place go
    workspace.build()
    kept_times_are_true()
    assert workspace.build().written == 0, "the next build trusts the kept times"


def test_a_folder_deleted_by_hand_from_the_site_comes_back(workspace, tmp_path):
    import shutil

    workspace.build()
    page = edit(workspace, 2, "Lần sửa thứ nhất")
    shutil.rmtree(workspace.out / page.rsplit("/", 1)[0])
    workspace.build()
    assert tree(workspace.out) == cold(workspace, tmp_path, "cold") and page in tree(workspace.out)


def test_after_a_code_change_an_edit_keeps_true_folder_times(workspace, monkeypatch):
    """New code gives every page a new view key though not new bytes; the edit after it
    relinks the live site's pages over the spare's, which may be the very same files."""
    from khotin.build import pipeline as build_module
    from khotin.build.output.paths import folder_times, read_manifest

    workspace.build()
    edit(workspace, 2, "Lần sửa thứ nhất")
    workspace.build()
    monkeypatch.setattr(build_module, "_code_key", lambda: b"khotin, a later version")
    assert workspace.build().written == 0
    for round in range(2):
        edit(workspace, 0, f"Bản sửa sau khi đổi mã {round}")
        workspace.build()
        manifest = read_manifest(workspace.out.absolute())
        assert manifest["folders"] == folder_times(workspace.out, manifest["files"])


def test_folders_unchanged_sees_a_file_or_folder_added_or_removed(tmp_path):
    from khotin.build.output.paths import folder_times, folders_unchanged

    files = ["index.html", "bai/a/index.html", "bai/b/index.html"]
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")

    def times(names):  # folders dated a day back, so a change now cannot fall in the same clock tick
        for folder in {"", "bai", "bai/a", "bai/b"}:
            if (tmp_path / folder).is_dir():
                os.utime(tmp_path / folder, ns=(0, 1_000_000_000))
        return folder_times(tmp_path, names)

    assert folders_unchanged(tmp_path, times(files))
    assert not folders_unchanged(tmp_path, {}) and not folders_unchanged(tmp_path, None)
    known = times(files)
    (tmp_path / "bai" / "a" / "extra.html").write_text("x", encoding="utf-8")
    assert not folders_unchanged(tmp_path, known)
    known = times(files)
    (tmp_path / "bai" / "b" / "index.html").unlink()
    (tmp_path / "bai" / "b").rmdir()
    assert not folders_unchanged(tmp_path, known)
    known = times(["index.html", "bai/a/index.html", "bai/a/extra.html"])
    assert folders_unchanged(tmp_path, known)
    (tmp_path / "bai" / "c").mkdir()
    assert not folders_unchanged(tmp_path, known)


def test_forked_builds_with_folders_made_aside_equal_a_serial_build(workspace, tmp_path, monkeypatch):
    serial = tmp_path / "serial"
    workspace.build(out=serial / "site", jobs=1)
    monkeypatch.setattr(folders, "THRESHOLD", 1)
    monkeypatch.setattr(render_pool, "PARALLEL_THRESHOLD", 1)
    workspace.build(jobs=2)
    assert tree(workspace.out) == tree(serial / "site")
    assert tree(spare_of(workspace)) == tree(workspace.out), "the first build plants its spare"
    edit(workspace, 1, "Bản sửa")
    workspace.build(jobs=2)
    workspace.build(out=serial / "site", jobs=1)
    assert tree(workspace.out) == tree(serial / "site")


def _rewrite_in_place(path) -> bytes:
    """What `rsync --inplace -t` or `cp -p` onto the file does: new bytes in the same
    inode, its size and mtime put back. Returns the bytes written."""
    stat = path.stat()
    data = path.read_bytes()
    tampered = data.replace(b"<body", b"<BODY", 1)
    assert tampered != data and len(tampered) == len(data)
    with open(path, "r+b") as handle:
        handle.write(tampered)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = path.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    return tampered


def test_a_page_rewritten_in_place_with_its_stat_put_back_is_made_again(workspace, tmp_path):
    workspace.build()
    edit(workspace, 2, "Lần sửa thứ nhất")
    workspace.build()  # the live pages now share their inodes with the spare
    page = workspace.out / "bai" / RECORDS[0].slug / "index.html"
    good = page.read_bytes()
    assert os.stat(page).st_nlink > 1, "the page is shared with the spare, as the test means it to be"
    _rewrite_in_place(page)
    workspace.build()  # nothing else changed: the early stop must not vouch for the page
    assert page.read_bytes() == good
    assert tree(workspace.out) == cold(workspace, tmp_path, "cold-after-no-change")
    _rewrite_in_place(page)
    edit(workspace, 1, "Lần sửa thứ hai")  # an edit elsewhere: the spare's copy must not come back
    workspace.build()
    assert b"<BODY" not in page.read_bytes()
    assert tree(workspace.out) == cold(workspace, tmp_path, "cold-after-edit")
    _rewrite_in_place(page)
    edit(workspace, 1, "Lần sửa thứ ba")
    workspace.build()
    edit(workspace, 1, "Lần sửa thứ tư")  # the build after: the tree the page was in is the spare now
    workspace.build()
    assert b"<BODY" not in page.read_bytes()
    assert tree(workspace.out) == cold(workspace, tmp_path, "cold-two-later")
