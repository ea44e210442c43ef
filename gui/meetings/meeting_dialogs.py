"""The dialogs of the «Hội nghị chi bộ» tab: a new meeting, a vote's result, an appointment. Each calls one domain
operation through gui.core.operations and says what it saved with a signal."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gui.core import dialogs, operations
from gui.core.date_field import DateField
from gui.core.number_field import number_field
from gui.core.unsaved import GuardsUnsaved
from models.core import clock
from models.counting import POST_LABELS
from models.meetings.appointments import LEADERSHIP_POSTS, AppointmentInfo, AppointmentReason, record_appointment
from models.meetings.meetings import Base, MeetingInfo, create_meeting
from models.meetings.secret_ballot import open_secret_ballot
from models.meetings.thresholds import DISCIPLINE_ORDER, VoteForm, VoteKind, votes_needed
from models.meetings.votes import ByElection, record_approval, record_vote


class MeetingDialog(GuardsUnsaved, QDialog):
    """A new branch meeting: its date, purpose, chair and secretary, and the option on absences with a reason."""

    saved = Signal(object)  # MeetingInfo

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Hội nghị chi bộ mới")
        layout = QVBoxLayout(self)
        note = QLabel("Danh sách dự họp được lấy từ danh sách đảng viên theo ngày họp; mặc định mọi người có mặt.")
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.date_field = DateField()
        self.date_field.setDate(clock.today())
        self.purpose_edit = QLineEdit()
        self.purpose_edit.setPlaceholderText("Ví dụ: Sinh hoạt chi bộ thường kỳ tháng 9")
        self.chair_edit = QLineEdit()
        self.secretary_edit = QLineEdit()
        self.exclude_check = QCheckBox("Không tính vào D người &vắng cả buổi có lý do được chấp thuận")
        self.exclude_check.setChecked(True)
        form.addRow("&Ngày họp", self.date_field)
        form.addRow("Nội &dung", self.purpose_edit)
        form.addRow("Chủ &trì", self.chair_edit)
        form.addRow("Thư &ký", self.secretary_edit)
        layout.addLayout(form)
        layout.addWidget(self.exclude_check)
        layout.addWidget(dialogs.ok_cancel(self, self.save, "&Lưu"))

    def save(self) -> None:
        held_on = self.date_field.date()
        if held_on is None:
            dialogs.show_error_at(self.date_field, "Hãy nhập ngày họp (ngày/tháng/năm).")
            return
        operations.run(
            self,
            lambda: create_meeting(
                held_on,
                self.purpose_edit.text(),
                self.chair_edit.text(),
                self.secretary_edit.text(),
                self.exclude_check.isChecked(),
            ),
            self._done,
            changes=operations.OperationChanges(congress=True, source=self),
        )

    def _done(self, info: MeetingInfo) -> None:
        self.saved.emit(info)
        self.accept()


class VoteDialog(GuardsUnsaved, QDialog):
    """The result of one vote of the branch on a member's question: its kind, form and figures; the outcome is
    computed by the domain from D (shown as the figures are typed), never typed."""

    saved = Signal(object)  # models.meetings.votes.VoteRecord

    def __init__(
        self, meeting: MeetingInfo, base: Base, parent: QWidget | None = None, *, counted: bool = False
    ) -> None:
        """`counted`: a secret ballot counted ballot by ballot in the «Bầu cử» tab, so no figures are typed."""
        super().__init__(parent)
        title = "Bỏ phiếu kín, kiểm phiếu ở thẻ «Bầu cử»" if counted else "Ghi kết quả biểu quyết của chi bộ"
        self.setWindowTitle(title)
        self.meeting, self.base, self.counted = meeting, base, counted
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind_combo = QComboBox()
        for kind in VoteKind:
            if not kind.rule.subject_is_applicant and (not counted or VoteForm.SECRET_BALLOT in kind.rule.forms):
                self.kind_combo.addItem(kind.label, kind)
        self.member_combo = QComboBox()
        for person in meeting.attendees:
            self.member_combo.addItem(f"{person.full_name} ({person.kind_label.lower()})", person.member_id)
        self.form_combo = QComboBox()
        self.yes_spin = number_field(0, base.present_official, 0)
        self.no_spin = number_field(0, base.present_official, 0)
        self.invalid_spin = number_field(0, base.present_official, 0)
        self.form_spins = {form_: number_field(0, base.present_official, 0) for form_ in DISCIPLINE_ORDER}
        self.notes_edit = QLineEdit()
        self.post_combo = QComboBox()
        for post in LEADERSHIP_POSTS:
            self.post_combo.addItem(POST_LABELS[post], post)
        self.leave_edit = QLineEdit()
        self.leave_edit.setPlaceholderText("Số văn bản cấp trên đồng ý bầu bổ sung, ví dụ: 45-CV/ĐU")
        self.leave_field = DateField()
        self.needed_label = QLabel()
        self.needed_label.setWordWrap(True)
        form.addRow("&Nội dung", self.kind_combo)
        form.addRow("Đảng &viên", self.member_combo)
        self._by_election_rows = []
        for text, widget in (
            ("&Chức vụ bầu bổ sung", self.post_combo),
            ("&Số văn bản cấp trên đồng ý", self.leave_edit),
            ("Ngà&y văn bản đồng ý", self.leave_field),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
            self._by_election_rows.append((label, widget))
        self._form_rows = []
        if not counted:
            form.addRow("Hình thức biểu &quyết", self.form_combo)
            form.addRow("&Tán thành", self.yes_spin)
            for form_, spin in self.form_spins.items():
                label = QLabel(f"  trong đó chọn {form_.label.lower()}")
                form.addRow(label, spin)
                self._form_rows.append((label, spin))
            form.addRow("&Không tán thành", self.no_spin)
            form.addRow("Không biểu quyết / &phiếu không hợp lệ", self.invalid_spin)
        form.addRow("&Ghi chú", self.notes_edit)
        layout.addWidget(QLabel(base.text + f"; {base.present_official} đảng viên chính thức có mặt biểu quyết."))
        layout.addLayout(form)
        layout.addWidget(self.needed_label)
        save_text = "&Phát phiếu, kiểm phiếu ở thẻ «Bầu cử»" if counted else "&Lưu kết quả"
        layout.addWidget(dialogs.ok_cancel(self, self.save, save_text))
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self._on_kind_changed()

    def kind(self) -> VoteKind:
        return self.kind_combo.currentData()

    def _on_kind_changed(self, _index: int = 0) -> None:
        kind = self.kind()
        self.form_combo.clear()
        for form_ in kind.rule.forms:
            self.form_combo.addItem(form_.label, form_)
        discipline = kind is VoteKind.DISCIPLINE
        for label, spin in self._form_rows:
            label.setVisible(discipline)
            spin.setVisible(discipline)
        for label, widget in self._by_election_rows:
            label.setVisible(kind is VoteKind.BY_ELECTION)
            widget.setVisible(kind is VoteKind.BY_ELECTION)
        self.needed_label.setText(
            f"Thông qua khi có từ {votes_needed(kind, self.base.d)} phiếu tán thành trở lên "
            f"({kind.rule.threshold.label} của D = {self.base.d})"
            + ("; các hình thức được cộng dồn từ hình thức cao nhất xuống." if discipline else ".")
            + (
                " Kiểm phiếu từng hình thức một, từ cảnh cáo: phiếu đồng ý cảnh cáo cũng là đồng ý khiển trách."
                if discipline and self.counted
                else ""
            )
        )
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Rows shown for the kind chosen (a discipline's forms, a by-election's leave) make the dialog taller; the
        rule under them was squeezed and cut off."""
        if self.isVisible():
            self.layout().activate()
            self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def save(self) -> None:
        kind = self.kind()
        if self.counted:
            self._open_counted(kind)
            return
        by_form = {f.value: s.value() for f, s in self.form_spins.items()} if kind is VoteKind.DISCIPLINE else None
        by_election = None
        if kind is VoteKind.BY_ELECTION:
            by_election = ByElection(self.post_combo.currentData(), self.leave_edit.text(), self.leave_field.date())
        operations.run(
            self,
            lambda: record_vote(
                self.meeting.id,
                kind,
                self.form_combo.currentData(),
                self.yes_spin.value(),
                self.no_spin.value(),
                self.invalid_spin.value(),
                member_id=self.member_combo.currentData(),
                yes_by_form=by_form,
                notes=self.notes_edit.text(),
                by_election=by_election,
            ),
            self._done,
            changes=operations.OperationChanges(congress=True, source=self),
        )

    def _open_counted(self, kind: VoteKind) -> None:
        by_election = None
        if kind is VoteKind.BY_ELECTION:
            by_election = ByElection(self.post_combo.currentData(), self.leave_edit.text(), self.leave_field.date())
        member_id = self.member_combo.currentData()
        notes = self.notes_edit.text()
        operations.run(
            self,
            lambda: open_secret_ballot(self.meeting.id, kind, member_id, by_election=by_election, notes=notes),
            self._done,
            changes=operations.OperationChanges(congress=True, round=True, source=self),
        )

    def _done(self, record) -> None:
        self.saved.emit(record)
        self.accept()


class AppointmentDialog(GuardsUnsaved, QDialog):
    """The higher committee's decision appointing a secretary, deputy or committee member."""

    saved = Signal(object)  # AppointmentInfo

    def __init__(self, names: list[tuple[str, int]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ghi quyết định chỉ định cấp ủy")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.post_combo = QComboBox()
        for post in LEADERSHIP_POSTS:
            self.post_combo.addItem(POST_LABELS[post], post)
        self.member_combo = QComboBox()
        for name, member_id in names:
            self.member_combo.addItem(name, member_id)
        self.reason_combo = QComboBox()
        for reason in AppointmentReason:
            self.reason_combo.addItem(reason.label, reason)
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText("Ví dụ: 125-QĐ/ĐU")
        self.date_field = DateField()
        self.date_field.setDate(clock.today())
        self.issuer_edit = QLineEdit()
        self.issuer_edit.setPlaceholderText("Ví dụ: Đảng ủy xã Sóc Sơn")
        year = clock.today().year
        self.start_spin = number_field(1930, 2200, year)
        self.end_spin = number_field(1930, 2205, year + 5)
        form.addRow("&Chức vụ", self.post_combo)
        form.addRow("Đảng &viên được chỉ định", self.member_combo)
        form.addRow("Lý d&o", self.reason_combo)
        form.addRow("&Số quyết định", self.number_edit)
        form.addRow("&Ngày quyết định", self.date_field)
        form.addRow("Cấp ủy &ra quyết định", self.issuer_edit)
        form.addRow("Nhiệm kỳ &từ năm", self.start_spin)
        form.addRow("Đến nă&m", self.end_spin)
        layout.addLayout(form)
        layout.addWidget(dialogs.ok_cancel(self, self.save, "&Lưu"))

    def save(self) -> None:
        decided = self.date_field.date()
        if decided is None:
            dialogs.show_error_at(self.date_field, "Hãy nhập ngày quyết định (ngày/tháng/năm).")
            return
        info = AppointmentInfo(
            self.post_combo.currentData(),
            "",
            self.reason_combo.currentData(),
            self.number_edit.text(),
            decided,
            self.issuer_edit.text(),
            self.start_spin.value(),
            self.end_spin.value(),
            member_id=self.member_combo.currentData(),
        )
        operations.run(
            self,
            lambda: record_appointment(info),
            self._done,
            changes=operations.OperationChanges(congress=True, source=self),
        )

    def _done(self, info: AppointmentInfo) -> None:
        self.saved.emit(info)
        self.accept()


class ApprovalDialog(GuardsUnsaved, QDialog):
    """The higher committee's approval (chuẩn y) of a by-election: its decision's number and date."""

    saved = Signal(object)  # models.meetings.votes.VoteRecord

    def __init__(self, vote_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ghi quyết định chuẩn y kết quả bầu bổ sung")
        self.vote_id = vote_id
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText("Ví dụ: 12-QĐ/ĐU")
        self.date_field = DateField()
        self.date_field.setDate(clock.today())
        form.addRow("&Số quyết định", self.number_edit)
        form.addRow("&Ngày quyết định", self.date_field)
        layout.addLayout(form)
        layout.addWidget(dialogs.ok_cancel(self, self.save, "&Lưu"))

    def save(self) -> None:
        approved_on = self.date_field.date()
        if approved_on is None:
            dialogs.show_error_at(self.date_field, "Hãy nhập ngày quyết định chuẩn y (ngày/tháng/năm).")
            return
        operations.run(
            self,
            lambda: record_approval(self.vote_id, self.number_edit.text(), approved_on),
            self._done,
            changes=operations.OperationChanges(congress=True, source=self),
        )

    def _done(self, record) -> None:
        self.saved.emit(record)
        self.accept()
