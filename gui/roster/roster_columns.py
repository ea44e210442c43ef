"""Which roster columns are shown: the header's right-click menu, remembered in QSettings."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTableView

from gui.roster.member_table_model import COLUMN_INDEX, COLUMNS

SETTINGS_KEY = "members/hidden_columns"
_WIDTHS = {
    "no": 50,
    "full_name": 220,
    "gender": 80,
    "birth_date": 100,
    "admission_date": 120,
    "kind": 130,
    "status": 190,
    "card_number": 100,
}
_ALWAYS_SHOWN = ("no", "full_name")


class RosterColumns(QObject):
    def __init__(self, table: QTableView, settings: QSettings) -> None:
        super().__init__(table)
        self._table = table
        self._settings = settings
        self.menu: QMenu | None = None
        self._restore()

    def offer_menu(self) -> None:
        """The header's right-click menu (called by MembersTab.finish_setup: its policy is a `Qt` enum)."""
        from PySide6.QtCore import Qt

        header = self._table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_menu_requested)

    def set_visible(self, index: int, visible: bool) -> None:
        self._table.setColumnHidden(index, not visible)
        hidden = [c.key for i, c in enumerate(COLUMNS) if self._table.isColumnHidden(i)]
        self._settings.setValue(SETTINGS_KEY, ",".join(hidden) or "-")

    def visible_keys(self) -> list[str]:
        return [c.key for i, c in enumerate(COLUMNS) if not self._table.isColumnHidden(i)]

    def screen_columns(self) -> list[tuple[str, str]]:
        """(title, key) of the visible columns in their on-screen order, STT left out (exports number rows)."""
        header = self._table.horizontalHeader()
        order = sorted(self.visible_keys(), key=lambda key: header.visualIndex(COLUMN_INDEX[key]))
        return [(COLUMNS[COLUMN_INDEX[key]].title, key) for key in order if key != "no"]

    def _on_header_menu_requested(self, pos) -> None:
        menu = QMenu(self._table)
        for index, column in enumerate(COLUMNS):
            action = QAction(column.title, menu)
            action.setCheckable(True)
            action.setChecked(not self._table.isColumnHidden(index))
            action.setEnabled(column.key not in _ALWAYS_SHOWN)
            action.toggled.connect(lambda checked, i=index: self.set_visible(i, checked))
            menu.addAction(action)
        menu.popup(self._table.horizontalHeader().mapToGlobal(pos))
        self.menu = menu

    def _restore(self) -> None:
        saved = self._settings.value(SETTINGS_KEY, "", type=str)
        hidden = {c.key for c in COLUMNS if not c.visible_by_default} if not saved else set(saved.split(","))
        for index, column in enumerate(COLUMNS):
            self._table.setColumnHidden(index, column.key in hidden)
        for key, width in _WIDTHS.items():
            self._table.setColumnWidth(COLUMN_INDEX[key], width)
