"""khotin's pyvi feature code must give exactly pyvi's own words and tags."""

from __future__ import annotations

from pathlib import Path

import pytest

from khotin.topics.terms import _join_places
from khotin.vietnamese import tokenize
from khotin.vietnamese.fold import modern_tones

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
ODD_LINES = [
    "TP.HCM ...  ==> a->b thư x.y@bocongan.gov.vn http://cand.com.vn/a 1.234,5 ThS. Nguyễn Văn A",
    "Chỉ thị số 09-CT/TW (năm 1995), Nghị quyết 28-NQ/TW… “Toàn dân” – bảo vệ ‘an ninh’!",
    "QUẬN ĐỐNG ĐA TỔNG KẾT PHONG TRÀO", "a", "1", "()", "Mr. Smith và Dr. Lê, Ms. Hoa",
    "Ủy ban nhân dân quận Nam Từ Liêm, Hà Nội ngày 27/01/2022",
]


def _lines() -> list[str]:
    lines = list(ODD_LINES)
    for seed in sorted(SEEDS.iterdir()):
        for line in seed.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.strip():
                lines += [line, _join_places(modern_tones(line))]
    return lines


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return _lines()


def test_segment_is_pyvis_segmentation(lines: list[str]) -> None:
    different = [line for line in lines if tokenize.segment(line) != tokenize.pyvi_segment(line)]
    assert not different, different[:3]


def test_tag_words_is_pyvis_tagging(lines: list[str]) -> None:
    assert len(lines) > 100
    different = []
    for line in lines:
        words = tokenize.pyvi_segment(line)
        if tokenize.tag_words(words) != tokenize.pyvi_tag(words):
            different.append(line)
    assert not different, different[:3]


def test_tags_are_real_pyvi_labels() -> None:
    tagged = dict(tokenize.pos_tag("Công an quận Đống Đa tổ chức hội nghị tại Hà Nội"))
    assert tagged.get("Công_an") == "N"
    assert tagged.get("Hà_Nội") == "Np"
