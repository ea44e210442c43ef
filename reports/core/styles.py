"""One place for report fonts, borders, alignments, row-height estimates and date texts (dd/mm/yyyy)."""

from __future__ import annotations

import math
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from models.core.dates import fmt
from models.core.numerals import roman  # noqa: F401 - section numbers of reports
from models.core.partial_dates import is_year_only

FONT_NAME = "Times New Roman"
DATE_FORMAT = "dd/mm/yyyy"  # Excel number format of every date cell
BODY_SIZE = 14  # Hướng dẫn 36-HD/VPTW: body text 13-14
TABLE_SIZE = 12  # tables may use a smaller size to fit the page
# Excel's column width unit is about 7 px (the "0" of Calibri 11); Times New Roman averages about 0.6 of its size in
# px per character for mixed-case Vietnamese text and 0.85 for capitals (measured on LibreOffice renderings).
_UNIT_PX = 7.0


@lru_cache(maxsize=64)
def font(size: float = BODY_SIZE, bold: bool = False, italic: bool = False, underline: bool = False) -> Any:
    from openpyxl.styles import Font

    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic, underline="single" if underline else None)


@lru_cache(maxsize=32)
def alignment(horizontal: str = "left", vertical: str = "center", wrap: bool = True) -> Any:
    from openpyxl.styles import Alignment

    return Alignment(horizontal=horizontal, vertical=vertical, wrap_text=wrap)


@lru_cache(maxsize=1)
def thin_border() -> Any:
    from openpyxl.styles import Border, Side

    side = Side(style="thin")
    return Border(left=side, right=side, top=side, bottom=side)


def write_value(cell: Any, value: object) -> Any:
    """The one way exporters put a value in a cell. Text is always stored as text: a member named "=1+1" or a note
    "=HYPERLINK(...)" never becomes a live formula (openpyxl would otherwise write any "=..." text as one). A date
    known only by its year is written as the year ("1970"), never as a made-up 01/01/1970."""
    cell.value = fmt(value) if is_year_only(value) else value  # type: ignore[arg-type]
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
    return cell


def styled_cell(
    ws: Any,
    value: object = None,
    *,
    size: float = BODY_SIZE,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    horizontal: str = "left",
    wrap: bool = True,
    border: bool = False,
    number_format: str | None = None,
) -> Any:
    """A cell for `ws.append`, valid in normal and write-only worksheets."""
    from openpyxl.cell import WriteOnlyCell

    cell = write_value(WriteOnlyCell(ws), value)
    cell.font = font(size, bold, italic, underline)
    cell.alignment = alignment(horizontal, "center", wrap)
    if border:
        cell.border = thin_border()
    if number_format:
        cell.number_format = number_format
    return cell


def chars_per_line(width: float, size: float, caps: bool = False, bold: bool = False) -> float:
    """How many characters of Times New Roman at `size` fit in a column `width` (Excel units)."""
    per_char = size * (0.85 if caps else 0.6) * (1.07 if bold else 1.0)
    return max(1.0, (width * _UNIT_PX - 5) / per_char)


def caps_size_to_fit(text: str, width: float, size: float, smallest: float = 11) -> float:
    """The largest type size from `size` down to `smallest` (half points) at which each line of the capitals `text`
    stays on one line of a block `width` (Excel units) wide, as LibreOffice sets Times New Roman: a higher
    committee given on two lines prints on two, not three ("ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN / THÔNG")."""
    room = (width * 7.8 + 5) * 0.75 - 6  # points inside the merged cells (7.8 px a unit, measured), less padding
    ems = max((sum(0.25 if ch == " " else 0.64 for ch in line) for line in str(text).split("\n")), default=0.0)
    while size > smallest and ems * size > room:
        size -= 0.5
    return size


def line_count(text: str, width: float, size: float, caps: bool = False, bold: bool = False) -> int:
    """Estimated wrapped lines of `text` in a cell of `width`; openpyxl does not compute row heights."""
    return lines_at(str(text), chars_per_line(width, size, caps, bold))


def lines_at(text: str, per_line: float) -> int:
    """Wrapped lines of `text` when `per_line` characters fit on a line."""
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def row_height(lines: int, size: float) -> float:
    """Row height in points for `lines` lines of text at `size`."""
    return round(lines * size * 1.25 + 3, 1)


def format_date(value: date | datetime | None) -> str:
    """dd/mm/yyyy, or "" for no date."""
    return fmt(value)


def date_line(place: str, when: date | None) -> str:
    """ "Hà Nội, ngày 11 tháng 3 năm 2026"; days below 10 and months below 3 take a leading zero (36-HD/VPTW)."""
    prefix = f"{place}, " if place else ""
    if when is None:
        return f"{prefix}ngày     tháng     năm       "
    day = f"{when.day:02d}"
    month = f"{when.month:02d}" if when.month < 3 else str(when.month)
    return f"{prefix}ngày {day} tháng {month} năm {when.year}"
