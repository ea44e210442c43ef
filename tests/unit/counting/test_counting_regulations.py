"""The election regulation in force on a day: its citation and its counting options."""

from __future__ import annotations

from datetime import date

from models.counting import Rules
from models.counting.regulations import REGULATIONS, regulation_on


def test_each_day_has_the_text_in_force_then():
    assert regulation_on(date(2020, 3, 15)).decision.startswith("Quyết định số 244-QĐ/TW")
    assert regulation_on(date(2024, 10, 9)).decision.startswith("Quyết định số 244-QĐ/TW")
    assert regulation_on(date(2024, 10, 10)).decision.startswith("Quyết định số 190-QĐ/TW")
    assert regulation_on(date(2010, 1, 1)) is REGULATIONS[0]  # before the first known text: the earliest
    assert [r.in_force_from for r in REGULATIONS] == sorted(r.in_force_from for r in REGULATIONS)
    assert all(r.rules == Rules() for r in REGULATIONS)
