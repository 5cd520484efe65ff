"""Where each word is: the small files a search page reads before it opens a shard.

A sharded archive's search page used to open every shard before it could answer
(at 10,000 articles, 64 Pagefind indexes and some 500 requests, even for a word
found nowhere). Now it reads `terms.json` (the joined compounds and the shards'
folders) and, for each query word, one file of this directory — the words that
start with that word's first letter, each with the set of shards holding it —
and opens only the shards that hold every word. A word no shard holds answers
"nothing found" without opening any.

The shards are a bit mask in hexadecimal (bit n: shard n), so one word costs a
few bytes whatever the shard count. Words are in code-point order, as the page's
binary search expects.
"""

from __future__ import annotations

import json
from typing import Iterable, Mapping

from khotin.search.documents import BUNDLE, JOIN_MARK, MAX_JOINED_SYLLABLES, SEPARATOR, TERMS_FILE

DIRECTORY = "directory"
SHARDS_DIR = "shards"


def bucket(word: str) -> str:
    """The directory file a folded word lives in: its first character, spelled safely for a file name."""
    first = word[:1]
    return first if first.isascii() and first.isalnum() else f"u{ord(first):x}" if first else "_"


def shard_path(number: int) -> str:
    return f"{SHARDS_DIR}/{number}/"


def terms_file(joined: Iterable[str], shard_words: Mapping[int, frozenset[str]] | None,
               postings: Mapping | None = None) -> bytes:
    """terms.json: the joined tokens; with several shards, their folders by number and the
    directory's name; what the page needs to know of the postings (search.postings)."""
    terms: dict = {"mark": JOIN_MARK, "max": MAX_JOINED_SYLLABLES, "separator": SEPARATOR,
                   "joined": sorted(joined)}
    if postings is not None:
        terms["postings"] = dict(postings)
    if shard_words is not None:
        terms["shards"] = {str(number): shard_path(number) for number in sorted(shard_words)}
        terms["directory"] = f"{DIRECTORY}/"
    return json.dumps(terms, ensure_ascii=False, separators=(",", ":")).encode()


def directory_files(shard_words: Mapping[int, frozenset[str]]) -> dict[str, bytes]:
    """`pagefind/directory/<bucket>.json`: {"words": [...], "shards": [hex mask, ...]}, a pair per word."""
    masks: dict[str, int] = {}
    for number, words in shard_words.items():
        bit = 1 << number
        for word in words:
            masks[word] = masks.get(word, 0) | bit
    buckets: dict[str, list[str]] = {}
    for word in sorted(masks):
        buckets.setdefault(bucket(word), []).append(word)
    return {f"{BUNDLE}/{DIRECTORY}/{name}.json": json.dumps(
                {"words": words, "shards": [format(masks[word], "x") for word in words]},
                ensure_ascii=False, separators=(",", ":")).encode()
            for name, words in buckets.items()}
