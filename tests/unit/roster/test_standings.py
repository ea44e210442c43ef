"""A member's status spans agree with models.roster.member_status on every day, for random histories."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from models.roster.event_kinds import EventKind
from models.roster.member_status import member_status
from models.roster.records import EventRecord
from models.roster.standings import change_days, standings
from tests.support.people import member

START = date(2000, 1, 1)


def _random_member(rnd: random.Random, index: int):
    admitted = START + timedelta(days=rnd.randrange(0, 3000)) if rnd.random() < 0.9 else None
    official = admitted + timedelta(days=rnd.randrange(300, 500)) if admitted and rnd.random() < 0.7 else None
    events = []
    for number in range(rnd.randrange(0, 7)):
        kind = rnd.choice(list(EventKind))
        day = START + timedelta(days=rnd.randrange(-200, 5000))
        end = day + timedelta(days=rnd.randrange(0, 400)) if rnd.random() < 0.4 else None
        voided = day if rnd.random() < 0.1 else None
        events.append(EventRecord(kind, day, end_date=end, id=number + 1, voided_at=voided))
    return replace(member(index % 12, admission_date=admitted, official_date=official), events=events)


def test_spans_give_the_status_of_every_day():
    rnd = random.Random(23)
    for n in range(300):
        record = _random_member(rnd, n)
        spans = standings(record)
        assert spans[0].start is None and spans[-1].end is None
        assert all(a.end == b.start for a, b in zip(spans, spans[1:], strict=False))
        edges = [d + timedelta(days=k) for d in change_days(record) for k in (-1, 0, 1)]
        for day in [date(1990, 1, 1), *edges] + [START + timedelta(days=d) for d in range(-250, 5500, 37)]:
            status = member_status(record, day)
            (span,) = [s for s in spans if s.covers(day)]
            facts = (status.code, status.is_current_member, status.is_official, status.is_exempted)
            assert (span.code, span.current, span.official, span.exempted) == facts, (n, day)


def test_a_plain_member_has_two_spans():
    spans = standings(member(0))  # admitted 19/05/2001, official 19/05/2002
    assert [(s.start, s.code) for s in spans] == [
        (None, "not_yet"),
        (date(2001, 5, 19), "probationary"),
        (date(2002, 5, 19), "official"),
    ]
