"""A control's own shortcut, live only while the keyboard is in it: PySide6's QShortcut(keys, parent, slot,
context=…) leaves the context at the whole window's (the argument is not applied), so Ctrl+Z of the check-in list
and of the ballot entry were both the window's; the context is set after the shortcut is made."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def local_shortcut(keys: QKeySequence | QKeySequence.StandardKey | str, widget: QWidget, slot: Callable) -> QShortcut:
    """`keys` call `slot` while the focus is on `widget` or inside it."""
    shortcut = QShortcut(QKeySequence(keys), widget)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(slot)
    return shortcut
