"""The physical limit of our tagging: bare pyvi tokenize + POS over the same raw
pages, on all cores, with no loader around it.

Each non-empty line of each page goes through `ViTokenizer.tokenize` then
`ViPosTagger.postagging`. pyvi is warmed in the parent before the pool forks,
so workers share the loaded model the way khotin's workers can.

    python bench/pyvi_baseline.py --pages DIR [--jobs N]   # prints one JSON line
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import time
from pathlib import Path


def tag_page(path: str) -> int:
    from pyvi import ViPosTagger, ViTokenizer

    text = Path(path).read_text(encoding="utf-8", errors="replace")
    for line in text.splitlines():
        if line.strip():
            ViPosTagger.postagging(ViTokenizer.tokenize(line))
    return len(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    from pyvi import ViPosTagger, ViTokenizer

    ViPosTagger.postagging(ViTokenizer.tokenize("Khởi động mô hình tách từ"))
    paths = sorted(str(p) for p in args.pages.glob("*.txt"))
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
        total = sum(pool.imap_unordered(tag_page, paths, chunksize=16))
    seconds = time.perf_counter() - start
    print(json.dumps({"pages": len(paths), "bytes": total, "seconds": seconds, "jobs": args.jobs}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
