"""The "Nhắc việc" view: recognitions due, badges for the next award day, missing ratings; items open the member."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from models.core.dates import fmt
from models.roster.records import MemberRecord
from models.roster.reminders import BadgeCandidate, RecognitionReminder
from reports.roster.reminder_lists import days_left_text

ID_ROLE = Qt.ItemDataRole.UserRole + 1
_OVERDUE = QColor("#b71c1c")
_EARLY_NOTES = {"ill": "đề nghị tặng sớm (ốm đau nặng)", "posthumous": "đề nghị truy tặng"}


def _born(member: MemberRecord) -> str:
    return f" (sinh {fmt(member.birth_date)})" if member.birth_date else ""


class _Group(QGroupBox):
    """A titled list whose title carries the count; an empty list shows a sentence instead."""

    def __init__(self, title: str, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.base_title = title
        self.empty_text = empty_text
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        self.list.setToolTip("Nhấp đúp hoặc nhấn Enter để mở hồ sơ đảng viên.")
        self.empty_label = QLabel(empty_text)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: palette(mid); font-style: italic;")
        layout.addWidget(self.empty_label)
        layout.addWidget(self.list, 1)
        self.set_items([])

    def set_items(self, items: Sequence[tuple[int, str, bool]]) -> None:
        """(member id, text, urgent) per line."""
        self.list.clear()
        bold = QFont(self.list.font())
        bold.setBold(True)
        for member_id, text, urgent in items:
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, member_id)
            if urgent:
                item.setForeground(QBrush(_OVERDUE))
                item.setFont(bold)
            self.list.addItem(item)
        self.setTitle(f"{self.base_title} ({len(items)})")
        self.empty_label.setVisible(not items)
        self.list.setVisible(bool(items))

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]


class RemindersPanel(QWidget):
    """Three lists; activating an item emits `member_activated(member_id)`; «Ghi nhận Huy hiệu đã trao…» on a
    badge line emits `badge_record_requested(member_id, years)`."""

    member_activated = Signal(int)
    badge_record_requested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.intro = QLabel(
            "Việc cần làm của cả chi bộ (không phụ thuộc bộ lọc ở trên). "
            "Nhấp đúp vào một dòng (hoặc chọn rồi nhấn Enter) để mở hồ sơ đảng viên."
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.recognitions = _Group(
            "Đảng viên dự bị sắp hết hoặc đã hết 12 tháng dự bị (nhắc trước 90, 60, 30, 7 ngày)",
            "Không có đảng viên nào đến hạn xét công nhận chính thức.",
        )
        self.badges = _Group(
            "Huy hiệu Đảng đợt tới", "Không có đảng viên nào đến mốc tặng Huy hiệu Đảng trong đợt tới."
        )
        self.record_badge_button = QPushButton("Ghi nhận Huy hiệu đã t&rao…")
        self.record_badge_button.setToolTip(
            "Ghi sự kiện «Được trao tặng Huy hiệu Đảng» cho đảng viên đang chọn (ví dụ Huy hiệu đã nhận trước khi "
            "hồ sơ được nhập vào ChiBo)"
        )
        self.record_badge_button.setEnabled(False)
        self.record_badge_button.clicked.connect(self._on_record_badge_button_clicked)
        self.badges.layout().addWidget(self.record_badge_button)
        self.badges.list.currentRowChanged.connect(self._on_badges_current_row_changed)
        self._badge_candidates: list[BadgeCandidate] = []
        self.ratings = _Group("Chưa xếp loại chất lượng năm trước", "Đã xếp loại đủ các đảng viên năm trước.")
        for group in (self.recognitions, self.badges, self.ratings):
            group.list.itemActivated.connect(self._on_list_item_activated)
            layout.addWidget(group, 1)

    def set_reminders(
        self,
        recognitions: Sequence[RecognitionReminder],
        badges: Sequence[BadgeCandidate],
        award_date: date,
        missing: Sequence[MemberRecord],
        year: int,
    ) -> None:
        self.recognitions.set_items([self._recognition_item(r) for r in recognitions])
        self.badges.base_title = f"Huy hiệu Đảng đợt {fmt(award_date)}"
        self.badges.empty_text = f"Không có đảng viên nào đến mốc tặng Huy hiệu Đảng đợt {fmt(award_date)}."
        self.badges.empty_label.setText(self.badges.empty_text)
        self._badge_candidates = list(badges)
        self.badges.set_items([self._badge_item(c) for c in badges])
        self.record_badge_button.setVisible(bool(badges))
        self._on_badges_current_row_changed(self.badges.list.currentRow())
        self.ratings.base_title = f"Chưa xếp loại chất lượng năm {year}"
        self.ratings.empty_text = f"Đã xếp loại đủ các đảng viên năm {year}."
        self.ratings.empty_label.setText(self.ratings.empty_text)
        self.ratings.set_items([(m.id or 0, m.full_name + _born(m), False) for m in missing])

    @staticmethod
    def _recognition_item(r: RecognitionReminder) -> tuple[int, str, bool]:
        text = (
            f"{r.member.full_name}{_born(r.member)} — hết 12 tháng dự bị ngày {fmt(r.probation_end)}, "
            f"hạn xét ngày {fmt(r.deadline)}: {days_left_text(r.days_to_deadline).lower()}"
        )
        if r.notice:
            text += f" (nhắc trước {r.notice} ngày)"
        return r.member.id or 0, text, r.overdue

    @staticmethod
    def _badge_item(c: BadgeCandidate) -> tuple[int, str, bool]:
        notes = [f"đủ {c.years} năm tuổi Đảng ngày {fmt(c.reached_on)}"]
        if c.early:
            notes.append(_EARLY_NOTES[c.early])
        if c.missed_earlier:
            notes.append("chưa được tặng ở đợt trước")
        if c.history_unknown:
            notes.append("chưa rõ đã được tặng Huy hiệu các mốc trước chưa (hồ sơ chưa ghi), nếu đã trao hãy ghi nhận")
        text = f"{c.member.full_name}{_born(c.member)} — Huy hiệu {c.years} năm: {', '.join(notes)}"
        return c.member.id or 0, text, c.missed_earlier

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        self.member_activated.emit(int(item.data(ID_ROLE)))

    def _on_badges_current_row_changed(self, row: int) -> None:
        self.record_badge_button.setEnabled(0 <= row < len(self._badge_candidates))

    def _on_record_badge_button_clicked(self) -> None:
        row = self.badges.list.currentRow()
        if 0 <= row < len(self._badge_candidates):
            candidate = self._badge_candidates[row]
            self.badge_record_requested.emit(candidate.member.id or 0, candidate.years)
