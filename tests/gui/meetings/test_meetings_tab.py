"""The «Hội nghị chi bộ» tab on real widgets: a meeting created, an absence with its reason changing D, a vote
recorded through its dialog with the outcome computed, a refusal shown and nothing saved, the paper exported."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSettings, Qt

from gui.meetings.meetings_tab import MeetingsTab
from models.counting import Attendance
from models.meetings.meetings import list_meetings, meeting_base
from models.meetings.thresholds import VoteForm, VoteKind
from models.meetings.votes import meeting_votes
from tests.support import congress_story as story


@pytest.fixture
def tab(qtbot, data_file, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    story.roster(10, 2, temporary=1)
    widget = MeetingsTab(settings)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.refresh()
    widget.show()
    return widget


def _new_meeting(tab) -> None:
    dialog = tab.new_meeting()
    dialog.date_field.setDate(date(2026, 11, 20))
    dialog.purpose_edit.setText("Xem xét kỷ luật đảng viên")
    dialog.chair_edit.setText("Nguyễn Văn An")
    dialog.save()


def test_a_meeting_its_attendance_and_d(qtbot, tab, answers):
    _new_meeting(tab)
    [meeting] = list_meetings()
    assert tab.meeting.id == meeting.id and tab.attendance_table.rowCount() == 12
    assert tab.base_label.text().startswith("D = 9 (10 đảng viên chính thức, trừ 1 sinh hoạt tạm thời nơi khác)")
    row = next(i for i, p in enumerate(tab.meeting.attendees) if p.official and p.situation == "normal")
    answers["texts"].append("Đi công tác")
    menu = tab.attendance_table.presence_menu(row)  # the mouse's way: a double or right click offers the choices
    [approved] = [a for a in menu.actions() if a.text().startswith("Vắng cả buổi, có lý do")]
    approved.trigger()
    qtbot.waitUntil(lambda: tab.base_label.text().startswith("D = 8"))
    assert meeting_base(meeting.id).d == 8 and tab.attendance_table.item(row, 4).text() == "Đi công tác"
    tab.exclude_check.setChecked(False)  # the meeting's option: an absence with a reason stays in D
    assert meeting_base(meeting.id).d == 9 and tab.base_label.text().startswith("D = 9")


def test_attendance_is_set_from_the_keyboard_alone_and_tab_leaves_the_table(qtbot, tab, answers, tmp_path):
    _new_meeting(tab)
    table = tab.attendance_table
    assert table.cellWidget(0, 3) is None and "C có mặt" in tab.keys_label.text()
    tab.exclude_check.setFocus()
    qtbot.keyClick(tab.exclude_check, Qt.Key.Key_Tab)  # Tab into the table: its first person is chosen
    assert table.hasFocus() and table.currentRow() == 0
    voters = [i for i, p in enumerate(tab.meeting.attendees) if p.official and p.situation == "normal"]
    first, second = voters[0], voters[1]
    for _ in range(first):
        qtbot.keyClick(table, Qt.Key.Key_Down)
    answers["texts"].append("Ốm, có giấy của bệnh viện")
    qtbot.keyClick(table, Qt.Key.Key_L)  # absent all meeting, with a reason the meeting accepted
    assert table.hasFocus() and table.currentRow() == first  # the choice stays on the row, the table keeps the keys
    for _ in range(second - first):
        qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_K)  # absent without an accepted reason: stays in D
    qtbot.keyClick(table, Qt.Key.Key_Space)  # the next choice after «không có lý do»: back to present
    qtbot.keyClick(table, Qt.Key.Key_Space)  # then absent with a reason: asked, cancelled, nothing saved
    qtbot.keyClick(table, Qt.Key.Key_K)
    assert table.item(second, 3).text() == "Vắng không có lý do được chấp thuận (K)"
    qtbot.keyClick(table, Qt.Key.Key_Tab)  # Tab leaves the table for the next control, not the next cell
    assert not table.hasFocus() and table.currentRow() == second

    meeting_id = tab.meeting.id
    again = MeetingsTab(QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat))  # a fresh window
    qtbot.addWidget(again)
    again.refresh(meeting_id)
    people = again.meeting.attendees
    assert (people[first].attendance, people[first].reason) == (Attendance.ABSENT_APPROVED, "Ốm, có giấy của bệnh viện")
    assert people[second].attendance == Attendance.ABSENT
    assert again.attendance_table.item(first, 3).text() == "Vắng cả buổi, có lý do được chấp thuận (L)"
    assert again.attendance_table.item(first, 4).text() == "Ốm, có giấy của bệnh viện"
    assert meeting_base(meeting_id).d == 8 and again.base_label.text().startswith("D = 8")


def test_a_read_only_file_takes_no_presence_key(qtbot, tab, answers):
    _new_meeting(tab)
    tab.set_read_only(True)
    table = tab.attendance_table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_K)
    assert all(p.attendance == Attendance.PRESENT for p in tab.meeting.attendees)
    assert not any(a.isEnabled() for a in table.presence_menu(0).actions())


def test_a_vote_through_its_dialog_and_its_paper(qtbot, tab, answers, tmp_path):
    _new_meeting(tab)
    dialog = tab.new_vote()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(VoteKind.DISCIPLINE))
    assert [dialog.form_combo.itemData(i) for i in range(dialog.form_combo.count())] == [VoteForm.SECRET_BALLOT]
    assert "từ 5 phiếu" in dialog.needed_label.text()
    dialog.yes_spin.setValue(6)
    dialog.no_spin.setValue(3)
    dialog.save()  # the forms do not add up to the yes votes: refused, nothing saved
    assert "tổng số phiếu chọn từng hình thức" in answers["error"][0][0] and meeting_votes(tab.meeting.id) == []
    spins = list(dialog.form_spins.values())
    spins[0].setValue(2)  # warning
    spins[1].setValue(4)  # reprimand: 2 + 4 > 9 / 2
    dialog.save()
    [vote] = meeting_votes(tab.meeting.id)
    assert vote.discipline.value == "reprimand" and tab.votes_table.rowCount() == 1
    assert tab.votes_table.item(0, 7).text() == "Thi hành kỷ luật: Khiển trách"
    target = tmp_path / "quyet-dinh.xlsx"
    answers["paths"].append(str(target))
    tab.export_paper()
    assert answers["info"] and target.exists()
    cells = [c for row in load_workbook(target).active.iter_rows(values_only=True) for c in row if c]
    assert "QUYẾT ĐỊNH" in cells and any("KHIỂN TRÁCH" in str(c) for c in cells)


def test_an_appointment_shows_in_the_leadership(qtbot, tab, answers):
    dialog = tab.new_appointment()
    dialog.number_edit.setText("15-QĐ/ĐU")
    dialog.issuer_edit.setText("Đảng ủy Sở")
    dialog.save()
    item = tab.leadership_list.item(0)
    assert item.text().startswith("Bí thư Chi bộ: ") and "chỉ định, từ 01/12/2026" in item.text()
    assert "Quyết định số 15-QĐ/ĐU" in item.toolTip()


def test_the_roster_tab_shows_the_leadership(qtbot, data_file, tmp_path):
    from gui.core import operations
    from gui.roster.members_tab import MembersTab
    from models.counting import Post
    from models.meetings.appointments import AppointmentInfo, AppointmentReason, record_appointment

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    story.roster(5)
    roster = MembersTab(settings)
    qtbot.addWidget(roster)
    roster.show_leadership()
    assert roster.leadership_label.text() == "Cấp ủy: chưa có (chưa bầu, chưa chỉ định)."
    record_appointment(
        AppointmentInfo(
            Post.SECRETARY, "Phạm Thị Hoa", AppointmentReason.NEW_BRANCH, "3-QĐ/ĐU", date(2026, 5, 4), "Đảng ủy"
        )
    )
    operations.announce(operations.OperationChanges(congress=True))  # another tab recorded it
    assert roster.leadership_label.text() == "Cấp ủy: Bí thư Chi bộ Phạm Thị Hoa (chỉ định, từ 04/05/2026)."


def test_a_by_election_through_the_dialog_then_its_approval(qtbot, tab, answers):
    from models.counting import Post
    from models.meetings.leadership import current_leadership

    _new_meeting(tab)
    dialog = tab.new_vote()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(VoteKind.BY_ELECTION))
    assert dialog.leave_edit.isVisibleTo(dialog) and not dialog.form_spins[next(iter(dialog.form_spins))].isVisibleTo(
        dialog
    )
    dialog.post_combo.setCurrentIndex(dialog.post_combo.findData(Post.DEPUTY_SECRETARY))
    dialog.yes_spin.setValue(7)
    dialog.no_spin.setValue(2)
    dialog.save()  # no leave recorded: refused, nothing saved
    assert "cấp ủy cấp trên đồng ý" in answers["error"][0][0] and meeting_votes(tab.meeting.id) == []
    dialog.leave_edit.setText("45-CV/ĐU")
    dialog.leave_field.setDate(date(2026, 11, 1))
    dialog.save()
    [vote] = meeting_votes(tab.meeting.id)
    assert vote.passed and tab.votes_table.item(0, 7).text().startswith("Trúng cử Phó Bí thư Chi bộ (7/9")
    tab.votes_table.selectRow(0)
    assert tab.approval_button.isEnabled()
    approval = tab.record_approval()
    approval.number_edit.setText("12-QĐ/ĐU")
    approval.date_field.setDate(date(2026, 11, 25))
    approval.save()
    [deputy] = [x for x in current_leadership() if x.post == Post.DEPUTY_SECRETARY]
    assert "chuẩn y: Quyết định số 12-QĐ/ĐU ngày 25/11/2026" in deputy.source
    assert any(
        tab.leadership_list.item(i).text().startswith("Phó Bí thư Chi bộ:") for i in range(tab.leadership_list.count())
    )


def test_with_no_vote_being_counted_the_count_buttons_are_off_and_tab_leaves_the_votes_table(qtbot, tab):
    assert not tab.count_button.isEnabled() and not tab.take_button.isEnabled()  # no meeting, no vote chosen
    tab.votes_table.setFocus()
    qtbot.waitUntil(tab.votes_table.hasFocus)
    qtbot.keyClick(tab.votes_table, Qt.Key.Key_Tab)
    assert not tab.votes_table.hasFocus()  # a keyboard user moves on to the buttons, not cell by cell
