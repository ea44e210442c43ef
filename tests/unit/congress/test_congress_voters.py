"""The one bridge from a roster member (status on the congress day + check-in) to the engine's voter and candidate."""

from __future__ import annotations

import json
from datetime import date
from itertools import count

import pytest

from models.congress.voters import congress_voter, member_key
from models.core.errors import ValidationError
from models.counting import (
    EXCLUSION_LABELS,
    Attendance,
    Ballot,
    Election,
    ExclusionGroup,
    Exclusions,
    Form,
    Post,
    Situation,
    Tally,
    electorate_from_voters,
    record_from_dict,
    record_from_tally,
    record_to_dict,
    recount,
)
from models.roster.event_kinds import EventKind
from models.roster.member_status import STATUS_LABELS
from models.roster.records import EventRecord, MemberRecord

DAY = date(2025, 6, 20)  # the congress
_ids = count(1)

P, A, AA = Attendance.PRESENT, Attendance.ABSENT, Attendance.ABSENT_APPROVED
TEMP, EXEMPT, SUSP = EventKind.TEMPORARY_ELSEWHERE, EventKind.EXEMPTED, EventKind.SUSPENDED
G = ExclusionGroup


def roster_member(*periods: EventKind, official: bool = True, name: str = "Nguyễn Văn An", **values) -> MemberRecord:
    """A member admitted in 2000 (official in 2001, or still probationary) with the given periods running."""
    events = [EventRecord(kind, date(2025, 1, 10), id=next(_ids)) for kind in periods]
    return MemberRecord(
        full_name=name,
        gender="Nam",
        birth_date=date(1975, 1, 1),
        admission_date=date(2000, 5, 19) if official else date(2025, 3, 1),
        official_date=date(2001, 5, 19) if official else None,
        id=values.pop("id", next(_ids)),
        events=events,
        **values,
    )


# (periods running, official?) x check-in -> (group, in D, gets a ballot, may stand); docs/domain.md §3
ROWS = [
    ((), True, P, None, True, True, True),
    ((), True, A, None, True, False, True),  # absent without an approved reason stays in D
    ((), True, AA, G.ABSENT_APPROVED, False, False, True),  # (d)
    ((TEMP,), True, P, G.TEMPORARY_ELSEWHERE, False, False, True),  # (a) even when present
    ((TEMP,), True, A, G.TEMPORARY_ELSEWHERE, False, False, True),
    ((TEMP,), True, AA, G.TEMPORARY_ELSEWHERE, False, False, True),
    ((EXEMPT,), True, P, None, True, True, True),  # an exempted member who attends votes and counts
    ((EXEMPT,), True, A, G.EXEMPT_ABSENT, False, False, True),  # (b)
    ((EXEMPT,), True, AA, G.EXEMPT_ABSENT, False, False, True),  # (b), counted once
    ((SUSP,), True, P, G.SUSPENDED, False, False, False),  # (c) even when present
    ((SUSP,), True, A, G.SUSPENDED, False, False, False),
    ((SUSP,), True, AA, G.SUSPENDED, False, False, False),
    ((EXEMPT, TEMP), True, P, G.TEMPORARY_ELSEWHERE, False, False, True),  # several: the strongest
    ((EXEMPT, SUSP), True, P, G.SUSPENDED, False, False, False),
    ((TEMP, SUSP), True, A, G.SUSPENDED, False, False, False),
    ((TEMP, SUSP, EXEMPT), True, P, G.SUSPENDED, False, False, False),
    ((), False, P, None, False, False, False),  # probationary: attends without a ballot, not in D
    ((), False, A, None, False, False, False),
    ((), False, AA, None, False, False, False),
    ((EXEMPT,), False, A, None, False, False, False),
    ((TEMP,), False, P, None, False, False, False),
    ((SUSP,), False, P, None, False, False, False),
]


def _row_id(row: tuple) -> str:
    periods, official, attendance = row[:3]
    return "+".join(["official" if official else "probationary", *periods, attendance])


@pytest.mark.parametrize(
    ("periods", "official", "attendance", "group", "in_d", "ballot", "stands"), ROWS, ids=[_row_id(r) for r in ROWS]
)
def test_each_status_and_check_in(periods, official, attendance, group, in_d, ballot, stands):
    member = roster_member(*periods, official=official)
    cv = congress_voter(member, DAY, attendance)
    voter = cv.voter
    outcome = (voter.exclusion, voter.in_d, voter.receives_ballot, cv.candidate is not None)
    assert outcome == (group, in_d, ballot, stands)
    assert voter.official is official and voter.attendance == attendance
    assert cv.status.is_official is official
    # the engine's electorate of this one member agrees with the bridge
    ele = electorate_from_voters([voter])
    assert (ele.official_summoned, ele.D, ele.official_present) == (int(official), int(in_d), int(ballot))
    assert ele.excluded.as_dict() == {g: int(g == group) for g in ExclusionGroup}


def test_one_string_id_for_voter_and_candidate():
    member = roster_member(name="Trần Thị Bình", id=42)
    cv = congress_voter(member, DAY, P)
    assert member_key(42) == "42"
    assert cv.voter.id == cv.candidate.id == "42"
    assert (cv.candidate.name, cv.candidate.birth_date) == ("Trần Thị Bình", date(1975, 1, 1))


def test_a_period_over_by_the_congress_day_no_longer_counts():
    member = roster_member(TEMP)
    member.events.append(EventRecord(EventKind.TEMPORARY_END, date(2025, 5, 1), id=next(_ids)))
    cv = congress_voter(member, DAY, P)
    assert cv.voter.situation == Situation.NORMAL and cv.voter.receives_ballot
    assert congress_voter(member, date(2025, 4, 30), P).voter.exclusion == G.TEMPORARY_ELSEWHERE


def test_a_member_off_the_roster_that_day_is_not_summoned():
    left = roster_member()
    left.events.append(EventRecord(EventKind.TRANSFERRED_OUT, date(2025, 2, 1), id=next(_ids)))
    with pytest.raises(ValidationError) as caught:
        congress_voter(left, DAY, P)
    assert caught.value.message == (
        "Đảng viên Nguyễn Văn An không sinh hoạt tại chi bộ ngày 20/06/2025 (Đã chuyển đi); "
        "không có tên trong danh sách triệu tập đại hội."
    )
    later = roster_member(official=False)
    with pytest.raises(ValidationError, match="ngày 01/01/2025 \\(Chưa sinh hoạt tại chi bộ\\)"):
        congress_voter(later, date(2025, 1, 1), P)


def test_an_unsaved_member_is_refused():
    unsaved = roster_member(id=None)
    with pytest.raises(ValidationError, match="chưa được lưu"):
        congress_voter(unsaved, DAY, P)


def test_one_vocabulary_for_roster_and_engine():
    # the engine's situations are spelled as the roster's status codes, and every group has its one label
    assert {s.value for s in Situation} - {"normal"} <= set(STATUS_LABELS)
    assert set(EXCLUSION_LABELS) == set(ExclusionGroup)
    assert tuple(Exclusions().as_dict()) == tuple(ExclusionGroup)


def _example_3_branch() -> list[tuple[MemberRecord, Attendance]]:
    """docs/domain.md worked example 3: 22 official + 2 probationary; 1 on temporary activity elsewhere (here checked in
    as present), 1 exempted and absent; 2 more official members absent without an approved reason."""
    names = ["Hoàng Văn Em", "Vũ Thị Phương", "Đỗ Văn Quang"]
    people = [(roster_member(name=name), P) for name in names]
    people += [(roster_member(name=f"Đảng viên {n}"), P) for n in range(15)]
    people += [(roster_member(name=f"Vắng {n}"), A) for n in range(2)]
    people += [(roster_member(TEMP, name="Sinh hoạt tạm thời"), P), (roster_member(EXEMPT, name="Được miễn"), A)]
    people += [(roster_member(official=False, name=f"Dự bị {n}"), P) for n in range(2)]
    return people


def test_worked_example_3_from_roster_members():
    voters = [congress_voter(m, DAY, attendance) for m, attendance in _example_3_branch()]
    ele = electorate_from_voters(v.voter for v in voters)
    assert (ele.official_summoned, ele.D, ele.threshold, ele.official_present) == (22, 20, 11, 18)
    assert ele.excluded == Exclusions(temporary_elsewhere=1, exempt_absent=1)
    assert sum(v.voter.receives_ballot for v in voters) == ele.official_present == 18
    assert sum(v.voter.in_d for v in voters) == ele.D

    # the count of the example, with the bridge's candidates, written to and read back from the record file
    candidates = tuple(v.candidate for v in voters[:3])
    election = Election(Post.DELEGATE, 1, 3, Form.AGREE, candidates, ele, ele.official_present)
    e, f, q = (c.id for c in candidates)
    marks = [("agree", "agree", "agree")] * 12 + [("agree", "agree", "disagree")] * 3
    marks += [("agree", "disagree", "disagree")] * 2 + [("both", "agree", "none")]
    tally = Tally(election, [Ballot.agree(no, dict(zip((e, f, q), m, strict=True))) for no, m in enumerate(marks, 1)])
    raw = json.loads(json.dumps(record_to_dict(record_from_tally(tally))))
    assert raw["electorate"] == {
        "official_summoned": 22,
        "excluded": {"temporary_elsewhere": 1, "exempt_absent": 1, "suspended": 0, "absent_approved": 0},
        "official_present": 18,
    }
    result = recount(record_from_dict(raw))
    assert (result.D, result.valid, result.problems) == (20, 18, ())
    assert [(c.votes, str(c.percent)) for c in result.candidates] == [(17, "85.00"), (16, "80.00"), (12, "60.00")]
    assert result.elected == (e, f, q)
