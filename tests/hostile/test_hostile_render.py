"""Hostile scraped text renders inert and readable: on the built HTML and in chromium."""

from __future__ import annotations

import html
import html.parser
import json
import re
from pathlib import Path

import pytest

from hostile_text import (BODY, FIELDS, LONG_WORD, SEED_PAGE, TEMPLATE_MARKERS,
                          TEMPLATE_RESULTS, TITLE, ZERO_WIDTH)
from sitekit import (PHONE, WIDE_ELEMENTS_JS, SiteServer, build_args, explain, html_pages, run_khotin,
                     synthetic_record, write_records)

from khotin.records import Record

HOSTILE_SLUG = "bai-doc-hai"
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcdoc", "background"}
INVISIBLE = re.compile(f"[{ZERO_WIDTH}\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """A site of clean records plus one hostile record, served at `/kho/`."""
    work = tmp_path_factory.mktemp("hostile")
    content = work / "content"
    hostile = Record(title=TITLE, slug=HOSTILE_SLUG, body=BODY, date="2020-12-29T19:00:00+07:00", **FIELDS)
    write_records(content, [synthetic_record(n) for n in range(6)] + [hostile])
    server = SiteServer("/kho/")
    try:
        built = run_khotin(*build_args(content, work / "site", server.url))
        assert built.returncode == 0, explain(built)
        server.site_dir = work / "site"
        yield server
    finally:
        server.close()


class _Audit(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.elements: dict[str, int] = {}
        self.scripts: list[tuple[str | None, str | None]] = []
        self._in_script: str | None = None
        self.json_ld: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements[tag] = self.elements.get(tag, 0) + 1
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and value is not None:
                cleaned = re.sub(r"[\x00-\x20]+", "", html.unescape(value)).lower()
                if cleaned.startswith(DANGEROUS_SCHEMES):
                    self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "content" and value and "javascript:" in value.lower() and dict(attrs).get("http-equiv"):
                self.problems.append(f"<{tag} http-equiv … {value!r}>")
        if tag == "script":
            values = dict(attrs)
            self.scripts.append((values.get("type"), values.get("src")))
            self._in_script = values.get("type")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script == "application/ld+json":
            self.json_ld.append(data)
        elif self._in_script is None:
            self.text.append(data)


def _audit(path: Path) -> _Audit:
    audit = _Audit()
    audit.feed(path.read_text(encoding="utf-8"))
    audit.close()
    return audit


def _site_dir(server) -> Path:
    return server.site_dir


def test_no_page_carries_an_event_handler_or_a_script_url(hostile_site):
    problems = []
    for page in html_pages(_site_dir(hostile_site)):
        file = _site_dir(hostile_site) / (page + "index.html" if page == "" or page.endswith("/") else page)
        problems += [f"/{page}: {p}" for p in _audit(file).problems]
    assert problems == []


def test_hostile_article_has_only_the_sites_own_elements_and_scripts(hostile_site):
    site = _site_dir(hostile_site)
    hostile, clean = _audit(site / "bai" / HOSTILE_SLUG / "index.html"), _audit(site / "bai" / "ban-tin-00001" / "index.html")
    assert set(hostile.scripts) <= set(clean.scripts), "a script the template does not put there"
    for tag in ("script", "style", "iframe", "object", "embed", "form", "base", "meta", "svg", "img"):
        assert hostile.elements.get(tag, 0) <= clean.elements.get(tag, 0) + (tag == "img") * 0, tag
    for block in hostile.json_ld:
        assert "<" not in block
        json.loads(block)


def test_template_syntax_stays_text(hostile_site):
    site = _site_dir(hostile_site)
    for page in html_pages(site):
        file = site / (page + "index.html" if page == "" or page.endswith("/") else page)
        text = file.read_text(encoding="utf-8")
        for result in TEMPLATE_RESULTS:
            assert result not in html.unescape(text), f"/{page}: template syntax was evaluated ({result})"
    text = "".join(_audit(site / "bai" / HOSTILE_SLUG / "index.html").text)
    for marker in TEMPLATE_MARKERS:
        assert marker in text, f"{marker!r} is not shown as text"


def test_hostile_text_is_readable_as_text(hostile_site):
    text = "".join(_audit(_site_dir(hostile_site) / "bai" / HOSTILE_SLUG / "index.html").text)
    readable = INVISIBLE.sub("", text)
    for expected in ("<script>window.__pwned = 1; alert(document.domain)</script>",
                     "Người dân báo tin cho công an phường ngay trong đêm.",
                     "Câu cuối cùng của bài còn nguyên.", LONG_WORD):
        assert expected in readable


def test_slugs_and_urls_carry_no_invisible_or_bidi_characters(hostile_site):
    for page in html_pages(_site_dir(hostile_site)):
        assert not INVISIBLE.search(page) and page.isascii(), page


@pytest.mark.slow
def test_nothing_runs_in_the_browser_and_nothing_overflows_a_phone(hostile_site, browser):
    site = _site_dir(hostile_site)
    pages = [f"bai/{HOSTILE_SLUG}/", ""] + [p for p in html_pages(site) if re.fullmatch(r"(the|luu-tru)/[^/]+/", p)]
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    problems = []
    try:
        for path in pages:
            page.goto(hostile_site.url + path, wait_until="load")
            page.wait_for_timeout(100)
            for link in page.locator("main a[href]").all()[:40]:
                link.hover()
            state = page.evaluate("""() => ({
                pwned: window.__pwned === undefined ? null : String(window.__pwned),
                handlers: [...document.querySelectorAll('*')].flatMap(e =>
                    [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)),
                scroll: [document.documentElement.scrollWidth, window.innerWidth],
                hidden: getComputedStyle(document.body).display === 'none',
            })""")
            if state["pwned"] is not None or state["handlers"] or state["hidden"]:
                problems.append(f"/{path}: {state}")
            if state["scroll"][0] > state["scroll"][1]:
                wide = page.evaluate(WIDE_ELEMENTS_JS)
                problems.append(f"/{path}: scrolls sideways on a phone {state['scroll']}: {wide}")
            reversed_dates = page.evaluate(r"""() => {
                const out = [], walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                for (let node; (node = walker.nextNode());) {
                    for (const m of node.data.matchAll(/\d{1,2}\/\d{1,2}\/\d{4}/g)) {
                        const rect = i => { const r = document.createRange();
                            r.setStart(node, i); r.setEnd(node, i + 1); return r.getBoundingClientRect(); };
                        const first = rect(m.index), last = rect(m.index + m[0].length - 1);
                        if (first.width && last.width && first.top === last.top && first.left > last.left)
                            out.push(m[0]);
                    }
                }
                return out; }""")
            if reversed_dates:
                problems.append(f"/{path}: a right-to-left mark reversed dates {reversed_dates}")
    finally:
        context.close()
    assert dialogs == []
    assert problems == [], "\n".join(problems)


def test_hostile_seed_imports_and_builds_inert(tmp_path):
    seeds, content, site = tmp_path / "seeds", tmp_path / "content", tmp_path / "site"
    seeds.mkdir()
    (seeds / "trang-doc-hai.txt").write_text(SEED_PAGE, encoding="utf-8")
    imported = run_khotin("import", "--seeds", seeds, "--content", content)
    assert imported.returncode == 0, explain(imported)
    records = list(content.glob("*.md"))
    assert len(records) == 1 and re.fullmatch(r"[a-z0-9-]+\.md", records[0].name), records
    built = run_khotin(*build_args(content, site))
    assert built.returncode == 0, explain(built)
    problems, shown = [], ""
    for page in html_pages(site):
        file = site / (page + "index.html" if page == "" or page.endswith("/") else page)
        audit = _audit(file)
        problems += [f"/{page}: {p}" for p in audit.problems]
        if page.startswith("bai/"):
            shown += "".join(audit.text)
    assert problems == []
    assert "<script>window.__pwned = 1; alert(document.domain)</script>" in INVISIBLE.sub("", shown)
    assert "Câu cuối cùng của bài còn nguyên." in shown
