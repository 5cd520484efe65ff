"""The importer end to end: seeds/ → content/, re-import rules, bad input."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from khotin.loader.importer import TEMP_PREFIX, import_seeds
from khotin.records import parse_record, read_record

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_windows_1258(text: str) -> bytes:
    """Encode the legacy way: base letters precomposed, tone marks combining."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
            tones = "".join(c for c in parts if c in TONE_MARKS)
            out.append((base + tones).encode("cp1258"))
    return b"".join(out)


def run_import(seeds: Path, content: Path) -> tuple[object, list[str]]:
    lines: list[str] = []
    report = import_seeds(seeds, content, jobs=1, progress=False, say=lines.append)
    return report, lines


@pytest.fixture()
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def test_each_seed_becomes_one_record(seeds: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    report, lines = run_import(seeds, content)
    assert report.ok and lines == []
    records = [read_record(p) for p in sorted(content.glob("*.md"))]
    assert sorted(r.seed for r in records) == sorted(p.name for p in seeds.iterdir())
    for record in records:
        assert record.slug == (content / f"{record.slug}.md").stem
        assert record.seed_sha256 and len(record.seed_sha256) == 64
        assert record.title and record.body


def test_reimport_of_unchanged_seeds_is_byte_identical(seeds: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    run_import(seeds, content)
    before = {p.name: p.read_bytes() for p in content.glob("*.md")}
    report, _ = run_import(seeds, content)
    assert report.written == () and len(report.unchanged) == len(before)
    assert {p.name: p.read_bytes() for p in content.glob("*.md")} == before


def test_a_persons_edit_is_never_overwritten(seeds: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    run_import(seeds, content)
    first, second = sorted(content.glob("*.md"))[:2]
    edited_body = first.read_text(encoding="utf-8") + "\nMột đoạn do biên tập viên thêm.\n"
    first.write_text(edited_body, encoding="utf-8")
    edited_meta = second.read_text(encoding="utf-8").replace("title:", "title: Sửa -", 1)
    second.write_text(edited_meta, encoding="utf-8")
    report, lines = run_import(seeds, content)
    assert first.read_text(encoding="utf-8") == edited_body
    assert second.read_text(encoding="utf-8") == edited_meta
    assert f"kept your edits: {first}" in lines and f"kept your edits: {second}" in lines
    assert set(report.kept) == {first, second}


def test_a_removed_seeds_record_stays(seeds: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    run_import(seeds, content)
    victim = sorted(seeds.iterdir())[0]
    record = next(p for p in content.glob("*.md") if read_record(p).seed == victim.name)
    victim.unlink()
    report, _ = run_import(seeds, content)
    assert report.ok and record.exists()


def test_stale_temporary_files_from_a_killed_import_are_removed(seeds: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / f"{TEMP_PREFIX}half.md").write_text("---\ntitle: hal", encoding="utf-8")
    run_import(seeds, content)
    assert not list(content.glob(f"{TEMP_PREFIX}*"))
    for path in content.glob("*.md"):
        parse_record(path.read_text(encoding="utf-8"), path)


def test_bad_files_get_one_line_each_and_the_rest_is_imported(seeds: Path, tmp_path: Path) -> None:
    good_text = sorted(seeds.iterdir())[1].read_text(encoding="utf-8")
    title = "Công an quận Hoàn Kiếm ra quân bảo đảm an ninh trật tự dịp Tết"
    article = (
        f"{title}\n\n"
        "Sáng 12/01/2023, Công an quận Hoàn Kiếm tổ chức lễ ra quân tấn công trấn áp tội phạm.\n\n"
        "Lực lượng công an đã tuần tra các tuyến phố, bảo đảm an toàn cho nhân dân đón Tết.\n"
    )
    bad = {
        "empty.txt": b"",
        "blank.txt": b" \n\t\n  \n",
        "binary.bin": bytes(range(256)) * 40,
    }
    good = {
        "bom.txt": b"\xef\xbb\xbf" + article.encode("utf-8"),
        "utf16.txt": article.replace("Hoàn Kiếm", "Tây Hồ").encode("utf-16"),
        "legacy.txt": to_windows_1258(article.replace("Hoàn Kiếm", "Cầu Giấy")),
        "script.txt": (article.replace("Hoàn Kiếm", "Long Biên")
                       + "\n<script>alert('x')</script> vẫn là chữ.\n").encode("utf-8"),
        "zz-same-title.txt": good_text.encode("utf-8"),
        "dotdot.txt": ("../../etc/passwd ../ quận Ba Đình\n\n" + article.split("\n\n", 1)[1]).encode("utf-8"),
    }
    for name, data in {**bad, **good}.items():
        (seeds / name).write_bytes(data)
    content = tmp_path / "content"
    report, lines = run_import(seeds, content)

    assert not report.ok
    assert len(report.failures) == len(bad)
    for name in bad:
        assert sum(line.startswith(f"{seeds / name}: ") for line in lines) == 1
    records = {read_record(p).seed: read_record(p) for p in content.glob("*.md")}
    assert set(good) <= set(records)
    for name in ("bom.txt", "utf16.txt", "legacy.txt"):
        assert records[name].title.startswith("Công an quận")
        assert unicodedata.is_normalized("NFC", records[name].body)
    assert "Cầu Giấy" in records["legacy.txt"].title
    assert "<script>alert('x')</script>" in records["script.txt"].body
    twin = records["zz-same-title.txt"]
    original = next(r for r in records.values() if r.title == twin.title and r is not twin)
    assert twin.slug != original.slug and twin.slug.startswith(original.slug)
    for path in content.iterdir():
        assert path.parent == content and ".." not in path.name


def _texts(content: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(content.glob("*.md"))}


def test_worker_pool_and_token_cache_give_the_same_records(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parse, places and pyvi terms run per seed in forked workers, and terms come
    from the cache on a second run: none of it may change a byte of a record."""
    import khotin.loader.passes as passes

    serial = tmp_path / "serial"
    import_seeds(seeds, serial, jobs=1, progress=False, say=lambda line: None)
    monkeypatch.setattr(passes, "PARALLEL_THRESHOLD", 2)
    cache = tmp_path / "cache"
    pooled = tmp_path / "pooled"
    report = import_seeds(seeds, pooled, jobs=2, progress=False, cache_dir=cache, say=lambda line: None)
    assert len(report.written) == len(list(seeds.iterdir()))
    assert _texts(pooled) == _texts(serial)
    assert len(list(cache.glob("*.json"))) == len(report.written)

    def no_pyvi(*args: object) -> None:
        raise AssertionError("an unchanged seed was tokenised again")

    monkeypatch.setattr("khotin.topics.tags.analyse", no_pyvi)
    cached = tmp_path / "cached"
    import_seeds(seeds, cached, jobs=2, progress=False, cache_dir=cache, say=lambda line: None)
    assert _texts(cached) == _texts(serial)
    assert not [p for p in pooled.iterdir() if p.name.startswith(TEMP_PREFIX)]
