"""The entry log as a table: every act on every ballot, never overwritten; a new entry is one appended row."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from models.counting import Election
from models.counting.compare import describe
from models.live_count.session import LogLine

HEADERS = ("STT", "Giờ", "Phiếu số", "Lượt", "Thao tác", "Trước", "Sau", "Người nhập")
Index = QModelIndex | QPersistentModelIndex


class EntryLogTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.lines: list[LogLine] = []
        self.election: Election | None = None

    def reset(self, lines: list[LogLine], election: Election | None) -> None:
        self.beginResetModel()
        self.lines, self.election = list(lines), election
        self.endResetModel()

    def append(self, line: LogLine) -> None:
        row = len(self.lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self.lines.append(line)
        self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        line = self.lines[index.row()]
        column = index.column()
        if column == 0:
            return str(line.seq)
        if column == 1:
            return f"{line.entered_at:%H:%M:%S}"
        if column == 2:
            return str(line.ballot_no)
        if column == 3:
            return str(line.pass_no)
        if column == 4:
            return line.action_label
        if column == 6 and line.note:  # a pass set aside: its reason
            return f"Lý do: {line.note}"
        if column in (5, 6):
            ballot = line.before if column == 5 else line.after
            return "" if ballot is None and column == 5 else describe(ballot, self.election)
        return line.entered_by
