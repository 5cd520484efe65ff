"""Extractor for the Tuổi Trẻ dataset (kitsunehivern/TuoiTreSearchEngine): one JSON file per
article under data/, crawled from tuoitre.vn in November 2024.

Each file holds postId, title, description (the sapo), content (the article text as one blob:
the crawler joined the page's paragraphs with spaces, so breaks are lost), author (the byline as
Tuổi Trẻ prints it, in capitals; several authors joined by ";"), date (ISO 8601, +07:00) and
category. As elsewhere the truth is the dataset's own metadata; a row whose author field is not
one or more persons' names (a wire agency "TTXVN", the portal "TUỔI TRẺ ONLINE", "THEO …", a
title or a bracketed note) is skipped, not cleaned into a guess.
"""
from __future__ import annotations

import json
import subprocess
from datetime import datetime
from pathlib import Path

from extractors import VN, clean_ws, paragraphs_from_blob
from extractors_csv import _key, person_names

DATASETS_TUOITRE = {
    "tuoitre": {
        "repo": "kitsunehivern/TuoiTreSearchEngine",
        "commit": "0a940c00b53e6c8d0d47c0d2bac7d4a2fc07c09c",
        "paths": ["data/*.json"],
    },
}
_MIN_TEXT = 800


def _blobs(mirror: Path, commit: str) -> list[tuple[str, bytes]]:
    """Every data/*.json at the pinned commit, by path (read in one `git cat-file --batch`)."""
    names = subprocess.run(["git", "--git-dir", str(mirror), "ls-tree", "-r", "--name-only", commit, "data/"],
                           check=True, capture_output=True, text=True).stdout.split()
    names = sorted(n for n in names if n.endswith(".json"))
    batch = subprocess.run(["git", "--git-dir", str(mirror), "cat-file", "--batch"], check=True,
                           capture_output=True, input="".join(f"{commit}:{n}\n" for n in names).encode()).stdout
    out, at = [], 0
    for name in names:
        header_end = batch.index(b"\n", at)
        size = int(batch[at:header_end].split()[2])
        out.append((name, batch[header_end + 1:header_end + 1 + size]))
        at = header_end + 1 + size + 1
    return out


def _authors(field: str) -> str | None:
    """The dataset's author field, whitespace tidied, when every ';'-joined part is a person's name."""
    parts = [clean_ws(part) for part in field.split(";")]
    if not parts or not all(part and person_names(part) for part in parts):
        return None
    return ";".join(parts)


def extract_tuoitre(mirror: Path) -> list[dict]:
    ds = DATASETS_TUOITRE["tuoitre"]
    out = []
    for path, blob in _blobs(mirror, ds["commit"]):
        row = json.loads(blob)
        title = clean_ws(row.get("title", ""))
        sapo = clean_ws(row.get("description", ""))
        content = clean_ws(row.get("content", ""))
        author = _authors(row.get("author") or "")
        if not title or not sapo or not author or len(content) < _MIN_TEXT:
            continue
        try:
            date = datetime.fromisoformat(row["date"]).astimezone(VN)
        except (KeyError, ValueError):
            continue
        # no URL in the dataset: the post id is the article's address on tuoitre.vn
        url = f"https://tuoitre.vn/{row['postId']}.htm"
        paras = paragraphs_from_blob(content, _key(url))
        if len(paras) < 3:
            continue
        out.append({
            "id": _key(url), "portal": "tuoitre", "url": url, "title": title, "sapo": sapo,
            "paragraphs": paras, "date": date.isoformat(timespec="minutes"),
            "author": author, "keywords": [], "sections": [clean_ws(row.get("category", ""))],
            "dataset": ds["repo"], "commit": ds["commit"], "path": path,
            "paragraphs_from": "blob split at sentence boundaries, 3-5 sentences each",
        })
    return out


EXTRACTORS_TUOITRE = {"tuoitre": extract_tuoitre}
