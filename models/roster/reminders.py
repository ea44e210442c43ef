"""Work the secretary must not forget: recognitions due, badges for the next award day, missing ratings.

Every list is in A-B-C order (models.core.vnname.name_key).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from models.core.vnname import name_key
from models.roster.badges import badge_history_unknown, next_award_date, next_badge_milestone, previous_award_date
from models.roster.event_kinds import EventKind
from models.roster.member_rules import add_months, member_probation_end, recognition_deadline
from models.roster.member_status import member_status
from models.roster.ratings import rateable
from models.roster.records import MemberRecord, RatingRecord
from models.roster.seniority import seniority_gaps

DEFAULT_RECOGNITION_WINDOW_DAYS = 30
PROBATION_NOTICE_DAYS = (90, 60, 30, 7)  # the notices before a probation ends; the window's own list uses the first
ILL_EARLY_MONTHS = 12  # seriously ill members: up to 12 months early...
ILL_EARLY_MONTHS_FROM_70 = 24  # ...and up to 24 months for the 70-year badge and above
POSTHUMOUS_EARLY_MONTHS = 12  # a member who died: up to 12 months early
POSTHUMOUS_LOOKBACK_MONTHS = 12  # deaths within this many months before the award day are considered


def _abc(member: MemberRecord) -> tuple:
    return name_key(member.full_name, member.birth_date)


@dataclass(frozen=True)
class RecognitionReminder:
    member: MemberRecord
    probation_end: date
    deadline: date  # 30 working days after the probation end
    days_to_probation_end: int  # negative: the probation ended that many days ago
    days_to_deadline: int  # negative: overdue by that many days

    @property
    def overdue(self) -> bool:
        return self.days_to_deadline < 0

    @property
    def notice(self) -> int | None:
        """The notice due (90, 60, 30 or 7 days before the end; 0 once ended): see probation_notice."""
        return notice_for(self.days_to_probation_end)


def notice_for(days_left: int) -> int | None:
    """The smallest of 90/60/30/7 not less than `days_left` (7 in the last week); 0 once the probation has ended
    (the recognition's 30 working days run); None more than 90 days ahead."""
    if days_left <= 0:
        return 0
    due = [days for days in PROBATION_NOTICE_DAYS if days_left <= days]
    return min(due) if due else None


def probation_notice(probation_end: date, on: date) -> int | None:
    return notice_for((probation_end - on).days)


def recognition_reminders(
    members: Iterable[MemberRecord],
    on: date,
    within_days: int = DEFAULT_RECOGNITION_WINDOW_DAYS,
    holidays: Collection[date] = (),
    public_holidays: bool = True,
) -> list[RecognitionReminder]:
    """Probationary members on the roster whose probation has ended or ends within `within_days` of `on`."""
    out = []
    for member in members:
        status = member_status(member, on)
        if not (status.is_current_member and status.is_probationary):
            continue
        end = member_probation_end(member)
        if end is None or end > on + timedelta(days=within_days):
            continue
        deadline = recognition_deadline(end, holidays, public_holidays)
        out.append(RecognitionReminder(member, end, deadline, (end - on).days, (deadline - on).days))
    return sorted(out, key=lambda r: _abc(r.member))


@dataclass(frozen=True)
class BadgeCandidate:
    member: MemberRecord
    years: int  # the milestone
    reached_on: date  # the day the seniority is complete (as if alive, for a posthumous award)
    award_date: date
    early: str = ""  # "" | "ill" (seriously ill, awarded early) | "posthumous"
    missed_earlier: bool = False  # reached before the previous award day and not yet awarded
    history_unknown: bool = False  # «chưa rõ»: entered past a milestone with no badge event (badge_history_unknown)


def badge_due_for_award_date(
    members: Iterable[MemberRecord],
    award_date: date,
    seriously_ill_ids: Collection[int] = (),
    posthumous: bool = False,
    transfer_gaps: bool = True,
) -> list[BadgeCandidate]:
    """Official members on the roster whose next badge milestone is reached on or before `award_date`.

    Members who reached it before the previous award day and still have no award are included too, marked
    `missed_earlier`, unless their badge history is unknown (`history_unknown`: entered past a milestone with no
    badge event, so they may well have received it; the list says «chưa rõ»). The early allowances are off unless
    asked for:
    - `seriously_ill_ids`: those members are listed when the milestone falls up to 12 months after the award day
      (24 months for the 70-year badge and above);
    - `posthumous`: members who died in the 12 months before the award day, official at death, are listed when
      the milestone (counted as if they had lived) falls at most 12 months after their death.
    """
    previous = previous_award_date(award_date)
    out = []
    for member in members:
        status = member_status(member, award_date)
        if status.is_current_member and status.is_official:
            found = next_badge_milestone(member, award_date, transfer_gaps)
            if found is None:
                continue
            years, reached = found
            early = ""
            if reached > award_date:
                months = ILL_EARLY_MONTHS_FROM_70 if years >= 70 else ILL_EARLY_MONTHS
                if member.id not in seriously_ill_ids or reached > add_months(award_date, months):
                    continue
                early = "ill"
            unknown = badge_history_unknown(member)
            missed = reached <= previous and not unknown
            out.append(BadgeCandidate(member, years, reached, award_date, early, missed, unknown))
        elif posthumous and status.code == "died" and status.since:
            candidate = _posthumous(member, status.since, award_date, transfer_gaps)
            if candidate is not None:
                out.append(candidate)
    return sorted(out, key=lambda c: _abc(c.member))


def _posthumous(member: MemberRecord, died: date, award_date: date, transfer_gaps: bool) -> BadgeCandidate | None:
    if died <= add_months(award_date, -POSTHUMOUS_LOOKBACK_MONTHS):
        return None
    if not member_status(member, died - timedelta(days=1)).is_official:
        return None
    as_if_alive = [g for g in seniority_gaps(member, transfer_gaps) if g.reason != EventKind.DIED]
    found = next_badge_milestone(member, died, gaps=as_if_alive)
    if found is None or found[1] > add_months(died, POSTHUMOUS_EARLY_MONTHS):
        return None
    return BadgeCandidate(member, found[0], found[1], award_date, "posthumous")


def badge_reminders(
    members: Iterable[MemberRecord],
    on: date,
    seriously_ill_ids: Collection[int] = (),
    posthumous: bool = False,
    transfer_gaps: bool = True,
) -> list[BadgeCandidate]:
    """The badge list for the next award day (on an award day, that day)."""
    return badge_due_for_award_date(members, next_award_date(on), seriously_ill_ids, posthumous, transfer_gaps)


def missing_ratings(members: Iterable[MemberRecord], ratings: Iterable[RatingRecord], year: int) -> list[MemberRecord]:
    """Members rateable for `year` (models.roster.ratings.rateable: on the roster and not exempted on 31/12 of that
    year, whatever the day the list is made) with no rating for `year`."""
    rated = {r.member_id for r in ratings if r.year == year}
    out = [m for m in members if m.id not in rated and rateable(m, year)]
    return sorted(out, key=_abc)
