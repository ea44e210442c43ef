"""Where the keyboard's focus goes when the widget that had it is gone (a dialog closed on a page that changed, a
button hidden or disabled by what it did): never nowhere."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget


def _takes_focus(widget: QWidget | None) -> bool:
    return (
        widget is not None
        and widget.isVisible()
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    )


def first_focusable(container: QWidget) -> QWidget | None:
    """The first widget inside `container` that Tab would reach, in the Tab order."""
    widget = container.nextInFocusChain()
    while widget is not None and widget is not container:
        if container.isAncestorOf(widget) and _takes_focus(widget):
            return widget
        widget = widget.nextInFocusChain()
    return None


def keep_focus(container: QWidget, preferred: QWidget | None = None) -> None:
    """When the focus is on no widget of `container`'s window, or on one hidden or disabled, give it to
    `preferred` (when it can take it), else to the first widget of `container` that Tab reaches."""
    current = QApplication.focusWidget()
    if current is not None and current.window() is container.window() and current.isVisible() and current.isEnabled():
        return
    target = preferred if _takes_focus(preferred) else first_focusable(container)
    if target is not None:
        target.setFocus(Qt.FocusReason.OtherFocusReason)


def keep_focus_later(container: QWidget, preferred: QWidget | None = None) -> None:
    """`keep_focus` once the events now queued have run: after a closing dialog has handed the focus back."""
    QTimer.singleShot(0, container, lambda: keep_focus(container, preferred))
