"""Date rules: months with clamping, probation end, 30 working days, official-date warning, age, event filtering."""

from __future__ import annotations

import pytest

from models.core.errors import ValidationError
from models.roster.event_kinds import EventKind
from models.roster.member_rules import (
    add_months,
    add_working_days,
    age_at,
    effective_events,
    is_working_day,
    member_probation_end,
    official_date_warning,
    probation_end,
    recognition_deadline,
)
from tests.support.rules_factories import d, ev, member


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("31/01/2024", 1, "29/02/2024"),  # leap year: clamp to 29
        ("31/01/2023", 1, "28/02/2023"),
        ("31/03/2024", -1, "29/02/2024"),
        ("30/04/2024", 1, "30/05/2024"),  # no clamping when the day exists
        ("15/11/2024", 3, "15/02/2025"),  # across the year end
        ("31/12/2024", 12, "31/12/2025"),
        ("29/02/2024", 12, "28/02/2025"),
        ("29/02/2024", 48, "29/02/2028"),
        ("15/01/2024", -13, "15/12/2022"),
        ("10/10/2024", 0, "10/10/2024"),
    ],
)
def test_add_months_clamps_to_month_end(start, months, expected):
    assert add_months(d(start), months) == d(expected)


@pytest.mark.parametrize(
    ("ceremony", "expected"),
    [
        ("31/01/2024", "31/01/2025"),
        ("29/02/2024", "28/02/2025"),  # no 29/02 in 2025
        ("15/03/2024", "15/03/2025"),
        ("31/12/2024", "31/12/2025"),
    ],
)
def test_probation_end_is_twelve_months_after_ceremony(ceremony, expected):
    assert probation_end(d(ceremony)) == d(expected)


def test_probation_end_prefers_ceremony_and_falls_back_to_admission_decision():
    assert probation_end(d("20/03/2024"), d("01/03/2024")) == d("20/03/2025")
    assert probation_end(None, d("01/03/2024")) == d("01/03/2025")
    assert probation_end(None, None) is None


def test_member_probation_end_restarts_at_readmission():
    expelled = ev(EventKind.EXPELLED, "01/06/2010")
    readmitted = ev(EventKind.READMITTED, "05/05/2020")
    old_ceremony = member(admitted="01/01/2000", ceremony="10/01/2000", events=[expelled, readmitted])
    assert member_probation_end(old_ceremony) == d("05/05/2021")
    new_ceremony = member(admitted="01/01/2000", ceremony="20/05/2020", events=[expelled, readmitted])
    assert member_probation_end(new_ceremony) == d("20/05/2021")
    assert member_probation_end(member(admitted="01/01/2000", ceremony="10/01/2000")) == d("10/01/2001")


def test_recognition_deadline_counts_thirty_weekdays_after_probation_end():
    # Friday 07/03/2025: counting starts Monday 10/03; six full weeks end Friday 18/04, but Giỗ Tổ (Monday 07/04,
    # lunar 10/3) is off, so the 30th working day is Monday 21/04; without holidays it is Friday 18/04.
    assert d("07/03/2025").weekday() == 4
    assert recognition_deadline(d("07/03/2025")) == d("21/04/2025")
    assert recognition_deadline(d("07/03/2025"), public_holidays=False) == d("18/04/2025")


def test_recognition_deadline_starting_on_a_weekend():
    # Saturday 08/03/2025 and Sunday 09/03 give the same deadline as Friday 07/03.
    assert recognition_deadline(d("08/03/2025")) == d("21/04/2025")
    assert recognition_deadline(d("09/03/2025")) == d("21/04/2025")
    # Monday 10/03 itself is not counted: the 30th working day after it is Tuesday 22/04.
    assert recognition_deadline(d("10/03/2025")) == d("22/04/2025")


def test_recognition_deadline_skips_30_4_and_1_5():
    # Tuesday 15/04/2025: 16-18/4 (3), 21-25 (8), Saturday 26/4 worked (9: swapped against Friday 2/5), 28-29 (11),
    # 30/4, 1/5 and 2/5 off, 5/5 (12), ..., 29/5 (30).
    assert recognition_deadline(d("15/04/2025")) == d("29/05/2025")
    assert recognition_deadline(d("15/04/2025"), public_holidays=False) == d("27/05/2025")


def test_recognition_deadline_skips_extra_holidays_given():
    local_day_off = d("14/04/2025")  # a day off the province gave: not built in
    assert recognition_deadline(d("07/03/2025"), holidays={local_day_off}) == d("22/04/2025")


def test_public_holidays_and_working_days():
    assert not is_working_day(d("02/09/2025"))  # Tuesday, Quốc khánh
    assert not is_working_day(d("01/09/2025"))  # its second day, as announced for 2025
    assert not is_working_day(d("29/01/2025"))  # mùng 1 Tết Ất Tỵ
    assert not is_working_day(d("03/09/2025"), holidays={d("03/09/2025")})
    assert not is_working_day(d("06/09/2025"))  # Saturday
    assert is_working_day(d("02/09/2025"), public_holidays=False)


def test_add_working_days_needs_a_positive_count():
    assert add_working_days(d("05/01/2026"), 1) == d("06/01/2026")
    with pytest.raises(ValueError):
        add_working_days(d("05/01/2026"), 0)


def test_official_date_warning_when_official_before_twelve_months():
    warning = official_date_warning(d("31/01/2024"), d("30/01/2025"))
    assert warning is not None
    assert "31/01/2025" in warning and "lễ kết nạp" in warning
    assert official_date_warning(d("31/01/2024"), d("31/01/2025")) is None
    assert official_date_warning(d("31/01/2024"), d("15/03/2025")) is None


def test_official_date_warning_falls_back_to_admission_date():
    warning = official_date_warning(None, d("01/02/2025"), d("01/03/2024"))
    assert warning is not None and "ngày vào Đảng" in warning and "01/03/2025" in warning
    assert official_date_warning(None, d("01/03/2025"), d("01/03/2024")) is None
    assert official_date_warning(None, d("01/03/2025")) is None  # nothing to compare with


def test_official_date_before_ceremony_or_admission_is_an_error():
    with pytest.raises(ValidationError) as error:
        official_date_warning(d("10/03/2024"), d("09/03/2024"))
    assert error.value.field == "official_date"
    assert "trước ngày lễ kết nạp 10/03/2024" in error.value.message
    with pytest.raises(ValidationError, match="trước ngày vào Đảng"):
        official_date_warning(None, d("01/01/2024"), d("02/01/2024"))


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        ("15/06/1990", "14/06/2020", 29),
        ("15/06/1990", "15/06/2020", 30),
        ("15/06/1990", "31/12/2020", 30),
        ("29/02/2000", "28/02/2001", 0),
        ("29/02/2000", "01/03/2001", 1),
        ("29/02/2000", "29/02/2004", 4),
        ("31/12/1999", "01/01/2000", 0),
    ],
)
def test_age_at_counts_completed_years(born, on, age):
    assert age_at(d(born), d(on)) == age


def test_effective_events_drop_replaced_and_later_and_keep_saved_order():
    first = ev(EventKind.EXEMPTED, "01/03/2025", id=20)
    same_day = ev(EventKind.DISCIPLINED, "01/03/2025", id=10)
    unsaved = ev(EventKind.SUSPENDED, "01/03/2025", id=None)
    replaced = ev(EventKind.DIED, "01/02/2025", id=5, replaced_by=21)
    later = ev(EventKind.EXEMPTION_END, "01/04/2025", id=3)
    events = [later, unsaved, first, replaced, same_day]
    assert effective_events(events, d("31/03/2025")) == [same_day, first, unsaved]
    assert effective_events(events) == [same_day, first, unsaved, later]
