"""Numbers as Vietnamese text (models.core.numerals): thousands grouped by dots, as every count the user reads."""

from __future__ import annotations

from models.core.numerals import roman, thousands


def test_thousands_are_grouped_by_dots():
    assert [thousands(n) for n in (0, 7, 999, 1000, 5000, 20000, 1234567)] == [
        "0",
        "7",
        "999",
        "1.000",
        "5.000",
        "20.000",
        "1.234.567",
    ]


def test_roman_numerals_of_congress_ordinals():
    assert [roman(n) for n in (1, 4, 9, 14, 40, 1990)] == ["I", "IV", "IX", "XIV", "XL", "MCMXC"]
