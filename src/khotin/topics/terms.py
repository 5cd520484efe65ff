"""One article → the candidate terms it could be tagged with (no corpus yet).

This is the expensive, per-document half of tagging (pyvi runs here), so its
result is plain JSON-able data that `tags` caches by the seed's hash.

Candidates:
- document codes found by pattern ("Chỉ thị số 09-CT/TW" → "Chỉ thị 09-CT/TW"),
  keyed by the code so every spelling of the same document is one tag;
- runs of proper nouns (pyvi tag Np), up to four words, not a lone syllable;
- compound common nouns (N of two or more syllables) and pairs of them
  ("an ninh trật tự"), minus stopwords (`topics.stopwords`).
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

from khotin.topics.stopwords import is_stopword
from khotin.vietnamese.fold import modern_tones
from khotin.vietnamese.tokenize import tag_words, segment

CODE, PROPER, NOUN = "code", "proper", "noun"
MAX_PROPER_RUN = 4

DOCUMENT_TYPES = {
    "CT": "Chỉ thị", "NQ": "Nghị quyết", "QĐ": "Quyết định", "KL": "Kết luận",
    "KH": "Kế hoạch", "HD": "Hướng dẫn", "NĐ": "Nghị định", "TT": "Thông tư",
    "QC": "Quy chế", "QĐi": "Quy định", "CTr": "Chương trình", "TB": "Thông báo",
    "QH": "Luật", "PL": "Pháp lệnh",
}
_TYPE_WORDS = ("chỉ thị", "nghị quyết", "quyết định", "kết luận", "kế hoạch", "hướng dẫn",
               "nghị định", "thông tư", "quy định", "quy chế", "chương trình", "thông báo",
               "luật", "pháp lệnh", "công văn")
_CODE_RE = re.compile(
    r"(?<![\w/.-])(\d{1,4}(?:/\d{4})?[-/]([A-ZĐ][A-ZĐa-z]{1,3})\d{0,2}(?:[-/][A-ZĐ]{1,6}\d{0,2})*)(?![\w/-])"
)
_TYPE_BEFORE = re.compile(
    r"(" + "|".join(w.replace(" ", r"\s+") for w in _TYPE_WORDS) + r")\s+(?:số\s+)?$", re.IGNORECASE
)
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
    """Compile the place joiner (call before forking, with tokenize.warm)."""
    _place_joiner()


def _codes(text: str, title: bool, terms: dict[str, Term]) -> str:
    """Record document codes; return the text with them blanked out for pyvi."""
    def found(match: re.Match) -> str:
        code, letters = match.group(1), match.group(2)
        before = _TYPE_BEFORE.search(text, max(0, match.start() - 20), match.start())
        if before:
            kind = " ".join(before.group(1).split())
            kind = kind[0].upper() + kind[1:].lower()
        else:
            kind = DOCUMENT_TYPES.get(letters)
        if kind:
            key = "#" + code.upper()
            terms.setdefault(key, Term(CODE)).seen(f"{kind} {code}", title, False)
        return " , "

    return _CODE_RE.sub(found, text)


@lru_cache(maxsize=1 << 16)
def _is_word(token: str) -> bool:
    return bool(_WORD.search(token)) and not any(ch.isdigit() for ch in token)


def _line_terms(tagged: list[tuple[str, str]], title: bool, places: frozenset[str], terms: dict[str, Term]) -> None:
    def add(kind: str, words: list[str], start: int) -> None:
        form = " ".join(w.replace("_", " ") for w in words)
        key = term_key(form)
        if not key or key in places:
            return
        if kind == NOUN and is_stopword(key):
            return
        terms.setdefault(key, Term(kind)).seen(form, title, start == 0)

    i = 0
    while i < len(tagged):
        word, tag = tagged[i]
        if tag == "Np" and _is_word(word) and word[0].isupper():
            j = i
            while j < len(tagged) and tagged[j][1] == "Np" and _is_word(tagged[j][0]) and tagged[j][0][0].isupper():
                j += 1
            run = [w for w, _ in tagged[i:j]]
            single_syllable = len(run) == 1 and "_" not in run[0]  # "Ban", "Đảng": too vague
            if not single_syllable and len(run) <= MAX_PROPER_RUN and term_key(" ".join(run)) not in places:
                add(PROPER, run, i)
            i = j
            continue
        if tag == "N" and "_" in word and _is_word(word) and not is_stopword(word):
            add(NOUN, [word], i)
            if i + 1 < len(tagged):
                nxt, nxt_tag = tagged[i + 1]
                if nxt_tag == "N" and "_" in nxt and _is_word(nxt) and not is_stopword(nxt):
                    add(NOUN, [word, nxt], i)
        i += 1


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
    return terms
