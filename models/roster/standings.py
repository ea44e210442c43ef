"""A member's status over time as a few spans of days, so a database can answer «who was on the roster on D»
with a plain range condition instead of running the rules of models.roster.member_status for every member.

The status only changes on the days the rules look at: the admission and official dates, the day of each event
that counts, and the day after each period's last day in force (`end_date`). Evaluating member_status on each of
those days (and before the first) gives every span exactly; neighbouring spans with the same facts are merged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from models.roster.member_rules import effective_events
from models.roster.member_status import MemberStatus, member_status
from models.roster.records import MemberRecord


@dataclass(frozen=True)
class Standing:
    """The member's status facts from `start` (None: always before) up to `end` (excluded; None: still now)."""

    start: date | None
    end: date | None
    code: str  # a key of models.roster.member_status.STATUS_LABELS
    current: bool  # on the branch roster
    official: bool
    exempted: bool

    def covers(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


def change_days(member: MemberRecord) -> list[date]:
    """Every day the member's status may change on, in order."""
    days = {d for d in (member.admission_date, member.official_date) if d is not None}
    for event in effective_events(member.events):
        days.add(event.date)
        if event.end_date is not None and event.end_date < date.max:
            days.add(event.end_date + timedelta(days=1))
    return sorted(d for d in days if d > date.min)


def _facts(status: MemberStatus) -> tuple[str, bool, bool, bool]:
    return status.code, status.is_current_member, status.is_official, status.is_exempted


def standings(member: MemberRecord) -> list[Standing]:
    """The member's whole status history as spans, oldest first; together they cover every day."""
    spans: list[list] = []
    for start in [None, *change_days(member)]:
        facts = _facts(member_status(member, start or date.min))
        if spans and spans[-1][1] == facts:
            continue
        if spans:
            spans[-1][2] = start
        spans.append([start, facts, None])
    return [Standing(start, end, *facts) for start, facts, end in spans]
