"""A branch meeting's list, its base D with each exclusion, and a vote recorded against it (SQLite, PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest

from models.core.errors import ValidationError
from models.counting import Attendance
from models.meetings.meetings import create_meeting, meeting_base, set_attendance, set_exclude_absent_approved
from models.meetings.thresholds import VoteForm, VoteKind
from models.meetings.votes import meeting_votes, record_vote
from tests.support import congress_story as story

DAY = date(2025, 9, 15)


@pytest.fixture
def branch(data_file):
    """12 official members (one on temporary activity elsewhere, one exempted, one suspended), 2 probationary."""
    return story.roster(12, 2, temporary=1, exempted=1, suspended=1)


def test_the_list_and_d_with_each_exclusion(branch):
    meeting = create_meeting(DAY, "Sinh hoạt chi bộ tháng 9")
    assert len(meeting.attendees) == 14
    base = meeting_base(meeting.id)
    # the exempted member is present by default: stays in D
    assert (base.official, base.d, base.present_probationary) == (12, 10, 2)
    assert base.excluded == {"temporary_elsewhere": 1, "exempt_absent": 0, "suspended": 1, "absent_approved": 0}
    exempted = next(p for p in meeting.attendees if p.situation.value == "exempted")
    set_attendance(meeting.id, exempted.member_id, Attendance.ABSENT)
    assert meeting_base(meeting.id).excluded["exempt_absent"] == 1
    normal = [p for p in meeting.attendees if p.official and p.situation.value == "normal"]
    set_attendance(meeting.id, normal[0].member_id, Attendance.ABSENT_APPROVED, "Đi công tác")
    set_attendance(meeting.id, normal[1].member_id, Attendance.ABSENT)  # no approved reason: stays in D
    base = meeting_base(meeting.id)
    assert (base.d, base.present_official) == (8, 7)
    assert base.text.startswith("D = 8 (12 đảng viên chính thức, trừ ")
    set_exclude_absent_approved(meeting.id, False)  # the option off: absent with a reason stays in D
    assert meeting_base(meeting.id).d == 9


def test_an_absence_with_a_reason_needs_the_reason(branch):
    meeting = create_meeting(DAY, "Sinh hoạt chi bộ")
    with pytest.raises(ValidationError, match="lý do"):
        set_attendance(meeting.id, meeting.attendees[0].member_id, Attendance.ABSENT_APPROVED)


def test_a_vote_is_measured_against_d_never_those_present(branch):
    meeting = create_meeting(DAY, "Xem xét đề nghị khai trừ")
    member = next(p for p in meeting.attendees if p.official)
    for person in [p for p in meeting.attendees if p.official and p.situation.value == "normal"][:3]:
        set_attendance(meeting.id, person.member_id, Attendance.ABSENT)  # in D, not present
    assert meeting_base(meeting.id).d == 10
    vote = record_vote(meeting.id, VoteKind.PROPOSE_EXPULSION, VoteForm.SECRET_BALLOT, 6, 1, member_id=member.member_id)
    assert (vote.d, vote.needed, vote.passed) == (10, 7, False)  # 6 of 7 present, but not 2/3 of D
    vote = record_vote(meeting.id, VoteKind.PROPOSE_DISMISSAL, VoteForm.SECRET_BALLOT, 6, 1, member_id=member.member_id)
    assert vote.passed and vote.subject_name == member.full_name
    assert [v.passed for v in meeting_votes(meeting.id)] == [False, True]


def test_discipline_by_secret_ballot_counted_cumulatively(branch):
    meeting = create_meeting(DAY, "Xem xét kỷ luật")
    member = meeting.attendees[0]
    with pytest.raises(ValidationError, match="bỏ phiếu kín"):
        record_vote(meeting.id, VoteKind.DISCIPLINE, VoteForm.SHOW_OF_CARDS, 6, 4, member_id=member.member_id)
    vote = record_vote(
        meeting.id,
        VoteKind.DISCIPLINE,
        VoteForm.SECRET_BALLOT,
        6,
        4,
        member_id=member.member_id,
        yes_by_form={"warning": 4, "reprimand": 2},
    )
    assert vote.discipline.value == "reprimand" and vote.passed
    assert vote.outcome_text == "Thi hành kỷ luật: Khiển trách"


def test_figures_that_cannot_be_are_refused(branch):
    meeting = create_meeting(DAY, "Biểu quyết")
    member = meeting.attendees[0]
    with pytest.raises(ValidationError, match="nhiều hơn số đảng viên chính thức có mặt"):
        record_vote(meeting.id, VoteKind.EXEMPTION, VoteForm.SHOW_OF_CARDS, 10, 1, member_id=member.member_id)
    with pytest.raises(ValidationError, match="quần chúng"):
        record_vote(meeting.id, VoteKind.ADMISSION, VoteForm.SHOW_OF_CARDS, 8, 0, member_id=member.member_id)
    assert meeting_votes(meeting.id) == []
