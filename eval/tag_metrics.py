"""Tag quality on the eval corpus: a Markdown section for eval/RESULTS.md.

What a reader meets: how many tags an article gets, how many lead to a single
article, how many are filler (words that every beat of news uses, by the
background statistics in khotin.topics.background), how many of the tag pages
the site shows list two articles or more, and how the tags agree with the
editors' own keywords where a dataset gives them.

    python eval/tag_metrics.py --content DIR [--corpus eval/corpus]   # records made elsewhere
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Iterable, Mapping

from khotin.indexes import build_indexes
from khotin.records import Record, read_record
from khotin.topics.background import is_filler_phrase
from khotin.topics.kinds import KINDS, tag_kind
from khotin.topics.stopwords import is_stopword
from khotin.topics.terms import term_key


def _key(tag: str) -> str:
    return term_key(tag)


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


def tag_section(records: Mapping[str, Record], truth: Iterable[dict], heading: str = "Tags") -> str:
    """`records` by seed name (as eval/run.py imports them), `truth` the rows of truth.jsonl."""
    truth = list(truth)
    chosen = [records[name] for name in sorted(records)]
    articles = len(chosen)
    per_article = [len(record.tags) for record in chosen]
    total = sum(per_article)
    df: Counter = Counter()
    kinds: Counter = Counter()
    filler_tags, filler_articles, filler_seen = 0, 0, Counter()
    for record in chosen:
        keys = {_key(tag) for tag in record.tags}
        df.update(keys)
        fillers = [tag for tag in record.tags if is_filler_phrase(_key(tag))]
        filler_tags += len(fillers)
        filler_articles += bool(fillers)
        filler_seen.update(_key(tag) for tag in fillers)
        kinds.update(tag_kind(tag) for tag in record.tags)
    distinct = len(df)
    lonely = sum(1 for count in df.values() if count == 1)
    indexes = build_indexes(chosen)
    shown = indexes.tags
    shown_shared = sum(1 for group in shown if len(group.records) >= 2)
    lines = [f"## {heading}", "",
             f"{articles} records; figures from `eval/tag_metrics.py` (filler: a tag made only of words "
             "that `khotin.topics.background` finds spread over every portal like the corpus itself).", "",
             "| measure | value |", "|---|---:|",
             f"| tags per article (mean) | {total / articles if articles else 0:.2f} |",
             f"| articles with no tag | {sum(1 for n in per_article if n == 0)} |",
             f"| tags in all / distinct | {total} / {distinct} |",
             f"| distinct tags on one article only | {_pct(lonely, distinct)} ({lonely}) |",
             f"| filler tags, share of all tags | {_pct(filler_tags, total)} ({filler_tags}) |",
             f"| articles with a filler tag | {_pct(filler_articles, articles)} ({filler_articles}) |",
             f"| tag pages the site shows | {len(shown)} |",
             f"| … of them listing ≥ 2 articles | {_pct(shown_shared, len(shown))} ({shown_shared}) |",
             "| tags by kind | " + ", ".join(f"{kind} {kinds[kind]}" for kind in KINDS) + " |"]
    hand = [sum(1 for tag in record.tags if is_stopword(tag)) for record in chosen]
    lines.append(f"| filler by the hand stopword list instead (a cross-check not learned from this corpus) | "
                 f"{_pct(sum(hand), total)} of tags, {_pct(sum(1 for n in hand if n), articles)} of articles |")
    lines += _keywords(records, truth)
    lines += _splits(records, truth)
    if filler_seen:
        lines += ["", "Filler tags left: " + ", ".join(f"{key} ({n})" for key, n in filler_seen.most_common(20))]
    top = [f"{group.name} ({len(group.records)})" for group in
           sorted(shown, key=lambda g: (-len(g.records), g.name))[:25]]
    lines += ["", "Most shared tags: " + ", ".join(top)]
    return "\n".join(lines) + "\n"


def _splits(records: Mapping[str, Record], truth: list[dict]) -> list[str]:
    """Tags per article and filler per split: held-out portals wrote none of the rules."""
    out = ["", "| split | articles | tags per article | filler tags | articles with a filler tag |",
           "|---|---:|---:|---:|---:|"]
    for split in sorted({row["split"] for row in truth}):
        chosen = [records[name] for name in (row["file"].replace("/", "--") for row in truth if row["split"] == split)
                  if name in records]
        tags = sum(len(record.tags) for record in chosen)
        fillers = [sum(1 for tag in record.tags if is_filler_phrase(_key(tag))) for record in chosen]
        out.append(f"| {split} | {len(chosen)} | {tags / len(chosen) if chosen else 0:.2f} | "
                   f"{_pct(sum(fillers), tags)} | {_pct(sum(1 for n in fillers if n), len(chosen))} |")
    return out


def _keywords(records: Mapping[str, Record], truth: list[dict]) -> list[str]:
    """Agreement with the editors' keywords: exact (same words) and loose (one inside the other)."""
    rows = [(row, records.get(row["file"].replace("/", "--"))) for row in truth if row.get("keywords")]
    rows = [(row, record) for row, record in rows if record is not None]
    if not rows:
        return ["| editors' keywords | none in the datasets |"]
    ours = theirs = ours_hit = theirs_hit = ours_loose = 0
    for row, record in rows:
        tags = {_key(tag) for tag in record.tags}
        words = {_key(word) for word in row["keywords"]}
        ours += len(tags)
        theirs += len(words)
        ours_hit += len(tags & words)
        theirs_hit += len(words & tags)
        ours_loose += sum(1 for tag in tags if any(tag in word or word in tag for word in words))
    return [f"| articles with editors' keywords | {len(rows)} ({theirs} keywords) |",
            f"| khotin tags equal to an editors' keyword | {_pct(ours_hit, ours)} of {ours} |",
            f"| … one inside the other | {_pct(ours_loose, ours)} |",
            f"| editors' keywords khotin found | {_pct(theirs_hit, theirs)} |"]


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=here / "corpus")
    parser.add_argument("--heading", default="Tags")
    args = parser.parse_args(argv)
    records = {}
    for path in sorted(args.content.glob("*.md")):
        record = read_record(path)
        records[record.seed] = record
    truth = [json.loads(line) for line in (args.corpus / "truth.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    print(tag_section(records, truth, args.heading))
    return 0


if __name__ == "__main__":
    sys.exit(main())
