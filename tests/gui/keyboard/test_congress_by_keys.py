"""A branch congress typed key by key on the «Đại hội» tab: no click, no value set by the test."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.congress.congress_dialog import CongressDialog
from gui.congress.congress_tab import CongressTab
from models.congress.congresses import Status, list_congresses
from models.congress.summons import summoned_list
from models.counting import Attendance
from tests.support import congress_story as story
from tests.support.keyboard import ALT, keys_script
from tests.support.mnemonics import mnemonic

Key = Qt.Key


@pytest.fixture
def tab(qtbot, data_file, tmp_path):
    story.roster(12, 2)
    widget = CongressTab(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.refresh()
    return widget


def _create_congress(qtbot, tab, keyboard) -> None:
    tab.first_button.setFocus()  # the tab just shown: its only button
    keyboard.alt("i", until=lambda: isinstance(QApplication.activeWindow(), CongressDialog))
    dialog = keyboard.wait_window(CongressDialog)
    assert keyboard.focus() is dialog.ordinal_spin
    keyboard.type("4")  # replaces the suggested 1
    keyboard.press(Key.Key_Tab)
    keyboard.type("2025")
    keyboard.press(Key.Key_Tab)
    keyboard.type("2030")
    keyboard.press(Key.Key_Tab)
    keyboard.press(Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keyboard.type("20/06/2025")
    keyboard.press(Key.Key_Tab, times=2)
    keyboard.type("Hội trường tầng 3")
    keyboard.press(Key.Key_Return)
    keyboard.closed(dialog)


def test_a_congress_is_created_with_keys_and_the_focus_lands_on_the_check_in_list(qtbot, tab, keyboard):
    _create_congress(qtbot, tab, keyboard)
    (info,) = list_congresses()
    assert (info.ordinal, info.term_start, info.term_end, info.place) == (4, 2025, 2030, "Hội trường tầng 3")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.checkin_page.table)
    tab.grab().save("/tmp/hkey-after-create.png")


def test_tab_leaves_the_check_in_list_for_its_buttons(qtbot, tab, keyboard):
    _create_congress(qtbot, tab, keyboard)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.checkin_page.table)
    keyboard.press(Key.Key_Tab)
    assert keyboard.focus() is tab.checkin_page.present_button


def test_the_congress_opens_with_alt_and_the_question_has_keys(qtbot, tab, keyboard):
    _create_congress(qtbot, tab, keyboard)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.checkin_page.table)
    keyboard.press(Key.Key_Return, times=14)
    assert all(p.attendance == Attendance.PRESENT for p in summoned_list(list_congresses()[0].id))
    shown = []

    def look(box: QMessageBox) -> None:
        shown.extend(b.text() for b in box.buttons())
        box.grab().save("/tmp/hkey-confirm.png")
        keyboard.press(Key.Key_Escape)  # the safe answer: nothing done

    keyboard.answer(look)
    keyboard.alt("k")
    assert list_congresses()[0].status == Status.PREPARING
    assert all(mnemonic(text) for text in shown) and len({mnemonic(t) for t in shown}) == 2, shown
    keyboard.answer(keys_script(keyboard, (Key.Key_K, ALT)))
    keyboard.alt("k")
    assert list_congresses()[0].status == Status.IN_SESSION
    assert QApplication.focusWidget() is not None and QApplication.focusWidget().isEnabled()
