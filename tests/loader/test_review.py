"""`khotin review`: records ranked by what rests on a guess, through the real CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from khotin.loader import notes
from khotin.loader.review import doubts, review_content
from khotin.records import Record, render_record


def record(slug: str, **fields) -> Record:
    base = dict(title="Công an phường ra mắt tổ tự quản an ninh trật tự khu dân cư", slug=slug,
                body="Đoạn văn.", date="2024-03-02", author="Minh Anh", source="Hà Nội mới")
    base.update(fields)
    return Record(**base)


def write(folder: Path, rec: Record) -> Path:
    path = folder / f"{rec.slug}.md"
    path.write_text(render_record(rec, stamp=True), encoding="utf-8")
    return path


def test_a_clean_record_has_nothing_to_check():
    assert doubts(record("a")) == ()


def test_each_doubt_is_named():
    rec = record("b", title="Lưu bài viết", date=None, author=None, source="HNP",
                 review=(f"{notes.SOURCE_AS_PRINTED}: the lede opens with 'HNP -'",
                         f"{notes.PROSE_AS_CHROME} 1 sentence-like line(s): Mời bạn đọc."))
    reasons = [doubt.reason for doubt in doubts(rec)]
    assert reasons[0].startswith("title may be page chrome")
    assert "no date" in reasons and "no author" in reasons
    assert "source kept as the abbreviation 'HNP'" in reasons
    assert "lines that read like prose were dropped as chrome" in reasons


def test_inferred_year_is_a_doubt_but_a_given_year_is_not():
    inferred = record("c", review=("date: the page gives '2/3' without a year; year 2024 inferred because x",))
    assert [d.reason for d in doubts(inferred)] == ["year inferred (2024)"]


def test_most_doubtful_first_and_edited_records_left_out(tmp_path):
    write(tmp_path, record("clean"))
    write(tmp_path, record("no-author", author=None))
    write(tmp_path, record("widget-title", title="Bình luận (0)", date=None))
    edited = write(tmp_path, record("edited", author=None))
    edited.write_text(edited.read_text(encoding="utf-8").replace("Đoạn văn.", "Đoạn văn đã sửa."),
                      encoding="utf-8")
    report = review_content(tmp_path)
    assert [entry.path.stem for entry in report.entries] == ["widget-title", "no-author"]
    assert report.checked == 4 and report.edited_left_out == 1
    everything = review_content(tmp_path, include_edited=True)
    assert {entry.path.stem for entry in everything.entries} == {"widget-title", "no-author", "edited"}


def test_cli_prints_one_line_a_record_and_a_count(tmp_path):
    write(tmp_path, record("no-date", date=None))
    (tmp_path / "broken.md").write_text("---\ntitle: [\n---\nx\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "khotin", "review", "--content", str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{tmp_path / 'broken.md'}: broken record")
    assert lines[1] == f"{tmp_path / 'no-date.md'}: no date"
    assert lines[-1] == "2 of 2 records to check"
