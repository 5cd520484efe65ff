"""The characters XML 1.0 forbids: the byte-level fast path agrees with the character regex."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from khotin.xmlchars import FORBIDDEN, drop_forbidden, scrub, utf8_without_forbidden

FORBIDDEN_SAMPLES = "\x00\x01\x08\x0b\x0c\x0e\x1b\x1f\x7f\x80\x85\x9f\ud800\udfff\ufdd0\ufdef\ufffe\uffff"
ALLOWED_SAMPLES = "\t\n\r \xa0\xbf\u00c2\ufdcf\ufdf0\ufffd\u2028ếỿĐ\U0001f600\U0001fffe\U0010fffd"
text = st.lists(st.sampled_from(FORBIDDEN_SAMPLES + ALLOWED_SAMPLES) | st.characters(), max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(text)
def test_fast_path_and_regex_agree_and_the_result_is_xml(value):
    out = utf8_without_forbidden(value)
    assert out == drop_forbidden(value).encode("utf-8")
    assert not FORBIDDEN.search(out.decode("utf-8"))
    ET.fromstring(b"<a>" + escape(out.decode("utf-8")).encode("utf-8") + b"</a>")  # expat: strict XML 1.0


def test_each_forbidden_character_goes_and_each_allowed_one_stays():
    for char in FORBIDDEN_SAMPLES:
        assert utf8_without_forbidden(f"a{char}b") == b"ab", repr(char)
    for char in ALLOWED_SAMPLES:
        assert utf8_without_forbidden(f"a{char}b") == f"a{char}b".encode(), repr(char)


def test_scrub_counts_what_it_drops_and_removes_colour_codes_whole():
    assert scrub("\x1b[1;31mĐỏ\x1b[0m\x01") == ("Đỏ", {"U+001B": 2, "U+0001": 1})
    assert scrub("sạch") == ("sạch", {})
