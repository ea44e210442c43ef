"""«Hồ sơ đảng ủy» in the window: the committee's record, its leadership and its branches' history are typed and
saved through the domain; a refusal is said and nothing is written; another PC's newer save is not overwritten."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QSettings

from gui.main_window import MainWindow
from gui.office.committee_dialog import NO_YEAR, CommitteeDialog
from models.core.branch import BranchInfo, list_branches, save_branch, use_branch
from models.office.committee import current_committee
from models.office.committee_record import branch_history, get_committee, leaders, save_committee
from tests.support.people import set_up_branch

OTHER = BranchInfo("Chi bộ Thôn Đông", "ĐẢNG BỘ XÃ SÓC SƠN", "Sóc Sơn", "CB")


@pytest.fixture
def two_branches(data_file):
    set_up_branch()
    save_branch(OTHER, new=True)
    use_branch(None)
    return dict((name, i) for i, name in list_branches())


@pytest.fixture
def dialog(qtbot, two_branches, answers):
    widget = CommitteeDialog()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _type_committee(dialog: CommitteeDialog) -> None:
    dialog.name_edit.setText("Đảng ủy xã Sóc Sơn")
    dialog.higher_edit.setPlainText("Đảng bộ thành phố Hà Nội\n")
    dialog.place_edit.setText("Sóc Sơn")
    dialog.address_edit.setText("Xã Sóc Sơn, thành phố Hà Nội")
    dialog.name_before_edit.setText("Đảng ủy thị trấn Sóc Sơn")
    dialog.address_before_edit.setText("Thị trấn Sóc Sơn, huyện Sóc Sơn")
    dialog.term_start_box.setValue(2025)
    dialog.term_end_box.setValue(2030)
    dialog.ordinal_box.setValue(1)


def test_the_committee_is_typed_saved_and_heads_the_papers(dialog, answers):
    assert get_committee() is None and dialog.name_edit.text() == ""
    _type_committee(dialog)
    dialog.save_button.click()
    assert answers["error"] == []
    saved = get_committee()
    assert (saved.name, saved.higher_lines, saved.name_before, saved.address_before) == (
        "ĐẢNG ỦY XÃ SÓC SƠN",
        ("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",),
        "ĐẢNG ỦY THỊ TRẤN SÓC SƠN",
        "Thị trấn Sóc Sơn, huyện Sóc Sơn",
    )
    assert (saved.term_start, saved.term_end, saved.congress_ordinal) == (2025, 2030, 1)
    assert current_committee().name == "ĐẢNG ỦY XÃ SÓC SƠN"  # the committee's papers take it
    assert dialog.name_edit.text() == "ĐẢNG ỦY XÃ SÓC SƠN"  # shown as saved
    dialog.secretary_edit.setText("Nguyễn Văn An")
    dialog.save_button.click()
    assert get_committee().secretary_name == "Nguyễn Văn An" and answers["error"] == []


def test_a_refused_save_is_said_and_writes_nothing(dialog, answers):
    _type_committee(dialog)
    dialog.term_end_box.setValue(2024)
    dialog.save_button.click()
    assert "Nhiệm kỳ" in answers["error"][0][0] and get_committee() is None
    assert dialog.name_edit.text() == "Đảng ủy xã Sóc Sơn"  # what was typed stays to be corrected
    dialog.term_end_box.setValue(NO_YEAR)
    dialog.term_start_box.setValue(NO_YEAR)
    dialog.save_button.click()
    assert get_committee().term_start is None and len(answers["error"]) == 1


def test_another_pcs_newer_save_is_not_overwritten(dialog, answers):
    _type_committee(dialog)
    dialog.save_button.click()
    elsewhere = save_committee(replace(get_committee(), secretary_name="Trần Thị Bình"))  # another PC meanwhile
    dialog.place_edit.setText("Hà Nội")
    dialog.save_button.click()
    assert "sửa" in answers["error"][-1][0] and get_committee() == elsewhere


def test_the_leadership_elected_or_appointed_with_its_decision(dialog, answers):
    dialog.leader_name_edit.setText("Nguyễn Văn An")
    dialog.add_leader_button.click()
    assert "tên đảng ủy" in answers["error"][-1][0] and leaders() == []  # no committee yet
    _type_committee(dialog)
    dialog.save_button.click()
    dialog.how_combo.setCurrentIndex(dialog.how_combo.findData("appointed"))
    dialog.add_leader_button.click()
    assert "quyết định" in answers["error"][-1][0] and leaders() == []
    dialog.leader_decision_edit.setText("Quyết định số 1234-QĐ/TU ngày 30/6/2025")
    dialog.since_field.setDate(date(2025, 7, 1))
    dialog.until_field.line_edit.setText("31/02/2026")  # not a real day: said before anything is saved
    dialog.add_leader_button.click()
    assert "31/02/2026" in answers["error"][-1][0] and leaders() == []
    dialog.until_field.setDate(None)
    dialog.add_leader_button.click()
    [leader] = leaders()
    assert (leader.post, leader.full_name, leader.how, leader.since) == (
        "Bí thư",
        "Nguyễn Văn An",
        "appointed",
        date(2025, 7, 1),
    )
    assert dialog.leaders_table.rowCount() == 1 and dialog.leaders_table.item(0, 2).text() == "Chỉ định"


def test_a_branch_history_event_is_recorded_and_listed(dialog, answers, two_branches):
    dialog.branch_combo.setCurrentIndex(dialog.branch_combo.findData(two_branches[OTHER.name]))
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("merged_into"))
    dialog.event_date_field.setDate(date(2025, 7, 1))
    dialog.add_event_button.click()
    assert "chi bộ liên quan" in answers["error"][-1][0] and branch_history() == []
    first = next(i for name, i in two_branches.items() if name != OTHER.name)
    dialog.other_combo.setCurrentIndex(dialog.other_combo.findData(first))
    dialog.event_date_field.setDate(None)
    dialog.add_event_button.click()
    assert "cần ngày" in answers["error"][-1][0] and branch_history() == []
    dialog.event_date_field.setDate(date(2025, 7, 1))
    dialog.event_decision_edit.setText("Quyết định số 12-QĐ/ĐU")
    dialog.add_event_button.click()
    [event] = branch_history()
    assert (event.branch_id, event.kind, event.other_id, event.decision) == (
        two_branches[OTHER.name],
        "merged_into",
        first,
        "Quyết định số 12-QĐ/ĐU",
    )
    row = [dialog.history_table.item(0, c).text() for c in range(4)]
    assert row == ["01/07/2025", OTHER.name, "Hợp nhất vào chi bộ khác", dialog.other_combo.currentText()]


def test_the_window_opens_it_when_the_file_holds_several_branches(qtbot, two_branches, data_file, tmp_path):
    window = MainWindow(data_file, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    assert window.committee_action.isEnabled()
    window.committee_action.trigger()
    assert isinstance(window.committee_dialog, CommitteeDialog) and window.committee_dialog.isVisible()
    assert window.committee_dialog.branch_combo.count() == 2


def test_a_file_that_cannot_be_written_shows_the_record_without_saving(qtbot, two_branches, data_file, tmp_path):
    window = MainWindow(data_file, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window._is_read_only = lambda: True  # as for a file opened read-only or an account that may only read
    window.show_committee_record()
    dialog = window.committee_dialog
    buttons = (dialog.save_button, dialog.add_leader_button, dialog.add_event_button)
    assert not any(button.isEnabled() for button in buttons) and "chỉ được xem" in dialog.save_button.toolTip()
    assert dialog.branch_combo.count() == 2  # what is recorded is still shown
