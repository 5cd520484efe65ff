"""A raw text page: the seed's bytes, decoded; nothing is given beyond the text."""

from __future__ import annotations

import hashlib
from pathlib import Path

from khotin.errors import SeedError
from khotin.loader.decode import decode_seed
from khotin.loader.readers import SeedDocument


def read_text_page(path: Path) -> SeedDocument:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SeedError(path.name, f"cannot read: {exc.strerror}") from None
    return SeedDocument(path.name, None, hashlib.sha256(raw).hexdigest(), decode_seed(raw, path.name))
