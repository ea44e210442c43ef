"""The meeting's attendance as one read-only table driven from the keyboard: Tab enters and leaves it like any
control, ↑/↓ choose a person, a letter sets that person's presence (C có mặt, L vắng có lý do, K vắng không lý do)
and Space moves to the next choice; with the mouse, a double click or a right click on a row offers the choices.
The table only says what was chosen (`presence_chosen`); the tab saves it through the domain and refills it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QMenu, QTableWidget, QTableWidgetItem, QWidget

from gui.core.tables import read_only_table
from models.counting import Attendance
from models.meetings.meetings import MEETING_ATTENDANCE_LABELS, MEETING_SITUATION_LABELS, Attendee

ATTENDANCE_COLUMNS = ("Họ và tên", "Đảng viên", "Tình trạng", "Dự họp", "Lý do vắng")
PRESENCE_COLUMN = 3
LETTERS: dict[Attendance, str] = {Attendance.PRESENT: "C", Attendance.ABSENT_APPROVED: "L", Attendance.ABSENT: "K"}
PRESENCE_KEYS: dict[int, Attendance] = {ord(letter): choice for choice, letter in LETTERS.items()}
KEYS_HINT = (
    "Bàn phím: ↑/↓ chọn người · C có mặt · L vắng cả buổi, có lý do được chấp thuận · K vắng không có lý do · "
    "Dấu cách: lựa chọn tiếp theo · Tab: sang nút tiếp theo. Chuột: nhấp đúp hoặc nhấp phải vào dòng."
)


def next_presence(now: Attendance) -> Attendance:
    """The choice after `now`, in the order listed (Space), back to the first after the last."""
    order = list(MEETING_ATTENDANCE_LABELS)
    return order[(order.index(now) + 1) % len(order)]


class AttendanceTable(QTableWidget):
    """Emits `presence_chosen(member_id, attendance)` for the person chosen; nothing while not `writable`."""

    presence_chosen = Signal(int, object)

    def __init__(self, rows: int = 0, columns: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(rows, columns, parent)
        self.attendees: list[Attendee] = []
        self.writable = False
        self.setAccessibleDescription(KEYS_HINT)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu_at)
        self.cellDoubleClicked.connect(self._double_clicked)

    def fill(self, attendees: Sequence[Attendee], writable: bool) -> None:
        """Show `attendees`, keeping the person chosen before (by member) chosen."""
        before = self.current_member()
        self.attendees, self.writable = list(attendees), writable
        self.setRowCount(len(self.attendees))
        for row, person in enumerate(self.attendees):
            cells = (
                person.full_name,
                person.kind_label,
                MEETING_SITUATION_LABELS[person.situation],
                f"{MEETING_ATTENDANCE_LABELS[person.attendance]} ({LETTERS[person.attendance]})",
                person.reason,
            )
            for column, text in enumerate(cells):
                self.setItem(row, column, QTableWidgetItem(text))
        rows = [p.member_id for p in self.attendees]
        if before in rows:
            self.selectRow(rows.index(before))

    def current_member(self) -> int | None:
        row = self.currentRow()
        return self.attendees[row].member_id if 0 <= row < len(self.attendees) else None

    def presence_menu(self, row: int) -> QMenu:
        """The choices for row `row`, each with its key (the mouse's way in)."""
        menu = QMenu(self)
        for choice, label in MEETING_ATTENDANCE_LABELS.items():
            action = menu.addAction(f"{label}\t{LETTERS[choice]}")
            action.setEnabled(self.writable)
            action.triggered.connect(lambda _checked=False, c=choice, r=row: self._choose(r, c))
        return menu

    def _double_clicked(self, row: int, _column: int) -> None:
        self._menu_at(self.visualRect(self.model().index(row, PRESENCE_COLUMN)).center())

    def _menu_at(self, point: QPoint) -> None:
        row = self.rowAt(point.y())
        if 0 <= row < len(self.attendees):
            self.selectRow(row)
            self.presence_menu(row).exec(self.viewport().mapToGlobal(point))

    def _choose(self, row: int, choice: Attendance) -> None:
        if self.writable and 0 <= row < len(self.attendees):
            self.presence_chosen.emit(self.attendees[row].member_id, choice)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        row = self.currentRow()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and 0 <= row < len(self.attendees) and event.key() in (*PRESENCE_KEYS, Qt.Key.Key_Space):
            now = self.attendees[row].attendance
            choice = next_presence(now) if event.key() == Qt.Key.Key_Space else PRESENCE_KEYS[event.key()]
            if choice != now:
                self._choose(row, choice)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        if self.currentRow() < 0 and self.attendees:  # Tab in: the first person is chosen, ready for a key
            self.selectRow(0)


def attendance_table() -> AttendanceTable:
    """The table with the look of every read-only table (Tab leaves it), the name taking the room left."""
    return cast(AttendanceTable, read_only_table(ATTENDANCE_COLUMNS, stretch=0, kind=AttendanceTable))
