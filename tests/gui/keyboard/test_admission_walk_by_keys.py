"""An applicant's admission walked with keys alone on «Phát triển Đảng»: the file typed field by field, the day of
the branch meeting, the vote at a meeting made inside its dialog, the decision and the ceremony into the roster; a
probationary member's recognition (công nhận chính thức), chosen in their list with the arrows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.admission.admission_tab import AdmissionTab
from gui.admission.applicant_dialog import ApplicantDialog
from gui.admission.step_dialog import StepDialog
from models.roster.members import all_members
from tests.support import congress_story as story
from tests.support.keyboard import ALT, CTRL, keys_script

Key = Qt.Key
DATES = {
    "birth_date": "20/08/1998",
    "certificate_date": "10/03/2025",
    "application_date": "01/04/2025",
    "history_date": "01/04/2025",
    "history_verified_on": "15/08/2025",
    "sponsor1_since": "02/01/2023",
    "sponsor2_since": "02/01/2023",
    "mass_comment_date": "01/09/2025",
    "residence_comment_date": "05/09/2025",
}


@pytest.fixture
def tab(qtbot, data_file):
    story.roster(11)
    widget = AdmissionTab()
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.refresh()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def _step(keyboard, letter: str) -> StepDialog:
    keyboard.alt(letter, until=lambda: isinstance(QApplication.activeWindow(), StepDialog))
    return QApplication.activeWindow()


def _date(keyboard, dialog, name: str, text: str) -> None:
    keyboard.tab_to(dialog.fields[name])
    keyboard.press(Key.Key_A, CTRL)
    keyboard.type(text)


def test_an_applicant_admitted_with_keys_alone(qtbot, tab, keyboard):
    tab.table.setFocus()
    keyboard.alt("q", until=lambda: isinstance(QApplication.activeWindow(), ApplicantDialog))
    dialog = QApplication.activeWindow()
    keyboard.type("Hoàng Thị Hoa")
    keyboard.press(Key.Key_Tab)
    keyboard.type("N")  # «Nữ»
    keyboard.tab_to(dialog.fields["education"])
    keyboard.type("12/12")
    for name, text in DATES.items():
        _date(keyboard, dialog, name, text)
    for slot, initial in (("sponsor1", "N"), ("sponsor2", "T")):  # Nguyễn Văn An, Trần Thị Bình by their first letter
        keyboard.tab_to(dialog.fields[slot])
        keyboard.type(initial)
    keyboard.press(Key.Key_Return)
    keyboard.closed(dialog)

    keyboard.press(Key.Key_O, ALT)  # «Xét hồ sơ ch&o hội nghị chi bộ ngày»
    keyboard.press(Key.Key_A, CTRL)
    keyboard.type("15/09/2025")
    keyboard.tab_to(tab.table)  # the row shown current is the one chosen
    assert tab.table.item(0, 3).text() == "Đủ hồ sơ để chi bộ xét", tab.lacks.text()

    vote = _step(keyboard, "k")
    keyboard.alt("m", until=lambda: QApplication.activeWindow() is not vote)  # «Hội nghị &mới…»
    meeting = QApplication.activeWindow()
    keyboard.press(Key.Key_A, CTRL)
    keyboard.type("15/09/2025")
    keyboard.press(Key.Key_Return)
    keyboard.closed(meeting)
    keyboard.tab_to(vote.fields["yes"])
    keyboard.type("9")
    keyboard.press(Key.Key_Tab)
    keyboard.type("2")
    keyboard.answer(keys_script(keyboard, Key.Key_Return))
    keyboard.press(Key.Key_Return)
    qtbot.waitUntil(keyboard.all_answered)
    keyboard.closed(vote)
    assert keyboard.seen[-1][1].startswith("Hoàng Thị Hoa: Thông qua (9/11 tán thành")

    keyboard.tab_to(tab.table)
    decision = _step(keyboard, "g")
    keyboard.type("125-QĐ/ĐU")
    keyboard.press(Key.Key_Tab)
    keyboard.type("01/10/2025")
    keyboard.press(Key.Key_Tab)
    keyboard.type("05/10/2025")
    keyboard.press(Key.Key_Return)
    keyboard.closed(decision)

    keyboard.tab_to(tab.table)
    ceremony = _step(keyboard, "l")
    keyboard.press(Key.Key_A, CTRL)
    keyboard.type("19/10/2025")
    keyboard.answer(keys_script(keyboard, Key.Key_Return))  # «Đã kết nạp …»
    keyboard.press(Key.Key_Return)
    qtbot.waitUntil(keyboard.all_answered)
    keyboard.closed(ceremony)
    assert "Hoàng Thị Hoa" in [m.full_name for m in all_members()]
    assert keyboard.focus().isVisible()


def test_a_probationary_member_is_recognised_with_keys_alone(qtbot, data_file, keyboard):
    """The probationary members' list: a member chosen with the arrows, the branch's vote at a meeting made inside
    its dialog, then the higher committee's decision."""
    from datetime import date

    from tests.support.dialog_makers import fill_roster

    fill_roster()  # Hoàng Thị Ánh: admitted 15/06/2025, probation over on 15/06/2026
    tab = AdmissionTab()
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    tab.refresh()
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    tab.table.setFocus()
    keyboard.tab_to(tab.probation_table)
    while tab.selected_probation() is None or tab.selected_probation().full_name != "Hoàng Thị Ánh":
        keyboard.press(Key.Key_Down)
    vote = _step(keyboard, "c")  # «Biểu quyết công nhận chính thức…»
    keyboard.alt("m", until=lambda: QApplication.activeWindow() is not vote)  # «Hội nghị mới…»
    meeting = QApplication.activeWindow()
    keyboard.press(Key.Key_A, CTRL)
    keyboard.type("20/06/2026")
    keyboard.press(Key.Key_Return)
    keyboard.closed(meeting)
    keyboard.tab_to(vote.fields["yes"])
    keyboard.type("9")
    keyboard.press(Key.Key_Tab)
    keyboard.type("1")
    keyboard.answer(keys_script(keyboard, Key.Key_Return))  # what the vote decided
    keyboard.press(Key.Key_Return)
    qtbot.waitUntil(keyboard.all_answered)
    keyboard.closed(vote)
    assert keyboard.seen[-1][1].startswith("Hoàng Thị Ánh: Thông qua (9/10 tán thành")

    keyboard.tab_to(tab.probation_table)
    decision = _step(keyboard, "i")  # «Ghi quyết định công nhận…»
    keyboard.type("310-QĐ/ĐU")
    keyboard.press(Key.Key_Tab)
    keyboard.type("25/06/2026")
    keyboard.press(Key.Key_Return)
    keyboard.closed(decision)
    anh = next(m for m in all_members() if m.full_name == "Hoàng Thị Ánh")
    assert anh.official_date == date(2026, 6, 15)
    assert keyboard.focus().isVisible() and tab.isAncestorOf(keyboard.focus())
