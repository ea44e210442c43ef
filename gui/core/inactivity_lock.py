"""The window of a data file protected by a passphrase locks after some minutes without a key or a click (the file's
own setting, models.core.encryption.lock_minutes) and asks for the passphrase again. The projector window, meant for
the whole room, stays as it is.

While locked nothing of the file shows or can be read through the accessibility interface (screen readers,
automation tools): the window's tabs are taken out of it, and so are the contents of every dialog of the window
left open, whose unsaved input is kept and given back on unlocking. A dialog left open never keeps the window from
locking.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QMainWindow, QWidget

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

    def __init__(
        self,
        window: QMainWindow,
        protected: Callable[[], bool],
        minutes: Callable[[], int],
        matches: Callable[[str], bool],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._protected, self._minutes, self._matches = protected, minutes, matches
        self._last_input = time.monotonic()
        self.dialog: LockDialog | None = None
        self._title = ""
        self._central: QWidget | None = None
        self._emptied: list[tuple[QDialog, QWidget]] = []
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
        self.lock()

    def _open_dialogs(self) -> list[QDialog]:
        """The window's dialogs on screen (not the lock's own): a record being edited, a preview, a question."""
        found = []
        for widget in QApplication.topLevelWidgets():
            if not isinstance(widget, QDialog) or widget is self.dialog or not widget.isVisible():
                continue
            owner = widget.parentWidget()
            while owner is not None and owner is not self._window:
                owner = owner.parentWidget()
            if owner is self._window:
                found.append(widget)
        return found

    def lock(self) -> None:
        if self.is_locked or not self._protected():
            return
        self._central = self._window.takeCentralWidget()  # out of the window: not shown, not reachable
        self._window.setCentralWidget(QLabel("ChiBo đã khóa.", alignment=Qt.AlignmentFlag.AlignCenter))
        self._emptied = []
        for dialog in self._open_dialogs():
            if dialog.layout() is not None:
                holder = QWidget()  # never shown: the dialog's widgets, with what was typed in them, wait here
                holder.setLayout(dialog.layout())
                self._emptied.append((dialog, holder))
        self._window.menuBar().setEnabled(False)
        self._window.statusBar().clearMessage()  # "Đã chuyển sinh hoạt của đảng viên …" and the like
        self._title = self._window.windowTitle()
        self._window.setWindowTitle("ChiBo — đã khóa")
        parent = QApplication.activeModalWidget() or self._window  # usable above a dialog left open
        self.dialog = LockDialog(self._matches, parent)
        self.dialog.unlocked.connect(self._unlock)
        self.dialog.quit_requested.connect(self._window.close)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.open()
        self.locked_changed.emit(True)

    def _unlock(self) -> None:
        if self._central is not None:
            self._window.setCentralWidget(self._central)  # the placeholder is deleted by Qt
            self._central.show()
            self._central = None
        for dialog, holder in self._emptied:
            dialog.setLayout(holder.layout())
            holder.deleteLater()
        self._emptied = []
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
