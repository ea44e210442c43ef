"""A tab page whose content is built after the window's first paint (its modules load peewee, QtCharts…): until
then it says it is opening; the window hands it the real widget with `set_content`."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget


class DeferredPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        # Centred by stretches, not Qt.AlignmentFlag: the window's frame paints before PySide builds the Qt
        # namespace's ninety enum types (some 30 ms of start-up).
        self._waiting = QWidget()
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(QLabel("Đang mở…"))
        row.addStretch(1)
        column = QVBoxLayout(self._waiting)
        column.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        self._layout.addWidget(self._waiting)

    def set_content(self, widget: QWidget) -> None:
        self._waiting.hide()
        self._layout.addWidget(widget)
        self.content = widget
