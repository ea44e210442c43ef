"""Access keys (the letter after "&") of menus and buttons, for the keyboard tests."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMenu, QWidget


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


def button_problems(name: str, widget: QWidget) -> list[str]:
    """Problems of the visible buttons (push, tool, check, radio) of a dialog.

    A button outside the Tab order (a date field's «Lịch…») is reached through its field's own key instead, which
    its tooltip must name, e.g. "(Alt+↓)".
    """
    buttons = [b for b in widget.findChildren(QAbstractButton) if not b.isHidden() and b.text()]
    keyed = [b for b in buttons if b.focusPolicy() != Qt.FocusPolicy.NoFocus]
    found = [f"{name}: «{b.text()}» has neither focus nor a key in its tooltip"
             for b in buttons if b not in keyed and not re.search(r"\((Alt|Ctrl|F\d)", b.toolTip())]  # fmt: skip
    return found + problems(name, [b.text() for b in keyed])
