"""Tagging throughput: khotin's tag_corpus vs bare pyvi tokenize+POS, one run.

    python bench/tagging.py [--count 1000] [--seed 8] [--jobs 1]

Pages come from bench/generate.py (deterministic). Both sides see the same text
(title + page body); pyvi is loaded before either clock starts. Reported:
bare pyvi (ViTokenizer.tokenize + ViPosTagger.postagging on the whole text),
tag_corpus cold (empty cache), tag_corpus warm (every article cached), and
find_places over the same pages.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402

from khotin.places.gazetteer import find_places  # noqa: E402
from khotin.topics import terms  # noqa: E402
from khotin.topics.tags import TagInput, tag_corpus  # noqa: E402
from khotin.vietnamese import tokenize  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)

    corpus = generate.load_corpus()
    pages = [generate.build_page(i, args.seed, corpus) for i in range(args.count)]
    docs = []
    for i, page in enumerate(pages):
        places = find_places(page.title, page.text)
        docs.append(TagInput(f"p{i}", page.title, page.text, f"{i:064x}", places.districts + places.provinces))
    size = sum(len(p.text.encode("utf-8")) for p in pages) / 1e6

    tokenize.warm()
    terms.warm()
    from pyvi import ViPosTagger, ViTokenizer

    t0 = time.perf_counter()
    for doc in docs:
        ViPosTagger.postagging(ViTokenizer.tokenize(doc.title + "\n" + doc.body))
    bare = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as cache:
        t0 = time.perf_counter()
        cold_tags = tag_corpus(docs, cache_dir=Path(cache), jobs=args.jobs)
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        warm_tags = tag_corpus(docs, cache_dir=Path(cache), jobs=args.jobs)
        warm = time.perf_counter() - t0

    t0 = time.perf_counter()
    for page in pages:
        find_places(page.title, page.text)
    places = time.perf_counter() - t0

    n = len(docs)
    print(f"{n} pages, {size:.1f} MB, jobs={args.jobs}")
    for label, seconds in (("bare pyvi tokenize+POS", bare), ("tag_corpus, empty cache", cold),
                           ("tag_corpus, warm cache", warm), ("find_places", places)):
        print(f"  {label:26s} {seconds:8.2f} s  {n / seconds:9.1f} pages/s  {1000 * seconds / n:7.2f} ms/page")
    print(f"  cold/bare ratio {cold / bare:.2f}; warm and cold tags identical: {cold_tags == warm_tags}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
