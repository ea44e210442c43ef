"""Which year's ratings a date speaks of, decided in models.roster.ratings alone."""

from __future__ import annotations

from datetime import date

import pytest

from models.roster.event_kinds import EventKind
from models.roster.ratings import last_rated_year, rating_reference_date, year_to_rate
from models.roster.reminders import missing_ratings
from tests.support.rules_factories import ev, member


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


def test_a_year_is_judged_on_its_last_day():
    assert rating_reference_date(2025) == date(2025, 12, 31)


@pytest.mark.parametrize(
    ("admitted", "exempted", "due"),
    [
        ("31/12/2025", None, True),  # on the roster on the last day of the year
        ("01/01/2026", None, False),  # admitted the day after: nothing to rate in 2025
        ("01/01/2000", "31/12/2025", False),  # exempted on the last day
        ("01/01/2000", "01/01/2026", True),  # exempted the day after: the year is still due
    ],
)
def test_who_is_due_the_rating_of_the_year_before_at_the_turn_of_the_year(admitted, exempted, due):
    events = [ev(EventKind.EXEMPTED, exempted)] if exempted else []
    person = member(admitted=admitted, events=events)
    year = last_rated_year(date(2026, 6, 1))
    assert (missing_ratings([person], [], year) == [person]) is due
