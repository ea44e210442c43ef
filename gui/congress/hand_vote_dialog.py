"""Recording one show-of-hands vote: what is voted on, and for / against / abstain adding up to those voting."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gui.core import dialogs, operations
from gui.core.number_field import number_field
from gui.core.unsaved import GuardsUnsaved
from models.congress.hand_votes import (
    ELECTION_KINDS,
    KIND_LABELS,
    HandVoteRecord,
    VoteKind,
    record_vote,
    vote_adopted,
)


class HandVoteDialog(GuardsUnsaved, QDialog):
    """`vote_recorded(record)` once saved. The kind, subject, election and nominee may be given (the elections page
    prefills «Số lượng bầu Ban Chi ủy: 5 đồng chí»); those voting default to the official members present."""

    vote_recorded = Signal(object)

    def __init__(
        self,
        congress_id: int,
        may_vote: int,
        kind: VoteKind = VoteKind.OTHER,
        subject: str = "",
        election_id: int | None = None,
        nominee_id: int | None = None,
        parent: QWidget | None = None,
        save=None,
    ) -> None:
        """`save(subject, in_favour, against, abstain, voting)`: the one domain operation that records the vote
        (default models.congress.hand_votes.record_vote); it returns the record."""
        super().__init__(parent)
        self._save_operation = save
        self.setWindowTitle("Ghi kết quả biểu quyết")
        self._congress_id, self._election_id, self._nominee_id = congress_id, election_id, nominee_id
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind_combo = QComboBox()
        for value, label in KIND_LABELS.items():
            if value not in ELECTION_KINDS or value == kind:  # those are taken on «4. Bầu cử», for one election
                self.kind_combo.addItem(label, value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        self.kind_combo.setEnabled(election_id is None and nominee_id is None)
        self.subject_edit = QLineEdit(subject)
        self.subject_edit.setPlaceholderText("Ví dụ: Thông qua danh sách Đoàn Chủ tịch đại hội")
        self.voting_spin = number_field(0, may_vote, may_vote)
        self.favour_spin = number_field(0, may_vote, may_vote)
        self.against_spin = number_field(0, may_vote, 0)
        self.abstain_spin = number_field(0, may_vote, 0)
        form.addRow("&Loại nội dung:", self.kind_combo)
        form.addRow("&Nội dung biểu quyết:", self.subject_edit)
        form.addRow("Số người &biểu quyết:", self.voting_spin)
        form.addRow("&Tán thành:", self.favour_spin)
        form.addRow("&Không tán thành:", self.against_spin)
        form.addRow("Không biểu qu&yết:", self.abstain_spin)
        layout.addLayout(form)
        self.check_label = QLabel()
        self.check_label.setWordWrap(True)
        layout.addWidget(self.check_label)
        self.buttons = dialogs.ok_cancel(self, self._save, "&Ghi kết quả")
        layout.addWidget(self.buttons)
        for spin in (self.voting_spin, self.favour_spin, self.against_spin, self.abstain_spin):
            spin.valueChanged.connect(self._update_check)
        self.kind_combo.currentIndexChanged.connect(self._update_check)
        self._update_check()
        dialogs.fit_to_screen(self, 560, 340)

    def _counts(self) -> tuple[int, int, int, int]:
        return (
            self.voting_spin.value(),
            self.favour_spin.value(),
            self.against_spin.value(),
            self.abstain_spin.value(),
        )

    def _update_check(self) -> None:
        voting, favour, against, abstain = self._counts()
        total = favour + against + abstain
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if total != voting:
            self.check_label.setText(
                f"Tán thành + không tán thành + không biểu quyết = {total}, phải bằng {voting} người biểu quyết."
            )
            self.check_label.setStyleSheet("color: #a4262c;")
            ok.setEnabled(False)
            return
        adopted = vote_adopted(self.kind_combo.currentData(), favour, voting)
        rule = "trên 30%" if self.kind_combo.currentData() == VoteKind.FLOOR_NOMINEE else "trên một nửa"
        share = f"{100 * favour / voting:.2f}".replace(".", ",") if voting else "0"
        verdict = "Thông qua" if adopted else "Không thông qua"
        self.check_label.setText(f"Tán thành {favour}/{voting} ({share}%; cần {rule}): {verdict}.")
        self.check_label.setStyleSheet("color: #107c10;" if adopted else "color: #8a5300;")
        ok.setEnabled(voting > 0)

    def _save(self) -> None:
        voting, favour, against, abstain = self._counts()
        subject, kind = self.subject_edit.text(), self.kind_combo.currentData()

        def operation() -> HandVoteRecord:
            if self._save_operation is not None:
                return self._save_operation(subject, favour, against, abstain, voting)
            return record_vote(
                self._congress_id, kind, subject, favour, against, abstain, voting, self._election_id, self._nominee_id
            )

        operations.run(self, operation, self._on_recorded)

    def _on_recorded(self, record: HandVoteRecord) -> None:
        self.vote_recorded.emit(record)
        self.accept()
