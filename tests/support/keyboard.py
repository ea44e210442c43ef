"""Driving real widgets with keys alone: every key goes to the widget that has the focus, and every modal dialog
(message boxes, questions, file choosers) is shown for real and answered with keys by the test's next script."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from tests.support.keys import type_text

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


class Keyboard:
    """What a secretary's hands do: keys to the focused widget, and answers to the modal dialogs as they come."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.scripts: deque[Callable[[QDialog], None]] = deque()
        self.seen: list[tuple[str, str]] = []  # (title, text) of each modal dialog answered
        self.busy = False  # a modal dialog is open

    # keys ------------------------------------------------------------------------------------------------------
    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "the focus landed nowhere"
        return widget

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE, times: int = 1) -> None:
        for _ in range(times):
            self.qtbot.keyClick(self.focus(), key, modifier)

    def alt(self, letter: str, until: Callable[[], bool] | None = None) -> None:
        """Alt+letter. An access key clicks its button a moment later (animateClick): wait `until` what the click
        does is seen; by default until every queued dialog has been answered and closed."""
        self.press(getattr(Qt.Key, f"Key_{letter.upper()}"), ALT)
        self.qtbot.waitUntil(until or self.all_answered)

    def all_answered(self) -> bool:
        return not self.scripts and not self.busy

    def type(self, text: str) -> None:
        type_text(self.focus(), text)

    def tab_to(self, wanted: QWidget, most: int = 40) -> int:
        """Press Tab until `wanted` (or its focus proxy) has the focus; the number of Tabs. Fails when never."""
        for count in range(most + 1):
            focus = self.focus()
            if focus is wanted or wanted.isAncestorOf(focus):
                return count
            self.press(Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached {wanted!r}; stuck at {self.focus()!r}")

    # modal dialogs ---------------------------------------------------------------------------------------------
    def answer(self, *scripts: Callable[[QDialog], None]) -> None:
        """Queue the key scripts that answer the next modal dialogs, in order."""
        self.scripts.extend(scripts)

    def exec(self, dialog: QDialog) -> int:
        text = dialog.text() if isinstance(dialog, QMessageBox) else ""
        if not self.scripts:
            raise AssertionError(f"an unexpected dialog «{dialog.windowTitle()}»: {text}")
        self.seen.append((dialog.windowTitle(), text))
        script = self.scripts.popleft()
        self.busy = True
        dialog.show()
        dialog.activateWindow()
        self.qtbot.waitUntil(dialog.isActiveWindow)
        script(dialog)
        self.closed(dialog)
        self.busy = False
        return dialog.result()

    def closed(self, dialog: QDialog) -> None:
        """Wait for `dialog` to close, then give the window under it back its activation, as the desktop does
        (offscreen Qt activates no window by itself)."""
        self.qtbot.waitUntil(lambda: not dialog.isVisible())
        parent = dialog.parentWidget()
        if parent is not None:
            parent.window().activateWindow()
            self.qtbot.waitUntil(parent.window().isActiveWindow)

    def in_popup(self, *keys: Qt.Key) -> None:
        """Press `keys` in the next popup menu once it is open: a menu opened by a key runs its own event loop, so
        the keys are sent from a timer while it is shown."""

        def press() -> None:
            popup = QApplication.activePopupWidget()
            if popup is None:
                QTimer.singleShot(10, press)
                return
            for key in keys:
                self.qtbot.keyClick(popup, key)

        QTimer.singleShot(0, press)

    def wait_window(self, kind: type) -> QWidget:
        """The window-modal dialog of `kind` just opened (dialog.open()), once it is the active window."""
        self.qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), kind))
        return QApplication.activeWindow()


def keys_script(keyboard: Keyboard, *steps) -> Callable[[QDialog], None]:
    """A script of steps: "text" typed, a Qt.Key pressed, or (key, modifier)."""

    def run(_dialog: QDialog) -> None:
        for step in steps:
            if isinstance(step, str):
                keyboard.type(step)
            elif isinstance(step, tuple):
                keyboard.press(*step)
            else:
                keyboard.press(step)

    return run
