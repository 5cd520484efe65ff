#!/usr/bin/env python3
"""The evaluation corpus in the other forms `khotin import` reads: HTML pages and a crawler's export.

    make_forms.py [--corpus eval/corpus] [--articles eval/articles.jsonl.gz] --out DIR

writes, for the articles the corpus's truth.jsonl lists (in its order):
  DIR/html/<portal>--<id>.html  one saved portal page per article (page_html.py)
  DIR/jsonl/crawl.jsonl         one crawler row per article; field names, date format and extra
                                fields differ by portal, as exports from different crawlers do
  DIR/csv/crawl.csv             the same articles as one CSV table
  DIR/seeds.json                {form: {seed name: truth file}}: which record answers which truth line
Same input, same bytes (seeded per article), so `make eval` builds it afresh each run.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import shutil
import sys
from datetime import datetime, timedelta, timezone
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import page_html  # noqa: E402
from extractors import SEED  # noqa: E402

VN = timezone(timedelta(hours=7))
CSV_COLUMNS = ("url", "title", "sapo", "content", "author", "date", "source", "category")


def _when(article: dict) -> tuple[datetime, bool]:
    d, timed = page_html._when(article)
    return d.replace(tzinfo=VN), timed


def _domain(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).split("/")[0]


def _content(article: dict, rng: random.Random) -> list[str]:
    """The article's paragraphs as a crawler saved them: a photo caption now and then."""
    paras = list(article["paragraphs"])
    if len(paras) >= 3 and rng.random() < 0.3:
        words = article["title"].split()
        paras.insert(rng.randint(1, len(paras) - 1), " ".join(words[:7]) + ". Ảnh: "
                     + page_html.page_templates._photo_credit_name(rng, article))
    return paras


def export_row(article: dict, rng: random.Random) -> dict:
    """One crawler's row. Three crawler styles, by portal: their field names, date formats
    (dd/mm/yyyy, ISO 8601, epoch milliseconds) and extra fields are what real exports hold."""
    d, timed = _when(article)
    site = page_html.SPECS[article["portal"]]["site"]
    section = next((s for s in article.get("sections") or [] if s), "")
    paras = _content(article, rng)
    portal = article["portal"]
    if portal in ("vnexpress", "cafef", "thanhnien"):
        return {"title": article["title"], "sapo": article["sapo"], "content": "\n".join(paras),
                "date": f"{d:%d/%m/%Y %H:%M}" if timed else f"{d:%d/%m/%Y}", "author": article["author"],
                "url": article["url"], "source": site, "category": section}
    if portal in ("dantri", "vietnamnet"):
        return {"headline": article["title"], "description": article["sapo"] or None,
                "body": "".join(f"<p>{escape(p)}</p>" for p in paras),
                "published": d.isoformat(timespec="seconds") if timed else f"{d:%Y-%m-%d}",
                "byline": article["author"], "link": article["url"], "site": _domain(article["url"]),
                "crawled_at": "2025-07-01T03:00:00Z", "keywords": article.get("keywords") or []}
    return {"id": article["id"], "title": article["title"], "summary": article["sapo"], "text": "\n\n".join(paras),
            "publish_date": int(d.timestamp() * 1000) if timed else f"{d:%Y-%m-%d}",
            "authors": page_html._names(article), "url": article["url"], "publisher": site,
            "views": rng.randint(100, 90000)}


def csv_row(article: dict, rng: random.Random) -> dict:
    d, timed = _when(article)
    return {"url": article["url"], "title": article["title"], "sapo": article["sapo"],
            "content": "\n".join(_content(article, rng)), "author": article["author"],
            "date": f"{d:%d/%m/%Y %H:%M}" if timed else f"{d:%d/%m/%Y}",
            "source": page_html.SPECS[article["portal"]]["site"],
            "category": next((s for s in article.get("sections") or [] if s), "")}


def load(corpus: Path, articles: Path) -> list[tuple[dict, dict]]:
    """(truth line, article) for each truth line, in truth.jsonl's order."""
    with gzip.open(articles, "rt", encoding="utf-8") as fh:
        by_key = {(a["portal"], a["id"]): a for a in map(json.loads, fh)}
    truth = [json.loads(line) for line in (corpus / "truth.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    return [(t, by_key[(t["portal"], Path(t["file"]).stem)]) for t in truth]


def write_forms(corpus: Path, articles: Path, out: Path) -> dict[str, dict[str, str]]:
    pairs = load(corpus, articles)
    for form in ("html", "jsonl", "csv"):
        shutil.rmtree(out / form, ignore_errors=True)
        (out / form).mkdir(parents=True)
    titles: dict[str, list[str]] = {}
    for _, a in pairs:
        titles.setdefault(a["portal"], []).append(a["title"])
    seeds: dict[str, dict[str, str]] = {"html": {}, "jsonl": {}, "csv": {}}
    with open(out / "jsonl" / "crawl.jsonl", "w", encoding="utf-8") as jsonl, \
            open(out / "csv" / "crawl.csv", "w", encoding="utf-8", newline="") as table:
        writer = csv.DictWriter(table, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        csv_line = 2
        for line, (truth, a) in enumerate(pairs, start=1):
            others = [t for t in titles[a["portal"]] if t != a["title"]]
            name = truth["file"].replace("/", "--").removesuffix(".txt") + ".html"
            page = page_html.render(a, random.Random(f"{SEED}:html:{a['id']}"), others)
            (out / "html" / name).write_text(page, encoding="utf-8")
            seeds["html"][name] = truth["file"]
            rng = random.Random(f"{SEED}:export:{a['id']}")
            jsonl.write(json.dumps(export_row(a, rng), ensure_ascii=False) + "\n")
            seeds["jsonl"][f"crawl.jsonl:{line}"] = truth["file"]
            row = csv_row(a, random.Random(f"{SEED}:csv:{a['id']}"))
            writer.writerow(row)
            seeds["csv"][f"crawl.csv:{csv_line}"] = truth["file"]
            csv_line += 1 + sum(value.count("\n") for value in row.values())
    (out / "seeds.json").write_text(json.dumps(seeds, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                    encoding="utf-8")
    return seeds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=HERE / "corpus")
    ap.add_argument("--articles", type=Path, default=HERE / "articles.jsonl.gz")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    seeds = write_forms(args.corpus, args.articles, args.out)
    print(f"wrote {len(seeds['html'])} articles as HTML, JSON Lines and CSV to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
