"""Make Pagefind's bundle byte-stable, so that two builds of the same content are identical.

Pagefind 1.5 writes its filter lists and its metadata file in hash-map order,
which changes from run to run (pagefind issue #638), and names those files
after their bytes. The rest of the bundle is already stable. Each such file is
"pagefind_dcd" + CBOR, gzipped; we decode it, sort the unordered lists, encode
it again and rename it after the new bytes, updating the references to it
(filters are named in the metadata file, the metadata file in
pagefind-entry.json). The browser fetches files by the names listed there and
never checks a name against the bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re

import cbor2

_MAGIC = b"pagefind_dcd"
_FILTER = re.compile(r"^(?P<dir>.*/filter/)(?P<lang>[^/_]+)_[0-9a-f]+\.pf_filter$")
_META = re.compile(r"^(?P<dir>.*/)pagefind\.(?P<lang>[^/_]+)_[0-9a-f]+\.pf_meta$")


def _decode(data: bytes):
    raw = gzip.decompress(data)
    if not raw.startswith(_MAGIC):
        raise ValueError("not a Pagefind data file")
    return cbor2.loads(raw[len(_MAGIC):])


def _encode(value) -> bytes:
    return gzip.compress(_MAGIC + cbor2.dumps(value), mtime=0)


def _name(lang: str, data: bytes, length: int) -> str:
    return f"{lang}_{hashlib.sha256(data).hexdigest()[:length]}"


def stable_bundle(files: dict[str, bytes]) -> dict[str, bytes]:
    """The same bundle with its filter and metadata files in a fixed order and
    named after their new bytes."""
    result = dict(files)
    renamed: dict[str, str] = {}
    for path in sorted(files):
        match = _FILTER.match(path)
        if not match:
            continue
        name, values = _decode(files[path])
        data = _encode([name, sorted(values, key=lambda item: item[0])])
        new_hash = _name(match["lang"], data, 7)
        renamed[path.rsplit("/", 1)[1].removesuffix(".pf_filter")] = new_hash
        del result[path]
        result[f"{match['dir']}{new_hash}.pf_filter"] = data
    for path in sorted(files):
        match = _META.match(path)
        if not match:
            continue
        meta = _decode(files[path])
        meta[3] = sorted([name, renamed.get(old, old)] for name, old in meta[3])
        data = _encode(meta)
        new_hash = _name(match["lang"], data, 10)
        del result[path]
        result[f"{match['dir']}pagefind.{new_hash}.pf_meta"] = data
        entry_path = f"{match['dir']}pagefind-entry.json"
        entry = json.loads(result[entry_path])
        entry["languages"][match["lang"]]["hash"] = new_hash
        result[entry_path] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    return result
