"""The office's screens from the keyboard alone: «Hồ sơ đảng ủy» (its three pages by their Alt keys, the committee
typed field after field with Tab and saved, a leader added, the tables walked with the arrows) and the transfer of a
member to another branch."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gui.office.committee_dialog import CommitteeDialog
from gui.office.transfer_dialog import TransferDialog
from models.core.branch import BranchInfo, list_branches, save_branch, use_branch
from models.office.committee_record import get_committee, leaders
from tests.support.keyboard import ALT, CTRL
from tests.support.people import set_up_branch

Key = Qt.Key


@pytest.fixture
def two_branches(data_file):
    set_up_branch()
    save_branch(BranchInfo("Chi bộ Thôn Đông", "ĐẢNG BỘ XÃ SÓC SƠN", "Sóc Sơn", "CB"), new=True)
    use_branch(None)
    return dict((name, i) for i, name in list_branches())


def _shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.resize(1366, 700)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_the_committee_record_is_typed_and_saved_by_keys(qtbot, two_branches, keyboard):
    dialog = _shown(qtbot, CommitteeDialog())
    keyboard.alt("y")  # «Tên đảng ủy»
    assert keyboard.focus() is dialog.name_edit
    keyboard.type("Đảng ủy xã Sóc Sơn")
    keyboard.press(Key.Key_Tab)  # on to the higher committee's lines (Tab leaves the text box)
    assert keyboard.focus() is dialog.higher_edit
    keyboard.type("Đảng bộ thành phố Hà Nội")
    keyboard.press(Key.Key_Tab)
    assert keyboard.focus() is dialog.place_edit
    keyboard.type("Sóc Sơn")
    keyboard.alt("m")  # «Nhiệm kỳ từ năm»
    keyboard.type("2025")
    keyboard.press(Key.Key_Tab)  # «đến năm»
    assert keyboard.focus() is dialog.term_end_box or dialog.term_end_box.isAncestorOf(keyboard.focus())
    keyboard.type("2030")
    keyboard.alt("u")  # «Lưu thông tin đảng ủy»
    qtbot.waitUntil(lambda: get_committee() is not None)
    assert (get_committee().name, get_committee().term_start) == ("ĐẢNG ỦY XÃ SÓC SƠN", 2025)
    assert keyboard.focus().isVisible()

    keyboard.press(Key.Key_Escape)  # all saved: closes at once
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert keyboard.seen == []


def test_a_leader_is_added_and_the_pages_and_tables_are_walked_by_keys(qtbot, two_branches, keyboard):
    from models.office.committee_record import CommitteeRecord, save_committee

    save_committee(CommitteeRecord("Đảng ủy xã Sóc Sơn", ("Đảng bộ thành phố Hà Nội",), "Sóc Sơn"))
    dialog = _shown(qtbot, CommitteeDialog())
    keyboard.alt("l")  # the page «Lãnh đạo đảng ủy»
    assert dialog.tabs.currentIndex() == 1
    keyboard.alt("h")  # «Họ và tên»
    keyboard.type("Nguyễn Văn Bình")
    keyboard.alt("q")
    keyboard.type("Quyết định số 12-QĐ/HU")
    keyboard.alt("g")  # «Từ ngày»
    keyboard.type("01/07/2025")
    keyboard.alt("m", until=lambda: len(leaders()) == 1)  # «Thêm vào lãnh đạo đảng ủy»
    assert leaders()[0].full_name == "Nguyễn Văn Bình" and dialog.leader_name_edit.text() == ""
    assert dialog.leaders_table.rowCount() == 1
    keyboard.tab_to(dialog.leaders_table)
    keyboard.press(Key.Key_Down)
    assert dialog.leaders_table.currentRow() == 0
    keyboard.press(Key.Key_Tab)  # Tab leaves the table for the form under it
    assert not dialog.leaders_table.hasFocus()

    keyboard.alt("c")  # the page «Lịch sử các chi bộ»
    assert dialog.tabs.currentIndex() == 2
    keyboard.press(Key.Key_Tab, CTRL)  # Ctrl+Tab: the next page, round to the first
    assert dialog.tabs.currentIndex() == 0
    keyboard.press(Key.Key_Escape)  # the leader is saved, nothing else typed
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert keyboard.seen == []


def test_a_member_is_transferred_from_the_window_by_keys(qtbot, data_file, tmp_path, keyboard):
    from PySide6.QtCore import QSettings
    from shiboken6 import isValid

    from gui.main_window import MainWindow
    from models.roster.event_kinds import EventKind
    from models.roster.members import get_member, save_member
    from tests.support.people import member

    set_up_branch()
    for index in range(3):
        save_member(member(index))
    save_branch(BranchInfo("Chi bộ Phòng Kế hoạch", "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Hà Nội", "CB"), new=True)
    use_branch(None)
    window = MainWindow(data_file, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.members_tab.table.setFocus()
    keyboard.press(Key.Key_Down)  # the first member of the list
    chosen = window.members_tab.selected_member_id()
    assert chosen is not None
    keyboard.in_popup(Key.Key_B)  # «Đảng viên» › «Chuyển sinh hoạt sang chi bộ khác…»
    keyboard.press(Key.Key_V, ALT)
    dialog = keyboard.wait_window(TransferDialog)
    assert dialog.isAncestorOf(keyboard.focus())
    keyboard.alt("s")  # «Số quyết định, giấy giới thiệu»
    keyboard.type("15-QĐ/ĐU")
    keyboard.alt("g")  # «Ghi chú»
    keyboard.type("Theo nơi cư trú")
    dialog.grab().save("/tmp/hkey-transfer.png")
    keyboard.alt("c", until=lambda: not isValid(dialog))  # «Chuyển sinh hoạt»: done, the dialog deleted
    window.activateWindow()  # given back its activation, as the desktop does
    qtbot.waitUntil(window.isActiveWindow)
    assert get_member(chosen).events[-1].kind == EventKind.TRANSFERRED_OUT
    assert keyboard.focus().isVisible() and window.isAncestorOf(keyboard.focus())
