"""Tags for a whole corpus: candidate terms (`topics.terms`) ranked by TF-IDF.

A tag is something a reader would follow: a document code, a name, or a
subject that other articles share. Ranking rule, per article:
1. document codes ("Chỉ thị 09-CT/TW") come first, at most three: they name
   exactly what the article is about;
2. a subject (common noun phrase) is a tag only when at least one other
   article has it too (a subject page with one article leads nowhere) and
   this one mentions it twice (or in the title); the more evenly news of
   every beat uses it (`background.generality` past GENERALITY_FREE), the
   lower it ranks;
3. a name found in this article only is a tag when the article dwells on it
   (LONE_NAME_WEIGHT: three mentions, a title mention counting three) — a
   passing name is no topic;
4. in an archive of COMMON_FLOOR articles or more, a subject or name found in
   more than half of them groups everything and is no tag at all ("phong
   trào", "an ninh" in an archive about the security movement);
5. score = (1 + ln tf) × (ln((1 + N) / (1 + df)) + 1), where tf counts the
   title's mentions three times; beyond the third tag a term needs at least a
   third of the best term's score; a term overlapping one already chosen
   (sharing two consecutive syllables: "an ninh" inside "an ninh trật tự") is
   skipped; ties go by the term itself.
Up to eight tags; fewer when the article offers fewer (none are invented to
fill a quota). Filler words never reach this stage (`topics.terms` drops
stopwords and the words every beat of news uses, `topics.background`).
Display forms are chosen over the whole corpus, so one tag is written the same
way in every article: codes as "<Loại> <số hiệu>", names as most often written,
common nouns in their usual mid-sentence casing (lower case, "Tổ quốc" keeps
its capital). Spellings that differ in case or tone-mark placement ("Hoà",
"Hòa") share a key, so they are one tag.

Tokenising is the cost (pyvi, tens of milliseconds an article), so each
article's candidates are cached as JSON in `cache_dir/<seed_sha256>.json`
together with a hash of the text they came from; a changed seed, text or
extractor version misses the cache. The cache is disposable.
"""

from __future__ import annotations

import hashlib
import json
import math
import multiprocessing
import os
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from khotin.interrupt import leave_ctrl_c_to_the_parent
from khotin.topics import background
from khotin.topics import terms as term_module
from khotin.topics.terms import CODE, NOUN, PROPER, Term, analyse, term_key
from khotin.vietnamese import tokenize
from khotin.vietnamese.collation import sort_key

MAX_TAGS, MAX_CODES, FREE_TAGS = 8, 3, 3
TITLE_WEIGHT = 3
LONE_NAME_WEIGHT = 5
COMMON_FLOOR = 5
GENERALITY_FREE = 0.5
PARALLEL_THRESHOLD = 32
CACHE_VERSION = "terms-3"


@dataclass(frozen=True)
class TagInput:
    key: str
    title: str
    body: str
    seed_sha256: str
    place_names: tuple[str, ...] = ()


def _text_hash(doc: TagInput) -> str:
    digest = hashlib.sha256()
    for part in (CACHE_VERSION, doc.title or "", doc.body or ""):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _cache_path(cache_dir: Path, doc: TagInput) -> Path | None:
    sha = (doc.seed_sha256 or "").strip().lower()
    if not sha or not all(ch in "0123456789abcdef" for ch in sha):
        return None
    return cache_dir / f"{sha}.json"


def _read_cache(path: Path | None, text_hash: str) -> dict[str, Term] | None:
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("text") != text_hash:
            return None
        return {key: Term.from_json(value) for key, value in data["terms"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_cache(path: Path | None, text_hash: str, terms: dict[str, Term]) -> None:
    if path is None:
        return
    # in the order the text gave them: `_share` offers a term to articles in that order, so a
    # cached article must list its terms as a fresh analysis does (terms-2 sorted them)
    data = {"text": text_hash, "terms": {key: term.to_json() for key, term in terms.items()}}
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:  # a cache that cannot be written only costs time
        tmp.unlink(missing_ok=True)


def prepare_cache(cache_dir: Path | None) -> Path | None:
    """The cache folder, created; None (no caching) when it cannot be."""
    if cache_dir is None:
        return None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return cache_dir


def warm() -> None:
    """Load pyvi and compile the extractor's tables now: call in the parent
    before forking workers (a forked child must not load pyvi's model files)."""
    tokenize.warm()
    term_module.warm()


def analyse_cached(doc: TagInput, cache_dir: Path | None) -> dict[str, Term]:
    """One article's candidate terms, from the cache when its text is unchanged.
    Safe in a worker: the cache file is written through a per-process temp name."""
    text_hash = _text_hash(doc)
    path = _cache_path(cache_dir, doc) if cache_dir is not None else None
    found = _read_cache(path, text_hash)
    if found is None:
        found = analyse(doc.title, doc.body)
        _write_cache(path, text_hash, found)
    return found


def _analyse_one(job: tuple[TagInput, Path | None]) -> dict[str, Term]:
    return analyse_cached(*job)


def _analyse_all(docs: Sequence[TagInput], cache_dir: Path | None, jobs: int) -> list[dict[str, Term]]:
    cache_dir = prepare_cache(cache_dir)
    work = [(doc, cache_dir) for doc in docs]
    if jobs > 1 and len(docs) >= PARALLEL_THRESHOLD:
        warm()
        with multiprocessing.get_context("fork").Pool(jobs, leave_ctrl_c_to_the_parent) as pool:
            return list(pool.imap(_analyse_one, work, chunksize=8))
    return [_analyse_one(job) for job in work]


def _display_forms(analysed: Sequence[dict[str, Term]], wanted: set[str]) -> dict[str, str]:
    """One spelling per term for the whole corpus (see module doc), for the
    `wanted` terms only: an archive holds some hundred thousand terms, and
    counting the spellings of those no article is tagged with was most of
    ranking's time."""
    inside: defaultdict[str, Counter] = defaultdict(Counter)
    anywhere: defaultdict[str, Counter] = defaultdict(Counter)
    kinds: dict[str, str] = {}
    for terms in analysed:
        for key, term in terms.items():
            if key not in wanted:
                continue
            kinds.setdefault(key, term.kind)
            for form, (initial, elsewhere) in term.forms.items():
                anywhere[key][form] += initial + elsewhere
                if elsewhere:
                    inside[key][form] += elsewhere

    def most_common(counter: Counter) -> str:
        return min(counter.items(), key=lambda item: (-item[1], sort_key(item[0])))[0]

    forms = {}
    for key, counter in anywhere.items():
        if key in inside:
            forms[key] = most_common(inside[key])
        else:
            form = most_common(counter)
            forms[key] = form[0].lower() + form[1:] if kinds[key] == NOUN else form
    return forms


@lru_cache(maxsize=1 << 16)  # each tag candidate is compared with a few chosen ones per article
def _pairs(key: str) -> frozenset[str]:
    syllables = key.split()
    return frozenset(" ".join(syllables[i:i + 2]) for i in range(len(syllables) - 1)) or frozenset(syllables)


def _overlaps(a: str, b: str) -> bool:
    """Same words twice: "an ninh" in "an ninh trật tự", or "bảo vệ an ninh" beside it."""
    return bool(_pairs(a) & _pairs(b))


def _weight(term: Term) -> int:
    return term.count + (TITLE_WEIGHT - 1) * term.in_title


def _eligible(term: Term, df: int, total: int) -> bool:
    if term.kind == CODE:
        return True
    if total >= COMMON_FLOOR and df * 2 > total:
        return False
    if term.kind == PROPER:
        return df >= 2 or _lone_name_ok(term)
    return df >= 2 and _weight(term) >= 2


def _choose(terms: dict[str, Term], df: Counter, total: int, excluded: set[str]) -> list[str]:
    ranked = []
    for key, term in terms.items():
        if key in excluded or not _eligible(term, df[key], total):
            continue
        score = (1 + math.log(_weight(term))) * (math.log((1 + total) / (1 + df[key])) + 1)
        if term.kind == NOUN:  # the nearer to filler, the lower (`topics.background`)
            score *= 1 - max(0.0, background.generality(key) - GENERALITY_FREE)
        ranked.append((0 if term.kind == CODE else 1, -score, key))
    ranked.sort()
    chosen: list[str] = []
    codes = 0
    best = next((-neg for tier, neg, _ in ranked if tier == 1), 0.0)
    for tier, neg_score, key in ranked:
        if len(chosen) >= MAX_TAGS:
            break
        if tier == 0:
            if codes >= MAX_CODES:
                continue
            codes += 1
        elif len(chosen) >= FREE_TAGS and -neg_score * 3 < best:
            continue
        if tier and any(_overlaps(key, other) for other in chosen if not other.startswith("#")):
            continue
        chosen.append(key)
    return chosen


def tag_corpus(docs: Sequence[TagInput], cache_dir: Path | None = None, jobs: int = 1) -> dict[str, tuple[str, ...]]:
    """key → up to 8 display tags, the same for the same corpus on every run."""
    docs = list(docs)
    if not docs:
        return {}
    return rank_tags(docs, _analyse_all(docs, cache_dir, max(1, jobs)))


def _share(chosen: list[list[str]], analysed: Sequence[dict[str, Term]], excluded: list[set[str]]) -> None:
    """A subject or name that only one article chose, though others have it, is
    offered to those others that have room and mention it at least twice; a
    subject still alone is dropped (its page would lead nowhere), and so is a
    name still alone unless its article dwells on it (`_lone_name_ok`)."""
    tagged = Counter(key for keys in chosen for key in keys)
    for keys, terms, skip in zip(chosen, analysed, excluded):
        for key, term in terms.items():
            if (tagged[key] == 1 and key not in keys and key not in skip and len(keys) < MAX_TAGS
                    and term.kind != CODE and _weight(term) >= 2
                    and not any(_overlaps(key, other) for other in keys if not other.startswith("#"))):
                keys.append(key)
                tagged[key] += 1
    for keys, terms in zip(chosen, analysed):
        keys[:] = [key for key in keys if tagged[key] > 1 or terms[key].kind == CODE
                   or (terms[key].kind == PROPER and _lone_name_ok(terms[key]))]


def _lone_name_ok(term: Term) -> bool:
    return term.in_title > 0 and _weight(term) >= LONE_NAME_WEIGHT


def rank_tags(docs: Sequence[TagInput], analysed: Sequence[dict[str, Term]]) -> dict[str, tuple[str, ...]]:
    """The corpus half of tagging, over every article's `analyse_cached` terms."""
    return rank_named([(doc.key, doc.place_names) for doc in docs], analysed)


def rank_named(named: Sequence[tuple[str, tuple[str, ...]]],
               analysed: Sequence[dict[str, Term]]) -> dict[str, tuple[str, ...]]:
    """`rank_tags` by each article's key and place names, all ranking reads of
    it: the importer keeps no article's text once a worker has analysed it."""
    df: Counter = Counter()
    for terms in analysed:
        df.update(terms.keys())
    excluded = [{term_key(name) for name in place_names} for _, place_names in named]
    chosen = [_choose(terms, df, len(named), skip) for terms, skip in zip(analysed, excluded)]
    _share(chosen, analysed, excluded)
    forms = _display_forms(analysed, {key for keys in chosen for key in keys})
    return {key: tuple(forms[term] for term in keys) for (key, _), keys in zip(named, chosen)}
