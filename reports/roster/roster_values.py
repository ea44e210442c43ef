"""Parsing of roster cell values as they come from real files: dates, gender marks, numbers kept as text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from models.core.partial_dates import year_only
from models.core.vnname import fold, nfc
from reports.core.styles import format_date

ERROR = "error"
WARNING = "warning"
_DATE_RE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_MONTH_YEAR_RE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_YEAR_RE = re.compile(r"^(\d{4})$")
_MARKS = {"x", "v", "1", "\u2713", "\u2714", "+", "co"}
_MALE = {"nam", "m", "male", "trai"}
_FEMALE = {"nu", "f", "female", "gai"}
# Numbers Excel strips the leading zeros from: card numbers have 8 digits, citizen IDs 12.
DIGITS = {"card_number": 8, "citizen_id": 12}


@dataclass(frozen=True)
class Parsed:
    """A parsed value, or a problem (message) when the cell cannot be understood."""

    value: object = None
    message: str = ""
    severity: str = ""
    year_only: bool = False


def _two_digit_year(year: int, today: date) -> int:
    return 2000 + year if 2000 + year <= today.year else 1900 + year


def parse_date(raw: object, today: date) -> Parsed:
    """Excel dates, dd/mm/yyyy, d/m/yy, dd-mm-yyyy, dd.mm.yyyy, mm/yyyy, yyyy or a bare year number.
    A year alone is kept as a year (models.core.partial_dates.YearDate, shown "1970") with `year_only` set and a
    warning; a month and year becomes the 1st of the month, also with `year_only` set and a warning."""
    if raw is None or raw == "":
        return Parsed()
    if isinstance(raw, datetime):
        value = raw.date()
    elif isinstance(raw, date):
        value = raw
    elif isinstance(raw, int | float) and not isinstance(raw, bool):
        if float(raw).is_integer() and 1900 <= raw <= 2100:
            return _year_only(int(raw), today)
        return Parsed(message=f"Không hiểu ngày «{raw:g}»; hãy ghi theo dạng ngày/tháng/năm.", severity=ERROR)
    else:
        text = nfc(str(raw))
        if match := _DATE_RE.match(text):
            day, month, year = (int(g) for g in match.groups())
            year = _two_digit_year(year, today) if len(match.group(3)) == 2 else year
            try:
                value = date(year, month, day)
            except ValueError:
                return Parsed(message=f"Ngày «{text}» không có thật.", severity=ERROR)
        elif match := _MONTH_YEAR_RE.match(text):
            month, year = int(match.group(1)), int(match.group(2))
            if not 1 <= month <= 12:
                return Parsed(message=f"Ngày «{text}» không có thật.", severity=ERROR)
            return _checked(date(year, month, 1), today, f"Chỉ có tháng và năm ({text}); tạm ghi ngày 01.", True)
        elif match := _YEAR_RE.match(text):
            return _year_only(int(match.group(1)), today)
        else:
            return Parsed(message=f"Không hiểu ngày «{text}»; hãy ghi theo dạng ngày/tháng/năm.", severity=ERROR)
    return _checked(value, today)


def _year_only(year: int, today: date) -> Parsed:
    warning = f"Chỉ có năm ({year}); ghi nhận là năm {year}, hãy bổ sung ngày tháng khi có."
    return _checked(year_only(year), today, warning, True)


def _checked(value: date, today: date, warning: str = "", partial: bool = False) -> Parsed:
    if value > today:
        return Parsed(message=f"Ngày {format_date(value)} ở tương lai.", severity=ERROR)
    if value.year < 1890:
        return Parsed(message=f"Năm {value.year} không hợp lý.", severity=ERROR)
    if warning:
        return Parsed(value, warning, WARNING, year_only=partial)
    return Parsed(value)


def parse_gender(raw: object) -> Parsed:
    if raw is None or raw == "":
        return Parsed()
    folded = fold(str(raw))
    if folded in _MALE:
        return Parsed("Nam")
    if folded in _FEMALE:
        return Parsed("Nữ")
    return Parsed(message=f"Giới tính «{nfc(str(raw))}» không rõ; hãy ghi «Nam» hoặc «Nữ».", severity=ERROR)


def is_mark(raw: object) -> bool:
    """A tick in a "Nam"/"Nữ" column: x, X, v, ✓, 1."""
    return isinstance(raw, str | int) and not isinstance(raw, bool) and fold(str(raw)) in _MARKS


def parse_text(raw: object, key: str = "") -> Parsed:
    """Text as NFC with runs of spaces collapsed; whole numbers without ".0"; leading zeros restored for card
    numbers and citizen IDs that Excel stored as numbers."""
    if raw is None:
        return Parsed()
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, datetime | date):
        return Parsed(format_date(raw))
    if isinstance(raw, int) and not isinstance(raw, bool):
        digits = DIGITS.get(key)
        text = str(raw)
        if digits and len(text) < digits:
            return Parsed(text.zfill(digits), f"Đã thêm số 0 ở đầu: «{text}» thành «{text.zfill(digits)}».", WARNING)
        return Parsed(text)
    text = nfc(str(raw))
    return Parsed(text or None)
