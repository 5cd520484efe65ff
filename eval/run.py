"""`make eval`: import the evaluation corpus as a user would, and score it.

All pages go into one import (as an archivist's folder would), then each
record is compared with its dataset's metadata, field by field (eval/score.py).
Prints accuracy per portal, per split (the held-out portals are the number
that counts: no rule was written from their pages) and overall; lists every
miss; writes eval/RESULTS.md.

The same articles are also imported as HTML pages and as a crawler's JSON
Lines and CSV export (eval/make_forms.py builds them into eval/work/forms, each
run afresh), each form into its own content folder through the same import,
and scored the same way: the "Input forms" table.

    python eval/run.py [--corpus eval/corpus] [--articles eval/articles.jsonl.gz]
                       [--out eval/RESULTS.md] [--jobs N] [--forms text,html,jsonl,csv]
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_forms  # noqa: E402
import score  # noqa: E402
import tag_metrics  # noqa: E402
from khotin.errors import KhotinError  # noqa: E402
from khotin.loader import decode_seed, parse_page  # noqa: E402
from khotin.loader.importer import import_seeds  # noqa: E402
from khotin.records import read_record  # noqa: E402


@dataclass
class Tally:
    pages: int = 0
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def share(self, name: str) -> float:
        return self.right[name] / self.pages if self.pages else 0.0


@dataclass
class Result:
    portals: dict[str, Tally]
    splits: dict[str, Tally]
    overall: Tally
    misses: list[score.Miss]
    failures: list[str]
    split_of: dict[str, str]
    seconds: float
    records: dict[str, object]


FORMS = ("text", "html", "jsonl", "csv")


def load_truth(corpus: Path) -> list[dict]:
    return [json.loads(line) for line in (corpus / "truth.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]


def load_paragraphs(articles: Path) -> dict[tuple[str, str], list[str]]:
    with gzip.open(articles, "rt", encoding="utf-8") as handle:
        rows = (json.loads(line) for line in handle if line.strip())
        return {(row["portal"], row["id"]): row["paragraphs"] for row in rows}


def seed_name(file: str) -> str:
    """'vnexpress/0197e10cb16f.txt' → one flat seed file name."""
    return file.replace("/", "--")


def _parse_alone(corpus: Path, truth: list[dict]) -> tuple[dict[str, object], list[str]]:
    """Each page read by itself: the lexicon alone, nothing learned from the others."""
    records, failures = {}, []
    for row in truth:
        path = corpus / row["file"]
        try:
            records[seed_name(row["file"])] = parse_page(decode_seed(path.read_bytes(), path.name), path.name)
        except KhotinError as exc:
            failures.append(f"{row['file']}: {exc}")
    return records, failures


def evaluate(corpus: Path, articles: Path, jobs: int | None = None, alone: bool = False) -> Result:
    """Import the corpus together (as an archivist would), or read each page
    alone (`alone`: what the lexicon does without learning)."""
    truth = load_truth(corpus)
    paragraphs = load_paragraphs(articles)
    if alone:
        started = time.perf_counter()
        records, failures = _parse_alone(corpus, truth)
        return _score(truth, paragraphs, records, failures, time.perf_counter() - started)
    with tempfile.TemporaryDirectory(prefix="khotin-eval-") as tmp:
        seeds = Path(tmp) / "seeds"
        seeds.mkdir()
        for row in truth:
            shutil.copyfile(corpus / row["file"], seeds / seed_name(row["file"]))
        records, failures, seconds = _import(seeds, jobs)
    return _score(truth, paragraphs, records, failures, seconds)


def _import(seeds: Path, jobs: int | None) -> tuple[dict[str, object], list[str], float]:
    """`khotin import` of one seeds folder into a fresh content folder: records by seed."""
    with tempfile.TemporaryDirectory(prefix="khotin-eval-content-") as tmp:
        content = Path(tmp) / "content"
        failures: list[str] = []
        started = time.perf_counter()
        import_seeds(seeds, content, jobs=jobs, progress=False, say=failures.append)
        seconds = time.perf_counter() - started
        records = {}
        for path in content.glob("*.md"):
            record = read_record(path)
            records[record.seed] = record
    return records, failures, seconds


def evaluate_form(forms: Path, form: str, corpus: Path, articles: Path, jobs: int | None = None) -> Result:
    """The corpus's articles in another input form (make_forms.py wrote them into
    `forms`), imported alone into their own content folder and scored as the text form."""
    truth = load_truth(corpus)
    seeds = json.loads((forms / "seeds.json").read_text(encoding="utf-8"))[form]
    found, failures, seconds = _import(forms / form, jobs)
    records = {seed_name(seeds[seed]): record for seed, record in found.items() if seed in seeds}
    return _score(truth, load_paragraphs(articles), records, failures, seconds)


def _score(truth: list[dict], paragraphs: dict, records: dict, failures: list[str], seconds: float) -> Result:
    portals: dict[str, Tally] = defaultdict(Tally)
    splits: dict[str, Tally] = defaultdict(Tally)
    overall = Tally()
    misses: list[score.Miss] = []
    split_of: dict[str, str] = {}
    for row in truth:
        split_of[row["portal"]] = row["split"]
        record = records.get(seed_name(row["file"]))
        article = paragraphs.get((row["portal"], Path(row["file"]).stem), [])
        checks = _checks(row, record, article)
        for tally in (portals[row["portal"]], splits[row["split"]], overall):
            tally.pages += 1
            for name, (ok, _, _) in checks.items():
                tally.right[name] += ok
        for name, (ok, expected, got) in checks.items():
            if not ok:
                misses.append(score.Miss(row["file"], name, expected, got))
    return Result(dict(portals), dict(splits), overall, misses, failures, split_of, seconds, records)


def _checks(row: dict, record, article: list[str]) -> dict[str, tuple[bool, str, str]]:
    if record is None:
        return {name: (False, str(row.get(name, "")), "(no record)") for name in score.FIELDS}
    problems = score.body_problems(record.body, article, row.get("sapo", ""))
    return {
        "title": (score.same_title(row["title"], record.title), row["title"], record.title),
        "date": (score.same_date(row["date"], record.date), row["date"], str(record.date)),
        "author": (score.same_author(row["author"], record.author), row["author"], str(record.author)),
        "source": (score.same_source(row["source"], record.source), row["source"], str(record.source)),
        "body": (not problems, "first and last paragraph, no chrome", "; ".join(problems)[:200]),
    }


def _percent(tally: Tally, name: str) -> str:
    return f"{100 * tally.share(name):.1f}%"


def forms_table(results: dict[str, Result]) -> list[str]:
    lines = ["| form | records | " + " | ".join(score.FIELDS) + " | import (s) |",
             "|---|---:|" + "---:|" * len(score.FIELDS) + "---:|"]
    for form, result in results.items():
        lines.append(f"| {form} | {len(result.records)} of {result.overall.pages} | "
                     + " | ".join(_percent(result.overall, n) for n in score.FIELDS) + f" | {result.seconds:.1f} |")
    return lines


def report(result: Result, alone: Result, command: str, forms: dict[str, Result] | None = None) -> str:
    header = "| | pages | " + " | ".join(score.FIELDS) + " |"
    rule = "|---|---:|" + "---:|" * len(score.FIELDS)

    def row(label: str, tally: Tally) -> str:
        return f"| {label} | {tally.pages} | " + " | ".join(_percent(tally, n) for n in score.FIELDS) + " |"

    lines = ["# Loader accuracy on the evaluation corpus", "",
             f"Made by `{command}`: {result.overall.pages} real articles imported together in "
             f"{result.seconds:.1f} s, each record compared with its dataset's metadata "
             "(eval/score.py; datasets in eval/DATASETS.md).", "",
             "The held-out portals' figures are the ones that count: no loader rule was written "
             "from their pages.", "", "## Per split", "", header, rule]
    for split in sorted(result.splits):
        lines.append(row(f"**{split}**", result.splits[split]))
    lines.append(row("**overall**", result.overall))
    if forms:
        lines += ["", "## Input forms", "",
                  "The same articles saved as portal HTML pages (eval/page_html.py: some portals state "
                  "the date, site name or author in meta tags or JSON-LD, others only in the page's text) "
                  "and as crawlers' JSON Lines and CSV exports (eval/make_forms.py), each form imported "
                  "by itself with the same `--jobs`; the text form is the corpus above. No HTML page is held "
                  "out: the HTML reader's marked-dateline, <title> site-name and right-aligned-byline rules "
                  "were written after reading this form's misses on tests/eval_sample.", ""]
        lines += forms_table(forms)
        lines += ["", "Per portal, the other forms:", "", "| form | portal | pages | "
                  + " | ".join(score.FIELDS) + " |", "|---|---|---:|" + "---:|" * len(score.FIELDS)]
        for form, other in forms.items():
            if form == "text":
                continue
            for portal in sorted(other.portals, key=lambda p: (other.split_of[p], p)):
                tally = other.portals[portal]
                lines.append(f"| {form} | {portal} ({other.split_of[portal]}) | {tally.pages} | "
                             + " | ".join(_percent(tally, n) for n in score.FIELDS) + " |")
    lines += ["", "## Per portal", "", header, rule]
    for portal in sorted(result.portals, key=lambda p: (result.split_of[p], p)):
        lines.append(row(f"{portal} ({result.split_of[portal]})", result.portals[portal]))
    lines += ["", "## Each page alone", "",
              "The same pages read one at a time, as a single-page import reads them: the lexicon "
              "alone, no chrome learned from the other pages.", "", header, rule]
    for split in sorted(alone.splits):
        lines.append(row(f"**{split}**", alone.splits[split]))
    lines.append(row("**overall**", alone.overall))
    for portal in sorted(alone.portals, key=lambda p: (alone.split_of[p], p)):
        lines.append(row(f"{portal} ({alone.split_of[portal]})", alone.portals[portal]))
    lines += _misses(f"Misses ({len(result.misses)}, imported together)", result, "file")
    for form, other in (forms or {}).items():
        if form != "text":
            lines += _misses(f"Misses of the {form} form ({len(other.misses)})", other, "article")
    return "\n".join(lines) + "\n"


def _misses(title: str, result, first_column: str) -> list[str]:
    lines = ["", f"## {title}", ""]
    if result.failures:
        lines += ["Import failures:", ""] + [f"- {line}" for line in result.failures] + [""]
    lines += [f"| {first_column} | field | expected | got |", "|---|---|---|---|"]
    return lines + [f"| {miss.file} | {miss.field} | {_cell(miss.expected)} | {_cell(miss.got)} |"
                    for miss in result.misses]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")[:160]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus")
    parser.add_argument("--articles", type=Path, default=HERE / "articles.jsonl.gz")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--forms", default=",".join(FORMS),
                        help="input forms to import beside the text pages (default: all)")
    parser.add_argument("--work", type=Path, default=HERE / "work" / "forms",
                        help="where the HTML and export forms are built (git-ignored)")
    args = parser.parse_args(argv)
    result = evaluate(args.corpus, args.articles, args.jobs)
    alone = evaluate(args.corpus, args.articles, alone=True)
    forms = {"text": result}
    wanted = [form for form in args.forms.split(",") if form and form != "text"]
    if wanted:
        make_forms.write_forms(args.corpus, args.articles, args.work)
    for form in wanted:
        forms[form] = evaluate_form(args.work, form, args.corpus, args.articles, args.jobs)
    text = report(result, alone, "make eval", forms)
    tags = tag_metrics.tag_section(result.records, load_truth(args.corpus))
    text += "\n" + tags
    args.out.write_text(text, encoding="utf-8")
    print(text.split("## Misses")[0])
    print(tags)
    print(f"{len(result.misses)} misses listed in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
