"""pyvi word segmentation and part-of-speech tagging, loaded once per process.

pyvi unpickles its CRF models at import (about a second) into temporary files
that the model object deletes when it is collected; a forked worker that
re-loads or tears down the model can remove the parent's files. So the models
are imported behind `warm()`, which the parent calls before it forks, and the
tagger is exercised once so the CRF handle is open before any fork.
"""

from __future__ import annotations

import tempfile
from functools import lru_cache
from types import SimpleNamespace

from khotin.errors import KhotinError


@lru_cache(maxsize=1)
def _models() -> SimpleNamespace:
    try:
        from pyvi import ViPosTagger, ViTokenizer  # heavy: unpacks the CRF models
    except OSError as exc:  # the models are unpacked into the temporary folder
        raise KhotinError(
            f"{tempfile.gettempdir()}: cannot unpack pyvi's models: {exc.strerror or exc}"
        ) from None

    models = SimpleNamespace(tokenizer=ViTokenizer, tagger=ViPosTagger)
    tokens, _ = models.tokenizer.spacy_tokenize("Hà Nội")
    models.tagger.postagging_tokens(tokens)
    return models


def warm() -> None:
    """Load the pyvi models now (call in the parent before forking workers)."""
    _models()


def segment(text: str) -> list[str]:
    """Words of `text`, the syllables of a compound joined with "_" ("an_ninh")."""
    if not text or not text.strip():
        return []
    tokens, _ = _models().tokenizer.spacy_tokenize(text)
    return [token for token in tokens if token and not token.isspace()]


def pos_tag(text: str) -> list[tuple[str, str]]:
    """(word, pyvi tag) pairs; tags: Np proper noun, N noun, V verb, A adjective, M number…"""
    return tag_words(segment(text))


def tag_words(words: list[str]) -> list[tuple[str, str]]:
    """pyvi tags for words already segmented (lets callers pre-join tokens)."""
    if not words:
        return []
    tokens, labels = _models().tagger.postagging_tokens(list(words))
    return list(zip(tokens, labels))
