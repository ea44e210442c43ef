"""A committee round of 4 candidates for 3 seats, started and being counted ballot by ballot."""

from __future__ import annotations

import pytest

from models.congress.elections import add_election, get_election, set_candidates
from models.congress.hand_votes import VoteKind
from models.congress.rounds import start_round
from models.congress.summons import summoned_list
from models.counting import Post
from tests.support import congress_story as story


@pytest.fixture
def counting(data_file):
    """(round info, candidate keys in list order): 12 official members, D = 11, 11 ballots issued."""
    story.roster(12, temporary=1)
    info = story.congress()
    story.check_in_all(info.id)
    tellers = story.open_with_bodies(info.id)
    free = [p for p in summoned_list(info.id) if p.official and p.situation == "normal" and p not in tellers]
    election = add_election(info.id, Post.COMMITTEE, 3)
    set_candidates(election.rounds[0].id, [p.id for p in free[:4]])
    story.approve(info.id, VoteKind.SEATS, "Số lượng: 3", election.id)
    story.approve(info.id, VoteKind.ELECTION_LIST, "Danh sách", election.id)
    round_ = start_round(get_election(election.id).current_round.id)
    return round_, [p.key for p in round_.candidates]
