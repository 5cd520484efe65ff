"""`khotin publish`: to a local bare repository read back with git, and into a folder."""

from __future__ import annotations

import filecmp
import re
import subprocess
from pathlib import Path

import pytest

from khotin.errors import PublishError
from khotin.publish import MARKER, publish_dir, publish_git

SITE_FILES = {
    "index.html": "<!doctype html><html lang=vi><title>Kho tin</title><p>Trang chủ</p></html>\n",
    "bai/cong-an-phuong/index.html": "<p>Công an phường Đồng Xuân</p>\n",
    "static/khotin.css": "body { font-family: serif }\n",
    "feed.xml": "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'/>\n",
}


def make_site(root: Path, files: dict[str, str] = SITE_FILES) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def git(*args: str, cwd: Path | None = None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    remote = tmp_path / "remote.git"
    git("init", "--quiet", "--bare", str(remote))
    return remote


def branch_files(remote: Path, branch: str) -> dict[str, bytes]:
    names = git("--git-dir", str(remote), "ls-tree", "-r", "--name-only", "-z", branch).split("\0")
    return {
        name: subprocess.run(["git", "--git-dir", str(remote), "show", f"{branch}:{name}"],
                             check=True, capture_output=True).stdout
        for name in names if name
    }


def expected_files(site: Path) -> dict[str, bytes]:
    found = {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}
    return {**found, ".nojekyll": b""}


def test_publish_git_puts_exactly_the_site_on_the_branch(tmp_path, bare):
    site = make_site(tmp_path / "site")
    sha = publish_git(site, str(bare))
    assert git("--git-dir", str(bare), "rev-parse", "refs/heads/gh-pages").strip() == sha
    assert branch_files(bare, "gh-pages") == expected_files(site)

    clone = tmp_path / "clone"
    git("clone", "--quiet", "--branch", "gh-pages", str(bare), str(clone))
    assert (clone / ".nojekyll").is_file()
    compared = filecmp.dircmp(site, clone, ignore=[".git", ".nojekyll"])
    assert not compared.left_only and not compared.right_only and not compared.diff_files


def test_second_publish_replaces_the_branch_on_top_of_its_history(tmp_path, bare):
    site = make_site(tmp_path / "site")
    first = publish_git(site, str(bare), branch="pages", message="Bản đầu")
    again = publish_git(site, str(bare), branch="pages", message="Bản đầu")
    assert again != first
    assert git("--git-dir", str(bare), "rev-parse", f"{again}^").strip() == first
    assert branch_files(bare, "pages") == expected_files(site)

    (site / "bai" / "cong-an-phuong" / "index.html").unlink()
    (site / "bai" / "moi" / "index.html").parent.mkdir(parents=True)
    (site / "bai" / "moi" / "index.html").write_text("<p>Bài mới</p>\n", encoding="utf-8")
    third = publish_git(site, str(bare), branch="pages")
    files = branch_files(bare, "pages")
    assert files == expected_files(site)
    assert "bai/cong-an-phuong/index.html" not in files
    assert git("--git-dir", str(bare), "log", "--format=%s", "-1", third).strip() == "Publish site with khotin"
    assert git("--git-dir", str(bare), "log", "--format=%s", "-1", first).strip() == "Bản đầu"


def test_publish_git_leaves_other_branches_alone(tmp_path, bare):
    work = tmp_path / "work"
    git("init", "--quiet", "-b", "main", str(work))
    (work / "README").write_text("nguồn\n", encoding="utf-8")
    git("add", "README", cwd=work)
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", "src", cwd=work)
    git("push", "--quiet", str(bare), "main", cwd=work)
    main_before = git("--git-dir", str(bare), "rev-parse", "main")

    publish_git(make_site(tmp_path / "site"), str(bare))
    assert git("--git-dir", str(bare), "rev-parse", "main") == main_before
    assert "README" not in branch_files(bare, "gh-pages")


def test_commit_identity_falls_back_to_khotin(tmp_path, bare, monkeypatch):
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-global-config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for key in ("GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1609243200")
    sha = publish_git(make_site(tmp_path / "site"), str(bare))
    shown = git("--git-dir", str(bare), "log", "-1", "--format=%cn <%ce> %ct", sha).strip()
    assert shown == "khotin <khotin> 1609243200"


def test_publish_git_accepts_a_relative_remote_path(tmp_path, bare, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_site(tmp_path / "site")
    sha = publish_git(Path("site"), "remote.git")
    assert git("--git-dir", str(bare), "rev-parse", "gh-pages").strip() == sha


@pytest.mark.parametrize(("remote", "expected"), [
    ("missing.git", r"^{remote}: no such path, URL or git remote$"),
    ("not-a-repo", r"^git remote {remote} is unreachable: fatal: .*not-a-repo.* does not appear to be a git repository$"),
    ("file:///nowhere/at/all.git", r"^git remote {remote} is unreachable: fatal: .*/nowhere/at/all\.git.*$"),
])
def test_unreachable_remote_is_one_clear_line(tmp_path, remote, expected):
    site = make_site(tmp_path / "site")
    (tmp_path / "not-a-repo").mkdir()
    remote = str(tmp_path / remote) if "://" not in remote else remote
    with pytest.raises(PublishError) as caught:
        publish_git(site, remote)
    message = str(caught.value)
    assert "\n" not in message
    assert re.match(expected.format(remote=re.escape(remote)), message), message


def test_missing_or_empty_site_is_refused(tmp_path, bare):
    with pytest.raises(PublishError, match="no built site"):
        publish_git(tmp_path / "site", str(bare))
    (tmp_path / "site").mkdir()
    with pytest.raises(PublishError, match="empty"):
        publish_git(tmp_path / "site", str(bare))
    with pytest.raises(PublishError, match="empty"):
        publish_dir(tmp_path / "site", tmp_path / "out")
    assert git("--git-dir", str(bare), "branch", "--list") == ""


def test_missing_git_is_reported(tmp_path, bare, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(PublishError, match="git is not installed"):
        publish_git(make_site(tmp_path / "site"), str(bare))


def test_bad_branch_name_is_refused(tmp_path, bare):
    with pytest.raises(PublishError, match="branch name"):
        publish_git(make_site(tmp_path / "site"), str(bare), branch="bad..name")


def tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def test_publish_dir_copies_and_replaces_a_previous_publish(tmp_path):
    site = make_site(tmp_path / "site")
    dest = tmp_path / "www" / "kho"
    publish_dir(site, dest)
    assert tree(dest) == {**tree(site), MARKER: (dest / MARKER).read_bytes()}

    (site / "feed.xml").unlink()
    (site / "bai" / "moi.html").write_text("mới\n", encoding="utf-8")
    publish_dir(site, dest)
    assert tree(dest) == {**tree(site), MARKER: (dest / MARKER).read_bytes()}
    assert not (dest / "feed.xml").exists()
    assert sorted(p.name for p in dest.parent.iterdir()) == ["kho"]  # no temp folders left behind


def test_publish_dir_into_an_empty_folder(tmp_path):
    dest = tmp_path / "empty"
    dest.mkdir()
    publish_dir(make_site(tmp_path / "site"), dest)
    assert (dest / "index.html").is_file() and (dest / MARKER).is_file()


def test_publish_dir_refuses_a_folder_it_did_not_publish(tmp_path):
    site = make_site(tmp_path / "site")
    dest = tmp_path / "home"
    dest.mkdir()
    (dest / "thesis.txt").write_text("không được xóa\n", encoding="utf-8")
    with pytest.raises(PublishError, match="refusing") as caught:
        publish_dir(site, dest)
    assert "\n" not in str(caught.value)
    assert tree(dest) == {"thesis.txt": "không được xóa\n".encode()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "site"]

    a_file = tmp_path / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    with pytest.raises(PublishError, match="not a folder"):
        publish_dir(site, a_file)
    assert a_file.read_text(encoding="utf-8") == "x"


def test_publish_dir_refuses_overlapping_folders(tmp_path):
    site = make_site(tmp_path / "site")
    with pytest.raises(PublishError, match="overlap"):
        publish_dir(site, site / "copy")
    with pytest.raises(PublishError, match="overlap"):
        publish_dir(site, tmp_path)
    with pytest.raises(PublishError, match="overlap"):
        publish_dir(site, site)
    assert tree(site) == {name: text.encode() for name, text in SITE_FILES.items()}


def test_failed_copy_keeps_the_previous_publish(tmp_path):
    site = make_site(tmp_path / "site")
    dest = tmp_path / "www"
    publish_dir(site, dest)
    before = tree(dest)
    (site / "index.html").write_text("bản mới\n", encoding="utf-8")
    (site / "static" / "gone.css").symlink_to(tmp_path / "nowhere.css")  # unreadable file in the site

    with pytest.raises(PublishError, match="copying the site failed"):
        publish_dir(site, dest)
    assert tree(dest) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "www"]
