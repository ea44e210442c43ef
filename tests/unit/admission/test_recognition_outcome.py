"""The outcome of a probationary member's recognition votes, without a database: two thirds of D for, two thirds
against, or neither (three times: up to the higher committee), at the boundaries D = 3, 9, 20."""

from __future__ import annotations

from datetime import date

import pytest

from models.admission.recognition import Outcome, outcome_of
from models.meetings.thresholds import VoteForm, VoteKind
from models.meetings.votes import VoteRecord


def vote(d: int, yes: int, no: int) -> VoteRecord:
    return VoteRecord(1, 1, date(2026, 11, 10), VoteKind.RECOGNITION, VoteForm.SECRET_BALLOT, d, yes, no, d - yes - no)


@pytest.mark.parametrize(("d", "two_thirds"), [(3, 2), (9, 6), (20, 14)])
def test_two_thirds_either_way_at_the_boundary(d, two_thirds):
    assert outcome_of([vote(d, two_thirds, d - two_thirds)]).outcome is Outcome.PROPOSED
    assert outcome_of([vote(d, d - two_thirds, two_thirds)]).outcome is Outcome.NOT_RECOGNISED
    below = two_thirds - 1
    neither = outcome_of([vote(d, below, below)] if 2 * below <= d else [vote(d, below, d - below - 1)])
    assert neither.outcome is Outcome.PENDING and neither.inconclusive == 1


def test_three_votes_reaching_two_thirds_neither_way_go_up():
    split = vote(9, 5, 4)  # 15 < 18 and 12 < 18
    assert outcome_of([split, split]).outcome is Outcome.PENDING
    assert outcome_of([split, split, split]).outcome is Outcome.REPORT_UP
    assert outcome_of([split, vote(9, 6, 3)]).outcome is Outcome.PROPOSED  # the second decides
    assert outcome_of([]).outcome is Outcome.PENDING
