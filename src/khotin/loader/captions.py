"""Photo captions, which scraped pages repeat.

A scraper saves a caption once from the image's alt text and once from the
caption under it, so the same line turns up twice in a row, and again pages
apart when the portal reuses the photo. A line that occurs more than once is
a caption: it is kept once, where it first appears, as an italic paragraph.
Lines differing only in spacing, case or a final full stop count as repeats.
A short line standing between two long paragraphs and naming what a photo
shows ("Quang cảnh Hội nghị.") is a caption too.
"""

from __future__ import annotations

import re

from khotin.loader.text import fold_key, has_letters

_PHOTO_WORDS = re.compile(
    r"^(?:quang\s+cảnh|toàn\s+cảnh|ảnh\s*:|ảnh\s+minh\s+họa|ảnh\s+minh\s+hoạ|ảnh\s+tư\s+liệu|"
    r"hình\s+ảnh|lãnh\s+đạo|các\s+đại\s+biểu|đại\s+biểu|các\s+cá\s+nhân|các\s+tập\s+thể|"
    r"đồng\s+chí|ông|bà)\b|\((?:ảnh|ảnh\s+minh\s+họa)\s*:?[^)]*\)\.?$",
    re.I,
)
_CREDIT = re.compile(r"(?:[.!]|\s[-–—|])\s+\(?ảnh\s*:\s*[^.:]{2,60}\)?\.?$|^\(?ảnh\s*:", re.I)
_LONG_PARAGRAPH = 200
_MAX_CAPTION = 160


def merge_repeated(lines: list[str]) -> tuple[list[str], set[int], int]:
    """Keep each repeated line once; return the lines, the positions (in the
    returned list) that are captions, and how many repeats were dropped."""
    first: dict[str, int] = {}
    kept: list[str] = []
    captions: set[int] = set()
    dropped = 0
    for line in lines:
        key = fold_key(line)
        if not has_letters(key):
            kept.append(line)
            continue
        if key in first:
            captions.add(first[key])
            dropped += 1
            continue
        first[key] = len(kept)
        kept.append(line)
    return kept, captions, dropped


def is_lone_caption(previous: str | None, line: str, following: str | None) -> bool:
    """A short photo line between two long paragraphs.

    A line ending in a photo credit ("… Ảnh: Công an cung cấp", "… - Ảnh:
    NAM TRẦN") is one
    wherever it stands. Otherwise it must open with words that describe a photo ("Quang cảnh", "Các cá
    nhân", "Đồng chí …") or carry a photo credit; a short sentence of the
    article that merely sits between long ones stays a plain paragraph.
    """
    if len(line) > _MAX_CAPTION or line.endswith(":"):
        return False
    if _CREDIT.search(line):
        return True
    if previous is None or following is None:
        return False
    if len(previous) < _LONG_PARAGRAPH or len(following) < _LONG_PARAGRAPH // 2:
        return False
    return _PHOTO_WORDS.search(line) is not None and line.count(". ") == 0
