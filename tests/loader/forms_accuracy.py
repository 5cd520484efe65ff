"""Field accuracy of `khotin import` on the test articles in each input form.

    .venv/bin/python -m tests.loader.forms_accuracy     # prints the table

Every article of scraped.ARTICLES is saved as a raw text page, as an HTML page
in each of the four portal styles, as JSON Lines rows and as CSV rows; each
form is imported on its own and every record is compared with the article.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from khotin.loader.importer import import_seeds
from khotin.records import Record, read_record
from tests.loader import scraped
from tests.loader.scraped import ARTICLES, Article

FIELDS = ("title", "date", "author", "source", "url", "summary", "district", "body")
FORMS = ("text", *(f"html:{style}" for style in scraped.PORTALS), "jsonl", "csv")


def _write(form: str, seeds: Path) -> None:
    seeds.mkdir(parents=True)
    if form == "text":
        for n, article in enumerate(ARTICLES):
            (seeds / f"bai_{n}.txt").write_text(scraped.text_page(article), encoding="utf-8")
    elif form.startswith("html:"):
        render = scraped.PORTALS[form[5:]]
        for n, article in enumerate(ARTICLES):
            (seeds / f"bai_{n}.html").write_text(render(article), encoding="utf-8")
    elif form == "jsonl":
        (seeds / "crawl.jsonl").write_text(scraped.jsonl_export(), encoding="utf-8")
    else:
        (seeds / "crawl.csv").write_text(scraped.csv_export(), encoding="utf-8")


def _right(field: str, record: Record, article: Article, form: str) -> bool | None:
    """Whether the record has the field right; None where the form cannot state it."""
    if field == "url":
        return None if form == "text" else record.url == article.url
    if field == "source" and form in ("html:epaper", "html:provincial_jsonld"):
        return record.source == article.site_name  # the page names its publisher so
    if field == "district":
        return article.district in record.districts
    if field == "body":
        paragraphs = record.body.split("\n\n")
        return all(p in paragraphs for p in article.paragraphs) and not any(
            chrome in record.body for chrome in ("Tin liên quan", "Ý kiến bạn đọc", "Trang chủ", "Giấy phép"))
    return getattr(record, field) == getattr(article, field if field != "summary" else "sapo")


def measure(form: str) -> tuple[int, dict[str, float | None]]:
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        _write(form, seeds)
        import_seeds(seeds, Path(tmp) / "content", jobs=1, progress=False, say=lambda line: None)
        records = {r.title: r for r in map(read_record, (Path(tmp) / "content").glob("*.md"))}
    scores: dict[str, float | None] = {}
    for field in FIELDS:
        marks = [_right(field, records[a.title], a, form) if a.title in records else False for a in ARTICLES]
        scores[field] = None if all(m is None for m in marks) else sum(bool(m) for m in marks) / len(marks)
    return len(records), scores


def table() -> str:
    rows = ["| form | records | " + " | ".join(FIELDS) + " |", "|---|---|" + "---|" * len(FIELDS)]
    for form in FORMS:
        count, scores = measure(form)
        cells = ["—" if s is None else f"{s:.0%}" for s in scores.values()]
        rows.append(f"| {form} | {count}/{len(ARTICLES)} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(table())
