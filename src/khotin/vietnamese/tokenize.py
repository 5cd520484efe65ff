"""pyvi word segmentation and part-of-speech tagging, loaded once per process.

pyvi unpickles its CRF models at import (about a second) into temporary files
that the model object deletes when it is collected; a forked worker that
re-loads or tears down the model can remove the parent's files. So the models
are imported behind `warm()`, which the parent calls before it forks, and the
tagger is exercised once so the CRF handle is open before any fork.

pyvi's own feature code (`word2features`) builds each token's feature dict in
Python and costs as much as the CRF itself. The functions here feed pyvi's CRF
models the same features, in the same order, computed once per token instead
of up to five times, and without the features whose value is False: crfsuite
weighs an attribute by its value, so a 0.0 attribute adds exactly 0.0 to every
score and leaving it out changes no label. `pyvi_segment` and `pyvi_tag` are
pyvi's own paths, kept for the tests that hold the two equal.
"""

from __future__ import annotations

import re
import string
import tempfile
import unicodedata
from functools import lru_cache
from types import SimpleNamespace

from khotin.errors import KhotinError

# pyvi 0.1.1's ViTokenizer.sylabelize pattern, compiled once instead of per call.
_SYLLABLES = re.compile(
    "(" + "|".join([
        r"[A-ZĐ]+\.", r"Tp\.", r"Mr\.", r"Mrs\.", r"Ms\.", r"Dr\.", r"ThS\.",
        "==>", "->", r"\.\.\.", ">>", "\n",
        r"\w+://[^\s]+", r"([a-zA-Z0-9_.+-]+@([a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+)",
        r"\d+([\.,_]\d+)+", r"[^\w\s]", r"\w+",
    ]) + ")",
    re.UNICODE,
)
_PUNCTUATION = string.punctuation


@lru_cache(maxsize=1)
def _models() -> SimpleNamespace:
    try:
        from pyvi import ViPosTagger, ViTokenizer  # heavy: unpacks the CRF models
    except OSError as exc:  # the models are unpacked into the temporary folder
        raise KhotinError(
            f"{tempfile.gettempdir()}: cannot unpack pyvi's models: {exc.strerror or exc}"
        ) from None

    segmenter, tagger = ViTokenizer.ViTokenizer, ViPosTagger.ViPosTagger
    models = SimpleNamespace(
        tokenizer=ViTokenizer, tagger=ViPosTagger,
        segment_crf=segmenter.model.tagger_, pos_crf=tagger.model.tagger_,
        bi_grams=segmenter.bi_grams, tri_grams=segmenter.tri_grams,
        filtered=tagger.filtered_tags,
    )
    tokens, _ = models.tokenizer.spacy_tokenize("Hà Nội")
    models.tagger.postagging_tokens(tokens)
    _tag_tokens(models, tokens)
    return models


def warm() -> None:
    """Load the pyvi models now (call in the parent before forking workers)."""
    _models()


def _segment_features(syllables: list[str], bi_grams: set, tri_grams: set) -> list[dict]:
    """ViTokenizer.word2features for every syllable, False features left out."""
    lower = [s.lower() for s in syllables]
    title = [s.istitle() for s in syllables]
    upper = [s.isupper() for s in syllables]
    n = len(syllables)
    # bi[i]: syllables i-1, i form a known word; tri[i]: i-2, i-1, i do (each
    # looked up once, though two or three tokens' features use it). Joined from
    # the lower-cased syllables: a syllable holds no blank, and lower() reads
    # no context across one, so this is pyvi's `(a + " " + b).lower()`.
    pairs = [a + " " + b for a, b in zip(lower, lower[1:])]
    bi = [False] + [pair in bi_grams for pair in pairs]
    tri = [False, False] + [pair + " " + c in tri_grams for pair, c in zip(pairs, lower[2:])]
    features = []
    for i, word in enumerate(syllables):
        f = {"bias": 1.0, "word.lower()": lower[i]}
        if upper[i]:
            f["word.isupper()"] = True
        if title[i]:
            f["word.istitle()"] = True
        if word.isdigit():
            f["word.isdigit()"] = True
        if i > 0:
            f["-1:word.lower()"] = lower[i - 1]
            if title[i - 1]:
                f["-1:word.istitle()"] = True
            if upper[i - 1]:
                f["-1:word.isupper()"] = True
            if bi[i]:
                f["-1:word.bi_gram()"] = True
            if tri[i]:
                f["-2:word.tri_gram()"] = True
        if i < n - 1:
            f["+1:word.lower()"] = lower[i + 1]
            if title[i + 1]:
                f["+1:word.istitle()"] = True
            if upper[i + 1]:
                f["+1:word.isupper()"] = True
            if bi[i + 1]:
                f["+1:word.bi_gram()"] = True
            if i < n - 2 and tri[i + 2]:
                f["+2:word.tri_gram()"] = True
        features.append(f)
    return features


def _pos_features(tokens: list[str], filtered: set) -> list[dict]:
    """ViPosTagger.word2features for every token, False features left out."""
    lower = [t.lower() for t in tokens]
    title = [t.istitle() for t in tokens]
    upper = [t.isupper() for t in tokens]
    digit1 = [t[:1].isdigit() for t in tokens]
    upper3 = [t[:3].isupper() for t in tokens]
    n = len(tokens)
    features = []
    for i, word in enumerate(tokens):
        f = {"bias": 1.0, "word.lower()": lower[i]}
        if title[i]:
            f["word.istitle()"] = True
        if word.isdigit():
            f["word.isdigit()"] = True
        if digit1[i]:
            f["word[:1].isdigit()"] = True
        if upper3[i]:
            f["word[:3].isupper()"] = True
        if word in filtered:
            f["word.isfiltered"] = True
        if i > 0:
            f["-1:word.lower()"] = lower[i - 1]
            if title[i - 1]:
                f["-1:word.istitle()"] = True
            if digit1[i - 1]:
                f["-1:word[:1].isdigit()"] = True
            if upper3[i - 1]:
                f["-1:word[:3].isupper()"] = True
            if i > 1:
                f["-2:word.lower()"] = lower[i - 2]
                if title[i - 2]:
                    f["-2:word.istitle()"] = True
                if upper[i - 2]:
                    f["-2:word.isupper()"] = True
        else:
            f["BOS"] = True
        if i < n - 1:
            f["+1:word.lower()"] = lower[i + 1]
            if title[i + 1]:
                f["+1:word.istitle()"] = True
            if digit1[i + 1]:
                f["+1:word[:1].isdigit()"] = True
            if upper[i + 1]:
                f["+1:word.isupper()"] = True
            if i < n - 2:
                f["+2:word.lower()"] = lower[i + 2]
                if title[i + 2]:
                    f["+2:word.istitle()"] = True
                if upper[i + 2]:
                    f["+2:word.isupper()"] = True
        else:
            f["EOS"] = True
        features.append(f)
    return features


def _tag_tokens(models: SimpleNamespace, tokens: list[str]) -> list[str]:
    return models.pos_crf.tag(_pos_features(tokens, models.filtered))


def segment(text: str) -> list[str]:
    """Words of `text`, the syllables of a compound joined with "_" ("an_ninh");
    the same words as pyvi's `ViTokenizer.spacy_tokenize`."""
    if not text or not text.strip():
        return []
    models = _models()
    syllables = [m[0] for m in _SYLLABLES.findall(unicodedata.normalize("NFC", text))]
    if not syllables:
        return []
    labels = models.segment_crf.tag(_segment_features(syllables, models.bi_grams, models.tri_grams))
    punctuation = _PUNCTUATION
    # a syllable joins the one before it when labelled I_W, unless either is
    # punctuation or starts with a digit, or it alone starts with a capital
    # (each syllable's part asked once, not once per neighbour)
    apart = [s in punctuation or s[:1].isdigit() for s in syllables]
    title = [s[:1].istitle() for s in syllables]
    tokens = []
    run = [syllables[0]]
    for i in range(1, len(labels)):
        if (labels[i] == "I_W" and not apart[i] and not apart[i - 1]
                and not (title[i] and not title[i - 1])):
            run.append(syllables[i])
        else:
            tokens.append("_".join(run))
            run = [syllables[i]]
    tokens.append("_".join(run))
    return [token for token in tokens if token and not token.isspace()]


def pos_tag(text: str) -> list[tuple[str, str]]:
    """(word, pyvi tag) pairs; tags: Np proper noun, N noun, V verb, A adjective, M number…"""
    return tag_words(segment(text))


def tag_words(words: list[str]) -> list[tuple[str, str]]:
    """pyvi tags for words already segmented (lets callers pre-join tokens);
    the same tags as pyvi's `ViPosTagger.postagging_tokens`."""
    if not words:
        return []
    words = list(words)
    return list(zip(words, _tag_tokens(_models(), words)))


def pyvi_segment(text: str) -> list[str]:
    """`segment` through pyvi's own code (slow; the reference in tests)."""
    if not text or not text.strip():
        return []
    tokens, _ = _models().tokenizer.spacy_tokenize(text)
    return [token for token in tokens if token and not token.isspace()]


def pyvi_tag(words: list[str]) -> list[tuple[str, str]]:
    """`tag_words` through pyvi's own code (slow; the reference in tests)."""
    if not words:
        return []
    tokens, labels = _models().tagger.postagging_tokens(list(words))
    return list(zip(tokens, labels))


def is_dictionary_word(word: str) -> bool:
    """True when `word` ("công_an", "Công an") is in pyvi's list of two- and
    three-syllable words: a compound pyvi joined by its own list, not by context."""
    models = _models()
    phrase = " ".join(word.replace("_", " ").lower().split())
    return phrase in models.bi_grams or phrase in models.tri_grams
