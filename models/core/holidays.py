"""Vietnam's public holidays and working days, for the deadlines counted in working days.

The law (Bộ luật Lao động 2019, Điều 112): 1 January; Tết, five days; Giỗ Tổ Hùng Vương, 10th of the 3rd lunar
month; 30 April; 1 May; 2 September and one day next to it. A holiday falling on a Saturday or Sunday gives the next
working day off instead (khoản 3). Which five days of Tết, which day beside 2 September, and the swapped days the
Prime Minister allows are announced each year; ChiBo computes the law's default for any year (Tết: the last day of
the old lunar year and the first four of the new one; 2 September with 3 September when it falls on a Monday or a
Thursday, with 1 September otherwise) and keeps, in `ANNOUNCED`, the announced days off of the years it has them
(the Ministry of Labour's notices to public servants). Lunar dates come from models.core.lunar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from models.core.lunar import lunar_to_solar, tet


@dataclass(frozen=True)
class Announced:
    """A year's announced arrangement: the working days of Tết off, and Saturdays worked in exchange for a day off."""

    tet_days_off: tuple[date, ...] = ()  # replaces the computed Tết block when given
    extra_days_off: tuple[date, ...] = ()  # a working day off, swapped against a Saturday worked
    saturdays_worked: tuple[date, ...] = ()
    national_day_second: date | None = None  # the day beside 2 September, when announced


def _days(start: date, end: date) -> tuple[date, ...]:
    return tuple(start + timedelta(days=i) for i in range((end - start).days + 1))


ANNOUNCED: dict[int, Announced] = {
    2024: Announced(
        tet_days_off=_days(date(2024, 2, 8), date(2024, 2, 14)),
        extra_days_off=(date(2024, 4, 29),),
        saturdays_worked=(date(2024, 5, 4),),
        national_day_second=date(2024, 9, 3),
    ),
    2025: Announced(
        tet_days_off=_days(date(2025, 1, 27), date(2025, 1, 31)),
        extra_days_off=(date(2025, 5, 2),),
        saturdays_worked=(date(2025, 4, 26),),
        national_day_second=date(2025, 9, 1),
    ),
    2026: Announced(tet_days_off=_days(date(2026, 2, 16), date(2026, 2, 20))),
}


def _weekend(d: date) -> bool:
    return d.weekday() >= 5


def _statutory(year: int) -> list[date]:
    """The law's holidays of `year`, in order (a holiday may fall on a weekend)."""
    announced = ANNOUNCED.get(year, Announced())
    first = tet(year)
    tet_block = list(announced.tet_days_off) or [first - timedelta(days=1) + timedelta(days=i) for i in range(5)]
    national = date(year, 9, 2)
    second = announced.national_day_second or (
        national + timedelta(days=1) if national.weekday() in (0, 3) else national - timedelta(days=1)
    )
    fixed = [date(year, 1, 1), lunar_to_solar(10, 3, year), date(year, 4, 30), date(year, 5, 1), national, second]
    return sorted(set(fixed + tet_block))


@cache
def days_off(year: int) -> frozenset[date]:
    """Every weekday of `year` that is not worked: the holidays, their substitutes and announced swaps.

    A holiday on a weekend moves to the next working day that is not itself a holiday (Điều 112 khoản 3); Tết of a
    year the notice covers is taken as announced (its weekend days need no substitute).
    """
    announced = ANNOUNCED.get(year, Announced())
    holidays = _statutory(year)
    off = {d for d in holidays if not _weekend(d)}
    tet_announced = set(announced.tet_days_off)
    for d in holidays:
        if _weekend(d) and d not in tet_announced:
            substitute = d
            while _weekend(substitute) or substitute in off:
                substitute += timedelta(days=1)
            off.add(substitute)
    off.update(announced.extra_days_off)
    return frozenset(off)


def is_working_day(d: date) -> bool:
    """Monday to Friday (or a Saturday worked in a swap) that is not a day off."""
    if d in ANNOUNCED.get(d.year, Announced()).saturdays_worked:
        return True
    return not _weekend(d) and d not in days_off(d.year)


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start` (`start` itself is not counted; `days` >= 1)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    current, counted = start, 0
    while counted < days:
        current += timedelta(days=1)
        if is_working_day(current):
            counted += 1
    return current
