"""Backing up and restoring the data file from the keyboard alone: «Tệp» › «Sao lưu dữ liệu…» with the file chooser
answered by keys; «Tệp» › «Phục hồi từ bản sao lưu…» with the backup chosen by the arrows, Enter on the question
keeping the file as it is, Alt+P restoring it; the focus back in the window after each."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.core.restore_dialog import RestoreDialog
from models.roster.members import all_members, save_member
from tests.support.keyboard import ALT, CTRL, keys_script
from tests.support.people import member, set_up_branch

Key = Qt.Key


@pytest.fixture
def window(active_window):
    set_up_branch()
    for index in range(2):
        save_member(member(index))
    win = active_window()
    win.members_tab.table.setFocus()
    return win


def _in_window(window) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and focus.isVisible() and window.isAncestorOf(focus)


def test_the_data_file_is_backed_up_by_keys(qtbot, window, keyboard, documents):
    keyboard.answer(
        keys_script(keyboard, (Key.Key_A, CTRL), "sao-luu-thang-12", Key.Key_Return),  # the file chooser
        keys_script(keyboard, Key.Key_Return),  # «Đã sao lưu dữ liệu vào tệp …»
    )
    keyboard.in_popup(Key.Key_S)  # «Tệp» › «Sao lưu dữ liệu…»
    keyboard.press(Key.Key_T, ALT)
    qtbot.waitUntil(keyboard.all_answered, timeout=20000)
    assert (documents / "sao-luu-thang-12.sqlite3").exists()
    assert keyboard.seen[-1][0] == "Thông báo"
    window.activateWindow()
    qtbot.waitUntil(lambda: _in_window(window))


def test_a_backup_is_chosen_with_the_arrows_and_restored_by_keys(qtbot, window, keyboard, data_file):
    from models.core.auto_backup import take_backup

    take_backup(data_file, "manual")  # two members
    save_member(member(2))  # a third, after the backup
    window.members_tab.refresh()
    keyboard.in_popup(Key.Key_P)  # «Tệp» › «Phục hồi từ bản sao lưu…»
    keyboard.press(Key.Key_T, ALT)
    dialog = keyboard.wait_window(RestoreDialog)
    dialog.grab().save("/tmp/hkey-restore.png")
    assert keyboard.focus() is dialog.table  # the list of backups, its newest chosen
    wanted = len(dialog.previews) - 1  # the oldest: the one taken when the file was opened
    assert wanted > 0 and "2 đảng viên" in dialog.previews[wanted].summary
    keyboard.press(Key.Key_Down, times=wanted)
    assert dialog.table.currentRow() == wanted

    keyboard.answer(keys_script(keyboard, Key.Key_Return))  # Enter on «Phục hồi dữ liệu về lúc …?»: not restored
    keyboard.press(Key.Key_Return)
    qtbot.waitUntil(keyboard.all_answered)
    assert keyboard.seen[-1][1].startswith("Phục hồi dữ liệu về lúc") and len(all_members()) == 3
    assert dialog.isVisible() and keyboard.focus() is dialog.table

    keyboard.answer(keys_script(keyboard, (Key.Key_P, ALT)))  # «Phục hồi»
    keyboard.alt("p", until=lambda: window.restore_dialog is None or not dialog.isVisible())
    qtbot.waitUntil(keyboard.all_answered)
    assert len(all_members()) == 2  # as it was at the backup
    window.activateWindow()
    qtbot.waitUntil(lambda: _in_window(window))
