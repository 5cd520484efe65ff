"""Search index size and indexing time: the seed site and N synthetic articles.

Synthetic articles are made from the seeds' own paragraphs (read at run time),
re-pointed at ~60 real Hà Nội and Hải Phòng districts from the gazetteer, with
one seeded random.Random, so a count always gives the same documents.

    .venv/bin/python bench/search_index.py --count 10000 [--shards N] [--out DIR] [--queries]

--queries serves the written bundle and runs the issue's queries in chromium,
printing each query's first result, how many results, the time from the page's
navigation start to its answer (performance.now()) and the wall time including opening the tab.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from khotin.search.documents import SearchDocument, to_record  # noqa: E402
from khotin.search.shards import index_bundle  # noqa: E402
from tests.search.site import assemble, seed_documents, serve  # noqa: E402

TAGS = ("phong trào toàn dân", "an ninh trật tự", "phòng chống tội phạm", "Chỉ thị 09-CT/TW",
        "tổ tự quản", "an ninh Tổ quốc", "mô hình", "tổng kết")
TITLES = ("{unit} tổng kết phong trào bảo vệ an ninh Tổ quốc năm {year}",
          "{unit} xây dựng thế trận lòng dân vững chắc",
          "{unit} nâng cao hiệu quả phòng chống tội phạm",
          "{unit} ra mắt mô hình tự quản về an ninh trật tự",
          "5 năm thực hiện Chỉ thị 09-CT/TW tại {unit}")
CHROMIUM = "/usr/bin/chromium"  # Debian's package; Playwright never downloads a browser
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
QUERIES = ("dong da", "Đống Đa", "DONG DA", "chi thi 09", "09-CT/TW", "hong bang", "nam tu liem",
           "bảo vệ an ninh", "xylophone")


def synthetic_documents(count: int, seed: int = 6) -> list[SearchDocument]:
    from khotin.places.data import load_gazetteer

    paragraphs = [p for d in seed_documents() for p in re.split(r"\n\s*\n|(?<=[.!?])\s+(?=[A-ZĐ])", d.text)
                  if len(p.split()) >= 8]
    gazetteer = load_gazetteer()
    districts = [d for d in gazetteer.districts.values() if d.province in ("Hà Nội", "Hải Phòng")][:60]
    rng = random.Random(seed)
    documents = []
    for number in range(count):
        district = rng.choice(districts)
        unit = f"{district.kind.lower()} {district.name}"
        year = rng.randint(2012, 2024)
        body = [p.replace("quận", unit, 1) if rng.random() < 0.3 else p
                for p in rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(12, 30)))]
        body.insert(0, f"Ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}, {unit} đã tổ chức hội nghị.")
        title = rng.choice(TITLES).format(unit=unit[0].upper() + unit[1:], year=year)
        documents.append(SearchDocument(
            url=f"bai/bai-{number:06d}/", title=title, text="\n\n".join(body), summary=body[0],
            districts=(district.name,), provinces=(district.province,),
            tags=tuple(rng.sample(TAGS, k=3)), year=year, date=f"{year}-{rng.randint(1, 12):02d}-01"))
    return documents


def measure(name: str, documents: list[SearchDocument], skeleton: Path, out: Path, shards: int = 0) -> Path:
    """Index `documents` into a copy of the seed site built without its index (its search page and static files)."""
    started = time.perf_counter()
    for document in documents:
        to_record(document)
    prepare = time.perf_counter() - started
    folder = out / name.replace(" ", "-")
    shutil.copytree(skeleton, folder)
    started = time.perf_counter()
    files = index_bundle(documents, shards)
    seconds = time.perf_counter() - started
    for file_name, data in files.items():
        (folder / file_name).parent.mkdir(parents=True, exist_ok=True)
        (folder / file_name).write_bytes(data)
    text_mb = sum(len(d.text.encode()) for d in documents) / 1e6
    size_mb = sum(len(data) for data in files.values()) / 1e6
    print(f"| {name} | {len(documents)} | {text_mb:.1f} MB | {len(files)} | {size_mb:.2f} MB "
          f"| {seconds:.1f} s | {prepare:.1f} s |", flush=True)
    return folder


def run_queries(folder: Path, documents: list[SearchDocument]) -> None:
    from urllib.parse import urlencode

    from playwright.sync_api import sync_playwright

    titles = {d.title: d for d in documents}
    with serve(folder) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for query in QUERIES:
            page = browser.new_page()
            started = time.perf_counter()
            page.goto(f"{origin}/search/?{urlencode({'q': query})}")
            page.wait_for_selector("#search-status[data-state='done'], #search-status[data-state='empty'],"
                                   " #search-status[data-state='error']", timeout=120_000)
            seconds = time.perf_counter() - started
            in_page = page.evaluate("performance.now()") / 1000
            first = page.eval_on_selector_all(".search-result a", "a => a.slice(0, 1).map(x => x.textContent)")
            status = page.inner_text("#search-status")
            where = ", ".join(titles[first[0]].districts) if first and first[0] in titles else ""
            print(f"| {query} | {first[0] if first else status} | {where} | {status} | {in_page:.2f} s "
                  f"| {seconds:.2f} s |", flush=True)
            page.close()
        browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--queries", action="store_true")
    parser.add_argument("--shards", type=int, default=0, help="Pagefind indexes for the synthetic corpus (0: khotin's choice)")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="khotin-search-bench-"))
    print("| corpus | articles | text | files | index size | indexing time | of which record prep |")
    print("|---|---|---|---|---|---|---|")
    skeleton = assemble(out / "skeleton", "/", with_index=False)
    seeds = seed_documents()
    measure("seeds", seeds, skeleton, out)
    synthetic = synthetic_documents(args.count)
    folder = measure(f"synthetic {args.count}", synthetic, skeleton, out, args.shards)
    if args.queries:
        print("\n| query | first result | its district | status | in page | with new tab |\n|---|---|---|---|---|---|")
        run_queries(folder, synthetic)
    return 0


if __name__ == "__main__":
    sys.exit(main())
