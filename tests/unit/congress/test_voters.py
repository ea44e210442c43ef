"""The one voter model: roster status + check-in → the engine's voter, D and ballots, agreeing with the engine."""

from __future__ import annotations

import pytest

from models.congress.voters import candidate_of, is_summoned, may_stand, situation_of, voter_of
from models.counting.electorate import Attendance, Situation, Voter, electorate_from_voters
from models.roster.event_kinds import EventKind
from models.roster.member_status import MemberStatus, member_status
from tests.support.rules_factories import d, ev, member

ON = d("15/03/2026")
PRESENT, APPROVED, ABSENT = Attendance.PRESENT, Attendance.ABSENT_APPROVED, Attendance.ABSENT


def _status(**flags) -> MemberStatus:
    values = dict(code="official", label="", is_current_member=True, is_official=True, is_probationary=False)
    values.update(flags)
    return MemberStatus(**values)


@pytest.mark.parametrize(
    ("flags", "situation"),
    [
        ({}, Situation.NORMAL),
        ({"is_exempted": True}, Situation.EXEMPT),
        ({"is_suspended": True}, Situation.SUSPENDED),
        ({"is_temporary_elsewhere": True}, Situation.TEMPORARY_ELSEWHERE),
        ({"is_temporary_elsewhere": True, "is_suspended": True}, Situation.TEMPORARY_ELSEWHERE),
        ({"is_exempted": True, "is_suspended": True}, Situation.SUSPENDED),
    ],
)
def test_situation_from_the_status(flags, situation):
    assert situation_of(_status(**flags)) == situation


def official(**values):
    return member(admitted="01/01/2000", official="01/01/2001", **values)


def exempted():
    return official(events=[ev(EventKind.EXEMPTED, "01/06/2025")])


def suspended():
    return official(events=[ev(EventKind.SUSPENDED, "01/06/2025")])


def elsewhere():
    return official(events=[ev(EventKind.TEMPORARY_ELSEWHERE, "01/06/2025")])


def probationary():
    return member(admitted="01/09/2025", ceremony="01/09/2025")


# (member, attendance) -> (in D, receives a ballot, excluded group)
CASES = [
    (official, PRESENT, True, True, None),
    (official, ABSENT, True, False, None),  # absent without an approved reason stays in D
    (official, APPROVED, False, False, "absent_approved"),  # (d)
    (exempted, PRESENT, True, True, None),  # an exempted member who attends votes and counts
    (exempted, ABSENT, False, False, "exempt_absent"),  # (b)
    (exempted, APPROVED, False, False, "exempt_absent"),  # one group only
    (suspended, PRESENT, False, False, "suspended"),  # (c): no ballot even when present
    (suspended, ABSENT, False, False, "suspended"),
    (elsewhere, PRESENT, False, False, "temporary_elsewhere"),  # (a): no ballot even when present
    (elsewhere, APPROVED, False, False, "temporary_elsewhere"),
    (probationary, PRESENT, False, False, None),  # attends without a ballot, not in D
]


@pytest.mark.parametrize(("make", "attendance", "in_d", "ballot", "group"), CASES)
def test_every_group_and_check_in_state(make, attendance, in_d, ballot, group):
    person = make()
    voter = voter_of(person, ON, attendance)
    assert voter.id == str(person.id)
    assert voter.receives_ballot is ballot
    assert voter.exclusion == group
    ele = electorate_from_voters([voter])
    assert (1 if in_d else 0) == ele.D
    assert ele.official_present == (1 if ballot else 0)


def test_domain_example_3_from_roster_members():
    """22 official + 2 probationary; 1 temporarily elsewhere, 1 exempted and absent: D = 20, 18 ballots."""
    voters = [voter_of(official(), ON) for _ in range(18)]
    voters.append(voter_of(elsewhere(), ON, ABSENT))
    voters.append(voter_of(exempted(), ON, ABSENT))
    voters += [voter_of(official(), ON, ABSENT) for _ in range(2)]  # absent without approval: in D, no ballot
    voters += [voter_of(probationary(), ON) for _ in range(2)]
    ele = electorate_from_voters(voters)
    assert (ele.official_summoned, ele.D, ele.threshold, ele.official_present) == (22, 20, 11, 18)
    assert sum(v.receives_ballot for v in voters) == 18


def test_summoned_and_candidates():
    gone = official(events=[ev(EventKind.TRANSFERRED_OUT, "01/01/2026", place="Chi bộ B")])
    assert is_summoned(member_status_of(official())) and is_summoned(member_status_of(probationary()))
    assert not is_summoned(member_status_of(gone))
    assert may_stand(official(), ON) and not may_stand(probationary(), ON) and not may_stand(suspended(), ON)
    person = official(name="Trần Thị Bình")
    candidate = candidate_of(person)
    assert (candidate.id, candidate.name, candidate.birth_date) == (str(person.id), "Trần Thị Bình", d("01/01/1975"))
    assert candidate.id == voter_of(person, ON).id  # one id type for a person as voter and candidate


def member_status_of(person):
    return member_status(person, ON)


def test_engine_voter_defaults_agree():
    assert Voter(official=True).receives_ballot and Voter(official=True).exclusion is None
