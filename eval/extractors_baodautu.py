"""Extractor for Báo Đầu tư (baodautu.vn) in Anhduchb01/Crawl_VnNews: baodautu.json, a scrapy
dump of 36 articles with title, timeCreatePostOrigin ("2023/03/25", no time of day), category,
author, content and content_html.

`content` is the page's text glued to a Python list repr of its text nodes, so it is not used;
`content_html` is the article block as the page served it: the sapo (`div.sapo_detail`) and the
text (`div#content_detail_news`) with one `<p>` per paragraph and each photo in a table whose
other cell is its caption. Paragraphs and captions are taken in page order; a table without a
photo (a figures table) is left out, as a scraper of text would. As elsewhere the truth is the
dataset's own metadata; a row whose author field is not one or more persons' names ("T.T",
"Khánh An tổng hợp") is skipped, not cleaned into a guess.
"""
from __future__ import annotations

import json
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

from extractors import clean_ws, git_blob
from extractors_csv import _key, person_names

DATASETS_BAODAUTU = {
    "baodautu": {
        "repo": "Anhduchb01/Crawl_VnNews",
        "commit": "8e18fbb06de23b81b07c733ff5a31566a9ea3851",
        "paths": ["baodautu.json"],
    },
}
_SENT_END = tuple(".!?…\"”)")


class _Blocks(HTMLParser):
    """The sapo and the text blocks of one article, each block a paragraph or a photo caption."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sapo: list[str] = []
        self.blocks: list[tuple[str, str]] = []
        self._where: str | None = None  # "sapo" or "text"
        self._depth = 0
        self._cell: list[str] | None = None
        self._cell_img = False
        self._table: list[tuple[str, bool]] | None = None
        self._para: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and self._where is None:
            if attrs.get("class") == "sapo_detail":
                self._where, self._depth = "sapo", 0
            elif attrs.get("id") == "content_detail_news":
                self._where, self._depth = "text", 0
        if self._where is None:
            return
        if tag == "div":
            self._depth += 1
        if tag == "table":
            self._table = []
        elif tag == "td" and self._table is not None:
            self._cell, self._cell_img = [], False
        elif tag == "img" and self._cell is not None:
            self._cell_img = True
        elif tag == "p" and self._table is None:
            self._para = []
        elif tag == "br":
            self._data(" ")

    def handle_endtag(self, tag):
        if self._where is None:
            return
        if tag == "td" and self._cell is not None:
            self._table.append((clean_ws("".join(self._cell)), self._cell_img))
            self._cell = None
        elif tag == "table" and self._table is not None:
            if any(img for _, img in self._table):
                self.blocks += [("caption", text) for text, img in self._table if text and not img]
            self._table = None
        elif tag == "p" and self._para is not None:
            text = clean_ws("".join(self._para))
            if text:
                self.blocks.append(("paragraph", text))
            self._para = None
        elif tag == "div":
            self._depth -= 1
            if self._depth == 0:
                self._where = None

    def _data(self, data: str) -> None:
        if self._where == "sapo":
            self.sapo.append(data)
        elif self._cell is not None:
            self._cell.append(data)
        elif self._para is not None:
            self._para.append(data)

    def handle_data(self, data):
        if self._where is not None:
            self._data(data)


def _author(field: str) -> str | None:
    name = clean_ws(field)
    return name if person_names(name) else None


def extract_baodautu(mirror: Path) -> list[dict]:
    ds = DATASETS_BAODAUTU["baodautu"]
    out = []
    for row in json.loads(git_blob(mirror, ds["commit"], ds["paths"][0])):
        author = _author(row.get("author") or "")
        title = clean_ws(row.get("title") or "")
        parsed = _Blocks()
        parsed.feed(row.get("content_html") or "")
        sapo = clean_ws("".join(parsed.sapo))
        paras = [text for _, text in parsed.blocks]
        # the last paragraph is the article's last sentence-ending paragraph (not a caption)
        ends = [i for i, (kind, text) in enumerate(parsed.blocks) if kind == "paragraph" and text.endswith(_SENT_END)]
        if not author or not title or not sapo or not ends:
            continue
        paras = paras[: ends[-1] + 1]
        if sum(kind == "paragraph" for kind, _ in parsed.blocks[: ends[-1] + 1]) < 2:
            continue
        date = datetime.strptime(row["timeCreatePostOrigin"].strip(), "%Y/%m/%d").date()
        url = row["url"]
        out.append({
            "id": _key(url), "portal": "baodautu", "url": url, "title": title, "sapo": sapo,
            "paragraphs": paras, "date": date.isoformat(), "author": author, "keywords": [],
            "sections": [clean_ws(row.get("category") or "")],
            "captions": [text for kind, text in parsed.blocks[: ends[-1] + 1] if kind == "caption"],
            "dataset": ds["repo"], "commit": ds["commit"], "path": ds["paths"][0],
            "paragraphs_from": "content_html: <p> paragraphs and photo captions in page order",
        })
    return out


EXTRACTORS_BAODAUTU = {"baodautu": extract_baodautu}
