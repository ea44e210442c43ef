"""The window of an encrypted data file locks after some minutes without a key or a click (the file's own setting,
models.core.encryption.lock_minutes) and asks for the passphrase again. While locked nothing of the file shows; the
projector window, meant for the whole room, stays as it is.

A lock never interrupts a dialog the user is filling in: it waits until that dialog is closed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMainWindow

from gui.core.passphrase_dialogs import PassphraseDialog

_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}
CHECK_MS = 5_000


class LockDialog(PassphraseDialog):
    """«ChiBo đã khóa»: only the right passphrase (or quitting ChiBo) closes it."""

    unlocked = Signal()
    quit_requested = Signal()

    def __init__(self, matches: Callable[[str], bool], parent=None) -> None:
        super().__init__(
            "ChiBo đã tự khóa vì lâu không dùng. Hãy nhập mật khẩu của tệp dữ liệu để tiếp tục làm việc.",
            parent,
            title="ChiBo đã khóa",
            ok_text="&Mở khóa",
        )
        self._matches = matches
        box = self.findChild(QDialogButtonBox)
        box.button(QDialogButtonBox.StandardButton.Cancel).hide()  # nothing but the passphrase unlocks
        leave = box.addButton("&Thoát ChiBo", QDialogButtonBox.ButtonRole.ActionRole)
        leave.clicked.connect(self.quit_requested)

    def _accept_typed(self) -> None:
        if self._matches(self.field.text()):
            self.field.clear()
            self.accept()
            self.unlocked.emit()
            return
        self.message.setText("Mật khẩu không đúng. Hãy nhập lại mật khẩu của tệp dữ liệu.")
        self.field.clear()
        self.field.setFocus()

    def reject(self) -> None:  # Esc does not unlock
        self.field.setFocus()


class InactivityLock(QObject):
    """Watches the application's input; `minutes()` (0: never) and `protected()` are asked at each check."""

    locked_changed = Signal(bool)

    def __init__(self, window: QMainWindow, protected: Callable[[], bool], minutes: Callable[[], int],
                 matches: Callable[[str], bool]) -> None:  # fmt: skip
        super().__init__(window)
        self._window = window
        self._protected, self._minutes, self._matches = protected, minutes, matches
        self._last_input = time.monotonic()
        self.dialog: LockDialog | None = None
        self._title = ""
        QApplication.instance().installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self._last_input = time.monotonic()
        return False

    def check(self, now: float | None = None) -> None:
        """Lock if the file is protected and nothing was typed or clicked for its minutes."""
        if self.is_locked or not self._protected():
            return
        minutes = self._minutes()
        idle = (time.monotonic() if now is None else now) - self._last_input
        if minutes <= 0 or idle < minutes * 60:
            return
        if self._dialog_open():
            return  # a dialog being filled in: lock once it is closed
        self.lock()

    def _dialog_open(self) -> bool:
        """A modal dialog of this window (not the lock's own) is open."""
        modal = QApplication.activeModalWidget()
        while modal is not None and modal is not self.dialog:
            if modal is self._window:
                return True
            modal = modal.parentWidget()
        return False

    def lock(self) -> None:
        if self.is_locked or not self._protected():
            return
        central = self._window.centralWidget()
        if central is not None:
            central.hide()
        self._window.menuBar().setEnabled(False)
        self._title = self._window.windowTitle()
        self._window.setWindowTitle("ChiBo — đã khóa")
        self.dialog = LockDialog(self._matches, self._window)
        self.dialog.unlocked.connect(self._unlock)
        self.dialog.quit_requested.connect(self._window.close)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.open()
        self.locked_changed.emit(True)

    def _unlock(self) -> None:
        central = self._window.centralWidget()
        if central is not None:
            central.show()
        self._window.menuBar().setEnabled(True)
        self._window.setWindowTitle(self._title)
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        self._last_input = time.monotonic()
        self.locked_changed.emit(False)

    def stop(self) -> None:
        self._timer.stop()
        QApplication.instance().removeEventFilter(self)

