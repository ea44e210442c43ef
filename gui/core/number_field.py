"""A whole-number field for counts (ballots, votes, years)."""

from __future__ import annotations

from PySide6.QtWidgets import QSpinBox


def number_field(low: int, high: int, value: int) -> QSpinBox:
    """A spin box from `low` to `high` (never below `low`) showing `value`."""
    spin = QSpinBox()
    spin.setRange(low, max(high, low))
    spin.setValue(value)
    return spin
