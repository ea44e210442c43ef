"""Access keys (the letter after "&") of menus and buttons, for the keyboard tests."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu, QTabWidget, QWidget


def mnemonic(text: str) -> str:
    """The access key of `text` ("" when none); "&&" is a literal ampersand."""
    index = 0
    while (index := text.find("&", index)) != -1 and index + 1 < len(text):
        if text[index + 1] != "&":
            return text[index + 1].lower()
        index += 2
    return ""


def problems(container: str, texts: list[str]) -> list[str]:
    """What is wrong with the access keys of the items of one menu or dialog."""
    found, seen = [], {}
    for text in texts:
        key = mnemonic(text)
        if not key:
            found.append(f"{container}: «{text}» has no access key")
        elif key in seen:
            found.append(f"{container}: «{text}» repeats the access key of «{seen[key]}»")
        else:
            seen[key] = text
    return found


def menu_problems(menu: QMenu) -> list[str]:
    """Problems of `menu` and of its submenus."""
    menu.aboutToShow.emit()  # menus filled when shown (recent files) get their items
    items = [a for a in menu.actions() if not a.isSeparator() and a.isVisible()]
    found = problems(menu.title().replace("&", ""), [a.text() for a in items])
    for action in items:
        if action.menu() is not None:
            found += menu_problems(action.menu())
    return found


def _no_key_problems(name: str, buttons: list[QAbstractButton]) -> list[str]:
    """A button outside the Tab order (a date field's «Lịch…») is reached through its field's own key instead,
    which its tooltip must name, e.g. "(Alt+↓)"; every other button needs an access key."""
    found = []
    for button in buttons:
        if button.focusPolicy() == Qt.FocusPolicy.NoFocus:
            if not re.search(r"\((Alt|Ctrl|F\d)", button.toolTip()):
                found.append(f"{name}: «{button.text()}» has neither focus nor a key in its tooltip")
        elif not mnemonic(button.text()):
            found.append(f"{name}: «{button.text()}» has no access key")
    return found


def _visible_keyed_texts(dialog: QWidget) -> list[str]:
    """Texts whose access key is live now: focusable buttons, labels of a field, tab titles."""
    texts = [
        b.text()
        for b in dialog.findChildren(QAbstractButton)
        if b.isVisible() and b.text() and b.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    texts += [label.text() for label in dialog.findChildren(QLabel) if label.isVisible() and label.buddy()]
    for tabs in dialog.findChildren(QTabWidget):
        if tabs.isVisible():
            texts += [tabs.tabText(i) for i in range(tabs.count())]
    return [text for text in texts if mnemonic(text)]


def dialog_problems(name: str, dialog: QWidget, always: tuple[str, ...] = ()) -> list[str]:
    """Every button of a shown dialog or window has an access key, and on each tab page no access key is used
    twice, also not by the `always` texts (a window's menu titles)."""
    buttons = [b for b in dialog.findChildren(QAbstractButton) if not b.isHidden() and b.text()]
    found = _no_key_problems(name, buttons)
    pages = [(None, 0)] + [(tabs, i) for tabs in dialog.findChildren(QTabWidget) for i in range(tabs.count())]
    for tabs, index in pages:
        if tabs is not None:
            _show_ancestors(tabs)
            tabs.setCurrentIndex(index)
        where = name if tabs is None else f"{name}, tab «{tabs.tabText(index).replace('&', '')}»"
        found += [p for p in problems(where, [*always, *_visible_keyed_texts(dialog)]) if p not in found]
    return found


def _show_ancestors(widget: QWidget) -> None:
    """Make a tab widget nested in another tab's page visible: each enclosing tab widget shows that page."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QTabWidget):
            for i in range(parent.count()):
                if parent.widget(i).isAncestorOf(widget):
                    parent.setCurrentIndex(i)
        parent = parent.parentWidget()
