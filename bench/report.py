"""bench/RESULTS.md from one run's measurements: times, pages/s, ratios, targets."""

from __future__ import annotations

import statistics
from pathlib import Path

import competitors
import latency
from measure import MEMORY_FLOOR_MB, Measurement

GB = 1024  # MB
ROUND_ROWS = (
    ("khotin_nosearch", "`khotin build` cold, `search = false`", "pages only, as Hugo builds them"),
    ("khotin_search", "`khotin build` cold, with search", "its own search index included"),
    ("hugo", "Hugo cold (same `content/`)", ""),
    ("pagefind_hugo", "Pagefind CLI over Hugo's site", "what a Hugo user runs after Hugo"),
    ("hugo_pagefind", "Hugo + Pagefind (same round, summed)", "what khotin with search is compared with"),
)


def _fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _seconds(steps: dict, key: str) -> float | None:
    step = steps.get(key)
    return step.seconds if step is not None and step.ok else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def _peak(step: Measurement | None) -> float | None:
    if step is None:
        return None
    return max((x for x in (step.peak_tree_mb, step.peak_rss_mb) if x is not None), default=None)


def _row(step: Measurement | None, label: str, pages: int | None, output: str = "") -> str:
    if step is None:
        return f"| {label} | not run | | | | {output} |"
    if not step.ok:
        # A failed or killed step still says how long it ran and how much memory it took.
        return (f"| {label} | **failed** after {_fmt(step.seconds)} s | | {_fmt(step.peak_rss_mb, 0)} | "
                f"{_fmt(step.peak_tree_mb, 0)} | {step.detail.replace('|', '/')} |")
    rate = _fmt(pages / step.seconds, 0) if pages and step.seconds else "—"
    return (f"| {label} | {_fmt(step.seconds)} | {rate} | {_fmt(step.peak_rss_mb, 0)} | "
            f"{_fmt(step.peak_tree_mb, 0)} | {output} |")


def _target(name: str, value: float | None, limit: float, shown: str, *, at_least: bool = False,
            unknown: str = "unknown (a step failed)") -> str:
    if value is None:
        verdict = unknown
    else:
        verdict = "**met**" if (value >= limit if at_least else value <= limit) else "**not met**"
    return f"| {name} | {shown} | {verdict} |"


def _latency_figures(result: dict | None) -> dict:
    """Medians over rounds per query; a query's 'slowest' is its slowest round."""
    if not result or result.get("error"):
        return {}
    times = result["times"]
    khotin, stock = times["khotin"], times.get("stock Pagefind")
    return {
        "khotin_median": latency.median_of(khotin),
        "khotin_miss": statistics.median(khotin[latency.MISS]),
        "khotin_slowest": max(max(v) for v in khotin.values()),
        "stock_median": latency.median_of(stock) if stock else None,
        "stock_miss": statistics.median(stock[latency.MISS]) if stock else None,
    }


def derived(steps: dict, facts: dict) -> dict:
    rounds = facts.get("rounds", {})

    def median(tool: str) -> float | None:
        return rounds.get(tool, {}).get("median")

    hugo = median("hugo")
    big_search, big_hugo, big_pagefind = (steps.get(k) for k in ("big_search", "big_hugo", "big_pagefind"))
    big_sum = (big_hugo.seconds + big_pagefind.seconds
               if big_hugo and big_pagefind and big_hugo.ok and big_pagefind.ok else None)
    # Pagefind killed mid-run would have needed longer still: khotin's time over the
    # time it had used is an upper bound on the ratio.
    big_bound = None
    if (big_sum is None and big_search and big_search.ok and big_hugo and big_hugo.ok and big_pagefind
            and big_pagefind.seconds and "killed" in big_pagefind.detail):
        big_bound = big_search.seconds / (big_hugo.seconds + big_pagefind.seconds)
    return {
        "import_vs_pyvi": _ratio(_seconds(steps, "pyvi"), _seconds(steps, "import")),
        "cold_vs_hugo": _ratio(median("khotin_nosearch"), hugo),
        "search_vs_hugo_search": _ratio(median("khotin_search"), median("hugo_pagefind")),
        "edit_vs_hugo": _ratio(_seconds(steps, "build_edit"), hugo),
        "edit_next_vs_hugo": _ratio(_seconds(steps, "build_edit_next"), hugo),
        "nochange": _seconds(steps, "build_nochange"),
        "pelican_vs_khotin": _ratio(_seconds(steps, "pelican_cold"), median("khotin_search")),
        "big_sum": big_sum,
        "big_vs_hugo_search": _ratio(_seconds(steps, "big_search"), big_sum),
        "big_bound": big_bound,
        "big_search_peak": _peak(big_search) if big_search and big_search.ok else None,
        "big_peak_mb": _peak(steps.get("build_big")) if _seconds(steps, "build_big") is not None else None,
        "latency": _latency_figures(facts.get("latency")),
        "latency_big": _latency_figures(facts.get("latency_big")),
    }


def _rounds_section(steps: dict, facts: dict, records: int) -> list[str]:
    rounds, count = facts.get("rounds", {}), facts.get("cold_rounds", 0)
    lines = [
        f"## Cold builds, {count} rounds alternating",
        "",
        "Each round runs the four builds in this order, each from an empty output folder and no cache; "
        "the ratios and targets read the medians.",
        "",
        "| Build | " + " | ".join(f"round {r}" for r in range(1, count + 1))
        + " | min (s) | median (s) | pages/s (median) | peak PSS, tree (MB) | Notes |",
        "|---|" + "---:|" * (count + 4) + "---|",
    ]
    for tool, label, note in ROUND_ROWS:
        summary = rounds.get(tool)
        if summary is None:
            continue
        failures = [steps[f"round{r}_{tool}"].detail for r in range(1, count + 1)
                    if f"round{r}_{tool}" in steps and not steps[f"round{r}_{tool}"].ok]
        cells = " | ".join(_fmt(s) if s is not None else "failed" for s in summary["seconds"])
        med = summary["median"]
        rate = _fmt(records / med, 0) if med else "—"
        notes = "; ".join([note, *dict.fromkeys(f.replace("|", "/") for f in failures)]).strip("; ")
        lines.append(f"| {label} | {cells} | {_fmt(summary['min'])} | {_fmt(med)} | {rate} | "
                     f"{_fmt(summary['peak_tree_mb'], 0)} | {notes} |")
    return lines + [""]


def _big_section(steps: dict, facts: dict, d: dict, big: int) -> list[str]:
    lines = [
        f"## {big:,} records (the benchmark's records cloned), with search",
        "",
        "| Step | Time (s) | Pages/s | Peak RSS, largest process (MB) | Peak PSS, whole process tree (MB) | Notes |",
        "|---|---:|---:|---:|---:|---|",
        _row(steps.get("big_search"), "`khotin build` cold, with search", big, "memory target < 2 GB"),
        _row(steps.get("big_hugo"), "Hugo cold (same records)", big),
        _row(steps.get("big_pagefind"), "Pagefind CLI over Hugo's site", big),
        f"| Hugo + Pagefind | {_fmt(d['big_sum'])} | | | | summed |",
    ]
    if "build_big" in steps:
        lines.append(_row(steps["build_big"], "`khotin build` cold, `search = false`", big,
                          "the pages' own peak memory"))
    else:
        lines.append("| `khotin build` cold, `search = false` | not run | | | | |")
    return lines + [""]


def _latency_section(result: dict | None, title: str) -> list[str]:
    if result is None:
        return []
    if result.get("error"):
        return [f"#### {title}", "", f"Not measured: {result['error']}", ""]
    stock = "" if "stock Pagefind" in result["times"] else \
        " Stock Pagefind was not measured: Pagefind's CLI left no bundle over Hugo's site (see its step above)."
    return [latency.table(result, title).rstrip("\n"), "",
            f"{result.get('rounds', 1)} round(s); per query the median of the rounds.{stock}", ""]


def _latency_targets(figures: dict, size: str, big: bool) -> list[str]:
    if big:
        return [_target(f"{size}: khotin's median query ≤ 1 s", figures.get("khotin_median"), 1.0,
                        f"{_fmt(figures.get('khotin_median'))} s", unknown="unknown (not measured)")]
    k_miss, s_miss = figures.get("khotin_miss"), figures.get("stock_miss")
    return [
        _target(f"{size}: khotin's miss ≤ stock Pagefind's miss", _ratio(k_miss, s_miss), 1.0,
                f"{_fmt(k_miss)} s vs {_fmt(s_miss)} s", unknown="unknown (not measured)"),
        _target(f"{size}: khotin's median ≤ 1.5× stock Pagefind's miss", _ratio(figures.get("khotin_median"), s_miss),
                1.5, f"{_fmt(figures.get('khotin_median'))} s = {_fmt(_ratio(figures.get('khotin_median'), s_miss))}×",
                unknown="unknown (not measured)"),
        _target(f"{size}: no khotin query over 1 s", figures.get("khotin_slowest"), 1.0,
                f"slowest {_fmt(figures.get('khotin_slowest'))} s", unknown="unknown (not measured)"),
    ]


def write_report(path: Path, steps: dict, facts: dict) -> None:
    n, records, big = facts["count"], facts.get("build_records") or facts["count"], facts.get("big_count")
    d = derived(steps, facts)
    v = facts.get("versions", {})
    lines = [
        "# Benchmark results",
        "",
        f"One `make bench` run ({facts['started']}): {n:,} synthetic pages ({facts.get('pages_mb', 0):.1f} MB, "
        f"`bench/generate.py --seed {facts['seed']}`), all tools side by side on the same machine, "
        f"**{facts['cpu_count']} CPUs** (`os.cpu_count()`). Machines here are shared and noisy: read the ratios."
        + (" khotin's bytecode was written before the first timing, as installing a package writes it "
           "(this machine sets PYTHONDONTWRITEBYTECODE)." if facts.get("bytecode") else ""),
        "",
    ]
    if facts.get("note"):
        lines += [f"> Note: {facts['note']}.", ""]
    if n != 10_000:
        lines += [f"> The targets are defined on 10,000 pages; this run used {n:,}, so its verdicts are indicative.",
                  ""]
    lines += [
        "| Step | Time (s) | Pages/s | Peak RSS, largest process (MB) | Peak PSS, whole process tree (MB) | Notes |",
        "|---|---:|---:|---:|---:|---|",
        _row(steps.get("generate"), "generate raw pages", n),
        _row(steps.get("import"), "`khotin import` (cold, all cores)", n, f"{facts.get('records', 0):,} records"),
        _row(steps.get("pyvi"), "bare pyvi tokenize + POS (all cores)", n, "same raw text, every line"),
        _row(steps.get("build_cold"), "`khotin build` cold (before the rebuilds)", records,
             "with search; the start of the rebuilds below (the cold-build figures are the rounds')"),
        _row(steps.get("build_nochange"), "`khotin build` no change", records),
        _row(steps.get("build_edit"), "`khotin build` one record edited", records, facts.get("edited_record") or ""),
        _row(steps.get("build_edit_next"), "`khotin build` another record edited", records,
             "starts from the tree the last build replaced"),
        _row(steps.get("pelican_cold"), "Pelican cold (converted records, reference)", records,
             f"{facts.get('pelican_html', 0):,} HTML files"),
        "",
        f"khotin's site: {facts.get('khotin_html', 0):,} HTML files"
        f"{'' if facts.get('khotin_builtin_search') else ' (no search index: its with-search build failed?)'}; "
        f"Hugo's: {facts.get('hugo_html', 0):,}.",
        "",
        *_rounds_section(steps, facts, records),
    ]
    if big:
        lines += _big_section(steps, facts, d, big)
    lines += [
        "## First-visit query latency (Chromium)",
        "",
        "Each query in a fresh browser context (nothing cached), served from localhost; time from navigation "
        "start to the first result link, or to the page's 'nothing found' (`bench/latency.py`). khotin's "
        "search page over its cold build with search; stock Pagefind's UI over Hugo's site and Pagefind's "
        "bundle from the last cold round.",
        "",
        *_latency_section(facts.get("latency"), f"At {records:,} records"),
        *_latency_section(facts.get("latency_big"), f"At {big:,} records" if big else ""),
        "## Ratios",
        "",
        "| Ratio | Value |",
        "|---|---:|",
        f"| khotin import throughput ÷ bare pyvi throughput | {_fmt(d['import_vs_pyvi'] and 100 * d['import_vs_pyvi'], 0)} % |",
        f"| khotin cold (`search = false`) ÷ Hugo cold, medians | {_fmt(d['cold_vs_hugo'])}× |",
        f"| khotin cold with search ÷ Hugo + Pagefind, medians | {_fmt(d['search_vs_hugo_search'])}× |",
        f"| khotin one-record-edited rebuild ÷ Hugo cold median | {_fmt(d['edit_vs_hugo'])}× |",
        f"| khotin next one-record-edited rebuild ÷ Hugo cold median | {_fmt(d['edit_next_vs_hugo'])}× |",
        f"| Pelican cold ÷ khotin cold with search (median) | {_fmt(d['pelican_vs_khotin'])}× |",
    ]
    if big:
        big_ratio = _fmt(d["big_vs_hugo_search"]) + "×" if d["big_bound"] is None else \
            f"< {_fmt(d['big_bound'])}× (Pagefind killed: bound on its time so far)"
        lines.append(f"| {big:,} records: khotin with search ÷ Hugo + Pagefind | {big_ratio} |")
    lines += [
        "",
        "## Targets (issue 8 §3, issue 19)",
        "",
        "| Target | This run | Verdict |",
        "|---|---|---|",
        _target("cold build (`search = false`) ≤ 1.0× Hugo, medians", d["cold_vs_hugo"], 1.0,
                f"{_fmt(d['cold_vs_hugo'])}×"),
        _target("cold build with search ≤ 0.8× Hugo + Pagefind, medians", d["search_vs_hugo_search"], 0.8,
                f"{_fmt(d['search_vs_hugo_search'])}×"),
        _target("one-record-edited rebuild ≤ 0.2× Hugo cold median", d["edit_vs_hugo"], 0.2,
                f"{_fmt(d['edit_vs_hugo'])}×"),
        _target("no-change rebuild ≤ 1 s", d["nochange"], 1.0, f"{_fmt(d['nochange'])} s"),
        _target("import ≥ 80% of bare pyvi on all cores", d["import_vs_pyvi"], 0.8,
                f"{_fmt(d['import_vs_pyvi'] and 100 * d['import_vs_pyvi'], 0)} %", at_least=True),
        *_latency_targets(d["latency"], f"latency at {records:,}", big=False),
    ]
    if big:
        bound = d["big_bound"]
        lines += [
            _target(f"build with search at {big:,} records < 2 GB peak", d["big_search_peak"], 2 * GB,
                    f"{_fmt(d['big_search_peak'], 0)} MB"),
            # A bound above the limit proves nothing either way: Pagefind might have needed
            # the whole difference, or much more.
            _target(f"build with search at {big:,} records ≤ 1.0× Hugo + Pagefind", d["big_vs_hugo_search"]
                    if bound is None else bound if bound <= 1.0 else None, 1.0,
                    f"{_fmt(d['big_vs_hugo_search'])}×" if bound is None else f"< {_fmt(bound)}× (Pagefind killed)",
                    unknown="unknown (Pagefind's CLI could not finish here)"),
            _target(f"build at {big:,} records, `search = false`, < 2 GB peak", d["big_peak_mb"], 2 * GB,
                    f"{_fmt(d['big_peak_mb'], 0)} MB"),
            *_latency_targets(d["latency_big"], f"latency at {big:,}", big=True),
        ]
    lines += [
        "",
        "How measured: wall time of each command as a user runs it (interpreter start and model loading "
        "included, for pyvi too); peak RSS of the largest process from `wait4` (as `/usr/bin/time -v`); "
        "peak PSS of the whole process tree sampled every 0.25 s from `/proc` (shared pages of forked "
        "workers counted once) — the memory verdicts use the larger of the two. Hugo gets minimal layouts "
        "(`bench/competitors.py`: baseof, single, list, taxonomy, term; `tags` and `districts` taxonomies, "
        f"{competitors.PAGE_SIZE} per page like khotin's listings) and reads the same `content/` files; "
        f"Pelican ('simple' theme, caching off, {competitors.PAGE_SIZE} per page) reads the "
        "same records converted to its metadata format. Each build starts from an empty output folder "
        "and no cache. Every command starts after a `sync` (not timed), so no step pays for writing back "
        "the last one's files, and old trees are moved aside, not deleted, until the run ends (this "
        "machine's ext4 slows file creation for minutes after a big delete). A step whose process tree "
        f"leaves the machine under {MEMORY_FLOOR_MB:,} MB of available memory is killed by the bench and reported failed, "
        "with the memory it had reached.",
        "",
        "## Versions",
        "",
        *[f"- {name}: {value}" for name, value in v.items()],
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
