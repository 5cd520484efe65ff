"""Jinja2 environment and page rendering, with template errors as 'file:line: reason'."""

from __future__ import annotations

import os
import traceback
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from khotin.errors import BuildError
from khotin.xmlchars import utf8_without_forbidden

CARD_TEMPLATE = "partials/card.html"
# Big enough for every card of a 30,000-record archive: listings visit cards in
# no useful order, and a cache smaller than the archive then misses on every card.
CARD_CACHE = 1 << 15


def environment(templates: Path, cache_dir: Path | None) -> jinja2.Environment:
    cache = None
    if cache_dir is not None:
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            cache = jinja2.FileSystemBytecodeCache(str(cache_dir))
        except OSError:
            cache = None
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        bytecode_cache=cache,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Each build makes its own environment; re-checking every template's
        # mtime on each of 20,000 renders only costs stat calls.
        auto_reload=False,
    )
    env.globals["card_html"] = card_html = _card_renderer(env)
    # A listing's cards in one call: a call from a template goes through Jinja's
    # Context.call, and there were ~180,000 card calls at 10,000 articles.
    env.globals["cards_html"] = lambda cards: Markup("".join([card_html(card) for card in cards]))
    return env


def _card_renderer(env: jinja2.Environment):
    """`card_html(card)`: a card's HTML, rendered once per card and process.

    Each article's card shows on its year, month, tags, districts and related
    lists; rendering the partial for every appearance was most of a listing's cost."""

    @lru_cache(maxsize=CARD_CACHE)
    def card_html(card: Any) -> Markup:
        return Markup(env.get_template(CARD_TEMPLATE).render(card=card))

    return card_html


def _shown(path: str | None) -> str:
    if not path:
        return "templates"
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


def _template_line(exc: BaseException, templates: Path) -> tuple[str, int] | None:
    """The innermost template frame of a runtime error (Jinja maps frames to template lines)."""
    root = str(templates.absolute())
    found = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename and os.path.abspath(frame.filename).startswith(root):
            found = (frame.filename, frame.lineno or 0)
    return found


def template_error(exc: BaseException, templates: Path, page: str) -> BuildError:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = _shown(exc.filename or (str(templates / exc.name) if exc.name else None))
        return BuildError(f"{where}:{exc.lineno}: {exc.message}")
    if isinstance(exc, jinja2.TemplateNotFound):
        return BuildError(f"{_shown(str(templates))}: template '{exc.name}' not found (page {page or '/'})")
    place = _template_line(exc, templates)
    message = getattr(exc, "message", None) or str(exc)
    if place:
        return BuildError(f"{_shown(place[0])}:{place[1]}: {message} (page {page or '/'})")
    return BuildError(f"{_shown(str(templates))}: {message} (page {page or '/'})")


def render_page(env: jinja2.Environment, templates: Path, template: str, page_path: str, **context: Any) -> bytes:
    """The page's bytes; control characters a hand-edited record carries
    (the loader drops them from imports) are dropped from the whole page,
    |safe bodies and JSON-LD included."""
    try:
        return utf8_without_forbidden(env.get_template(template).render(**context))
    except (jinja2.TemplateError, AttributeError, TypeError, ValueError, KeyError) as exc:
        raise template_error(exc, templates, page_path) from None
