"""Pagefind's bundle from custom records, taken from its memory and made byte-stable.

`pagefind_files` drives Pagefind's service (its Python API, with the fixes below).
`stable_bundle` makes two builds of the same content byte-identical:

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

import asyncio
import base64
import contextlib
import gzip
import hashlib
import json
import re
from typing import Iterable

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


def _service_class():
    """pagefind's Python service, minus its 0.1 s sleep before reading each reply
    (and the debug formatting of each request).

    The stock reader (pagefind 1.5.2) sleeps before every response it reads, which
    caps indexing at ten records a second (10,000 articles: 17 minutes). This one
    reads replies as the binary writes them, with the same wire format and the
    same error handling, and fails every waiting call if the binary dies.
    """
    from pagefind.service import PagefindService
    from pagefind.service.types import InternalServiceRequest

    class Service(PagefindService):
        async def _wait_for_responses(self) -> None:
            try:
                while True:
                    output = await self._backend.stdout.readuntil(b",")
                    response = json.loads(base64.b64decode(output[:-1]))
                    if response is not None:
                        self._resolve(response)
            except (asyncio.IncompleteReadError, ValueError) as exc:
                for future in self._responses.values():
                    if not future.done():
                        future.set_exception(RuntimeError(f"the Pagefind service stopped: {exc}"))

        async def launch(self):
            """The stock launch, with room in the pipe reader for GetFiles: the whole
            bundle comes back as one base64 message."""
            self._backend = await asyncio.create_subprocess_exec(
                self._bin, "--service", stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT, limit=2**31 - 1,
            )
            self._poll_task = self._loop.create_task(self._wait_for_responses())
            return self

        async def send(self, payload):
            """The stock send, less its two debug lines, which format the whole request
            (the article's text) even when debug logging is off: ~50 µs an article."""
            self._message_id += 1
            future = self._loop.create_future()
            self._responses[self._message_id] = future
            if self._backend.stdin is None:
                await self.launch()
            request = InternalServiceRequest(message_id=self._message_id, payload=payload)
            self._backend.stdin.write(base64.b64encode(json.dumps(request).encode("utf-8")) + b",")
            await self._backend.stdin.drain()
            return await future

        async def close(self) -> None:
            """Let the binary finish writing and exit on its own: the stock close
            terminates it at once, which can cut off the files it is still writing
            (an empty pagefind-entry.json, seen here one build in fifteen)."""
            pending = [f for f in self._responses.values() if not f.done()]
            if pending:
                await asyncio.wait(pending, timeout=30)
            self._poll_task.cancel()
            if self._backend.stdin is not None:
                self._backend.stdin.close()
            try:
                await asyncio.wait_for(self._backend.wait(), timeout=60)
            except asyncio.TimeoutError:
                self._backend.terminate()
                await self._backend.wait()
            # The service and its reading task refer to each other, so only the cycle
            # collector would free them, and with them the pipe reader's buffer, grown
            # to the whole bundle (~10 MB a shard at 100,000 articles): let go now.
            self._poll_task = self._backend = None

        def _resolve(self, response: dict) -> None:
            payload = response.get("payload") or {}
            message_id = response.get("message_id")
            if message_id is None and payload.get("original_message"):
                message_id = json.loads(payload["original_message"]).get("message_id")
            # Popped, not looked up: the stock service keeps every reply (the whole
            # bundle's among them) as long as the service, which only the cycle
            # collector frees: ~10 MB a shard at 100,000 articles, until it ran.
            future = self._responses.pop(message_id, None)
            if future is None or future.done():
                return
            if payload.get("type") == "Error":
                future.set_exception(RuntimeError(payload.get("message", "Pagefind error")))
            else:
                future.set_result(payload)

    return Service


async def pagefind_files(records: Iterable, language: str, window: int = 128,
                         building: contextlib.AbstractContextManager | None = None) -> dict[str, bytes]:
    """Index the records and take the bundle from Pagefind's memory: its
    write_files answers before every file is written, and files it is still
    writing when it exits are left empty (Pagefind 1.5.2).

    `records` may be a generator: up to `window` requests stay in flight, so the
    caller prepares the next record while the binary indexes the ones it has, and
    a round trip per record never leaves the binary idle. They are sent in order.

    `building` is held while Pagefind builds the bundle from the records: that
    step, not the records, is its memory (a shard of 1,560 articles, 6 MB of
    text: ~120 MB once sent, ~550 MB while built), so a lock there lets one shard
    be sent while another is built without both peaking at once. It blocks this
    thread's event loop, which has nothing else to do meanwhile.
    """
    from pagefind.index import IndexConfig

    service = await _service_class()().launch()
    try:
        index = await service.create_index(IndexConfig(force_language=language))
        pending: set[asyncio.Future] = set()
        for record in records:
            if len(pending) >= window:
                done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                for future in done:
                    future.result()  # a refused record fails the bundle now
            pending.add(asyncio.ensure_future(index.add_custom_record(
                url=record.url, content=record.content, language=language, meta=dict(record.meta),
                filters=dict(record.filters), sort=dict(record.sort))))
        await asyncio.gather(*pending)
        with building or contextlib.nullcontext():
            files = await index.get_files()
    finally:
        await service.close()
    return {file["path"].lstrip("/"): file["content"] for file in files}
