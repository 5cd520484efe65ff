#!/usr/bin/env python3
"""Build the evaluation corpus: real articles from public datasets, dumped as raw scraped pages.

The truth for every page is the dataset's own metadata (title, date, author, keywords), so the
loader is judged against what the outlet published, not against what we think a parser should
find. Pages are rendered per portal with the chrome those portals really print, varied per page
with a seeded generator, so the whole corpus is byte-for-byte reproducible.

Usage:
  make_corpus.py --mirror OWNER+NAME=/path/to/bare.git ...   # extract from dataset snapshots
  make_corpus.py --from-articles                            # rebuild pages from eval/articles.jsonl.gz
  make_corpus.py --from-articles --sample                   # write tests/eval_sample/ instead

Pure standard library.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import random
import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ARTICLES = HERE / "articles.jsonl.gz"
CORPUS = HERE / "corpus"
SAMPLE = ROOT / "tests" / "eval_sample"
SEED = 20260202
PER_PORTAL_MAX = 180
SAMPLE_PER_PORTAL = 20
VN = timezone(timedelta(hours=7))

sys.path.insert(0, str(HERE))
import page_templates  # noqa: E402

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

SPLIT = {"vnexpress": "tune", "thanhnien": "tune", "nguoiduatin": "tune", "cafef": "tune",
         "dantri": "heldout", "cafebiz": "heldout"}
SOURCE_NAME = {"vnexpress": "VnExpress", "dantri": "Dân trí", "thanhnien": "Thanh Niên",
               "nguoiduatin": "Người Đưa Tin", "cafebiz": "CafeBiz", "cafef": "CafeF"}

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


def extract_all(mirrors: dict[str, Path]) -> list[dict]:
    articles: list[dict] = []
    endings: set[str] = set()
    for portal, ds in DATASETS.items():
        mirror = mirrors.get(ds["repo"].replace("/", "+"))
        if mirror is None:
            sys.exit(f"make_corpus: no --mirror given for {ds['repo']}")
        got = EXTRACTORS[portal](mirror)
        rng = random.Random(f"{SEED}:pick:{portal}")
        got.sort(key=lambda a: a["id"])
        if len(got) > PER_PORTAL_MAX:
            got = sorted(rng.sample(got, PER_PORTAL_MAX), key=lambda a: a["id"])
        # The same press release runs on sister portals; keep it only where it came first.
        got = [a for a in got if a["paragraphs"][-1] not in endings]
        endings.update(a["paragraphs"][-1] for a in got)
        print(f"{portal}: {len(got)} articles kept", file=sys.stderr)
        articles.extend(got)
    return articles


# ---------------------------------------------------------------- writing

def truth_line(article: dict, fname: str, first: str, last: str) -> dict:
    return {
        "file": fname, "portal": article["portal"], "title": article["title"],
        "date": article["date"], "author": article["author"],
        "source": SOURCE_NAME[article["portal"]],
        "first_paragraph": first, "last_paragraph": last, "sapo": article["sapo"],
        "keywords": article["keywords"], "split": SPLIT[article["portal"]],
        "url": article["url"],
    }


def write_pages(articles: list[dict], out: Path, per_portal: int | None) -> None:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    by_portal: dict[str, list[dict]] = {}
    for a in articles:
        by_portal.setdefault(a["portal"], []).append(a)
    truths = []
    for portal in sorted(by_portal):
        group = sorted(by_portal[portal], key=lambda a: a["id"])
        others = [a["title"] for a in group]
        if per_portal is not None:
            group = group[:per_portal]
        (out / portal).mkdir()
        for a in group:
            rng = random.Random(f"{SEED}:page:{a['id']}")
            text, first, last = page_templates.render(a, rng, [t for t in others if t != a["title"]])
            fname = f"{portal}/{a['id']}.txt"
            (out / fname).write_text(text, encoding="utf-8")
            truths.append(truth_line(a, fname, first, last))
    with (out / "truth.jsonl").open("w", encoding="utf-8") as fh:
        for t in truths:
            fh.write(json.dumps(t, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"wrote {len(truths)} pages to {out}", file=sys.stderr)


def save_articles(articles: list[dict]) -> None:
    raw = "".join(json.dumps(a, ensure_ascii=False, sort_keys=True) + "\n" for a in articles)
    with gzip.GzipFile(ARTICLES, "wb", mtime=0) as fh:
        fh.write(raw.encode("utf-8"))


def load_articles() -> list[dict]:
    with gzip.open(ARTICLES, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mirror", action="append", default=[], metavar="OWNER+NAME=PATH",
                    help="bare git dir of a dataset snapshot (repeat per dataset)")
    ap.add_argument("--from-articles", action="store_true", help="rebuild from eval/articles.jsonl.gz")
    ap.add_argument("--sample", action="store_true", help="write the small test sample instead")
    ap.add_argument("--out", type=Path, help="write pages here instead of eval/corpus or tests/eval_sample")
    args = ap.parse_args(argv)
    if args.from_articles:
        articles = load_articles()
    else:
        mirrors = {}
        for spec in args.mirror:
            name, _, path = spec.partition("=")
            mirrors[name] = Path(path)
        articles = extract_all(mirrors)
        save_articles(articles)
    if args.sample:
        write_pages(articles, args.out or SAMPLE, SAMPLE_PER_PORTAL)
    else:
        write_pages(articles, args.out or CORPUS, None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
