"""The one clock: pinned in tests, the system clock otherwise."""

from __future__ import annotations

from datetime import date, datetime

from models.core import clock


def test_pinned_clock_stands_still_and_is_restored():
    with clock.pinned(date(2029, 6, 1)):
        assert clock.today() == date(2029, 6, 1)
        assert clock.now() == datetime(2029, 6, 1, 9, 0)
    assert clock.today() == TEST_DAY  # the suite's own pinned day (tests/conftest.py)


TEST_DAY = date(2026, 12, 1)
