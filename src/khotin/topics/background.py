"""Which words name no topic, learned from news of many beats (not from a hand list).

`data/background_df.tsv` (made by eval/make_background.py from the eval
corpus: football, world news, business and pharmacy from six portals) holds
how many articles of each portal use a word. A topic word crowds into the
portals of its beat ("cầu thủ": 155 VnExpress football articles, 2 elsewhere);
a filler word ("gia đình", "kết quả", "thời gian") turns up in each portal in
proportion to its size, whatever the portal covers. So a word's *generality*
is 1 − the Jensen–Shannon divergence (bits) between its articles' spread over
the portals and the portals' sizes: 1 for a word spread exactly like the
corpus, near 0.5 for one confined to a beat. A word seen in fewer than
MIN_EVIDENCE articles says too little to judge and counts as a topic.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "background_df.tsv"
# eval/make_background.py keeps only words found in this many portals
MIN_PORTALS = 3
MIN_EVIDENCE = 6
FILLER_GENERALITY = 0.9


def _divergence(p: list[float], q: list[float]) -> float:
    half = [(a + b) / 2 for a, b in zip(p, q)]

    def kl(a: list[float], b: list[float]) -> float:
        return sum(x * math.log2(x / y) for x, y in zip(a, b) if x > 0)

    return (kl(p, half) + kl(q, half)) / 2


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    sizes = [int(cell.rpartition(":")[2]) for cell in lines[0].split("\t")[1:]]
    corpus = [size / sum(sizes) for size in sizes]
    table: dict[str, float] = {}
    for line in lines[1:]:
        word, *cells = line.split("\t")
        counts = [int(cell) for cell in cells]
        total = sum(counts)
        if total >= MIN_EVIDENCE:
            table[word] = 1.0 - _divergence([count / total for count in counts], corpus)
    return table


def generality(word_key: str) -> float:
    """0 (unknown or too rare to judge) … 1 (spread like the corpus itself);
    `word_key` is one pyvi word: lower case, modern tones, syllables spaced."""
    return _table().get(word_key, 0.0)


def is_filler(word_key: str) -> bool:
    return generality(word_key) >= FILLER_GENERALITY


def is_filler_phrase(key: str) -> bool:
    """A phrase is filler when it is a filler word or made of filler compounds
    only ("thời gian hoạt động"); the split points are tried, not known, and a
    part is at least two syllables (two common syllables need not be a word)."""
    if is_filler(key):
        return True
    syllables = key.split()
    return any(is_filler_phrase(" ".join(syllables[:cut])) and is_filler_phrase(" ".join(syllables[cut:]))
               for cut in range(2, len(syllables) - 1))


@lru_cache(maxsize=1)
def filler_words() -> frozenset[str]:
    """Every filler word: the list the eval measures tags against."""
    return frozenset(word for word, value in _table().items() if value >= FILLER_GENERALITY)


def warm() -> None:
    _table()
