"""Party badge (Huy hiệu Đảng): seniority milestones, the four award days, and which milestone comes next.

A BADGE_AWARDED event says which milestone it was for in its note, e.g. "Huy hiệu 30 năm tuổi Đảng" (write notes
with badge_note). The first integer followed by "năm" that is a milestone is taken, else the first integer that is
a milestone; an award whose note names no milestone is taken as the lowest milestone not otherwise awarded.
"""

from __future__ import annotations

import re
from datetime import date

from models.roster.event_kinds import EventKind
from models.roster.member_rules import effective_events
from models.roster.records import MemberRecord
from models.roster.seniority import Gap, seniority_gaps, seniority_reached_on

BADGE_MILESTONES: tuple[int, ...] = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)
# (month, day): 3/2 founding of the Party, 19/5, 2/9, 7/11.
AWARD_DAYS: tuple[tuple[int, int], ...] = ((2, 3), (5, 19), (9, 2), (11, 7))

_YEARS_BEFORE_NAM = re.compile(r"(?<!\d)(\d{2})\s*năm", re.IGNORECASE)
_INTEGER = re.compile(r"\d+")


def badge_note(years: int) -> str:
    """The note to store on a BADGE_AWARDED event so the milestone can be read back."""
    return f"Huy hiệu {years} năm tuổi Đảng"


def milestone_from_note(note: str) -> int | None:
    """The milestone a badge note names ("30 năm", "Huy hiệu 45 năm tuổi Đảng", "HH 50"), or None."""
    for match in _YEARS_BEFORE_NAM.finditer(note):
        if int(match.group(1)) in BADGE_MILESTONES:
            return int(match.group(1))
    for match in _INTEGER.finditer(note):
        if int(match.group()) in BADGE_MILESTONES:
            return int(match.group())
    return None


def awarded_milestones(member: MemberRecord, on: date | None = None) -> set[int]:
    """Milestones already awarded (by `on` when given), from the member's BADGE_AWARDED events."""
    events = [e for e in effective_events(member.events, on) if e.kind == EventKind.BADGE_AWARDED]
    awarded: set[int] = set()
    unnamed = 0
    for event in events:
        years = milestone_from_note(event.note)
        if years is None:
            unnamed += 1
        else:
            awarded.add(years)
    for years in BADGE_MILESTONES:
        if unnamed == 0:
            break
        if years not in awarded:
            awarded.add(years)
            unnamed -= 1
    return awarded


def badge_history_unknown(member: MemberRecord) -> bool:
    """Whether the badges a member already received are unknown: no badge event at all, and the first milestone was
    already reached when the record was entered (imported from a book without badge history, or typed in late)."""
    if member.entered_on is None or any(e.kind == EventKind.BADGE_AWARDED for e in effective_events(member.events)):
        return False
    reached = seniority_reached_on(member, BADGE_MILESTONES[0])
    return reached is not None and reached <= member.entered_on


def award_dates(year: int) -> list[date]:
    """The four badge award days of a year, in order."""
    return [date(year, month, day) for month, day in AWARD_DAYS]


def award_date_for(reached_on: date) -> date:
    """The first award day on or after the day a milestone is reached (reached on 3/2 -> awarded 3/2)."""
    for candidate in award_dates(reached_on.year):
        if candidate >= reached_on:
            return candidate
    return award_dates(reached_on.year + 1)[0]


def next_award_date(on: date) -> date:
    """The next award day; on an award day, that day itself."""
    return award_date_for(on)


def previous_award_date(before: date) -> date:
    """The last award day strictly before `before`."""
    for candidate in reversed(award_dates(before.year)):
        if candidate < before:
            return candidate
    return award_dates(before.year - 1)[-1]


def next_badge_milestone(
    member: MemberRecord, on: date, transfer_gaps: bool = True, gaps: list[Gap] | None = None
) -> tuple[int, date] | None:
    """(years, date reached) of the milestone the member should be proposed for next, seen on `on`.

    Only milestones above the highest one awarded count. Of those, the highest already reached by `on` (a member
    who missed the 30-year badge and now has 42 years is proposed for 40), else the first still to come. None when
    every milestone is awarded or the seniority count has stopped (left the Party, died) before the next one.
    """
    highest = max(awarded_milestones(member, on), default=0)
    if gaps is None:
        gaps = seniority_gaps(member, transfer_gaps)
    best: tuple[int, date] | None = None
    for years in BADGE_MILESTONES:
        if years <= highest:
            continue
        reached = seniority_reached_on(member, years, gaps=gaps)
        if reached is None:
            return best
        if reached > on:
            return best or (years, reached)
        best = (years, reached)
    return best
