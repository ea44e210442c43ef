"""Numbers as Vietnamese text: Roman numerals for report sections and congress ordinals ("lần thứ IV"), and
whole numbers with their thousands grouped by dots ("5.000")."""

from __future__ import annotations

_VALUES = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(number: int) -> str:
    """The Roman numeral of a positive number (I, II, III, IV, …)."""
    out = []
    for value, letters in _VALUES:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def thousands(number: int) -> str:
    """`number` with Vietnamese digit grouping: 20000 → "20.000"."""
    return f"{number:,}".replace(",", ".")
