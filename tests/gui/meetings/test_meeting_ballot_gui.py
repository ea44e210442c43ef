"""A meeting's secret ballot on real widgets: opened from the «Hội nghị chi bộ» tab, counted from the keyboard in
the «Bầu cử» tab, its locked result taken back into the vote (a by-election; a discipline counted form by form)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt

from gui.live_count.ballots_tab import BallotsTab
from gui.live_count.projector import ProjectorWindow
from gui.meetings.meetings_tab import MeetingsTab
from models.counting import Post
from models.meetings.meetings import create_meeting
from models.meetings.thresholds import DisciplineForm, VoteKind
from models.meetings.votes import meeting_votes
from tests.support import congress_story as story


@pytest.fixture
def tabs(qtbot, data_file, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    story.roster(10, 2, temporary=1)  # D = 9
    create_meeting(date(2026, 11, 20), "Bầu bổ sung, xem xét kỷ luật")
    meetings, ballots = MeetingsTab(settings), BallotsTab(settings)
    for widget in (meetings, ballots):
        qtbot.addWidget(widget)
        widget.resize(1366, 700)
    meetings.refresh()
    meetings.show()
    requested: list[int] = []
    meetings.count_requested.connect(requested.append)
    return meetings, ballots, requested


def _count_by_keyboard(qtbot, ballots: BallotsTab, round_id: int, keys: list[str]) -> None:
    ballots.show()
    ballots.refresh(round_id)
    assert ballots.current_round().round_id == round_id and "đồng ý" in ballots.status_label.text()
    for typed in keys:
        qtbot.keyClicks(ballots.entry, typed)
        qtbot.keyClick(ballots.entry, Qt.Key.Key_Return)
    ballots.close_count()
    assert ballots.current_round().status == "closed"


def test_a_by_election_counted_by_keyboard_fills_the_vote(qtbot, tabs, answers):
    meetings, ballots, requested = tabs
    dialog = meetings.new_secret_ballot()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(VoteKind.BY_ELECTION))
    assert dialog.kind_combo.findData(VoteKind.ADMISSION) == -1  # an applicant's question is not offered here
    dialog.post_combo.setCurrentIndex(dialog.post_combo.findData(Post.DEPUTY_SECRETARY))
    dialog.leave_edit.setText("46-CV/ĐU")
    dialog.leave_field.setDate(date(2026, 11, 10))
    dialog.save()
    [vote] = meeting_votes(meetings.meeting.id)
    assert vote.awaiting_count and requested  # the window turns to «Bầu cử» with the round chosen
    assert meetings.votes_table.item(0, 7).text().startswith("Đang kiểm phiếu")
    assert meetings.votes_table.item(0, 4).text() == "–"  # no figures before the count
    assert meetings.count_button.isEnabled() and meetings.take_button.isEnabled()
    _count_by_keyboard(qtbot, ballots, requested[-1], ["1"] * 6 + ["11"] * 3)  # 6 agree, 3 disagree of D = 9
    assert "trúng cử khi được từ <b>5</b> phiếu" in ballots.panel.figures_label.text()  # an election's own test
    assert "Kết quả: trúng cử" in ballots.panel.elected_label.text()
    assert ballots.current_round().label.startswith("Hội nghị chi bộ ngày 20/11/2026")
    ballots.show_projector()  # the room's screen names the meeting, not a congress
    qtbot.addWidget(ballots.projector)
    assert ballots.projector.congress_label.text().startswith("Hội nghị")
    assert "Đại hội" not in ballots.projector.congress_label.text()
    assert ballots.projector.election_label.text().endswith("— Lần bầu thứ 1")  # a by-election is an election
    ballots.projector.close()
    meetings.votes_table.selectRow(0)
    meetings.take_count()
    [vote] = meeting_votes(meetings.meeting.id)
    assert (vote.yes, vote.no, vote.passed) == (6, 3, True)
    assert meetings.votes_table.item(0, 7).text().startswith("Trúng cử Phó Bí thư Chi bộ (6/9")
    assert not meetings.take_button.isEnabled() and meetings.approval_button.isEnabled()


def test_a_secret_ballot_discipline_counted_warning_then_reprimand(qtbot, tabs, answers):
    meetings, ballots, requested = tabs
    dialog = meetings.new_secret_ballot()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(VoteKind.DISCIPLINE))
    assert "từ cảnh cáo" in dialog.needed_label.text()
    dialog.save()
    _count_by_keyboard(qtbot, ballots, requested[-1], ["1"] * 3 + ["11"] * 6)  # warning: 3 of D = 9
    meetings.votes_table.selectRow(0)
    meetings.take_count()
    assert answers["info"] and "khiển trách" in answers["info"][-1][0]
    second = requested[-1]
    _count_by_keyboard(qtbot, ballots, second, ["1"] * 5 + ["11"] * 4)  # reprimand or heavier: 5 > 4.5
    meetings.votes_table.selectRow(0)
    meetings.take_count()
    [vote] = meeting_votes(meetings.meeting.id)
    assert vote.discipline is DisciplineForm.REPRIMAND and vote.yes_by_form == {"warning": 3, "reprimand": 2}
    assert meetings.votes_table.item(0, 7).text() == "Thi hành kỷ luật: Khiển trách"


def test_an_expulsion_question_shows_its_own_test_not_the_election_s(qtbot, tabs, answers):
    """D = 9: an election elects from ⌊9/2⌋+1 = 5 votes, an expulsion carries only from ⌈2·9/3⌉ = 6."""
    meetings, ballots, requested = tabs
    dialog = meetings.new_secret_ballot()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(VoteKind.PROPOSE_EXPULSION))
    dialog.save()
    ballots.show()
    ballots.refresh(requested[-1])
    for typed in ["1"] * 5 + ["11"] * 4:  # 5 agree: more than half of D, less than two thirds
        qtbot.keyClicks(ballots.entry, typed)
        qtbot.keyClick(ballots.entry, Qt.Key.Key_Return)
    panel = ballots.panel
    figures = panel.figures_label.text()
    assert "Đề nghị kỷ luật khai trừ: thông qua khi ít nhất hai phần ba của D = 9 đồng ý, tức từ 6 phiếu" in figures
    assert "trúng cử" not in figures
    assert panel.table.item(0, 3).text() == "Không thông qua"
    assert panel.elected_label.text() == "Nếu dừng lúc này: 5/9 phiếu đồng ý: không thông qua."
    ballots.show_projector()  # the room's screen: the meeting, and the question by what it asks, not «Lần bầu thứ 1»
    qtbot.addWidget(ballots.projector)
    assert ballots.projector.congress_label.text().startswith("Hội nghị") and "20/11/2026" in (
        ballots.projector.congress_label.text()
    )
    heading = ballots.projector.election_label.text()
    assert heading.startswith("Đề nghị kỷ luật khai trừ đối với đồng chí ") and "Lần bầu" not in heading
    ballots.projector.close()
    ballots.close_count()
    assert panel.elected_label.text() == "<b>Kết quả: 5/9 phiếu đồng ý: KHÔNG THÔNG QUA</b>."
    assert panel.table.item(0, 3).text() == "Không thông qua"
    projector = ProjectorWindow("Hội nghị chi bộ", ballots.session.election_title)
    qtbot.addWidget(projector)
    projector.show_result(ballots.session.result())
    assert "Ngưỡng thông qua: 6 phiếu đồng ý" in projector.figures_label.text()
    assert "KHÔNG THÔNG QUA" in projector.figures_label.text()
    assert "trúng cử" not in projector.figures_label.text().lower()
    assert projector.table.item(0, 4).text() == "Không thông qua"
