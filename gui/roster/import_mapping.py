"""The column mapping of the import dialog: each Excel column (letter and header) and the field it goes into."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableWidget, QTableWidgetItem

from models.roster.fields import FIELD_BY_KEY, MEMBER_FIELDS

IGNORE_LABEL = "(bỏ qua)"
# The reader's pseudo keys of the classic "Nam"/"Nữ" columns (reports.roster.roster_headers), named for the user.
GENDER_COLUMNS = {"gender:Nam": "Cột «Nam» (đánh dấu hoặc năm sinh)", "gender:Nữ": "Cột «Nữ» (đánh dấu hoặc năm sinh)"}


def column_letter(column: int) -> str:
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def key_label(key: str) -> str:
    return FIELD_BY_KEY[key].label if key in FIELD_BY_KEY else GENDER_COLUMNS.get(key, key)


class ColumnMappingTable(QTableWidget):
    """Column letter + header text -> a combo of "(bỏ qua)" and every member field."""

    def __init__(self, parent=None) -> None:
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels(["Cột trong tệp", "Nhập vào trường"])
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(0, 150)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setTabKeyNavigation(False)

    def show_columns(self, headers: dict[int, str], mapping: dict[int, str]) -> None:
        self.setRowCount(0)
        columns = [c for c in sorted(set(headers) | set(mapping)) if headers.get(c) or c in mapping]
        self.setRowCount(len(columns))
        choices = [(IGNORE_LABEL, "")] + [(f.label, f.key) for f in MEMBER_FIELDS]
        choices += [(label, key) for key, label in GENDER_COLUMNS.items()]
        for line, column in enumerate(columns):
            item = QTableWidgetItem(f"{column_letter(column)}: {headers.get(column, '')}")
            item.setData(Qt.ItemDataRole.UserRole, column)
            item.setToolTip(headers.get(column, ""))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.setItem(line, 0, item)
            combo = QComboBox()
            for label, key in choices:
                combo.addItem(label, key)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(column, ""))))
            combo.setAccessibleName(f"Cột {column_letter(column)} nhập vào trường")
            self.setCellWidget(line, 1, combo)
        self.resizeRowsToContents()

    def combo(self, column: int) -> QComboBox:
        """The field chooser of Excel column `column` (1 = A)."""
        for line in range(self.rowCount()):
            if self.item(line, 0).data(Qt.ItemDataRole.UserRole) == column:
                return self.cellWidget(line, 1)
        raise KeyError(column)

    def mapping(self) -> dict[int, str]:
        """Column -> field key as chosen; raises ValueError naming a field chosen for two columns."""
        out: dict[int, str] = {}
        seen: dict[str, int] = {}
        for line in range(self.rowCount()):
            key = self.cellWidget(line, 1).currentData()
            column = int(self.item(line, 0).data(Qt.ItemDataRole.UserRole))
            if not key:
                continue
            if key in seen:
                raise ValueError(
                    f"Trường «{key_label(key)}» được chọn cho hai cột ({column_letter(seen[key])} và "
                    f"{column_letter(column)}). Mỗi trường chỉ lấy từ một cột."
                )
            seen[key] = column
            out[column] = key
        return out
