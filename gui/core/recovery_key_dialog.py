"""«Khóa khôi phục»: shown once when a data file is encrypted with a key the OS credential store keeps. The
secretary prints it (or saves it to a USB stick) and keeps it with the branch's papers: on another PC, or if this
PC's store is lost, it opens the file where a passphrase is asked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from gui.core import dialogs

INTRO = (
    "Tệp dữ liệu «{name}» đã được mã hóa. Khóa mã hóa được Windows (hoặc kho khóa của Linux) giữ cho tài khoản "
    "của bạn trên máy này, nên ChiBo mở tệp mà không cần mật khẩu. Trên máy khác, hoặc khi cài lại máy, tệp chỉ "
    "mở được bằng khóa khôi phục dưới đây: hãy in hoặc chép lại và cất cùng hồ sơ của chi bộ, không để cùng chỗ "
    "với tệp. Ai có khóa này và có tệp đều đọc được dữ liệu."
)


def recovery_sheet(path: Path, key: str) -> str:
    """The text to print or save: which file, the key, and what to do on a new PC."""
    return (
        f"ChiBo — KHÓA KHÔI PHỤC của tệp dữ liệu «{path.name}»\n\n{key}\n\n"
        "Trên máy mới: mở tệp bằng ChiBo (Tệp › Mở tệp dữ liệu), khi được hỏi mật khẩu thì gõ khóa khôi phục này "
        "(chữ hoa hay thường, có hay không có dấu gạch đều được). Từ đó máy mới tự giữ khóa.\n"
        "Lệnh không màn hình: đặt khóa này vào biến môi trường CHIBO_PASSPHRASE.\n"
    )


class RecoveryKeyDialog(QDialog):
    def __init__(self, path: Path, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Khóa khôi phục của tệp dữ liệu")
        self._path, self._key = path, key
        layout = QVBoxLayout(self)
        intro = QLabel(INTRO.format(name=path.name), self)
        intro.setWordWrap(True)
        intro.setMinimumWidth(560)
        layout.addWidget(intro)
        self.key_field = QLineEdit(key, self)
        self.key_field.setReadOnly(True)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(font.pointSize() + 2)
        self.key_field.setFont(font)
        self.key_field.setMinimumWidth(self.key_field.fontMetrics().horizontalAdvance(key) + 24)  # read whole
        self.key_field.setAccessibleName("Khóa khôi phục")
        layout.addWidget(self.key_field)
        buttons = QDialogButtonBox(self)
        copy = buttons.addButton("&Chép", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(key))
        save = buttons.addButton("&Lưu ra tệp để in…", QDialogButtonBox.ButtonRole.ActionRole)
        save.clicked.connect(self.save_sheet)
        done = buttons.addButton("Tôi đã cất &giữ khóa", QDialogButtonBox.ButtonRole.AcceptRole)
        done.clicked.connect(self.accept)
        layout.addWidget(buttons)

    def save_sheet(self) -> Path | None:
        chosen = dialogs.ask_save_path(
            self, "Lưu khóa khôi phục", "Tệp văn bản (*.txt)", "recovery", f"Khóa khôi phục - {self._path.stem}.txt"
        )
        if not chosen:
            return None
        target = Path(chosen)
        try:
            target.write_text(recovery_sheet(self._path, self._key), encoding="utf-8")
        except OSError as exc:
            from models.core.errors import os_error_text

            dialogs.show_error(self, f"Không lưu được «{target.name}»: {os_error_text(exc)}.")
            return None
        dialogs.show_info(
            self,
            f"Đã lưu khóa khôi phục vào «{target}». Hãy in ra rồi xóa tệp này, hoặc cất ổ USB "
            "chứa nó cùng hồ sơ của chi bộ.",
        )
        return target


def show_recovery_key(parent: QWidget | None, path: Path, key: str) -> None:
    RecoveryKeyDialog(path, key, parent).exec()
