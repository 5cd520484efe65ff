"""Record bodies → safe HTML, cached by body hash and rendered in parallel.

Bodies come from scraped pages, so nothing in them may act: raw HTML is kept
as text (escaped), link and image targets other than http(s), mailto and
relative ones are dropped, and attribute syntax is not enabled. The HTML is
handed to templates as data, never compiled, so `{{ … }}` stays text too.

Rendering is the build's top cost on big archives; results are stored in a
disposable SQLite cache outside the output folder, keyed by the body's hash.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import sqlite3
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import markdown as python_markdown
from markdown.treeprocessors import Treeprocessor

# Bump when the HTML this module makes changes, so cached bodies are redone.
RENDERER_VERSION = "1"
_SAFE_SCHEMES = {"http", "https", "mailto"}
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
PARALLEL_THRESHOLD = 200


def safe_target(target: str | None) -> str | None:
    """The link/image target if it can do no harm when followed, else None."""
    if target is None:
        return None
    cleaned = _CONTROL.sub("", html.unescape(target))
    if not cleaned:
        return None
    scheme = urlsplit(cleaned).scheme.lower() if ":" in cleaned else ""
    if scheme and scheme not in _SAFE_SCHEMES:
        return None
    if cleaned.startswith("//"):
        return None
    return target.strip()


class _NeutraliseTargets(Treeprocessor):
    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag == "a":
                href = safe_target(element.get("href"))
                if href is None:
                    element.attrib.pop("href", None)
                else:
                    element.set("href", href)
                    if urlsplit(href).scheme in ("http", "https"):
                        element.set("rel", "nofollow noopener")
            elif element.tag == "img":
                src = safe_target(element.get("src"))
                if src is None:
                    element.tag = "span"
                    element.text = element.get("alt") or ""
                    element.attrib.clear()
                else:
                    element.set("src", src)
                    element.set("alt", element.get("alt") or element.get("title") or "")
                    element.set("loading", "lazy")


def _converter() -> python_markdown.Markdown:
    converter = python_markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    converter.treeprocessors.register(_NeutraliseTargets(converter), "khotin_safe_targets", 0)
    return converter


# Plain prose needs no parser: text with none of Markdown's inline marks and no
# line that could open a block (indent, heading, quote, list item, rule,
# setext underline). Photo captions, which the loader writes as one emphasised
# line, are the one mark allowed. Anything else goes to python-markdown.
_NOT_PLAIN = re.compile(r"[\\`_\[\]<>&|\r\t\f\v\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")
_BLOCK_START = re.compile(r"[ \t#>]|[-+*](?:[ \t]|$)|\d+[.)](?:[ \t]|$)|[=-]+[ \t]*$")
_PARAGRAPH_BREAK = re.compile(r"\n{2,}")


def _caption(line: str) -> str | None:
    """The text of a line that is wholly `*emphasised*`, else None."""
    if len(line) > 2 and line[0] == "*" and line[-1] == "*":
        inner = line[1:-1]
        if "*" not in inner and inner == inner.strip():
            return inner
    return None


def plain_html(text: str) -> str | None:
    """python-markdown's exact output for plain prose, ten times faster; None when not plain."""
    if not text.strip() or _NOT_PLAIN.search(text):
        return None
    paragraphs = []
    for block in _PARAGRAPH_BREAK.split(text.strip("\n")):
        if "\n" not in block and (inner := _caption(block)) is not None:
            paragraphs.append(f"<p><em>{inner}</em></p>")
            continue
        if "*" in block:
            return None
        for line in block.split("\n"):
            if _BLOCK_START.match(line) or line != line.strip():
                return None
        paragraphs.append(f"<p>{block}</p>")
    return "\n".join(paragraphs)


def render_markdown(text: str) -> str:
    """One body → HTML fragment (raw HTML escaped, unsafe targets dropped)."""
    fast = plain_html(text)
    return fast if fast is not None else _converter().convert(text)


def _render_many(texts: list[str]) -> list[str]:
    converter = None
    results = []
    for text in texts:
        fast = plain_html(text)
        if fast is None:
            converter = converter or _converter()
            fast = converter.convert(text)
            converter.reset()
        results.append(fast)
    return results


def body_key(text: str) -> str:
    digest = hashlib.sha256()
    digest.update(f"{RENDERER_VERSION}\0{python_markdown.__version__}\0".encode())
    digest.update(text.encode("utf-8"))
    return digest.hexdigest()


class BodyCache:
    """Rendered bodies by hash in `<dir>/bodies.sqlite`; any damage just means a re-render."""

    def __init__(self, directory: Path | None) -> None:
        self._db: sqlite3.Connection | None = None
        if directory is None:
            return
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(directory / "bodies.sqlite")
            self._db.execute("CREATE TABLE IF NOT EXISTS bodies (key TEXT PRIMARY KEY, html TEXT NOT NULL)")
        except sqlite3.Error:
            self._db = None

    def get_many(self, keys: Iterable[str]) -> dict[str, str]:
        if self._db is None:
            return {}
        wanted = set(keys)
        try:
            rows = self._db.execute("SELECT key, html FROM bodies").fetchall()
        except sqlite3.Error:
            return {}
        return {key: value for key, value in rows if key in wanted}

    def put_many(self, items: dict[str, str], keep: set[str]) -> None:
        """Store new bodies and forget ones no record uses any more."""
        if self._db is None:
            return
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO bodies VALUES (?, ?)", items.items())
                stale = [(k,) for (k,) in self._db.execute("SELECT key FROM bodies") if k not in keep]
                self._db.executemany("DELETE FROM bodies WHERE key = ?", stale)
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def render_bodies(texts: dict[str, str], cache_dir: Path | None, jobs: int | None = None) -> dict[str, str]:
    """{name: markdown} → {name: html}, from the cache where possible, in parallel when many."""
    keys = {name: body_key(text) for name, text in texts.items()}
    cache = BodyCache(cache_dir)
    try:
        known = cache.get_many(keys.values())
        missing = sorted({keys[name]: text for name, text in texts.items() if keys[name] not in known}.items())
        fresh: dict[str, str] = {}
        if missing:
            workers = jobs if jobs is not None else (os.cpu_count() or 1)
            sources = [text for _, text in missing]
            if workers > 1 and len(missing) >= PARALLEL_THRESHOLD:
                size = max(1, len(sources) // (workers * 4))
                chunks = [sources[i:i + size] for i in range(0, len(sources), size)]
                with ProcessPoolExecutor(max_workers=workers) as pool:
                    rendered = [html_ for chunk in pool.map(_render_many, chunks) for html_ in chunk]
            else:
                rendered = _render_many(sources)
            fresh = {key: value for (key, _), value in zip(missing, rendered)}
            cache.put_many(fresh, set(keys.values()))
        known.update(fresh)
        return {name: known[key] for name, key in keys.items()}
    finally:
        cache.close()
