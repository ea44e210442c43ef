"""The offer, once per file, to encrypt a plain data file opened in the window: a line in the status bar with
«Mã hóa ngay» and «Không, cảm ơn» (models.core.data_session.encrypt_open_file / decline_encryption), never a
question that interrupts the work. The recovery key is shown when it is done."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QWidget

from gui.core import dialogs, operations

TEXT = "Tệp này chưa được mã hóa: ai chép được tệp đều đọc được danh sách đảng viên."  # then the two links


class EncryptionOffer(QWidget):
    """Links, not buttons: the window's access keys are all taken, and a link is reached with Tab all the same."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(f'{TEXT} <a href="encrypt">Mã hóa ngay</a> · <a href="decline">Không, cảm ơn</a>', self)
        self.label.linkActivated.connect(lambda link: self.encrypt() if link == "encrypt" else self.decline())
        layout.addWidget(self.label)
        self.hide()

    def reach_by_keyboard(self) -> None:
        """The links reached with Tab as well as clicked (a label's links are clicked only, until this is called:
        the window calls it at once, or at start-up once the roster is on screen, for its flags are PySide `Qt`
        enums whose first use builds ninety-odd types: gui.main_window)."""
        from PySide6.QtCore import Qt

        self.label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )

    def refresh(self, _target=None) -> None:
        """Shown for a plain file ChiBo may write that was not offered yet (not a practice file, not a server)."""
        from models.core.data_session import offers_encryption
        from models.core.practice_flag import is_practice

        path = getattr(self._window, "data_path", None)
        self.setVisible(path is not None and not is_practice() and offers_encryption(Path(path)))

    def encrypt(self) -> None:
        from models.core.data_session import encrypt_open_file

        self._window.members_tab.cancel_loading()
        operations.run(
            self._window,
            encrypt_open_file,
            self._show_encrypted,  # the state is backed up first
            heading="Chưa mã hóa được; tệp dữ liệu vẫn như trước.",
        )

    def _show_encrypted(self, outcome) -> None:
        from gui.core.recovery_key_dialog import show_recovery_key
        from models.core.data_session import Opened

        if outcome.kind is Opened.NO_KEY_STORE:
            dialogs.show_info(self._window, outcome.message, "Hãy dùng «Tệp › Bảo vệ bằng mật khẩu» để đặt mật khẩu.")
            return
        self.hide()
        show_recovery_key(self._window, Path(outcome.target), outcome.recovery_key)
        operations.announce(operations.OperationChanges(file=True))

    def decline(self) -> None:
        from models.core.data_session import decline_encryption

        decline_encryption()
        self.hide()
