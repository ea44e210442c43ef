"""The «Phát triển Đảng» tab on real widgets: an applicant typed in, the file checked for a meeting's day, the vote
proposing admission at a new meeting, the decision, the ceremony into the roster, then the recognition a year later
and its resolution; a refusal keeps the dialog open with what was typed."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton

from gui.admission.admission_tab import AdmissionTab
from gui.core.tables import fill_table
from models.admission.applicants import list_applicants
from models.roster.member_status import member_status
from models.roster.members import all_members
from tests.support import congress_story as story
from tests.support.keys import type_text


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
    return widget


def _date(qtbot, dialog, name: str, text: str) -> None:
    field = dialog.fields[name]
    field.line_edit.clear()
    qtbot.keyClicks(field.line_edit, text)


def _choose(dialog, name: str, data) -> None:
    combo = dialog.fields[name]
    combo.setCurrentIndex(combo.findData(data))


def _ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _enter(qtbot, dialog, name: str) -> None:
    """Enter in a field presses the dialog's default button (Ghi)."""
    qtbot.keyClick(dialog.fields[name], Qt.Key.Key_Return)


def _type_applicant(qtbot, tab, branch) -> None:
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    type_text(dialog.fields["full_name"], "Hoàng Thị Hoa")
    _choose(dialog, "gender", "Nữ")
    _date(qtbot, dialog, "birth_date", "20/08/1998")
    type_text(dialog.fields["education"], "12/12")
    for name, text in (
        ("certificate_date", "10/03/2025"),
        ("application_date", "01/04/2025"),
        ("history_date", "01/04/2025"),
        ("history_verified_on", "15/08/2025"),
        ("mass_comment_date", "01/09/2025"),
        ("residence_comment_date", "05/09/2025"),
        ("sponsor1_since", "02/01/2023"),
        ("sponsor2_since", "02/01/2023"),
    ):
        _date(qtbot, dialog, name, text)
    _choose(dialog, "sponsor1", branch[0].id)
    _choose(dialog, "sponsor2", branch[1].id)
    with qtbot.waitSignal(dialog.finished):
        _enter(qtbot, dialog, "full_name")


def _new_meeting_and_vote(qtbot, tab, day: str, yes: int, no: int) -> None:
    dialog = tab.dialog
    new = next(b for b in dialog.findChildren(type(tab.add_button)) if b.text() == "Hội nghị &mới…")
    qtbot.mouseClick(new, Qt.MouseButton.LeftButton)
    meeting = dialog.meeting_dialog
    _date(qtbot, meeting, "held_on", day)
    with qtbot.waitSignal(meeting.finished):
        _ok(qtbot, meeting)
    assert dialog.meeting_combo.currentData() is not None
    dialog.fields["yes"].setValue(yes)
    dialog.fields["no"].setValue(no)
    with qtbot.waitSignal(dialog.finished):
        _ok(qtbot, dialog)


def test_admission_from_applicant_to_probationary_member_and_recognition(qtbot, tab, branch, answers, tmp_path):
    _type_applicant(qtbot, tab, branch)
    assert [a.full_name for a in list_applicants()] == ["Hoàng Thị Hoa"]
    tab.on_field.line_edit.clear()
    qtbot.keyClicks(tab.on_field.line_edit, "15/06/2025")  # too early: the history is verified later
    tab.table.selectRow(0)
    assert "Ngày thẩm tra lý lịch 15/08/2025 sau ngày họp chi bộ 15/06/2025." in tab.lacks.text()
    tab.on_field.line_edit.clear()
    qtbot.keyClicks(tab.on_field.line_edit, "15/09/2025")
    tab.table.selectRow(0)
    assert tab.table.item(0, 3).text() == "Đủ hồ sơ để chi bộ xét"
    assert tab.vote_button.isEnabled() and not tab.ceremony_button.isEnabled()

    qtbot.mouseClick(tab.vote_button, Qt.MouseButton.LeftButton)
    _new_meeting_and_vote(qtbot, tab, "15/09/2025", 9, 2)
    assert answers["info"][-1][0] == "Hoàng Thị Hoa: Thông qua (9/11 tán thành, cần 8: ít nhất hai phần ba của D)."
    tab.table.selectRow(0)
    assert tab.decision_button.isEnabled()

    answers["paths"].append(str(tmp_path / "6-KND.xlsx"))
    qtbot.mouseClick(tab.paper_button, Qt.MouseButton.LeftButton)
    cells = [c.value for row in openpyxl.load_workbook(tmp_path / "6-KND.xlsx").active.iter_rows() for c in row]
    assert "Mẫu 6-KNĐ" in cells

    qtbot.mouseClick(tab.decision_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    type_text(dialog.fields["number"], "125-QĐ/ĐU")
    _date(qtbot, dialog, "decided_on", "20/10/2025")
    _date(qtbot, dialog, "received_on", "22/10/2025")
    with qtbot.waitSignal(dialog.finished):
        _enter(qtbot, dialog, "number")
    tab.table.selectRow(0)
    assert tab.table.item(0, 3).text() == "Hạn tổ chức lễ kết nạp: 03/12/2025"

    qtbot.mouseClick(tab.ceremony_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    _date(qtbot, dialog, "on", "05/11/2025")
    _choose(dialog, "helper", branch[0].id)
    with qtbot.waitSignal(dialog.finished):
        _ok(qtbot, dialog)
    assert answers["info"][-1][0] == "Đã kết nạp Hoàng Thị Hoa: đảng viên dự bị từ 05/11/2025."
    assert tab.table.rowCount() == 0 and tab.probation_table.rowCount() == 1
    assert tab.probation_table.item(0, 2).text() == "05/11/2026"
    hoa = next(m for m in all_members() if m.full_name == "Hoàng Thị Hoa")
    assert member_status(hoa, date(2025, 11, 6)).is_probationary

    tab.probation_table.selectRow(0)
    qtbot.mouseClick(tab.recognition_button, Qt.MouseButton.LeftButton)
    _new_meeting_and_vote(qtbot, tab, "10/11/2026", 10, 1)
    assert tab.probation_table.item(0, 5).text() == "Chi bộ đề nghị công nhận đảng viên chính thức"
    tab.probation_table.selectRow(0)
    answers["paths"].append(str(tmp_path / "13-KND.xlsx"))
    qtbot.mouseClick(tab.recognition_paper_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "13-KND.xlsx").exists()
    qtbot.mouseClick(tab.recognised_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    type_text(dialog.fields["number"], "310-QĐ/ĐU")
    _date(qtbot, dialog, "decided_on", "25/11/2026")
    with qtbot.waitSignal(dialog.finished):
        _ok(qtbot, dialog)
    assert tab.probation_table.rowCount() == 0
    hoa = next(m for m in all_members() if m.full_name == "Hoàng Thị Hoa")
    assert hoa.official_date == date(2026, 11, 5)


def test_a_refused_vote_keeps_the_dialog_and_what_was_typed(qtbot, tab, branch, answers):
    _type_applicant(qtbot, tab, branch)
    tab.table.selectRow(0)  # the file is checked for today's meeting: complete
    qtbot.mouseClick(tab.vote_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    dialog.fields["yes"].setValue(8)
    _ok(qtbot, dialog)  # no meeting chosen
    assert answers["error"][-1][0] == "Hãy chọn hội nghị chi bộ (hoặc bấm «Hội nghị mới…»)."
    assert dialog.isVisible() and dialog.fields["yes"].value() == 8


def test_every_button_and_field_has_its_own_access_key(qtbot, tab, branch):
    from tests.support.mnemonics import dialog_problems

    assert (
        dialog_problems(
            "Phát triển Đảng",
            tab,
            always=("&Tệp", "Đảng &viên", "&Xem", "Trợ giú&p", "Đảng viê&n", "Đại &hội", "&Bầu cử"),
        )
        == []
    )
    _type_applicant(qtbot, tab, branch)
    tab.table.selectRow(0)
    for button in (tab.add_button, tab.vote_button):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert dialog_problems(tab.dialog.windowTitle(), tab.dialog) == []
        tab.dialog.reject()


def test_the_meeting_s_minutes_from_the_tab(qtbot, tab, branch, answers, tmp_path):
    _type_applicant(qtbot, tab, branch)
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.vote_button, Qt.MouseButton.LeftButton)
    _new_meeting_and_vote(qtbot, tab, "15/09/2025", 11, 0)
    qtbot.mouseClick(tab.minutes_button, Qt.MouseButton.LeftButton)
    answers["paths"].append(str(tmp_path / "BB.xlsx"))
    with qtbot.waitSignal(tab.dialog.finished):
        _ok(qtbot, tab.dialog)
    cells = [c.value for row in openpyxl.load_workbook(tmp_path / "BB.xlsx").active.iter_rows() for c in row]
    assert "BIÊN BẢN" in cells and "Thông qua (11/11, cần 8)" in cells


def test_enter_on_an_applicant_opens_the_file(qtbot, tab, branch):
    _type_applicant(qtbot, tab, branch)
    tab.table.setFocus()
    tab.table.selectRow(0)
    tab.table.setCurrentCell(0, 0)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert tab.dialog.windowTitle() == "Sửa hồ sơ quần chúng"
    assert tab.dialog.fields["full_name"].text() == "Hoàng Thị Hoa"
    assert tab.dialog.fields["sponsor1"].currentData() == branch[0].id


def test_a_readmission_names_the_former_member(qtbot, tab, branch):
    from models.roster.event_kinds import EventKind
    from models.roster.members import record_event
    from models.roster.records import EventRecord

    record_event(branch[10].id, EventRecord(EventKind.STRUCK_OFF, date(2022, 3, 1)))
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    type_text(dialog.fields["full_name"], branch[10].full_name)
    combo = dialog.fields["former_member_id"]
    assert [combo.itemText(i) for i in range(combo.count())] == ["(không)", branch[10].full_name]
    _choose(dialog, "former_member_id", branch[10].id)
    with qtbot.waitSignal(dialog.finished):
        _ok(qtbot, dialog)
    [applicant] = list_applicants()
    assert (applicant.former_member_id, applicant.readmission_barred) == (branch[10].id, False)


def test_tab_moves_from_the_probationary_list_to_its_buttons(qtbot, tab, branch):
    columns = tab.probation_table.columnCount()
    fill_table(tab.probation_table, [[f"{r}.{c}" for c in range(columns)] for r in range(2)])
    tab.probation_table.setCurrentCell(0, 0)
    tab.probation_table.setFocus()
    qtbot.waitUntil(tab.probation_table.hasFocus)
    qtbot.keyClick(tab.probation_table, Qt.Key.Key_Tab)
    assert isinstance(QApplication.focusWidget(), QPushButton)  # not the next cell of the table
