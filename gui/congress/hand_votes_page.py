"""The congress's show-of-hands record: every vote with its time and counts, a button to record the next (the
seats, list and floor nominees of an election are recorded on «4. Bầu cử»), and one to void a vote recorded by
mistake, with its reason (it stays on the record)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.core import dialogs, operations
from gui.core.tables import fill_table, read_only_table
from models.congress.checkin import attendance_panel
from models.congress.congresses import CongressInfo, Status
from models.congress.hand_votes import hand_votes, void_vote

HEADERS = (
    "Thời gian",
    "Nội dung biểu quyết",
    "Biểu quyết",
    "Tán thành",
    "Không tán thành",
    "Không biểu quyết",
    "Kết quả",
)


class HandVotesPage(QWidget):
    congress_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info: CongressInfo | None = None
        self.votes = []
        self.dialog = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.record_button = QPushButton("&Ghi kết quả biểu quyết…")
        self.record_button.clicked.connect(lambda: self.record())
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.void_button = QPushButton("Hủy kết &quả đã ghi nhầm…")
        self.void_button.clicked.connect(lambda: self.void_selected())
        bar.addWidget(self.record_button)
        bar.addWidget(self.void_button)
        bar.addWidget(self.note, 1)
        layout.addLayout(bar)
        self.table = read_only_table(HEADERS, stretch=1)
        layout.addWidget(self.table)

    def show_congress(self, info: CongressInfo | None) -> None:
        self.info = info
        in_session = info is not None and info.status == Status.IN_SESSION and not info.read_only
        self.record_button.setEnabled(in_session)
        self.void_button.setEnabled(in_session)
        if info is None:
            self.note.setText("")
        elif info.status == Status.PREPARING:
            self.note.setText("Biểu quyết được ghi khi đại hội đã khai mạc.")
        elif info.read_only:
            self.note.setText("Đại hội đã bế mạc: chỉ xem.")
        else:
            self.note.setText("Số người biểu quyết mặc định là số đảng viên chính thức có mặt được quyền biểu quyết.")
        self._fill()

    def _fill(self) -> None:
        self.votes = hand_votes(self.info.id) if self.info else []
        fill_table(
            self.table,
            (
                (
                    f"{v.taken_at:%H:%M %d/%m/%Y}",
                    v.subject,
                    str(v.voting),
                    str(v.in_favour),
                    str(v.against),
                    str(v.abstain),
                    v.verdict,
                )
                for v in self.votes
            ),
        )

    def void_selected(self) -> None:
        """Void the selected vote, with its reason; the record keeps it, marked voided."""
        row = self.table.currentRow()
        if self.info is None or not 0 <= row < len(self.votes):
            dialogs.show_info(self, "Hãy chọn trong bảng kết quả biểu quyết cần hủy.")
            self.table.setFocus()  # where to choose it: ↑/↓, then the same key again
            return
        vote = self.votes[row]
        reason = dialogs.ask_text(
            self, "Hủy kết quả biểu quyết", f"Lý do hủy «{vote.subject}» (được ghi vào biên bản biểu quyết):"
        )
        if reason is None:
            return
        if not operations.run(self, lambda: void_vote(vote.id, reason)):
            return
        self._fill()
        self.congress_changed.emit()

    def record(self, kind=None, subject: str = "", election_id: int | None = None, nominee_id: int | None = None):
        """Open the vote dialog (prefilled by the elections page); returns it."""
        from gui.congress.hand_vote_dialog import HandVoteDialog
        from models.congress.hand_votes import VoteKind

        if self.info is None:
            return None
        may_vote = attendance_panel(self.info.id).ballots
        dialog = HandVoteDialog(self.info.id, may_vote, kind or VoteKind.OTHER, subject, election_id, nominee_id, self)
        dialog.vote_recorded.connect(self._on_dialog_vote_recorded)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.dialog = dialog
        return dialog

    def _on_dialog_vote_recorded(self, _record) -> None:
        self._fill()
        self.congress_changed.emit()
