"""A date editor that may stay empty: typed as dd/mm/yyyy (or, where allowed, a bare year), or picked on a calendar."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QValidator
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from models.core import clock
from models.core.dates import fmt
from models.core.partial_dates import year_only

_ALLOWED = re.compile(r"^[\d/.\- ]*$")
_PARTS = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_DIGITS = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")
_YEAR = re.compile(r"^\s*(\d{4})\s*$")
MIN_YEAR, MAX_YEAR = 1900, 2200  # a shape check only: dates outside are typing mistakes
VIETNAMESE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def parse_date_text(text: str, allow_year: bool = False) -> date | None:
    """The date written as d/m/yyyy (also with "." or "-", or as 8 digits ddmmyyyy); with `allow_year` a bare year
    ("1970") is a year-only date (models.core.partial_dates). None when the text is not such a date."""
    if allow_year and (year := _YEAR.match(text)):
        return year_only(int(year.group(1))) if MIN_YEAR <= int(year.group(1)) <= MAX_YEAR else None
    match = _PARTS.match(text) or _DIGITS.match(text)
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


class _DateValidator(QValidator):
    """Digits and separators only; a complete text must be a real day (or a year, where allowed)."""

    def __init__(self, parent: QWidget, allow_year: bool) -> None:
        super().__init__(parent)
        self.allow_year = allow_year

    def validate(self, text: str, pos: int):
        if not _ALLOWED.match(text) or len(text) > 12:
            return QValidator.State.Invalid, text, pos
        if not text.strip() or parse_date_text(text, self.allow_year):
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Intermediate, text, pos


class DateField(QWidget):
    """A line edit for dd/mm/yyyy plus a calendar button (Alt+↓ or F4 opens it); empty means no date.

    `date()` is the date typed, or None when the field is empty or the text is not (yet) a full, real date;
    `is_blank()` and `has_valid_text()` tell those two cases apart for shape checks. With `allow_year` a bare year
    ("1970", for old records) is accepted and shown as typed: a year-only date, never a made-up 01/01/1970.
    """

    # On every edit, with the text (read date()). Forwarded in C++: with PySide6 6.12 on Python 3.11 every
    # Python-side Signal.emit() drops a reference to True, so nothing emitted per keystroke goes through Python.
    text_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, allow_year: bool = False) -> None:
        super().__init__(parent)
        self.allow_year = allow_year
        self.line_edit = QLineEdit()
        self.line_edit.setPlaceholderText("dd/mm/yyyy")
        self.line_edit.setValidator(_DateValidator(self.line_edit, allow_year))
        tip = "Gõ ngày dạng ngày/tháng/năm, ví dụ 05/03/1990"
        tip += "; nếu chỉ biết năm, gõ năm (ví dụ 1970)" if allow_year else ""
        self.line_edit.setToolTip(tip + "; để trống nếu không có.")
        self.line_edit.setMaximumWidth(self.line_edit.fontMetrics().horizontalAdvance("00/00/00000") + 24)
        self.line_edit.textChanged.connect(self.text_changed)
        self.line_edit.editingFinished.connect(self._on_line_edit_editing_finished)
        self.calendar_button = QToolButton()
        self.calendar_button.setText("Lịch…")
        self.calendar_button.setToolTip("Chọn ngày trên lịch (Alt+↓)")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar_button.clicked.connect(self.show_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line_edit)
        layout.addWidget(self.calendar_button)
        layout.addStretch(1)
        self.setFocusProxy(self.line_edit)
        # A label's access key ("Ngày &khai mạc") focuses its buddy only when the buddy takes focus itself, not
        # only through its line edit; Tab still stops once (the proxy), as before.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        for keys in ("Alt+Down", "F4"):
            shortcut = QShortcut(QKeySequence(keys), self.line_edit)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.show_calendar)
        self.popup: QWidget | None = None

    # value -----------------------------------------------------------------------------------
    def date(self) -> date | None:
        return parse_date_text(self.line_edit.text(), self.allow_year)

    def setDate(self, value: date | None) -> None:  # noqa: N802 - mirrors QDateEdit
        self.line_edit.setText(fmt(value))

    def text(self) -> str:
        return self.line_edit.text()

    def is_blank(self) -> bool:
        return not self.line_edit.text().strip()

    def has_valid_text(self) -> bool:
        """Empty, or a full and real date."""
        return self.is_blank() or self.date() is not None

    # calendar ----------------------------------------------------------------------------------
    def show_calendar(self) -> None:
        popup = QWidget(self, Qt.WindowType.Popup)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        calendar = QCalendarWidget(popup)
        calendar.setLocale(VIETNAMESE)
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        current = self.date() or clock.today()
        calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        calendar.activated.connect(self._on_calendar_picked)
        calendar.clicked.connect(self._on_calendar_picked)
        box = QVBoxLayout(popup)
        box.setContentsMargins(1, 1, 1, 1)
        box.addWidget(calendar)
        popup.adjustSize()
        popup.move(self.line_edit.mapToGlobal(self.line_edit.rect().bottomLeft()))
        popup.show()
        calendar.setFocus()
        self.popup = popup
        self.calendar = calendar

    def _on_calendar_picked(self, picked: QDate) -> None:
        self.setDate(date(picked.year(), picked.month(), picked.day()))
        if self.popup is not None:
            self.popup.close()
            self.popup = None
        self.line_edit.setFocus()

    # slots -------------------------------------------------------------------------------------
    def _on_line_edit_editing_finished(self) -> None:
        # Show what was understood in the standard form: "5/3/1990" becomes "05/03/1990".
        value = self.date()
        if value is not None and self.line_edit.text() != fmt(value):
            self.line_edit.setText(fmt(value))
