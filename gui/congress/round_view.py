"""One round of an election on the elections page: its frozen figures and notes, its actions (issue the ballots,
print them, enter the count, the next round, the end of the election) and its result."""

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
from models.congress.elections import ElectionInfo
from models.congress.rounds import RoundInfo, conclude_election, next_round, record_appointment, start_round
from models.counting import NextAction, percent_label
from models.counting.decision import NEXT_ACTION_LABELS
from models.counting.structure import MAX_BALLOT_PAPERS, ballot_papers_to_print

HEADERS = ("STT", "Họ và tên", "Số phiếu", "Tỷ lệ so với D", "Kết quả")


class RoundView(QWidget):
    round_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.election: ElectionInfo | None = None
        self.round: RoundInfo | None = None
        self.dialog = None
        self.task = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.start_button = self._button(row, "Phát phiếu, mở lần bầu (&F)", self.start)
        self.print_button = self._button(row, "&In phiếu bầu…", self.print_ballots)
        self.totals_button = self._button(row, "Nhập kết quả kiểm phiếu (&W)…", self.enter_totals)
        row.addStretch(1)
        layout.addLayout(row)
        row = QHBoxLayout()
        self.next_button = self._button(row, "Bầu lần tiếp th&eo", self.next_round)
        self.conclude_button = self._button(row, "Kết thúc cuộc bầu (&Z)", self.conclude)
        self.appoint_button = self._button(row, "Cấp t&rên chỉ định…", self.appoint)
        row.addStretch(1)
        layout.addLayout(row)
        self.figures_label = QLabel()
        self.figures_label.setWordWrap(True)
        self.figures_label.setMinimumHeight(2 * self.figures_label.fontMetrics().lineSpacing())
        layout.addWidget(self.figures_label)
        self.table = read_only_table(HEADERS, stretch=1)
        layout.addWidget(self.table, 1)

    def _button(self, row: QHBoxLayout, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: slot())
        row.addWidget(button)
        return button

    def show_round(
        self,
        election: ElectionInfo | None,
        round_: RoundInfo | None,
        writable: bool,
        startable: bool,
        list_ok: bool = True,
    ) -> None:
        """`startable`: the round is in set-up with nothing against it (the page shows why otherwise); `list_ok`:
        its list keeps the rules, so its ballots may be printed."""
        self.election, self.round = election, round_
        state = round_.state(writable) if round_ else None
        result = round_.result if round_ else None
        action = result.next_action if result else None
        done = election.done if election else True
        self.start_button.setEnabled(writable and startable)
        self.print_button.setEnabled(bool(state and state.can_print_ballots and round_.candidates and list_ok))
        self.totals_button.setEnabled(bool(state and state.can_enter_totals))
        self.next_button.setEnabled(writable and not done and action in (NextAction.RUNOFF, NextAction.NEXT_ROUND))
        self.conclude_button.setEnabled(bool(state and state.can_conclude) and not done)
        self.appoint_button.setEnabled(writable and action == NextAction.APPOINTMENT and not election.appointed)
        self.figures_label.setText(self._figures())
        self.figures_label.setStyleSheet("color: #a4262c; font-weight: bold;" if round_ and round_.integrity else "")
        self._fill(result)

    def _figures(self) -> str:
        round_ = self.round
        if round_ is None or round_.electorate is None:
            return ""
        e = round_.electorate
        lines = [
            f"Khi phát phiếu: triệu tập {e.official_summoned} đảng viên chính thức, trừ {e.excluded.total}, "
            f"D = {e.D}; trúng cử khi được từ {e.threshold} phiếu trở lên; phát ra {round_.ballots_issued} "
            "phiếu."
        ]
        if round_.tie_break:
            lines.append(
                "Bầu lại giữa những người bằng phiếu nhau: trúng cử theo số phiếu cao hơn, không cần quá một "
                "nửa (Điều lệ Đảng, Điều 12 khoản 3)."
            )
        lines += [f"KHÔNG DÙNG KẾT QUẢ NÀY: {problem}" for problem in round_.integrity]
        result = round_.result
        if result is not None:
            lines.append(f"Thu vào {result.collected}, hợp lệ {result.valid}, không hợp lệ {result.invalid}.")
            if result.next_action != NextAction.NONE:
                lines.append(f"Còn {result.open_seats} chỗ: {NEXT_ACTION_LABELS[result.next_action]}.")
        if self.election and self.election.appointed:
            lines.append(f"Cấp ủy cấp trên chỉ định: {self.election.appointed}.")
        if round_.notes:
            lines.append("Ghi chú: " + round_.notes.replace("\n", "; "))
        return "\n".join(lines)

    def _fill(self, result) -> None:
        def verdict(line) -> str:
            return "Trúng cử" if line.elected else ("Quá nửa, chưa trúng cử" if line.passed else "")

        rows = result.candidates if result else ()
        fill_table(
            self.table,
            (
                (str(i), line.name, str(line.votes), percent_label(line.percent), verdict(line))
                for i, line in enumerate(rows, start=1)
            ),
        )

    # actions ----------------------------------------------------------------------------------------------
    def _run(self, operation) -> None:
        operations.run(self, operation, lambda _result: self.round_changed.emit())

    def start(self) -> None:
        round_ = self.round
        text = (
            f"Phát phiếu lần bầu thứ {round_.number} — {self.election.title}? Từ lúc này D và số phiếu phát ra "
            "của lần bầu được giữ cố định; danh sách không sửa được nữa."
        )
        if round_.number > 1:
            text += (
                f"\n\nĐại hội đã biểu quyết (giơ tay) danh sách lần bầu thứ {round_.number} và đã in phiếu bầu "
                "mới cho lần này (không dùng lại phiếu của lần trước)?"
            )
        if dialogs.confirm(self, text, yes="Phát phiếu"):
            self._run(lambda: start_round(round_.id))

    def print_ballots(self) -> None:
        from gui.core.export_runner import write_export
        from models.congress.checkin import attendance_panel
        from reports.core.export_files import NothingToExport
        from services.congress.jobs import prepare_ballot_papers

        election = self.election
        ballots = self.round.ballots_issued or attendance_panel(election.congress_id).ballots
        copies = dialogs.ask_number(
            self,
            "In phiếu bầu",
            "Số phiếu cần in (số phiếu phát ra và phiếu dự phòng):",
            ballot_papers_to_print(ballots),
            1,
            MAX_BALLOT_PAPERS,
        )
        if copies is None:
            return

        def write(prepared) -> None:
            self.task = write_export(
                self, "In phiếu bầu", prepared, "Đang lập phiếu bầu…", "Đã lập phiếu bầu ra tệp Excel; mở tệp để in."
            )

        operations.run(self, lambda: prepare_ballot_papers(election.id, copies), write, notice=(NothingToExport,))

    def enter_totals(self) -> None:
        from gui.congress.totals_dialog import TotalsDialog

        dialog = TotalsDialog(self.round, self.election.title, self)
        dialog.totals_saved.connect(lambda _saved: self.round_changed.emit())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.dialog = dialog

    def next_round(self) -> None:
        self._run(lambda: next_round(self.election.id))

    def conclude(self) -> None:
        text = f"Đại hội quyết định không bầu thêm cho {self.election.label}? Số chỗ còn thiếu để trống."
        if dialogs.confirm(self, text, yes="Kết thúc"):
            self._run(lambda: conclude_election(self.election.id))

    def appoint(self) -> None:
        name = dialogs.ask_text(self, "Cấp trên chỉ định", "Họ tên đồng chí được cấp ủy cấp trên chỉ định làm bí thư:")
        if name:
            self._run(lambda: record_appointment(self.election.id, name))
