"""«Chuyển sinh hoạt sang chi bộ khác» from the window: the member leaves this branch's roster and appears in the
other one's with the transfer-in, both written together; a refusal is said in the dialog and nothing changes."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings

from gui.main_window import MainWindow
from gui.office.transfer_dialog import TransferDialog
from models.core.branch import BranchInfo, current_branch_id, list_branches, save_branch, use_branch
from models.roster.event_kinds import EventKind
from models.roster.members import all_members, get_member, save_member
from tests.support.people import member, set_up_branch

OTHER = BranchInfo("Chi bộ Phòng Kế hoạch", "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Hà Nội", "CB")


@pytest.fixture
def window(qtbot, data_file, tmp_path):
    set_up_branch()
    for index in range(3):
        save_member(member(index))
    save_branch(OTHER, new=True)
    use_branch(None)
    win = MainWindow(data_file, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    return win


def test_a_member_moves_to_the_other_branch_in_one_step(window, qtbot):
    assert window.transfer_action.isEnabled()
    moving = next(m for m in all_members() if m.full_name == "Trần Thị Bình")
    assert window.members_tab.select_member(moving.id)
    window.transfer_selected()
    dialog = window.transfer_dialog
    assert isinstance(dialog, TransferDialog) and dialog.branch.currentText() == OTHER.name
    dialog.on.setDate(date(2026, 11, 20))
    dialog.decision.setText("15-QĐ/ĐU")
    dialog._save()
    assert dialog.problem.text() == "" and dialog.result() == dialog.DialogCode.Accepted
    kinds = [e.kind for e in get_member(moving.id).events]
    assert kinds[-1] == EventKind.TRANSFERRED_OUT
    other = dict((name, i) for i, name in list_branches())[OTHER.name]
    use_branch(other)
    arrived = [m for m in all_members() if m.full_name == "Trần Thị Bình"]
    assert len(arrived) == 1 and arrived[0].events[-1].kind == EventKind.TRANSFERRED_IN
    assert arrived[0].events[-1].decision_ref == "15-QĐ/ĐU"


def test_a_refused_transfer_is_said_in_the_dialog_and_changes_nothing(window):
    first = all_members()[0]
    before = len(get_member(first.id).events)
    dialog = TransferDialog(first.id, first.full_name, list_branches(), current_branch_id(), window)
    dialog.on.setDate(date(1990, 1, 1))  # before they joined the Party: not a member of the branch that day
    dialog._save()
    assert "không chuyển đi được" in dialog.problem.text() and dialog.result() == 0
    assert len(get_member(first.id).events) == before


def test_a_file_with_one_branch_offers_no_transfer(qtbot, data_file, tmp_path):
    set_up_branch()
    win = MainWindow(data_file, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    assert not win.transfer_action.isEnabled()
