"""Control characters from a seed or a hand-edited record never reach a feed, the sitemap or a page.

The corpus is seeds/ plus one seed carrying terminal colour codes, form feeds, DEL and C1
controls, imported and built through the real command line; then a record is hand-edited to
carry such characters in its front matter (YAML escapes) and its body (raw), and built again.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser

from khotin.records import parse_record

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
CONTROL_SEED = (
    "\x1b[31mQuận Hoàng Mai\x1b[0m tổng kết phong trào bảo vệ an ninh Tổ quốc\x01\n\n"
    "Ngày 24/3/2021, Công an quận Hoàng Mai\x7f tổ chức hội nghị\x85 tổng kết phong trào toàn dân "
    "bảo vệ an ninh Tổ quốc năm 2020.\x0c\n\n"
    "Hội nghị\x0b biểu dương 30 tập thể\x9b và cá nhân có thành tích xuất sắc\x02 trong phong trào, "
    "góp phần giữ vững an ninh chính trị, trật tự an toàn xã hội trên địa bàn quận.\n"
)


def khotin(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "khotin", *map(str, args)], cwd=REPO,
                          capture_output=True, text=True, timeout=600)


def check_xml_outputs(site: Path) -> list[str]:
    """Every feed and the sitemap, read by a strict XML parser and by feedparser."""
    problems = []
    xml_files = sorted(site.rglob("*.xml"))
    assert (site / "sitemap.xml") in xml_files and (site / "feed.xml") in xml_files
    for path in xml_files:
        raw = path.read_bytes()
        name = path.relative_to(site)
        try:
            ET.fromstring(raw)
        except ET.ParseError as exc:
            problems.append(f"{name}: {exc}")
        if FORBIDDEN.search(raw.decode("utf-8")):
            problems.append(f"{name}: carries a forbidden character")
        if path.name == "feed.xml":
            parsed = feedparser.parse(raw)
            if parsed.bozo:
                problems.append(f"{name}: feedparser: {parsed.bozo_exception}")
    return problems


def pages_with_controls(site: Path) -> list[str]:
    return [str(p.relative_to(site)) for p in site.rglob("*.html")
            if FORBIDDEN.search(p.read_text(encoding="utf-8"))]


def test_control_characters_from_a_seed_and_a_hand_edit_never_reach_the_site(tmp_path):
    seeds, content, site = tmp_path / "seeds", tmp_path / "content", tmp_path / "site"
    shutil.copytree(SEEDS, seeds)
    (seeds / "zz_controls.txt").write_bytes(CONTROL_SEED.encode("utf-8"))
    imported = khotin("import", "--seeds", seeds, "--content", content, "--jobs", "1")
    assert imported.returncode == 0, imported.stderr

    [record_path] = [p for p in content.glob("*.md") if "hoang-mai" in p.name]
    text = record_path.read_text(encoding="utf-8")
    assert not FORBIDDEN.search(text), "a control character reached the record"
    record = parse_record(text, record_path)
    assert record.title == "Quận Hoàng Mai tổng kết phong trào bảo vệ an ninh Tổ quốc"  # no "[31m"
    assert any(note.startswith("dropped ") and "U+001B" in note and "U+007F" in note and "U+0085" in note
               for note in record.review), record.review

    built = khotin("build", "--content", content, "--out", site, "--base-url", "https://example.org/kho/")
    assert built.returncode == 0, built.stderr
    assert check_xml_outputs(site) == []
    assert pages_with_controls(site) == []

    # A person edits the record: YAML escapes put controls in the title, the body takes them raw.
    edited = re.sub(r"^title: .*$", lambda _: 'title: "Sửa\\x01 tay\\x1b\\x7f\\u0085 Hoàng Mai"',
                    text, count=1, flags=re.M)
    edited = edited.rstrip("\n") + "\n\nĐoạn sửa tay\x01\x08 có\x1b[1m mã\x7f điều\x9f khiển\x0c.\n"
    record_path.write_text(edited, encoding="utf-8")
    hand = parse_record(edited, record_path)
    assert FORBIDDEN.search(hand.title) and FORBIDDEN.search(hand.body), "the edit carries no controls"

    rebuilt = khotin("build", "--content", content, "--out", site, "--base-url", "https://example.org/kho/")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert check_xml_outputs(site) == []
    assert pages_with_controls(site) == []
    page = (site / "bai" / record_path.stem / "index.html").read_text(encoding="utf-8")
    assert "Sửa tay" in page and "Đoạn sửa tay có[1m mã điều khiển" in page
