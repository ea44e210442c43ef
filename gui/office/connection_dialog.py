"""«Kết nối máy chủ của văn phòng»: server, port, database, user and password instead of a typed URL.

The server, port, database and user are remembered (QSettings); the password never is. The connection is tried
off the GUI thread before the dialog closes, and why it failed is shown in the dialog in Vietnamese, so the user
corrects a password without typing everything again.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from gui.core import dialogs, operations
from gui.core.number_field import number_field
from models.core.server_connection import DEFAULT_PORT, ServerAddress, ServerConnectionError, check_server

SETTINGS_KEYS = ("office/host", "office/port", "office/database", "office/user")
DEFAULT_DATABASE = "chibo"


class ConnectionDialog(QDialog):
    """Emits `server_chosen(url)` once the server accepted the sign-in; the URL carries the password (quoted) for
    this session only."""

    server_chosen = Signal(str)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.url = ""
        self.task = None  # the sign-in under way (gui.core.background.BackgroundTask)
        self.setWindowTitle("Kết nối máy chủ của văn phòng")
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Dữ liệu của các chi bộ nằm trên máy chủ PostgreSQL của văn phòng đảng ủy, trong mạng nội bộ. "
            "Hỏi người quản trị máy chủ địa chỉ, tên cơ sở dữ liệu và tài khoản của đồng chí."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.host_edit = QLineEdit(str(settings.value("office/host", "")))
        self.host_edit.setPlaceholderText("Tên máy hoặc địa chỉ IP, ví dụ 192.168.1.10")
        self.port_spin = number_field(1, 65535, int(settings.value("office/port", DEFAULT_PORT)))
        self.database_edit = QLineEdit(str(settings.value("office/database", DEFAULT_DATABASE)))
        self.user_edit = QLineEdit(str(settings.value("office/user", "")))
        self.user_edit.setPlaceholderText("Tài khoản do người quản trị cấp")
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        self._fields = {
            "host": ("Máy &chủ", self.host_edit),
            "port": ("Cổn&g", self.port_spin),
            "database": ("Cơ sở &dữ liệu", self.database_edit),
            "user": ("Tên đăng &nhập", self.user_edit),
            "password": ("&Mật khẩu", self.password_edit),
        }
        for text, widget in self._fields.values():
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        layout.addLayout(form)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setStyleSheet("color: #a4262c;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = dialogs.ok_cancel(self, self._on_buttons_accepted, "&Kết nối")
        layout.addWidget(self.buttons)
        first_empty = next((w for key, (_, w) in self._fields.items() if key != "port" and not _text(w)), None)
        (first_empty or self.password_edit).setFocus()

    def address(self) -> ServerAddress:
        host, database, user = (w.text().strip() for w in (self.host_edit, self.database_edit, self.user_edit))
        return ServerAddress(host, database, user, self.password_edit.text(), self.port_spin.value())

    def _on_buttons_accepted(self) -> None:
        """Try the sign-in off the GUI thread (a wrong address waits for the timeout); the dialog stays open."""
        address = self.address()
        url = operations.result_of(self, address.url, on_failure=self._refused)
        if url is operations.REFUSED:
            return
        self.error_label.hide()
        self.buttons.setEnabled(False)
        self.task = operations.run_in_background(
            self,
            "Kết nối máy chủ",
            f"Đang kết nối tới máy chủ «{address.host}»…",
            lambda _progress: check_server(address),
            lambda _result: self._on_task_finished(address, url),
            failure_text=None,
        )
        self.task.failed.connect(self._on_task_failed)
        self.task.cancelled.connect(lambda: self.buttons.setEnabled(True))

    def _refused(self, exc) -> None:
        self._show_problem(exc.message, getattr(exc, "field", ""))

    def _on_task_finished(self, address: ServerAddress, url: str) -> None:
        self.buttons.setEnabled(True)
        if self.task is not None and self.task.dialog.wasCanceled():
            return  # «Hủy» pressed while the server answered: stay in the dialog
        self._remember(address)
        self.url = url
        self.server_chosen.emit(url)
        self.accept()

    def _on_task_failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, ServerConnectionError):
            self._show_problem(error.message, error.field)
        else:
            from models.core.failures import describe

            self._show_problem(describe(error), "host")

    def _show_problem(self, message: str, field: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        widget = self._fields.get(field, ("", self.host_edit))[1]
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    def _remember(self, address: ServerAddress) -> None:
        """What the next connection starts from: never the password."""
        values = (address.host, address.port, address.database, address.user)
        for key, value in zip(SETTINGS_KEYS, values, strict=True):
            self._settings.setValue(key, value)
        self._settings.sync()


def _text(widget: QWidget) -> str:
    return widget.text() if isinstance(widget, QLineEdit) else ""
