"""Per-word postings: khotin's search index, which the search page reads in a few
small requests per query.

The files are per word: a query word costs the one file of words sharing its
first three letters (a two-letter word: the few such files), and a word found
in many pages of a shard keeps those postings in a file of its own, so the
common words do not weigh on the rare ones. `pages/<shard>-<n>.json` gives what
a result line shows; `lengths.json` every page's length; the filters' files
are beside them (search.filters).

Until #19 these postings only answered a query's first page, beside a Pagefind
index that did the rest. Pagefind's indexing was ~32 s of a build's 74 s of CPU at
10,000 articles (3.4 ms an article), and at 100,000 it ran out of 21 GB of
memory (pagefind issue #842); a filtered query through its shards took 1.5-3.8 s.
So the postings are the whole index now, and the page's matching and score are
still Pagefind's (templates/static/postings.js), bar the changes named there.

What is stored is raw: per page, how often the word is in the content and in
which meta fields it is (a bit each, `FIELDS`), and each page's length. The page
computes the score from them with the whole archive's statistics, so an edit
changes the numbers of its own article only.

The words are those of a folded query: the content's and meta fields' words
(split as Pagefind split them: compounds whole and in parts), marks folded, but
not đ — đ stays apart from d, and every đ-word of the content is also written
folded (search.documents), which is what a query "dong" reaches.

Everything is made per shard (`shard_postings`: cached with the shard, so an edit
recomputes one shard's share) and joined as text (`postings_layout`, `FileParts`): the
join is some thousand string concatenations, not a pass over every word of every
shard. Each part carries its digest, made with the share, so a file is known by
the digests of its parts without joining it (search.joined).
Page numbers are `shard * PAGE_SPAN + position in the shard`.
"""

from __future__ import annotations

import hashlib
import json
import re
import string
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping, Sequence

from khotin.search.documents import BUNDLE, JOIN_MARK, MAX_JOINED_SYLLABLES, SearchRecord
from khotin.search.filters import FILTERS_FILE, ShardFilters, filter_layout, shard_filters

POSTINGS = "postings"
FIELDS = ("title", "keys", "summary", "date", "places")  # bit n of a posting's mask: FIELDS[n]
# The mask's next bit: the page has the word only with marks ("quận", never "quan"); Pagefind
# boosts a page whose word is spelled as the query is (its diacritic_similarity).
MARKED = 1 << len(FIELDS)
WEIGHT = 24  # Pagefind's weight of a whole word; a compound's parts share it
CHUNK = 32  # pages a page-table file holds
PAGE_SPAN = 1 << 16  # page numbers of shard n start at n * PAGE_SPAN
BUCKET_PREFIX = 3  # letters of a word naming its bucket
# A shard's postings of one word, in characters, past which they go to the word's own
# file: below it, a bucket stays a few kilobytes a shard, and a query for a rare word
# does not download the postings of the common words beside it.
BIG = 160

_PUNCTUATION = str.maketrans({c: " " for c in string.punctuation})
_SAFE_NAME = re.compile(r"[a-z0-9_]*")  # what `file_name` keeps as it is
# Where convert_case (Pagefind's compound splitting) cuts a word: lower→upper, an acronym's
# end ("HTMLParser"), letters↔digits.
_CASE_BOUNDARY = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?<=[^\W\d_A-ZÀ-Þ])(?=[A-ZÀ-Þ])"
                            r"|(?<=[A-ZÀ-Þ])(?=[A-ZÀ-Þ][^\W\d_A-ZÀ-Þ])")


_MASK_BITS = 8  # a word's (tf, mask) packed as tf << _MASK_BITS | mask (MARKED is bit 5)


@dataclass(frozen=True)
class PageTerms:
    """What one article gives the postings: its length in words (Pagefind's page
    length: whitespace-separated pieces of its content) and, per word, how often it
    is in the content and a mask of the meta fields it is in (`words`).

    Kept packed, words in one tuple and their numbers in one array: a shard's articles
    wait with their terms until the shard is built, and as a dict of tuples they took
    ~27 KB an article, 80 MB for the two shards being built at 100,000 articles."""

    length: int
    names: tuple[str, ...]
    packed: array

    @classmethod
    def of(cls, length: int, words: Mapping[str, tuple[int, int]]) -> PageTerms:
        return cls(length, tuple(words), array("Q", (tf << _MASK_BITS | mask for tf, mask in words.values())))

    def items(self) -> Iterator[tuple[str, int, int]]:
        """(word, tf, mask), in the words' order."""
        low = (1 << _MASK_BITS) - 1
        return ((word, value >> _MASK_BITS, value & low) for word, value in zip(self.names, self.packed))

    @property
    def words(self) -> dict[str, tuple[int, int]]:
        return {word: (tf, mask) for word, tf, mask in self.items()}


# A shard's part of one file: its JSON text and that text's digest (`_part`).
Part = tuple[str, str]


@dataclass(frozen=True)
class ShardPostings:
    """One shard's share of the postings, cached with the shard, every part already JSON
    and hashed (joining them is all an edit's build does for the unchanged shards, and
    only for the files whose parts it has not joined before: search.joined).

    `pages`: the page table's chunks, each a JSON list of [url, title, date, places,
    summary] for CHUNK articles in the shard's order; `lengths`: a JSON string of their
    lengths; `buckets`: bucket (a word's first letters) → this shard's JSON object {word:
    postings} ("@": in the word's own file); `big`: word → this shard's postings of it,
    a JSON string, for that file; `count`, `length`: its articles and their total length;
    `filters`: its articles per filter value (search.filters)."""

    pages: tuple[Part, ...]
    lengths: Part
    buckets: Mapping[str, Part]
    big: Mapping[str, Part]
    count: int
    length: int
    filters: ShardFilters


def _unmarked(word: str) -> str:
    """Pagefind's folding: marks off, đ kept."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _piece_words(piece: str) -> tuple[tuple[str, int, bool], ...]:
    """The words Pagefind indexes for one whitespace-separated piece, as (folded word, weight,
    written without marks), đ-words left out (a folded query never reaches them).

    Pagefind (fossick/splitting.rs) keeps a piece's letters and digits as one word
    ("ninh-quốc" → "ninhquoc", "dongda_" → "dongda"), and when the piece looks
    compound (punctuation inside, or a capital past its first letter) also its parts
    ("ninh", "quoc"), of two bytes or more, sharing the whole word's weight."""
    normalized = "".join(c for c in piece if c.isalnum()).lower()
    if not normalized:
        return ()
    found = [(normalized, WEIGHT)]
    if any(not c.isalnum() for c in piece) or any(c.isupper() for c in piece[1:]):
        parts = _CASE_BOUNDARY.sub(" ", piece.translate(_PUNCTUATION)).lower().split()
        if len(parts) > 1 or (parts and not normalized.startswith(parts[0])):
            share = max(1, WEIGHT // len(parts))
            found.extend((part, share) for part in parts if len(part.encode()) > 1)
    words = []
    for word, weight in found:
        folded = _unmarked(word)
        if "đ" not in folded:
            words.append((folded, weight, folded == word))
    return tuple(words)


Known = dict[str, tuple[tuple[str, int, bool], ...]]


def page_terms(record: SearchRecord, known: Known | None = None) -> PageTerms:
    """The record's words as Pagefind counts them for a folded query (see the module doc):
    per word, its weight in the content (WEIGHT a whole word) and its mask.

    `known`: each piece's words, kept by the caller across a shard's articles, where most
    pieces recur (a dict lookup, where an lru_cache's call costs as much again)."""
    counts: dict[str, int] = {}
    plain: set[str] = set()
    pieces = Counter(record.content.split())
    known = {} if known is None else known
    for piece, times in pieces.items():
        words = known.get(piece)
        if words is None:
            words = known[piece] = _piece_words(piece)
        for word, weight, unmarked in words:
            counts[word] = counts.get(word, 0) + weight * times
            if unmarked:
                plain.add(word)
    masks: dict[str, int] = {}
    for bit, name in enumerate(FIELDS):
        value = record.meta.get(name)
        if value:
            for piece in set(value.split()):
                words = known.get(piece)
                if words is None:
                    words = known[piece] = _piece_words(piece)
                for word, _, unmarked in words:
                    masks[word] = masks.get(word, 0) | 1 << bit
                    if unmarked:
                        plain.add(word)
    words = {word: (counts.get(word, 0), masks.get(word, 0) | (0 if word in plain else MARKED))
             for word in sorted(counts.keys() | masks.keys())}
    return PageTerms.of(sum(pieces.values()), words)


def file_name(text: str) -> str:
    """A word or prefix spelled safely for a URL and any file system (case too):
    ASCII letters, digits and "_" as they are, anything else "-<hex>-"."""
    if _SAFE_NAME.fullmatch(text):  # most words: a regex match, not a loop over the letters
        return text
    return "".join(c if c.isascii() and (c.isalnum() or c == "_") and not c.isupper() else f"-{ord(c):x}-"
                   for c in text)


def bucket_of(word: str) -> str:
    """The bucket a word is in: its first BUCKET_PREFIX letters."""
    return word[:BUCKET_PREFIX]


def _posting(position: int, tf: int, mask: int) -> str:
    """"position", "position:tf" or "position:tf:mask" (tf WEIGHT and mask 0 are the common case)."""
    if mask:
        return f"{position}:{tf}:{mask}"
    return f"{position}:{tf}" if tf != WEIGHT else str(position)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _page_row(record: SearchRecord) -> tuple[str, ...]:
    meta = record.meta
    return (record.url.lstrip("/"), meta.get("title", ""), meta.get("date", ""), meta.get("places", ""),
            meta.get("summary", ""))


def _part(text: str) -> Part:
    """The text and its digest: 128 bits of sha256 of its UTF-8 (a lone surrogate, which
    UTF-8 cannot carry, hashed as it is: the file holds it escaped, `_encoded`)."""
    return text, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def shard_postings(pages: Sequence[tuple[SearchRecord, PageTerms]]) -> ShardPostings:
    """One shard's share: its articles in the shard's order (a page's position is its number there)."""
    postings: dict[str, list[str]] = {}
    for position, (_, terms) in enumerate(pages):
        for word, tf, mask in terms.items():
            entry = _posting(position, tf, mask)
            found = postings.get(word)
            if found is None:
                postings[word] = [entry]
            else:
                found.append(entry)
    grouped: dict[str, dict[str, str]] = {}
    big: dict[str, Part] = {}
    for word in sorted(postings):
        text = " ".join(postings[word])
        if len(text) > BIG:
            big[word] = _part(_dumps(text))
            text = "@"
        grouped.setdefault(bucket_of(word), {})[word] = text
    rows = [_page_row(record) for record, _ in pages]
    lengths = [terms.length for _, terms in pages]
    chunks = (rows[start:start + CHUNK] for start in range(0, len(rows), CHUNK))
    return ShardPostings(pages=tuple(_part(_dumps(chunk)) for chunk in chunks),
                         lengths=_part(_dumps(" ".join(map(str, lengths)))),
                         buckets={name: _part(_dumps(words)) for name, words in grouped.items()}, big=big,
                         count=len(rows), length=sum(lengths), filters=shard_filters([r for r, _ in pages], _part))


def _encoded(text: str) -> bytes:
    """UTF-8 JSON; where the text holds what UTF-8 cannot carry (a lone surrogate), JSON's escapes."""
    try:
        return text.encode()
    except UnicodeEncodeError:
        return json.dumps(json.loads(text), ensure_ascii=True, separators=(",", ":")).encode()


@dataclass(frozen=True)
class FileParts:
    """One postings file as the parts it is joined from, in shard order: (shard, part)."""

    parts: tuple[tuple[int, Part], ...]
    keyed: bool = True  # {"<shard>": part, …}; else its one part as it is (a page-table chunk)

    def data(self) -> bytes:
        if not self.keyed:
            return _encoded(self.parts[0][1][0])
        return _encoded("{" + ",".join(f'"{number}":{text}' for number, (text, _) in self.parts) + "}")


def _longer(buckets: Iterable[str]) -> dict[str, str]:
    """For each first two letters, the third letters of the buckets they start (["da", "dai",
    "dan"] → {"da": "in"}): the buckets a two-letter query word reaches besides its own."""
    longer: dict[str, str] = {}
    for name in sorted(buckets):
        if len(name) == BUCKET_PREFIX:
            longer[name[:-1]] = longer.get(name[:-1], "") + name[-1]
    return longer


def postings_layout(shards: Mapping[int, ShardPostings]) -> tuple[dict[str, FileParts], dict]:
    """The postings' files keyed "<BUNDLE>/postings/…", each as its parts, and what
    terms.json says of them: their folder, the archive's page count and total length, the
    layout's sizes, the meta fields' order, which buckets a short query word reaches
    (`_longer`), and the buckets of words shorter than a bucket name (a query word falls
    back to them)."""
    prefix = f"{BUNDLE}/{POSTINGS}"
    files: dict[str, FileParts] = {}
    buckets: dict[str, list[tuple[int, Part]]] = {}
    big: dict[str, list[tuple[int, Part]]] = {}
    lengths: list[tuple[int, Part]] = []
    pages = total = 0
    for number in sorted(shards):
        shard = shards[number]
        for name, part in shard.buckets.items():
            buckets.setdefault(name, []).append((number, part))
        for word, part in shard.big.items():
            big.setdefault(word, []).append((number, part))
        for chunk, rows in enumerate(shard.pages):
            files[f"{prefix}/pages/{number}-{chunk}.json"] = FileParts(((number, rows),), keyed=False)
        lengths.append((number, shard.lengths))
        pages += shard.count
        total += shard.length
    for name, parts in buckets.items():
        files[f"{prefix}/b/{file_name(name)}.json"] = FileParts(tuple(parts))
    for word, parts in big.items():
        files[f"{prefix}/w/{file_name(word)}.json"] = FileParts(tuple(parts))
    files[f"{prefix}/lengths.json"] = FileParts(tuple(lengths))
    filter_files, counts = filter_layout({number: shard.filters for number, shard in shards.items()}, prefix)
    files.update({path: FileParts(tuple(parts)) for path, parts in filter_files.items()})
    files[f"{prefix}/{FILTERS_FILE}"] = FileParts(((0, _part(counts)),), keyed=False)
    summary = {"folder": f"{POSTINGS}/", "pages": pages, "length": total, "chunk": CHUNK, "span": PAGE_SPAN,
               "prefix": BUCKET_PREFIX, "fields": list(FIELDS), "marked": MARKED, "weight": WEIGHT, "longer": _longer(buckets),
               "short": sorted(name for name in buckets if len(name) < BUCKET_PREFIX), "filters": FILTERS_FILE}
    return dict(sorted(files.items())), summary


def postings_files(shards: Mapping[int, ShardPostings]) -> tuple[dict[str, bytes], dict]:
    """`postings_layout` with every file joined."""
    layout, summary = postings_layout(shards)
    return {path: parts.data() for path, parts in layout.items()}, summary


def terms_file(joined: Iterable[str], postings: Mapping) -> bytes:
    """terms.json, the one file the search page reads first: the joined tokens (a reader's
    words are joined the same way, search.documents), and what it needs to know of the
    postings (`postings_layout`'s summary)."""
    terms = {"mark": JOIN_MARK, "max": MAX_JOINED_SYLLABLES, "joined": sorted(joined), "postings": dict(postings)}
    return _dumps(terms).encode()
