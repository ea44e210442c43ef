"""The applicant's path in the database: the register, the vote proposing admission on D, the decision, the ceremony
into the roster (one transaction), recognition and its outcomes (SQLite, PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from models.admission.applicants import get_applicant, list_applicants, save_applicant, withdraw_applicant
from models.admission.path import (
    Stage,
    applicant_stage,
    ceremony_deadline,
    helper_of,
    hold_ceremony,
    propose_admission,
    record_decision,
)
from models.admission.recognition import (
    Outcome,
    propose_recognition,
    propose_strike_off,
    recognition_state,
    record_recognition,
)
from models.admission.records import ApplicantRecord, Sponsor
from models.admission.tables import Applicant
from models.core.errors import ConflictError, EditConflictError, ValidationError
from models.counting import Attendance
from models.meetings.meetings import create_meeting, set_attendance
from models.meetings.thresholds import VoteForm
from models.roster.event_kinds import EventKind
from models.roster.member_status import member_status
from models.roster.members import all_members, get_member
from services.admission.register import register_rows
from tests.support import congress_story as story
from tests.support.applicants import ready_applicant

MEETING_DAY = date(2025, 9, 15)


@pytest.fixture
def branch(data_file):
    return story.roster(11)


def test_the_register_saves_edits_over_the_version_read_and_lists_in_abc_order(branch):
    hoa = ready_applicant(branch)
    an = save_applicant(replace(hoa, id=None, version=None, full_name="Lê Văn An"))
    assert [a.full_name for a in list_applicants()] == ["Lê Văn An", "Hoàng Thị Hoa"]
    assert get_applicant(hoa.id).sponsors == hoa.sponsors
    edited = save_applicant(replace(hoa, workplace="Sở Tài chính"))
    assert edited.version == hoa.version + 1
    with pytest.raises(EditConflictError):
        save_applicant(replace(hoa, workplace="Sở Xây dựng"))  # read before the other edit
    assert get_applicant(hoa.id).workplace == "Sở Tài chính"
    withdraw_applicant(an.id, date(2025, 10, 1), "Chuyển công tác")
    assert [a.full_name for a in list_applicants()] == ["Hoàng Thị Hoa"]
    assert applicant_stage(get_applicant(an.id)) is Stage.WITHDRAWN


def test_the_register_refuses_a_nameless_or_future_file(branch):
    with pytest.raises(ValidationError, match="họ và tên"):
        ready_applicant(branch, name="  ")
    with pytest.raises(ValidationError, match="ở sau hôm nay"):
        ready_applicant(branch, application_date=date(2027, 1, 1))
    with pytest.raises(ValidationError, match="Hãy ghi ngày người giới thiệu .* bắt đầu công tác"):
        save_applicant(ApplicantRecord(full_name="Lê Văn Bình", sponsors=[Sponsor(branch[0].id, None)]))
    assert Applicant.select().count() == 0


def test_admission_from_applicant_to_probationary_member(branch):
    hoa = ready_applicant(branch)
    meeting = create_meeting(MEETING_DAY, "Xét đề nghị kết nạp đảng viên")
    set_attendance(meeting.id, branch[5].id, Attendance.ABSENT)  # absent without a reason: stays in D = 11
    vote = propose_admission(meeting.id, hoa.id, VoteForm.SHOW_OF_CARDS, 8, 2)
    assert (vote.d, vote.needed, vote.passed) == (11, 8, True)  # 3·8 = 24 ≥ 22
    assert applicant_stage(get_applicant(hoa.id)) is Stage.PROPOSED
    [row] = register_rows(MEETING_DAY)
    assert row.status_text == "Chờ quyết định của cấp ủy có thẩm quyền (trong 60 ngày làm việc: 08/12/2025)"
    with pytest.raises(ConflictError):
        propose_admission(meeting.id, hoa.id, VoteForm.SHOW_OF_CARDS, 9, 1)
    decided = record_decision(hoa.id, "125-QĐ/ĐU", date(2025, 10, 20), date(2025, 10, 22))
    assert applicant_stage(decided) is Stage.DECIDED
    assert ceremony_deadline(date(2025, 10, 22)) == date(2025, 12, 3)
    admitted = hold_ceremony(hoa.id, date(2025, 11, 5), helper_id=branch[0].id)
    member = get_member(admitted.member.id)
    assert (member.admission_date, member.ceremony_date) == (date(2025, 10, 20), date(2025, 11, 5))
    assert [(e.kind, e.date, e.decision_ref) for e in member.events] == [
        (EventKind.ADMITTED, date(2025, 10, 20), "Quyết định số 125-QĐ/ĐU ngày 20/10/2025")
    ]
    status = member_status(member, date(2025, 11, 6))
    assert status.is_current_member and status.is_probationary
    assert helper_of(member.id) == branch[0].id
    linked = get_applicant(hoa.id)
    assert (linked.member_id, applicant_stage(linked)) == (member.id, Stage.ADMITTED)
    assert list_applicants() == []
    on = date(2025, 11, 6)
    kinds = [member_status(m, on) for m in all_members()]
    assert (sum(s.is_official for s in kinds), sum(s.is_probationary for s in kinds)) == (11, 1)


def test_a_vote_short_of_two_thirds_of_d_keeps_the_applicant_on_the_register(branch):
    hoa = ready_applicant(branch)
    meeting = create_meeting(MEETING_DAY, "Xét đề nghị kết nạp đảng viên")
    for member in branch[:4]:
        set_attendance(meeting.id, member.id, Attendance.ABSENT)
    vote = propose_admission(meeting.id, hoa.id, VoteForm.SECRET_BALLOT, 7, 0)  # all 7 present agree; D = 11
    assert not vote.passed
    assert applicant_stage(get_applicant(hoa.id)) is Stage.PREPARING
    with pytest.raises(ConflictError, match="quyết định kết nạp"):
        record_decision(hoa.id, "125-QĐ/ĐU", date(2025, 10, 20), date(2025, 10, 22))
    later = create_meeting(date(2025, 10, 15), "Xét lại đề nghị kết nạp")
    assert propose_admission(later.id, hoa.id, VoteForm.SHOW_OF_CARDS, 8, 3).passed


def test_a_file_lacking_anything_is_refused_with_every_lack(branch):
    hoa = ready_applicant(branch, residence_comment_date=None, certificate_date=date(2020, 9, 1))
    meeting = create_meeting(MEETING_DAY, "Xét đề nghị kết nạp đảng viên")
    with pytest.raises(ValidationError) as refused:
        propose_admission(meeting.id, hoa.id, VoteForm.SHOW_OF_CARDS, 11, 0)
    assert "chưa đủ để chi bộ xét đề nghị kết nạp tại hội nghị ngày 15/09/2025" in refused.value.message
    assert "đến hết ngày 31/08/2025" in refused.value.message
    assert "chi ủy, chi bộ nơi cư trú" in refused.value.message


def test_the_ceremony_is_due_within_thirty_working_days(branch):
    hoa = ready_applicant(branch)
    meeting = create_meeting(MEETING_DAY, "Xét đề nghị kết nạp đảng viên")
    propose_admission(meeting.id, hoa.id, VoteForm.SHOW_OF_CARDS, 11, 0)
    record_decision(hoa.id, "125-QĐ/ĐU", date(2025, 10, 20), date(2025, 10, 22))
    with pytest.raises(ValidationError, match=r"hạn 03/12/2025"):
        hold_ceremony(hoa.id, date(2025, 12, 4), helper_id=branch[0].id)
    assert get_applicant(hoa.id).member_id is None and len(all_members()) == 11  # nothing half-done
    late = hold_ceremony(hoa.id, date(2025, 12, 4), helper_id=branch[0].id, late_consent="CV 12-CV/ĐU ngày 1/12/2025")
    assert "12-CV/ĐU" in late.applicant.notes


def test_a_probationary_helper_is_refused(branch):
    probationary_id = _admitted(branch)
    binh = ready_applicant(branch, name="Lê Văn Bình")
    meeting = create_meeting(date(2025, 11, 10), "Xét đề nghị kết nạp đảng viên")
    propose_admission(meeting.id, binh.id, VoteForm.SHOW_OF_CARDS, 11, 0)
    record_decision(binh.id, "140-QĐ/ĐU", date(2025, 11, 20), date(2025, 11, 21))
    with pytest.raises(ValidationError, match="Đảng viên giúp đỡ phải là đảng viên chính thức"):
        hold_ceremony(binh.id, date(2025, 11, 28), helper_id=probationary_id)
    assert get_applicant(binh.id).member_id is None and len(all_members()) == 12


def _admitted(branch) -> int:
    hoa = ready_applicant(branch)
    meeting = create_meeting(MEETING_DAY, "Xét đề nghị kết nạp đảng viên")
    propose_admission(meeting.id, hoa.id, VoteForm.SHOW_OF_CARDS, 11, 0)
    record_decision(hoa.id, "125-QĐ/ĐU", date(2025, 10, 20), date(2025, 10, 22))
    return hold_ceremony(hoa.id, date(2025, 11, 5), helper_id=branch[0].id).member.id


def test_recognition_official_from_the_end_of_the_twelve_months(branch):
    member_id = _admitted(branch)
    early = create_meeting(date(2026, 11, 4), "Xét công nhận đảng viên chính thức")
    with pytest.raises(ValidationError, match="hết 12 tháng dự bị ngày 05/11/2026"):
        propose_recognition(early.id, member_id, VoteForm.SHOW_OF_CARDS, 11, 0)
    meeting = create_meeting(date(2026, 11, 10), "Xét công nhận đảng viên chính thức")
    vote = propose_recognition(meeting.id, member_id, VoteForm.SHOW_OF_CARDS, 8, 3)
    assert vote.passed and recognition_state(member_id).outcome is Outcome.PROPOSED
    record_recognition(member_id, "310-QĐ/ĐU", date(2026, 11, 25))
    member = get_member(member_id)
    assert member.official_date == date(2026, 11, 5)  # the day the twelve months ended, not the decision's
    assert member_status(member, date(2026, 11, 26)).is_official


def test_three_votes_reaching_two_thirds_neither_way_go_up(branch):
    member_id = _admitted(branch)
    for day in (10, 17, 24):
        meeting = create_meeting(date(2026, 11, day), "Xét công nhận đảng viên chính thức")
        propose_recognition(meeting.id, member_id, VoteForm.SECRET_BALLOT, 6, 5)  # 18 < 22 and 15 < 22
    assert recognition_state(member_id).outcome is Outcome.REPORT_UP
    fourth = create_meeting(date(2026, 11, 30), "Xét công nhận đảng viên chính thức")
    with pytest.raises(ConflictError, match="báo cáo cấp ủy cấp trên"):
        propose_recognition(fourth.id, member_id, VoteForm.SECRET_BALLOT, 11, 0)


def test_not_recognised_leads_to_the_proposal_to_strike_off(branch):
    member_id = _admitted(branch)
    meeting = create_meeting(date(2026, 11, 10), "Xét công nhận đảng viên chính thức")
    with pytest.raises(ConflictError):
        propose_strike_off(meeting.id, member_id, VoteForm.SHOW_OF_CARDS, 9, 2)
    propose_recognition(meeting.id, member_id, VoteForm.SHOW_OF_CARDS, 3, 8)  # 3·8 = 24 ≥ 22 against
    assert recognition_state(member_id).outcome is Outcome.NOT_RECOGNISED
    with pytest.raises(ConflictError):
        record_recognition(member_id, "310-QĐ/ĐU", date(2026, 11, 25))
    strike = propose_strike_off(meeting.id, member_id, VoteForm.SHOW_OF_CARDS, 8, 3)
    assert strike.passed and strike.needed == 8


def test_a_failure_during_the_ceremony_leaves_nothing_half_done(branch, monkeypatch):
    import models.admission.path as path

    hoa = ready_applicant(branch)
    meeting = create_meeting(MEETING_DAY, "Xét đề nghị kết nạp đảng viên")
    propose_admission(meeting.id, hoa.id, VoteForm.SHOW_OF_CARDS, 11, 0)
    record_decision(hoa.id, "125-QĐ/ĐU", date(2025, 10, 20), date(2025, 10, 22))

    def vanished(*args, **kwargs):
        raise OSError("the disk went away")

    monkeypatch.setattr(path, "update_path", vanished)  # after the member and the event were written
    with pytest.raises(OSError):
        hold_ceremony(hoa.id, date(2025, 11, 5), helper_id=branch[0].id)
    assert len(all_members()) == 11 and get_applicant(hoa.id).member_id is None
    monkeypatch.undo()
    assert hold_ceremony(hoa.id, date(2025, 11, 5), helper_id=branch[0].id).member.full_name == "Hoàng Thị Hoa"


def test_a_readmission_puts_the_former_member_back_on_probation(branch):
    from models.roster.members import record_event
    from models.roster.records import EventRecord
    from models.roster.seniority import seniority_gaps

    former = branch[10]
    record_event(former.id, EventRecord(EventKind.STRUCK_OFF, date(2022, 3, 1)))
    giang = ready_applicant(branch, name=former.full_name, birth_date=former.birth_date, former_member_id=former.id)
    meeting = create_meeting(MEETING_DAY, "Xét đề nghị kết nạp lại")
    propose_admission(meeting.id, giang.id, VoteForm.SHOW_OF_CARDS, 10, 0)
    record_decision(giang.id, "130-QĐ/ĐU", date(2025, 10, 20), date(2025, 10, 22))
    admitted = hold_ceremony(giang.id, date(2025, 11, 5), helper_id=branch[0].id)
    assert admitted.member.id == former.id and len(all_members()) == 11  # the same record, no new member
    member = get_member(former.id)
    readmitted = member.events[-1]
    assert (readmitted.kind, readmitted.date) == (EventKind.READMITTED, date(2025, 10, 20))
    assert readmitted.note == f"Lễ kết nạp lại ngày 05/11/2025; đảng viên giúp đỡ: {branch[0].full_name}."
    status = member_status(member, date(2025, 11, 6))
    assert status.is_current_member and status.is_probationary
    assert [(g.start, g.end) for g in seniority_gaps(member)] == [(date(2022, 3, 1), date(2025, 10, 20))]
