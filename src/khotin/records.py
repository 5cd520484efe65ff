"""The `Record`: one article as it lives in `content/<slug>.md`.

A record file is YAML front matter plus a Markdown body. It is the archive's
editable source of truth, so reading it must tolerate what a person types
(unquoted dates, missing optional keys) and fail with file and line when it
cannot, and writing it must be byte-stable so that re-imports and builds do not
churn.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import asdict, dataclass, field, fields, replace
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any, Callable, Mapping

import yaml

from khotin.errors import RecordError
from khotin.front_matter import simple_front_matter

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"


class _Loader(_SafeLoader):  # type: ignore[misc, valid-type]
    """PyYAML's safe loader, with each string taken straight from its node.

    Front matter is mostly strings (titles, tags, places, review notes), and the
    stock constructor dispatches each one through three Python calls: a tenth of
    a build's record loading. A string node's value is the string either way."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node.__class__ is yaml.ScalarNode and node.tag == _STR_TAG:
            return node.value
        return super().construct_object(node, deep)


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# The key under which import stores the hash of what it wrote; a file whose
# text no longer matches it has been edited by a person.
IMPORTED_HASH_KEY = "imported_sha256"

LIST_KEYS = ("districts", "provinces", "district_codes", "tags", "review")
TEXT_KEYS = ("kicker", "author", "source", "summary")
# The outside contract: these names never change (see README).
FRONT_MATTER_KEYS = (
    "title", "kicker", "date", "author", "source", "summary", "slug", "seed",
    "seed_sha256", "districts", "provinces", "district_codes", "tags", "review",
)
# Written only when known, after `source`, so records without it keep their bytes.
URL_KEY = "url"
# Names an input's own fields may not take in front matter (see loader/given.py).
RESERVED_KEYS = frozenset(FRONT_MATTER_KEYS) | {URL_KEY, IMPORTED_HASH_KEY, "body", "extra"}

_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


def quick_pickle(cls: type) -> type:
    """Give a frozen, slotted dataclass a faster pickle state: dataclasses' own calls
    fields() for every object, a third of loading 10,000 cached records."""
    names = tuple(f.name for f in fields(cls))
    state_of = attrgetter(*names)

    def __getstate__(self) -> tuple:
        return state_of(self)

    def __setstate__(self, state) -> None:
        for name, value in zip(names, state):
            object.__setattr__(self, name, value)
    cls.__getstate__, cls.__setstate__ = __getstate__, __setstate__
    return cls


@quick_pickle
@dataclass(frozen=True, slots=True)
class Record:
    title: str
    slug: str
    body: str = ""
    kicker: str | None = None
    date: str | None = None
    author: str | None = None
    source: str | None = None
    summary: str | None = None
    seed: str | None = None
    seed_sha256: str | None = None
    districts: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    district_codes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    review: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)
    # read from the file, never written: True when the file is exactly what import
    # wrote (its tags are the tagger's, so the site may leave a lone subject unlinked)
    untouched_import: bool = False
    url: str | None = None

    @property
    def published(self) -> dt.datetime | dt.date | None:
        """The date as a Python object (aware datetime when a time is known)."""
        return parse_iso_date(self.date) if self.date else None

    @property
    def has_time(self) -> bool:
        return bool(self.date and "T" in self.date)

    def with_changes(self, **changes: Any) -> "Record":
        return replace(self, **changes)


# Front-matter keys that are not extra: the record's fields and the import stamp.
_KNOWN_KEYS = frozenset(f.name for f in fields(Record)) | {IMPORTED_HASH_KEY}

@lru_cache(maxsize=1 << 18)  # `published` is asked ~5 times a record per build (order, groups, cards, feeds)
def parse_iso_date(value: str) -> dt.datetime | dt.date:
    """ISO 8601 date or date-time → date/datetime; ValueError when it is neither."""
    value = value.strip()
    if "T" in value or " " in value:
        return dt.datetime.fromisoformat(value)
    return dt.date.fromisoformat(value)


def front_matter(record: Record) -> dict[str, Any]:
    """The record's front matter in contract order, extras after."""
    data = asdict(record)
    data.pop("body")
    data.pop("untouched_import")
    extra = data.pop("extra")
    url = data.pop(URL_KEY)
    ordered = {}
    for key in FRONT_MATTER_KEYS:
        ordered[key] = data[key]
        if key == "source" and url:
            ordered[URL_KEY] = url
    for key in LIST_KEYS:
        ordered[key] = list(ordered[key])
    for key, value in extra.items():
        if key not in ordered:
            ordered[key] = value
    return ordered


def _dump_yaml(data: Mapping[str, Any]) -> str:
    return yaml.dump(
        dict(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
        default_flow_style=False, width=10_000,
    )


def _hash_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_LINE_BREAK = re.compile(r"\r\n?")


def _body_text(text: str) -> str:
    """The body as python-frontmatter, which outside scripts read records with,
    sees it: every line break as LF (it folds "\r\r\n" to one break, a lone
    "\r" to none), no blank space around it. Writer and reader both use this,
    so a record khotin writes holds no CR and means the same to those scripts."""
    return _LINE_BREAK.sub("\n", text).strip()


def _unstamped_front(record: Record) -> dict[str, Any]:
    return {k: v for k, v in front_matter(record).items() if k != IMPORTED_HASH_KEY}


def _file_body(record: Record) -> str:
    body = _body_text(record.body)
    return body + "\n" if body else ""


def _file_text(front: str, body: str, stamp: Callable[[str, str], str] | None) -> str:
    """The file from its dumped front matter and body; `stamp(key, value)`, when given,
    writes the import hash's line, the last key of the front matter."""
    text = "---\n" + front + "---\n\n" + body
    if stamp is None:
        return text
    # A block mapping dumps key by key, so the stamp, the last key, is the same
    # line whether dumped with the rest or alone: the front matter is dumped once.
    return "---\n" + front + stamp(IMPORTED_HASH_KEY, _hash_text(text)) + "---\n\n" + body


def _dumped_line(key: str, value: str) -> str:
    return _dump_yaml({key: value})


def render_record(record: Record, *, stamp: bool = False) -> str:
    """The record as file text. With `stamp`, add the import hash that lets a
    later import tell a person's edit from its own output."""
    return _file_text(_dump_yaml(_unstamped_front(record)), _file_body(record), _dumped_line if stamp else None)


@dataclass(frozen=True, slots=True)
class RecordDraft:
    """A record's stamped file text but for its slug and tags.

    An import learns each article's tags only once every seed is read, and its
    slug only in seed order; the YAML of everything else can be written by the
    worker that parsed the article, in parallel, so the importer's serial tail
    only fills two gaps and hashes (`finish_draft`). A block mapping dumps key
    by key, so the three pieces joined are what one dump of them all gives."""
    head: str    # the keys before `slug`
    middle: str  # the keys between `slug` and `tags`
    tail: str    # the keys after `tags`
    body: str


_SLUG_GAP, _TAGS_GAP = "\nslug: ''\n", "\ntags: []\n"


def draft_record(record: Record) -> RecordDraft:
    """`record` rendered around its slug and tags (whatever they are now)."""
    data = _unstamped_front(record)
    data["slug"], data["tags"] = "", []
    body = _file_body(record)
    # One dump, cut at the two placeholder lines: a top-level key starts a line
    # (a value's own lines are indented), and no other key is named so.
    front = _dump_yaml(data)
    if front.count(_SLUG_GAP) == 1 and front.count(_TAGS_GAP) == 1:
        head, _, rest = front.partition(_SLUG_GAP)
        middle, _, tail = rest.partition(_TAGS_GAP)
        return RecordDraft(head + "\n", middle + "\n", tail, body)
    keys = list(data)
    slug_at, tags_at = keys.index("slug"), keys.index("tags")
    return RecordDraft(
        head=_dump_yaml({key: data[key] for key in keys[:slug_at]}),
        middle=_dump_yaml({key: data[key] for key in keys[slug_at + 1:tags_at]}),
        tail=_dump_yaml({key: data[key] for key in keys[tags_at + 1:]}),
        body=body,
    )


def finish_draft(draft: RecordDraft, slug: str, tags: tuple[str, ...]) -> str:
    """The text `render_record(stamp=True)` gives for the draft's record with
    this slug and these tags (tests/hostile/test_record_properties.py holds it to that)."""
    front = draft.head + _word_line("slug", slug) + draft.middle + _tags_block(tuple(tags)) + draft.tail
    return _file_text(front, draft.body, _word_line)


_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_RESOLVER = yaml.resolver.Resolver()


def _word_line(key: str, value: str) -> str:
    """`key: value` as the dumper writes it, without a dump for the usual value
    (a slug, a hex hash): such a word is written plain unless YAML would read
    it as something else than text ("2020-01-02", "123", "yes")."""
    if _WORD.fullmatch(value) and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR_TAG:
        return f"{key}: {value}\n"
    return _dumped_line(key, value)


def _tags_block(tags: tuple[str, ...]) -> str:
    if not tags:
        return _dump_yaml({"tags": []})
    return "tags:\n" + "".join(_tag_item(tag) for tag in tags)


@lru_cache(maxsize=1 << 16)  # an archive's tags recur: each is dumped once, not once per article
def _tag_item(tag: str) -> str:
    return _dump_yaml({"tags": [tag]}).removeprefix("tags:\n")


def is_untouched_import(text: str) -> bool:
    """True when `text` is exactly what import wrote (no person edited it)."""
    match = _FENCE.match(text)
    if not match:
        return False
    try:
        data = yaml.load(match.group(1) or "", Loader=_Loader)
    except yaml.YAMLError:
        return False
    if not isinstance(data, dict) or not isinstance(data.get(IMPORTED_HASH_KEY), str):
        return False
    claimed = data.pop(IMPORTED_HASH_KEY)
    body = text[match.end():]
    rebuilt = "---\n" + _dump_yaml(data) + "---\n" + body
    return _hash_text(rebuilt) == claimed and _dump_yaml({**data, IMPORTED_HASH_KEY: claimed}) == (match.group(1) or "")


_STAMP = re.compile(r"(?:\A|\n)" + IMPORTED_HASH_KEY + r": ([0-9a-f]{64})\n\Z")


def _stamp_holds(block: str, rest: str) -> bool:
    """`is_untouched_import` for a file already parsed, with one hash and no YAML:
    import writes its stamp as the last line of the front matter, over the text
    without that line, so an edit anywhere breaks it."""
    match = _STAMP.search(block)
    if not match:
        return False
    unstamped = block[:match.start() + (block[match.start()] == "\n")]
    return _hash_text("---\n" + unstamped + "---\n" + rest) == match.group(1)


def _as_text(value: Any, key: str, path: Path, line: int) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float)):
        text = str(value).strip()
        return text or None
    raise RecordError(path, f"'{key}' should be text, not {type(value).__name__}", line)


def _as_list(value: Any, key: str, path: Path, line: int) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, int)):
        value = [value]
    if not isinstance(value, list):
        raise RecordError(path, f"'{key}' should be a list", line)
    return tuple(str(item).strip() for item in value if item is not None and str(item).strip())


def _as_date(value: Any, path: Path, line: int) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            parsed = parse_iso_date(value)
        except ValueError:
            raise RecordError(path, f"date {value!r} is not an ISO 8601 date", line) from None
        return parsed.isoformat()
    raise RecordError(path, f"date {value!r} is not an ISO 8601 date", line)


_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:", re.M)


def _key_lines(block: str, first_line: int) -> dict[str, int]:
    lines: dict[str, int] = {}
    for match in _TOP_KEY.finditer(block):
        if match.group(1) not in lines:
            lines[match.group(1)] = first_line + block.count("\n", 0, match.start())
    return lines


def parse_record(text: str, path: Path | str) -> Record:
    """File text → Record, or RecordError naming the file and line."""
    path = Path(path)
    match = _FENCE.match(text.lstrip("\ufeff"))
    if not match:
        raise RecordError(path, "no front matter: the file must start with a '---' line", 1)
    block = match.group(1) or ""
    try:
        data = simple_front_matter(block)
        if data is None:
            data = yaml.load(block, Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "broken YAML"
        raise RecordError(path, f"broken YAML in front matter: {problem}", line) from None
    if not isinstance(data, dict):
        raise RecordError(path, "front matter must be a set of 'key: value' lines", 2)
    body = text.lstrip("\ufeff")[match.end():]
    try:  # the lines of the keys only name a bad one: found when one is
        return _record(data, block, body, path, {})
    except RecordError:
        return _record(data, block, body, path, _key_lines(block, 2))


def _record(data: dict, block: str, body: str, path: Path, lines: dict[str, int]) -> Record:
    title = _as_text(data.get("title"), "title", path, lines.get("title", 2))
    if not title:
        raise RecordError(path, "missing title", lines.get("title", 2))
    slug = _as_text(data.get("slug"), "slug", path, lines.get("slug", 2)) or path.stem
    url = _as_text(data.get(URL_KEY), URL_KEY, path, lines.get(URL_KEY, 2))
    return Record(
        title=title,
        slug=slug,
        body=_body_text(body),
        date=_as_date(data.get("date"), path, lines.get("date", 2)),
        seed=_as_text(data.get("seed"), "seed", path, lines.get("seed", 2)),
        seed_sha256=_as_text(data.get("seed_sha256"), "seed_sha256", path, 2),
        **{key: _as_text(data.get(key), key, path, lines.get(key, 2)) for key in TEXT_KEYS},
        **{key: _as_list(data.get(key), key, path, lines.get(key, 2)) for key in LIST_KEYS},
        extra={k: v for k, v in data.items() if k not in _KNOWN_KEYS},
        url=url,
        untouched_import=_stamp_holds(block, body),
    )


def read_record(path: Path) -> Record:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RecordError(path, f"cannot read: {exc.strerror}") from None
    return record_from_bytes(raw, path)


def record_from_bytes(raw: bytes, path: Path) -> Record:
    """The record in a file's bytes (`path` for messages)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise RecordError(path, "not UTF-8 text") from None
    return parse_record(text, path)
