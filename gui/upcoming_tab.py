"""A tab whose work has not been delivered yet: it says plainly what is coming, and offers nothing fake."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class UpcomingTab(QWidget):
    def __init__(self, title: str, coming: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        items = "".join(f"<li>{line}</li>" for line in coming)
        label = QLabel(
            f"<h3>{title}</h3><p>Phần này chưa có trong phiên bản hiện tại. Phiên bản sau sẽ có:</p><ul>{items}</ul>"
        )
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(label)
        layout.addStretch(1)
