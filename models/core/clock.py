"""The one clock of ChiBo: every "today" and "now" of the domain and the GUI comes from here, so tests pin it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime

_now: Callable[[], datetime] = datetime.now


def now() -> datetime:
    return _now()


def today() -> date:
    return _now().date()


def set_clock(source: Callable[[], datetime] | None) -> None:
    """Read time from `source` from now on (None: the system clock)."""
    global _now
    _now = source or datetime.now


@contextmanager
def pinned(moment: datetime | date) -> Iterator[None]:
    """Within the block, the clock stands still at `moment` (a date means that day at 09:00)."""
    fixed = moment if isinstance(moment, datetime) else datetime(moment.year, moment.month, moment.day, 9, 0)
    previous = _now
    set_clock(lambda: fixed)
    try:
        yield
    finally:
        set_clock(previous)
