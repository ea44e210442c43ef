"""Check-in and the live panel (D, threshold, ballots), and the working bodies with the counting committee rule."""

from __future__ import annotations

from dataclasses import replace

import pytest

from models.congress.bodies import Body, set_body, working_bodies
from models.congress.checkin import attendance_panel, check_in
from models.congress.congresses import get_congress, open_session, save_congress
from models.congress.elections import add_election, set_candidates
from models.congress.summons import summoned_list
from models.core.errors import ConflictError, ValidationError
from models.counting import Attendance, ExclusionGroup, Post
from tests.support import congress_story as story

P, A, AA = Attendance.PRESENT, Attendance.ABSENT, Attendance.ABSENT_APPROVED


def _normal(congress_id):
    return [p for p in summoned_list(congress_id) if p.official and p.situation == "normal"]


def test_before_check_in_everyone_stays_in_d_and_no_ballot_is_issued(congress12):
    panel = attendance_panel(congress12.id)
    assert (panel.summoned, panel.official_summoned, panel.probationary, panel.not_checked) == (14, 12, 2, 14)
    # D = 12 official - 1 on temporary activity - 1 exempted and not present
    assert (panel.D, panel.threshold, panel.ballots) == (10, 6, 0)
    assert any("dưới 6" in b for b in panel.blocking) and not panel.quorum.met


def test_d_follows_check_in_and_situations(congress12):
    people = summoned_list(congress12.id)
    normal = _normal(congress12.id)
    exempted = next(p for p in people if p.situation == "exempted")
    for p in people:
        check_in(p.id, P)
    check_in(normal[0].id, AA, "Đi công tác")
    check_in(normal[1].id, A)
    panel = attendance_panel(congress12.id)
    counts = {group: n for group, _label, n in panel.excluded()}
    # the exempted member attends: counts in D and gets a ballot; the temporary one never does
    assert counts == {
        ExclusionGroup.TEMPORARY_ELSEWHERE: 1,
        ExclusionGroup.EXEMPT_ABSENT: 0,
        ExclusionGroup.SUSPENDED: 0,
        ExclusionGroup.ABSENT_APPROVED: 1,
    }
    assert panel.D == 10 and panel.threshold == 6
    assert panel.ballots == 9  # 12 official - temporary (present, no ballot) - approved absence - unexcused
    assert panel.present == 12 and panel.absent == 1 and panel.absent_approved == 1
    check_in(exempted.id, A)
    panel = attendance_panel(congress12.id)
    assert (panel.D, panel.ballots) == (9, 8)  # exempted and absent leaves D


def test_an_approved_absence_keeps_its_reason_and_other_states_drop_it(congress12):
    person = _normal(congress12.id)[0]
    assert check_in(person.id, AA, "  Ốm  ").person.absence_reason == "Ốm"
    assert check_in(person.id, A, "không dùng").person.absence_reason == ""
    assert check_in(person.id, None).person.attendance is None


def test_below_two_thirds_of_those_summoned_the_congress_cannot_open_nor_elect(congress12):
    # Charter Điều 11 k6: 12 official members summoned, so at least 8 present
    normal = _normal(congress12.id)  # 10 in D
    for p in normal[:7]:
        check_in(p.id, P)
    panel = attendance_panel(congress12.id)
    assert panel.ballots == 7 and not panel.quorum.met and panel.quorum.needed == 8
    assert panel.blocking[0].startswith("Chỉ có mặt 7/12 đảng viên chính thức được triệu tập, dưới hai phần ba")
    with pytest.raises(ConflictError, match="dưới hai phần ba"):
        open_session(congress12.id)
    check_in(normal[7].id, P)
    panel = attendance_panel(congress12.id)
    assert panel.quorum.met and not panel.blocking
    assert panel.quorum.text.startswith("Có mặt 8/12 đảng viên chính thức được triệu tập, đủ hai phần ba (ít nhất 8)")
    open_session(congress12.id)
    check_in(normal[7].id, A)  # a member leaves after the opening: no round can start below two thirds
    assert attendance_panel(congress12.id).blocking


def test_the_quorum_may_count_probationary_members_too(congress12):
    for p in _normal(congress12.id)[:8]:
        check_in(p.id, P)
    assert attendance_panel(congress12.id).quorum.met  # 8 of 12 official members
    save_congress(replace(get_congress(congress12.id), quorum_with_probationary=True))
    quorum = attendance_panel(congress12.id).quorum
    assert (quorum.summoned, quorum.present, quorum.needed, quorum.met) == (14, 8, 10, False)
    assert "kể cả dự bị" in quorum.text


def test_fewer_present_than_can_elect_blocks_a_round(congress12):
    normal = _normal(congress12.id)
    for p in normal[:5]:
        check_in(p.id, P)
    assert any("dưới 6 người" in b for b in attendance_panel(congress12.id).blocking)  # 5 < 6


def test_counting_committee_is_official_members_with_a_head_on_no_election_list(congress12):
    people = summoned_list(congress12.id)
    probationary = next(p for p in people if not p.official)
    normal = _normal(congress12.id)
    with pytest.raises(ValidationError, match="không phải đảng viên chính thức"):
        set_body(congress12.id, Body.COUNTING, [normal[0].id, probationary.id], normal[0].id)
    with pytest.raises(ValidationError, match="Trưởng ban"):
        set_body(congress12.id, Body.COUNTING, [normal[0].id, normal[1].id])
    election = add_election(congress12.id, Post.COMMITTEE, 3)
    set_candidates(election.rounds[0].id, [p.id for p in normal[:4]])
    with pytest.raises(ValidationError, match=r"danh sách bầu cử \(Ban Chi ủy\)"):
        set_body(congress12.id, Body.COUNTING, [normal[3].id, normal[5].id], normal[5].id)
    warnings = set_body(congress12.id, Body.COUNTING, [normal[5].id, normal[6].id], normal[6].id)
    assert len(warnings) == 2  # not checked in yet
    seats = working_bodies(congress12.id)[Body.COUNTING]
    assert [s.person.id for s in seats] == [normal[6].id, normal[5].id] and seats[0].is_head
    # and the other way round: a teller cannot be put on a list
    with pytest.raises(ValidationError, match="Ban kiểm phiếu"):
        set_candidates(election.rounds[0].id, [normal[5].id, normal[0].id, normal[1].id, normal[2].id])


def test_a_chair_or_a_presidium(congress12):
    normal = _normal(congress12.id)
    set_body(congress12.id, Body.PRESIDIUM, [normal[0].id, normal[1].id, normal[2].id], normal[0].id)
    with pytest.raises(ValidationError, match="một người"):
        set_body(congress12.id, Body.CHAIR, [normal[0].id, normal[1].id])
    set_body(congress12.id, Body.CHAIR, [normal[3].id])
    bodies = working_bodies(congress12.id)
    assert bodies[Body.PRESIDIUM] == [] and [s.person.id for s in bodies[Body.CHAIR]] == [normal[3].id]


def test_late_arrival_after_the_ballots_are_issued_does_not_change_the_round(congress12):
    story.check_in_all(congress12.id, absent_approved=1)
    story.open_with_bodies(congress12.id)
    normal = _normal(congress12.id)
    election = add_election(congress12.id, Post.COMMITTEE, 3)
    set_candidates(election.rounds[0].id, [p.id for p in normal[:4]])
    story.approve(congress12.id, story.VoteKind.SEATS, "Số lượng Ban Chi ủy: 3", election.id)
    story.approve(congress12.id, story.VoteKind.ELECTION_LIST, "Danh sách bầu cử Ban Chi ủy", election.id)
    from models.congress.rounds import start_round

    started = start_round(election.rounds[0].id)
    assert (started.electorate.D, started.ballots_issued) == (10, 10)
    late = next(p for p in normal if p.attendance == AA)
    result = check_in(late.id, P)
    assert result.notes and "sau khi đã phát phiếu" in result.notes[0] and late.full_name in result.notes[0]
    assert attendance_panel(congress12.id).D == 11  # the congress's figure moves on
    from models.congress.elections import get_election

    frozen = get_election(election.id).rounds[0]
    assert (frozen.electorate.D, frozen.ballots_issued) == (10, 10)
    assert late.full_name in frozen.notes
    with pytest.raises(ConflictError, match="Đang kiểm phiếu"):
        tellers = [s.person.id for s in working_bodies(congress12.id)[Body.COUNTING]]
        set_body(congress12.id, Body.COUNTING, tellers[:2], tellers[0])


def test_no_show_of_hands_below_two_thirds(congress12):
    from models.congress.hand_votes import VoteKind, record_vote

    normal = _normal(congress12.id)
    for p in normal[:8]:
        check_in(p.id, P)
    open_session(congress12.id)
    record_vote(congress12.id, VoteKind.WORKING_BODIES, "Đoàn chủ tịch", 8, 0, 0)
    check_in(normal[0].id, A)
    with pytest.raises(ConflictError, match="dưới hai phần ba"):
        record_vote(congress12.id, VoteKind.WORKING_BODIES, "Thư ký", 7, 0, 0)
