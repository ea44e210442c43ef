"""«Chuyển sinh hoạt sang chi bộ khác»: one member moved to another branch of the same database, the transfer-out
and the transfer-in recorded together (models.office.transfers.transfer_member). A thin form over it."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from gui.core import dialogs, operations
from gui.core.date_field import DateField
from gui.core.unsaved import GuardsUnsaved


class TransferDialog(GuardsUnsaved, QDialog):
    """Emits `transferred(member id in the destination)` after the transfer is saved."""

    transferred = Signal(int)

    def __init__(
        self,
        member_id: int,
        member_name: str,
        branches: list[tuple[int, str]],
        current: int,
        parent: QWidget | None = None,
    ) -> None:
        from models.core import clock

        super().__init__(parent)
        self.setWindowTitle("Chuyển sinh hoạt đảng sang chi bộ khác")
        self._member_id = member_id
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Đảng viên <b>{html.escape(member_name)}</b> chuyển sinh hoạt sang chi bộ khác trong cùng đảng "
            "bộ: chi bộ hiện nay ghi «chuyển đi», chi bộ mới nhận hồ sơ và ghi «chuyển đến», cùng một "
            "lúc."
        )
        intro.setWordWrap(True)
        intro.setMinimumWidth(460)
        layout.addWidget(intro)
        form = QFormLayout()
        self.branch = QComboBox(self)
        for branch_id, name in branches:
            if branch_id != current:
                self.branch.addItem(name, branch_id)
        form.addRow("Chuyển đến chi &bộ:", self.branch)
        self.on = DateField(self)
        self.on.setDate(clock.today())
        form.addRow("&Ngày chuyển:", self.on)
        self.decision = QLineEdit(self)
        self.decision.setPlaceholderText("ví dụ 15-QĐ/ĐU")
        form.addRow("&Số quyết định, giấy giới thiệu:", self.decision)
        self.note = QLineEdit(self)
        form.addRow("&Ghi chú:", self.note)
        layout.addLayout(form)
        self.problem = QLabel("", self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        layout.addWidget(self.problem)
        layout.addWidget(dialogs.ok_cancel(self, self._save, "&Chuyển sinh hoạt"))

    def _save(self) -> None:
        from models.office.transfers import transfer_member

        on = self.on.date()
        if on is None:
            self.problem.setText("Chưa nhập ngày chuyển (ngày/tháng/năm).")
            self.on.setFocus()
            return
        if self.branch.currentIndex() < 0:
            self.problem.setText("Không có chi bộ nào khác để chuyển đến.")
            return
        branch_id, decision, note = int(self.branch.currentData()), self.decision.text(), self.note.text()
        operations.run(
            self,
            lambda: transfer_member(self._member_id, branch_id, on, decision, note),
            self._on_done,
            on_failure=lambda exc: self.problem.setText(exc.message),
        )

    def _on_done(self, done) -> None:
        if done.warnings:
            dialogs.show_warning(self, "Đã chuyển sinh hoạt; xin lưu ý:", "\n".join(done.warnings))
        self.accept()
        self.transferred.emit(done.member_id)
