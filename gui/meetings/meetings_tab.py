"""The «Hội nghị chi bộ» tab: the branch's meetings (left), the chosen meeting's attendance with its D and the votes
it took (right), and the branch's current leadership with the higher committee's appointments (bottom left)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.core import dialogs, operations
from gui.core.tables import read_only_table
from gui.meetings.attendance_table import KEYS_HINT, attendance_table
from gui.meetings.meeting_dialogs import AppointmentDialog, ApprovalDialog, MeetingDialog, VoteDialog
from models.core import clock
from models.core.dates import fmt
from models.counting import Attendance
from models.meetings.leadership import current_leadership
from models.meetings.meetings import (
    MeetingInfo,
    base_of,
    get_meeting,
    list_meetings,
    members_on,
    set_attendance,
    set_exclude_absent_approved,
)
from models.meetings.secret_ballot import secret_ballot_for, take_count
from models.meetings.thresholds import VoteKind
from models.meetings.votes import VoteRecord, meeting_votes
from services.meetings.vote_papers import export_vote_paper, paper_file_name

VOTE_COLUMNS = ("Nội dung", "Đảng viên", "Hình thức", "D", "Tán thành", "Không tán thành", "Không hợp lệ", "Kết quả")


class MeetingsTab(QWidget):
    count_requested = Signal(int)  # a round to count in the «Bầu cử» tab (the main window turns to it)

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._read_only = False
        self.meeting: MeetingInfo | None = None
        self.votes: list[VoteRecord] = []
        layout = QHBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        layout.addWidget(splitter)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("Các hội nghị chi bộ"))
        self.meetings_list = QListWidget()
        self.new_button = QPushButton("Hội nghị &mới…")
        left_layout.addWidget(self.meetings_list, 2)
        left_layout.addWidget(self.new_button)
        leadership_box = QGroupBox("Cấp ủy chi bộ hiện nay")
        leadership_layout = QVBoxLayout(leadership_box)
        self.leadership_list = QListWidget()
        self.leadership_list.setWordWrap(True)
        self.appoint_button = QPushButton("Ghi quyết định &chỉ định…")
        leadership_layout.addWidget(self.leadership_list, 1)
        leadership_layout.addWidget(self.appoint_button)
        left_layout.addWidget(leadership_box, 3)
        splitter.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.title_label = QLabel()
        self.title_label.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.title_label.setWordWrap(True)
        self.base_label = QLabel()
        self.base_label.setWordWrap(True)
        self.exclude_check = QCheckBox("Không tính vào D người vắn&g cả buổi có lý do được chấp thuận")
        self.exclude_check.setToolTip("Quy định 294-QĐ/TW: một lựa chọn của hội nghị, mặc định có")
        self.exclude_check.toggled.connect(self._on_exclude_toggled)
        right_layout.addWidget(self.title_label)
        right_layout.addWidget(self.base_label)
        right_layout.addWidget(self.exclude_check)
        self.attendance_table = attendance_table()
        self.attendance_table.presence_chosen.connect(self._attendance_changed)
        right_layout.addWidget(self.attendance_table, 3)
        self.keys_label = QLabel(KEYS_HINT)  # how the table is driven from the keyboard
        self.keys_label.setWordWrap(True)
        self.keys_label.setStyleSheet("color: #605e5c;")
        right_layout.addWidget(self.keys_label)
        votes_box = QGroupBox("Biểu quyết của chi bộ")
        votes_layout = QVBoxLayout(votes_box)
        self.votes_table = read_only_table(VOTE_COLUMNS)
        buttons = QHBoxLayout()
        self.vote_button = QPushButton("Ghi &kết quả biểu quyết…")
        self.paper_button = QPushButton("X&uất văn bản của chi bộ…")
        self.approval_button = QPushButton("Ghi chuẩn &y…")
        self.approval_button.setToolTip("Quyết định chuẩn y kết quả bầu bổ sung đang chọn")
        self.secret_button = QPushButton("Bỏ phiếu kín (bầu bổ &sung, biểu quyết)…")
        self.secret_button.setToolTip("Bầu bổ sung hoặc biểu quyết bằng phiếu kín, kiểm từng phiếu ở thẻ «Bầu cử»")
        self.count_button = QPushButton("K&iểm phiếu ở thẻ «Bầu cử»")
        self.take_button = QPushButton("Lấy kết &quả kiểm phiếu")
        self.take_button.setToolTip("Ghi vào biểu quyết đang chọn kết quả đã khóa ở thẻ «Bầu cử»")
        self.count_button.setEnabled(False)  # until a vote being counted is chosen (_update_approval_button)
        self.take_button.setEnabled(False)
        buttons.addWidget(self.secret_button)
        buttons.addWidget(self.count_button)
        buttons.addWidget(self.take_button)
        buttons.addWidget(self.vote_button)
        buttons.addWidget(self.paper_button)
        buttons.addWidget(self.approval_button)
        buttons.addStretch(1)
        votes_layout.addWidget(self.votes_table)
        votes_layout.addLayout(buttons)
        right_layout.addWidget(votes_box, 2)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([400, 966])

        self.meetings_list.currentItemChanged.connect(self._on_meeting_chosen)
        self.new_button.clicked.connect(self.new_meeting)
        self.vote_button.clicked.connect(self.new_vote)
        self.paper_button.clicked.connect(self.export_paper)
        self.approval_button.clicked.connect(self.record_approval)
        self.secret_button.clicked.connect(self.new_secret_ballot)
        self.count_button.clicked.connect(self.count_in_ballots_tab)
        self.take_button.clicked.connect(self.take_count)
        self.votes_table.itemSelectionChanged.connect(self._update_approval_button)
        self.appoint_button.clicked.connect(self.new_appointment)
        operations.announcer().changed.connect(self._on_operation_changed)

    # --- reading ------------------------------------------------------------------------------------------------
    def refresh(self, select: int | None = None) -> None:
        current = select or (self.meeting.id if self.meeting else None)
        self.meetings_list.blockSignals(True)
        self.meetings_list.clear()
        for info in list_meetings():
            item = QListWidgetItem(f"{fmt(info.held_on)} — {info.purpose}")
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            self.meetings_list.addItem(item)
            if info.id == current:
                self.meetings_list.setCurrentItem(item)
        if self.meetings_list.currentItem() is None and self.meetings_list.count():
            self.meetings_list.setCurrentRow(0)
        self.meetings_list.blockSignals(False)
        self._show_meeting()
        self._show_leadership()

    def _on_meeting_chosen(self, *_args) -> None:
        self._show_meeting()

    def _show_meeting(self) -> None:
        item = self.meetings_list.currentItem()
        self.meeting = get_meeting(item.data(Qt.ItemDataRole.UserRole)) if item else None
        meeting = self.meeting
        self.title_label.setText(meeting.title if meeting else "Chưa có hội nghị chi bộ nào: bấm «Hội nghị mới…».")
        self.votes_table.setRowCount(0)
        self.votes = []
        writable = meeting is not None and not self._read_only
        self.exclude_check.setEnabled(writable)
        self.vote_button.setEnabled(writable)
        self.secret_button.setEnabled(writable)
        self.new_button.setEnabled(not self._read_only)
        self.appoint_button.setEnabled(not self._read_only)
        if meeting is None:
            self.attendance_table.fill([], False)
            self.base_label.setText("")
            self.paper_button.setEnabled(False)
            self.approval_button.setEnabled(False)
            return
        self.exclude_check.blockSignals(True)
        self.exclude_check.setChecked(meeting.exclude_absent_approved)
        self.exclude_check.blockSignals(False)
        base = base_of(meeting.attendees, meeting.exclude_absent_approved)
        self.base_label.setText(
            f"{base.text}. Có mặt: {base.present_official} đảng viên chính thức biểu quyết, "
            f"{base.present_probationary} đảng viên dự bị (dự họp, không biểu quyết)."
        )
        self.attendance_table.fill(meeting.attendees, writable)
        self.votes = meeting_votes(meeting.id)
        self.votes_table.setRowCount(len(self.votes))
        for row, vote in enumerate(self.votes):
            cells = (
                vote.kind.label,
                vote.subject_name,
                vote.form.label,
                str(vote.d),
                *(("–",) * 3 if vote.awaiting_count else (str(vote.yes), str(vote.no), str(vote.invalid))),
                vote.outcome_text,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.votes_table.setItem(row, column, item)
        self.votes_table.resizeColumnsToContents()
        if self.votes:
            self.votes_table.selectRow(len(self.votes) - 1)
        self.paper_button.setEnabled(bool(self.votes))
        self._update_approval_button()

    def _update_approval_button(self) -> None:
        vote = self.selected_vote()
        self.approval_button.setEnabled(
            not self._read_only and vote is not None and vote.kind is VoteKind.BY_ELECTION and vote.passed
        )
        awaiting = vote is not None and vote.awaiting_count
        self.count_button.setEnabled(awaiting)
        self.take_button.setEnabled(awaiting and not self._read_only)

    def _show_leadership(self) -> None:
        self.leadership_list.clear()
        for leader in current_leadership():
            item = QListWidgetItem(
                f"{leader.post_label}: {leader.full_name} — {leader.how_label.lower()}, từ {fmt(leader.since)}"
            )
            item.setToolTip(leader.text)
            self.leadership_list.addItem(item)
        if not self.leadership_list.count():
            self.leadership_list.addItem("Chưa có cấp ủy (chưa bầu, chưa chỉ định).")

    # --- writing ------------------------------------------------------------------------------------------------
    def _attendance_changed(self, member_id: int, attendance: Attendance) -> None:
        """A presence chosen in the table (a key, or the mouse's menu): saved through the domain, then shown."""
        reason = ""
        if attendance == Attendance.ABSENT_APPROVED:
            reason = dialogs.ask_text(self, "Lý do vắng mặt", "Lý do vắng mặt được chấp thuận:") or ""
            if not reason.strip():
                return  # nothing saved: the table still shows what is
        meeting_id = self.meeting.id if self.meeting else 0
        ok = operations.run(
            self,
            lambda: set_attendance(meeting_id, member_id, attendance, reason),
            changes=operations.OperationChanges(congress=True, source=self),
        )
        self.refresh(meeting_id) if ok else self._show_meeting()

    def _on_exclude_toggled(self, checked: bool) -> None:
        meeting_id = self.meeting.id if self.meeting else 0
        operations.run(
            self,
            lambda: set_exclude_absent_approved(meeting_id, checked),
            changes=operations.OperationChanges(congress=True, source=self),
        )
        self.refresh(meeting_id)

    def new_meeting(self) -> MeetingDialog:
        dialog = MeetingDialog(self)
        dialog.saved.connect(lambda info: self.refresh(info.id))
        dialog.open()
        return dialog

    def new_vote(self) -> VoteDialog | None:
        if self.meeting is None:
            return None
        dialog = VoteDialog(self.meeting, base_of(self.meeting.attendees, self.meeting.exclude_absent_approved), self)
        dialog.saved.connect(lambda _record: self.refresh())
        dialog.open()
        return dialog

    def new_secret_ballot(self) -> VoteDialog | None:
        """A by-election or a member question by secret ballot: its ballots are counted in the «Bầu cử» tab."""
        if self.meeting is None:
            return None
        base = base_of(self.meeting.attendees, self.meeting.exclude_absent_approved)
        dialog = VoteDialog(self.meeting, base, self, counted=True)
        dialog.saved.connect(self._after_secret_ballot)
        dialog.open()
        return dialog

    def _after_secret_ballot(self, record: VoteRecord) -> None:
        self.refresh()
        self.count_requested.emit(secret_ballot_for(record.id))

    def count_in_ballots_tab(self) -> None:
        vote = self.selected_vote()
        if vote is not None and vote.awaiting_count:
            self.count_requested.emit(secret_ballot_for(vote.id))

    def take_count(self) -> None:
        vote = self.selected_vote()
        if vote is None:
            return
        meeting_id = vote.meeting_id

        def done(record: VoteRecord) -> None:
            self.refresh(meeting_id)
            if record.awaiting_count:  # a discipline whose warning did not pass: the reprimand round is next
                dialogs.show_info(
                    self,
                    "Hình thức cảnh cáo không được quá một nửa D. Đã phát phiếu biểu quyết hình thức khiển trách: "
                    "hãy kiểm phiếu ở thẻ «Bầu cử».",
                )
                self.count_requested.emit(secret_ballot_for(record.id))

        operations.run(
            self,
            lambda: take_count(vote.id),
            done,
            changes=operations.OperationChanges(congress=True, round=True, source=self),
        )

    def new_appointment(self) -> AppointmentDialog:
        dialog = AppointmentDialog(members_on(clock.today()), self)
        dialog.saved.connect(lambda _info: self.refresh())
        dialog.open()
        return dialog

    def record_approval(self) -> ApprovalDialog | None:
        vote = self.selected_vote()
        if vote is None:
            return None
        dialog = ApprovalDialog(vote.id, self)
        dialog.saved.connect(lambda _record: self.refresh())
        dialog.open()
        return dialog

    def selected_vote(self) -> VoteRecord | None:
        rows = self.votes_table.selectionModel().selectedRows() if self.votes_table.selectionModel() else []
        return self.votes[rows[0].row()] if rows else None

    def export_paper(self) -> None:
        vote = self.selected_vote()
        if vote is None:
            return
        path = dialogs.ask_save_path(
            self, "Xuất văn bản của chi bộ", "Bảng tính Excel (*.xlsx)", "export", paper_file_name(vote)
        )
        if path:
            operations.run(
                self,
                lambda: export_vote_paper(vote.id, path),
                lambda written: dialogs.show_info(self, f"Đã xuất «{written.name}»."),
            )

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.refresh()

    def _on_operation_changed(self, changes: operations.OperationChanges) -> None:
        if (changes.congress or changes.members or changes.branch or changes.file) and changes.source is not self:
            self.refresh()
