"""The benchmark corpus in every input form `khotin import` reads (issue 20).

    python bench/forms.py convert --count 10000 --out bench/work/forms [--seed 8]
    python bench/forms.py time --forms bench/work/forms [--rounds 2] [--jobs 2]

`convert` builds the same generated pages as `generate.py` (same count and
seed, same text) and writes them four ways: `text/` (one .txt a page, as
generate.py), `html/` (one portal-style page each: header, menu, breadcrumbs,
the page's lines as paragraphs of an <article>, an aside, a footer, with
og:site_name, article:published_time and a canonical link), `jsonl/crawl.jsonl`
and `csv/crawl.csv` (title, url, date, source, content: the page without its
headline line). `time` runs a cold `khotin import --jobs N` on each form,
alternating the forms round by round, and prints the medians.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import shutil
import statistics
import subprocess
import sys
import resource
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402

FORMS = ("text", "html", "jsonl", "csv")
SITES = ("Hà Nội mới", "Kinh tế & Đô thị", "Báo Hải Phòng", "An ninh Thủ đô")


def _lines(page: generate.Page) -> list[str]:
    lines = [line.strip() for line in page.text.split("\n")]
    return [line for line in lines if line and line != page.title]


def _html(page: generate.Page, index: int) -> str:
    e = html.escape
    site = SITES[index % len(SITES)]
    paragraphs = "\n".join(f"<p>{e(line)}</p>" for line in _lines(page))
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{e(page.title)} | {e(site)}</title>
<meta property="og:title" content="{e(page.title)}"><meta property="og:site_name" content="{e(site)}">
<meta property="article:published_time" content="{page.date}">
<link rel="canonical" href="https://bao.example.vn/bai/{index}.html"></head><body>
<header><nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a></li><li><a href="/phap-luat">Pháp luật</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="/an-ninh">An ninh trật tự</a></div>
<article><h1>{e(page.title)}</h1>
{paragraphs}
</article>
<aside><h3>Tin liên quan</h3><ul><li><a href="/1">Tin khác trong ngày</a></li></ul></aside>
<footer>© {e(site)}</footer></body></html>
"""


def _row(page: generate.Page, index: int) -> dict:
    return {"title": page.title, "url": f"https://bao.example.vn/bai/{index}.html", "date": page.date,
            "source": SITES[index % len(SITES)], "content": "\n".join(_lines(page))}


def convert(count: int, out: Path, seed: int) -> None:
    corpus = generate.load_corpus()
    for form in FORMS:
        shutil.rmtree(out / form, ignore_errors=True)
        (out / form).mkdir(parents=True)
    fields = ("title", "url", "date", "source", "content")
    with open(out / "jsonl" / "crawl.jsonl", "w", encoding="utf-8") as jsonl, \
            open(out / "csv" / "crawl.csv", "w", encoding="utf-8", newline="") as csv_file:
        table = csv.DictWriter(csv_file, fieldnames=fields)
        table.writeheader()
        for index in range(count):
            page = generate.build_page(index, seed, corpus)
            (out / "text" / f"bench_{index:06d}.txt").write_text(page.text, encoding="utf-8")
            (out / "html" / f"bench_{index:06d}.html").write_text(_html(page, index), encoding="utf-8")
            row = _row(page, index)
            jsonl.write(json.dumps(row, ensure_ascii=False) + "\n")
            table.writerow(row)
    for form in FORMS:
        size = sum(p.stat().st_size for p in (out / form).iterdir())
        print(f"{form}: {size / 1e6:.1f} MB")


def _accuracy(content: Path, seed: int) -> tuple[float, float]:
    """Share of records whose title and date are the generated page's own."""
    from khotin.records import read_record

    corpus = generate.load_corpus()
    right_title = right_date = total = 0
    for path in content.glob("*.md"):
        record = read_record(path)
        index = int(record.url.rsplit("/", 1)[1].split(".")[0]) if record.url else int(record.seed[6:12])
        page = generate.build_page(index, seed, corpus)
        total += 1
        right_title += record.title == page.title
        right_date += record.date == page.date
    return right_title / max(total, 1), right_date / max(total, 1)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _import_once(seeds: Path, jobs: int, check_seed: int | None) -> tuple[float, float, int, int, tuple | None]:
    """Wall time and CPU time (the import and its workers: fairer on a shared machine)."""
    khotin = Path(sys.executable).with_name("khotin")
    with tempfile.TemporaryDirectory(prefix="khotin-forms-") as work:
        start, cpu = time.perf_counter(), _cpu()
        result = subprocess.run([str(khotin), "import", "--seeds", str(seeds), "--content",
                                 str(Path(work) / "content"), "--jobs", str(jobs)],
                                cwd=work, capture_output=True, text=True)
        took, cpu = time.perf_counter() - start, _cpu() - cpu
        made = len(list((Path(work) / "content").glob("*.md")))
        accuracy = _accuracy(Path(work) / "content", check_seed) if check_seed is not None else None
    return took, cpu, made, len(result.stderr.splitlines()), accuracy


def time_forms(forms: Path, rounds: int, jobs: int, seed: int) -> None:
    times: dict[str, list[float]] = {form: [] for form in FORMS}
    cpus: dict[str, list[float]] = {form: [] for form in FORMS}
    facts: dict[str, tuple] = {}
    forms = forms.resolve()  # the imports run in a temporary folder
    for round_ in range(rounds):
        order = FORMS if round_ % 2 == 0 else tuple(reversed(FORMS))
        for form in order:
            took, cpu, made, errors, accuracy = _import_once(forms / form, jobs, seed if round_ == 0 else None)
            times[form].append(took)
            cpus[form].append(cpu)
            if accuracy is not None:
                facts[form] = (made, errors, *accuracy)
            print(f"round {round_ + 1} {form}: {took:.1f} s wall, {cpu:.1f} s CPU, {made} records, "
                  f"{errors} error lines", flush=True)
    base, base_cpu = statistics.median(times["text"]), statistics.median(cpus["text"])
    print("\n| form | records | error lines | title right | date right | median wall (s) | ÷ text | median CPU (s) | ÷ text |")
    print("|---|---|---|---|---|---|---|---|---|")
    for form in FORMS:
        median, cpu = statistics.median(times[form]), statistics.median(cpus[form])
        made, errors, title, date = facts[form]
        print(f"| {form} | {made} | {errors} | {title:.1%} | {date:.1%} | {median:.1f} | {median / base:.2f}× "
              f"| {cpu:.1f} | {cpu / base_cpu:.2f}× |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("convert")
    make.add_argument("--count", type=int, required=True)
    make.add_argument("--out", type=Path, required=True)
    make.add_argument("--seed", type=int, default=8)
    timing = sub.add_parser("time")
    timing.add_argument("--forms", type=Path, required=True)
    timing.add_argument("--rounds", type=int, default=2)
    timing.add_argument("--jobs", type=int, default=2)
    timing.add_argument("--seed", type=int, default=8, help="the seed `convert` used (to check records)")
    args = parser.parse_args(argv)
    if args.command == "convert":
        convert(args.count, args.out, args.seed)
    else:
        time_forms(args.forms, args.rounds, args.jobs, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
