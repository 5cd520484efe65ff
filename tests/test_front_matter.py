"""The fast front-matter reader (khotin.front_matter) reads what PyYAML reads, or nothing."""

from __future__ import annotations

import yaml
from hypothesis import given, settings, strategies as st

from khotin.front_matter import simple_front_matter
from khotin.records import _Loader, _dump_yaml

# Text that YAML reads in many ways: its indicators, quotes, words it resolves to other
# types, digits, dates, white space and line breaks, Vietnamese letters.
_PIECES = st.sampled_from(["yes", "No", "null", "~", "true", "0x1F", "1e3", "2020-05-01", "12:30", ".inf", "- ",
                           ": ", " #", "#", "'", "''", '"', "\\", "[]", "{}", "&a", "*a", "!x", "|", ">", "%", "@",
                           "`", ",", "?", "\t", "\n", "\r", "\x85", "\u2028", "\ufeff", " ", "  ", "Đống Đa", "ninh",
                           "09-CT/TW", "Hà Nội", "x", "7", "-", ":"])
_TEXT = st.lists(_PIECES, max_size=6).map("".join)
_VALUE = st.one_of(st.none(), _TEXT, st.lists(_TEXT, max_size=4))
_KEY = st.sampled_from(["title", "kicker", "date", "tags", "review", "district_codes", "x_1", "Key", "a-b"])


def _pyyaml(block: str):
    return yaml.load(block, Loader=_Loader) or {}


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(_KEY, _VALUE, max_size=6))
def test_what_khotin_writes_reads_back_the_same_either_way(data):
    block = _dump_yaml(data) if data else ""
    fast = simple_front_matter(block)
    assert fast is None or fast == _pyyaml(block)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.tuples(_KEY, _TEXT).map(lambda kv: f"{kv[0]}:{kv[1]}"),
                          st.tuples(_KEY, _TEXT).map(lambda kv: f"{kv[0]}: '{kv[1]}'"),
                          _TEXT.map(lambda text: f"- {text}"), _TEXT), max_size=6).map("\n".join))
def test_any_block_reads_as_pyyaml_reads_it_or_is_left_to_pyyaml(block):
    fast = simple_front_matter(block)
    if fast is None:
        return
    try:
        expected = _pyyaml(block)
    except yaml.YAMLError:
        raise AssertionError(f"read {block!r} that PyYAML refuses as {fast!r}") from None
    assert fast == expected


def test_an_imported_record_is_read_by_the_fast_reader():
    data = {"title": "Quận Đống Đa: giữ vững an ninh", "kicker": None, "date": "2021-11-07T00:30:00+07:00",
            "author": "Hải Hạnh", "summary": "Sáng 7/11, Ban Chỉ đạo 138 huyện Cờ Đỏ (TP Cần Thơ) triển khai…",
            "seed_sha256": "0d8d33a2092eb17fca855ff082fe91b8", "districts": ["Cờ Đỏ"], "district_codes": ["925"],
            "tags": ["Chỉ thị 01-CT/TW", "ANTT"], "review": ["title: taken from its 'QR CODE:' line"],
            "provinces": []}
    block = _dump_yaml(data)
    assert simple_front_matter(block) == data == _pyyaml(block)


def test_hand_written_yaml_outside_the_subset_is_left_to_pyyaml():
    for block in ("title: x # a comment\n", "tags: [a, b]\n", "date: 2020-05-01\n", "title: yes\n",
                  "title: >\n  folded\n", "title: x\ntitle: y\n", "title: \"a\\tb\"\n", "  title: x\n", "title: 'it's'\n"):
        assert simple_front_matter(block) is None, block
