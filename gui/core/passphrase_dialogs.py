"""Passphrase dialogs: the one asked when an encrypted data file opens (or the window is unlocked), and the one that
sets a new passphrase (typed twice). Widgets only: the checks are models.core.encryption's."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from gui.core import dialogs, operations


def _secret_field(dialog: QDialog) -> QLineEdit:
    field = QLineEdit(dialog)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(280)
    return field


def _show_toggle(dialog: QDialog, fields: list[QLineEdit]) -> QCheckBox:
    toggle = QCheckBox("&Xem mật khẩu", dialog)

    def shown(on: bool) -> None:
        for field in fields:
            field.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)

    toggle.toggled.connect(shown)
    return toggle


class PassphraseDialog(QDialog):
    """«Nhập mật khẩu»: `message` says which file and why (a wrong passphrase says so)."""

    def __init__(
        self, message: str, parent: QWidget | None = None, title: str = "Nhập mật khẩu", ok_text: str = "&Mở"
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.message = QLabel(message, self)
        self.message.setWordWrap(True)
        self.message.setMinimumWidth(420)
        layout.addWidget(self.message)
        form = QFormLayout()
        self.field = _secret_field(self)
        form.addRow("Mật &khẩu:", self.field)
        layout.addLayout(form)
        layout.addWidget(_show_toggle(self, [self.field]))
        layout.addWidget(dialogs.ok_cancel(self, self._accept_typed, ok_text))

    def _accept_typed(self) -> None:
        if self.field.text():
            self.accept()

    def passphrase(self) -> str:
        return self.field.text()


def ask_passphrase(parent: QWidget | None, message: str) -> str | None:
    """The passphrase typed, or None when the user chose «Hủy»."""
    dialog = PassphraseDialog(message, parent)
    return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None


class NewPassphraseDialog(QDialog):
    """A new passphrase typed twice; with `current_needed`, the current passphrase of `path` is asked first (who
    changes or removes the protection must know it)."""

    def __init__(
        self,
        title: str,
        intro: str,
        parent: QWidget | None = None,
        path=None,
        current_needed: bool = False,
        ok_text: str = "&Đặt mật khẩu",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._path = path
        layout = QVBoxLayout(self)
        label = QLabel(intro, self)
        label.setWordWrap(True)
        label.setMinimumWidth(460)
        layout.addWidget(label)
        form = QFormLayout()
        self.current = _secret_field(self) if current_needed else None
        if self.current is not None:
            form.addRow("Mật khẩu đang &dùng:", self.current)
        self.first, self.again = _secret_field(self), _secret_field(self)
        form.addRow("Mật khẩu &mới:", self.first)
        form.addRow("&Nhập lại mật khẩu mới:", self.again)
        layout.addLayout(form)
        fields = [f for f in (self.current, self.first, self.again) if f is not None]
        layout.addWidget(_show_toggle(self, fields))
        self.problem = QLabel("", self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        layout.addWidget(self.problem)
        layout.addWidget(dialogs.ok_cancel(self, self._check, ok_text))

    def _check(self) -> None:
        from models.core import passphrases
        from models.core.encryption import check_new_passphrase

        if self.current is not None and not passphrases.matches(self._path, self.current.text()):
            self._refuse("Mật khẩu hiện nay không đúng.", self.current)
            return
        operations.run(
            self,
            lambda: check_new_passphrase(self.first.text(), self.again.text()),
            lambda _checked: self.accept(),
            on_failure=lambda exc: self._refuse(exc.message, self.again if exc.field == "repeated" else self.first),
        )

    def _refuse(self, text: str, field: QLineEdit) -> None:
        self.problem.setText(text)
        field.selectAll()
        field.setFocus()

    def passphrase(self) -> str:
        return self.first.text()
