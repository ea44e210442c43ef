"""Show-of-hands votes belong to their election, are voted once, are voided with a reason (never deleted), and a
floor nominee is admitted by one act."""

from __future__ import annotations

import pytest

from models.congress.bodies import Body, working_bodies
from models.congress.elections import add_election, admit_floor_nominee, get_election, set_candidates
from models.congress.hand_votes import VoteKind, adopted_vote, hand_votes, record_vote, void_vote
from models.congress.rounds import start_problems, start_round
from models.congress.summons import summoned_list
from models.core.errors import ConflictError, ValidationError
from models.counting import Post
from tests.support import congress_story as story


@pytest.fixture
def day12(congress12):
    story.check_in_all(congress12.id)
    tellers = story.open_with_bodies(congress12.id)
    free = [
        p
        for p in summoned_list(congress12.id)
        if p.official and p.may_stand and p not in tellers and p.situation == "normal"
    ]
    return congress12, free


def test_the_seats_and_the_list_are_voted_for_their_election_and_only_once(day12):
    congress, _free = day12
    with pytest.raises(ValidationError, match="mục «4. Bầu cử»"):
        record_vote(congress.id, VoteKind.SEATS, "Số lượng Ban Chi ủy: 3", 11, 0, 0)  # no election named
    election = add_election(congress.id, Post.COMMITTEE, 3)
    first = story.approve(congress.id, VoteKind.SEATS, "Số lượng Ban Chi ủy: 3", election.id)
    with pytest.raises(ValidationError, match="không biểu quyết lại"):
        story.approve(congress.id, VoteKind.SEATS, "Số lượng Ban Chi ủy: 3", election.id)
    assert [v.kind for v in hand_votes(congress.id)].count(VoteKind.SEATS) == 1
    assert adopted_vote(congress.id, VoteKind.SEATS, election.id) == first


def test_a_single_seat_election_needs_no_vote_on_its_number(day12):
    congress, free = day12
    committee = story.elect(congress.id, Post.COMMITTEE, 3, free[:4], [10, 9, 8, 1])
    members = [p for p in free if p.key in committee.result.elected]
    secretary = add_election(congress.id, Post.SECRETARY, 1)
    set_candidates(secretary.rounds[0].id, [members[0].id])
    story.approve(congress.id, VoteKind.ELECTION_LIST, "Danh sách bầu Bí thư", secretary.id)
    assert not [p for p in start_problems(secretary.rounds[0].id) if "số lượng" in p]
    assert start_round(secretary.rounds[0].id).status == "counting"


def test_a_vote_recorded_by_mistake_is_voided_with_its_reason_and_kept(day12):
    congress, free = day12
    election = add_election(congress.id, Post.COMMITTEE, 3)
    wrong = story.approve(congress.id, VoteKind.SEATS, "Số lượng Ban Chi ủy: 5", election.id)
    with pytest.raises(ValidationError, match="lý do"):
        void_vote(wrong.id, "  ")
    voided = void_vote(wrong.id, "Ghi nhầm số lượng")
    assert voided.voided_at is not None and not voided.adopted and voided.verdict == "Đã hủy (Ghi nhầm số lượng)"
    assert adopted_vote(congress.id, VoteKind.SEATS, election.id) is None
    with pytest.raises(ConflictError, match="đã hủy"):
        void_vote(wrong.id, "Lần nữa")
    story.approve(congress.id, VoteKind.SEATS, "Số lượng Ban Chi ủy: 3", election.id)  # recorded again
    story.approve(congress.id, VoteKind.ELECTION_LIST, "Danh sách", election.id)
    assert [v.subject for v in hand_votes(congress.id)][-3:] == [
        "Số lượng Ban Chi ủy: 5",
        "Số lượng Ban Chi ủy: 3",
        "Danh sách",
    ]
    set_candidates(election.rounds[0].id, [p.id for p in free[:4]])
    start_round(get_election(election.id).current_round.id)
    in_force = adopted_vote(congress.id, VoteKind.SEATS, election.id)
    with pytest.raises(ConflictError, match="đã phát phiếu"):
        void_vote(in_force.id, "Muộn rồi")


def test_a_floor_nominee_is_admitted_by_one_act_and_leaves_with_the_voided_vote(day12):
    congress, free = day12
    election = add_election(congress.id, Post.DELEGATE, 2)
    round_id = election.rounds[0].id
    teller = working_bodies(congress.id)[Body.COUNTING][0].person
    before = len(hand_votes(congress.id))
    with pytest.raises(ValidationError, match="Ban kiểm phiếu"):  # the second part refused: nothing saved
        admit_floor_nominee(round_id, teller.id, f"Đưa {teller.full_name} vào danh sách", 11, 0, 0)
    assert len(hand_votes(congress.id)) == before
    vote, now = admit_floor_nominee(round_id, free[3].id, f"Đưa {free[3].full_name} vào danh sách", 4, 7, 0)
    assert vote.adopted and [p.id for p in now.current_round.candidates] == [free[3].id]
    low, now = admit_floor_nominee(round_id, free[4].id, f"Đưa {free[4].full_name} vào danh sách", 3, 8, 0)
    assert not low.adopted and [p.id for p in now.current_round.candidates] == [free[3].id]  # 3/11: not > 30 %
    void_vote(vote.id, "Biểu quyết nhầm người")
    assert get_election(election.id).current_round.candidates == ()
