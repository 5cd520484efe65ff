"""decode_seed: every encoding archivists' scrapers produce → the same NFC text."""

import codecs
import unicodedata

import pytest

from khotin.errors import SeedError
from khotin.loader.decode import DecodedSeed, decode_seed, decode_seed_noted, encode_windows_1258

TEXT = "Công an quận Đống Đa tổng kết phong trào toàn dân bảo vệ an ninh Tổ quốc.\nNgày 24/3, hội nghị."


def test_utf8_passes_through():
    assert decode_seed(TEXT.encode("utf-8"), "a.txt") == TEXT


def test_utf8_bom_is_dropped():
    assert decode_seed(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "a.txt") == TEXT


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom(codec):
    assert decode_seed(TEXT.encode(codec), "a.txt") == TEXT


def test_windows_1258_tone_marks_become_nfc():
    raw = encode_windows_1258(TEXT)
    assert b"\xec" in raw or b"\xcc" in raw or b"\xf2" in raw  # combining tones really used
    decoded = decode_seed(raw, "a.txt")
    assert decoded == TEXT
    assert unicodedata.is_normalized("NFC", decoded)


def test_decomposed_utf8_is_composed():
    assert decode_seed(unicodedata.normalize("NFD", TEXT).encode(), "a.txt") == TEXT


def test_crlf_and_cr_become_lf():
    assert decode_seed(b"a\r\nb\rc", "a.txt") == "a\nb\nc"


def test_a_few_broken_bytes_in_utf8_do_not_switch_encoding():
    raw = TEXT.encode("utf-8") * 5 + b"\xff" + TEXT.encode("utf-8")
    decoded = decode_seed(raw, "a.txt")
    assert "Đống Đa" in decoded and "\ufffd" in decoded


def test_zero_width_and_bom_inside_text_are_removed():
    assert decode_seed("Hà\u200bNội\ufeff".encode(), "a.txt") == "HàNội"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\t\r\n  ", "whitespace only, no text"),
        ("\u00a0\u00a0\n".encode(), "whitespace only, no text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "binary file, not text"),
        (bytes(range(256)) * 8, "binary file, not text"),
    ],
)
def test_unusable_input_is_refused_with_a_reason(raw, reason):
    with pytest.raises(SeedError) as caught:
        decode_seed(raw, "seeds/x.txt")
    assert caught.value.reason == reason
    assert str(caught.value) == f"seeds/x.txt: {reason}"


def test_script_tags_are_kept_as_text():
    assert decode_seed(b"<script>alert(1)</script>", "a.txt") == "<script>alert(1)</script>"


def test_characters_xml_forbids_are_dropped_with_a_review_note():
    raw = "\x1b[31mĐống Đa\x1b[0m\x01 tổng kết\x7f\x85 năm\x9f 2015\ufffe.".encode()
    decoded = decode_seed_noted(raw, "a.txt")
    assert decoded.text == "Đống Đa tổng kết năm 2015."
    assert decoded.review == ("dropped 7 control characters XML 1.0 forbids "
                              "(U+0001, U+001B ×2, U+007F, U+0085, U+009F, U+FFFE)",)


def test_form_feed_and_vertical_tab_stay_line_breaks_without_a_note():
    decoded = decode_seed_noted("Hà Nội\x0cHải Phòng\x0bĐà Nẵng".encode(), "a.txt")
    assert decoded == DecodedSeed("Hà Nội\nHải Phòng\nĐà Nẵng", ())


def test_lone_surrogate_in_utf16_is_dropped_not_fatal():
    raw = codecs.BOM_UTF16_LE + "Hà Nội ".encode("utf-16-le") + b"\x00\xd8" + " Đống Đa".encode("utf-16-le")
    decoded = decode_seed_noted(raw, "a.txt")
    assert decoded.text == "Hà Nội  Đống Đa"
    assert "U+D800" in decoded.review[0]


def test_clean_text_has_no_note():
    assert decode_seed_noted(TEXT.encode(), "a.txt").review == ()
