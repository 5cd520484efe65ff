"""bench/RESULTS.md from one run's measurements: times, pages/s, ratios, targets."""

from __future__ import annotations

from pathlib import Path

import competitors
from measure import Measurement

GB = 1024  # MB


def _fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _seconds(steps: dict, key: str) -> float | None:
    step = steps.get(key)
    return step.seconds if step is not None and step.ok else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def _row(step: Measurement | None, label: str, pages: int | None, output: str = "") -> str:
    if step is None:
        return f"| {label} | not run | | | | {output} |"
    if not step.ok:
        return f"| {label} | **failed** | | | | {step.detail.replace('|', '/')} |"
    rate = _fmt(pages / step.seconds, 0) if pages and step.seconds else "—"
    return (f"| {label} | {_fmt(step.seconds)} | {rate} | {_fmt(step.peak_rss_mb, 0)} | "
            f"{_fmt(step.peak_tree_mb, 0)} | {output} |")


def _target(name: str, value: float | None, limit: float, shown: str, *, at_least: bool = False) -> str:
    if value is None:
        verdict = "unknown (a step failed)"
    else:
        verdict = "**met**" if (value >= limit if at_least else value <= limit) else "**not met**"
    return f"| {name} | {shown} | {verdict} |"


def derived(steps: dict, facts: dict) -> dict:
    cold, hugo = _seconds(steps, "build_cold"), _seconds(steps, "hugo_cold")
    # Hugo builds no search index: compare it with khotin's build without one.
    bare = _seconds(steps, "build_cold_nosearch")
    pages_only = bare if bare is not None else cold
    pagefind_hugo, pagefind_ours = _seconds(steps, "pagefind_hugo"), _seconds(steps, "pagefind_khotin")
    if facts.get("khotin_builtin_search"):
        with_search = cold
    else:
        with_search = cold + pagefind_ours if cold is not None and pagefind_ours is not None else None
    hugo_search = hugo + pagefind_hugo if hugo is not None and pagefind_hugo is not None else None
    big = steps.get("build_big")
    big_peak = None
    if big is not None and big.ok:
        big_peak = max(x for x in (big.peak_tree_mb, big.peak_rss_mb) if x is not None)
    return {
        "import_vs_pyvi": _ratio(_seconds(steps, "pyvi"), _seconds(steps, "import")),
        "cold_vs_hugo": _ratio(pages_only, hugo),
        "with_search": with_search,
        "hugo_search": hugo_search,
        "search_vs_hugo_search": _ratio(with_search, hugo_search),
        "edit_vs_hugo": _ratio(_seconds(steps, "build_edit"), hugo),
        "edit_next_vs_hugo": _ratio(_seconds(steps, "build_edit_next"), hugo),
        "nochange": _seconds(steps, "build_nochange"),
        "pelican_vs_khotin": _ratio(_seconds(steps, "pelican_cold"), cold),
        "big_peak_mb": big_peak,
    }


def write_report(path: Path, steps: dict, facts: dict) -> None:
    n, records, big = facts["count"], facts.get("build_records") or facts["count"], facts.get("big_count")
    d = derived(steps, facts)
    v = facts.get("versions", {})
    search_note = "includes its own search index" if facts.get("khotin_builtin_search") else \
        "no search index of its own: + the Pagefind line below"
    lines = [
        "# Benchmark results",
        "",
        f"One `make bench` run ({facts['started']}): {n:,} synthetic pages ({facts.get('pages_mb', 0):.1f} MB, "
        f"`bench/generate.py --seed {facts['seed']}`), all tools side by side on the same machine, "
        f"**{facts['cpu_count']} CPUs** (`os.cpu_count()`). Machines here are shared and noisy: read the ratios.",
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
        _row(steps.get("build_cold"), "`khotin build` cold", records,
             f"{facts.get('khotin_html', 0):,} HTML files; {search_note}"),
        _row(steps.get("build_cold_nosearch"), "`khotin build` cold, `search = false`", records,
             "pages only, as Hugo builds them"),
        _row(steps.get("build_nochange"), "`khotin build` no change", records),
        _row(steps.get("build_edit"), "`khotin build` one record edited", records, facts.get("edited_record") or ""),
        _row(steps.get("build_edit_next"), "`khotin build` another record edited", records,
             "starts from the tree the last build replaced"),
        _row(steps.get("pagefind_khotin"), "Pagefind CLI over khotin's site", records, "its own line"),
        _row(steps.get("hugo_cold"), "Hugo cold (same `content/`)", records, f"{facts.get('hugo_html', 0):,} HTML files"),
        _row(steps.get("pagefind_hugo"), "Pagefind CLI over Hugo's site", records, "what a Hugo user runs"),
        _row(steps.get("pelican_cold"), "Pelican cold (converted records, reference)", records,
             f"{facts.get('pelican_html', 0):,} HTML files"),
    ]
    if big:
        lines.append(_row(steps.get("build_big"), f"`khotin build` cold, {big:,} cloned records, `search = false`",
                          big, "peak memory target"))
    lines += [
        "",
        "## Ratios",
        "",
        "| Ratio | Value |",
        "|---|---:|",
        f"| khotin import throughput ÷ bare pyvi throughput | {_fmt(d['import_vs_pyvi'] and 100 * d['import_vs_pyvi'], 0)} % |",
        f"| khotin build cold (`search = false`) ÷ Hugo cold | {_fmt(d['cold_vs_hugo'])}× |",
        f"| khotin build with search ({_fmt(d['with_search'])} s) ÷ Hugo + Pagefind ({_fmt(d['hugo_search'])} s) "
        f"| {_fmt(d['search_vs_hugo_search'])}× |",
        f"| khotin one-record-edited rebuild ÷ Hugo cold | {_fmt(d['edit_vs_hugo'])}× |",
        f"| khotin next one-record-edited rebuild ÷ Hugo cold | {_fmt(d['edit_next_vs_hugo'])}× |",
        f"| Pelican cold ÷ khotin build cold | {_fmt(d['pelican_vs_khotin'])}× |",
        "",
        "## Targets (issue 8 §3)",
        "",
        "| Target | This run | Verdict |",
        "|---|---|---|",
        _target("cold build ≤ 1.0× Hugo", d["cold_vs_hugo"], 1.0, f"{_fmt(d['cold_vs_hugo'])}×"),
        _target("with search ≤ 1.0× Hugo + Pagefind", d["search_vs_hugo_search"], 1.0,
                f"{_fmt(d['search_vs_hugo_search'])}×"),
        _target("one-record-edited rebuild ≤ 0.2× Hugo cold", d["edit_vs_hugo"], 0.2, f"{_fmt(d['edit_vs_hugo'])}×"),
        _target("no-change rebuild ≤ 1 s", d["nochange"], 1.0, f"{_fmt(d['nochange'])} s"),
        _target("import ≥ 80% of bare pyvi on all cores", d["import_vs_pyvi"], 0.8,
                f"{_fmt(d['import_vs_pyvi'] and 100 * d['import_vs_pyvi'], 0)} %", at_least=True),
    ]
    if big:
        lines.append(_target(f"build at {big:,} records < 2 GB peak", d["big_peak_mb"], 2 * GB,
                             f"{_fmt(d['big_peak_mb'], 0)} MB"))
    lines += [
        "",
        "How measured: wall time of each command as a user runs it (interpreter start and model loading "
        "included, for pyvi too); peak RSS of the largest process from `wait4` (as `/usr/bin/time -v`); "
        "peak PSS of the whole process tree sampled every 0.25 s from `/proc` (shared pages of forked "
        "workers counted once) — the 100k verdict uses the larger of the two. Hugo gets minimal layouts "
        "(`bench/competitors.py`: baseof, single, list, taxonomy, term; `tags` and `districts` taxonomies, "
        f"{competitors.PAGE_SIZE} per page like khotin's listings) and reads the same `content/` files; "
        f"Pelican ('simple' theme, caching off, {competitors.PAGE_SIZE} per page) reads the "
        "same records converted to its metadata format. Each build starts from an empty output folder "
        "and no cache. Every command starts after a `sync` (not timed), so no step pays for writing back "
        "the last one's files, and old trees are moved aside, not deleted, until the run ends (this "
        "machine's ext4 slows file creation for minutes after a big delete).",
        "",
        "## Versions",
        "",
        *[f"- {name}: {value}" for name, value in v.items()],
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
