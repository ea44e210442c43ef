"""The strip above the tabs on an office server: which branches the signed-in account has, and the one worked in."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget


class BranchBar(QWidget):
    """Emits `branch_chosen(id)` when the user picks another branch; `set_branches` never emits."""

    branch_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        self.label = QLabel("Đ&ang làm việc ở:")
        self.combo = QComboBox()
        self.combo.setMinimumContentsLength(28)
        self.label.setBuddy(self.combo)
        self.account_label = QLabel()
        self.account_label.setStyleSheet("color: #555;")
        layout.addWidget(self.label)
        layout.addWidget(self.combo)
        layout.addWidget(self.account_label, 1)
        self.setStyleSheet("BranchBar { background: #eef4fb; border-bottom: 1px solid #c7d8ec; }")
        self.combo.activated.connect(self._on_combo_activated)

    def set_branches(self, branches: list[tuple[int, str]], current: int | None, account: str = "") -> None:
        """The branches the account sees, in order; `current` selected."""
        self.combo.blockSignals(True)
        self.combo.clear()
        for branch_id, name in branches:
            self.combo.addItem(name, branch_id)
        index = self.combo.findData(current)
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)
        who = f"Tài khoản «{account}»" if account else "Cơ sở dữ liệu này"
        count = len(branches)
        self.account_label.setText(f"{who} xem được {count} chi bộ." if count else f"{who} chưa xem được chi bộ nào.")

    def branches(self) -> list[tuple[int, str]]:
        return [(self.combo.itemData(i), self.combo.itemText(i)) for i in range(self.combo.count())]

    def _on_combo_activated(self, index: int) -> None:
        self.branch_chosen.emit(int(self.combo.itemData(index)))
