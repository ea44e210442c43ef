"""«Bảo vệ bằng mật khẩu»: whether the open data file is encrypted, setting, changing or removing its passphrase
(models.core.encryption rewrites the file and its backups), and the minutes after which the window locks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.core import operations
from gui.core.number_field import number_field
from gui.core.passphrase_dialogs import NewPassphraseDialog
from gui.core.unsaved import GuardsUnsaved

INTRO_SET = (
    "Tệp dữ liệu và mọi bản sao lưu tự động của nó sẽ được mã hóa: không có mật khẩu thì không ai đọc được, kể cả "
    "khi chép tệp đi nơi khác. Hãy ghi mật khẩu ở nơi an toàn: quên mật khẩu là mất dữ liệu, không ai lấy lại được."
)
INTRO_CHANGE = "Tệp dữ liệu và mọi bản sao lưu tự động của nó sẽ được mã hóa lại bằng mật khẩu mới."


class ProtectionDialog(GuardsUnsaved, QDialog):
    """Emits `rewrite_requested(new passphrase, or "" to remove it)`; the window does the rewrite."""

    rewrite_requested = Signal(str)

    def __init__(self, data_path: Path, parent: QWidget | None = None) -> None:
        from models.core import passphrases
        from models.core.encryption import LOCK_MINUTES_MAX, lock_minutes

        super().__init__(parent)
        self.setWindowTitle("Bảo vệ tệp dữ liệu bằng mật khẩu")
        self._path = data_path
        self._encrypted = passphrases.has_passphrase(data_path)
        self._stored_key = passphrases.is_encrypted(data_path) and not self._encrypted
        layout = QVBoxLayout(self)
        state = QLabel(self._state_text(), self)
        state.setWordWrap(True)
        state.setMinimumWidth(480)
        layout.addWidget(state)
        form = QFormLayout()
        self.minutes = number_field(0, LOCK_MINUTES_MAX, 0)
        self.minutes.setSuffix(" phút")
        self.minutes.setSpecialValueText("không tự khóa")
        self.minutes.setValue(lock_minutes())
        self.minutes.setEnabled(self._encrypted)
        form.addRow("&Tự khóa cửa sổ sau khi không dùng:", self.minutes)
        layout.addLayout(form)
        box = QDialogButtonBox(self)
        self.set_button = QPushButton("Đổi &mật khẩu…" if self._encrypted else "Đặt &mật khẩu…", self)
        self.set_button.clicked.connect(self._ask_new)
        box.addButton(self.set_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.remove_button = QPushButton("&Bỏ mật khẩu…", self)
        self.remove_button.clicked.connect(self._ask_remove)
        self.remove_button.setVisible(self._encrypted)
        box.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = box.addButton("Đón&g", QDialogButtonBox.ButtonRole.AcceptRole)
        close.clicked.connect(self._save_minutes_and_close)
        box.rejected.connect(self.reject)
        layout.addWidget(box)

    def _state_text(self) -> str:
        if self._encrypted:
            return (
                f"Tệp «{self._path.name}» đang được mã hóa bằng mật khẩu. Cửa sổ tự khóa khi không dùng và hỏi lại "
                "mật khẩu. Lưu ý: tệp Excel và hồ sơ bầu cử xuất ra không được mã hóa."
            )
        if self._stored_key:
            return (
                f"Tệp «{self._path.name}» đang được mã hóa bằng khóa mà hệ điều hành giữ cho tài khoản của bạn "
                "trên máy này (không cần mật khẩu; trên máy khác cần khóa khôi phục). Có thể đặt thêm mật khẩu "
                "để cửa sổ tự khóa khi không dùng."
            )
        return f"Tệp «{self._path.name}» chưa được mã hóa: ai có tệp đều mở được."

    def _ask_new(self) -> None:
        dialog = NewPassphraseDialog(
            "Đổi mật khẩu" if self._encrypted else "Đặt mật khẩu",
            INTRO_CHANGE if self._encrypted else INTRO_SET,
            self,
            self._path,
            current_needed=self._encrypted,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._save_minutes()
            self.accept()
            self.rewrite_requested.emit(dialog.passphrase())

    def _ask_remove(self) -> None:
        from gui.core.passphrase_dialogs import PassphraseDialog
        from models.core import passphrases

        dialog = PassphraseDialog(
            "Bỏ mật khẩu: tệp dữ liệu và các bản sao lưu vẫn được mã hóa, bằng khóa mà hệ điều hành giữ cho tài khoản "
            "của bạn (máy không có kho khóa thì tệp không còn được mã hóa, ai có tệp đều đọc được). Hãy nhập mật khẩu "
            "hiện nay để xác nhận.",
            self,
            title="Bỏ mật khẩu",
            ok_text="&Bỏ mật khẩu",
        )
        while dialog.exec() == QDialog.DialogCode.Accepted:
            if passphrases.matches(self._path, dialog.passphrase()):
                self.accept()
                self.rewrite_requested.emit("")
                return
            dialog.message.setText("Mật khẩu không đúng. Hãy nhập lại mật khẩu hiện nay để bỏ mã hóa.")
            dialog.field.clear()

    def _save_minutes(self) -> None:
        from models.core.encryption import set_lock_minutes

        if self._encrypted:
            minutes = self.minutes.value()
            operations.run(self, lambda: set_lock_minutes(minutes))

    def _save_minutes_and_close(self) -> None:
        self._save_minutes()
        self.accept()
