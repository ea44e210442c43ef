"""The «Phát triển Đảng» tab: the register of applicants with what each still lacks for a meeting on a chosen day,
the steps of the path (the branch's vote on D, the decision, the ceremony), the probationary members with their
notices and recognition, and the resolutions 6-KNĐ and 13-KNĐ. Each button runs one domain operation."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gui.admission.applicant_dialog import ApplicantDialog
from gui.admission.step_dialog import StepDialog
from gui.core import dialogs, operations
from gui.core.date_field import DateField
from gui.core.tables import fill_table, read_only_table
from models.admission.applicants import get_applicant
from models.admission.path import (
    Stage,
    hold_ceremony,
    open_admission_ballot,
    propose_admission,
    record_decision,
    vote_being_counted,
)
from models.admission.recognition import (
    open_recognition_ballot,
    propose_recognition,
    propose_strike_off,
    record_recognition,
)
from models.core import clock
from models.core.dates import fmt
from models.core.errors import ValidationError
from models.meetings.meetings import create_meeting, list_meetings
from models.meetings.secret_ballot import secret_ballot_for, take_count
from models.meetings.thresholds import VoteForm, VoteKind
from models.meetings.votes import VoteRecord
from models.roster.member_status import member_status
from models.roster.members import all_members
from reports.core.files import safe_filename
from services.admission.minutes import export_meeting_minutes
from services.admission.papers import (
    admission_paper,
    export_admission_resolution,
    export_recognition_resolution,
    recognition_paper,
    resolution_file_name,
)
from services.admission.register import ProbationRow, RegisterRow, former_members, probation_rows, register_rows

MAX_VOTES = 9999
FORMS = [(form.label, form) for form in VoteForm]
COUNTED = "counted"  # a secret ballot counted ballot by ballot in the «Bầu cử» tab: no figures typed
COUNTED_FORM = ("Bỏ phiếu kín, kiểm từng phiếu ở thẻ «Bầu cử»", COUNTED)


class AdmissionTab(QWidget):
    count_requested = Signal(int)  # a round to count in the «Bầu cử» tab (the main window turns to it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._read_only = False
        self.rows: list[RegisterRow] = []
        self.probation: list[ProbationRow] = []
        self.dialog: StepDialog | None = None  # the step dialog open now (tests drive it)
        self.on_field = DateField()
        self.on_field.setDate(clock.today())
        self.on_field.text_changed.connect(lambda _text: self.refresh())
        bar = QHBoxLayout()
        on_label = QLabel("Xét hồ sơ ch&o hội nghị chi bộ ngày:")  # the one letter free of the tab and the window
        on_label.setBuddy(self.on_field)
        bar.addWidget(on_label)
        bar.addWidget(self.on_field)
        bar.addStretch(1)
        self.table = read_only_table(["Họ và tên", "Ngày sinh", "Bước", "Tình trạng"], stretch=3)
        self.table.itemSelectionChanged.connect(self._show_lacks)
        self.table.activated.connect(lambda _index: self.edit_applicant())  # Enter or a double click opens the file
        self.lacks = QLabel()
        self.lacks.setWordWrap(True)
        self.lacks.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.lacks.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_button = self._button("Thêm &quần chúng…", self.add_applicant)
        self.edit_button = self._button("&Sửa hồ sơ…", self.edit_applicant)
        self.vote_button = self._button("Biểu quyết đề nghị &kết nạp…", self.vote_admission)
        self.decision_button = self._button("&Ghi quyết định kết nạp…", self.enter_decision)
        self.ceremony_button = self._button("&Lễ kết nạp…", self.hold_ceremony)
        self.paper_button = self._button("Xuất nghị quyết &6-KNĐ…", self.export_admission)
        self.take_button = self._button("Lấy kết quả kiể&m phiếu", self.take_admission_count)
        self.take_button.setToolTip("Ghi vào biểu quyết kết nạp kết quả đã khóa ở thẻ «Bầu cử»")
        register = QGroupBox("Danh sách phát triển đảng viên (quần chúng)")
        register_layout = QVBoxLayout(register)
        register_layout.addLayout(bar)
        split = QHBoxLayout()
        split.addWidget(self.table, 3)
        split.addWidget(self.lacks, 2)
        register_layout.addLayout(split)
        register_layout.addLayout(
            self._row(
                self.add_button,
                self.edit_button,
                self.vote_button,
                self.take_button,
                self.decision_button,
                self.ceremony_button,
                self.paper_button,
            )
        )
        self.probation_table = read_only_table(
            ["Họ và tên", "Lễ kết nạp", "Hết dự bị", "Hạn xét (30 ngày làm việc)", "Nhắc việc", "Biểu quyết"],
            stretch=5,
        )
        self.recognition_button = self._button("Biểu quyết &công nhận chính thức…", self.vote_recognition)
        self.take_recognition_button = self._button("Lấy kết quả kiểm phiếu đã khó&a", self.take_recognition_count)
        self.take_recognition_button.setToolTip("Ghi vào biểu quyết công nhận kết quả đã khóa ở thẻ «Bầu cử»")
        self.strike_button = self._button("Biểu qu&yết đề nghị xóa tên…", self.vote_strike_off)
        self.recognised_button = self._button("Gh&i quyết định công nhận…", self.enter_recognition)
        self.recognition_paper_button = self._button("Xuất nghị quyết 1&3-KNĐ…", self.export_recognition)
        self.minutes_button = self._button("X&uất biên bản hội nghị…", self.export_minutes)
        probation = QGroupBox("Đảng viên dự bị")
        probation_layout = QVBoxLayout(probation)
        probation_layout.addWidget(self.probation_table)
        probation_layout.addLayout(
            self._row(
                self.recognition_button,
                self.take_recognition_button,
                self.strike_button,
                self.recognised_button,
                self.recognition_paper_button,
                self.minutes_button,
            )
        )
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(register)
        splitter.addWidget(probation)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        operations.announcer().changed.connect(self._on_operation_changed)

    def set_read_only(self, read_only: bool) -> None:
        """A data file that cannot be written: the register is shown, nothing is written."""
        self._read_only = read_only
        self.refresh()

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        return button

    @staticmethod
    def _row(*buttons: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        return row

    # showing -------------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        on = self.on_field.date() or clock.today()
        selected = self.selected_row()
        self.rows = register_rows(on)
        fill_table(
            self.table,
            [(r.applicant.full_name, fmt(r.applicant.birth_date), r.stage_label, r.status_text) for r in self.rows],
        )
        self.probation = probation_rows(clock.today())
        fill_table(
            self.probation_table,
            [
                (p.full_name, fmt(p.ceremony_date), fmt(p.probation_end), fmt(p.deadline), p.notice, p.outcome)
                for p in self.probation
            ],
        )
        if selected is not None:
            self.select_applicant(selected.applicant.id)
        self._show_lacks()

    def _on_operation_changed(self, changes: operations.OperationChanges) -> None:
        if changes.source is not self and (changes.members or changes.branch or changes.file):
            self.refresh()

    def selected_row(self) -> RegisterRow | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.rows[min(rows)] if rows and min(rows) < len(self.rows) else None

    def select_applicant(self, applicant_id: int | None) -> None:
        for index, row in enumerate(self.rows):
            if row.applicant.id == applicant_id:
                self.table.selectRow(index)
                return

    def selected_probation(self) -> ProbationRow | None:
        rows = {index.row() for index in self.probation_table.selectionModel().selectedRows()}
        return self.probation[min(rows)] if rows and min(rows) < len(self.probation) else None

    def _show_lacks(self) -> None:
        row = self.selected_row()
        if row is None:
            self.lacks.setText("Chọn một quần chúng để xem hồ sơ còn thiếu gì.")
        elif row.stage is Stage.PREPARING and row.lacks:
            on = fmt(self.on_field.date() or clock.today())
            self.lacks.setText(f"Để chi bộ xét ngày {on}, hồ sơ còn thiếu:\n" + "\n".join(f"• {x}" for x in row.lacks))
        else:
            self.lacks.setText(row.status_text)
        stage = row.stage if row else None
        self.edit_button.setEnabled(row is not None)
        self.vote_button.setEnabled(stage is Stage.PREPARING)
        self.take_button.setEnabled(stage is Stage.PREPARING)
        self.decision_button.setEnabled(stage is Stage.PROPOSED)
        self.ceremony_button.setEnabled(stage is Stage.DECIDED)
        self.paper_button.setEnabled(stage in (Stage.PROPOSED, Stage.DECIDED))
        if self._read_only:
            for button in self._write_buttons():
                button.setEnabled(False)

    def _write_buttons(self) -> list[QPushButton]:
        return [
            self.add_button,
            self.edit_button,
            self.vote_button,
            self.take_button,
            self.decision_button,
            self.ceremony_button,
            self.recognition_button,
            self.take_recognition_button,
            self.strike_button,
            self.recognised_button,
        ]

    def _changed(self, counted: bool = False) -> operations.OperationChanges:
        """`counted`: a secret ballot opened or taken from the «Bầu cử» tab (its rounds change too)."""
        return operations.OperationChanges(members=True, congress=counted, round=counted, source=self)

    def _open(self, dialog: StepDialog) -> StepDialog:
        self.dialog = dialog
        dialog.finished.connect(lambda _code: self.refresh())
        dialog.open()
        return dialog

    # the register ---------------------------------------------------------------------------------------------------
    def add_applicant(self) -> None:
        self._open(ApplicantDialog(self, all_members(), None, former_members(clock.today())))

    def edit_applicant(self) -> None:
        row = self.selected_row()
        if row is not None and row.applicant.id is not None and not self._read_only:
            former = former_members(clock.today())
            self._open(ApplicantDialog(self, all_members(), get_applicant(row.applicant.id), former))

    # the branch's vote, the decision, the ceremony ------------------------------------------------------------------
    def _meeting_choices(self) -> list[tuple[str, int]]:
        return [(m.title, m.id) for m in list_meetings()]

    def _vote_dialog(self, title: str, name: str, counted: bool = False) -> StepDialog:
        dialog = StepDialog(
            self,
            title,
            f"{name}. Kết quả tính trên D (số đảng viên chính thức của hội nghị), không trên số có mặt; cần ít nhất "
            "hai phần ba D tán thành.",
        )
        dialog.meeting_combo = dialog.choice("meeting", "Hội nghị &chi bộ:", self._meeting_choices())
        new_meeting = QPushButton("Hội nghị &mới…")
        new_meeting.clicked.connect(lambda: self._new_meeting(dialog))
        dialog.form.addRow("", new_meeting)
        form = dialog.choice("form", "Hình thức &biểu quyết:", FORMS + ([COUNTED_FORM] if counted else []))
        spins = [
            dialog.count("yes", "&Tán thành:", MAX_VOTES),
            dialog.count("no", "&Không tán thành:", MAX_VOTES),
            dialog.count("invalid", "Không biểu quyết, không hợ&p lệ:", MAX_VOTES),
        ]

        def typed_or_counted(_index: int) -> None:  # the count gives the figures: none typed
            for spin in spins:
                spin.setEnabled(form.currentData() != COUNTED)

        form.currentIndexChanged.connect(typed_or_counted)
        return dialog

    def _new_meeting(self, parent: StepDialog) -> None:
        dialog = StepDialog(parent, "Hội nghị chi bộ mới")
        dialog.when("held_on", "&Ngày họp:", clock.today())
        dialog.text("purpose", "Nội &dung:", "Xét đề nghị kết nạp đảng viên")
        dialog.text("chair", "Chủ t&rì:")
        dialog.text("secretary", "Thư &ký:")

        def made(meeting) -> None:
            combo = parent.meeting_combo
            combo.clear()
            for text, data in self._meeting_choices():
                combo.addItem(text, data)
            combo.setCurrentIndex(combo.findData(meeting.id))

        dialog.run_on_ok(
            lambda v: create_meeting(v["held_on"], v["purpose"], v["chair"], v["secretary"]),
            made,
            required_dates=("held_on",),
        )
        parent.meeting_dialog = dialog
        dialog.open()

    def _need_meeting(self, values) -> int:
        if values["meeting"] is None:
            raise ValidationError("Hãy chọn hội nghị chi bộ (hoặc bấm «Hội nghị mới…»).", "meeting")
        return values["meeting"]

    def vote_admission(self) -> None:
        row = self.selected_row()
        if row is None or row.applicant.id is None:
            return
        applicant_id = row.applicant.id
        dialog = self._vote_dialog("Biểu quyết đề nghị kết nạp", f"Quần chúng {row.applicant.full_name}", True)

        def vote(v):
            if v["form"] == COUNTED:
                return open_admission_ballot(self._need_meeting(v), applicant_id)
            return propose_admission(self._need_meeting(v), applicant_id, v["form"], v["yes"], v["no"], v["invalid"])

        dialog.run_on_ok(vote, self._said_vote, self._changed(True))
        self._open(dialog)

    def _said_vote(self, vote: VoteRecord) -> None:
        if vote.awaiting_count:  # the ballots are issued: the counters turn to «Bầu cử»
            self.count_requested.emit(secret_ballot_for(vote.id))
            return
        dialogs.show_info(self, f"{vote.subject_name}: {vote.outcome_text}.")

    def take_admission_count(self) -> None:
        row = self.selected_row()
        if row is not None and row.applicant.id is not None:
            applicant_id = row.applicant.id
            self._take(lambda: vote_being_counted(VoteKind.ADMISSION, applicant_id=applicant_id))

    def take_recognition_count(self) -> None:
        row = self.selected_probation()
        if row is not None:
            member_id = row.member_id
            self._take(lambda: vote_being_counted(VoteKind.RECOGNITION, member_id=member_id))

    def _take(self, which) -> None:
        """The locked count's result fills the vote being counted (models.meetings.secret_ballot.take_count)."""

        def taken(vote: VoteRecord) -> None:
            self.refresh()
            self._said_vote(vote)

        operations.run(self, lambda: take_count(which()), taken, changes=self._changed(True))

    def enter_decision(self) -> None:
        row = self.selected_row()
        if row is None or row.applicant.id is None:
            return
        applicant_id = row.applicant.id
        dialog = StepDialog(self, "Quyết định kết nạp", f"Quyết định kết nạp quần chúng {row.applicant.full_name}.")
        dialog.text("number", "&Số quyết định:").setPlaceholderText("125-QĐ/ĐU")
        dialog.when("decided_on", "&Ngày quyết định:")
        dialog.when("received_on", "Ngày nhận &về chi bộ:")
        dialog.run_on_ok(
            lambda v: record_decision(applicant_id, v["number"], v["decided_on"], v["received_on"]),
            None,
            self._changed(),
            ("decided_on", "received_on"),
        )
        self._open(dialog)

    def hold_ceremony(self) -> None:
        row = self.selected_row()
        if row is None or row.applicant.id is None:
            return
        applicant_id = row.applicant.id
        today = clock.today()
        helpers = [(m.full_name, m.id) for m in all_members() if member_status(m, today).is_official]
        due = f" Hạn tổ chức: {fmt(row.ceremony_due)}." if row.ceremony_due else ""
        dialog = StepDialog(
            self,
            "Lễ kết nạp",
            f"Tại lễ kết nạp, {row.applicant.full_name} trở thành đảng viên dự bị trong danh sách đảng viên.{due}",
        )
        dialog.when("on", "&Ngày lễ kết nạp:", today)
        dialog.choice("helper", "Người giúp đỡ (đảng &viên):", helpers)
        dialog.text("late_consent", "Đồng ý tổ chức &muộn (số, ngày):")
        dialog.run_on_ok(
            lambda v: hold_ceremony(applicant_id, v["on"], v["helper"], v["late_consent"]),
            lambda admitted: dialogs.show_info(
                self,
                f"Đã kết nạp {admitted.member.full_name}: đảng viên dự bị từ {fmt(admitted.member.ceremony_date)}.",
            ),
            self._changed(),
            ("on",),
        )
        self._open(dialog)

    # recognition -------------------------------------------------------------------------------------------------
    def vote_recognition(self) -> None:
        self._vote_on_probation(
            "Biểu quyết công nhận đảng viên chính thức", "", propose_recognition, open_recognition_ballot
        )

    def vote_strike_off(self) -> None:
        self._vote_on_probation("Biểu quyết đề nghị xóa tên", " không được công nhận", propose_strike_off)

    def _vote_on_probation(self, title: str, after_name: str, propose, counted=None) -> None:
        """The branch's vote on the selected probationary member: `propose(meeting, member, form, yes, no, invalid)`,
        or, with `counted`, `counted(meeting, member)` opening a secret ballot counted in «Bầu cử»."""
        row = self.selected_probation()
        if row is None:
            return
        member_id = row.member_id
        dialog = self._vote_dialog(title, f"Đồng chí {row.full_name}{after_name}", counted is not None)

        def vote(v):
            if counted is not None and v["form"] == COUNTED:
                return counted(self._need_meeting(v), member_id)
            return propose(self._need_meeting(v), member_id, v["form"], v["yes"], v["no"], v["invalid"])

        dialog.run_on_ok(vote, self._said_vote, self._changed(counted is not None))
        self._open(dialog)

    def enter_recognition(self) -> None:
        row = self.selected_probation()
        if row is None:
            return
        member_id = row.member_id
        dialog = StepDialog(
            self,
            "Quyết định công nhận đảng viên chính thức",
            f"Đồng chí {row.full_name} là đảng viên chính thức từ ngày hết 12 tháng dự bị ({fmt(row.probation_end)}).",
        )
        dialog.text("number", "&Số quyết định:")
        dialog.when("decided_on", "&Ngày quyết định:")
        dialog.run_on_ok(
            lambda v: record_recognition(member_id, v["number"], v["decided_on"]),
            None,
            self._changed(),
            ("decided_on",),
        )
        self._open(dialog)

    # papers ------------------------------------------------------------------------------------------------------
    def export_admission(self) -> None:
        row = self.selected_row()
        if row is None or row.applicant.id is None:
            return
        applicant_id = row.applicant.id
        paper = operations.result_of(self, lambda: admission_paper(applicant_id)[0])
        if paper is operations.REFUSED:
            return
        self._write(lambda path: export_admission_resolution(applicant_id, path), resolution_file_name(paper))

    def export_recognition(self) -> None:
        row = self.selected_probation()
        if row is None:
            return
        member_id = row.member_id
        paper = operations.result_of(self, lambda: recognition_paper(member_id)[0])
        if paper is operations.REFUSED:
            return
        self._write(lambda path: export_recognition_resolution(member_id, path), resolution_file_name(paper))

    def export_minutes(self) -> None:
        """The minutes of a meeting that voted (chosen in a small dialog), then where to write them."""
        dialog = StepDialog(self, "Biên bản hội nghị chi bộ", "Chọn hội nghị đã biểu quyết.")
        dialog.choice("meeting", "Hội nghị &chi bộ:", self._meeting_choices())

        def chosen(values) -> tuple[int, str]:
            return self._need_meeting(values), dialog.fields["meeting"].currentText()

        dialog.run_on_ok(
            chosen,
            lambda picked: self._write(
                lambda path: export_meeting_minutes(picked[0], path), safe_filename(f"Biên bản - {picked[1]}") + ".xlsx"
            ),
        )
        self._open(dialog)

    def _write(self, write, name: str) -> None:
        path = dialogs.ask_save_path(self, "Xuất nghị quyết", dialogs.EXCEL_FILTER, "export", name)
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        operations.run(
            self, lambda: write(path), lambda done: dialogs.show_info(self, "Đã xuất nghị quyết.", str(done))
        )
