"""The lunar calendar (Tết, Giỗ Tổ) and Vietnam's working days: holidays, weekend substitutes, announced swaps."""

from __future__ import annotations

from datetime import date

import pytest

from models.core.holidays import add_working_days, days_off, is_working_day
from models.core.lunar import lunar_to_solar, tet


@pytest.mark.parametrize(
    ("year", "first_day"),
    [
        (1985, date(1985, 1, 21)),  # Vietnam's Tết, a month before China's (20/2/1985): the UTC+7 meridian
        (2007, date(2007, 2, 17)),  # a day before China's
        (2020, date(2020, 1, 25)),
        (2023, date(2023, 1, 22)),
        (2024, date(2024, 2, 10)),
        (2025, date(2025, 1, 29)),
        (2026, date(2026, 2, 17)),
        (2027, date(2027, 2, 6)),
    ],
)
def test_tet(year, first_day):
    assert tet(year) == first_day


def test_gio_to_hung_vuong_is_the_tenth_of_the_third_lunar_month():
    assert lunar_to_solar(10, 3, 2024) == date(2024, 4, 18)
    assert lunar_to_solar(10, 3, 2025) == date(2025, 4, 7)
    assert lunar_to_solar(10, 3, 2026) == date(2026, 4, 26)  # a Sunday


def test_a_leap_month_is_asked_for_by_name():
    # 2023 had a leap second month (tháng 2 nhuận), starting 22/3/2023.
    assert lunar_to_solar(1, 2, 2023, leap=True) == date(2023, 3, 22)
    assert lunar_to_solar(1, 3, 2023) == date(2023, 4, 20)
    with pytest.raises(ValueError):
        lunar_to_solar(1, 5, 2023, leap=True)


def test_tet_2026_as_announced_and_computed():
    # Tết Bính Ngọ: Monday 16/2 (the last day of the old year) to Friday 20/2 (mùng 4).
    assert {d for d in days_off(2026) if d.month == 2} == {date(2026, 2, d) for d in range(16, 21)}


def test_a_holiday_on_a_weekend_gives_the_next_working_day():
    assert date(2026, 4, 27) in days_off(2026)  # Giỗ Tổ on Sunday 26/4/2026
    assert date(2027, 5, 3) in days_off(2027)  # 1/5/2027 is a Saturday


def test_announced_swaps():
    assert not is_working_day(date(2025, 5, 2))  # Friday off...
    assert is_working_day(date(2025, 4, 26))  # ...against Saturday 26/4 worked
    assert not is_working_day(date(2025, 4, 27))  # an ordinary Sunday


def test_working_days_across_tet():
    # Friday 13/2/2026 + 1 working day: the whole Tết week is off, so Monday 23/2.
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    # 30 working days from Monday 2/2/2026: 4 to 6/2, 9 to 13/2, the Tết week off, 29 to 20/3, 30 on Monday 23/3
    # (without Tết it would be Friday 13/3).
    assert add_working_days(date(2026, 2, 2), 30) == date(2026, 3, 23)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 2, 2), 0)
