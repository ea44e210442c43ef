"""A by-election at a branch meeting: the higher committee's leave, the vote against D, the new secretary in the
branch's leadership (awaiting approval, then approved), the request for approval (tờ trình chuẩn y) read back."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from models.core.errors import ValidationError
from models.counting import Attendance, Post
from models.meetings.leadership import ELECTED, current_leadership
from models.meetings.meetings import create_meeting, set_attendance
from models.meetings.thresholds import VoteForm, VoteKind
from models.meetings.votes import ByElection, get_vote, record_approval, record_vote
from services.meetings.vote_papers import export_vote_paper
from tests.support import congress_story as story

DAY = date(2026, 9, 15)
LEAVE = ByElection(Post.SECRETARY, "45-CV/ĐU", date(2026, 9, 1))


def _texts(path) -> list[str]:
    return [str(c.value) for row in load_workbook(path).active.iter_rows() for c in row if c.value is not None]


def test_a_secretary_by_elected_at_a_branch_meeting(data_file, tmp_path):
    congress = story.congress_of_35()
    before = current_leadership()[0]
    meeting = create_meeting(DAY, "Bầu bổ sung Bí thư Chi bộ")
    candidate = next(p for p in meeting.attendees if p.official and p.full_name != before.full_name)
    absent = [p for p in meeting.attendees if p.official and p.situation == "normal"][-2:]
    set_attendance(meeting.id, absent[0].member_id, Attendance.ABSENT_APPROVED, "Ốm")  # leaves D
    set_attendance(meeting.id, absent[1].member_id, Attendance.ABSENT)  # stays in D
    with pytest.raises(ValidationError, match="cấp ủy cấp trên đồng ý"):
        record_vote(
            meeting.id,
            VoteKind.BY_ELECTION,
            VoteForm.SECRET_BALLOT,
            20,
            9,
            member_id=candidate.member_id,
            by_election=ByElection(Post.SECRETARY, "", None),
        )
    lost = record_vote(
        meeting.id,
        VoteKind.BY_ELECTION,
        VoteForm.SECRET_BALLOT,
        15,
        14,
        member_id=candidate.member_id,
        by_election=LEAVE,
    )
    assert (lost.d, lost.needed, lost.passed) == (30, 16, False)  # 15 of 29 present: not more than half of D
    assert current_leadership()[0].full_name == before.full_name
    won = record_vote(
        meeting.id,
        VoteKind.BY_ELECTION,
        VoteForm.SECRET_BALLOT,
        16,
        13,
        member_id=candidate.member_id,
        by_election=LEAVE,
    )
    assert won.passed and won.outcome_text.startswith("Trúng cử Bí thư Chi bộ (16/30")
    secretary = current_leadership()[0]
    assert (secretary.post, secretary.full_name, secretary.how, secretary.since) == (
        Post.SECRETARY,
        candidate.full_name,
        ELECTED,
        DAY,
    )
    assert secretary.source.endswith("chờ cấp trên chuẩn y") and secretary.term == congress.term_text
    assert current_leadership(date(2026, 9, 14))[0].full_name == before.full_name
    with pytest.raises(ValidationError, match="trúng cử"):
        record_approval(lost.id, "12-QĐ/ĐU", date(2026, 10, 1))
    record_approval(won.id, "12-QĐ/ĐU", date(2026, 10, 1))
    assert "chuẩn y: Quyết định số 12-QĐ/ĐU ngày 01/10/2026" in current_leadership()[0].source
    assert get_vote(won.id).approved_on == date(2026, 10, 1)

    path = export_vote_paper(won.id, tmp_path / "to-trinh.xlsx")
    texts = _texts(path)
    assert "TỜ TRÌNH" in texts and "Số 01-TTr/CB" in texts
    assert any("văn bản số 45-CV/ĐU ngày 01/09/2026" in t for t in texts)
    assert any(t.startswith(f"1. Đồng chí {candidate.full_name} trúng cử Bí thư Chi bộ với 16/30") for t in texts)
    assert texts[-1] == before.full_name  # signed by the secretary the meeting found, not the one just elected


def test_a_by_election_candidate_must_be_an_official_member_on_the_list(data_file):
    story.roster(9, 2)
    meeting = create_meeting(DAY, "Bầu bổ sung chi ủy viên")
    probationary = next(p for p in meeting.attendees if not p.official)
    with pytest.raises(ValidationError, match="đảng viên chính thức"):
        record_vote(
            meeting.id,
            VoteKind.BY_ELECTION,
            VoteForm.SECRET_BALLOT,
            6,
            1,
            member_id=probationary.member_id,
            by_election=ByElection(Post.COMMITTEE, "45-CV/ĐU", date(2026, 9, 1)),
        )
    late = ByElection(Post.COMMITTEE, "45-CV/ĐU", date(2026, 9, 20))  # the leave after the meeting
    official = next(p for p in meeting.attendees if p.official)
    with pytest.raises(ValidationError, match="ở sau ngày họp"):
        record_vote(
            meeting.id,
            VoteKind.BY_ELECTION,
            VoteForm.SECRET_BALLOT,
            6,
            1,
            member_id=official.member_id,
            by_election=late,
        )
