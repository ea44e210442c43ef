"""A whole branch congress in the window, key by key: set up, checked in, opened, its bodies chosen and voted, the
committee's election set up and voted, its ballots issued, typed one by one on «Bầu cử», locked, shown to the room,
and a paper saved. No click, no value set by the test: only keys to the focused widget and to the real dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.congress.congress_dialog import CongressDialog
from gui.congress.hand_vote_dialog import HandVoteDialog
from models.congress.bodies import Body, working_bodies
from models.congress.congresses import Status, list_congresses
from models.congress.elections import congress_elections
from models.congress.round_state import RoundStatus
from models.congress.summons import summoned_list
from models.counting import Attendance
from tests.support import congress_story as story
from tests.support.keyboard import ALT, CTRL, keys_script

Key = Qt.Key


@pytest.fixture
def window(active_window):
    story.roster(12, 2)
    win = active_window()
    return win


def _dialog_of(kind):
    return lambda: isinstance(QApplication.activeWindow(), kind)


def _hand_vote(keyboard, letter: str, *keys) -> None:
    """Open a show-of-hands vote with Alt+letter, type `keys` into it, Enter: all present agree by default."""
    keyboard.alt(letter, until=_dialog_of(HandVoteDialog))
    dialog = QApplication.activeWindow()
    for key in keys:
        keyboard.type(key) if isinstance(key, str) else keyboard.press(key)
    keyboard.press(Key.Key_Return)
    keyboard.closed(dialog)


def test_a_whole_congress_with_keys_alone(qtbot, window, keyboard, documents):
    keyboard.press(Key.Key_H, ALT)  # «Đại &hội»
    tab = window.congress_tab
    qtbot.waitUntil(lambda: tab is not None and tab.isVisible())
    keyboard.alt("i", until=_dialog_of(CongressDialog))  # «Tạo đại hội đầu t&iên…»
    dialog = QApplication.activeWindow()
    keyboard.type("4")
    keyboard.press(Key.Key_Tab)
    keyboard.type("2025")
    keyboard.press(Key.Key_Tab)
    keyboard.type("2030")
    keyboard.press(Key.Key_K, ALT)  # «Ngày &khai mạc»
    keyboard.press(Key.Key_A, CTRL)
    keyboard.type("20/06/2025")
    keyboard.press(Key.Key_Return)
    keyboard.closed(dialog)
    (info,) = list_congresses()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.checkin_page.table)

    keyboard.press(Key.Key_Return, times=14)  # everyone present
    assert all(p.attendance == Attendance.PRESENT for p in summoned_list(info.id))
    keyboard.answer(keys_script(keyboard, (Key.Key_K, ALT)))
    keyboard.alt("k")  # «&Khai mạc», then «&Khai mạc» in the question
    assert list_congresses()[0].status == Status.IN_SESSION

    keyboard.press(Key.Key_2, ALT)
    bodies = tab.bodies_page
    keyboard.tab_to(bodies.lead_box.list)
    keyboard.press(Key.Key_Space)  # the chair of the presidium, first
    keyboard.alt("l", until=lambda: "Đã lưu" in bodies.saved_label.text())
    keyboard.tab_to(bodies.secretariat_box.list)
    keyboard.press(Key.Key_Down)
    keyboard.press(Key.Key_Space)
    keyboard.alt("u", until=lambda: "Thư ký" in bodies.saved_label.text())
    keyboard.tab_to(bodies.counting_box.list)
    keyboard.press(Key.Key_End)
    keyboard.press(Key.Key_Space)
    keyboard.press(Key.Key_Up)
    keyboard.press(Key.Key_Space)
    keyboard.alt("a", until=lambda: "Ban kiểm phiếu" in bodies.saved_label.text())
    assert [len(working_bodies(info.id)[b]) for b in (Body.PRESIDIUM, Body.SECRETARIAT, Body.COUNTING)] == [1, 1, 2]

    keyboard.press(Key.Key_3, ALT)
    _hand_vote(keyboard, "g", Key.Key_Home, Key.Key_Tab, "Thông qua Đoàn Chủ tịch, Thư ký, Ban kiểm phiếu")

    keyboard.press(Key.Key_4, ALT)
    elections = tab.elections_page
    keyboard.answer(keys_script(keyboard, "3", Key.Key_Return))
    keyboard.alt("u")  # «Thiết lập cuộc bầ&u…»: 3 seats on the committee
    keyboard.tab_to(elections.candidate_list)
    for _ in range(4):
        keyboard.press(Key.Key_Space)
        keyboard.press(Key.Key_Down)
    keyboard.alt("l", until=lambda: len(congress_elections(info.id)[0].current_round.candidates) == 4)
    _hand_vote(keyboard, "q")  # the number
    _hand_vote(keyboard, "d")  # the list
    keyboard.answer(keys_script(keyboard, (Key.Key_P, ALT)))
    keyboard.alt("f")  # «Phát phiếu, mở lần bầu (&F)»
    round_ = congress_elections(info.id)[0].current_round
    assert round_.ballots_issued == 12

    keyboard.press(Key.Key_B, ALT)  # «&Bầu cử»: the keyboard is on the entry
    ballots = window.ballots_tab
    qtbot.waitUntil(lambda: QApplication.focusWidget() is ballots.entry)
    for struck in ("4", "4", "4", "4", "4", "4", "4", "4", "4", "4", "3", "4"):
        keyboard.type(struck)
        keyboard.press(Key.Key_Return)
    keyboard.answer(keys_script(keyboard, "12", Key.Key_Return))
    keyboard.alt("o")  # «Phiếu thu và&o…»
    keyboard.answer(keys_script(keyboard, (Key.Key_K, ALT)))
    keyboard.alt("k")  # «Khóa &kết quả»
    keyboard.alt("r", until=lambda: ballots.projector is not None and ballots.projector.isVisible())
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    keyboard.answer(keys_script(keyboard, (Key.Key_C, ALT)))
    keyboard.alt("m")  # «Công bố lên &màn hình»
    (election,) = congress_elections(info.id)
    assert election.current_round.status == RoundStatus.PUBLISHED and len(election.elected) == 3
    window.grab().save("/tmp/hkey-walk-count.png")
    ballots.projector.grab().save("/tmp/hkey-walk-projector.png")

    keyboard.press(Key.Key_H, ALT)
    keyboard.press(Key.Key_5, ALT)
    keyboard.answer(
        keys_script(keyboard, (Key.Key_A, CTRL), "bao-cao", Key.Key_Return),  # the file chooser
        keys_script(keyboard, Key.Key_Return),  # «Đã xuất …»
    )
    keyboard.alt("q")  # «Báo cáo kết &quả đại hội…»
    assert (documents / "bao-cao.xlsx").exists()
    ballots.projector.close()
