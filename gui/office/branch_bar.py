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

    def set_branches(self, branches: list[tuple[int, str]], current: int | None, access=None) -> None:
        """The branches the account sees, in order, those it may only read marked so; `current` selected.
        `access`: models.office.accounts.SignedInAccess on a server, None on a file."""
        read_only = {g.branch_id for g in access.branches if not g.can_write} if access is not None else set()
        self.combo.blockSignals(True)
        self.combo.clear()
        for branch_id, name in branches:
            self.combo.addItem(f"{name} (chỉ xem)" if branch_id in read_only else name, branch_id)
        index = self.combo.findData(current)
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)
        self.account_label.setText(_account_text(access, len(branches)))

    def branches(self) -> list[tuple[int, str]]:
        return [(self.combo.itemData(i), self.combo.itemText(i)) for i in range(self.combo.count())]

    def _on_combo_activated(self, index: int) -> None:
        self.branch_chosen.emit(int(self.combo.itemData(index)))


def _account_text(access, count: int) -> str:
    if access is None:
        return f"Tệp dữ liệu này có {count} chi bộ."
    who = f"Tài khoản «{access.role}»"
    if access.admin:
        return f"{who} là quản trị máy chủ: xem và sửa được cả {count} chi bộ."
    if access.office:
        return f"{who} thuộc văn phòng đảng ủy: xem và sửa được cả {count} chi bộ."
    if not count:
        return f"{who} chưa được giao chi bộ nào; hãy nhờ người quản trị máy chủ giao."
    writable = sum(1 for g in access.branches if g.can_write)
    if writable == count:
        return f"{who} được giao {count} chi bộ."
    return f"{who} được giao {count} chi bộ ({count - writable} chỉ được xem)."
