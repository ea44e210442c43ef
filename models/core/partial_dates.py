"""Dates known only by their year ("1970" in an old roster book): kept, shown and exported as the year.

A year-only date is a `YearDate`: 1 January of the year for every comparison, sort and rule, so code that takes a
date needs nothing special. Rules that must not claim more than is known ask `latest()` for the last day it can
be (31 December). Ages and seniority counted from a year-only date count from 1 January: the most they can be,
so a reminder (a badge, the age bands) may come up to a year early, never late.

In the database the date column keeps 1 January and the member's `year_only_dates` column lists the fields known
only by their year (space-separated keys), so sorting and date queries work unchanged on any engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

YEAR_ONLY_COLUMN = "year_only_dates"


class YearDate(date):
    """A date of which only the year is known; always 1 January of it (build it with year_only)."""

    __slots__ = ()

    def __add__(self, other: timedelta) -> date:  # type: ignore[override]
        # Arithmetic gives an ordinary date: "1970" + 30 days is 31/01/1970, a made-up day, not a year.
        result = date.__add__(self, other)
        return result if result is NotImplemented else plain(result)

    __radd__ = __add__  # type: ignore[assignment]  # typeshed's date.__radd__ promises the subclass back

    def __sub__(self, other):
        result = date.__sub__(self, other)
        return plain(result) if isinstance(result, date) else result

    def replace(self, *args: int, **kwargs: int) -> date:  # type: ignore[override]
        return plain(self).replace(*args, **kwargs)

    def __repr__(self) -> str:
        return f"year_only({self.year})"

    def __reduce__(self):
        return year_only, (self.year,)


def year_only(year: int) -> YearDate:
    return YearDate(year, 1, 1)


def is_year_only(value: object) -> bool:
    return isinstance(value, YearDate)


def latest(value: date) -> date:
    """The last day `value` can stand for: 31 December for a year-only date, else the date itself."""
    return date(value.year, 12, 31) if isinstance(value, YearDate) else value


def to_columns(values: Mapping[str, object], date_keys: Iterable[str]) -> dict[str, object]:
    """Record values as stored: year-only dates as plain 1 January, their keys in YEAR_ONLY_COLUMN."""
    out = dict(values)
    partial = []
    for key in date_keys:
        value = out.get(key)
        if isinstance(value, YearDate):
            out[key] = plain(value)
            partial.append(key)
    out[YEAR_ONLY_COLUMN] = " ".join(partial)
    return out


def from_columns(row: Mapping[str, object], date_keys: Iterable[str]) -> dict[str, object]:
    """Stored values back as record values: the dates listed in YEAR_ONLY_COLUMN become year-only dates."""
    out = {key: value for key, value in row.items() if key != YEAR_ONLY_COLUMN}
    flagged = set(str(row.get(YEAR_ONLY_COLUMN) or "").split())
    for key in date_keys:
        value = out.get(key)
        if key in flagged and isinstance(value, date):
            out[key] = year_only(value.year)
    return out


def plain(value: date) -> date:
    """An ordinary date (for database parameters: drivers do not know the subclass)."""
    return date(value.year, value.month, value.day)
