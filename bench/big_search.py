"""The big build with search alone: `make bench`'s "khotin build N (cold, with search)" step,
measured the same way (bench/measure.py), without the hour of steps around it.

    python bench/big_search.py --records bench/work/content [--count 100000] [--work /tmp/big]

`--records` is a folder of records (the benchmark's, from `make bench` or `khotin
import`); they are cloned to `--count` as `make bench` clones them, once: a clone
already in the work folder is reused. Prints the time and the peak memory; the
site stays in the work folder (`site-N`) until the next run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import cold  # noqa: E402
from steps import empty_trash, fresh_khotin_site, khotin_build, say  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=Path, required=True, help="the records to clone")
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=HERE / "work")
    args = parser.parse_args(argv)
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    content = work / f"content-{args.count}"
    if not any(content.glob("*.md")):
        made = say(cold.clone_records(work, args.records.resolve(), args.count, content))
        if not made.ok:
            return 1
    site = work / f"site-{args.count}"
    fresh_khotin_site(site)
    step = say(khotin_build(work, content, site, f"khotin build {args.count} (cold, with search)",
                            "big-khotin.log"))
    if step.ok:
        print(f"peak RSS, largest process {step.peak_rss_mb:,.0f} MB; "
              f"peak PSS, whole tree {step.peak_tree_mb:,.0f} MB")
    empty_trash(work)
    return 0 if step.ok else 1


if __name__ == "__main__":
    sys.exit(main())
