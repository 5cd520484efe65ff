"""Property tests of the loader: any bytes in a seed file give parsed parts or one clear reason."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitekit import SEEDS

from khotin.loader.passes import ParsedSeed, SeedFailure, parse_seed

SETTINGS = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SEED_LINES = sorted({line for path in SEEDS.iterdir() for line in path.read_text(encoding="utf-8").splitlines()})

# Pages that look like scraped ones: real seed lines shuffled, cut, and mixed with noise.
page_lines = st.lists(st.sampled_from(SEED_LINES) | st.text(max_size=80) |
                      st.sampled_from(["", "   ", "Chia sẻ", "Print", "<script>alert(1)</script>",
                                       "Thứ Ba, 29/12/2020, 19:00", "Ngày 24/3", "QR CODE: Tiêu đề",
                                       "\u202e", "\ufeff", "{{ x }}"]), max_size=40)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258", "latin-1"])


def _parse(tmp: Path, data: bytes) -> ParsedSeed | SeedFailure:
    path = tmp / "trang.txt"
    path.write_bytes(data)
    result = parse_seed(path)
    assert isinstance(result, (ParsedSeed, SeedFailure)), type(result)
    if isinstance(result, SeedFailure):
        assert result.reason.strip() and "\n" not in result.reason, repr(result.reason)
    else:
        title = result.page.title
        assert isinstance(title, str) and title.strip() == title and title and "\n" not in title, repr(title)
    return result


@SETTINGS
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_parsed_page_or_a_reason(data):
    with tempfile.TemporaryDirectory() as folder:
        _parse(Path(folder), data)


@SETTINGS
@given(page_lines, encodings, st.sampled_from(["\n", "\r\n", "\r"]))
def test_any_page_of_seed_lines_gives_a_parsed_page_or_a_reason(lines, encoding, newline):
    data = newline.join(lines).encode(encoding, errors="replace")
    with tempfile.TemporaryDirectory() as folder:
        _parse(Path(folder), data)
