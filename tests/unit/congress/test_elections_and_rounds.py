"""The elections of a congress in the order the rules require, their lists, and their rounds."""

from __future__ import annotations

import pytest

from models.congress.elections import (
    add_election,
    add_floor_nominee,
    election_plan,
    eligibility,
    get_election,
    set_candidates,
    set_seats,
)
from models.congress.hand_votes import VoteKind, record_vote
from models.congress.rounds import (
    conclude_election,
    next_round,
    record_appointment,
    record_totals,
    start_problems,
    start_round,
)
from models.congress.summons import summoned_list
from models.core.errors import ConflictError, ValidationError
from models.counting import Form, InvalidReason, NextAction, Post, Totals
from tests.support import congress_story as story


@pytest.fixture
def day12(congress12):
    """The 12-member congress in session: everybody in, chair, secretary and three tellers chosen."""
    story.check_in_all(congress12.id)
    tellers = story.open_with_bodies(congress12.id)
    free = [
        p
        for p in summoned_list(congress12.id)
        if p.official and p.may_stand and p not in tellers and p.situation == "normal"
    ]
    return congress12, free


def _adopted(congress_id, election):
    story.approve(congress_id, VoteKind.SEATS, f"Số lượng: {election.seats}", election.id)
    story.approve(congress_id, VoteKind.ELECTION_LIST, "Danh sách bầu cử", election.id)


def _elect(congress_id, election, votes: list[int], invalid: int = 0):
    """Start the round of `election` and enter hand totals: votes per candidate in list order."""
    round_ = start_round(election.current_round.id)
    keys = [p.key for p in round_.candidates]
    totals = Totals(
        collected=round_.ballots_issued,
        invalid={InvalidReason.TOO_MANY: invalid} if invalid else {},
        votes=dict(zip(keys, votes, strict=True)),
    )
    return record_totals(round_.id, totals)


def test_a_branch_of_nine_or_more_elects_a_committee_then_secretary_and_deputy(day12):
    congress, _free = day12
    plan = election_plan(congress.id)
    assert [p.post for p in plan] == [
        Post.COMMITTEE,
        Post.SECRETARY,
        Post.DEPUTY_SECRETARY,
        Post.DELEGATE,
        Post.ALTERNATE_DELEGATE,
    ]
    reasons = {p.post: p.reason for p in plan}
    assert reasons[Post.COMMITTEE] == "" and "sau khi đã bầu xong Ban Chi ủy" in reasons[Post.SECRETARY]
    with pytest.raises(ValidationError, match="Ban Chi ủy"):
        add_election(congress.id, Post.SECRETARY, 1)
    with pytest.raises(ValidationError, match="không quá 7"):
        add_election(congress.id, Post.COMMITTEE, 8)


def test_under_nine_official_members_no_committee_only_a_secretary_and_a_deputy(data_file):
    story.roster(7, 1)
    congress = story.congress()
    assert [p.post for p in election_plan(congress.id)] == [
        Post.SECRETARY,
        Post.DEPUTY_SECRETARY,
        Post.DELEGATE,
        Post.ALTERNATE_DELEGATE,
    ]
    with pytest.raises(ValidationError, match="dưới 9"):
        add_election(congress.id, Post.COMMITTEE, 3)
    with pytest.raises(ValidationError, match="Chỉ bầu một bí thư"):
        add_election(congress.id, Post.SECRETARY, 2)
    assert add_election(congress.id, Post.SECRETARY, 1).title == "Bầu Bí thư Chi bộ nhiệm kỳ 2025–2030"


def test_committee_list_needs_a_surplus_within_the_limit_and_the_form_follows_the_list(day12):
    congress, free = day12
    election = add_election(congress.id, Post.COMMITTEE, 5)
    round_id = election.rounds[0].id
    set_candidates(round_id, [p.id for p in free[:5]])
    _adopted(congress.id, get_election(election.id))
    assert any("phải nhiều hơn số lượng" in p for p in start_problems(round_id))
    assert get_election(election.id).current_round.form == Form.AGREE
    set_candidates(round_id, [p.id for p in free[:7]])  # surplus 2 > 1 for 3-5 seats
    assert any("không quá 1" in p for p in start_problems(round_id))
    election = set_candidates(round_id, [p.id for p in reversed(free[:6])])
    assert election.current_round.form == Form.STRIKE
    names = [p.full_name for p in election.current_round.candidates]
    assert names == [p.full_name for p in free[:6]]  # A-B-C order whatever the picking order
    assert start_problems(round_id) == []


def test_candidates_must_be_eligible_official_members(day12):
    congress, free = day12
    election = add_election(congress.id, Post.DELEGATE, 2)
    reasons = {p.full_name: reason for p, reason in eligibility(election.id)}
    probationary = [p for p in summoned_list(congress.id) if not p.official]
    assert all(reasons[p.full_name] == "Đảng viên dự bị không được ứng cử, đề cử." for p in probationary)
    with pytest.raises(ValidationError, match="dự bị"):
        set_candidates(election.rounds[0].id, [free[0].id, probationary[0].id])
    assert get_election(election.id).current_round.candidates == ()  # nothing half-saved


def test_a_round_waits_for_the_votes_on_seats_and_list_and_for_the_elections_before_it(day12):
    congress, free = day12
    committee = add_election(congress.id, Post.COMMITTEE, 3)
    set_candidates(committee.rounds[0].id, [p.id for p in free[:4]])
    delegates = add_election(congress.id, Post.DELEGATE, 1)
    set_candidates(delegates.rounds[0].id, [free[0].id])
    problems = start_problems(delegates.rounds[0].id)
    assert "Chưa bầu xong Ban Chi ủy: các cuộc bầu phải theo thứ tự." in problems
    assert any("số lượng bầu" in p for p in problems) and any("danh sách bầu cử" in p for p in problems)
    with pytest.raises(ValidationError, match="Chưa bắt đầu lần bầu được"):
        start_round(delegates.rounds[0].id)


def test_seats_and_list_are_fixed_once_the_round_starts(day12):
    congress, free = day12
    election = add_election(congress.id, Post.COMMITTEE, 3)
    set_candidates(election.rounds[0].id, [p.id for p in free[:4]])
    _adopted(congress.id, get_election(election.id))
    start_round(election.rounds[0].id)
    with pytest.raises(ConflictError, match="đã bắt đầu"):
        set_seats(election.id, 4)
    with pytest.raises(ConflictError, match="đã bắt đầu"):
        set_candidates(election.rounds[0].id, [p.id for p in free[:3]])


def test_a_floor_nominee_needs_more_than_thirty_percent_of_those_voting(day12):
    congress, free = day12
    election = add_election(congress.id, Post.DELEGATE, 2)
    round_id = election.rounds[0].id
    nominee = free[3]
    voting = 10  # everyone entitled is present
    low = record_vote(
        congress.id,
        VoteKind.FLOOR_NOMINEE,
        f"Đưa {nominee.full_name} vào danh sách",
        3,
        7,
        0,
        voting,
        election.id,
        nominee.id,
    )
    assert not low.adopted  # 3/10 = 30 %: not more than 30 %
    with pytest.raises(ValidationError, match="không quá 30%"):
        add_floor_nominee(round_id, nominee.id, low.id)
    high = record_vote(
        congress.id,
        VoteKind.FLOOR_NOMINEE,
        f"Đưa {nominee.full_name} vào danh sách",
        4,
        5,
        1,
        voting,
        election.id,
        nominee.id,
    )
    assert high.adopted
    with pytest.raises(ValidationError, match="Chưa có kết quả biểu quyết"):
        add_floor_nominee(round_id, free[4].id, high.id)  # the vote was about someone else
    election = add_floor_nominee(round_id, nominee.id, high.id)
    assert [p.id for p in election.current_round.candidates] == [nominee.id]


def test_hand_votes_are_taken_in_session(congress12):
    with pytest.raises(ConflictError, match="chưa khai mạc"):
        record_vote(congress12.id, VoteKind.RESOLUTION, "Thông qua nghị quyết", 1, 0, 0, 1)


def test_hand_votes_must_add_up_to_those_voting(day12):
    congress, _free = day12  # 11 official members present may vote (the exempted one attends)
    with pytest.raises(ValidationError, match="phải bằng số người biểu quyết"):
        record_vote(congress.id, VoteKind.RESOLUTION, "Thông qua nghị quyết", 8, 1, 0, 10)
    with pytest.raises(ValidationError, match="nhiều hơn số đảng viên chính thức có mặt"):
        record_vote(congress.id, VoteKind.RESOLUTION, "Thông qua nghị quyết", 12, 0, 0, 12)
    assert not record_vote(congress.id, VoteKind.RESOLUTION, "Nghị quyết", 5, 5, 0, 10).adopted  # half: no
    vote = record_vote(congress.id, VoteKind.RESOLUTION, "Thông qua nghị quyết", 6, 4, 1)
    assert vote.voting == 11 and vote.adopted and vote.taken_at is not None


def test_committee_then_secretary_from_it_then_deputy(day12):
    congress, free = day12
    committee = add_election(congress.id, Post.COMMITTEE, 3)
    set_candidates(committee.rounds[0].id, [p.id for p in free[:4]])
    committee = get_election(committee.id)
    _adopted(congress.id, committee)
    closed = _elect(congress.id, committee, [9, 8, 7, 2])
    assert closed.status == "closed" and len(closed.result.elected) == 3
    committee = get_election(committee.id)
    assert committee.done and [p.id for p in committee.elected] == [p.id for p in free[:3]]
    secretary = add_election(congress.id, Post.SECRETARY, 1)
    reasons = {p.id: r for p, r in eligibility(secretary.id)}
    assert reasons[free[3].id] == "Không trúng cử Ban Chi ủy khóa mới." and reasons[free[0].id] == ""
    with pytest.raises(ValidationError, match="Không trúng cử Ban Chi ủy"):
        set_candidates(secretary.rounds[0].id, [free[3].id])
    set_candidates(secretary.rounds[0].id, [free[0].id])
    with pytest.raises(ValidationError, match="Bí thư"):
        add_election(congress.id, Post.DEPUTY_SECRETARY, 1)
    _adopted(congress.id, get_election(secretary.id))
    _elect(congress.id, get_election(secretary.id), [9])
    deputy = add_election(congress.id, Post.DEPUTY_SECRETARY, 1)
    reasons = {p.id: r for p, r in eligibility(deputy.id)}
    assert reasons[free[0].id] == "Đã trúng cử Bí thư Chi bộ." and reasons[free[1].id] == ""


def test_a_count_that_does_not_add_up_is_refused_and_nothing_is_saved(day12):
    congress, free = day12
    election = add_election(congress.id, Post.COMMITTEE, 3)
    set_candidates(election.rounds[0].id, [p.id for p in free[:4]])
    _adopted(congress.id, get_election(election.id))
    round_ = start_round(election.rounds[0].id)
    with pytest.raises(ValidationError, match="chưa khớp"):
        record_totals(round_.id, Totals(collected=round_.ballots_issued + 1, votes={round_.candidates[0].key: 1}))
    assert get_election(election.id).current_round.status == "counting"


def test_delegates_wait_for_the_committee_and_the_secretary_even_before_they_are_set_up(day12):
    congress, free = day12
    delegates = add_election(congress.id, Post.DELEGATE, 1)
    set_candidates(delegates.rounds[0].id, [free[0].id])
    problems = start_problems(delegates.rounds[0].id)
    assert "Chưa bầu Ban Chi ủy: các cuộc bầu phải theo thứ tự." in problems
    assert "Chưa bầu Bí thư Chi bộ: các cuộc bầu phải theo thứ tự." in problems
    assert not any("Phó Bí thư" in p for p in problems)  # a deputy is optional


def test_a_tie_across_the_last_seat_leaves_it_open_and_the_next_round_takes_the_tied(day12):
    congress, free = day12
    election = add_election(congress.id, Post.COMMITTEE, 3)
    set_candidates(election.rounds[0].id, [p.id for p in free[:4]])
    _adopted(congress.id, get_election(election.id))
    closed = _elect(congress.id, get_election(election.id), [10, 9, 7, 7])
    assert closed.result.next_action == NextAction.RUNOFF and closed.result.open_seats == 1
    assert not get_election(election.id).done
    runoff = next_round(election.id)
    assert runoff.number == 2 and runoff.seats == 1
    assert [p.id for p in runoff.candidates] == [free[2].id, free[3].id]
    assert runoff.form == Form.STRIKE
    assert not start_problems(runoff.id)  # a later round needs no new vote on seats and list
    _elect(congress.id, get_election(election.id), [6, 4])
    election = get_election(election.id)
    assert election.done and [p.id for p in election.elected] == [free[0].id, free[1].id, free[2].id]


def test_the_secretary_has_three_rounds_then_the_higher_committee_appoints(data_file):
    story.roster(7)
    congress = story.congress()
    story.check_in_all(congress.id)
    tellers = story.open_with_bodies(congress.id, counting=2)
    free = [p for p in summoned_list(congress.id) if p not in tellers]
    election = add_election(congress.id, Post.SECRETARY, 1)
    set_candidates(election.rounds[0].id, [free[0].id, free[1].id])
    _adopted(congress.id, get_election(election.id))
    for number in (1, 2, 3):
        closed = _elect(congress.id, get_election(election.id), [3, 3])
        if number < 3:
            assert closed.result.next_action == NextAction.NEXT_ROUND
            next_round(election.id)
    assert closed.result.next_action == NextAction.APPOINTMENT
    with pytest.raises(ConflictError, match="chỉ định"):
        next_round(election.id)
    assert get_election(election.id).done
    record_appointment(election.id, "Nguyễn Văn Chỉ Định")
    assert get_election(election.id).appointed == "Nguyễn Văn Chỉ Định"


def test_the_congress_may_leave_unfilled_seats_open(day12):
    congress, free = day12
    election = add_election(congress.id, Post.COMMITTEE, 3)
    set_candidates(election.rounds[0].id, [p.id for p in free[:4]])
    _adopted(congress.id, get_election(election.id))
    closed = _elect(congress.id, get_election(election.id), [9, 4, 3, 2])
    assert closed.result.open_seats == 2 and not get_election(election.id).done
    conclude_election(election.id)
    assert get_election(election.id).done
    with pytest.raises(ConflictError):
        next_round(election.id)


def test_closing_says_which_elections_were_never_set_up_or_finished(day12):
    from models.congress.elections import unfinished_elections

    congress, _free = day12
    first_two = unfinished_elections(congress.id)[:2]
    assert first_two == [
        "Chưa bầu Ban Chi ủy: cuộc bầu chưa được thiết lập.",
        "Chưa bầu Bí thư Chi bộ: cuộc bầu chưa được thiết lập.",
    ]
    add_election(congress.id, Post.COMMITTEE, 3)
    lines = unfinished_elections(congress.id)
    assert lines[0].startswith("Chưa bầu xong") and "còn 3 chỗ" in lines[0]
    assert any(line.startswith("Không bầu") for line in lines)  # the optional ones, said plainly


def test_the_re_vote_among_the_tied_elects_the_highest_without_a_majority(day12):
    # Charter Điều 12 k3: the tied passers re-vote; the highest votes fill the seat, "không cần phải quá một nửa".
    congress, free = day12
    election = add_election(congress.id, Post.COMMITTEE, 3)
    set_candidates(election.rounds[0].id, [p.id for p in free[:4]])
    _adopted(congress.id, get_election(election.id))
    _elect(congress.id, get_election(election.id), [10, 9, 7, 7])
    runoff = next_round(election.id)
    assert runoff.tie_break
    closed = _elect(congress.id, get_election(election.id), [3, 2])
    assert closed.tie_break and closed.result.elected == (free[2].key,)
    assert get_election(election.id).done


def test_a_round_for_unfilled_seats_keeps_the_majority_test(day12):
    congress, free = day12
    election = add_election(congress.id, Post.COMMITTEE, 3)
    set_candidates(election.rounds[0].id, [p.id for p in free[:4]])
    _adopted(congress.id, get_election(election.id))
    _elect(congress.id, get_election(election.id), [9, 9, 3, 2])
    second = next_round(election.id)
    assert not second.tie_break
    closed = _elect(congress.id, get_election(election.id), [3, 2])
    assert closed.result.elected == () and not get_election(election.id).done
