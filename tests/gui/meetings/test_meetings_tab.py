"""The «Hội nghị chi bộ» tab on real widgets: a meeting created, an absence with its reason changing D, a vote
recorded through its dialog with the outcome computed, a refusal shown and nothing saved, the paper exported."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSettings

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
    combo = tab.attendance_table.cellWidget(row, 3)
    combo.setCurrentIndex(combo.findData(Attendance.ABSENT_APPROVED))
    qtbot.waitUntil(lambda: tab.base_label.text().startswith("D = 8"))
    assert meeting_base(meeting.id).d == 8 and tab.attendance_table.item(row, 4).text() == "Đi công tác"


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
