"""D, the pass test 2 × votes > D, the threshold and the display percent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from models.counting import (
    Attendance,
    Electorate,
    Exclusions,
    Situation,
    Voter,
    electorate_from_voters,
    passes,
    percent,
    threshold,
)


def test_d_is_summoned_minus_the_four_groups():
    ele = Electorate(30, Exclusions(temporary_elsewhere=1, exempt_absent=2, suspended=3, absent_approved=4), 18)
    assert ele.D == 20
    assert ele.threshold == 11


@pytest.mark.parametrize(
    ("votes", "D", "expected"),
    [
        (5, 10, False),
        (6, 10, True),
        (10, 20, False),
        (11, 20, True),
        (7, 15, False),
        (8, 15, True),
        (0, 1, False),
        (1, 1, True),
        (1, 2, False),
        (2, 2, True),
    ],
)
def test_pass_is_strictly_more_than_half(votes, D, expected):  # noqa: N803
    assert passes(votes, D) is expected


@pytest.mark.parametrize(("D", "expected"), [(1, 1), (2, 2), (10, 6), (15, 8), (20, 11), (21, 11)])
def test_threshold_is_half_floor_plus_one(D, expected):  # noqa: N803
    assert threshold(D) == expected
    assert passes(expected, D)
    assert not passes(expected - 1, D)


@pytest.mark.parametrize(
    ("votes", "D", "expected"),
    [
        (14, 15, "93.33"),
        (13, 15, "86.67"),
        (11, 15, "73.33"),
        (7, 15, "46.67"),
        (17, 20, "85.00"),
        (5, 10, "50.00"),
        (1, 8, "12.50"),
        (1, 16, "6.25"),
        # 1/40 = 2.5 % exactly; 1/80 = 1.25 % exactly; half up (not banker's) at the third decimal:
        (1, 200, "0.50"),
        (1, 400, "0.25"),
        (1, 800, "0.13"),  # 0.125 -> 0.13 (banker's rounding would give 0.12)
        (3, 800, "0.38"),  # 0.375 -> 0.38
        (0, 7, "0.00"),
    ],
)
def test_percent_is_of_d_two_decimals_half_up(votes, D, expected):  # noqa: N803
    assert percent(votes, D) == Decimal(expected)
    assert str(percent(votes, D)) == expected


def test_percent_of_empty_electorate_is_zero():
    assert percent(3, 0) == Decimal("0.00")


def test_worked_example_4_exactly_half_of_d_fails():
    # 11 official members, 1 absent for the whole congress with an approved reason: D = 10, 6 needed.
    ele = Electorate(11, Exclusions(absent_approved=1), 10)
    assert ele.D == 10
    assert ele.threshold == 6
    assert not passes(5, ele.D)
    assert percent(5, ele.D) == Decimal("50.00")


def _voters(*specs: tuple[bool, Attendance, Situation]) -> list[Voter]:
    return [Voter(str(n), official, attendance, situation) for n, (official, attendance, situation) in enumerate(specs)]


P, A, AA = Attendance.PRESENT, Attendance.ABSENT, Attendance.ABSENT_APPROVED
N, T, X, S = Situation.NORMAL, Situation.TEMPORARY_ELSEWHERE, Situation.EXEMPTED, Situation.SUSPENDED


def test_electorate_from_voters_applies_each_exclusion_once():
    voters = _voters(
        (True, P, N),  # present
        (True, P, N),  # present
        (True, A, N),  # absent without approval: stays in D, no ballot
        (True, AA, N),  # excluded
        (True, P, X),  # exempted but attends: counts and votes
        (True, A, X),  # exempted and absent
        (True, AA, X),  # exempted and absent with a reason: counted once, as exempted
        (True, A, T),
        (True, P, T),  # temporary activity elsewhere, even present: no ballot
        (True, P, S),  # suspended, even present
        (False, P, N),  # probationary: neither in D nor a voter
        (False, A, N),
    )
    ele = electorate_from_voters(voters)
    assert ele.official_summoned == 10
    assert ele.excluded == Exclusions(temporary_elsewhere=2, exempt_absent=2, suspended=1, absent_approved=1)
    assert ele.D == 4  # the two present, the unapproved absentee, the exempted member who attends
    assert ele.official_present == 3
    assert [v.id for v in voters if v.receives_ballot] == ["0", "1", "4"]
    assert sum(v.in_d for v in voters) == ele.D


def test_worked_example_3_electorate():
    voters = _voters(*[(True, P, N)] * 18, *[(True, A, N)] * 2, (True, A, T), (True, A, X), *[(False, P, N)] * 2)
    ele = electorate_from_voters(voters)
    assert (ele.official_summoned, ele.D, ele.threshold, ele.official_present) == (22, 20, 11, 18)
