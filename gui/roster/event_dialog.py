"""Record an event of a member's life, or correct one recorded wrongly (the old one is kept, marked replaced)."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.core import dialogs, operations
from gui.core.date_field import DateField
from gui.core.unsaved import GuardsUnsaved
from gui.roster.member_form import ERROR_COLOR
from models.core.dates import fmt as format_date
from models.core.errors import DomainError, ValidationError
from models.roster.event_kinds import EVENT_LABELS, EventKind
from models.roster.members import check_event, correct_event, get_member, record_event
from models.roster.records import EventRecord

PLACE_LABELS = {
    EventKind.TRANSFERRED_IN: "Chuyển &từ (nơi đi)",
    EventKind.TRANSFERRED_OUT: "Chuyển đến (&nơi đến)",
    EventKind.TEMPORARY_ELSEWHERE: "&Nơi sinh hoạt tạm thời",
}
OTHER_PLACE_LABEL = "&Nơi (nếu có)"
END_DATE_LABELS = {
    EventKind.TEMPORARY_ELSEWHERE: "Sinh hoạt tạm thời đến ngày (&kết thúc)",
    EventKind.EXEMPTED: "Miễn sinh hoạt đến ngày (&kết thúc)",
    EventKind.SUSPENDED: "Đình chỉ đến ngày (&kết thúc)",
}

NOTE_HINTS = {
    EventKind.BADGE_AWARDED: "Ghi mốc Huy hiệu, ví dụ: Huy hiệu 30 năm tuổi Đảng",
    EventKind.DISCIPLINED: "Ghi hình thức kỷ luật, ví dụ: Khiển trách",
}


class EventDialog(GuardsUnsaved, QDialog):
    """A new event for `member_id`, or, with `event_id`, a correction of that event (a reason is required).

    `kind` and `note` preselect a new event's kind and note (recording a badge from a reminder). Warnings are asked
    before saving; emits `event_saved(member_id)` after saving.
    """

    event_saved = Signal(int)

    def __init__(
        self,
        member_id: int,
        event_id: int | None = None,
        parent: QWidget | None = None,
        today: date | None = None,
        kind: EventKind | None = None,
        note: str = "",
    ) -> None:
        super().__init__(parent)
        self.member_id = member_id
        self.event_id = event_id
        self.today = today
        self.member = get_member(member_id)
        self.old_event = next((e for e in self.member.events if e.id == event_id), None) if event_id else None
        correcting = event_id is not None
        self.setWindowTitle("Đính chính sự kiện" if correcting else "Thêm sự kiện")
        self.setMinimumWidth(560)

        heading = f"Đảng viên: <b>{escape(self.member.full_name)}</b>"
        if self.old_event is not None:
            old = self.old_event
            heading += (
                f"<br>Sự kiện cần đính chính: <b>{format_date(old.date)} – {escape(EVENT_LABELS[old.kind])}</b>"
                + (f" ({escape(old.decision_ref)})" if old.decision_ref else "")
                + "<br>Sự kiện cũ vẫn được lưu lại, đánh dấu «đã đính chính», kèm lý do."
            )
        self.heading = QLabel(heading)
        self.heading.setWordWrap(True)

        self.kind_combo = QComboBox()
        for choice, label in EVENT_LABELS.items():
            self.kind_combo.addItem(label, str(choice))
        self.kind_combo.setPlaceholderText("Chọn loại sự kiện…")
        self.kind_combo.setCurrentIndex(-1)
        self.date_field = DateField()
        self.decision_edit = QLineEdit()
        self.decision_edit.setPlaceholderText("Ví dụ: Quyết định số 125-QĐ/ĐU ngày 02/3/2020")
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText("Ví dụ: Chi bộ Phòng Kế hoạch, Đảng bộ Sở Tài chính")
        self.end_date_field = DateField()
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.note_edit.fontMetrics().lineSpacing() * 3 + 12)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText("Ví dụ: ghi nhầm ngày quyết định")

        self.form = QFormLayout()
        self.form.addRow(self._label("L&oại sự kiện *", self.kind_combo), self.kind_combo)
        self.form.addRow(self._label("Ngà&y *", self.date_field), self.date_field)
        self.form.addRow(self._label("Số, ngày &quyết định", self.decision_edit), self.decision_edit)
        self.place_label = self._label(OTHER_PLACE_LABEL, self.place_edit)
        self.form.addRow(self.place_label, self.place_edit)
        self.end_date_label = self._label("Đến ngày (&kết thúc)", self.end_date_field)
        self.form.addRow(self.end_date_label, self.end_date_field)
        self.form.addRow(self._label("&Ghi chú", self.note_edit), self.note_edit)
        if correcting:
            self.form.addRow(self._label("Lý &do đính chính *", self.reason_edit), self.reason_edit)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.RichText)
        self.buttons = dialogs.localize_buttons(
            QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Lưu")  # Alt+L saves, as the word says («Loại sự kiện» is Alt+O)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        if self.old_event is not None:
            self._fill(self.old_event)
        elif kind is not None:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(str(kind)))
            self.note_edit.setPlainText(note)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_current_index_changed)
        for signal in (
            self.date_field.text_changed,
            self.end_date_field.text_changed,
            self.reason_edit.textChanged,
            self.kind_combo.currentIndexChanged,
        ):
            signal.connect(self._update_state)
        self._on_kind_combo_current_index_changed()
        self._update_state()
        self.mark_unchanged()
        (self.date_field if kind is not None else self.kind_combo).setFocus()

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _fill(self, event: EventRecord) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(str(event.kind)))
        self.date_field.setDate(event.date)
        self.decision_edit.setText(event.decision_ref)
        self.place_edit.setText(event.place)
        self.end_date_field.setDate(event.end_date)
        self.note_edit.setPlainText(event.note)

    # state -------------------------------------------------------------------------------------
    def kind(self) -> EventKind | None:
        data = self.kind_combo.currentData()
        return EventKind(data) if data else None

    def typed_event(self) -> EventRecord | None:
        """The event as typed, or None while the kind or the date is missing."""
        kind, day = self.kind(), self.date_field.date()
        if kind is None or day is None:
            return None
        return EventRecord(
            kind=kind,
            date=day,
            decision_ref=self.decision_edit.text().strip(),
            place=self.place_edit.text().strip() if self.place_edit.isVisibleTo(self) else "",
            note=self.note_edit.toPlainText().strip(),
            end_date=self.end_date_field.date() if self.end_date_field.isVisibleTo(self) else None,
            member_id=self.member_id,
        )

    def unsaved_state(self) -> tuple:
        editors = (self.date_field, self.decision_edit, self.place_edit, self.end_date_field, self.reason_edit)
        return (self.kind_combo.currentIndex(), self.note_edit.toPlainText(), *(e.text() for e in editors))

    def shape_problems(self) -> tuple[list[str], list[str]]:
        """(what is still missing, what is typed wrong): either keeps «Lưu» disabled."""
        missing, wrong = [], []
        if self.kind() is None:
            missing.append("Chọn loại sự kiện.")
        if self.date_field.is_blank():
            missing.append("Nhập ngày của sự kiện.")
        elif self.date_field.date() is None:
            wrong.append("Ngày chưa đúng: hãy gõ ngày/tháng/năm, ví dụ 05/03/2020.")
        if self.end_date_field.isVisibleTo(self) and not self.end_date_field.has_valid_text():
            wrong.append("«Đến ngày» chưa đúng: hãy gõ ngày/tháng/năm hoặc để trống.")
        if self.event_id is not None and not self.reason_edit.text().strip():
            missing.append("Ghi lý do đính chính.")
        return missing, wrong

    def _update_state(self, *_args) -> None:
        missing, wrong = self.shape_problems()
        parts = [f'<span style="color:{ERROR_COLOR}">{escape(" ".join(wrong))}</span>'] if wrong else []
        if missing:
            parts.append("Cần: " + escape(" ".join(missing)))
        self.problem.setText(" ".join(parts))
        self.save_button.setEnabled(not missing and not wrong)

    def _on_kind_combo_current_index_changed(self, *_args) -> None:
        kind = self.kind()
        self.place_label.setText(PLACE_LABELS.get(kind, OTHER_PLACE_LABEL))
        self.form.setRowVisible(self.place_edit, kind in PLACE_LABELS or bool(self.place_edit.text()))
        self.end_date_label.setText(END_DATE_LABELS.get(kind, "Đến ngày (&kết thúc)"))
        self.note_edit.setPlaceholderText(NOTE_HINTS.get(kind, ""))
        self.form.setRowVisible(self.end_date_field, kind in END_DATE_LABELS or self.end_date_field.date() is not None)
        self.adjustSize()

    # saving ------------------------------------------------------------------------------------
    def _on_buttons_accepted(self) -> None:
        event = self.typed_event()
        if event is None or not self.save_button.isEnabled():
            return
        check = operations.result_of(
            self, lambda: check_event(self.member_id, event, self.event_id, self.today), on_failure=self._refused
        )
        if check is operations.REFUSED:
            return
        if check.ok and check.warnings:
            detail = "\n".join(f"• {w}" for w in check.warnings)
            if not dialogs.confirm(self, "Sự kiện có điểm cần lưu ý. Vẫn lưu?", detail, yes="Vẫn lưu"):
                return
        reason = self.reason_edit.text().strip()

        def save() -> None:
            if self.event_id is None:
                record_event(self.member_id, event, self.today)
            else:
                correct_event(self.event_id, event, reason, self.today)

        operations.run(self, save, self._on_saved, on_failure=self._refused)

    def _refused(self, exc: DomainError) -> None:
        dialogs.show_error(self, "Chưa lưu được sự kiện.", exc.message)
        if isinstance(exc, ValidationError):
            target = {"correction_reason": self.reason_edit, "end_date": self.end_date_field}.get(exc.field)
            (target or self.date_field).setFocus()

    def _on_saved(self, _result) -> None:
        self.event_saved.emit(self.member_id)
        self.accept()
