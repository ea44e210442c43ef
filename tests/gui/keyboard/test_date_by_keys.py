"""A date picked on the calendar with keys only: Alt+↓ opens it, arrows move, Enter takes the day, Escape leaves
the date as it was; the focus is back on the date either way."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from gui.core.date_field import DateField

Key = Qt.Key


@pytest.fixture
def form(qtbot):
    widget = QWidget()
    layout = QVBoxLayout(widget)
    widget.field = DateField()
    widget.field.setDate(date(2026, 11, 20))
    layout.addWidget(widget.field)
    layout.addWidget(QLineEdit())
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.field.setFocus()
    return widget


@pytest.mark.parametrize(
    ("key", "expected"), [(Key.Key_Return, date(2026, 11, 21)), (Key.Key_Escape, date(2026, 11, 20))]
)
def test_the_calendar_by_keys(qtbot, form, keyboard, key, expected):
    field = form.field
    keyboard.press(Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is field.popup)
    keyboard.press(Key.Key_Right)
    keyboard.press(key)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    assert field.date() == expected
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field.line_edit)
