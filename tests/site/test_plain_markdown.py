"""The plain-prose shortcut must give python-markdown's bytes exactly, or step aside."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from khotin.records import read_record
from khotin.site.markdown import _converter, plain_html, render_markdown

ROOT = Path(__file__).resolve().parents[2]

# Vietnamese prose, digits, punctuation, and every character that means
# something to Markdown, on lines that may be indented or end in spaces.
_ALPHABET = st.sampled_from(list("aăâđêôơư áàạẢỗĐỮ019.,;:()\"'“”-–+=#>*_`[]!<>&|\\ \t\n") + ["\n\n", "  \n", "1. ", "- "])


def _python_markdown(text: str) -> str:
    return _converter().convert(text)


@settings(max_examples=600, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_shortcut_is_exact_or_declines(text):
    fast = plain_html(text)
    assert fast is None or fast == _python_markdown(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.sampled_from(list("Đống Đa quận phường 2015,.")), min_size=1, max_size=40),
                min_size=1, max_size=6),
       st.lists(st.booleans(), min_size=6, max_size=6))
def test_prose_with_captions_takes_the_shortcut(paragraphs, captions):
    paragraphs = [" ".join(["Quận", *p.split()]) for p in paragraphs]
    blocks = [f"*{p}*" if caption else p for p, caption in zip(paragraphs, captions)]
    text = "\n\n".join(blocks)
    fast = plain_html(text)
    assert fast is not None and fast == _python_markdown(text)


def test_seed_bodies_render_as_python_markdown_would():
    bodies = [read_record(path).body for path in sorted((ROOT / "content").glob("*.md"))]
    assert bodies and sum(plain_html(body) is not None for body in bodies) >= 1
    for body in bodies:
        assert render_markdown(body) == _python_markdown(body)


def test_marks_and_blocks_decline():
    for text in ("**đậm**", "# Tiêu đề", "- một\n- hai", "1. một", "> trích", "a  \nb", "    mã",
                 "a & b", "x <b>", "Tiêu đề\n===", "[a](b)", "*a* và *b*", "-- -", "a\n-  --", "a\n\n--"):
        assert plain_html(text) is None, text
