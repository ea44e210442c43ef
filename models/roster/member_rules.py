"""Date rules of a member's life: probation, the recognition deadline, working days, age; shared event helpers.

Pure functions over plain data (models.roster.records); no Qt, no peewee.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection, Iterable
from datetime import date, timedelta

from models.core import holidays as vn_calendar
from models.core.dates import fmt
from models.core.errors import ValidationError
from models.roster.event_kinds import EventKind
from models.roster.records import EventRecord, MemberRecord

PROBATION_MONTHS = 12  # dự bị: 12 months from the admission ceremony (Điều lệ Đảng, Điều 5)
RECOGNITION_WORKING_DAYS = 30  # the branch considers recognition within 30 working days after probation ends


def add_months(d: date, n: int) -> date:
    """`d` moved by `n` months (negative allowed); a day missing in the target month clamps to its last day."""
    months = d.year * 12 + (d.month - 1) + n
    year, month = divmod(months, 12)
    month += 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


# --- events ---------------------------------------------------------------------------------------------------------


def effective_events(events: Iterable[EventRecord], on: date | None = None) -> list[EventRecord]:
    """Events that count, in date order: a replaced (corrected) or voided event is dropped, and so is any after `on`.

    Events of one day keep their saved order (by id; unsaved events last, in the order given).
    """
    kept = [e for e in events if e.replaced_by is None and e.voided_at is None and (on is None or e.date <= on)]
    return sorted(kept, key=lambda e: (e.date, e.id is None, e.id or 0))


# --- probation and recognition --------------------------------------------------------------------------------------


def probation_end(ceremony_date: date | None, admission_date: date | None = None) -> date | None:
    """The day the 12 months of probation are complete: the ceremony date 12 months later (29/02 -> 28/02).

    The probation runs from the admission ceremony (lễ kết nạp). Records imported from old books often lack the
    ceremony date; then the admission decision date stands in for it (the ceremony follows the decision within
    30 days, so the estimate is at most a month early). None when both dates are missing.
    """
    start = ceremony_date or admission_date
    return add_months(start, PROBATION_MONTHS) if start else None


def member_probation_end(member: MemberRecord) -> date | None:
    """Probation end of a member; after a readmission (kết nạp lại) the new probation runs from the readmission.

    For a readmitted member the ceremony date on the record counts only when it is not before the readmission;
    otherwise the readmission decision date stands in for it.
    """
    readmissions = [e for e in effective_events(member.events) if e.kind == EventKind.READMITTED]
    if readmissions:
        start = readmissions[-1].date
        if member.ceremony_date and member.ceremony_date >= start:
            start = member.ceremony_date
        return add_months(start, PROBATION_MONTHS)
    return probation_end(member.ceremony_date, member.admission_date)


def is_working_day(d: date, holidays: Collection[date] = (), public_holidays: bool = True) -> bool:
    """Not in `holidays` and, by default, a working day of Vietnam's calendar (models.core.holidays: weekends,
    public holidays with Tết and Giỗ Tổ by the lunar calendar, their substitutes and the announced swaps);
    with `public_holidays` off, simply Monday to Friday."""
    if d in holidays:
        return False
    return vn_calendar.is_working_day(d) if public_holidays else d.weekday() < 5


def add_working_days(start: date, days: int, holidays: Collection[date] = (), public_holidays: bool = True) -> date:
    """The `days`-th working day after `start` (`start` itself is not counted; `days` >= 1)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    current, counted = start, 0
    while counted < days:
        current += timedelta(days=1)
        if is_working_day(current, holidays, public_holidays):
            counted += 1
    return current


def recognition_deadline(
    probation_end_date: date, holidays: Collection[date] = (), public_holidays: bool = True
) -> date:
    """Last day for the branch to consider recognition: the 30th working day after the probation end.

    Working days are those of Vietnam's calendar (see is_working_day) less any extra `holidays` given. Counting
    starts the day after the probation end.
    """
    return add_working_days(probation_end_date, RECOGNITION_WORKING_DAYS, holidays, public_holidays)


def official_date_warning(
    ceremony_date: date | None, official_date: date, admission_date: date | None = None
) -> str | None:
    """A Vietnamese warning when the official date comes before the 12 months of probation are complete.

    Raises ValidationError (field "official_date") when the official date is before the admission ceremony or
    the admission decision: that is impossible, not merely early. With no ceremony date the admission decision
    date stands in for it (see probation_end).
    """
    if admission_date and official_date < admission_date:
        raise ValidationError(
            f"Ngày chính thức {fmt(official_date)} trước ngày vào Đảng {fmt(admission_date)}.", "official_date"
        )
    if ceremony_date and official_date < ceremony_date:
        raise ValidationError(
            f"Ngày chính thức {fmt(official_date)} trước ngày lễ kết nạp {fmt(ceremony_date)}.", "official_date"
        )
    end = probation_end(ceremony_date, admission_date)
    if end and official_date < end:
        start = "lễ kết nạp" if ceremony_date else "ngày vào Đảng"
        return (
            f"Ngày chính thức {fmt(official_date)} sớm hơn ngày đủ 12 tháng dự bị ({fmt(end)}, tính từ {start}); "
            "hãy kiểm tra lại."
        )
    return None


# --- age ------------------------------------------------------------------------------------------------------------


def age_at(birth_date: date, on: date) -> int:
    """Completed years of age on `on`; someone born on 29/02 turns a year older on 01/03 in common years."""
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years
