"""An applicant's admission by secret ballot on real widgets: «Biểu quyết đề nghị kết nạp…» in «Phát triển Đảng»
issues the ballots, the counters type them in «Bầu cử», and «Lấy kết quả kiểm phiếu» moves the applicant on."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from gui.admission.admission_tab import COUNTED, AdmissionTab
from gui.live_count.ballots_tab import BallotsTab
from models.admission.applicants import get_applicant
from models.admission.path import Stage, applicant_stage
from models.meetings.meetings import create_meeting
from tests.support import congress_story as story
from tests.support.applicants import ready_applicant


@pytest.fixture
def tabs(qtbot, data_file, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    branch = story.roster(11)
    hoa = ready_applicant(branch)
    meeting = create_meeting(date(2025, 9, 15), "Xét đề nghị kết nạp đảng viên")
    admission, ballots = AdmissionTab(), BallotsTab(settings)
    for widget in (admission, ballots):
        qtbot.addWidget(widget)
        widget.resize(1366, 768)
    admission.show()
    admission.refresh()
    requested: list[int] = []
    admission.count_requested.connect(requested.append)
    return admission, ballots, requested, hoa, meeting


def test_an_admission_counted_by_keyboard_in_the_ballots_tab(qtbot, tabs, answers):
    admission, ballots, requested, hoa, meeting = tabs
    admission.select_applicant(hoa.id)
    qtbot.mouseClick(admission.vote_button, Qt.MouseButton.LeftButton)
    dialog = admission.dialog
    dialog.fields["meeting"].setCurrentIndex(dialog.fields["meeting"].findData(meeting.id))
    dialog.fields["form"].setCurrentIndex(dialog.fields["form"].findData(COUNTED))
    assert not dialog.fields["yes"].isEnabled()  # the figures come from the count, not typed
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert len(requested) == 1  # the window turns to «Bầu cử» with the round chosen
    assert applicant_stage(get_applicant(hoa.id)) is Stage.PREPARING  # not proposed before the count

    ballots.show()
    ballots.refresh(requested[-1])
    assert ballots.current_round().round_id == requested[-1] and "đồng ý" in ballots.status_label.text()
    for typed in ["1"] * 8 + ["11"] * 3:  # 8 agree of D = 11: 3·8 = 24 ≥ 22
        qtbot.keyClicks(ballots.entry, typed)
        qtbot.keyClick(ballots.entry, Qt.Key.Key_Return)
    ballots.close_count()
    assert ballots.current_round().status == "closed"

    admission.select_applicant(hoa.id)
    qtbot.mouseClick(admission.take_button, Qt.MouseButton.LeftButton)
    assert applicant_stage(get_applicant(hoa.id)) is Stage.PROPOSED
    admission.select_applicant(hoa.id)
    assert admission.decision_button.isEnabled() and not admission.take_button.isEnabled()
