"""Property tests of the front-matter reader: any text gives a Record or a RecordError,
and what render_record writes, parse_record reads back unchanged."""

from __future__ import annotations

import datetime as dt

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khotin.errors import RecordError
from khotin.records import (
    FRONT_MATTER_KEYS, LIST_KEYS, RESERVED_KEYS, Record, draft_record, finish_draft, is_untouched_import, parse_record,
    render_record,
)

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# One-line text as a person or the loader puts in a field: no control characters nor line or
# paragraph separators, no blank ends (the reader strips those, by design).
line_text = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=60,
).map(str.strip).filter(bool)
body_text = st.lists(line_text | st.just(""), max_size=8).map("\n".join).map(lambda s: s.strip("\n"))
yaml_scalar = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30) | \
    st.dates() | st.datetimes()
yaml_value = st.recursive(yaml_scalar, lambda inner: st.lists(inner, max_size=4) |
                          st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)


def _read(text: str) -> Record | None:
    try:
        record = parse_record(text, "content/x.md")
    except RecordError as error:
        assert str(error).startswith("content/x.md"), str(error)
        assert "\n" not in str(error)
        return None
    assert isinstance(record, Record) and record.title and record.slug
    return record


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_is_a_record_or_a_record_error(text):
    _read(text)


@SETTINGS
@given(st.text(max_size=300), st.text(max_size=100))
def test_any_fenced_text_is_a_record_or_a_record_error(front, body):
    _read(f"---\n{front}\n---\n\n{body}")


@SETTINGS
@given(st.dictionaries(st.sampled_from(FRONT_MATTER_KEYS + ("imported_sha256", "khác")), yaml_value, max_size=10),
       st.text(max_size=100))
def test_any_yaml_front_matter_is_a_record_or_a_record_error(data, body):
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    _read(f"---\n{front}---\n\n{body}")


dates = st.one_of(
    st.none(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)).map(dt.date.isoformat),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)).map(
        lambda d: d.replace(microsecond=0, tzinfo=dt.timezone(dt.timedelta(hours=7))).isoformat()),
)
records = st.builds(
    Record,
    title=line_text,
    slug=st.from_regex(r"[a-z0-9]+(-[a-z0-9]+){0,4}", fullmatch=True),
    body=body_text,
    kicker=st.none() | line_text,
    date=dates,
    author=st.none() | line_text,
    source=st.none() | line_text,
    summary=st.none() | line_text,
    seed=st.none() | line_text,
    seed_sha256=st.none() | st.from_regex(r"[0-9a-f]{64}", fullmatch=True),
    **{key: st.lists(line_text, max_size=4).map(tuple) for key in LIST_KEYS},
)


@SETTINGS
@given(records, st.booleans())
def test_render_then_parse_gives_back_every_field(record, stamp):
    text = render_record(record, stamp=stamp)
    back = parse_record(text, f"content/{record.slug}.md")
    for key in FRONT_MATTER_KEYS + ("body",):
        assert getattr(back, key) == getattr(record, key), key
    # the site's one-hash check agrees with import's own
    assert back.untouched_import is stamp is is_untouched_import(text)
    edited = text.replace("\n---\n", "\n---\n\nSửa.\n", 1)
    assert not parse_record(edited, "x.md").untouched_import and not is_untouched_import(edited)

# What a JSON or CSV export's own fields hold (kept in front matter after khotin's keys).
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


@SETTINGS
@given(records, st.dictionaries(st.text(min_size=1, max_size=12).filter(lambda key: key not in RESERVED_KEYS),
                                json_value, min_size=1, max_size=3))
def test_a_stamped_record_ending_in_an_exports_fields_is_still_imports_own(record, extra):
    """The stamp follows an export's own fields, whatever they hold (a text ending in
    line breaks, an empty list, a nested object): import must still know the record
    it wrote as unedited, or a re-import would keep it as a person's edit."""
    text = render_record(record.with_changes(extra=extra), stamp=True)
    assert is_untouched_import(text)
    assert parse_record(text, f"content/{record.slug}.md").extra == extra


# Words YAML reads as something else than text, which the dumper must quote.
yaml_words = st.sampled_from(["yes", "no", "on", "null", "true", "123", "0b101", "0x1f", "1e5", "2021-02-01",
                              "1-2", "0777", "190-20-30", "a-b"])


@SETTINGS
@given(records, st.dictionaries(st.text(min_size=1, max_size=12).filter(lambda key: key not in RESERVED_KEYS),
                                json_value, max_size=3),
       st.none() | line_text, st.from_regex(r"[a-z0-9]+(-[a-z0-9]+){0,4}", fullmatch=True) | yaml_words | line_text,
       st.lists(line_text | yaml_words, max_size=8).map(tuple))
def test_a_finished_draft_is_the_rendered_record(record, extra, url, slug, tags):
    """Import renders a record in a worker around its slug and tags and fills them in
    later; the text must be exactly what rendering the finished record at once gives,
    or a re-import would rewrite (or keep as edited) every record."""
    drafted = record.with_changes(extra=extra, url=url)
    finished = drafted.with_changes(slug=slug, tags=tags)
    assert finish_draft(draft_record(drafted), slug, tags) == render_record(finished, stamp=True)


TRICKY_YAML = """\
a: &name Đống Đa
b: *name
c: 'null'
d: null
e: yes
f: "2021-02-01"
g: 2021-02-01 07:15:00
h: [x, 1, 1.5, ~, '', "kép"]
base: &base {k: v, n: 2}
merged:
  <<: *base
  k: w
text: |
  dòng một
  dòng hai
folded: >
  gấp
  lại
"""


@SETTINGS
@given(st.dictionaries(st.text(max_size=12), yaml_value, max_size=6))
def test_front_matter_loader_reads_what_pyyaml_safe_load_reads(data):
    from khotin.records import _Loader

    for text in (yaml.safe_dump(data, allow_unicode=True), yaml.safe_dump(data, default_flow_style=True),
                 TRICKY_YAML):
        assert yaml.load(text, Loader=_Loader) == yaml.safe_load(text)
