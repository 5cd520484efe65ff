"""Dataset extractors: pinned blobs of public repositories -> clean article records.

Each extractor knows one dataset's quirks (which column holds the author, how its crawler joined
paragraphs, what debris it left) so that the truth is the dataset's own metadata and the body is
the article text with nothing of the scraper left in it.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import re
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

SEED = 20260202
VN = timezone(timedelta(hours=7))

# Every blob read is pinned by repository, commit and path (see eval/DATASETS.md).
DATASETS = {
    "vnexpress": {
        "repo": "SENULT/Search_Engine",
        "commit": "b71636acb875881c152420f1f8029599ee6c41a7",
        "paths": [f"data/raw/vnexpressT_bongda_part{i}.json" for i in (1, 2, 3, 4)],
    },
    "dantri": {
        "repo": "leduchuy20/crawl_news",
        "commit": "4b27caa9ff34014c3e93a62951580bd8f8c24c6d",
        "paths": ["crawl_news/rss_feed_articles_backup.csv"],
    },
    "thanhnien": {
        "repo": "Anhduchb01/Crawl_VnNews",
        "commit": "8e18fbb06de23b81b07c733ff5a31566a9ea3851",
        "paths": ["thanhnien.json"],
    },
    "nguoiduatin": {
        "repo": "Anhduchb01/Crawl_VnNews",
        "commit": "982fc9ec79cb27946bc33d6fc1cec34b165e0868",
        "paths": ["nguoiduatin.json"],
        # The earlier crawl of the same pages kept the time of day; joined on the URL.
        "times": ("ee37c4a2d32a99f9e7a37b4d349cb5654e0d1cfc", "nguoiduatin.json"),
    },
    "cafebiz": {
        "repo": "Anhduchb01/Crawl_VnNews",
        "commit": "982fc9ec79cb27946bc33d6fc1cec34b165e0868",
        "paths": ["cafebizduoc.json"],
    },
    "cafef": {
        "repo": "Anhduchb01/Crawl_VnNews",
        "commit": "8e18fbb06de23b81b07c733ff5a31566a9ea3851",
        "paths": ["cafefduoc.json"],
    },
}

WIDGET_PREFIXES = (
    "Lưu bài viết thành công Bạn có thể xem lại bài viết đã lưu ở trangTin bài đã lưu",
    "Lưu bài viết thành công",
)


def git_blob(mirror: Path, commit: str, path: str) -> bytes:
    return subprocess.run(
        ["git", "--git-dir", str(mirror), "show", f"{commit}:{path}"],
        check=True, capture_output=True,
    ).stdout


def clean_ws(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


_UPPER = "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴFJWZ"


def split_sentences(text: str) -> list[str]:
    """Split at . ! ? … followed by a space and a capital, a quote or a digit."""
    parts = re.split(r"(?<=[.!?…])\s+", clean_ws(text))
    out: list[str] = []
    for part in parts:
        if out and not (part[:1] in _UPPER or part[:1] in "\"“'‘(*-–>0123456789"):
            out[-1] += " " + part
        else:
            out.append(part)
    return [s for s in out if s]


def paragraphs_from_blob(text: str, key: str) -> list[str]:
    """Blob datasets lose paragraph breaks; regroup sentences 3-5 at a time, seeded per article."""
    rng = random.Random(f"{SEED}:para:{key}")
    sentences = split_sentences(text)
    paras: list[str] = []
    i = 0
    while i < len(sentences):
        n = rng.randint(3, 5)
        paras.append(" ".join(sentences[i:i + n]))
        i += n
    if len(paras) > 1 and len(split_sentences(paras[-1])) == 1 and len(paras[-1]) < 60:
        paras[-2] += " " + paras.pop()
    return paras


def strip_widgets(text: str) -> str:
    text = clean_ws(text)
    for prefix in WIDGET_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix):].lstrip()
    return text


# ---------------------------------------------------------------- extractors

_VNE_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}),\s*(\d{1,2}):(\d{2})")
_GLUED = re.compile(r"[a-zđà-ỹ](tổng hợp|theo|lược dịch)", re.I)


def extract_vnexpress(mirror: Path) -> list[dict]:
    ds = DATASETS["vnexpress"]
    seen, out = set(), []
    for path in ds["paths"]:
        rows = json.loads(git_blob(mirror, ds["commit"], path))
        for row in rows:
            url = row.get("url", "")
            author = clean_ws(row.get("author", ""))
            title = clean_ws(row.get("title", ""))
            m = _VNE_DATE.search(row.get("date", ""))
            if url in seen or not title or title == "Unknown" or not m:
                continue
            if not author or author == "Unknown" or _GLUED.search(author) or len(author) > 40 \
                    or any(len(n.split()) < 2 for n in re.split(r",| - ", author)):
                continue
            content = strip_widgets(row.get("content", ""))
            # VnExpress prints the byline as the last line; the dataset glued it to the text.
            if content.endswith(author):
                content = content[: -len(author)].rstrip()
            else:
                continue
            d, mo, y, h, mi = (int(x) for x in m.groups())
            date = datetime(y, mo, d, h, mi, tzinfo=VN)
            key = hashlib.sha1(url.encode()).hexdigest()[:12]
            paras = paragraphs_from_blob(content, key)
            if len(paras) < 3:
                continue
            seen.add(url)
            tags = row.get("tags") or []
            if isinstance(tags, str):
                tags = re.findall(r"'([^']+)'", tags)
            out.append({
                "id": key, "portal": "vnexpress", "url": url, "title": title, "sapo": "",
                "paragraphs": paras, "date": date.isoformat(timespec="minutes"),
                "author": author, "keywords": [], "sections": tags,
                "dataset": ds["repo"], "commit": ds["commit"], "path": path,
                "paragraphs_from": "blob split at sentence boundaries, 3-5 sentences each",
            })
    return out


def extract_dantri(mirror: Path) -> list[dict]:
    ds = DATASETS["dantri"]
    csv.field_size_limit(10**9)
    out, seen = [], set()
    path = ds["paths"][0]
    data = git_blob(mirror, ds["commit"], path).decode("utf-8")
    for row in csv.DictReader(io.StringIO(data)):
        url = row.get("url", "")
        author = clean_ws(row.get("source.name", ""))
        title = clean_ws(row.get("title", ""))
        if "dantri.com.vn" not in url or url in seen or not title:
            continue
        if not author or author in ("RSS_Feed", "DanTri", "Dân trí") \
                or any(len(n.split()) < 2 for n in author.split(",")):
            continue
        try:
            date = datetime.fromisoformat(row["published_at"]).astimezone(VN)
        except (KeyError, ValueError):
            continue
        content = strip_widgets(row.get("content.text", ""))
        if len(content) < 800:
            continue
        key = hashlib.sha1(url.encode()).hexdigest()[:12]
        sentences = split_sentences(content)
        # "(Dân trí) - ..." opens the sapo; it runs to the end of the first sentence.
        sapo = sentences[0] if sentences and sentences[0].startswith("(Dân trí)") else ""
        body = " ".join(sentences[1:]) if sapo else content
        paras = paragraphs_from_blob(body, key)
        if len(paras) < 2:
            continue
        seen.add(url)
        kws = []
        for k in (row.get("keywords") or "").split("|"):
            k = clean_ws(k)
            if k and k not in kws:
                kws.append(k)
        out.append({
            "id": key, "portal": "dantri", "url": url, "title": title, "sapo": sapo,
            "paragraphs": paras, "date": date.isoformat(timespec="minutes"),
            "author": author, "keywords": kws, "sections": [clean_ws(row.get("category.primary", ""))],
            "dataset": ds["repo"], "commit": ds["commit"], "path": path,
            "paragraphs_from": "blob split at sentence boundaries, 3-5 sentences each",
        })
    return out


# Anhduchb01/Crawl_VnNews joined a page's <p> texts with ", " after stripping some punctuation,
# so " , " after a sentence end and before a capital is the paragraph break.
_JOIN = re.compile(r"\s,\s")
_SENT_END = tuple(".!?…\"”)")
_SKIP_AUTHOR = re.compile(r"^(none|thông tin dịch vụ|nguồn\b|theo\b)|–|—", re.I)


def _tidy(text: str) -> str:
    text = re.sub(r"\b(xa0|ufeff)\b", " ", text)
    text = clean_ws(text)
    text = re.sub(r"(\s*,)+\s*,", ",", text)
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    return text.strip(" ,")


def paragraphs_from_joins(text: str, author: str) -> list[str]:
    text = clean_ws(re.sub(r"\bxa0", " ", text))
    # "… , n , n Author n , n": escaped newlines around the byline, which the crawler kept.
    for _ in range(3):
        text = re.sub(r"(?:\s*,)?\s*\bn\b(?=\s*,|\s*$)", "", text).rstrip(" ,")
        for tail in (author, re.sub(r"[()]", "", author), "Theo"):
            if tail and text.endswith(tail):
                text = text[: -len(tail)].rstrip(" ,")
    text = re.sub(r"\s,\s(Theo|Nguồn)\s[^,]{1,60}$", "", text).rstrip(" ,")
    paras: list[str] = []
    for chunk in _JOIN.split(text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if paras and paras[-1].rstrip().endswith(_SENT_END) and (chunk[:1] in _UPPER or chunk[:1] in "\"“0123456789"):
            paras.append(chunk)
        elif paras:
            paras[-1] += " , " + chunk
        else:
            paras.append(chunk)
    out = []
    for p in (_tidy(p) for p in paras):
        if len(p) < 25 and out:
            out[-1] += " " + p
        elif p:
            out.append(p)
    return out


def _parse_vnnews_date(raw: str) -> str | None:
    raw = clean_ws(raw)
    m = re.fullmatch(r"(\d{4})/(\d{2})/(\d{2})", raw)
    if m:
        return f"{m[1]}-{m[2]}-{m[3]}"
    m = re.search(r"(\d{2})/(\d{2})/(\d{4})\s*\|?\s*(\d{1,2}):(\d{2})", raw)
    if m:
        d, mo, y, h, mi = (int(x) for x in m.groups())
        return datetime(y, mo, d, h, mi, tzinfo=VN).isoformat(timespec="minutes")
    return None


def extract_vnnews(portal: str, mirror: Path) -> list[dict]:
    ds = DATASETS[portal]
    path = ds["paths"][0]
    rows = json.loads(git_blob(mirror, ds["commit"], path))
    times = {}
    if "times" in ds:
        for r in json.loads(git_blob(mirror, *ds["times"])):
            times[r.get("url")] = _parse_vnnews_date(r.get("timeCreatePostOrigin", ""))
    out, seen, bodies = [], set(), set()
    for row in rows:
        url = row.get("url", "")
        author = clean_ws(str(row.get("author") or "")).strip("\u200b ")
        title = _tidy(row.get("title") or "")
        date = times.get(url) or _parse_vnnews_date(row.get("timeCreatePostOrigin") or "")
        if url in seen or not title or not date or not author or _SKIP_AUTHOR.search(author):
            continue
        paras = paragraphs_from_joins(row.get("content") or "", author)
        sapo = _tidy(row.get("summary") or "")
        if len(paras) + bool(sapo) < 2 or sum(map(len, paras)) < 300 or paras[-1] in bodies:
            continue
        seen.add(url)
        bodies.add(paras[-1])
        key = hashlib.sha1(url.encode()).hexdigest()[:12]
        out.append({
            "id": key, "portal": portal, "url": url, "title": title,
            "sapo": sapo, "paragraphs": paras, "date": date,
            "author": author, "keywords": [], "sections": [clean_ws(row.get("category") or "")],
            "dataset": ds["repo"], "commit": ds["commit"], "path": path,
            "paragraphs_from": "the dataset's own paragraph joins (' , ' between <p> texts)",
        })
    return out


EXTRACTORS = {"vnexpress": extract_vnexpress, "dantri": extract_dantri}
for _portal in ("thanhnien", "nguoiduatin", "cafebiz", "cafef"):
    EXTRACTORS[_portal] = (lambda p: (lambda mirror: extract_vnnews(p, mirror)))(_portal)
