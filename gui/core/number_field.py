"""A whole-number field for counts (ballots, votes, years)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QSpinBox


class NumberField(QSpinBox):
    """A spin box whose number is selected whenever it gets the focus from the keyboard or on opening its dialog,
    so that the number typed replaces it (Qt selects it only on Tab: typing 4 into a dialog's first field showing
    1 gave 41). A mouse click still places the cursor."""

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        if event.reason() != Qt.FocusReason.MouseFocusReason:
            self.selectAll()


def number_field(low: int, high: int, value: int) -> QSpinBox:
    """A spin box from `low` to `high` (never below `low`) showing `value`."""
    spin = NumberField()
    spin.setRange(low, max(high, low))
    spin.setValue(value)
    return spin
