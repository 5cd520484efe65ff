"""First-visit query latency in Chromium: khotin's search page beside stock Pagefind.

A reader opens a search link with nothing cached. Each query gets a fresh browser
context (empty cache, no service worker), and the time is read inside the page:
`performance.now()` (zero at navigation start) when the first result link is in
the document, or when the page says nothing was found.

    .venv/bin/python bench/latency.py --khotin SITE [--pagefind SITE] [--rounds 1]

`--pagefind` is a site with a stock Pagefind bundle at /pagefind/ (Pagefind's CLI
over Hugo's build); a page with Pagefind's own UI (`pagefind-ui.js`, query from
the URL, as its docs show) is written into it as /pagefind-search/. Rounds
alternate the two sites so both see the same machine. Prints a Markdown table,
and `--json FILE` keeps the figures for bench/report.py.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.search.site import serve  # noqa: E402

CHROMIUM = "/usr/bin/chromium"  # Debian's package; Playwright never downloads a browser
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
QUERIES = ("dong da", "Đống Đa", "chi thi 09", "hong bang", "bảo vệ an ninh", "nam tu liem",
           "hội nghị tổng kết", "xylophone")
MISS = "xylophone"
TIMEOUT_MS = 60_000

STOCK_PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Tìm kiếm</title>
<link href="/pagefind/pagefind-ui.css" rel="stylesheet">
<script src="/pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div>
<script>
  window.addEventListener("DOMContentLoaded", () => {
    const ui = new PagefindUI({ element: "#search", showSubResults: false });
    const q = new URLSearchParams(location.search).get("q");
    if (q) ui.triggerSearch(q);
  });
</script></body></html>
"""

# (first result, nothing found) for each kind of page.
SELECTORS = {
    "khotin": (".search-result a", "#search-status[data-state='empty'], #search-status[data-state='error']"),
    "pagefind": (".pagefind-ui__result-link", ".pagefind-ui__message"),
}


def stock_search_page(site: Path) -> str:
    folder = site / "pagefind-search"
    folder.mkdir(exist_ok=True)
    (folder / "index.html").write_text(STOCK_PAGE, encoding="utf-8")
    return "/pagefind-search/"


def one_query(browser, origin: str, path: str, kind: str, query: str) -> tuple[float, str]:
    """Seconds from navigation start to the first result (or the 'nothing found' line), and that result."""
    found, empty = SELECTORS[kind]
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{origin}{path}?{urlencode({'q': query})}", wait_until="commit")
        handle = page.wait_for_function(
            """([found, empty]) => {
                 const hit = document.querySelector(found);
                 if (hit) return [performance.now(), hit.textContent.trim()];
                 const none = document.querySelector(empty);
                 // Pagefind's UI shows a message while it loads too; only 'no results' ends the wait.
                 if (none && (none.dataset.state || /no results|không/i.test(none.textContent)))
                   return [performance.now(), ""];
                 return null;
               }""", arg=[found, empty], polling="raf", timeout=TIMEOUT_MS)
        at, first = handle.json_value()
        return at / 1000, first
    finally:
        context.close()


def measure(sites: dict[str, tuple[Path, str, str]], rounds: int) -> dict:
    """{"times": {site label: {query: [seconds per round]}}, "firsts": {site label: {query: first result}}};
    sites alternate query by query."""
    from playwright.sync_api import sync_playwright

    times: dict[str, dict[str, list[float]]] = {label: {q: [] for q in QUERIES} for label in sites}
    firsts: dict[str, dict[str, str]] = {label: {} for label in sites}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        servers = {label: serve(root) for label, (root, _, _) in sites.items()}
        origins = {label: server.__enter__() for label, server in servers.items()}
        try:
            for label in sites:  # one unmeasured query per site warms the OS file cache, not the browser's
                one_query(browser, origins[label], sites[label][1], sites[label][2], "an ninh")
            for _ in range(rounds):
                for query in QUERIES:
                    for label, (_, path, kind) in sites.items():
                        seconds, first = one_query(browser, origins[label], path, kind, query)
                        times[label][query].append(seconds)
                        firsts[label][query] = first
        finally:
            for server in servers.values():
                server.__exit__(None, None, None)
            browser.close()
    return {"times": times, "firsts": firsts}


def compare(khotin: Path, pagefind: Path | None, rounds: int) -> dict:
    """khotin's search page, and stock Pagefind's UI when `pagefind` is a site with its bundle."""
    sites = {"khotin": (khotin, "/search/", "khotin")}
    if pagefind:
        sites["stock Pagefind"] = (pagefind, stock_search_page(pagefind), "pagefind")
    return measure(sites, rounds)


def table(result: dict, title: str) -> str:
    times, firsts = result["times"], result["firsts"]
    labels = list(times)
    head = "| query | " + " | ".join(f"{label} (s)" for label in labels) + f" | {labels[0]}'s first result |"
    lines = [f"#### {title}", "", head, "|---|" + "---:|" * len(labels) + "---|"]
    for query in QUERIES:
        cells = " | ".join(f"{statistics.median(times[label][query]):.2f}" for label in labels)
        lines.append(f"| {query} | {cells} | {firsts[labels[0]].get(query, '')[:70] or '(none)'} |")
    medians = " | ".join(f"**{median_of(times[label]):.2f}**" for label in labels)
    worst = " | ".join(f"{max(max(v) for v in times[label].values()):.2f}" for label in labels)
    lines += [f"| median of queries | {medians} | |", f"| slowest query | {worst} | |"]
    return "\n".join(lines) + "\n"


def median_of(per_query: dict[str, list[float]]) -> float:
    return statistics.median(statistics.median(v) for v in per_query.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--khotin", type=Path, required=True, help="a khotin site built with search")
    parser.add_argument("--pagefind", type=Path, help="a site with a stock Pagefind bundle at /pagefind/")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--title", default="First-visit query latency")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    result = compare(args.khotin, args.pagefind, args.rounds)
    print(table(result, args.title))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
