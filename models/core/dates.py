"""Dates as Vietnamese documents write them, shared by every capability, the reports and the GUI."""

from __future__ import annotations

from datetime import date

from models.core.partial_dates import YearDate


def fmt(d: date | None) -> str:
    """A date as Vietnamese documents write it: 05/03/2026; a year-only date as its year (1970); "" for no date."""
    if isinstance(d, YearDate):
        return f"{d.year:04d}"
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}" if d else ""
