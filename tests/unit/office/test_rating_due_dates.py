"""Whose rating is missing is judged the same everywhere: the year due on the day (models.roster.ratings.
last_rated_year), the members on the roster and not exempted on 31/12 of that year, whatever day the list is made.

The members tab («Nhắc việc») and the office's reminders, counted by the database or from the records, agree at
the boundary days of the year. Runs on SQLite and on a real PostgreSQL server (the `data_file` fixture)."""

from __future__ import annotations

from datetime import date

import peewee as pw
import pytest

from models.office.office_statistics import office_reminders
from models.roster.event_kinds import EventKind
from models.roster.members import all_members, record_event, save_member
from models.roster.rating_book import ratings_for_year, save_ratings
from models.roster.ratings import last_rated_year
from models.roster.records import EventRecord
from models.roster.reminders import missing_ratings
from tests.support.people import member


@pytest.fixture
def branch(data_file) -> dict[str, int]:
    ids = {
        "rated": save_member(member(0)).member.id,
        "unrated": save_member(member(1)).member.id,
        "admitted in January": save_member(
            member(2, admission_date=date(2026, 1, 10), ceremony_date=date(2026, 1, 10), official_date=None)
        ).member.id,
        "exempted in January": save_member(member(3)).member.id,
        "exempted in December": save_member(member(4)).member.id,
    }
    record_event(ids["exempted in January"], EventRecord(EventKind.EXEMPTED, date(2026, 1, 15)))
    record_event(ids["exempted in December"], EventRecord(EventKind.EXEMPTED, date(2025, 12, 1)))
    save_ratings(2025, {ids["rated"]: "good"})
    return ids


def _names(ids: dict[str, int], found) -> list[str]:
    by_id = {v: k for k, v in ids.items()}
    return sorted(by_id[m.id] for m in found)


# A member admitted in January 2026 was not on the roster on 31/12/2025; one exempted in January 2026 was, and
# is due a 2025 rating; one exempted since December 2025 is not rated for 2025.
DUE = ["exempted in January", "unrated"]


@pytest.mark.parametrize("on", [date(2026, 1, 1), date(2026, 1, 16), date(2026, 12, 31)])
def test_the_members_tab_and_the_office_list_the_same_missing_ratings(branch, on):
    year = last_rated_year(on)
    assert year == 2025
    tab = missing_ratings(all_members(), ratings_for_year(year), year)
    office = office_reminders(on)
    assert office.rating_year == year
    assert _names(branch, tab) == DUE
    assert _names(branch, office.branches[0].missing_ratings) == DUE


def test_counted_from_the_records_the_office_agrees(branch, monkeypatch):
    def refused(branch_ids=None):
        raise pw.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr("models.roster.standing_store.refresh_standings", refused)
    office = office_reminders(date(2026, 3, 1))
    assert _names(branch, office.branches[0].missing_ratings) == DUE


def test_on_new_year_the_due_year_moves_on(branch):
    """On 1/1/2027 the 2026 ratings are due: nobody is rated for 2026; those exempted are not rateable."""
    office = office_reminders(date(2027, 1, 1))
    assert office.rating_year == 2026
    assert _names(branch, office.branches[0].missing_ratings) == ["admitted in January", "rated", "unrated"]
