"""Party seniority (tuổi đảng): from the admission decision, minus the periods of non-participation.

Điều lệ Đảng Điều 5 and its implementing rules count seniority from the date on the admission decision, minus the
time not taking part in party life: expelled, struck off, resigned (until readmission), out of contact, and
interruptions while transferring. A readmitted member counts from the first admission minus the gaps.

What the events give (corrected events ignored):
- a party exit (STRUCK_OFF, EXPELLED, RESIGNED) opens a gap that a READMITTED event closes; never readmitted, the
  count stops at the exit for good. "Out of contact" has no event kind: in practice it ends in striking off.
- a TRANSFERRED_OUT followed later by a TRANSFERRED_IN of the same member opens a gap between the two (the branch
  does not know the member's party life in between). A member who never came back is not given a gap: the count
  goes on (the member lives on elsewhere). Pass `transfer_gaps=False` to count the time away in full.
- death stops the count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from models.roster.event_kinds import PARTY_EXIT_KINDS, EventKind
from models.roster.member_rules import add_months, effective_events
from models.roster.records import MemberRecord


@dataclass(frozen=True)
class Gap:
    """A period of non-participation [start, end); end None: the count stopped for good."""

    start: date
    end: date | None
    reason: EventKind  # the event that opened it

    @property
    def days(self) -> int | None:
        return (self.end - self.start).days if self.end else None


def seniority_start(member: MemberRecord) -> date | None:
    """The admission decision date (ngày vào Đảng), or the first ADMITTED event when the record has none."""
    if member.admission_date:
        return member.admission_date
    admitted = [e for e in effective_events(member.events) if e.kind == EventKind.ADMITTED]
    return admitted[0].date if admitted else None


def seniority_gaps(member: MemberRecord, transfer_gaps: bool = True) -> list[Gap]:
    """Periods of non-participation after the admission, in order, from every known event."""
    start = seniority_start(member)
    if start is None:
        return []
    gaps: list[Gap] = []
    open_start: date | None = None
    open_kind: EventKind | None = None
    for event in effective_events(member.events):
        if event.date < start:
            continue
        kind = event.kind
        if open_kind is None:
            if (
                kind in PARTY_EXIT_KINDS
                or kind == EventKind.DIED
                or (transfer_gaps and kind == EventKind.TRANSFERRED_OUT)
            ):
                open_start, open_kind = event.date, kind
            continue
        assert open_start is not None
        if open_kind == EventKind.TRANSFERRED_OUT:
            if kind in (EventKind.TRANSFERRED_IN, EventKind.READMITTED):
                gaps.append(Gap(open_start, event.date, open_kind))
                open_start = open_kind = None
            elif kind in PARTY_EXIT_KINDS or kind == EventKind.DIED:
                # Never came back before leaving the Party or dying: the time away is not a gap.
                open_start, open_kind = event.date, kind
        elif open_kind in PARTY_EXIT_KINDS and kind == EventKind.READMITTED:
            gaps.append(Gap(open_start, event.date, open_kind))
            open_start = open_kind = None
    if open_kind is not None and open_kind != EventKind.TRANSFERRED_OUT:
        assert open_start is not None
        gaps.append(Gap(open_start, None, open_kind))
    return gaps


def _participating_days(start: date, gaps: list[Gap], on: date) -> int:
    if on <= start:
        return 0
    total = (on - start).days
    for gap in gaps:
        gap_end = min(gap.end, on) if gap.end else on
        if gap_end > gap.start:
            total -= (gap_end - gap.start).days
    return max(total, 0)


def _reached_on(start: date, gaps: list[Gap], years: int) -> date | None:
    """The anniversary `years` after `start`, pushed back by every gap that begins before it."""
    reached = add_months(start, 12 * years)
    for gap in gaps:
        if gap.start >= reached:
            break
        if gap.end is None:
            return None
        reached += timedelta(days=(gap.end - gap.start).days)
    return reached


def party_seniority_days(member: MemberRecord, on: date, transfer_gaps: bool = True) -> int:
    """Days of party life from the admission decision up to (not including) `on`, gaps subtracted."""
    start = seniority_start(member)
    if start is None:
        return 0
    return _participating_days(start, seniority_gaps(member, transfer_gaps), on)


def seniority_reached_on(
    member: MemberRecord, years: int, transfer_gaps: bool = True, gaps: list[Gap] | None = None
) -> date | None:
    """The date the member completes `years` of seniority: the admission anniversary moved later by the gaps.

    None when there is no admission date or the count stops (left the Party for good, died) before it. `gaps`
    overrides the member's own (posthumous badge rules count as if the member had lived).
    """
    start = seniority_start(member)
    if start is None:
        return None
    return _reached_on(start, seniority_gaps(member, transfer_gaps) if gaps is None else gaps, years)


def party_seniority_years(member: MemberRecord, on: date, transfer_gaps: bool = True) -> int:
    """Completed years of seniority on `on` (the day the N-th year is complete counts as N)."""
    start = seniority_start(member)
    if start is None or on <= start:
        return 0
    gaps = seniority_gaps(member, transfer_gaps)
    years = _participating_days(start, gaps, on) // 366  # a safe under-estimate, then step up
    while True:
        reached = _reached_on(start, gaps, years + 1)
        if reached is None or reached > on:
            return years
        years += 1
