"""Choosing one member from a list, with a search that needs no diacritics."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from gui.core import dialogs
from models.core.vnname import fold

ROLE = Qt.ItemDataRole.UserRole


LIST_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


class PersonChooser(QDialog):
    """Pick one of `people` (anything with `full_name`); typing searches, ↑/↓ in the search move among the names
    found, Enter or a double click chooses."""

    def __init__(self, title: str, people: Sequence, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.people = list(people)
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm theo họ tên (không cần gõ dấu)")
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.list = QListWidget()
        for index, person in enumerate(self.people):
            item = QListWidgetItem(person.full_name)
            item.setData(ROLE, index)
            self.list.addItem(item)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.buttons = dialogs.ok_cancel(self, self.accept)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.search.returnPressed.connect(self.accept)
        self.list.setCurrentRow(0)
        dialogs.fit_to_screen(self, 420, 520)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.search and event.type() == QEvent.Type.KeyPress and event.key() in LIST_KEYS:
            QApplication.sendEvent(self.list, event)  # the search keeps the focus: type more, or Enter
            return True
        return super().eventFilter(watched, event)

    def _filter(self, text: str) -> None:
        wanted = fold(text)
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = bool(wanted) and wanted not in fold(item.text())
            item.setHidden(hidden)
            if not hidden and first is None:
                first = row
        if first is not None:
            self.list.setCurrentRow(first)

    def chosen(self):
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        return self.people[item.data(ROLE)]


def choose_person(parent: QWidget | None, title: str, people: Sequence):
    """The person chosen, or None (cancelled, or nobody to choose: then the user is told)."""
    if not people:
        dialogs.show_info(parent, "Không có ai để chọn.")
        return None
    dialog = PersonChooser(title, people, parent)
    return dialog.chosen() if dialog.exec() else None
