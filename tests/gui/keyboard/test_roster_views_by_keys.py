"""The roster's views from the keyboard alone: «Xem» › «Nhắc việc» with the focus on its first list, a reminder
opened with Enter and Escape back to it; «Xem» › «Thống kê» with the focus on its first control."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gui.roster.member_dialog import MemberDialog
from gui.roster.members_tab import REMINDERS_PAGE, STATISTICS_PAGE
from tests.support.dialog_makers import fill_roster
from tests.support.keyboard import ALT

Key = Qt.Key


@pytest.fixture
def window(active_window):
    fill_roster()  # Hoàng Thị Ánh: 12 months of probation over, a recognition to do
    win = active_window()
    win.members_tab.table.setFocus()
    return win


def _view(qtbot, keyboard, window, letter, page) -> None:
    keyboard.in_popup(getattr(Key, f"Key_{letter}"))
    keyboard.press(Key.Key_X, ALT)  # «Xem»
    qtbot.waitUntil(lambda: window.members_tab.views.currentIndex() == page)
    window.activateWindow()  # the menu closed gives the window back its activation, as the desktop does
    qtbot.waitUntil(window.isActiveWindow)


def test_a_reminder_is_opened_with_enter_and_escape_comes_back_to_it(qtbot, window, keyboard):
    tab = window.members_tab
    _view(qtbot, keyboard, window, "N", REMINDERS_PAGE)  # «Nhắc việc»
    recognitions = tab.reminders_panel.recognitions.list
    qtbot.waitUntil(recognitions.hasFocus)  # the first list, not the roster's table now hidden
    assert "Hoàng Thị Ánh" in recognitions.currentItem().text()
    keyboard.press(Key.Key_Return)
    dialog = keyboard.wait_window(MemberDialog)
    assert dialog.member.full_name == "Hoàng Thị Ánh"
    keyboard.press(Key.Key_Escape)
    keyboard.closed(dialog)
    qtbot.waitUntil(recognitions.hasFocus)


def test_the_statistics_view_takes_the_focus(qtbot, window, keyboard):
    tab = window.members_tab
    _view(qtbot, keyboard, window, "T", STATISTICS_PAGE)  # «Thống kê»
    page = tab.views.currentWidget()
    qtbot.waitUntil(lambda: page.isAncestorOf(keyboard.focus()))
