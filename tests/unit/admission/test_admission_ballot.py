"""An applicant's admission (and a recognition) by secret ballot counted ballot by ballot in the «Bầu cử» tab's
engine: the applicant's name on an agree-form ballot though not a member, D from the meeting, `3·yes ≥ 2·D`, the
sealed result filling the vote's figures, and the path going on as with typed figures."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from models.admission.applicants import get_applicant
from models.admission.path import (
    Stage,
    applicant_stage,
    hold_ceremony,
    open_admission_ballot,
    propose_admission,
    record_decision,
)
from models.admission.recognition import Outcome, open_recognition_ballot, recognition_state
from models.congress.congresses import list_congresses
from models.congress.elections import get_election
from models.congress.tables import Summoned
from models.core.errors import ConflictError
from models.counting import Attendance, count_ballots
from models.live_count.count import sound_round_record
from models.meetings.meetings import create_meeting, set_attendance
from models.meetings.secret_ballot import secret_ballot_for, take_count
from models.meetings.thresholds import VoteForm
from models.roster.member_status import member_status
from models.roster.members import all_members
from services.congress.minutes_jobs import prepare_minutes
from tests.support import congress_story as story
from tests.support.applicants import ready_applicant
from tests.support.meeting_ballots import count_question

MEETING_DAY = date(2025, 9, 15)


@pytest.fixture
def branch(data_file):
    return story.roster(11)


def test_an_admission_counted_from_the_ballots_moves_the_applicant_on(branch, tmp_path):
    hoa = ready_applicant(branch)
    meeting = create_meeting(MEETING_DAY, "Xét đề nghị kết nạp đảng viên")
    set_attendance(meeting.id, branch[5].id, Attendance.ABSENT)  # absent without a reason: stays in D = 11
    vote = open_admission_ballot(meeting.id, hoa.id)
    assert vote.awaiting_count and vote.d == 11 and not vote.passed
    assert applicant_stage(get_applicant(hoa.id)) is Stage.PREPARING  # not proposed while being counted
    with pytest.raises(ConflictError, match="đã biểu quyết"):
        open_admission_ballot(meeting.id, hoa.id)
    later = create_meeting(date(2025, 9, 20), "Xét lại")
    with pytest.raises(ConflictError, match="đang được kiểm"):
        propose_admission(later.id, hoa.id, VoteForm.SHOW_OF_CARDS, 10, 0)
    round_id = secret_ballot_for(vote.id)
    election = get_election(vote.election_id)
    assert election.title == "Đề nghị kết nạp vào Đảng: quần chúng Hoàng Thị Hoa (thông qua khi từ 8 phiếu đồng ý)"
    info = election.current_round
    assert [c.full_name for c in info.candidates] == ["Hoàng Thị Hoa"]
    assert (info.electorate.D, info.ballots_issued) == (11, 10)  # D from the meeting; the ten present vote
    named = Summoned.get(Summoned.full_name == "Hoàng Thị Hoa")
    assert named.member_id is None  # named on the ballot, not made a member nor counted in D
    count_question(round_id, 8, 1, 1)  # 3·8 = 24 ≥ 22
    counted = take_count(vote.id)
    assert (counted.yes, counted.no, counted.invalid, counted.passed) == (8, 1, 1, True)
    assert applicant_stage(get_applicant(hoa.id)) is Stage.PROPOSED
    record = sound_round_record(round_id)
    assert count_ballots(record.election, record.ballots).candidates[0].votes == 8
    written = prepare_minutes(round_id).write(tmp_path / "bb.xlsx")
    texts = [str(c.value) for row in load_workbook(written).active.iter_rows() for c in row if c.value is not None]
    assert "Kết quả: 8/11 phiếu đồng ý: THÔNG QUA." in texts
    assert any("đối với quần chúng Hoàng Thị Hoa" in t for t in texts)
    assert any(t.startswith("Danh sách bầu cử gồm 1 người") for t in texts)  # not a member: no "đồng chí"
    assert not any("1 đồng chí" in t or "từng đồng chí" in t for t in texts)
    assert list_congresses() == []  # the row hosting the ballot is not a congress
    record_decision(hoa.id, "125-QĐ/ĐU", date(2025, 10, 20), date(2025, 10, 22))
    admitted = hold_ceremony(hoa.id, date(2025, 11, 5), helper_id=branch[0].id)
    kinds = [member_status(m, date(2025, 11, 6)) for m in all_members()]
    assert (sum(s.is_official for s in kinds), sum(s.is_probationary for s in kinds)) == (11, 1)
    assert admitted.member.id is not None


def test_an_admission_one_ballot_short_of_two_thirds_is_not_proposed(branch):
    hoa = ready_applicant(branch)
    meeting = create_meeting(MEETING_DAY, "Xét đề nghị kết nạp đảng viên")
    vote = open_admission_ballot(meeting.id, hoa.id)
    count_question(secret_ballot_for(vote.id), 7, 4)  # 3·7 = 21 < 22: more than half, short of two thirds
    counted = take_count(vote.id)
    assert (counted.yes, counted.needed, counted.passed) == (7, 8, False)
    assert applicant_stage(get_applicant(hoa.id)) is Stage.PREPARING
    later = create_meeting(date(2025, 10, 15), "Xét lại đề nghị kết nạp")
    assert propose_admission(later.id, hoa.id, VoteForm.SHOW_OF_CARDS, 8, 3).passed  # may be proposed again


def test_a_recognition_counted_from_the_ballots(branch):
    hoa = ready_applicant(branch)
    meeting = create_meeting(MEETING_DAY, "Xét đề nghị kết nạp đảng viên")
    propose_admission(meeting.id, hoa.id, VoteForm.SHOW_OF_CARDS, 11, 0)
    record_decision(hoa.id, "125-QĐ/ĐU", date(2025, 10, 20), date(2025, 10, 22))
    member_id = hold_ceremony(hoa.id, date(2025, 11, 5), helper_id=branch[0].id).member.id
    recognition = create_meeting(date(2026, 11, 10), "Xét công nhận đảng viên chính thức")
    vote = open_recognition_ballot(recognition.id, member_id)
    assert recognition_state(member_id).outcome is Outcome.PENDING  # an open count is no inconclusive vote
    assert recognition_state(member_id).inconclusive == 0
    count_question(secret_ballot_for(vote.id), 8, 3)
    counted = take_count(vote.id)
    assert (counted.d, counted.yes, counted.passed) == (11, 8, True)
    assert recognition_state(member_id).outcome is Outcome.PROPOSED
