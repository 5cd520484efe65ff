"""Records for the build benchmarks without running the importer.

- `--clone SRC --count N`: copies SRC's records round-robin with new slugs
  (`<slug>-2`, `<slug>-3`, …) until there are N — how the 100k build is fed:
  importing 100k pages would only re-measure import.
- `--synthesize N`: records straight from the generator's known facts (title,
  date, district), for when the importer is missing or failed, so the builds
  still have content to render.

    python bench/make_records.py --clone bench/work/content --count 100000 --out bench/work/content-100k
    python bench/make_records.py --synthesize 1000 --out bench/work/content
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

_SLUG_LINE = re.compile(r"^slug: *(.*)$", re.M)


def clone(src: Path, count: int, out: Path) -> int:
    sources = sorted(src.glob("*.md"))
    if not sources:
        raise SystemExit(f"{src}: no records to clone")
    out.mkdir(parents=True, exist_ok=True)
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sources]
    written = 0
    for copy in itertools.count(1):
        for stem, text in texts:
            if written == count:
                return written
            new_slug = stem if copy == 1 else f"{stem}-{copy}"
            end = text.find("\n---", 3)
            head, body = (text[:end], text[end:]) if end > 0 else (text, "")
            head = _SLUG_LINE.sub(f"slug: {new_slug}", head, count=1)
            (out / f"{new_slug}.md").write_text(head + body, encoding="utf-8")
            written += 1
    return written


def synthesize(count: int, out: Path, seed: int = 8) -> int:
    from slugify import slugify

    from generate import build_page, load_corpus
    from khotin.records import Record, render_record

    corpus = load_corpus()
    out.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        page = build_page(index, seed, corpus)
        slug = f"{slugify(page.title, max_length=60, word_boundary=True)}-{index}"
        body = "\n\n".join(line for line in page.text.splitlines() if len(line) > 120)
        record = Record(title=page.title, slug=slug, body=body, date=page.date,
                        districts=(page.district.unit[:1].upper() + page.district.unit[1:],),
                        provinces=(page.district.province,), seed=f"bench_{index:06d}.txt")
        (out / f"{slug}.md").write_text(render_record(record), encoding="utf-8")
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--clone", type=Path, metavar="SRC")
    what.add_argument("--synthesize", type=int, metavar="N")
    parser.add_argument("--count", type=int, help="with --clone: how many records in all")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    if args.clone:
        if not args.count:
            parser.error("--clone needs --count")
        written = clone(args.clone, args.count, args.out)
    else:
        written = synthesize(args.synthesize, args.out, args.seed)
    print(f"wrote {written} records to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
