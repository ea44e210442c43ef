"""A round's count on the «Bầu cử» tab from the keyboard alone: the ballots typed, the papers collected, a ballot
taken out, the result locked and shown on the room's screen; every question answered with keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QInputDialog

from gui.live_count.ballots_tab import BallotsTab
from models.congress.congresses import list_congresses
from models.congress.elections import congress_elections
from models.congress.round_state import RoundStatus
from models.counting import Post
from models.live_count.session import round_log
from tests.gui.live_count.test_ballots_tab import _round
from tests.support.keyboard import ALT, CTRL, keys_script

Key = Qt.Key


@pytest.fixture
def tab(qtbot, data_file, tmp_path):
    widget = BallotsTab(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def _status(round_) -> RoundStatus:
    (election,) = congress_elections(list_congresses()[0].id)
    return next(r.status for r in election.rounds if r.id == round_.id)


def _landed(keyboard) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and focus.isVisible() and focus.isEnabled()


def test_a_round_is_counted_locked_and_published_with_keys(qtbot, tab, keyboard):
    round_ = _round(Post.COMMITTEE, 3, 4)
    tab.refresh()
    assert keyboard.focus() is tab.entry
    for _ in range(11):  # 11 ballots, the 4th struck on each
        keyboard.type("4")
        keyboard.press(Key.Key_Return)
    qtbot.waitUntil(lambda: len(round_log(round_.id)) >= 11)
    asked = []

    def number(box: QInputDialog) -> None:
        asked.append([b.text() for b in box.findChildren(type(tab.close_button)) if b.isEnabled()])
        box.grab().save("/tmp/hkey-ask-number.png")
        keyboard.type("11")
        keyboard.press(Key.Key_Return)

    keyboard.answer(number)
    keyboard.alt("o")
    assert asked == [["Đồn&g ý", "&Hủy"]]  # both with an access key, «Đồng ý» not greyed out
    assert _landed(keyboard), QApplication.focusWidget()
    keyboard.answer(keys_script(keyboard, (Key.Key_K, ALT)))
    keyboard.alt("k")
    assert _status(round_) == RoundStatus.CLOSED
    assert _landed(keyboard), QApplication.focusWidget()
    tab.grab().save("/tmp/hkey-closed.png")
    keyboard.answer(keys_script(keyboard, (Key.Key_C, ALT)))
    keyboard.alt("m")
    assert _status(round_) == RoundStatus.PUBLISHED
    assert _landed(keyboard), QApplication.focusWidget()


def test_the_room_s_screen_opened_with_keys_leaves_the_keyboard_on_the_entry(qtbot, tab, keyboard):
    round_ = _round(Post.COMMITTEE, 3, 4)
    tab.refresh()
    keyboard.alt("r", until=lambda: tab.projector is not None and tab.projector.isVisible())
    tab.projector.grab().save("/tmp/hkey-projector.png")
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab.window())
    assert keyboard.focus() is tab.entry
    keyboard.type("4")
    keyboard.press(Key.Key_Return)
    qtbot.waitUntil(lambda: len(round_log(round_.id)) == 1)
    tab.projector.close()


def test_the_count_s_minutes_are_saved_from_its_menu_with_keys(qtbot, tab, keyboard, documents):
    round_ = _round(Post.COMMITTEE, 3, 4)
    tab.refresh()
    for _ in range(11):
        keyboard.type("4")
        keyboard.press(Key.Key_Return)
    qtbot.waitUntil(lambda: len(round_log(round_.id)) >= 11)
    keyboard.answer(keys_script(keyboard, (Key.Key_K, ALT)))
    keyboard.alt("k")
    target = documents / "bien-ban.xlsx"
    keyboard.answer(
        keys_script(keyboard, (Key.Key_A, CTRL), "bien-ban", Key.Key_Return),  # the file chooser
        keys_script(keyboard, Key.Key_Return),  # «Đã xuất …»
    )
    keyboard.in_popup(Key.Key_B)  # «&Biên bản kiểm phiếu (Excel)…»
    keyboard.alt("s")
    assert target.exists()
    assert _landed(keyboard), QApplication.focusWidget()
