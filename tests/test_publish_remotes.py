"""`khotin publish --git` against remotes that answer badly, and to a remote given by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from khotin.errors import PublishError
from khotin.publish import publish_git
from tests.test_publish import branch_files, expected_files, git, make_site


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    remote = tmp_path / "remote.git"
    git("init", "--quiet", "--bare", str(remote))
    return remote


def test_publish_to_a_remote_named_in_the_current_repository(tmp_path, bare, monkeypatch):
    work = tmp_path / "work"
    git("init", "--quiet", str(work))
    git("remote", "add", "trang", str(bare), cwd=work)
    site = make_site(tmp_path / "site")
    monkeypatch.chdir(work)
    sha = publish_git(site, "trang")
    assert git("--git-dir", str(bare), "rev-parse", "gh-pages").strip() == sha
    assert branch_files(bare, "gh-pages") == expected_files(site)
    with pytest.raises(PublishError, match=r"^khong-co: no such path, URL or git remote$"):
        publish_git(site, "khong-co")


def test_a_push_the_remote_rejects_is_one_line_and_changes_nothing(tmp_path, bare):
    hook = bare / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'máy chủ từ chối: nhánh được bảo vệ' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    site = make_site(tmp_path / "site")
    with pytest.raises(PublishError) as caught:
        publish_git(site, str(bare))
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"publishing to {bare} failed: "), message
    assert message.endswith("[remote rejected] gh-pages -> gh-pages (pre-receive hook declined); "
                            "remote: máy chủ từ chối: nhánh được bảo vệ"), message
    assert git("--git-dir", str(bare), "branch", "--list") == "", "the rejected push left a branch"


def test_a_fetch_that_fails_is_one_line_and_pushes_nothing(tmp_path, bare):
    site = make_site(tmp_path / "site")
    sha = publish_git(site, str(bare))
    # the branch now names a commit the remote does not have: ls-remote lists it, fetch fails
    (bare / "refs" / "heads" / "gh-pages").write_text("1" * 40 + "\n", encoding="utf-8")
    (bare / "packed-refs").unlink(missing_ok=True)
    (site / "moi.html").write_text("<p>mới</p>\n", encoding="utf-8")
    with pytest.raises(PublishError) as caught:
        publish_git(site, str(bare))
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"cannot fetch gh-pages from {bare}: "), message
    assert git("--git-dir", str(bare), "rev-parse", "refs/heads/gh-pages").strip() == "1" * 40
    assert sha != "1" * 40
