"""Check-in on the day from the keyboard: typing a name (no diacritics needed) or a card number, in the list or in
the search box (Ctrl+F), only searches; Enter records the selected member present, Alt+L absent with an approved
reason, Alt+D absent without one, Delete clears the check-in; each change is said under the list and Ctrl+Z takes
it back. The live panel beside: summoned, present, each excluded group, D, the threshold and the ballots to issue."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.core import dialogs, operations
from gui.core.shortcuts import local_shortcut
from models.congress.checkin import AttendancePanel, attendance_panel, check_in, panel_of
from models.congress.congresses import CongressInfo, Status
from models.congress.summons import SummonedPerson, not_yet_summoned, summon_member, summoned_list, take_summons
from models.core.vnname import fold
from models.counting import Attendance

HEADERS = ("STT", "Họ và tên", "Năm sinh", "Chính thức/Dự bị", "Tình trạng", "Điểm danh", "Lý do vắng")
Index = QModelIndex | QPersistentModelIndex
SEARCH_ROLE = Qt.ItemDataRole.UserRole


class SummonedTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.people: list[SummonedPerson] = []
        self._search: list[str] = []

    def reset(self, people: list[SummonedPerson]) -> None:
        self.beginResetModel()
        self.people = list(people)
        self._search = [f"{fold(p.full_name)} {p.bio.get('card_number', '')}" for p in self.people]
        self.endResetModel()

    def replace(self, row: int, person: SummonedPerson) -> None:
        """One member's new check-in: only that row repaints (a congress of 300+ delegates)."""
        self.people[row] = person
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        person = self.people[index.row()]
        if role == SEARCH_ROLE:
            return self._search[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == len(HEADERS) - 1:
            return person.absence_reason or None
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 5:
            return {Attendance.PRESENT: Qt.GlobalColor.darkGreen, Attendance.ABSENT: Qt.GlobalColor.darkRed}.get(
                person.attendance
            )
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            str(index.row() + 1),
            person.full_name,
            str(person.birth_date.year) if person.birth_date else "",
            person.kind_label,
            person.situation_label,
            person.attendance_label,
            person.absence_reason,
        )[index.column()]


class SearchProxy(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.wanted = ""

    def set_wanted(self, text: str) -> None:
        self.beginFilterChange()
        self.wanted = fold(text).strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        if not self.wanted:
            return True
        return self.wanted in self.sourceModel().index(row, 0, parent).data(SEARCH_ROLE)


class CheckinPage(QWidget):
    congress_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info: CongressInfo | None = None
        self.info_before: CongressInfo | None = None
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        bar = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(
            "Tìm theo họ tên (không cần gõ dấu) hoặc số thẻ (Ctrl+F); Enter: về danh sách"
        )
        self.search_edit.installEventFilter(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.search_edit.returnPressed.connect(self._on_search_edit_return_pressed)
        bar.addWidget(self.search_edit, 1)
        self.count_label = QLabel()
        bar.addWidget(self.count_label)
        left.addLayout(bar)
        self.model = SummonedTableModel(self)
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # ↑/↓ choose a member; Tab leaves the list for its buttons
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(HEADERS) - 1, QHeaderView.ResizeMode.Stretch)  # a long reason is cut, not
        # the names (its tooltip has it whole)
        self.table.installEventFilter(self)
        left.addWidget(self.table, 1)
        keys = QGridLayout()
        self.present_button = self._button(keys, "&Ghi có mặt (Enter)", Attendance.PRESENT, 0, 0)
        self.approved_button = self._button(keys, "Vắng có &lý do (Alt+L)", Attendance.ABSENT_APPROVED, 0, 1)
        self.absent_button = self._button(keys, "Vắng không lý &do (Alt+D)", Attendance.ABSENT, 1, 0)
        self.clear_button = self._button(keys, "Bỏ điểm d&anh (Delete)", None, 1, 1)
        self.undo_button = QPushButton("H&oàn tác (Ctrl+Z)")
        self.undo_button.clicked.connect(self.undo)
        keys.addWidget(self.undo_button, 0, 2)
        keys.setColumnStretch(3, 1)
        self._undo: list[tuple[int, Attendance | None, str]] = []  # (summoned id, attendance, reason) before
        local_shortcut(QKeySequence.StandardKey.Undo, self, self.undo)
        left.addLayout(keys)
        summons = QHBoxLayout()
        self.retake_button = QPushButton("Lấ&y lại danh sách từ hồ sơ đảng viên…")
        self.retake_button.clicked.connect(self.retake)
        self.add_button = QPushButton("Bổ s&ung đảng viên…")
        self.add_button.clicked.connect(self.add_member)
        summons.addWidget(self.retake_button)
        summons.addWidget(self.add_button)
        summons.addStretch(1)
        left.addLayout(summons)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        left.addWidget(self.note_label)
        layout.addLayout(left, 3)
        self.panel_label = QLabel()
        self.panel_label.setWordWrap(True)
        self.panel_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.panel_label.setMinimumWidth(260)
        self.panel_label.setStyleSheet("QLabel { background: #f6f8fb; border: 1px solid #d0d7e2; padding: 10px; }")
        layout.addWidget(self.panel_label, 1)

    def _button(self, grid: QGridLayout, text: str, attendance: Attendance | None, row: int, column: int):
        button = QPushButton(text)
        button.clicked.connect(lambda: self.mark_current(attendance))
        grid.addWidget(button, row, column)
        return button

    # showing ----------------------------------------------------------------------------------------------------
    def show_congress(self, info: CongressInfo | None) -> None:
        self.info = info
        self.model.reset(summoned_list(info.id) if info else [])
        writable = info is not None and not info.read_only
        if info is None or info.id != getattr(self.info_before, "id", None):
            self._undo.clear()  # another congress (or data file): nothing of the last one to take back
        self.info_before = info
        for button in (self.present_button, self.approved_button, self.absent_button, self.clear_button):
            button.setEnabled(writable)
        self.undo_button.setEnabled(writable and bool(self._undo))
        self.retake_button.setEnabled(writable and info.status == Status.PREPARING)
        self.add_button.setEnabled(writable)
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self._show_panel(attendance_panel(info.id) if info else None)

    def _show_panel(self, panel: AttendancePanel | None) -> None:
        if panel is None:
            self.panel_label.setText("")
            self.count_label.setText("")
            return
        checked = panel.summoned - panel.not_checked
        self.count_label.setText(f"Đã điểm danh {checked}/{panel.summoned}")
        groups = "".join(f"<br>&nbsp;&nbsp;– {label}: {n}" for _g, label, n in panel.excluded())
        lines = [
            f"<b>Triệu tập:</b> {panel.summoned} ({panel.official_summoned} chính thức, {panel.probationary} dự bị)",
            f"<b>Có mặt:</b> {panel.present} · vắng có lý do {panel.absent_approved} · vắng không lý do "
            f"{panel.absent} · chưa điểm danh {panel.not_checked}",
            f"<b>Không tính vào D:</b>{groups}",
            f"<span style='font-size:15pt'><b>D = {panel.D}</b></span>",
            f"Trúng cử khi được ít nhất <b>{panel.threshold}</b> phiếu (⌊D/2⌋ + 1)",
            f"<b>Phiếu phát ra:</b> {panel.ballots} (đảng viên chính thức có mặt được quyền bầu cử)",
        ]
        if panel.quorum.met:
            lines.append(f"<span style='color:#107c10'>✔ {panel.quorum.text}</span>")
        lines += [f"<span style='color:#a4262c'>✖ {b}</span>" for b in panel.blocking]
        self.panel_label.setText("<br>".join(lines))

    # check-in ---------------------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        key, plain = event.key(), not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if watched is self.table and plain:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.mark_current(Attendance.PRESENT)
                return True
            if key == Qt.Key.Key_Delete:
                self.mark_current(None)
                return True
            if key == Qt.Key.Key_Backspace or (event.text().isprintable() and event.text().strip()):
                self._type_into_search(event.text() if key != Qt.Key.Key_Backspace else None)
                return True
        if watched is self.search_edit and key in (Qt.Key.Key_Down, Qt.Key.Key_Escape):
            if key == Qt.Key.Key_Escape:
                self.search_edit.clear()
            self.table.setFocus()
            return True
        return super().eventFilter(watched, event)

    def _type_into_search(self, text: str | None) -> None:
        """Typing in the list is a search, never a check-in (`text` None: Backspace)."""
        edit = self.search_edit
        edit.setFocus()
        edit.setText(edit.text()[:-1] if text is None else edit.text() + text)

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def mark_current(self, attendance: Attendance | None) -> None:
        index = self.table.currentIndex()
        if self.info is None or not index.isValid() or self.info.read_only:
            return
        row = self.proxy.mapToSource(index).row()
        person = self.model.people[row]
        reason = ""
        if attendance == Attendance.ABSENT_APPROVED:
            asked = dialogs.ask_text(
                self,
                "Vắng có lý do",
                f"Lý do vắng mặt của đồng chí {person.full_name} (được chấp thuận; có thể để trống):",
            )
            if asked is None:
                return
            reason = asked
        if self._record(person, attendance, reason):
            below = index.row() + 1
            if below < self.proxy.rowCount():
                self.table.setCurrentIndex(self.proxy.index(below, 0))

    def _record(self, person: SummonedPerson, attendance: Attendance | None, reason: str, undoing: bool = False):
        """One check-in written and said under the list; kept for Ctrl+Z unless it is itself an undo."""
        return operations.run(
            self,
            lambda: check_in(person.id, attendance, reason),
            lambda done: self._show_recorded(person, attendance, done, undoing),
        )

    def _show_recorded(self, person: SummonedPerson, attendance: Attendance | None, done, undoing: bool) -> None:
        if not undoing:
            before = Attendance(person.attendance) if person.attendance else None
            self._undo.append((person.id, before, person.absence_reason))
        row = next(i for i, p in enumerate(self.model.people) if p.id == person.id)
        self.model.replace(row, done.person)
        what = done.person.attendance_label if attendance else "chưa điểm danh"
        said = (
            f"Đã hoàn tác: {done.person.full_name} — {what.lower()}."
            if undoing
            else (f"Đã ghi: {done.person.full_name} — {what.lower()}. Ctrl+Z: hoàn tác.")
        )
        self.note_label.setText("\n".join([said, *done.notes]))
        self.undo_button.setEnabled(bool(self._undo))
        self._show_panel(panel_of(self.model.people, self.info.quorum_with_probationary))
        self.congress_changed.emit()

    def undo(self) -> None:
        """Take back the last check-in change of this sitting."""
        if not self._undo or self.info is None or self.info.read_only:
            return
        summoned_id, attendance, reason = self._undo.pop()
        row = next((i for i, p in enumerate(self.model.people) if p.id == summoned_id), None)
        if row is not None and self._record(self.model.people[row], attendance, reason, undoing=True):
            found = self.proxy.mapFromSource(self.model.index(row, 0))
            if found.isValid():
                self.table.setCurrentIndex(found)

    def _on_search_edit_text_changed(self, text: str) -> None:
        self.proxy.set_wanted(text)
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def _on_search_edit_return_pressed(self) -> None:
        self.table.setFocus()

    # the list ---------------------------------------------------------------------------------------------------
    def retake(self) -> None:
        if not dialogs.confirm(
            self,
            "Lấy lại danh sách triệu tập từ hồ sơ đảng viên theo ngày khai mạc? Điểm danh đã ghi được giữ nguyên.",
            yes="Lấy lại",
        ):
            return
        operations.run(self, lambda: take_summons(self.info.id), self._show_retaken)

    def _show_retaken(self, change) -> None:
        parts = [f"thêm {len(change.added)}", f"cập nhật {len(change.updated)}", f"bỏ {len(change.removed)}"]
        dialogs.show_info(
            self,
            "Đã lấy lại danh sách triệu tập: " + ", ".join(parts) + ".",
            "\n".join([*change.added, *change.updated, *change.removed]),
        )
        self.show_congress(self.info)
        self.congress_changed.emit()

    def add_member(self) -> None:
        from gui.congress.person_chooser import choose_person

        person = choose_person(self, "Bổ sung vào danh sách triệu tập", not_yet_summoned(self.info.id))
        if person is None:
            return
        if not operations.run(self, lambda: summon_member(self.info.id, person.id)):
            return
        self.show_congress(self.info)
        self.congress_changed.emit()
