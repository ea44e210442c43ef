"""Read-only parts of the member dialog: status and dates worked out by the rules, the event timeline, ratings."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.core.dates import fmt as format_date
from models.roster.badges import award_date_for, next_badge_milestone
from models.roster.event_kinds import EVENT_LABELS
from models.roster.fields import RATING_LEVELS
from models.roster.member_rules import member_probation_end, recognition_deadline
from models.roster.member_status import member_status
from models.roster.records import MemberRecord, RatingRecord
from models.roster.seniority import party_seniority_years

EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
REPLACED_ROLE = Qt.ItemDataRole.UserRole + 2  # a corrected or voided event cannot be corrected or voided again
REPLACED_COLOR = QColor("#8a8a8a")
MILESTONE_COLOR = QColor("#1f4e79")
MILESTONES = {
    "admission_date": "Vào Đảng (quyết định kết nạp)",
    "ceremony_date": "Lễ kết nạp",
    "official_date": "Trở thành đảng viên chính thức",
}


def status_lines(member: MemberRecord, today: date) -> list[str]:
    """HTML lines: the current status and the dates the rules derive (probation, seniority, next badge)."""
    status = member_status(member, today)
    lines = [f"Trạng thái hiện nay: <b>{escape(status.label)}</b>"]
    facts: list[str] = []
    if status.is_current_member and status.is_probationary:
        end = member_probation_end(member)
        if end is not None:
            facts.append(f"Hết 12 tháng dự bị: <b>{format_date(end)}</b>")
            facts.append(f"Hạn xét công nhận chính thức: <b>{format_date(recognition_deadline(end))}</b>")
    if member.admission_date is not None:
        facts.append(f"Tuổi đảng: <b>{party_seniority_years(member, today)} năm</b>")
        badge = next_badge_milestone(member, today)
        if badge is not None:
            years, reached = badge
            if reached > today:
                facts.append(
                    f"Huy hiệu {years} năm tuổi Đảng: đủ ngày {format_date(reached)}, "
                    f"dịp trao <b>{format_date(award_date_for(reached))}</b>"
                )
            else:
                facts.append(
                    f"<b>Đã đủ {years} năm tuổi Đảng</b> từ {format_date(reached)}, chưa ghi nhận trao Huy hiệu"
                )
    if facts:
        lines.append(" · ".join(facts))
    return lines


class TimelineWidget(QWidget):
    """The member's events, corrected ones struck through, with the record's dates as milestones."""

    add_requested = Signal()
    correction_requested = Signal(int)  # id of the event to correct
    void_requested = Signal(int)  # id of the event to take back ("Hủy mục này")

    HEADERS = ("Ngày", "Sự kiện", "Số, ngày quyết định", "Nơi", "Ghi chú")
    NOTE_COLUMN = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels(list(self.HEADERS))
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        width = self.fontMetrics().averageCharWidth()
        for column, chars in ((1, 30), (2, 30), (3, 24)):
            header.resizeSection(column, width * chars)
        header.sectionResized.connect(self._on_header_section_resized)
        self.table.currentCellChanged.connect(self._on_table_current_cell_changed)
        self.table.cellActivated.connect(self._on_table_cell_activated)
        self.add_button = QPushButton("&Thêm sự kiện…")
        self.add_button.setToolTip("Ghi một sự kiện mới vào quá trình sinh hoạt đảng (chuyển đến, miễn sinh hoạt…)")
        self.add_button.clicked.connect(self.add_requested)
        self.correct_button = QPushButton("Đính &chính…")
        self.correct_button.setToolTip("Sửa một sự kiện ghi sai: sự kiện cũ được giữ lại, đánh dấu đã đính chính")
        self.correct_button.setEnabled(False)
        self.correct_button.clicked.connect(self._on_correct_button_clicked)
        self.void_button = QPushButton("Hủy &mục này…")
        self.void_button.setToolTip(
            "Bỏ một sự kiện ghi nhầm: dòng vẫn được giữ, đánh dấu đã hủy, kèm lý do và ngày hủy"
        )
        self.void_button.setEnabled(False)
        self.void_button.clicked.connect(self._on_void_button_clicked)
        hint = QLabel(
            "Dòng in nghiêng: mốc ghi trên phiếu đảng viên. Dòng gạch ngang, chữ xám: sự kiện đã được đính chính "
            "hoặc đã hủy (giữ lại để đối chiếu, không còn được tính)."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.correct_button)
        buttons.addWidget(self.void_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addLayout(buttons)

    def show_member(self, member: MemberRecord) -> None:
        rows: list[tuple[date, int, list[QTableWidgetItem]]] = []
        for key, label in MILESTONES.items():
            value = getattr(member, key)
            if value is not None:
                rows.append((value, 0, self._milestone_items(label, value)))
        for event in member.events:
            label = EVENT_LABELS.get(event.kind, str(event.kind))
            if event.end_date is not None:
                label += f" (đến {format_date(event.end_date)})"
            texts = [format_date(event.date), label, event.decision_ref, event.place, event.note]
            items = [QTableWidgetItem(text) for text in texts]
            items[0].setData(EVENT_ID_ROLE, event.id)
            if event.created_by:
                items[1].setToolTip(f"{label}\nNgười ghi: «{event.created_by}»")
            if event.voided_at is not None:
                by = f" (người hủy: «{event.voided_by}»)" if event.voided_by else ""
                self._mark_replaced(items, f"Đã hủy ngày {format_date(event.voided_at)}{by}", event.void_reason)
            elif event.replaced_by is not None:
                self._mark_replaced(items, "Đã đính chính", event.correction_reason)
            rows.append((event.date, 1, items))
        rows.sort(key=lambda row: (row[0], row[1]))
        self.table.clearContents()
        self.table.setRowCount(len(rows))
        for row, (_, _, items) in enumerate(rows):
            for column, item in enumerate(items):
                if item.text() and not item.toolTip():
                    item.setToolTip(item.text())
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self._enable_buttons()

    def event_ids(self) -> list[int | None]:
        """Event id of every row, None for the record's milestones (in display order)."""
        return [self.table.item(row, 0).data(EVENT_ID_ROLE) for row in range(self.table.rowCount())]

    def is_replaced_row(self, row: int) -> bool:
        return bool(self.table.item(row, 0).data(REPLACED_ROLE))

    def selected_event_id(self) -> int | None:
        row = self.table.currentRow()
        if row < 0 or self.table.item(row, 0) is None or self.is_replaced_row(row):
            return None
        return self.table.item(row, 0).data(EVENT_ID_ROLE)

    def _milestone_items(self, label: str, value: date) -> list[QTableWidgetItem]:
        items = [QTableWidgetItem(text) for text in (format_date(value), label, "", "", "")]
        for item in items:
            font = QFont(item.font())
            font.setItalic(True)
            item.setFont(font)
            item.setForeground(QBrush(MILESTONE_COLOR))
            item.setToolTip(f"{label}: mốc ghi trên phiếu đảng viên")
        return items

    def _mark_replaced(self, items: list[QTableWidgetItem], what: str, reason: str) -> None:
        note = f"{what}. Lý do: {reason}" if reason else what
        old_note = items[self.NOTE_COLUMN].text()
        items[self.NOTE_COLUMN].setText(note + (f" (ghi chú cũ: {old_note})" if old_note else ""))
        for column, item in enumerate(items):
            font = QFont(item.font())
            font.setStrikeOut(column != self.NOTE_COLUMN)  # the reason stays easy to read
            item.setFont(font)
            item.setForeground(QBrush(REPLACED_COLOR))
            item.setToolTip(note)
        items[0].setData(REPLACED_ROLE, True)

    def _on_header_section_resized(self, *_args) -> None:
        self.table.resizeRowsToContents()

    def _on_table_current_cell_changed(self, *_args) -> None:
        self._enable_buttons()

    def _enable_buttons(self) -> None:
        selected = self.selected_event_id() is not None
        self.correct_button.setEnabled(selected)
        self.void_button.setEnabled(selected)

    def _on_void_button_clicked(self) -> None:
        event_id = self.selected_event_id()
        if event_id is not None:
            self.void_requested.emit(event_id)

    def _on_table_cell_activated(self, *_args) -> None:
        self._on_correct_button_clicked()

    def _on_correct_button_clicked(self) -> None:
        event_id = self.selected_event_id()
        if event_id is not None:
            self.correction_requested.emit(event_id)


class RatingsList(QTreeWidget):
    """The member's yearly quality ratings, latest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(["Năm", "Xếp loại chất lượng"])
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)

    def show_ratings(self, ratings: list[RatingRecord]) -> None:
        self.clear()
        for rating in sorted(ratings, key=lambda r: -r.year):
            self.addTopLevelItem(QTreeWidgetItem([str(rating.year), RATING_LEVELS.get(rating.level, rating.level)]))
        if not ratings:
            self.addTopLevelItem(QTreeWidgetItem(["", "Chưa có kết quả xếp loại nào."]))
        self.resizeColumnToContents(0)
