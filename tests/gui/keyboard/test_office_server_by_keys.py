"""The window on an office server from the keyboard alone: another branch chosen in the branch bar by its Alt key
and the arrows, «Xem» › «Tổng hợp toàn đảng bộ…» opened by keys, its table walked with the arrows, Tab on to its
buttons, Escape back to the roster; on a real server."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from gui.main_window import MainWindow
from gui.office.office_dialog import OfficeDialog
from models.core.branch import BranchInfo, current_branch_id, get_branch, list_branches, save_branch, use_branch
from models.core.database import close_database, open_database
from models.roster.members import save_member
from tests.support.keyboard import ALT
from tests.support.people import member, set_up_branch
from tests.support.pg_server import empty_database

Key = Qt.Key
SECOND = "Chi bộ Phòng Kế hoạch"


@pytest.fixture
def window(qtbot, pg_url, tmp_path):
    empty_database(pg_url)
    open_database(pg_url)
    set_up_branch()
    for index in range(4):
        save_member(member(index))
    save_branch(BranchInfo(SECOND, "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Hà Nội", "CB"), new=True)
    save_member(member(6, card_number="20000006"))
    use_branch(None)
    win = MainWindow(pg_url, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.waitUntil(lambda: win.members_tab.proxy.rowCount() == 4)  # a server's roster loads on a worker
    yield win
    close_database()


def test_another_branch_is_chosen_in_the_branch_bar_by_keys(qtbot, window, keyboard):
    window.members_tab.table.setFocus()
    keyboard.alt("a")  # «Đang làm việc ở:»
    assert keyboard.focus() is window.branch_bar.combo
    keyboard.press(Key.Key_Down)  # a closed combo box: the arrow chooses the next branch
    second = dict((name, i) for i, name in list_branches())[SECOND]
    qtbot.waitUntil(lambda: current_branch_id() == second)
    assert get_branch().name == SECOND
    qtbot.waitUntil(lambda: not window.members_tab.is_loading())
    qtbot.waitUntil(lambda: window.members_tab.proxy.rowCount() == 1)
    assert keyboard.focus().isVisible() and window.isAncestorOf(keyboard.focus())


def test_the_office_totals_are_walked_by_keys(qtbot, window, keyboard):
    table = window.members_tab.table
    table.setFocus()
    keyboard.in_popup(Key.Key_O)  # «Xem» › «Tổng hợp toàn đảng bộ…»
    keyboard.press(Key.Key_X, ALT)
    dialog = keyboard.wait_window(OfficeDialog)
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        pass
    dialog.resize(1100, 560)  # as it opens on a 1366×768 screen (the offscreen screen is smaller)
    qtbot.wait(50)
    dialog.grab().save("/tmp/hkey-office.png")
    keyboard.tab_to(dialog.table)
    keyboard.press(Key.Key_Down)
    keyboard.press(Key.Key_Down)
    assert dialog.table.currentRow() == 1
    keyboard.press(Key.Key_Tab)  # out of the table, on to the first export button
    assert keyboard.focus() is dialog.export_buttons["thong-ke"]
    keyboard.press(Key.Key_Escape)
    keyboard.closed(dialog)
    qtbot.waitUntil(table.hasFocus)
