"""Year-only dates: 1 January for rules, the bare year when shown, stored as a date plus a marker column."""

from __future__ import annotations

import copy
import pickle
from datetime import date, timedelta

from models.core.partial_dates import (
    YEAR_ONLY_COLUMN,
    YearDate,
    from_columns,
    is_year_only,
    latest,
    to_columns,
    year_only,
)
from models.roster.fields import DATE_FIELDS
from models.roster.member_rules import add_months, age_at, fmt, probation_end


def test_a_year_only_date_is_1_january_for_comparisons_and_the_year_when_shown():
    born = year_only(1970)
    assert born == date(1970, 1, 1) and hash(born) == hash(date(1970, 1, 1))
    assert sorted([date(1969, 12, 31), born, date(1970, 1, 2)])[1] is born
    assert fmt(born) == "1970" and fmt(date(1970, 1, 1)) == "01/01/1970"
    assert is_year_only(born) and not is_year_only(date(1970, 1, 1))
    assert latest(born) == date(1970, 12, 31) and latest(date(1970, 5, 1)) == date(1970, 5, 1)
    assert repr(born) == "year_only(1970)"


def test_arithmetic_on_a_year_only_date_gives_ordinary_dates():
    born = year_only(1970)
    for derived in (
        born + timedelta(days=30),
        timedelta(days=30) + born,
        born - timedelta(days=1),
        born.replace(month=6),
        add_months(born, 12),
        probation_end(born),
    ):
        assert type(derived) is date
    assert fmt(born + timedelta(days=30)) == "31/01/1970"
    assert born - date(1969, 12, 31) == timedelta(days=1)


def test_ages_from_a_year_only_birth_count_from_1_january():
    assert age_at(year_only(1970), date(2026, 6, 1)) == 56
    assert age_at(year_only(1970), date(2025, 12, 31)) == 55


def test_copies_and_pickles_stay_year_only():
    born = year_only(1970)
    for twin in (copy.copy(born), copy.deepcopy(born), pickle.loads(pickle.dumps(born))):
        assert isinstance(twin, YearDate) and fmt(twin) == "1970"


def test_storage_columns_round_trip():
    values = {
        "full_name": "A",
        "birth_date": year_only(1970),
        "admission_date": date(1995, 2, 3),
        "official_date": None,
    }
    stored = to_columns(values, DATE_FIELDS)
    assert stored[YEAR_ONLY_COLUMN] == "birth_date"
    assert type(stored["birth_date"]) is date and stored["birth_date"] == date(1970, 1, 1)
    back = from_columns(stored, DATE_FIELDS)
    assert YEAR_ONLY_COLUMN not in back and is_year_only(back["birth_date"])
    assert not is_year_only(back["admission_date"]) and back["official_date"] is None
    assert from_columns({"birth_date": date(1970, 1, 1), YEAR_ONLY_COLUMN: ""}, DATE_FIELDS)["birth_date"] == date(
        1970, 1, 1
    )
