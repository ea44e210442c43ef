"""Which year's ratings a date speaks of, decided in models.roster.ratings alone."""

from __future__ import annotations

from datetime import date

import pytest

from models.roster.ratings import last_rated_year, year_to_rate


@pytest.mark.parametrize(
    ("on", "to_rate"),
    [(date(2026, 1, 5), 2025), (date(2026, 9, 30), 2025), (date(2026, 10, 1), 2026), (date(2026, 12, 31), 2026)],
)
def test_the_year_to_rate_turns_to_the_current_year_in_october(on, to_rate):
    assert year_to_rate(on) == to_rate


@pytest.mark.parametrize("on", [date(2026, 1, 5), date(2026, 10, 1), date(2026, 12, 31)])
def test_the_last_rated_year_is_always_the_year_before(on):
    assert last_rated_year(on) == 2025


def test_the_reminders_statistics_and_dialog_ask_the_one_rule():
    from services.roster.jobs import StatisticsOptions

    assert StatisticsOptions.default(date(2026, 11, 2)).year == last_rated_year(date(2026, 11, 2))
