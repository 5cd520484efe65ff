"""`make bench`: khotin against bare pyvi, Hugo, Pagefind and Pelican, in one run on one machine.

Steps (each measured by bench/measure.py; a failing step is reported, never fatal):
generate N pages → `khotin import` vs bare pyvi on all cores → cold builds in
alternating rounds (khotin search off, khotin with search, Hugo, Pagefind's CLI
over Hugo's site; bench/cold.py) → first-visit query latency in Chromium, khotin
vs stock Pagefind (bench/latency.py) → `khotin build` cold, no-change rebuild,
two one-record-edited rebuilds → Pelican cold → at BIG cloned records: khotin
with search, Hugo, Pagefind over Hugo's site, khotin with `search = false`, and
query latency again. Writes bench/RESULTS.md (and the raw figures to
bench/work/results.json).

    python bench/run.py [--count 10000] [--big-count 100000] [--seed 8]
                        [--cold-rounds 3] [--latency-rounds 1]

The big step's khotin build with search alone: bench/big_search.py.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import cold  # noqa: E402
import competitors  # noqa: E402
from measure import Measurement, run  # noqa: E402
from report import write_report  # noqa: E402
from steps import (empty_trash, fresh, fresh_khotin_site, has_search_index, html_count,  # noqa: E402
                   khotin_build, khotin_command, say)


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
    fresh(content, work / ".khotin-cache")
    steps["import"] = say(run("khotin import (cold)", [*khotin_command(), "import", "--seeds", str(pages),
                                                       "--content", str(content)],
                               cwd=work, log=work / "logs" / "import.log"))
    steps["pyvi"] = say(run("bare pyvi tokenize+POS, all cores",
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
    fresh(content)
    made = say(run("records synthesised (import failed)",
                    [sys.executable, str(HERE / "make_records.py"), "--synthesize", str(count),
                     "--out", str(content), "--seed", str(seed)], cwd=work, log=work / "logs" / "records.log"))
    return None if not made.ok else "import failed, so the builds ran on records written by bench/make_records.py --synthesize"


def bench_rebuilds(work: Path, content: Path, steps: dict, facts: dict) -> None:
    """One cold build with search, then what an editor's day costs: no change, one record edited, another."""
    site = work / "site"
    fresh_khotin_site(site)
    steps["build_cold"] = say(khotin_build(work, content, site, "khotin build (cold)", "build-cold.log"))
    steps["build_nochange"] = say(khotin_build(work, content, site, "khotin build (no change)", "build-nochange.log"))
    edited = _edit_one_record(content)
    facts["edited_record"] = edited.name if edited else None
    steps["build_edit"] = say(khotin_build(work, content, site, "khotin build (one record edited)", "build-edit.log"))
    # The first edit starts from the links the cold build left as its spare; this one
    # from the tree that edit replaced (build/output/recycled.py).
    _edit_one_record(content, at=0.25)
    steps["build_edit_next"] = say(khotin_build(work, content, site, "khotin build (next record edited)",
                                                "build-edit-next.log"))


def bench_pelican(work: Path, content: Path, steps: dict, facts: dict) -> None:
    pelican_dir = work / "pelican"
    fresh(pelican_dir)
    try:
        facts["pelican_records"] = competitors.convert_for_pelican(content, pelican_dir / "content")
        competitors.write_pelican_site(pelican_dir)
        steps["pelican_cold"] = say(run("pelican (cold)", [
            *competitors.pelican_command(), "content", "-o", "output", "-s", "pelicanconf.py", "-q"],
            cwd=pelican_dir, log=work / "logs" / "pelican.log"))
        facts["pelican_html"] = html_count(pelican_dir / "output")
    except Exception as exc:  # the reference must not stop the report
        steps["pelican_cold"] = say(Measurement("pelican (cold)", False, detail=f"converter: {exc}"))


def bench_latency(khotin_site: Path, stock_site: Path | None, rounds: int, title: str) -> dict:
    """First-visit latency of both search pages, or {"error": why}: a browser that
    cannot start must not take the build figures down with it."""
    if not has_search_index(khotin_site):
        return {"error": f"{khotin_site.name} has no search index (its build failed?)"}
    if stock_site is not None and not (stock_site / "pagefind" / "pagefind-ui.js").is_file():
        stock_site = None
    print(f"  query latency: {title}", flush=True)
    try:
        import latency

        result = latency.compare(khotin_site, stock_site, rounds)
    except Exception as exc:
        print(f"  FAILED {exc.__class__.__name__}: {exc}", flush=True)
        return {"error": f"{exc.__class__.__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"}
    print(latency.table(result, title), flush=True)
    return {**result, "rounds": rounds}


def bench_big(work: Path, content: Path, big: int, steps: dict, facts: dict, latency_rounds: int,
              no_search: bool) -> None:
    big_content = work / f"content-{big}"
    made = cold.clone_records(work, content, big, big_content)
    if not made.ok:
        steps["big_search"] = say(Measurement(f"khotin build {big} (cold, with search)", False, detail=made.detail))
        return
    site, hugo_public = cold.big_builds(work, big_content, big, steps, keep_no_search=no_search)
    facts["latency_big"] = bench_latency(site, hugo_public, latency_rounds,
                                         f"First-visit query latency at {big:,} records")
    fresh(site, hugo_public.parent, big_content, work / f".{site.name}.previous")


COMPETITORS = ("pyvi", "pelican_cold", "big_hugo", "big_pagefind")
ROUND_COMPETITORS = ("_hugo", "_pagefind_hugo")


def compile_khotin() -> bool:
    """Write khotin's bytecode before anything is timed, as installing a package does.

    This machine sets PYTHONDONTWRITEBYTECODE, so an editable install's modules
    were compiled from source by every khotin command the bench timed (~0.1 s
    a build, which no installed khotin pays, and no Go binary)."""
    import compileall
    import khotin

    return bool(compileall.compile_dir(Path(khotin.__file__).parent, quiet=1))


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
                        help="records for the big step: khotin with search, Hugo, Pagefind, query latency "
                             "(default 100000 when --count ≥ 10000, else none)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--work", type=Path, default=HERE / "work")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--cold-rounds", type=int, default=3, help="alternating rounds of the cold builds")
    parser.add_argument("--latency-rounds", type=int, default=1, help="rounds of the query latency measurement")
    parser.add_argument("--big-no-search", action=argparse.BooleanOptionalAction, default=True,
                        help="also build the big records with `search = false` (the pages' own peak memory)")
    args = parser.parse_args(argv)
    big = args.big_count if args.big_count is not None else (100_000 if args.count >= 10_000 else 0)
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    pages, content = work / "pages", work / "content"
    steps: dict[str, Measurement] = {}
    facts: dict = {"count": args.count, "big_count": big, "seed": args.seed, "cpu_count": os.cpu_count(),
                   "started": time.strftime("%Y-%m-%d %H:%M:%S %z"), "cold_rounds": args.cold_rounds}

    print(f"bench: {args.count} pages, {os.cpu_count()} CPUs, work dir {work}", flush=True)
    facts["bytecode"] = compile_khotin()
    fresh(pages)
    steps["generate"] = say(run("generate pages", [sys.executable, str(HERE / "generate.py"), "--count",
                                                   str(args.count), "--out", str(pages), "--seed", str(args.seed)],
                                 cwd=work, log=work / "logs" / "generate.log"))
    facts["pages_mb"] = sum(p.stat().st_size for p in pages.glob("*.txt")) / 1e6
    bench_import(work, pages, content, steps)
    facts["records"] = len(list(content.glob("*.md")))
    facts["note"] = ensure_records(work, content, args.count, args.seed, steps)
    facts["build_records"] = len(list(content.glob("*.md")))
    rounds = cold.cold_rounds(work, content, args.cold_rounds, facts)
    steps.update({f"round{r}_{tool}": step for tool, done in rounds.items() for r, step in enumerate(done, 1)})
    facts["rounds"] = cold.round_summary(rounds)
    facts["latency"] = bench_latency(work / "cold-khotin", work / "hugo" / "public", args.latency_rounds,
                                     f"First-visit query latency at {facts['build_records']:,} records")
    bench_rebuilds(work, content, steps, facts)
    bench_pelican(work, content, steps, facts)
    if big:
        bench_big(work, content, big, steps, facts, args.latency_rounds, args.big_no_search)
    facts["versions"] = versions()

    (work / "results.json").write_text(json.dumps(
        {"facts": facts, "steps": {k: {**asdict(v), "stdout": v.stdout[-2000:]} for k, v in steps.items()}},
        ensure_ascii=False, indent=2), encoding="utf-8")
    write_report(args.results, steps, facts)
    print(f"wrote {args.results}")
    empty_trash(work)
    return exit_status(steps, facts)


def exit_status(steps: dict[str, Measurement], facts: dict) -> int:
    """1 when one of khotin's steps or a latency measurement failed. A competitor that
    fails (Pagefind out of memory at the big size) is a result, reported as such."""
    measured = all(not result.get("error") for result in (facts["latency"], facts.get("latency_big", {})))
    ours = [step for name, step in steps.items() if name not in COMPETITORS and not name.endswith(ROUND_COMPETITORS)]
    return 0 if measured and all(step.ok for step in ours) else 1


if __name__ == "__main__":
    sys.exit(main())
