"""Reading a branch's own Excel roster into plain rows (with every problem named) for models/ to validate.

Real files have title rows above the table, one- or two-row headers with merged cells, columns in any order,
NFD or legacy-encoded (TCVN3, VNI) text, and dates as Excel dates, text or bare years. The reader works in
openpyxl's read-only mode (constant memory, no merged-cell information: a group header is carried to the right over
the columns whose second header row is filled). Formulas are read as their cached values; a formula without one is
a row problem. Hostile files raise ImportFileError with a Vietnamese message and nothing else.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from models.core import clock
from models.core.numerals import thousands
from models.core.vnname import fold
from models.roster.fields import DATE_FIELDS, MEMBER_FIELDS
from reports.core.errors import Cancelled, ImportFileError
from reports.roster import roster_values as rv
from reports.roster.legacy_encoding import ENCODING_LABELS, needs_check, to_unicode
from reports.roster.roster_files import (
    check_file,
    damage_reported,
    open_workbook,
    sheet_has_formulas,
    sheet_rows,
    styled_cell,
)
from reports.roster.roster_headers import (
    FEMALE_COLUMN,
    IGNORED,
    MALE_COLUMN,
    double_mapping,
    header_score,
    is_numbering_row,
    single_mapping,
)

MAX_DATA_ROWS = 20_000
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
HEADER_SCAN_ROWS = 30
PROGRESS_EVERY = 250
Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class Problem:
    row: int  # Excel row number
    column: str  # the column's header text in the file ("" for the row as a whole)
    message: str  # Vietnamese
    severity: str = rv.ERROR  # "error" | "warning"


@dataclass(frozen=True)
class Conversion:
    row: int
    column: str
    encoding: str  # legacy_encoding.TCVN3 | VNI
    original: str


@dataclass
class ImportedRow:
    row: int  # Excel row number
    values: dict[str, object]  # MEMBER_FIELDS keys -> str | date | None
    problems: list[Problem] = field(default_factory=list)
    year_only: set[str] = field(default_factory=set)  # date keys for which only the year (or month) was known

    @property
    def has_errors(self) -> bool:
        return any(p.severity == rv.ERROR for p in self.problems)


@dataclass
class RosterReadResult:
    sheet: str
    header_row: int  # first header row (Excel number)
    header_rows: int  # 1 or 2
    headers: dict[int, str]  # column number (1 = A) -> header text as in the file
    mapping: dict[int, str]  # column number -> field key (or MALE_COLUMN / FEMALE_COLUMN)
    numbering: int | None = None  # column number of the STT column
    rows: list[ImportedRow] = field(default_factory=list)
    conversions: list[Conversion] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return [p for row in self.rows for p in row.problems]

    @property
    def unmapped(self) -> list[str]:
        """Headers of columns that will not be imported."""
        return [text for col, text in self.headers.items() if col not in self.mapping and text]

    def encodings_used(self) -> dict[str, int]:
        """Legacy encoding label -> number of cells converted."""
        out: dict[str, int] = {}
        for c in self.conversions:
            out[ENCODING_LABELS[c.encoding]] = out.get(ENCODING_LABELS[c.encoding], 0) + 1
        return out


@dataclass(frozen=True)
class SheetInfo:
    name: str
    rows: int | None  # as declared by the file (None when it does not say)
    columns: int | None


def list_sheets(path: str | os.PathLike[str]) -> list[SheetInfo]:
    """The worksheets of a workbook, for the sheet chooser."""
    check_file(path)
    workbook = open_workbook(path, data_only=True)
    try:
        return [SheetInfo(ws.title, ws.max_row, ws.max_column) for ws in workbook.worksheets]
    finally:
        workbook.close()


def read_roster(
    path: str | os.PathLike[str],
    sheet: str | None = None,
    *,
    mapping: Mapping[int, str] | None = None,
    header_row: int | None = None,
    progress: Progress | None = None,
    today: date | None = None,
    max_rows: int = MAX_DATA_ROWS,
) -> RosterReadResult:
    """Read the roster on `sheet` (default: the first sheet).

    `mapping` (column number, 1 = A -> field key) overrides the detected one; `header_row` forces the header's
    Excel row. `progress(done, total)` is called every few hundred rows; returning False cancels (Cancelled).
    """
    check_file(path)
    today = today or clock.today()
    workbook = open_workbook(path, data_only=True)
    formulas = None
    try:
        with damage_reported(path):
            ws = _sheet(workbook, sheet)
            total = ws.max_row or 0
            if total > max_rows + HEADER_SCAN_ROWS:
                raise ImportFileError(
                    f"Trang tính «{ws.title}» có khoảng {thousands(total)} dòng, vượt giới hạn {thousands(max_rows)} "
                    "dòng dữ liệu của một lần nhập. Hãy tách danh sách thành nhiều tệp nhỏ hơn."
                )
            ws.reset_dimensions()  # declared dimensions can be wrong: read what is there
            if sheet_has_formulas(workbook, ws):
                formulas = open_workbook(path, data_only=False)
                formula_ws = formulas[ws.title]
                formula_ws.reset_dimensions()
                formula_rows: Iterator[tuple] | None = formula_ws.iter_rows(values_only=True)
            else:
                formula_rows = None
            reader = _SheetReader(ws, today, progress, total, max_rows)
            return reader.read(sheet_rows(ws), formula_rows, mapping, header_row)
    finally:
        workbook.close()
        if formulas is not None:
            formulas.close()


def _sheet(workbook: Any, name: str | None) -> Any:
    if not workbook.worksheets:
        raise ImportFileError("Tệp Excel không có trang tính nào.")
    if name is None:
        return workbook.worksheets[0]
    if name not in workbook.sheetnames:
        raise ImportFileError(f"Tệp không có trang tính «{name}».")
    return workbook[name]


class _SheetReader:
    def __init__(self, ws: Any, today: date, progress: Progress | None, total: int, max_rows: int) -> None:
        self.ws, self.title, self.today, self.progress = ws, ws.title, today, progress
        self.total, self.max_rows = total, max_rows
        # What a cell's style says, by style: a roster has a handful of styles for its thousands of cells.
        self._year_only: dict[int, bool] = {}
        self._fonts: dict[int, str] = {}

    def read(
        self,
        rows: Iterator[list],
        formula_rows: Iterator[tuple] | None,
        mapping: Mapping[int, str] | None,
        header_row: int | None,
    ) -> RosterReadResult:
        head: list[list] = []
        for cells in rows:
            head.append(cells)
            if len(head) >= HEADER_SCAN_ROWS:
                break
        if not any(_value(c) not in (None, "") for cells in head for c in cells):
            raise ImportFileError(f"Trang tính «{self.title}» không có dữ liệu.")
        head_values = [[_header_text(_value(c)) for c in cells] for cells in head]
        first, count, headers, detected, numbering = self._header(head_values, header_row)
        if mapping is not None:
            detected = {int(col): key for col, key in mapping.items() if key}
        if "full_name" not in detected.values():
            raise ImportFileError(
                "Không tìm thấy dòng tiêu đề có cột «Họ và tên». Hãy kiểm tra trang tính, hoặc chọn cột bằng tay."
            )
        result = RosterReadResult(self.title, first, count, headers, detected, numbering)
        self._columns = [(col, key, headers.get(col, "")) for col, key in detected.items()]
        self._labels = {key: label for _col, key, label in self._columns}
        self._empty = {key: None for key in detected.values() if key not in _GENDER_KEYS}
        data_start = first + count
        done = 0
        for number, cells in enumerate(_chain(head, rows), start=1):
            formula_values = next(formula_rows, ()) if formula_rows is not None else ()
            if number < data_start:
                continue
            done += 1
            if done > self.max_rows + HEADER_SCAN_ROWS:
                raise ImportFileError(
                    f"Trang tính «{self.title}» có quá nhiều dòng (giới hạn {self.max_rows} dòng dữ liệu một lần)."
                )
            if self.progress is not None and done % PROGRESS_EVERY == 0 and not self.progress(done, self.total):
                raise Cancelled("Đã hủy việc đọc danh sách.")
            if number == data_start and is_numbering_row([_value(c) for c in cells]):
                continue
            row = self._row(number, cells, formula_values, result)
            if row is _FOOTER:
                break
            if row is not None:
                result.rows.append(row)
        if len(result.rows) > self.max_rows:
            raise ImportFileError(f"Danh sách có {len(result.rows)} dòng, vượt giới hạn {self.max_rows} dòng.")
        if self.progress is not None and not self.progress(done, max(done, self.total)):
            raise Cancelled("Đã hủy việc đọc danh sách.")
        return result

    def _header(
        self, rows: list[list[object]], forced: int | None
    ) -> tuple[int, int, dict[int, str], dict[int, str], int | None]:
        """(first header row, 1 or 2 rows, header texts, mapping, STT column) of the best-scoring candidate."""
        best: tuple[int, int, int, dict[int, str], dict[int, str]] | None = None
        candidates = [forced - 1] if forced else range(len(rows))
        for index in candidates:
            if index >= len(rows):
                continue
            upper = rows[index]
            lower = rows[index + 1] if index + 1 < len(rows) else []
            options = [(1, *single_mapping(upper))]
            if lower and not is_numbering_row(lower):
                options.append((2, *double_mapping(upper, lower)))
            for count, headers, keys in options:
                score = header_score(keys)
                # A two-row header must add to what its lower row names alone (not a title row over the header).
                if count == 2 and score <= max(header_score(options[0][2]), header_score(single_mapping(lower)[1])):
                    continue
                if best is None or score > best[0]:
                    best = (score, index + 1, count, headers, keys)
        if best is None or best[0] < 4:
            return (forced or 1), 1, {}, {}, None
        _best_score, first, count, headers, keys = best
        numbering = next((col for col, key in keys.items() if key == IGNORED), None)
        return first, count, headers, {col: key for col, key in keys.items() if key != IGNORED}, numbering

    def _row(
        self, number: int, cells: list[dict[str, Any] | None], formula_values: tuple, result: RosterReadResult
    ) -> ImportedRow | None:
        row = ImportedRow(number, {})
        raw_values: dict[str, object] = {}
        width = len(cells)
        for col, key, label in self._columns:
            cell: dict[str, Any] | None = cells[col - 1] if col <= width else None
            if cell is None or cell["value"] is None:
                if col - 1 < len(formula_values) and _is_formula(formula_values[col - 1]):
                    row.problems.append(
                        Problem(
                            number,
                            label,
                            "Ô chứa công thức chưa có giá trị đã tính; hãy mở tệp bằng Excel, lưu lại rồi nhập lại.",
                            rv.ERROR,
                        )
                    )
                continue
            raw = cell["value"]
            if isinstance(raw, str):
                if len(raw) > MAX_CELL_CHARS:
                    message = (
                        f"Ô dài {thousands(len(raw))} ký tự, vượt giới hạn {thousands(MAX_CELL_CHARS)} ký "
                        "tự của một ô Excel."
                    )
                    row.problems.append(Problem(number, label, message, rv.ERROR))
                    continue
                if needs_check(raw):
                    converted, encoding = to_unicode(raw, self._font_of(cell))
                    if encoding:
                        result.conversions.append(Conversion(number, label, encoding, raw))
                        raw = converted
                if not raw.strip():
                    raw = None
            if isinstance(raw, datetime) and key in _DATE_OR_GENDER_KEYS and self._shows_year_only(cell):
                raw = raw.year  # a date cell formatted to show just the year: only the year is known
            if raw is not None:
                raw_values[key] = raw
        serial = _serial(cells, result.numbering)
        if not raw_values and not row.problems:
            if serial is None:
                return None
            # A numbered row of the table with nothing else in it is shown, not silently dropped.
            message = f"Dòng có số thứ tự {serial} nhưng không có họ và tên."
            label = next((result.headers.get(col, "") for col, key in result.mapping.items() if key == "full_name"), "")
            row.problems.append(Problem(number, label, message, rv.ERROR))
            row.values = dict(self._empty)
            return row
        name = raw_values.get("full_name")
        texts = [name] if name is not None else list(raw_values.values())
        if any(isinstance(text, str) and _FOOTER_RE.match(fold(text)) for text in texts):
            return _FOOTER  # "T/M CHI BỘ", "Người lập biểu", "Tổng số: 25": the table has ended
        if name is None and len(raw_values) == 1 and not row.problems and serial is None:
            key, only = next(iter(raw_values.items()))
            if key in _TEXT_KEYS and isinstance(only, str | int):
                return None  # a signature or note line beside the table, or a stray number
        self._parse(row, raw_values, result)
        return row

    def _shows_year_only(self, cell: dict[str, Any]) -> bool:
        style = cell["style_id"]
        if style not in self._year_only:
            self._year_only[style] = _shows_year_only(styled_cell(self.ws, cell))
        return self._year_only[style]

    def _font_of(self, cell: dict[str, Any]) -> str:
        style = cell["style_id"]
        if style not in self._fonts:
            self._fonts[style] = _font_name(styled_cell(self.ws, cell))
        return self._fonts[style]

    def _parse(self, row: ImportedRow, raw_values: dict[str, object], result: RosterReadResult) -> None:
        labels = self._labels
        row.values = dict(self._empty)

        def problem(key: str, parsed: rv.Parsed) -> None:
            row.problems.append(Problem(row.row, labels.get(key, ""), parsed.message, parsed.severity))

        for key, raw in raw_values.items():
            if key in (MALE_COLUMN, FEMALE_COLUMN):
                continue
            if key in _DATE_KEYS:
                parsed = rv.parse_date(raw, self.today)
                if parsed.year_only:
                    row.year_only.add(key)
            elif key == "gender":
                parsed = rv.parse_gender(raw)
            else:
                parsed = rv.parse_text(raw, key)
            if parsed.message:
                problem(key, parsed)
            row.values[key] = parsed.value
        self._gender_columns(row, raw_values, problem)
        if not row.values.get("full_name"):
            row.problems.insert(0, Problem(row.row, labels.get("full_name", ""), "Thiếu họ và tên.", rv.ERROR))

    def _gender_columns(
        self, row: ImportedRow, raw_values: dict[str, object], problem: Callable[[str, rv.Parsed], None]
    ) -> None:
        male, female = raw_values.get(MALE_COLUMN), raw_values.get(FEMALE_COLUMN)
        if male is None and female is None:
            return
        if male is not None and female is not None:
            problem(MALE_COLUMN, rv.Parsed(message="Cả cột «Nam» và cột «Nữ» đều có dữ liệu.", severity=rv.ERROR))
            return
        key, raw = (MALE_COLUMN, male) if male is not None else (FEMALE_COLUMN, female)
        gender = "Nam" if key == MALE_COLUMN else "Nữ"
        if row.values.get("gender") and row.values["gender"] != gender:
            problem(key, rv.Parsed(message=f"Cột «{gender}» mâu thuẫn với cột «Giới tính».", severity=rv.ERROR))
            return
        row.values["gender"] = gender
        if rv.is_mark(raw):
            return
        parsed = rv.parse_date(raw, self.today)
        if parsed.message:
            problem(key, parsed)
        if parsed.year_only:
            row.year_only.add("birth_date")
        if row.values.get("birth_date") is None:
            row.values["birth_date"] = parsed.value


_DATE_KEYS = frozenset(DATE_FIELDS)
_GENDER_KEYS = frozenset((MALE_COLUMN, FEMALE_COLUMN))
_DATE_OR_GENDER_KEYS = _DATE_KEYS | _GENDER_KEYS
_YEAR_FORMAT_RE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # quoted text, escaped characters, [colour] / [$-locale]
_TEXT_KEYS = frozenset(f.key for f in MEMBER_FIELDS if f.kind == "text")
_FOOTER_RE = re.compile(r"^(t ?/ ?m\b|tm |nguoi lap|noi nhan|tong so|tong cong|xac nhan|bi thu$|.*, ngay \d)")
_FOOTER = ImportedRow(0, {})


def _header_text(value: object) -> object:
    """Header cells of legacy files are legacy-encoded too."""
    if isinstance(value, str) and needs_check(value):
        return to_unicode(value)[0]
    return value


def _value(cell: dict[str, Any] | None) -> object:
    return None if cell is None else cell["value"]


def _serial(cells: list, column: int | None) -> int | None:
    """The row's number in the STT column (1, 1.0, "1", "1."), or None."""
    value = _value(cells[column - 1]) if column is not None and column - 1 < len(cells) else None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().rstrip(".").isdigit():
        value = int(value.strip().rstrip("."))
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _shows_year_only(cell: Any) -> bool:
    """Whether the cell's number format shows a year and no day or month ("yyyy", '"Năm "yyyy')."""
    shown = _YEAR_FORMAT_RE.sub("", str(getattr(cell, "number_format", "") or "")).lower()
    return "y" in shown and "d" not in shown and "m" not in shown


def _font_name(cell: Any) -> str:
    try:
        return cell.font.name or ""
    except (AttributeError, IndexError):
        return ""


def _is_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith("=")


def _chain(head: list[list], rest: Iterator[list]) -> Iterator[list]:
    yield from head
    yield from rest
