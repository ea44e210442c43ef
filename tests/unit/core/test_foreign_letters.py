"""foreign_letters looks up the Unicode name only of characters outside the Latin blocks Vietnamese uses: the
answer stays that of looking up every letter."""

from __future__ import annotations

import unicodedata

from models.core.vnname import foreign_letters


def test_every_letter_whose_name_is_not_latin_is_found_and_no_other():
    for code in range(0x30000):
        ch = chr(code)
        if 0xD800 <= code < 0xE000 or not ch.isalpha():
            continue
        script = unicodedata.name(ch, "UNKNOWN").split()[0]
        expected = [] if script == "LATIN" else [(ch, script)]
        assert foreign_letters(f"Nguyễn {ch}") == expected, hex(code)


def test_letters_are_found_in_their_order_each_time_they_appear():
    assert foreign_letters("Nguуễn Аnh ªу") == [
        ("у", "CYRILLIC"),
        ("А", "CYRILLIC"),
        ("ª", "FEMININE"),
        ("у", "CYRILLIC"),
    ]
