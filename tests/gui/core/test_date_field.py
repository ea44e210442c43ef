"""DateField: typed dates in several forms, empty allowed, wrong days refused, the calendar popup."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt

from gui.core.date_field import DateField, parse_date_text


@pytest.fixture
def field(qtbot):
    widget = DateField()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/03/1990", date(1990, 3, 5)),
        ("5/3/1990", date(1990, 3, 5)),
        ("05.03.1990", date(1990, 3, 5)),
        ("05031990", date(1990, 3, 5)),
        ("29/02/2024", date(2024, 2, 29)),
        ("29/02/2023", None),
        ("31/04/2020", None),
        ("05/03/90", None),
        ("", None),
    ],
)
def test_parse_date_text(text, expected):
    assert parse_date_text(text) == expected


def test_typing_a_date_from_the_keyboard(field, qtbot):
    with qtbot.waitSignal(field.text_changed):
        qtbot.keyClicks(field.line_edit, "05/03/1990")
    assert field.date() == date(1990, 3, 5)
    assert field.has_valid_text()


def test_short_form_is_shown_in_full_when_leaving_the_field(field, qtbot):
    qtbot.keyClicks(field.line_edit, "5/3/1990")
    field.line_edit.editingFinished.emit()
    assert field.text() == "05/03/1990"


def test_letters_are_refused_and_empty_means_no_date(field, qtbot):
    qtbot.keyClicks(field.line_edit, "ab")
    assert field.text() == ""
    assert field.date() is None
    assert field.is_blank() and field.has_valid_text()


def test_an_impossible_day_is_not_a_date(field, qtbot):
    qtbot.keyClicks(field.line_edit, "31/02/1990")
    assert field.date() is None
    assert not field.has_valid_text()


def test_calendar_popup_from_the_keyboard_sets_the_date(field, qtbot):
    field.setDate(date(2020, 1, 15))
    qtbot.keyClick(field.line_edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert field.popup is not None and field.popup.isVisible()
    field.calendar.activated.emit(QDate(2021, 9, 2))
    assert field.date() == date(2021, 9, 2)
    assert field.popup is None


def test_a_bare_year_is_a_year_only_date_where_allowed(qtbot):
    from models.core.partial_dates import is_year_only, year_only

    member_field = DateField(allow_year=True)
    qtbot.addWidget(member_field)
    qtbot.keyClicks(member_field.line_edit, " 1970")
    member_field.line_edit.editingFinished.emit()
    assert is_year_only(member_field.date()) and member_field.date() == date(1970, 1, 1)
    assert member_field.text() == "1970" and member_field.has_valid_text()
    member_field.setDate(year_only(1965))
    assert member_field.text() == "1965" and is_year_only(member_field.date())
    member_field.setDate(date(1965, 1, 1))
    assert member_field.text() == "01/01/1965" and not is_year_only(member_field.date())
    assert parse_date_text("1850", allow_year=True) is None and parse_date_text("1970") is None


def test_an_event_date_field_wants_a_full_day(field, qtbot):
    qtbot.keyClicks(field.line_edit, "1970")
    assert field.date() is None and not field.has_valid_text()
