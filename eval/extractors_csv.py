"""Extractors for the two CSV datasets of the held-out portals (VietNamNet, Báo Mới).

Kept apart from extractors.py so each file stays small; the helpers (pinned blobs, sentence
regrouping) are shared. As there, the truth is the dataset's own metadata: a row whose author
field is not a person's name as the dataset gives it (a wire credit, "Tin, ảnh: …", "PV", a
name with an agency in brackets) is skipped rather than cleaned into a guess.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from datetime import datetime
from pathlib import Path

from extractors import _UPPER, VN, clean_ws, git_blob, paragraphs_from_blob

DATASETS_CSV = {
    "vietnamnet": {
        "repo": "tex-corver/vietnamnet-crawler",
        "commit": "08966fb7c3299804b951657f979edeab791b428a",
        "paths": ["data.csv"],
    },
    "baomoi": {
        "repo": "khoaihps/baomoi-crawler-NER",
        # The later crawl first; the first crawl adds the articles the later one no longer had.
        "commit": "306ed52fe1d4b16c2a3780b30cefa4387e01f229",
        "paths": ["result/articles.csv"],
        "older": "54dd4e652f4d7166022e5488e166f32e11b2e410",
    },
}

_LOWER = _UPPER.lower()
_SYLLABLE = rf"[{_UPPER}][{_LOWER}{_UPPER}]*"
_INITIALS = rf"(?:[{_UPPER}]\.\s?)+[{_UPPER}][{_LOWER}{_UPPER}]+"
_NAME = re.compile(rf"(?:{_SYLLABLE}(?: {_SYLLABLE}){{1,3}}|{_INITIALS})")
_NOT_NAMES = {"PV", "CTV", "BTV", "TTXVN", "VOV", "Nhóm", "Theo"}
# A four-syllable name opens with a family name; otherwise it is two names glued by the crawler.
_SURNAMES = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
             "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Đào", "Mai", "Tô", "Hà", "Lưu"}


def person_names(author: str) -> bool:
    """True when the field is one or more people's names (joined by ' - ' or ', ') and nothing else."""
    parts = [p.strip() for p in re.split(r" - |, ", author)]
    return bool(author) and all(
        _NAME.fullmatch(p) and not any(w.title() in _NOT_NAMES or w in _NOT_NAMES for w in p.split())
        and (len(p.split()) < 4 or p.split()[0].title() in _SURNAMES)
        for p in parts
    )


def _key(url: str) -> str:
    return hashlib.sha1(url.encode()).hexdigest()[:12]


# ---------------------------------------------------------------- VietNamNet

_VNN_DATE = re.compile(r"(\d{2})/(\d{2})/(\d{4})\s*-\s*(\d{2}):(\d{2})")
_SENT_END = tuple(".!?…\"”)")


# An inline "related article" box comes out as its headline glued to its summary: a Vietnamese
# syllable running straight into a capitalised one ("… Bạch Mai, Việt ĐứcQua thanh tra …").
_GLUE = re.compile(rf"(\w*[{_LOWER}])([{_UPPER}]\w*)")


def _related_box(line: str) -> bool:
    for m in _GLUE.finditer(line):
        head = line[: m.start(2)]
        if not m.group(0).isascii() and ". " not in head and len(head) < 200:
            return True
    return False


# The box that closes the text is glued the same way after any character ("… 5GDoanh nghiệp …",
# "… ác liệt?Quân đội …"); there the rule can be broad, with the portal's own name set aside.
_END_GLUE = re.compile(rf"(?:[{_LOWER}0-9?!'’\"”)]|[{_UPPER}])(?=[{_UPPER}][{_LOWER}])")


def _closing_box(line: str) -> bool:
    line = line.replace("VietNamNet", "Vietnamnet")
    m = _END_GLUE.search(line)
    return bool(m) and ". " not in line[: m.end()] and 15 <= m.end() <= 200


def _vnn_body(content: str, sapo: str) -> list[str]:
    """The crawl appended the 'related articles' boxes after four or more newlines; the article
    text is what comes before. Lines are the page's <p> texts; captions stay where they were."""
    body = re.split(r"\n{4,}", content.replace("\xa0", " "))[0]
    lines = [clean_ws(line) for line in body.split("\n")]
    lines = [line for line in lines if line and line != sapo and not _related_box(line)]
    # The last paragraph is the last real sentence: not a caption, a table heading, a score line
    # or a related-article box.
    while lines and (_closing_box(lines[-1]) or not (len(lines[-1]) >= 60 and lines[-1].endswith(_SENT_END))):
        lines.pop()
    return lines


def extract_vietnamnet(mirror: Path) -> list[dict]:
    ds = DATASETS_CSV["vietnamnet"]
    csv.field_size_limit(10**9)
    path = ds["paths"][0]
    data = git_blob(mirror, ds["commit"], path).decode("utf-8")
    out, seen = [], set()
    for row in csv.DictReader(io.StringIO(data)):
        url = row.get("url", "")
        author = clean_ws(row.get("author", ""))
        title = clean_ws(row.get("title", ""))
        sapo = clean_ws(row.get("summary", ""))
        m = _VNN_DATE.search(row.get("time", ""))
        if url in seen or not title or not m or not person_names(author):
            continue
        paras = _vnn_body(row.get("content", ""), sapo)
        if len(paras) < 3 or sum(map(len, paras)) < 600:
            continue
        d, mo, y, h, mi = (int(x) for x in m.groups())
        seen.add(url)
        out.append({
            "id": _key(url), "portal": "vietnamnet", "url": url, "title": title, "sapo": sapo,
            "paragraphs": paras, "date": datetime(y, mo, d, h, mi, tzinfo=VN).isoformat(timespec="minutes"),
            "author": author, "keywords": [], "sections": [row.get("category", "").strip("/")],
            "dataset": ds["repo"], "commit": ds["commit"], "path": path,
            "paragraphs_from": "the dataset's own line breaks (one <p> per line)",
        })
    return out


# ---------------------------------------------------------------- Báo Mới

def _baomoi_rows(mirror: Path, ds: dict) -> list[tuple[dict, str]]:
    csv.field_size_limit(10**9)
    rows: list[tuple[dict, str]] = []
    urls: set[str] = set()
    for commit in (ds["commit"], ds["older"]):
        data = git_blob(mirror, commit, ds["paths"][0]).decode("utf-8")
        for row in csv.DictReader(io.StringIO(data), delimiter="|"):
            if row.get("url") and row["url"] not in urls:
                urls.add(row["url"])
                rows.append((row, commit))
    return rows


def extract_baomoi(mirror: Path) -> list[dict]:
    ds = DATASETS_CSV["baomoi"]
    out = []
    for row, commit in _baomoi_rows(mirror, ds):
        url = row["url"]
        author = clean_ws(row.get("author", ""))
        title = clean_ws(row.get("title", ""))
        content = clean_ws(row.get("content", ""))
        if not title or not person_names(author) or len(content) < 800:
            continue
        try:
            date = datetime.fromisoformat(row["published_time"]).astimezone(VN)
        except (KeyError, ValueError):
            continue
        # Some pages end with the byline the crawler also put in the author column.
        for tail in (author, author.upper()):
            if content.endswith(tail):
                content = content[: -len(tail)].rstrip()
        paras = paragraphs_from_blob(content, _key(url))
        if len(paras) < 3:
            continue
        out.append({
            "id": _key(url), "portal": "baomoi", "url": url, "title": title, "sapo": "",
            "paragraphs": paras, "date": date.isoformat(timespec="minutes"),
            "author": author, "keywords": [], "sections": [],
            "dataset": ds["repo"], "commit": commit, "path": ds["paths"][0],
            "paragraphs_from": "blob split at sentence boundaries, 3-5 sentences each",
        })
    return out


EXTRACTORS_CSV = {"vietnamnet": extract_vietnamnet, "baomoi": extract_baomoi}
