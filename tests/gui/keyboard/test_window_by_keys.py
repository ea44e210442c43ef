"""The window's tabs reached with their keys (Alt+letter, Ctrl+Tab): the focus is always somewhere, on the tab bar
or in the tab shown, never on a page that is hidden."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.support import congress_story as story
from tests.support.keyboard import ALT, CTRL

Key = Qt.Key


@pytest.fixture
def window(active_window):
    story.roster(12, 2)
    story.check_in_all(story.congress().id)
    win = active_window()
    return win


def test_the_focus_follows_the_tabs_reached_by_keys(qtbot, window, keyboard):
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    keys = [(Key.Key_H, ALT), (Key.Key_B, ALT), (Key.Key_N, ALT)] + [(Key.Key_Tab, CTRL)] * window.tabs.count()
    for key, modifier in keys:
        keyboard.press(key, modifier)
        page = window.tabs.currentWidget()
        qtbot.waitUntil(page.isVisible)
        focus = keyboard.focus()
        assert focus.isVisible() and (focus is window.tabs.tabBar() or page.isAncestorOf(focus)), (key, focus)


def test_ctrl_digits_show_each_tab_with_the_focus_in_it_and_say_so(qtbot, window, keyboard):
    """Two tabs have no letter left for an Alt key: every tab is Ctrl+1 … Ctrl+5, named in its tooltip."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    for index in (4, 3, 0, 2, 1, 4):
        keyboard.press(getattr(Key, f"Key_{index + 1}"), CTRL)
        assert window.tabs.currentIndex() == index
        page = window.tabs.currentWidget()
        qtbot.waitUntil(lambda p=page: p.isAncestorOf(keyboard.focus()) and keyboard.focus().isVisible())
        assert window.tabs.tabToolTip(index).endswith(f"Ctrl+{index + 1})")
    assert window.tabs.tabToolTip(0) == "Đảng viên (Alt+N hoặc Ctrl+1)"
    assert window.tabs.tabToolTip(3) == "Hội nghị chi bộ (Ctrl+4)"


def test_the_view_menu_lists_the_tabs_with_their_keys(qtbot, window, keyboard):
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Xem")
    items = [(a.text(), a.shortcut().toString()) for a in view_menu.actions()[:5]]
    assert items == [
        ("&1. Đảng viên", "Ctrl+1"),
        ("&2. Đại hội", "Ctrl+2"),
        ("&3. Bầu cử", "Ctrl+3"),
        ("&4. Hội nghị chi bộ", "Ctrl+4"),
        ("&5. Phát triển Đảng", "Ctrl+5"),
    ]
    window.tabs.setCurrentIndex(0)
    keyboard.in_popup(Key.Key_5)  # Alt+X opens «Xem», 5 picks «5. Phát triển Đảng»
    keyboard.press(Key.Key_X, ALT)
    qtbot.waitUntil(lambda: window.tabs.currentIndex() == 4)
    window.activateWindow()  # the menu closed gives the window back its activation, as the desktop does
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.tabs.currentWidget().isAncestorOf(keyboard.focus()))


def test_no_key_of_the_window_does_two_things(window):
    """A shortcut of the whole window (the menus') is used once and by no control; a control's own shortcut is
    not repeated by another control inside or around it; Alt keys are checked per page (tests/support/mnemonics)."""
    from PySide6.QtGui import QAction, QShortcut

    from tests.support.mnemonics import dialog_problems

    window._build_tab(window.meetings_page)
    window._build_tab(window.admission_page)
    whole, local = [], []
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            (whole if action.shortcutContext() == Qt.ShortcutContext.WindowShortcut else local).append((key, action))
    for shortcut in window.findChildren(QShortcut):
        scope = shortcut.parent()
        target = whole if shortcut.context() == Qt.ShortcutContext.WindowShortcut else local
        target += [(key, scope) for key in shortcut.keys()]  # noqa: SIM118 - a QShortcut, not a dict
    keys = [key.toString() for key, _owner in whole]
    assert [key for key in set(keys) if keys.count(key) > 1] == []
    assert {f"Ctrl+{n}" for n in range(1, 6)} <= set(keys)
    clashes = [key.toString() for key, _owner in local if key.toString() in keys]
    assert clashes == []
    for i, (key, owner) in enumerate(local):
        for other_key, other in local[i + 1 :]:
            nested = owner is other or owner.isAncestorOf(other) or other.isAncestorOf(owner)
            assert not (key == other_key and nested), (key.toString(), owner, other)
    titles = tuple(a.text() for a in window.menuBar().actions())
    assert dialog_problems("main window", window, always=titles) == []


@pytest.mark.parametrize(
    ("letter", "kind"),
    [
        ("C", "gui.branch_dialog.BranchDialog"),  # «Thông tin chi bộ…»
        ("B", "gui.core.protection_dialog.ProtectionDialog"),  # «Bảo vệ bằng mật khẩu…»
        ("P", "gui.core.restore_dialog.RestoreDialog"),  # «Phục hồi từ bản sao lưu…»
        ("K", "gui.office.connection_dialog.ConnectionDialog"),  # «Kết nối máy chủ của văn phòng…»
    ],
)
def test_a_dialog_of_the_file_menu_opens_by_keys_and_escape_gives_the_focus_back(qtbot, window, keyboard, letter, kind):
    import importlib

    module, name = kind.rsplit(".", 1)
    dialog_class = getattr(importlib.import_module(module), name)
    window.members_tab.table.setFocus()
    qtbot.waitUntil(window.members_tab.table.hasFocus)
    keyboard.in_popup(getattr(Key, f"Key_{letter}"))
    keyboard.press(Key.Key_T, ALT)  # «Tệp»
    dialog = keyboard.wait_window(dialog_class)
    assert dialog.isAncestorOf(keyboard.focus()), keyboard.focus()
    keyboard.press(Key.Key_Escape)  # nothing typed: closes at once
    keyboard.closed(dialog)
    qtbot.waitUntil(window.members_tab.table.hasFocus)  # back where the keyboard was
    assert keyboard.seen == []


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        (Key.Key_N, "gui.roster.member_dialog.MemberDialog"),  # «Thêm đảng viên…» Ctrl+N
        (Key.Key_E, "gui.roster.member_dialog.MemberDialog"),  # «Sửa hồ sơ…» Ctrl+E
        (Key.Key_K, "gui.roster.event_dialog.EventDialog"),  # «Ghi sự kiện…» Ctrl+K
    ],
)
def test_a_member_s_dialog_opens_by_its_shortcut_and_escape_gives_the_focus_back(qtbot, window, keyboard, key, kind):
    import importlib

    module, name = kind.rsplit(".", 1)
    dialog_class = getattr(importlib.import_module(module), name)
    table = window.members_tab.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    keyboard.press(Key.Key_Down)  # a member chosen
    keyboard.press(key, CTRL)
    dialog = keyboard.wait_window(dialog_class)
    assert dialog.isAncestorOf(keyboard.focus()), keyboard.focus()
    keyboard.press(Key.Key_Escape)
    keyboard.closed(dialog)
    qtbot.waitUntil(table.hasFocus)
    assert keyboard.seen == []


def test_the_about_box_names_the_tabs_keys(qtbot, window, keyboard):
    said = []

    def read_and_close(box) -> None:
        said.append(box.informativeText())
        keyboard.press(Key.Key_Return)

    keyboard.answer(read_and_close)
    keyboard.in_popup(Key.Key_G)  # «Trợ giúp» › «Giới thiệu ChiBo»
    keyboard.press(Key.Key_P, ALT)
    qtbot.waitUntil(keyboard.all_answered)
    assert keyboard.seen[-1][0] == "Giới thiệu ChiBo"
    assert "Ctrl+1 … Ctrl+5 mở các thẻ" in said[0] and "hỏi trước nếu có thay đổi chưa lưu" in said[0]
