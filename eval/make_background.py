"""Rebuild src/khotin/topics/data/background_df.tsv from the eval corpus.

A word that names no topic ("gia đình", "lực lượng", "hôm nay") shows up in
news about football, drugs, crime and foreign affairs alike; a topic word
("bóng đá", "dược phẩm") crowds into one portal's beat. So the file holds, for
each pyvi word of the corpus (compounds joined, lower case, modern tone marks),
the number of articles of each portal that use it; `khotin.topics.background`
reads a word's spread across portals from it.

Input: eval/articles.jsonl.gz (title and paragraphs of the articles of the eight
portals in PORTALS, eval/DATASETS.md; Tuổi Trẻ, the held-out portal added later,
is left out so that nothing learned from its pages reaches the tags it is
measured with, and the file stays what it was). Only words found in at least MIN_PORTALS portals
are kept: a word confined to fewer beats is never background, and the file
stays small. Deterministic: rows sorted, no clock, no randomness.

    .venv/bin/python eval/make_background.py [--articles eval/articles.jsonl.gz] [--out …]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from khotin.topics.background import MIN_PORTALS  # noqa: E402
from khotin.topics.terms import term_key  # noqa: E402
from khotin.vietnamese.fold import modern_tones  # noqa: E402
from khotin.vietnamese.tokenize import segment  # noqa: E402

OUT = ROOT / "src" / "khotin" / "topics" / "data" / "background_df.tsv"
PORTALS = frozenset({"baomoi", "cafebiz", "cafef", "dantri", "nguoiduatin", "thanhnien", "vietnamnet",
                     "vnexpress"})
_LETTER = re.compile(r"[^\W\d_]")


def article_words(title: str, paragraphs: list[str]) -> set[str]:
    words = set()
    for line in [title, *paragraphs]:
        for word in segment(modern_tones(line)):
            if _LETTER.search(word) and not any(ch.isdigit() for ch in word):
                words.add(term_key(word))
    return words


def build(articles: Path) -> str:
    with gzip.open(articles, "rt", encoding="utf-8") as handle:
        rows = [row for line in handle if line.strip() and (row := json.loads(line))["portal"] in PORTALS]
    rows.sort(key=lambda row: (row["portal"], row["id"]))
    sizes: Counter = Counter(row["portal"] for row in rows)
    portals = sorted(sizes)
    df: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        for word in article_words(row["title"], row["paragraphs"]):
            df[word][row["portal"]] += 1
    lines = ["# word\t" + "\t".join(f"{p}:{sizes[p]}" for p in portals)]
    for word in sorted(df):
        if sum(1 for p in portals if df[word][p]) >= MIN_PORTALS:
            lines.append(word + "\t" + "\t".join(str(df[word][p]) for p in portals))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=HERE / "articles.jsonl.gz")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(build(args.articles), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
