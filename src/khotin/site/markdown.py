"""Record bodies → safe HTML, cached by body hash and rendered in parallel.

Bodies come from scraped pages, so nothing in them may act: raw HTML is kept
as text (escaped), link and image targets other than http(s), mailto and
relative ones are dropped, and attribute syntax is not enabled. The HTML is
handed to templates as data, never compiled, so `{{ … }}` stays text too.

Plain prose (nearly every scraped report) skips the parser; what remains is
rendered once and stored in a disposable SQLite file outside the output
folder, keyed by the body's hash, where the page renderers read it.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import markdown as python_markdown
from markdown.treeprocessors import Treeprocessor

from khotin.errors import BuildError

# Bump when the HTML this module makes changes, so cached bodies are redone.
RENDERER_VERSION = "1"
BODIES_KEPT = 1024
_SAFE_SCHEMES = {"http", "https", "mailto"}
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


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
    return render_many([text])[0]


def render_many(texts: list[str]) -> list[str]:
    """Many bodies, one parser (building one costs more than most plain bodies)."""
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


class BodyStore:
    """Rendered bodies by key, in `<dir>/bodies.sqlite`, so no process holds them all.

    The loader fills it; each rendering worker reads the few bodies its pages
    show. SQLite handles must not cross a fork, so every process opens its own.
    A store that cannot be opened (or `directory=None`) keeps bodies in memory
    instead: slower on memory, same pages.
    """

    def __init__(self, directory: Path | None) -> None:
        self._path = directory / "bodies.sqlite" if directory is not None else None
        self._memory: dict[str, str] | None = None if directory is not None else {}
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self._frozen = False
        # A body shows on its article page and in up to a dozen feeds, rendered in a row.
        self.get = lru_cache(maxsize=BODIES_KEPT)(self._get)

    def _connection(self) -> sqlite3.Connection | None:
        if self._memory is not None:
            return None
        if self._db is None or self._pid != os.getpid():
            assert self._path is not None
            try:
                if self._frozen:
                    self._db = sqlite3.connect(f"{self._path.as_uri()}?mode=ro&immutable=1", uri=True)
                else:
                    self._path.parent.mkdir(parents=True, exist_ok=True)
                    self._db = sqlite3.connect(self._path)
                    self._db.execute("CREATE TABLE IF NOT EXISTS bodies (key TEXT PRIMARY KEY, html TEXT NOT NULL)")
            except (sqlite3.Error, OSError) as exc:
                if self._frozen:  # the bodies are in there: a page must not go out without its body
                    raise BuildError(f"{self._path}: cannot read rendered bodies: {exc}") from None
                self._db, self._memory = None, {}  # damaged or unwritable: keep this build's bodies in memory
                return None
            self._pid = os.getpid()
        return self._db

    def keys(self) -> set[str]:
        db = self._connection()
        if db is None:
            return set(self._memory or ())
        try:
            return {key for (key,) in db.execute("SELECT key FROM bodies")}
        except sqlite3.Error:
            return set()

    def _get(self, key: str) -> str:
        db = self._connection()
        if db is None:
            return (self._memory or {}).get(key, "")
        try:
            row = db.execute("SELECT html FROM bodies WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            raise BuildError(f"{self._path}: cannot read rendered bodies: {exc}") from None
        return row[0] if row else ""

    def put_many(self, items: Iterable[tuple[str, str]]) -> None:
        db = self._connection()
        if db is None:
            assert self._memory is not None
            self._memory.update(items)
            return
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO bodies VALUES (?, ?)", items)
        except sqlite3.Error as exc:  # a full disk, say: the build stops with one line, the site is kept
            raise BuildError(f"{self._path}: cannot store rendered bodies: {exc}") from None

    def keep_only(self, keys: set[str]) -> None:
        """Forget bodies no record uses any more."""
        db = self._connection()
        if db is None:
            return
        try:
            with db:
                stale = [(key,) for (key,) in db.execute("SELECT key FROM bodies") if key not in keys]
                db.executemany("DELETE FROM bodies WHERE key = ?", stale)
        except sqlite3.Error:
            pass  # a body kept too long only costs disk

    def close(self) -> None:
        if self._db is not None and self._pid == os.getpid():
            self._db.close()
        self._db = None

    def freeze(self) -> None:
        """From now on only read, and nothing writes the file: connections skip SQLite's
        file locks (two fcntl calls and a change check per body read, ~100,000 at 10k)."""
        self.close()
        self._frozen = True
