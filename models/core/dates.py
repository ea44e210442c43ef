"""Dates as Vietnamese documents write them, shared by every capability, the reports and the GUI."""

from __future__ import annotations

from datetime import date


def fmt(d: date | None) -> str:
    """A date as Vietnamese documents write it: 05/03/2026; "" for no date."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}" if d else ""
