"""An applicant's path from the keyboard alone: the file typed field after field with Tab, then the branch's vote
at a meeting made from inside the vote's dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.admission.admission_tab import AdmissionTab
from gui.admission.applicant_dialog import ApplicantDialog
from gui.admission.step_dialog import StepDialog
from models.admission.applicants import list_applicants
from models.meetings.meetings import list_meetings
from tests.support import congress_story as story
from tests.support.applicants import ready_applicant
from tests.support.keyboard import ALT, CTRL, keys_script

Key = Qt.Key


@pytest.fixture
def branch(data_file):
    return story.roster(11)


@pytest.fixture
def tab(qtbot, branch):
    widget = AdmissionTab()
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.refresh()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def _field_of(dialog, widget) -> str | None:
    for name, field in dialog.fields.items():
        if field is widget or field.isAncestorOf(widget):
            return name
    return None


def test_tab_walks_the_applicant_s_file_field_after_field_and_enter_saves_it(qtbot, tab, keyboard):
    tab.table.setFocus()
    keyboard.alt("q", until=lambda: isinstance(QApplication.activeWindow(), ApplicantDialog))
    dialog = QApplication.activeWindow()
    dialog.grab().save("/tmp/hkey-applicant.png")
    assert _field_of(dialog, keyboard.focus()) == "full_name"
    reached = []
    for _ in range(len(dialog.fields) + 3):
        name = _field_of(dialog, keyboard.focus())
        if name is not None and name not in reached:
            reached.append(name)
        keyboard.press(Key.Key_Tab)
    shown = [n for n, f in dialog.fields.items() if f.isEnabled()]
    assert reached == shown  # every field, in the order of the form
    keyboard.tab_to(dialog.fields["full_name"])
    keyboard.type("Hoàng Thị Hoa")
    keyboard.press(Key.Key_Tab)
    keyboard.type("N")  # «Nữ» chosen by its first letter
    keyboard.press(Key.Key_Tab)
    keyboard.type("20/08/1998")
    keyboard.press(Key.Key_Return)
    keyboard.closed(dialog)
    (applicant,) = list_applicants()
    assert (applicant.full_name, applicant.gender, f"{applicant.birth_date:%d/%m/%Y}") == (
        "Hoàng Thị Hoa",
        "Nữ",
        "20/08/1998",
    )
    assert keyboard.focus().isVisible()


def test_the_vote_at_a_meeting_made_inside_its_dialog_is_typed(qtbot, tab, keyboard, branch):
    ready_applicant(branch[:2])
    tab.refresh()
    tab.table.setFocus()
    keyboard.press(Key.Key_Down)
    keyboard.alt("k", until=lambda: isinstance(QApplication.activeWindow(), StepDialog))
    vote = QApplication.activeWindow()
    keyboard.alt("m", until=lambda: QApplication.activeWindow() is not vote)
    meeting = QApplication.activeWindow()
    assert _field_of(meeting, keyboard.focus()) == "held_on"
    keyboard.press(Key.Key_A, CTRL)
    keyboard.type("20/11/2026")
    keyboard.press(Key.Key_Return)
    keyboard.closed(meeting)
    assert [m.held_on.day for m in list_meetings()] == [20]
    assert keyboard.focus().window() is vote  # back in the vote's dialog
    keyboard.tab_to(vote.fields["yes"])
    keyboard.type("10")
    keyboard.answer(keys_script(keyboard, Key.Key_Return))  # «… Thông qua (10/11 tán thành …)»: Enter
    keyboard.press(Key.Key_Return)
    qtbot.waitUntil(keyboard.all_answered)
    keyboard.closed(vote)
    assert "Thông qua (10/11 tán thành" in keyboard.seen[-1][1]
    assert keyboard.focus().isVisible() and keyboard.focus().window() is tab


def test_the_meeting_s_day_of_the_register_is_reached_with_alt_o(qtbot, tab, keyboard):
    tab.table.setFocus()
    keyboard.press(Key.Key_O, ALT)
    assert keyboard.focus() is tab.on_field.line_edit
