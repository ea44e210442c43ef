"""TCVN3 and VNI tables round-trip over the whole Vietnamese alphabet; detection never touches proper Unicode."""

from __future__ import annotations

import unicodedata

import pytest

from reports.roster.legacy_encoding import (
    TCVN3,
    VNI,
    decode_tcvn3,
    decode_vni,
    encode_tcvn3,
    encode_vni,
    to_unicode,
)

BASES = "aăâeêioôơuưy"
TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
LOWER = [unicodedata.normalize("NFC", b + t) for b in BASES for t in TONES]
LOWER = [ch for ch in LOWER if ch not in BASES or ch in "ăâêôơư"] + ["đ"]
LETTERS = LOWER + [ch.upper() for ch in LOWER]


def test_alphabet_has_134_letters():
    assert len(LOWER) == 67 and len(set(LETTERS)) == 134


@pytest.mark.parametrize("letter", LETTERS)
def test_tcvn3_round_trip(letter):
    encoded, capitals_font = encode_tcvn3(letter)
    assert len(encoded) == 1 and 0xA1 <= ord(encoded) <= 0xFF
    assert capitals_font == (letter.isupper() and letter not in "ĂÂÊÔƠƯĐ")
    assert decode_tcvn3(encoded, capitals_font) == letter


@pytest.mark.parametrize("letter", LETTERS)
def test_vni_round_trip(letter):
    encoded = encode_vni(letter)
    assert all(ord(ch) <= 0xFF for ch in encoded)
    # VNI keeps the four Latin-1 letters í ì Í Ì as they are and spells every other one differently
    assert (encoded == letter) == (letter in "íìÍÌ")
    assert decode_vni(encoded) == letter


@pytest.mark.parametrize(
    ("legacy", "unicode_text", "encoding"),
    [
        ("NguyÔn V¨n An", "Nguyễn Văn An", TCVN3),
        ("Lª ThÞ Hoa", "Lê Thị Hoa", TCVN3),
        ("§¶ng viªn", "Đảng viên", TCVN3),
        ("Tr\xadêng Kh«ng", "Trường Không", TCVN3),
        ("Hµ Néi", "Hà Nội", TCVN3),
        ("Nguyeãn Vaên An", "Nguyễn Văn An", VNI),
        ("Khoâng", "Không", VNI),
        ("Thaønh phoá Hoà Chí Minh", "Thành phố Hồ Chí Minh", VNI),
        ("ÑAÛNG VIEÂN", "ĐẢNG VIÊN", VNI),
        ("Caø Mau", "Cà Mau", VNI),
    ],
)
def test_detects_and_converts(legacy, unicode_text, encoding):
    assert to_unicode(legacy) == (unicode_text, encoding)


@pytest.mark.parametrize(
    "text",
    [
        "Nguyễn Văn An",
        "Hòa Bình",
        "Hoà Bình",
        "Lê Hà",
        "Đoàn Thị Thuý",
        "Kinh",
        "Hồ Thị Hoà",
        "Bùi Văn Toàn",
        "Nguye\u0302\u0303n",
        "Hà Nội – Việt Nam",
        "12/12",
        "Tô Hoài",
        "Lò Văn Hùng",
        "Mai Hà Tú",
    ],
)
def test_never_converts_unicode(text):
    assert to_unicode(text) == (text, None)


def test_font_hint_and_capitals_font():
    assert to_unicode("nguyÔn v¨n an", ".VnTimeH") == ("NGUYỄN VĂN AN", TCVN3)
    assert to_unicode("Hßa", ".VnTime") == ("Hòa", TCVN3)
    assert to_unicode("Hoøa", "VNI-Times") == ("Hòa", VNI)


def test_a_repeated_text_is_judged_once(monkeypatch):
    """A roster repeats its jobs and places ("Giáo viên": Latin-1 letters only, so it is checked): each distinct
    text (and font) is scored once, the same answer given again."""
    import reports.roster.legacy_encoding as legacy

    scored = []
    real = legacy.plausibility
    monkeypatch.setattr(legacy, "plausibility", lambda text: scored.append(text) or real(text))
    to_unicode.cache_clear()
    answers = {to_unicode("Giáo viên") for _ in range(100)}
    assert answers == {("Giáo viên", None)} and 0 < len(scored) <= 3
    assert to_unicode("Hßa", ".VnTime") == ("Hòa", TCVN3) == to_unicode("Hßa", ".VnTime")
    to_unicode.cache_clear()
