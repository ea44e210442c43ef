"""The window's tabs reached with their keys (Alt+letter, Ctrl+Tab): the focus is always somewhere, on the tab bar
or in the tab shown, never on a page that is hidden."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from gui.main_window import MainWindow
from tests.support import congress_story as story
from tests.support.keyboard import ALT, CTRL

Key = Qt.Key


@pytest.fixture
def window(qtbot, data_file, tmp_path):
    story.roster(12, 2)
    story.check_in_all(story.congress().id)
    win = MainWindow(data_file, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
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
