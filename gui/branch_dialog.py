"""First-run set-up and later editing of the branch facts printed on document headers."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.core import dialogs, operations
from gui.core.unsaved import GuardsUnsaved
from models.core.branch import BranchInfo, get_branch, save_branch
from models.core.errors import DomainError, ValidationError


class BranchDialog(GuardsUnsaved, QDialog):
    """Name of the chi bộ, higher committees, place name and issuer abbreviation."""

    branch_saved = Signal()

    def __init__(self, first_run: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Thiết lập chi bộ" if first_run else "Thông tin chi bộ")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        if first_run:
            intro = QLabel(
                "Chào mừng đến với ChiBo. Hãy nhập thông tin của chi bộ; các thông tin này được in ở phần đầu "
                "mọi văn bản, báo cáo và có thể sửa lại sau trong menu <b>Tệp › Thông tin chi bộ</b>."
            )
            intro.setWordWrap(True)
            layout.addWidget(intro)
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("Ví dụ: Chi bộ Văn phòng Sở")
        self.higher_edit = QPlainTextEdit()
        self.higher_edit.setPlaceholderText("Ví dụ: ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG")
        self.higher_edit.setTabChangesFocus(True)
        self.higher_edit.setFixedHeight(64)
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText("Ví dụ: Hà Nội")
        self.abbr_edit = QLineEdit()
        self.abbr_edit.setPlaceholderText("Ví dụ: CB (trong «Số 01-BB/CB»)")
        self.secretary_edit = QLineEdit()
        self.secretary_edit.setPlaceholderText("Họ và tên bí thư chi bộ (ký các văn bản)")
        form.addRow("&Tên chi bộ *", self.name_edit)
        form.addRow("&Cấp ủy cấp trên *\n(mỗi cấp một dòng)", self.higher_edit)
        form.addRow("Địa &danh ở dòng ngày tháng *", self.place_edit)
        form.addRow("Chữ &viết tắt trên số văn bản *", self.abbr_edit)
        form.addRow("&Bí thư chi bộ", self.secretary_edit)
        for label_owner in (self.name_edit, self.higher_edit, self.place_edit, self.abbr_edit, self.secretary_edit):
            label = form.labelForField(label_owner)
            if isinstance(label, QLabel):
                label.setBuddy(label_owner)
        layout.addLayout(form)
        self.buttons = dialogs.localize_buttons(
            QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        current = get_branch()
        if current is not None:
            self.name_edit.setText(current.name)
            self.higher_edit.setPlainText(current.higher_committee)
            self.place_edit.setText(current.place)
            self.abbr_edit.setText(current.issuer_abbr)
            self.secretary_edit.setText(current.secretary_name)

    def info(self) -> BranchInfo:
        return BranchInfo(
            name=self.name_edit.text(),
            higher_committee=self.higher_edit.toPlainText(),
            place=self.place_edit.text(),
            issuer_abbr=self.abbr_edit.text(),
            secretary_name=self.secretary_edit.text(),
        )

    def _on_buttons_accepted(self) -> None:
        info = self.info()
        operations.run(self, lambda: save_branch(info), self._on_saved, on_failure=self._refused)

    def _refused(self, exc: DomainError) -> None:
        if not isinstance(exc, ValidationError):  # the data file could not be written (full disk, read-only file...)
            dialogs.show_error(self, "Chưa lưu được thông tin chi bộ.", exc.message)
            return
        dialogs.show_error(self, exc.message)
        widget = {
            "name": self.name_edit,
            "higher_committee": self.higher_edit,
            "place": self.place_edit,
            "issuer_abbr": self.abbr_edit,
        }.get(exc.field)
        if widget is not None:
            widget.setFocus()

    def _on_saved(self, _result) -> None:
        self.branch_saved.emit()
        self.accept()
