"""The «Hội nghị chi bộ» tab's votes from the keyboard alone: a by-election typed, chosen in the votes table with
the arrows, its approval (chuẩn y) recorded; a by-election by secret ballot turning to «Bầu cử» with the keyboard;
a higher committee's appointment; a discipline vote; the vote buttons reached by Tab from
the votes table in the order they are shown."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from gui.meetings.meeting_dialogs import AppointmentDialog, ApprovalDialog, VoteDialog
from gui.meetings.meetings_tab import MeetingsTab
from models.counting import Post
from models.meetings.leadership import current_leadership
from models.meetings.meetings import create_meeting, list_meetings
from models.meetings.thresholds import VoteKind
from models.meetings.votes import meeting_votes
from tests.support import congress_story as story
from tests.support.keyboard import CTRL

Key = Qt.Key


@pytest.fixture
def tab(qtbot, data_file, tmp_path):
    story.roster(10, 2)
    create_meeting(date(2026, 11, 20), "Sinh hoạt chi bộ tháng 11")
    widget = MeetingsTab(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.refresh()
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def _opened(kind):
    return lambda: isinstance(QApplication.activeWindow(), kind)


def _choose(keyboard, combo, data) -> None:
    """Choose the item of `combo` holding `data` with the arrow keys (the combo has the focus)."""
    steps = combo.findData(data) - combo.currentIndex()
    keyboard.press(Key.Key_Down if steps > 0 else Key.Key_Up, times=abs(steps))
    assert combo.currentData() == data


def test_a_by_election_and_its_approval_by_keys(qtbot, tab, keyboard):
    tab.meetings_list.setFocus()
    keyboard.alt("k", until=_opened(VoteDialog))
    dialog = QApplication.activeWindow()
    keyboard.alt("n")  # «Nội dung»: the kind of vote
    _choose(keyboard, dialog.kind_combo, VoteKind.BY_ELECTION)
    keyboard.alt("c")  # «Chức vụ bầu bổ sung»
    _choose(keyboard, dialog.post_combo, Post.DEPUTY_SECRETARY)
    keyboard.alt("s")
    keyboard.type("45-CV/ĐU")
    keyboard.alt("y")
    keyboard.type("01/11/2026")
    keyboard.alt("t")
    keyboard.type("7")
    keyboard.alt("k")
    keyboard.type("2")
    dialog.grab().save("/tmp/hkey-by-election.png")
    keyboard.press(Key.Key_Return)
    keyboard.closed(dialog)
    [vote] = meeting_votes(list_meetings()[0].id)
    assert vote.kind is VoteKind.BY_ELECTION and vote.passed
    assert keyboard.focus().isVisible()

    keyboard.tab_to(tab.votes_table)
    keyboard.press(Key.Key_Down)  # the arrows choose the vote
    assert tab.selected_vote().id == vote.id and tab.approval_button.isEnabled()
    keyboard.alt("y", until=_opened(ApprovalDialog))  # «Ghi chuẩn y…»
    approval = QApplication.activeWindow()
    assert keyboard.focus() is approval.number_edit
    keyboard.type("12-QĐ/ĐU")
    keyboard.alt("n")  # «Ngày quyết định»
    keyboard.press(Key.Key_A, CTRL)
    keyboard.type("25/11/2026")
    keyboard.press(Key.Key_Return)
    keyboard.closed(approval)
    [deputy] = [x for x in current_leadership() if x.post == Post.DEPUTY_SECRETARY]
    assert "chuẩn y: Quyết định số 12-QĐ/ĐU ngày 25/11/2026" in deputy.source
    assert keyboard.focus().isVisible() and tab.isAncestorOf(keyboard.focus())


def test_an_appointment_by_keys(qtbot, tab, keyboard):
    tab.meetings_list.setFocus()
    keyboard.alt("c", until=_opened(AppointmentDialog))  # «Ghi quyết định chỉ định…»
    dialog = QApplication.activeWindow()
    assert keyboard.focus() is dialog.post_combo  # the first field
    keyboard.alt("s")
    keyboard.type("125-QĐ/ĐU")
    keyboard.alt("r")
    keyboard.type("Đảng ủy xã Sóc Sơn")
    keyboard.press(Key.Key_Return)
    keyboard.closed(dialog)
    [leader] = current_leadership()
    assert leader.post == Post.SECRETARY and "125-QĐ/ĐU" in leader.source
    assert keyboard.focus().isVisible() and tab.isAncestorOf(keyboard.focus())


def test_tab_goes_along_the_vote_buttons_as_they_are_shown(qtbot, tab, keyboard):
    buttons = [b for b in tab.findChildren(QPushButton) if b.isVisible()]
    for button in buttons:
        button.setEnabled(True)
    tab.votes_table.setFocus()
    reached = []
    for _ in range(6):
        keyboard.press(Key.Key_Tab)
        reached.append(keyboard.focus())
    shown = sorted(reached, key=lambda b: (b.mapTo(tab, b.rect().topLeft()).y(), b.mapTo(tab, b.rect().topLeft()).x()))
    assert reached == shown and all(isinstance(b, QPushButton) for b in reached)


def test_a_discipline_vote_with_its_forms_is_typed_by_keys(qtbot, tab, keyboard):
    """The branch's vote on a discipline: the member chosen with the arrows, the votes for each form typed in the
    rows Tab reaches under «Tán thành»."""
    from models.meetings.thresholds import DisciplineForm

    tab.meetings_list.setFocus()
    keyboard.alt("k", until=_opened(VoteDialog))
    dialog = QApplication.activeWindow()
    keyboard.alt("n")
    _choose(keyboard, dialog.kind_combo, VoteKind.DISCIPLINE)
    keyboard.alt("v")  # «Đảng viên»
    keyboard.press(Key.Key_Down)
    member_id = dialog.member_combo.currentData()
    keyboard.alt("t")  # «Tán thành»
    keyboard.type("8")
    keyboard.press(Key.Key_Tab)  # «trong đó chọn cảnh cáo»
    assert keyboard.focus() is dialog.form_spins[DisciplineForm.WARNING]
    keyboard.type("5")
    keyboard.press(Key.Key_Tab)  # «trong đó chọn khiển trách»
    keyboard.type("3")
    keyboard.alt("k")  # «Không tán thành»
    keyboard.type("2")
    dialog.grab().save("/tmp/hkey-discipline.png")
    rule = dialog.needed_label  # the dialog grew with the forms' rows: the rule under them is whole
    assert rule.height() >= rule.heightForWidth(rule.width()) and "cộng dồn" in rule.text()
    keyboard.press(Key.Key_Return)
    keyboard.closed(dialog)
    [vote] = meeting_votes(list_meetings()[0].id)
    assert (vote.kind, vote.member_id, vote.yes, vote.no) == (VoteKind.DISCIPLINE, member_id, 8, 2)
    assert vote.yes_by_form == {"warning": 5, "reprimand": 3}
    assert keyboard.focus().isVisible() and tab.isAncestorOf(keyboard.focus())


def test_a_secret_ballot_opened_by_keys_turns_to_the_ballots_tab_with_the_keyboard_in_it(
    qtbot, data_file, tmp_path, keyboard
):
    from gui.main_window import MainWindow

    story.roster(10, 2)
    create_meeting(date(2026, 11, 20), "Sinh hoạt chi bộ tháng 11")
    window = MainWindow(data_file, QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    keyboard.press(Key.Key_4, CTRL)  # «Hội nghị chi bộ»
    qtbot.waitUntil(lambda: window.meetings_tab is not None and window.meetings_tab.isAncestorOf(keyboard.focus()))
    keyboard.alt("s", until=_opened(VoteDialog))  # «Bỏ phiếu kín (bầu bổ sung, biểu quyết)…»
    dialog = QApplication.activeWindow()
    keyboard.alt("n")
    _choose(keyboard, dialog.kind_combo, VoteKind.BY_ELECTION)
    keyboard.alt("s")
    keyboard.type("45-CV/ĐU")
    keyboard.alt("y")
    keyboard.type("01/11/2026")
    keyboard.alt("p")  # «Phát phiếu, kiểm phiếu ở thẻ «Bầu cử»»
    keyboard.closed(dialog)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.ballots_page)
    qtbot.waitUntil(lambda: window.ballots_tab.isAncestorOf(keyboard.focus()) and keyboard.focus().isVisible())
