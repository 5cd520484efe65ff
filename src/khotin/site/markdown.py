"""Record bodies → safe HTML, cached by body hash and rendered in parallel.

Bodies come from scraped pages, so nothing in them may act: raw HTML is kept
as text (escaped), link and image targets other than http(s), mailto and
relative ones are dropped, and attribute syntax is not enabled. The HTML is
handed to templates as data, never compiled, so `{{ … }}` stays text too.

Plain prose (nearly every scraped report) skips the parser; what remains is
rendered once; the build keeps the HTML in its body store (`build.bodies`),
keyed by `body_key`, where the page renderers and the search job read it.
"""

from __future__ import annotations

import hashlib
import html
import re
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import markdown as python_markdown
from markdown.treeprocessors import Treeprocessor

# Bump when the HTML this module makes changes, so cached bodies are redone.
RENDERER_VERSION = "1"
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
# line that could open a block (indent, heading, quote, list item, rule, "-- -"
# among them, setext underline). Photo captions, which the loader writes as one
# emphasised line, are the one mark allowed. Anything else goes to python-markdown.
_NOT_PLAIN = re.compile(r"[\\`_\[\]<>&|\r\t\f\v\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")
_BLOCK_START = re.compile(r"[ \t#>]|[-+*](?:[ \t]|$)|\d+[.)](?:[ \t]|$)|=+[ \t]*$|-[- \t]*$")
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
