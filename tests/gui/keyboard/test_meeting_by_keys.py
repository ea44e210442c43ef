"""A branch meeting between congresses from the keyboard alone: the meeting made (a date typed wrong first), a
presence keyed in the table, a show-of-hands vote typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from gui.meetings.meeting_dialogs import MeetingDialog, VoteDialog
from gui.meetings.meetings_tab import MeetingsTab
from models.meetings.meetings import list_meetings
from models.meetings.votes import meeting_votes
from tests.support import congress_story as story
from tests.support.keyboard import CTRL, keys_script

Key = Qt.Key


@pytest.fixture
def tab(qtbot, data_file, tmp_path):
    story.roster(10, 2)
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


def test_a_meeting_is_made_and_a_wrong_date_sends_the_focus_back_to_it(qtbot, tab, keyboard):
    tab.meetings_list.setFocus()
    keyboard.alt("m", until=_opened(MeetingDialog))
    dialog = QApplication.activeWindow()
    assert keyboard.focus() is dialog.date_field.line_edit
    keyboard.press(Key.Key_A, CTRL)
    keyboard.type("31/02/2026")  # no such day
    keyboard.press(Key.Key_Tab)
    keyboard.type("Sinh hoạt chi bộ tháng 11")
    keyboard.answer(keys_script(keyboard, Key.Key_Return))  # «Hãy nhập ngày họp»: Enter closes it
    keyboard.press(Key.Key_Return)
    qtbot.waitUntil(keyboard.all_answered)
    assert keyboard.seen[-1][1].startswith("Hãy nhập ngày họp") and list_meetings() == []
    assert keyboard.focus() is dialog.date_field.line_edit  # where the mistake is
    keyboard.press(Key.Key_A, CTRL)
    keyboard.type("20/11/2026")
    keyboard.press(Key.Key_Return)
    keyboard.closed(dialog)
    (meeting,) = list_meetings()
    assert meeting.purpose == "Sinh hoạt chi bộ tháng 11" and f"{meeting.held_on:%d/%m/%Y}" == "20/11/2026"
    assert keyboard.focus().isVisible()


def test_a_show_of_hands_vote_of_the_meeting_is_typed(qtbot, tab, keyboard):
    from datetime import date

    from models.meetings.meetings import create_meeting

    create_meeting(date(2026, 11, 20), "Sinh hoạt chi bộ")
    tab.refresh()
    tab.meetings_list.setFocus()
    keyboard.alt("k", until=_opened(VoteDialog))
    dialog = QApplication.activeWindow()
    dialog.grab().save("/tmp/hkey-meeting-vote.png")
    keyboard.tab_to(dialog.yes_spin)
    keyboard.type("7")
    keyboard.tab_to(dialog.no_spin)
    keyboard.type("3")
    keyboard.press(Key.Key_Return)
    keyboard.closed(dialog)
    (vote,) = meeting_votes(list_meetings()[0].id)
    assert (vote.yes, vote.no) == (7, 3)
    assert keyboard.focus().isVisible()
