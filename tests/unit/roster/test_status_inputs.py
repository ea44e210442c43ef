"""A status worked out once per distinct input of the rules (models.roster.member_status.status_inputs): the same
status as the rules give each member's own history, on random histories, in memory and read in pages from both
engines."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from models.roster.event_kinds import LEAVING_KINDS, EventKind
from models.roster.member_status import (
    END_KIND_OF,
    JOINING_KINDS,
    START_KIND_OF,
    member_status,
    status_from_events,
    status_inputs,
    status_of_inputs,
    statuses_on,
)
from models.roster.members import all_members, save_member
from models.roster.records import EventRecord, MemberRecord
from models.roster.roster import roster_rows, sort_indices
from models.roster.roster_pages import roster_pages
from models.roster.tables import Member, MemberEvent
from tests.support.people import member

ON = date(2026, 12, 1)
KINDS = sorted({*JOINING_KINDS, *LEAVING_KINDS, EventKind.RECOGNISED, *END_KIND_OF, *START_KIND_OF})
START = date(2015, 1, 1)


def _day(rnd: random.Random) -> date:
    return START + timedelta(days=rnd.randrange(0, 4_500))  # some after ON


def _random_member(rnd: random.Random) -> tuple[date | None, date | None, list[EventRecord]]:
    admission = None if rnd.random() < 0.1 else _day(rnd)
    official = None if rnd.random() < 0.3 else _day(rnd)
    events = []
    for number in range(rnd.randrange(0, 6)):
        kind = rnd.choice(KINDS)
        end = _day(rnd) if kind in END_KIND_OF and rnd.random() < 0.5 else None
        events.append(EventRecord(kind, _day(rnd), end_date=end, id=number + 1))
    events.sort(key=lambda e: (e.date, e.id))
    return admission, official, events


def _without_since(status):
    return replace(status, since=None)


def test_the_inputs_give_the_status_the_rules_give_the_whole_history():
    rnd = random.Random(23)
    inputs = set()
    for _ in range(20_000):
        admission, official, events = _random_member(rnd)
        on = _day(rnd)
        record = MemberRecord("", "", None, admission, official_date=official)
        expected = _without_since(status_from_events(record, events, on))
        given = status_inputs(admission, official, [(e.kind, e.date, e.end_date) for e in events], on)
        assert _without_since(status_of_inputs(given, on)) == expected, (admission, official, events, on)
        inputs.add(given)
    assert len(inputs) < 20_000


def test_statuses_on_give_each_record_the_rules_status_but_since():
    """models.roster.member_status.statuses_on, for lists: each record's status as member_status gives it, `since`
    left None, on random histories saved in any order, corrected and voided events among them."""
    rnd = random.Random(11)
    records, on = [], _day(rnd)
    for number in range(3_000):
        admission, official, events = _random_member(rnd)
        rnd.shuffle(events)
        for index, event in enumerate(events):
            if rnd.random() < 0.1:
                events[index] = replace(event, replaced_by=999) if rnd.random() < 0.5 else replace(event, voided_at=ON)
        records.append(MemberRecord(f"M{number}", "", None, admission, official_date=official, events=events))
    statuses = statuses_on(records, on)
    assert statuses == [_without_since(member_status(record, on)) for record in records]
    assert len({id(status) for status in statuses}) < len(records)  # worked out once per distinct input


def test_a_recognitions_date_or_a_leavings_date_makes_no_new_input():
    histories = [
        [(EventKind.RECOGNISED, date(2020, 5, 1), None), (EventKind.TRANSFERRED_OUT, date(2024, 3, 1), None)],
        [(EventKind.RECOGNISED, date(2021, 7, 9), None), (EventKind.TRANSFERRED_OUT, date(2025, 1, 2), None)],
    ]
    first, second = (status_inputs(date(2019, 1, 1), d, h, ON) for d, h in zip((None, None), histories, strict=True))
    assert first == second
    assert status_of_inputs(first, ON).code == "transferred_out" and status_of_inputs(first, ON).is_official


def test_what_the_rules_read_still_tells_inputs_apart():
    """An official date before a readmission, a period's end date passed or not, a transfer in first after the
    day, an admission ahead: each changes the inputs (and the status)."""
    admitted = date(2010, 1, 1)
    readmitted = [(EventKind.STRUCK_OFF, date(2015, 1, 1), None), (EventKind.READMITTED, date(2020, 1, 1), None)]
    before, after = (status_inputs(admitted, d, readmitted, ON) for d in (date(2011, 1, 1), date(2021, 1, 1)))
    assert before != after and status_of_inputs(before, ON).code == "probationary"
    assert status_of_inputs(after, ON).code == "official"
    ended, running = (
        status_inputs(admitted, None, [(EventKind.SUSPENDED, date(2025, 1, 1), end)], ON)
        for end in (date(2025, 6, 1), date(2027, 1, 1))
    )
    assert status_of_inputs(ended, ON).code == "probationary" and status_of_inputs(running, ON).code == "suspended"
    coming = status_inputs(admitted, None, [(EventKind.TRANSFERRED_IN, date(2027, 1, 1), None)], ON)
    assert status_of_inputs(coming, ON).code == "not_yet"
    ahead = status_inputs(date(2027, 1, 1), None, [], ON)
    assert status_of_inputs(ahead, ON).code == "not_yet" and status_of_inputs(ahead, ON).is_current_member is False


def test_pages_give_each_member_of_random_histories_the_rules_status(data_file):
    """Random dates and histories written straight to the tables (as another program could: no check of their sense),
    corrected and voided events among them: the paged rows equal rows made from each member's full record."""
    rnd = random.Random(7)
    ids = []
    for n in range(60):
        admission, official, _ = _random_member(rnd)
        member_id = save_member(member(n % 12, card_number=f"{n:08d}")).member.id
        Member.update(admission_date=admission, official_date=official).where(Member.id == member_id).execute()
        ids.append(member_id)
    rows = []
    for member_id in ids:
        for _, _, events in [_random_member(rnd)]:
            for event in events:
                voided = ON if rnd.random() < 0.1 else None
                rows.append(
                    dict(
                        member=member_id,
                        kind=str(event.kind),
                        date=event.date,
                        end_date=event.end_date,
                        voided_at=voided,
                    )
                )
    MemberEvent.insert_many(rows).execute()
    members = all_members()
    reference = roster_rows(members, ON)
    reference = [reference[i] for i in sort_indices(reference, list(range(len(reference))), "full_name")]
    for first, size in ((1, 7), (1000, 1000)):
        assert [row for page in roster_pages(ON, first, size) for row in page] == reference
    assert len({row.status_code for row in reference}) >= 4


def test_a_recognition_counts_where_the_official_date_does_not_already_give_it(data_file):
    """The one query for the events leaves out a recognition on or before the day of a member whose official date
    is reached by then (it changes nothing); it keeps one of a member without an official date or with one still
    ahead, and reads the events of one recognised after the day."""
    from models.roster.roster_pages import _fetch, _marks_and_histories

    ids = [save_member(member(0, card_number=f"{n:08d}")).member.id for n in range(4)]
    for member_id, official in zip(ids[1:], (None, date(2027, 3, 1), None), strict=True):
        Member.update(official_date=official).where(Member.id == member_id).execute()
    for member_id, day in zip(
        ids, (date(2002, 5, 19), date(2003, 1, 1), date(2026, 1, 1), date(2027, 1, 1)), strict=True
    ):
        MemberEvent.insert(member=member_id, kind=str(EventKind.RECOGNISED), date=day).execute()
    marks, histories = _marks_and_histories(ON, _fetch)
    assert set(marks) == set(ids[1:]) and set(histories) == {ids[3]}
    rows = {row.id: row for page in roster_pages(ON, 2, 1) for row in page}
    assert [rows[i].status_code for i in ids] == ["official", "official", "official", "probationary"]
    reference = roster_rows(all_members(), ON)
    assert sorted(rows.values()) == sorted(reference)
