"""One article → the candidate terms it could be tagged with (no corpus yet).

This is the expensive, per-document half of tagging (pyvi runs here), so its
result is plain JSON-able data that `tags` caches by the seed's hash.

Candidates:
- document codes (`topics.codes`: "Chỉ thị số 09-CT/TW" → "Chỉ thị 09-CT/TW",
  "Quyết định 521"), keyed by the code so every spelling of the same document
  is one tag;
- names (`topics.names`: capitalised runs, titles and nationality words cut
  off); a one-syllable name that ends a longer name of the same article
  ("Trump" beside "Donald Trump") counts for the longer one;
- compound common nouns (N of two or more syllables) and pairs of them
  ("an ninh trật tự"), minus stopwords (`topics.stopwords`) and words that
  news of every beat uses (`topics.background`).
Names made only of filler ("Việt Nam" in a Vietnamese archive) are dropped too.
Gazetteer names are joined into one token before pyvi ("Nam Từ Liêm" →
"Nam_Từ_Liêm") because pyvi splits them apart and glues them to their
neighbours; place names themselves never become tags (the place index files them).
Each candidate keeps how often it was written in which casing, and whether at a
line start, so the corpus can pick one display form for every article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from khotin.topics import background, codes, names
from khotin.topics.stopwords import is_stopword
from khotin.vietnamese.fold import modern_tones
from khotin.vietnamese.tokenize import tag_words, segment

CODE, PROPER, NOUN = "code", "proper", "noun"
_WORD = re.compile(r"[^\W\d_]")

@dataclass
class Term:
    kind: str
    count: int = 0
    in_title: int = 0
    # display form → [times at a line start, times elsewhere]
    forms: dict[str, list[int]] = field(default_factory=dict)

    def seen(self, form: str, title: bool, initial: bool) -> None:
        self.count += 1
        self.in_title += int(title)
        slot = self.forms.setdefault(form, [0, 0])
        slot[0 if initial else 1] += 1

    def to_json(self) -> list:
        return [self.kind, self.count, self.in_title, self.forms]

    @classmethod
    def from_json(cls, data: list) -> "Term":
        kind, count, in_title, forms = data
        return cls(kind, int(count), int(in_title), {str(k): [int(a), int(b)] for k, (a, b) in forms.items()})


@lru_cache(maxsize=1 << 16)  # pure, and called per candidate: news repeats its words
def term_key(form: str) -> str:
    return " ".join(modern_tones(form).replace("_", " ").casefold().split())


def _name_trie(names: list[str]) -> str:
    """The names as one regex shaped like a trie (a space matching any run of
    white space): `re` tries a flat alternation's ~700 names one by one at every
    position of every line. Greedy branches keep the longest name, as a
    longest-first flat list does."""
    trie: dict = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + emit(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


@lru_cache(maxsize=1)
def _place_joiner() -> tuple[re.Pattern, frozenset[str]]:
    from khotin.places.gazetteer import place_names

    names = sorted(place_names(), key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + _name_trie([n for n in names if " " in n]) + r")(?!\w)")
    return pattern, frozenset(term_key(n) for n in names)


def warm() -> None:
    """Compile the place joiner and read the background (call before forking, with tokenize.warm)."""
    _place_joiner()
    background.warm()


def _codes(text: str, title: bool, terms: dict[str, Term]) -> str:
    """Record document codes; return the text with them blanked out for pyvi."""
    def seen(key: str, form: str) -> None:
        terms.setdefault(key, Term(CODE)).seen(form, title, False)

    return codes.find(text, seen)


@lru_cache(maxsize=1 << 16)
def _is_word(token: str) -> bool:
    return bool(_WORD.search(token)) and not any(ch.isdigit() for ch in token)


def _filler(key: str) -> bool:
    return is_stopword(key) or background.is_filler(key)


def _noun(word: str) -> bool:
    """A compound noun that is no filler, nor a title ("Thứ trưởng" is a post, not a topic)."""
    if "_" not in word or not _is_word(word):
        return False
    key = term_key(word)
    return not _filler(key) and key not in names.TITLES


def _line_terms(tagged: list[tuple[str, str]], title: bool, places: frozenset[str], terms: dict[str, Term]) -> None:
    def add(kind: str, words: list[str], start: int) -> None:
        form = " ".join(w.replace("_", " ") for w in words)
        key = term_key(form)
        if key and key not in places:
            terms.setdefault(key, Term(kind)).seen(form, title, start == 0)

    spent: set[int] = set()
    for start, end, words in names.find(tagged, _filler, places):
        add(PROPER, words, start)
        spent.update(range(start, end))
    for i, (word, tag) in enumerate(tagged):
        if i in spent or tag != "N" or not _noun(word):
            continue
        add(NOUN, [word], i)
        if i + 1 < len(tagged) and i + 1 not in spent:
            nxt, nxt_tag = tagged[i + 1]
            if nxt_tag == "N" and _noun(nxt):
                add(NOUN, [word, nxt], i)


def _merge(terms: dict[str, Term], key: str, into: str) -> None:
    term, target = terms.pop(key), terms[into]
    target.count += term.count
    target.in_title += term.in_title


def _merge_short_forms(terms: dict[str, Term]) -> None:
    """"Trump" into "Donald Trump", "Quyết định 521" into "Quyết định 521/QĐ-UBND",
    when the article has exactly one longer form."""
    for key in [k for k, t in terms.items() if t.kind == PROPER and " " not in k]:
        longer = [k for k, t in terms.items() if t.kind == PROPER and k.endswith(" " + key)]
        if len(longer) == 1:
            _merge(terms, key, longer[0])
    full = {}
    for key, term in terms.items():
        if term.kind == CODE and " " not in key:
            full.setdefault(codes.bare_key(next(iter(term.forms))), []).append(key)
    for key in [k for k, t in terms.items() if t.kind == CODE and " " in k]:
        if len(full.get(key, ())) == 1:
            _merge(terms, key, full[key][0])


def _join_places(text: str) -> str:
    pattern, _ = _place_joiner()
    return pattern.sub(lambda m: "_".join(m.group(1).split()), text)


def analyse(title: str, body: str) -> dict[str, Term]:
    """Candidate terms of one article (see module doc)."""
    _, places = _place_joiner()
    terms: dict[str, Term] = {}
    for part, is_title in ((title or "", True), (body or "", False)):
        for line in modern_tones(part).splitlines():
            line = _codes(line, is_title, terms)
            if not line.strip():
                continue
            words = segment(_join_places(line))
            _line_terms(tag_words(words), is_title, places, terms)
    _merge_short_forms(terms)
    return terms
