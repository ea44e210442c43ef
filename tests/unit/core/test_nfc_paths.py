"""nfc takes a short way for plain ASCII text and composes each other text once: the same answer as composing it
every time."""

from __future__ import annotations

import unicodedata

from models.core import vnname


def _reference(text: str) -> str:
    kept = "".join(
        ch
        for ch in unicodedata.normalize("NFC", text)
        if unicodedata.category(ch) != "Cf" and (ch.isprintable() or ch.isspace())
    )
    return " ".join(kept.split())


def test_every_ascii_character_and_vietnamese_text_give_the_composed_answer():
    texts = [f" a{chr(c)}b  {chr(c)}" for c in range(128)]
    texts += [unicodedata.normalize("NFD", "  Nguyễn   Thị Ánh "), "Lê\u200bVăn\u202eAn", "Hà\u00a0Nội", "\ufeffĐỗ"]
    assert [vnname.nfc(t) for t in texts] == [_reference(t) for t in texts]


def test_a_repeated_text_is_composed_once():
    vnname._composed.cache_clear()
    for _ in range(5):
        assert vnname.nfc("Nguyễn Văn Ánh") == "Nguyễn Văn Ánh"
    assert vnname.nfc("0912 345 678") == "0912 345 678"
    info = vnname._composed.cache_info()
    assert (info.misses, info.hits) == (1, 4)
