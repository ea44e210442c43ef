"""A tab page whose content is built after the window's first paint (its modules load peewee, QtCharts…): until
then it says it is opening; the window hands it the real widget with `set_content`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class DeferredPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._waiting = QLabel("Đang mở…")
        self._waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.addWidget(self._waiting)

    def set_content(self, widget: QWidget) -> None:
        self._waiting.hide()
        self._layout.addWidget(widget)
        self.content = widget
