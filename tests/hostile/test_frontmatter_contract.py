"""Outside scripts read records with python-frontmatter; it must read every record exactly as khotin does.

khotin writes and reads front matter with PyYAML's C loader (speed, byte-stable output); this
property test holds it to the library the design names as the front-matter contract.
"""

from __future__ import annotations

import datetime as dt
import re

import frontmatter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khotin.records import IMPORTED_HASH_KEY, LIST_KEYS, Record, front_matter, parse_record, render_record

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any Unicode a file can hold (no lone surrogates: not encodable), weighted towards what YAML and
# the fences find tricky: quotes, colons, dashes, hashes, line breaks, blanks at the ends.
tricky = st.sampled_from(["'", '"', ":", ": ", "- ", "---", "#", "\n", "\r\n", " ", "\t", "\u00a0", "\u2028",
                          "\x85", "\x1b", "{", "[", "&", "*", "!", "%", "@", "`", "|", ">", "? ", "null", "yes",
                          "2020-12-29", "1e3", "Đống Đa", "\ufeff", "..."])
any_text = st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=8) | tricky,
                    max_size=10).map("".join)
field_text = any_text.filter(lambda s: s.strip() == s and s)
dates = st.one_of(
    st.none(),
    st.dates(min_value=dt.date(1, 1, 1)).map(dt.date.isoformat),
    st.builds(lambda d, minutes: d.replace(microsecond=0, tzinfo=dt.timezone(dt.timedelta(minutes=minutes)))
              .isoformat(), st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)),
              st.integers(-14 * 60, 14 * 60)),
    st.datetimes(min_value=dt.datetime(1, 1, 1)).map(lambda d: d.replace(microsecond=0).isoformat()),
)
records = st.builds(
    Record,
    title=field_text,
    slug=st.from_regex(r"[a-z0-9]+(-[a-z0-9]+){0,4}", fullmatch=True),
    body=any_text,
    kicker=st.none() | field_text,
    date=dates,
    author=st.none() | field_text,
    source=st.none() | field_text,
    summary=st.none() | field_text,
    seed=st.none() | field_text,
    seed_sha256=st.none() | st.from_regex(r"[0-9a-f]{64}", fullmatch=True),
    **{key: st.lists(field_text, max_size=3).map(tuple) for key in LIST_KEYS},
)


@SETTINGS
@given(records, st.booleans())
def test_python_frontmatter_reads_every_record_as_khotin_does(record, stamp):
    text = render_record(record, stamp=stamp)
    post = frontmatter.loads(text)
    khotin = parse_record(text, f"content/{record.slug}.md")

    metadata = dict(post.metadata)
    assert isinstance(metadata.pop(IMPORTED_HASH_KEY, None), str) == stamp
    assert metadata == front_matter(record)
    assert metadata == front_matter(khotin)
    assert post.content == khotin.body == re.sub(r"\r\n?", "\n", record.body).strip()
