"""Ship a built site: to a branch of a git remote, or into a folder.

Both ways replace what was published before as a whole, never file by file,
so a static host never serves half of one build and half of another.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from khotin.errors import PublishError

MARKER = ".khotin-publish"
DEFAULT_MESSAGE = "Publish site with khotin"
FALLBACK_IDENTITY = "khotin"

# ghp-import keeps its options in os.environ and the current directory (it
# runs `git` there and reads the committer from GIT_COMMITTER_*), so it runs in
# a child interpreter whose environment and cwd are ours to set, instead of
# mutating this process's.
_GHP_IMPORT = """
import json, subprocess, sys
import ghp_import
options = json.loads(sys.argv[1])
try:
    ghp_import.ghp_import(options.pop("srcdir"), **options)
except ghp_import.GhpError as exc:
    sys.exit("ghp-import: " + exc.message)
except subprocess.CalledProcessError:
    sys.exit("git push was refused")
"""

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://|^[^/\\\s]+@[^/\s:]+:")


def _check_site(site: Path) -> Path:
    if not site.is_dir():
        raise PublishError(f"{site}: no built site here (run `khotin build` first)")
    if not any(site.iterdir()):
        raise PublishError(f"{site}: the site folder is empty (run `khotin build` first)")
    return site.resolve()


def _git(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False,
    )


def _git_reason(text: str, fallback: str) -> str:
    """git's first complaint: later lines only repeat that it gave up. A push the
    remote turned down says why in its '[rejected]' line and the remote's own words."""
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    rejected = [line.lstrip("! ") for line in lines if "[remote rejected]" in line or "[rejected]" in line]
    if rejected:
        said = [line for line in lines if line.startswith("remote:") and line != "remote:"]
        return "; ".join(rejected[:1] + said[:2])
    for line in lines:
        if line.startswith(("fatal:", "error:", "ghp-import:")) or "refused" in line:
            return line
    return lines[-1] if lines else fallback


def _resolve_remote(remote: str) -> str:
    """A path (made absolute: git runs elsewhere), a URL, or a remote name of
    the repository around the current directory."""
    if not remote.strip():
        raise PublishError("no git remote given")
    if _URL.match(remote):
        return remote
    path = Path(remote).expanduser()
    if path.exists():
        return str(path.resolve())
    named = _git("remote", "get-url", remote)
    if named.returncode == 0 and named.stdout.strip():
        return named.stdout.strip()
    raise PublishError(f"{remote}: no such path, URL or git remote")


def _identity_env(base: dict[str, str]) -> dict[str, str]:
    env = dict(base)
    for key, config in (("GIT_COMMITTER_NAME", "user.name"), ("GIT_COMMITTER_EMAIL", "user.email")):
        if not env.get(key):
            configured = _git("config", "--get", config, env=env).stdout.strip()
            env[key] = configured or FALLBACK_IDENTITY
    # Reproducible builds name their instant once; the commit then depends
    # only on the site, the parent and the message.
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit() and not env.get("GIT_COMMITTER_DATE"):
        env["GIT_COMMITTER_DATE"] = f"{epoch} +0000"
    return env


def publish_git(site: Path, remote: str, branch: str = "gh-pages", message: str | None = None) -> str:
    """Make `branch` of `remote` hold exactly the site (plus `.nojekyll`) in a
    new commit on top of the branch's history; return that commit's sha."""
    site = _check_site(Path(site))
    if shutil.which("git") is None:
        raise PublishError("git is not installed (needed for `khotin publish --git`)")
    if not branch or _git("check-ref-format", "--branch", branch).returncode != 0:
        raise PublishError(f"{branch!r} is not a valid branch name")
    url = _resolve_remote(remote)
    env = _identity_env(os.environ.copy())
    env["GIT_TERMINAL_PROMPT"] = "0"  # an unreachable remote fails, it never waits for a password

    with tempfile.TemporaryDirectory(prefix="khotin-publish-") as scratch:
        repo = Path(scratch) / "repo.git"
        for args in (("init", "--quiet", "--bare", str(repo)),
                     ("--git-dir", str(repo), "remote", "add", "origin", url)):
            done = _git(*args, env=env)
            if done.returncode != 0:
                raise PublishError(_git_reason(done.stderr, "git init failed"))
        env["GIT_DIR"] = str(repo)
        heads = _git("ls-remote", "--heads", "origin", f"refs/heads/{branch}", cwd=repo, env=env)
        if heads.returncode != 0:
            reason = _git_reason(heads.stderr, "cannot read it")
            raise PublishError(f"git remote {remote} is unreachable: {reason}")
        if heads.stdout.strip():
            fetched = _git("fetch", "--quiet", "origin",
                           f"+refs/heads/{branch}:refs/remotes/origin/{branch}", cwd=repo, env=env)
            if fetched.returncode != 0:
                raise PublishError(f"cannot fetch {branch} from {remote}: {_git_reason(fetched.stderr, 'fetch failed')}")
        options = {"srcdir": str(site), "mesg": message or DEFAULT_MESSAGE, "remote": "origin",
                   "branch": branch, "push": True, "nojekyll": True}
        done = subprocess.run([sys.executable, "-c", _GHP_IMPORT, json.dumps(options)],
                              cwd=repo, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise PublishError(f"publishing to {remote} failed: {_git_reason(done.stderr, 'ghp-import failed')}")
        local = _git("rev-parse", "--verify", f"refs/heads/{branch}", cwd=repo, env=env).stdout.strip()
        pushed = _git("ls-remote", "--heads", "origin", f"refs/heads/{branch}", cwd=repo, env=env)
        if not local or local not in pushed.stdout.split():
            raise PublishError(f"publishing to {remote} failed: branch {branch} was not updated")
        return local


def _is_inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _check_dest(site: Path, dest: Path) -> None:
    if _is_inside(dest, site) or _is_inside(site, dest):
        raise PublishError(f"{dest}: the destination and the site folder {site} overlap")
    if dest.is_symlink() or (dest.exists() and not dest.is_dir()):
        raise PublishError(f"{dest}: exists and is not a folder; refusing to replace it")
    if dest.is_dir() and any(dest.iterdir()) and not (dest / MARKER).is_file():
        raise PublishError(
            f"{dest}: a non-empty folder that khotin did not publish (no {MARKER}); refusing to replace it"
        )


def publish_dir(site: Path, dest: Path) -> None:
    """Replace `dest` with a copy of the site in one rename.

    The copy is made in a sibling folder first, so a failed copy leaves the
    previous publish as it was; `dest` is only ever replaced if it is empty or
    carries the marker an earlier publish wrote.
    """
    site = _check_site(Path(site))
    dest = Path(dest).expanduser().absolute()
    dest = dest.parent.resolve() / dest.name
    _check_dest(site, dest)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".{dest.name}.new-", dir=dest.parent))
    except OSError as exc:
        raise PublishError(f"{dest}: cannot write next to it: {exc.strerror or exc}") from None
    try:
        shutil.copytree(site, fresh, dirs_exist_ok=True)
        (fresh / MARKER).write_text("This folder is published by khotin; the next publish replaces it.\n",
                                    encoding="utf-8")
    except shutil.Error as exc:  # copytree gathers (source, target, reason) per failed file
        shutil.rmtree(fresh, ignore_errors=True)
        failures = exc.args[0] if exc.args and isinstance(exc.args[0], list) else []
        first = f"{failures[0][0]}: {failures[0][2]}" if failures else str(exc)
        raise PublishError(f"{dest}: copying the site failed: {first}") from None
    except OSError as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        raise PublishError(f"{dest}: copying the site failed: {exc}") from None
    _swap(fresh, dest)


def _swap(fresh: Path, dest: Path) -> None:
    old: Path | None = None
    try:
        if dest.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old-", dir=dest.parent))
            os.replace(dest, old)  # an empty folder: the rename replaces it
        os.replace(fresh, dest)
    except OSError as exc:
        if old is not None and not dest.exists():
            os.replace(old, dest)
            old = None
        shutil.rmtree(fresh, ignore_errors=True)
        raise PublishError(f"{dest}: cannot put the new copy in place: {exc.strerror or exc}") from None
    finally:
        if old is not None and old.exists():
            shutil.rmtree(old, ignore_errors=True)
