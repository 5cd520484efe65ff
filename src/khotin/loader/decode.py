"""Seed bytes → NFC text.

Archivists paste whatever their scraper saved: UTF-8 (with or without BOM),
UTF-16 from Windows tools (with or without BOM), or Windows-1258, the legacy
Vietnamese code page that stores tone marks as separate combining characters.
Everything becomes NFC with LF line ends so later stages see one spelling of
each word. Binary and empty files are refused with a reason, never guessed at.
Characters XML 1.0 forbids (terminal colour codes, stray C1 bytes) are dropped
here, and the record's review note says how many, so an editor knows the
text was touched.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from khotin.errors import SeedError
from khotin.xmlchars import scrub

_SAMPLE = 1 << 16
# C0 controls that never occur in text (tab, LF, VT, FF, CR and ESC excluded).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
# Invisible characters dropped from text, and line separators that become LF.
_INVISIBLE_CHARS = "\u200b\u2060\ufeff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]+")
_BREAK_CHARS = "\r\x0b\x0c\u2028\u2029"
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\u2028\u2029]")
_VIETNAMESE_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _utf16_without_bom(raw: bytes) -> str | None:
    """Name the UTF-16 byte order when every other byte is mostly zero.

    Vietnamese in UTF-16 is mostly Latin letters and spaces, whose high byte
    is zero; ordinary 8-bit text has (almost) no zero bytes at all.
    """
    sample = raw[:_SAMPLE]
    half = len(sample) // 2
    if half < 2:
        return None
    even_zero = sample[0::2].count(0) / half
    odd_zero = sample[1::2].count(0) / half
    if odd_zero > 0.3 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.3 and odd_zero < 0.05:
        return "utf-16-be"
    return None


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > max(2, len(sample) // 100)


def _decode_8bit(raw: bytes) -> str:
    """UTF-8 when the bytes are (nearly all) UTF-8, else Windows-1258.

    A few broken bytes in an otherwise UTF-8 file are replaced rather than
    turning the whole page into Windows-1258 mojibake.
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lenient = raw.decode("utf-8", errors="replace")
    broken = lenient.count("\ufffd")
    non_ascii = len(raw) - len(raw.translate(None, bytes(range(128))))
    if broken * 100 <= non_ascii:
        return lenient
    return raw.decode("cp1258", errors="replace")


def _bytes_to_str(raw: bytes, name: str) -> str:
    if raw.startswith(codecs.BOM_UTF8):
        return _decode_8bit(raw[len(codecs.BOM_UTF8):])
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            try:
                # a lone surrogate is kept here and dropped, with a note, by scrub()
                return raw[len(bom):].decode(codec, errors="surrogatepass")
            except UnicodeDecodeError:
                raise SeedError(name, "broken UTF-16 text") from None
    codec = _utf16_without_bom(raw)
    if codec:
        try:
            return raw.decode(codec, errors="surrogatepass")
        except UnicodeDecodeError:
            raise SeedError(name, "binary file, not text") from None
    if _looks_binary(raw):
        raise SeedError(name, "binary file, not text")
    return _decode_8bit(raw)


@dataclass(frozen=True)
class DecodedSeed:
    text: str
    review: tuple[str, ...] = ()


def _dropped_note(dropped: dict[str, int]) -> str:
    total = sum(dropped.values())
    listed = ", ".join(f"{code} ×{count}" if count > 1 else code for code, count in sorted(dropped.items()))
    return f"dropped {total} control character{'s' if total > 1 else ''} XML 1.0 forbids ({listed})"


def decode_seed_noted(raw: bytes, name: str) -> DecodedSeed:
    """bytes → NFC str with LF line ends, and review notes on what was dropped;
    SeedError for empty or binary input."""
    if not raw.strip():
        raise SeedError(name, "empty file" if not raw else "whitespace only, no text")
    text = _bytes_to_str(raw, name)
    if "\x00" in text[:_SAMPLE]:
        raise SeedError(name, "binary file, not text")
    text, dropped = scrub(_plain_lines(text))
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise SeedError(name, "whitespace only, no text")
    return DecodedSeed(text, (_dropped_note(dropped),) if dropped else ())


def decode_seed(raw: bytes, name: str) -> str:
    """bytes → NFC str with LF line ends; SeedError for empty or binary input."""
    return decode_seed_noted(raw, name).text


def encode_windows_1258(text: str) -> bytes:
    """NFC text → Windows-1258 bytes, the way legacy Vietnamese tools wrote it.

    The code page has the vowels with circumflex, breve and horn but the five
    tones only as combining marks, so each letter is split into base + tone.
    Used by tests and by anyone producing legacy fixtures.
    """
    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in _VIETNAMESE_TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _VIETNAMESE_TONES))
        try:
            out.append((base + tones).encode("cp1258"))
        except UnicodeEncodeError:
            out.append(char.encode("cp1258", errors="replace"))
    return b"".join(out)


def clean_text(text: str) -> str:
    """Text that arrived already decoded (a field of a JSON or CSV export) made
    to look like a decoded seed: LF line ends, no invisible characters, NFC."""
    text = _plain_lines(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def _plain_lines(text: str) -> str:
    """LF line ends and no invisible characters. Most pages hold none of those
    characters: looking for each is a C-speed scan, while a regex pass costs
    ~50x more (both passes ran twice per page, for learning and for parsing)."""
    if any(char in text for char in _BREAK_CHARS):
        text = _LINE_BREAKS.sub("\n", text)
    if any(char in text for char in _INVISIBLE_CHARS):
        text = _INVISIBLE.sub("", text)
    return text
