"""No seed name, record name or slug writes outside content/ or site/; serve binds loopback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitekit import (SEEDS, TEMPLATES, ServeProcess, build_args, explain, html_pages, one_clear_line,
                     run_khotin, synthetic_record, write_records)

ESCAPE = "khotin-escape"


def _everything(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def _escaped(root: Path) -> list[str]:
    """Files named after the attack anywhere near the work folder (or at /tmp)."""
    places = [root.parent, Path("/tmp")]
    return sorted(str(p) for place in places for p in place.glob(f"*{ESCAPE}*")) + \
        sorted(str(p) for p in root.rglob(f"*{ESCAPE}*") if not {"content", "seeds"} & set(p.relative_to(root).parts))


HOSTILE_SLUGS = [
    f"../../{ESCAPE}", f"../{ESCAPE}", f"/tmp/{ESCAPE}-abs", f"bai/../../../{ESCAPE}", ".", "..",
    f"%2e%2e%2f{ESCAPE}", f"..\\\\..\\\\{ESCAPE}", f"{ESCAPE}\x00.html", f"~/{ESCAPE}", "",
]


@pytest.mark.parametrize("slug", HOSTILE_SLUGS, ids=lambda s: repr(s))
def test_a_hostile_slug_never_writes_outside_site(tmp_path, slug):
    work = tmp_path / "work"
    content, out = work / "content", work / "site"
    write_records(content, [synthetic_record(n) for n in range(3)])
    quoted = slug.replace("\\", "\\\\").replace("\x00", "\\0").replace('"', '\\"')
    (content / "tay-sua.md").write_text(f'---\ntitle: Bài sửa tay\nslug: "{quoted}"\ndate: 2021-05-01\n---\n\nThân.\n',
                                        encoding="utf-8")
    before = _everything(work)
    done = run_khotin(*build_args(content, out))
    if done.returncode != 0:
        assert done.returncode == 1 and one_clear_line(done.stderr), explain(done)
        assert "tay-sua.md" in done.stderr
    new = {p for p in _everything(work) - before
           if not p.startswith(("site", ".khotin-cache"))}
    assert new == set(), "the build wrote outside site/"
    assert _escaped(work) == []
    if done.returncode == 0:
        articles = [p for p in html_pages(out) if p.startswith("bai/")]
        assert len(articles) == 4 and all(re.fullmatch(r"bai/[A-Za-z0-9][\w.-]*/", p) for p in articles), articles


@pytest.mark.parametrize("name", ["..md", "...md", ".hidden.md", "-rf.md", "a b;rm -rf ~.md", "con.md",
                                  f"%2e%2e%2f{ESCAPE}.md"])
def test_a_hostile_record_name_without_slug_never_writes_outside_site(tmp_path, name):
    work = tmp_path / "work"
    content, out = work / "content", work / "site"
    write_records(content, [synthetic_record(n) for n in range(2)])
    (content / name).write_text("---\ntitle: Bài không có slug\n---\n\nThân.\n", encoding="utf-8")
    before = _everything(work)
    done = run_khotin(*build_args(content, out))
    if done.returncode != 0:
        assert done.returncode == 1 and one_clear_line(done.stderr), explain(done)
    new = {p for p in _everything(work) - before if not p.startswith(("site", ".khotin-cache"))}
    assert new == set(), "the build wrote outside site/"
    assert _escaped(work) == []
    if done.returncode == 0:
        assert all(re.fullmatch(r"bai/[A-Za-z0-9][\w.-]*/", p) for p in html_pages(out) if p.startswith("bai/"))


def test_hostile_seed_names_and_titles_only_make_records_in_content(tmp_path):
    work = tmp_path / "work"
    seeds, content = work / "seeds", work / "content"
    seeds.mkdir(parents=True)
    page = (SEEDS / sorted(p.name for p in SEEDS.iterdir())[0]).read_text(encoding="utf-8")
    titles = [f"../../{ESCAPE}", f"/tmp/{ESCAPE}", "..", ".", f"..\\..\\{ESCAPE}", "%2e%2e%2f", "~root/.ssh"]
    names = [f"..{ESCAPE}.txt", "-rf.txt", "a b; rm -rf ~.txt", f"%2e%2e%2f{ESCAPE}.txt", "đường dẫn.txt",
             "$(touch pwn).txt", "`id`.txt"]
    for name, title in zip(names, titles):
        (seeds / name).write_text(f"{title}\n\n{page}", encoding="utf-8")
    before = _everything(work)
    done = run_khotin("import", "--seeds", seeds, "--content", content, cwd=work)
    assert done.returncode in (0, 1), explain(done)
    assert "Traceback" not in done.stderr, explain(done)
    new = {p for p in _everything(work) - before if not p.startswith(("content", ".khotin-cache"))}
    assert new == set(), "import wrote outside content/"
    assert _escaped(work) == []
    for record in content.iterdir():
        assert record.is_file() and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.md", record.name), record.name


def test_serve_binds_only_the_loopback_address_by_default(tmp_path):
    content = tmp_path / "content"
    write_records(content, [synthetic_record(n) for n in range(2)])
    with ServeProcess("--content", content, "--templates", TEMPLATES, "--out", tmp_path / "site",
                      cwd=tmp_path) as serve:
        assert serve.url.startswith("http://127.0.0.1:"), serve.url
        listening = _listening_addresses(serve.port)
        assert listening and all(address in ("127.0.0.1", "::1") for address in listening), listening
        assert serve.get("")[0] == 200


def _listening_addresses(port: int) -> list[str]:
    """Local addresses of the sockets listening on `port`, from the kernel's tables."""
    import ipaddress

    found = []
    for table, width in (("/proc/net/tcp", 4), ("/proc/net/tcp6", 16)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if int(hex_port, 16) != port or fields[3] != "0A":  # 0A: LISTEN
                continue
            raw = bytes.fromhex(address)
            raw = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
            found.append(str(ipaddress.ip_address(raw)))
    assert Path("/proc/net/tcp").exists(), "this test reads Linux's /proc/net/tcp"
    return found
