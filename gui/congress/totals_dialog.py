"""Entering the result of a count done by hand: ballots collected, invalid ones by reason, votes per candidate
(agree form: disagree too). The engine's consistency checks and the result show as the figures are typed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.core import dialogs, operations
from gui.core.number_field import number_field
from gui.core.unsaved import GuardsUnsaved
from models.congress.rounds import RoundInfo, record_totals
from models.counting import INVALID_REASON_LABELS, INVALID_REASONS, Form, Totals, count_totals


class TotalsDialog(GuardsUnsaved, QDialog):
    """`totals_saved(round_info)` once the round is closed with its result."""

    totals_saved = Signal(object)

    def __init__(self, round_: RoundInfo, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.round = round_
        self.setWindowTitle(f"Kết quả kiểm phiếu — {title}, lần {round_.number}")
        issued = round_.ballots_issued or 0
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                f"D = {round_.electorate.D}; trúng cử khi được từ {round_.electorate.threshold} "
                f"phiếu trở lên; số phiếu phát ra: {issued}."
            )
        )
        figures = QFormLayout()
        self.collected_spin = number_field(0, issued, issued)
        figures.addRow("Số phiếu &thu vào:", self.collected_spin)
        layout.addLayout(figures)
        invalid_box = QGroupBox("Phiếu không hợp lệ, theo lý do")
        invalid_form = QFormLayout(invalid_box)
        self.invalid_spins = {}
        for reason in INVALID_REASONS:
            spin = number_field(0, issued, 0)
            self.invalid_spins[reason] = spin
            invalid_form.addRow(INVALID_REASON_LABELS[reason] + ":", spin)
        layout.addWidget(invalid_box)
        agree = round_.form == Form.AGREE
        votes_box = QWidget()
        grid = QGridLayout(votes_box)
        grid.addWidget(QLabel("<b>Ứng cử viên</b>"), 0, 0)
        grid.addWidget(QLabel("<b>Đồng ý</b>" if agree else "<b>Số phiếu bầu</b>"), 0, 1)
        if agree:
            grid.addWidget(QLabel("<b>Không đồng ý</b>"), 0, 2)
        self.vote_spins, self.disagree_spins = {}, {}
        for row, person in enumerate(round_.candidates, start=1):
            label = QLabel(f"{row}. {person.full_name}")
            spin = number_field(0, issued, 0)
            label.setBuddy(spin)
            grid.addWidget(label, row, 0)
            grid.addWidget(spin, row, 1)
            self.vote_spins[person.key] = spin
            if agree:
                other = number_field(0, issued, 0)
                grid.addWidget(other, row, 2)
                self.disagree_spins[person.key] = other
        grid.setRowStretch(len(round_.candidates) + 1, 1)  # the rows packed under their heading, the room below
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop on the frame: only on the fields in it
        scroll.setWidgetResizable(True)
        scroll.setWidget(votes_box)
        layout.addWidget(scroll, 1)
        self.check_label = QLabel()
        self.check_label.setWordWrap(True)
        layout.addWidget(self.check_label)
        self.buttons = dialogs.ok_cancel(self, self._save, "&Ghi kết quả")
        layout.addWidget(self.buttons)
        for spin in self._all_spins():
            spin.valueChanged.connect(self._update_check)
        self._update_check()
        dialogs.fit_to_screen(self, 640, 720)

    def _all_spins(self) -> list[QSpinBox]:
        return [
            self.collected_spin,
            *self.invalid_spins.values(),
            *self.vote_spins.values(),
            *self.disagree_spins.values(),
        ]

    def totals(self) -> Totals:
        return Totals(
            collected=self.collected_spin.value(),
            invalid={reason: spin.value() for reason, spin in self.invalid_spins.items() if spin.value()},
            votes={key: spin.value() for key, spin in self.vote_spins.items()},
            disagree={key: spin.value() for key, spin in self.disagree_spins.items()},
        )

    def _update_check(self) -> None:
        result = count_totals(self.round.election, self.totals())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not result.blocked)
        if result.blocked:
            self.check_label.setText("Chưa khớp:\n" + "\n".join(f"• {p.message}" for p in result.problems))
            self.check_label.setStyleSheet("color: #a4262c;")
            return
        names = {p.key: p.full_name for p in self.round.candidates}
        elected = ", ".join(names[key] for key in result.elected) or "chưa có ai"
        text = f"Hợp lệ {result.valid}, không hợp lệ {result.invalid}. Trúng cử: {elected}."
        if result.open_seats:
            text += f" Còn thiếu {result.open_seats} người."
        self.check_label.setText(text)
        self.check_label.setStyleSheet("color: #107c10;")

    def _save(self) -> None:
        totals = self.totals()
        operations.run(self, lambda: record_totals(self.round.id, totals), self._on_saved)

    def _on_saved(self, saved) -> None:
        self.totals_saved.emit(saved)
        self.accept()
