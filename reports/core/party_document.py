"""Party document layout (Hướng dẫn 36-HD/VPTW) on a worksheet: header blocks, title, table, signature, print setup.

`DocumentSheet` appends rows top to bottom, so it works on write-only worksheets (fast, constant memory) as well as
normal ones. In write-only mode column widths, the sheet properties (fit to page) and the default row height are
written with the first row, so the constructor sets them; row heights are set just before each row is appended;
merged ranges, print titles, margins and the footer are written when the workbook is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import zip_longest
from typing import Any

from reports.core import styles
from reports.core.streamed_rows import fast_row_writer
from reports.core.styles import BODY_SIZE, DATE_FORMAT, TABLE_SIZE

PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"
_CM_PER_INCH = 2.54
# A document that runs a little over one page (by the page estimate) is printed shrunk to one page down to this
# scale rather than split with a half-empty first page.
MIN_ONE_PAGE_SCALE = 0.85


@dataclass(frozen=True)
class DocumentHeader:
    """Top blocks of a Party document."""

    higher_committee: str  # "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    issuer: str  # "CHI BỘ VĂN PHÒNG SỞ" (congress papers: "ĐẠI HỘI LẦN THỨ IV")
    number: str = ""  # "Số 01-DS/CB", or "" when the document has no number
    place: str = ""  # "Hà Nội"
    date: date | None = None  # None prints "ngày ... tháng ... năm" blanks to fill in by hand
    watermark: str = ""  # a practice file's warning, printed in red under the header and in every page header


@dataclass(frozen=True)
class Signature:
    """Signature block on the right; the counting minutes pass "T/M BAN KIỂM PHIẾU" / "TRƯỞNG BAN"."""

    on_behalf: str = "T/M CHI BỘ"
    role: str = "BÍ THƯ"
    name: str = ""


@dataclass(frozen=True)
class Column:
    """One table column. kind: text (left, wrapped) | center | date (dd/mm/yyyy) | number (right)."""

    label: str
    width: float
    kind: str = "text"
    group: str = ""  # adjacent columns with the same group share a merged upper header cell
    number_format: str = ""  # overrides the kind's format (e.g. '0.0"%"')


DEFAULT_RECIPIENTS: tuple[str, ...] = ("Đảng ủy cấp trên (để báo cáo),", "Lưu chi bộ.")


def new_workbook(sheet_title: str) -> tuple[Any, Any]:
    """A write-only workbook and its one worksheet, whose default font is the documents' own (Times New Roman):
    a column's width is counted in digits of the default font, so with openpyxl's Calibri a machine without Calibri
    (LibreOffice on Linux) draws every column wider, prints the page smaller and breaks it elsewhere than Excel.
    Times New Roman, or its metric clone Liberation Serif, gives the same widths everywhere, those the page estimate
    below reckons with."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    workbook = Workbook(write_only=True)
    default = Font(name=styles.FONT_NAME, sz=11, family=1)
    workbook._fonts = IndexedList([default])  # the first font is the workbook's default
    workbook._named_styles["Normal"].font = default
    return workbook, workbook.create_sheet(title=sheet_title[:31])


class DocumentSheet:
    """Writes one Party document on `ws`, row by row."""

    def __init__(
        self,
        ws: Any,
        columns: Sequence[Column],
        *,
        landscape: bool = False,
        table_size: float = TABLE_SIZE,
    ) -> None:
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.dimensions import SheetFormatProperties

        self.ws = ws
        self.columns = list(columns)
        self.table_size = table_size
        self.row = 0  # last row written
        self._streaming = not hasattr(ws, "merge_cells")
        self._letters = [get_column_letter(i) for i in range(1, len(self.columns) + 1)]
        for letter, column in zip(self._letters, self.columns, strict=True):
            ws.column_dimensions[letter].width = column.width
        ws.sheet_format = SheetFormatProperties(defaultRowHeight=styles.row_height(1, table_size), customHeight=True)
        self._page_setup(landscape)
        total = sum(c.width for c in self.columns)
        self._split = self._split_at(total * 0.5)  # left block: columns 1.._split
        self._sign_from = self._split_at(total * 0.5) + 1  # signature block: columns _sign_from..n
        self._landscape = landscape
        self._heights: list[float] = []  # height in points of every row written, for the page estimate
        self._default_height = styles.row_height(1, table_size)
        self._title_rows = (0, 0)
        self._table_end = 0  # last body row of the table (0 before table_rows)

    # -- page -------------------------------------------------------------------------------------------------------
    def _page_setup(self, landscape: bool) -> None:
        ws = self.ws
        ws.page_setup.paperSize = 9  # A4
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.print_options.horizontalCentered = True
        margins = ws.page_margins
        # 36-HD/VPTW: top and bottom 2 cm, left 3 cm, right 1.5 cm (landscape: the binding side is the top).
        left, right, top, bottom = (2.0, 1.5, 2.5, 1.5) if landscape else (3.0, 1.5, 2.0, 2.0)
        margins.left, margins.right = left / _CM_PER_INCH, right / _CM_PER_INCH
        margins.top, margins.bottom = top / _CM_PER_INCH, bottom / _CM_PER_INCH
        margins.header = margins.footer = 0.8 / _CM_PER_INCH
        ws.oddFooter.center.text = "Trang &P / &N"
        ws.oddFooter.center.font = f"{styles.FONT_NAME},Regular"
        ws.oddFooter.center.size = 11

    def _split_at(self, width: float) -> int:
        """The column count whose cumulative width is closest to `width` (at least 1, leaving at least 1)."""
        best, best_gap, total = 1, float("inf"), 0.0
        for index, column in enumerate(self.columns[:-1], start=1):
            total += column.width
            if abs(total - width) < best_gap:
                best, best_gap = index, abs(total - width)
        return best

    def _width(self, first: int, last: int) -> float:
        return sum(c.width for c in self.columns[first - 1 : last])

    # -- low-level rows ---------------------------------------------------------------------------------------------
    def _merge(self, first_col: int, last_col: int, first_row: int, last_row: int | None = None) -> None:
        last_row = first_row if last_row is None else last_row
        if first_col == last_col and first_row == last_row:
            return
        ref = f"{self._letters[first_col - 1]}{first_row}:{self._letters[last_col - 1]}{last_row}"
        # Each merge is of rows just written, never inside an earlier one: add it without openpyxl's check against
        # every merge so far, which makes a long document quadratic (minutes of 20,000 candidates: minutes, not s).
        if self._streaming:
            from openpyxl.worksheet.cell_range import CellRange

            self.ws.merged_cells.ranges.add(CellRange(ref))
        else:
            from openpyxl.worksheet.merge import MergedCellRange

            merged = MergedCellRange(self.ws, ref)
            self.ws.merged_cells.ranges.add(merged)
            self.ws._clean_merge_range(merged)

    def append(self, cells: Sequence[object], height: float | None = None) -> int:
        """Append one row (values or cells); returns its row number."""
        self.row += 1
        self._heights.append(height or self._default_height)
        if height is not None:
            self.ws.row_dimensions[self.row].height = height
        self.ws.append([_as_cell(self.ws, value) for value in cells])
        return self.row

    def blank(self, count: int = 1) -> None:
        for _ in range(count):
            self.append([])

    def spans_row(self, spans: Sequence[tuple[int, int, Any]], height: float | None = None) -> int:
        """A row of merged spans (first_col, last_col, cell, value or None): blocks beside or below a table."""
        return self._spans_row(spans, height)

    def _spans_row(self, spans: Sequence[tuple[int, int, Any]], height: float | None = None) -> int:
        """A row of merged spans (first_col, last_col, cell or None)."""
        cells: list[object] = [None] * len(self.columns)
        for first, _last, cell in spans:
            cells[first - 1] = cell
        row = self.append(cells, height)
        for first, last, _cell in spans:
            self._merge(first, last, row)
        return row

    def _text_height(self, text: str, first: int, last: int, size: float, caps: bool, bold: bool) -> float:
        return styles.row_height(styles.line_count(text, self._width(first, last), size, caps, bold), size)

    def paragraph(
        self, text: str, *, size: float = BODY_SIZE, bold: bool = False, italic: bool = False, align: str = "left"
    ) -> int:
        """A line of text across the whole width (wrapped, with an estimated height)."""
        n = len(self.columns)
        cell = styles.styled_cell(self.ws, text, size=size, bold=bold, italic=italic, horizontal=align)
        return self._spans_row([(1, n, cell)], self._text_height(text, 1, n, size, text.isupper(), bold))

    # -- document blocks --------------------------------------------------------------------------------------------
    def header_blocks(self, header: DocumentHeader) -> None:
        """Top-left: higher committee, issuer (bold), "*", number; top-right: Party name (underlined), date line."""
        ws, n, split = self.ws, len(self.columns), self._split
        left = [
            (header.higher_committee.upper(), False, False),
            (header.issuer.upper(), True, False),
            ("*", False, False),
            (header.number, False, False),
        ]
        right = [(PARTY_NAME, True, True), ("", False, False), ("", False, False)]
        right.append((styles.date_line(header.place, header.date), False, False))
        committee_size = styles.caps_size_to_fit(left[0][0], self._width(1, split), BODY_SIZE)
        for index, ((ltext, lbold, _), (rtext, rbold, runder)) in enumerate(zip(left, right, strict=True)):
            italic = index == 3 and bool(rtext)
            lsize = committee_size if index == 0 else BODY_SIZE
            rsize = 15 if index == 0 else BODY_SIZE
            lcell = styles.styled_cell(ws, ltext or None, size=lsize, bold=lbold, horizontal="center")
            rcell = styles.styled_cell(
                ws, rtext or None, size=rsize, bold=rbold, italic=italic, underline=runder, horizontal="center"
            )
            height = max(
                self._text_height(ltext, 1, split, lsize, ltext.isupper(), lbold),
                self._text_height(rtext, split + 1, n, rsize, rtext.isupper(), rbold),
            )
            self._spans_row([(1, split, lcell), (split + 1, n, rcell)], height)
        if header.watermark:
            self._watermark(header.watermark)

    def _watermark(self, text: str) -> None:
        """A practice file's paper can never pass for a real one: red on the page and in every page header."""
        from openpyxl.styles import Font

        n = len(self.columns)
        cell = styles.styled_cell(self.ws, text, size=BODY_SIZE, bold=True, horizontal="center")
        cell.font = Font(name=styles.FONT_NAME, size=BODY_SIZE, bold=True, color="C00000")
        self._spans_row([(1, n, cell)], self._text_height(text, 1, n, BODY_SIZE, text.isupper(), True))
        self.ws.oddHeader.center.text = text
        self.ws.oddHeader.center.color = "C00000"

    def title(self, title: str, summary: str = "") -> None:
        """Title in capitals (15, bold), then an optional bold summary line."""
        self.blank()
        self.paragraph(title.upper(), size=15, bold=True, align="center")
        if summary:
            self.paragraph(summary, size=BODY_SIZE, bold=True, align="center")

    def table_header(self, numbered: bool = True) -> tuple[int, int]:
        """Header rows (bold, wrapped, bordered; two rows when columns are grouped), optionally a row of column
        numbers; set to repeat on every printed page. Returns (first, last) header row."""
        size, ws = self.table_size, self.ws
        grouped = any(c.group for c in self.columns)
        label_row_lines = max(styles.line_count(c.label, c.width, size, bold=True) for c in self.columns)

        def head(value: str | None) -> Any:
            return styles.styled_cell(ws, value, size=size, bold=True, horizontal="center", border=True)

        first = self.row + 1
        if grouped:
            group_lines = max(
                styles.line_count(c.group, self._group_width(c.group), size, bold=True) for c in self.columns if c.group
            )
            top = [head(c.group or c.label) for c in self.columns]
            self.append(top, styles.row_height(group_lines, size))
            bottom = [head(c.label if c.group else None) for c in self.columns]
            sub_lines = max(styles.line_count(c.label, c.width, size, bold=True) for c in self.columns if c.group)
            self.append(bottom, styles.row_height(sub_lines, size))
            for start, end, group in self._group_spans():
                if group:
                    self._merge(start, end, first)
                else:
                    self._merge(start, start, first, first + 1)
        else:
            self.append([head(c.label) for c in self.columns], styles.row_height(label_row_lines, size))
        if numbered:
            numbers = [
                styles.styled_cell(ws, f"({i})", size=size - 1, italic=True, horizontal="center", border=True)
                for i in range(1, len(self.columns) + 1)
            ]
            self.append(numbers)
        self.ws.print_title_rows = f"{first}:{self.row}"
        self._title_rows = (first, self.row)
        return first, self.row

    def _group_width(self, group: str) -> float:
        return sum(c.width for c in self.columns if c.group == group)

    def _group_spans(self) -> Iterator[tuple[int, int, str]]:
        index = 0
        while index < len(self.columns):
            group = self.columns[index].group
            end = index
            while group and end + 1 < len(self.columns) and self.columns[end + 1].group == group:
                end += 1
            if group:
                yield index + 1, end + 1, group
            else:
                for col in range(index, end + 1):
                    yield col + 1, col + 1, ""
            index = end + 1

    def _body_templates(self, bold: bool = False) -> list[Any]:
        templates = []
        for column in self.columns:
            horizontal = {"text": "left", "number": "right"}.get(column.kind, "center")
            number_format = column.number_format or (DATE_FORMAT if column.kind == "date" else None)
            templates.append(
                styles.styled_cell(
                    self.ws,
                    size=self.table_size,
                    bold=bold,
                    horizontal=horizontal,
                    border=True,
                    number_format=number_format,
                )
            )
        return templates

    def table_rows(
        self,
        rows: Iterable[Sequence[object]],
        bold: Callable[[Sequence[object]], bool] | None = None,
        min_lines: int = 1,
    ) -> int:
        """Body rows (bordered; dates as real dates shown dd/mm/yyyy; rows for which `bold(row)` is true in bold).
        Rows with wrapped text get an estimated height; every row is at least `min_lines` lines high (a row to sign
        by hand). Returns the number of rows written."""
        from openpyxl.worksheet.dimensions import RowDimension

        plain_templates = self._body_templates()
        bold_templates = self._body_templates(bold=True) if bold else plain_templates
        current = [plain_templates]
        size = self.table_size
        # Every column's text wraps (a centred column of two dates, one a line, too): each row is as high as its text.
        per_line = [styles.chars_per_line(c.width, size) for c in self.columns]
        heights: dict[int, Any] = {}  # one shared row height per line count: its fields carry no row number
        ws, count, width = self.ws, 0, len(plain_templates)
        fast = None
        if self._streaming:
            ws._values_to_row = _template_row_writer(current)
            ws._get_writer()  # made by the first row appended, if none was yet
            fast = fast_row_writer(ws)
            if fast is not None:
                ws._writer.write_row = fast  # each row as one string (reports/core/streamed_rows.py)
        try:
            for values in rows:
                lines = min_lines
                for value, limit in zip(values, per_line, strict=False):
                    if limit and isinstance(value, str) and (len(value) > limit or "\n" in value):
                        lines = max(lines, styles.lines_at(value, limit))
                self.row += 1
                self._heights.append(styles.row_height(lines, size) if lines > 1 else self._default_height)
                if lines > 1:
                    if lines not in heights:
                        height = RowDimension(ws, ht=styles.row_height(lines, size), customHeight=True)
                        # Streamed, a row's attributes are only read once, by the writer: as the plain dict it
                        # would read out of the RowDimension (the same attributes), with no descriptor per row.
                        heights[lines] = dict(height) if self._streaming else height
                    ws.row_dimensions[self.row] = heights[lines]
                templates = current[0] = bold_templates if bold and bold(values) else plain_templates
                ws.append(values[:width] if self._streaming else _copied(templates, values))
                count += 1
        finally:
            if self._streaming:
                del ws._values_to_row
            if fast is not None:
                del ws._writer.write_row
        self._table_end = self.row
        return count

    def _page_height(self) -> float:
        """Printable height of a page in sheet points, after the fit-to-width scaling."""
        margins = self.ws.page_margins
        paper_w, paper_h = (842.0, 595.0) if self._landscape else (595.0, 842.0)
        printable_w = paper_w - (margins.left + margins.right) * 72
        # Excel width units -> points as LibreOffice lays Times New Roman sheets out (measured: ~7.8 px a unit).
        sheet_w = sum(c.width * 7.8 + 5 for c in self.columns) * 0.75
        scale = min(1.0, printable_w / sheet_w)
        return (paper_h - (margins.top + margins.bottom) * 72) / scale

    def _layout(self, upto: int) -> tuple[list[int], float, int]:
        """Estimated page of each of rows 1..upto, the height used on the last of those pages and the body rows on it
        (from the heights set on every row, the breaks already placed and the rows repeated on each page)."""
        first, last = self._title_rows
        page, repeat = self._page_height(), sum(self._heights[first - 1 : last]) if first else 0.0
        placed = {brk.id for brk in self.ws.row_breaks.brk}
        pages, number, used, body_rows = [], 1, 0.0, 0
        for index, height in enumerate(self._heights[:upto], start=1):
            if used + height > page or index - 1 in placed:
                number, used, body_rows = number + 1, repeat, 0
            used += height
            body_rows += index > last
            pages.append(number)
        return pages, used, body_rows

    def _break_before(self, row: int) -> None:
        from openpyxl.worksheet.pagebreak import Break

        if row > 1 and all(brk.id != row - 1 for brk in self.ws.row_breaks.brk):
            self.ws.row_breaks.brk = sorted([*self.ws.row_breaks.brk, Break(id=row - 1)], key=lambda brk: brk.id)

    def keep_together(self, first: int, last: int | None = None) -> None:
        """Break the page before row `first` when the rows from it to `last` (default: the last one written) would
        be split over two pages (by the estimate) and fit on one: a heading stays with what follows it, a small
        table stays whole."""
        last = self.row if last is None else min(last, self.row)
        if not 1 < first <= last:
            return
        pages, _used, _rows = self._layout(last)
        start, end = self._title_rows
        repeat = sum(self._heights[start - 1 : end]) if start else 0.0
        if pages[first - 1] != pages[-1] and repeat + sum(self._heights[first - 1 : last]) <= self._page_height():
            self._break_before(first)

    def _keep_with_table(self, block_height: float) -> None:
        """Break the page before the last two table rows when the signature block, with any rows written after the
        table (a block of figures), may not fit after them, so that it never stands alone on a page (the estimate
        uses the heights set on every row, the page breaks already placed and LibreOffice's column widths; Excel's
        differ by a few per cent, which the safety margin absorbs). A document without a table keeps its last two
        rows with the signature."""
        first, last = self._title_rows
        end = self._table_end if first else self.row
        _pages, used, body_rows = self._layout(end)
        after = sum(self._heights[end:])
        # Near a page boundary the estimate may be a row off either way: then also keep the last rows together.
        if (used + after + block_height > self._page_height() or body_rows < 3) and end - last > 2:
            if self._fits_one_page_shrunk(block_height):
                self.ws.page_setup.fitToHeight = 1
            else:
                self._break_before(end - 1)

    def _keep_with_closing(self, first: int, block_height: float) -> bool:
        """Break the page before row `first` (and drop any break after it) when the rows from it and a block of
        `block_height` after them would not all be on one page by the estimate, and fit on one: the signature's
        page then opens with the closing text from `first`, not with its last lines alone. Returns whether the
        rows and the block share a page."""
        if not 1 < first <= self.row:
            return False
        page = self._page_height()
        pages, used, _rows = self._layout(self.row)
        if pages[first - 1] == pages[-1] and used + block_height <= page:
            return True
        start, end = self._title_rows
        repeat = sum(self._heights[start - 1 : end]) if start else 0.0
        if repeat + sum(self._heights[first - 1 :]) + block_height > page:
            return False
        self.ws.row_breaks.brk = [brk for brk in self.ws.row_breaks.brk if brk.id < first - 1]
        self._break_before(first)
        return True

    def _fits_one_page_shrunk(self, block_height: float) -> bool:
        """Whether the whole document, with a block of `block_height` still to come, fits on one page when printed
        at no less than MIN_ONE_PAGE_SCALE: a short list whose figures and signature overflow the first page by a
        little is better shrunk a bit than split into a half-empty page and a page of leftovers."""
        if self.ws.row_breaks.brk:
            return False
        return sum(self._heights) + block_height <= self._page_height() / MIN_ONE_PAGE_SCALE

    def keep_table_together(self, first: int) -> bool:
        """After a small table (from row `first`, e.g. the line that introduces it): keep it on one page and stop
        repeating its header rows, which would otherwise print above whatever follows the table on the next pages.
        A table too tall for one page keeps its repeated header. Returns whether the table was kept whole."""
        start, end = self._title_rows
        if not start or sum(self._heights[max(first, 1) - 1 :]) > self._page_height():
            return False
        self.ws._print_rows = None  # openpyxl's setter ignores None
        self._title_rows = (0, 0)
        self.keep_together(first)
        return True

    def signature(
        self,
        signature: Signature,
        recipients: Sequence[str] = DEFAULT_RECIPIENTS,
        *,
        left: Sequence[tuple[str, bool]] | None = None,
        keep_from: int | None = None,
    ) -> None:
        """The "Nơi nhận:" list bottom left and the signature block bottom right, side by side. `left` replaces the
        list by lines of (text, bold) centred at body size: the counting minutes put the members of the counting
        committee there, each name under a space to sign. `keep_from` is the first row of the closing text (a last
        section): when the signature cannot follow it on its page, that text moves to the signature's page with it,
        so that page never holds the signature with only a line or two above it."""
        ws, n, right = self.ws, len(self.columns), self._sign_from
        if left is None:
            left_cells = [styles.styled_cell(ws, "Nơi nhận:", size=12, bold=True, italic=True)]
            left_cells += [styles.styled_cell(ws, f"- {item}", size=11) for item in recipients]
            left_lines = [1] * len(left_cells)
        else:
            left_cells = [
                styles.styled_cell(ws, text or None, size=BODY_SIZE, bold=bold, horizontal="center")
                for text, bold in left
            ]
            left_lines = [
                styles.line_count(text, self._width(1, right - 1), BODY_SIZE, text.isupper(), bold)
                for text, bold in left
            ]
        right_texts = [signature.on_behalf.upper(), signature.role.upper(), "", "", "", signature.name]
        count = max(len(left_cells), len(right_texts))
        heights: list[float | None] = []
        for index in range(count):
            text = right_texts[index] if index < len(right_texts) else ""
            lines = max(
                left_lines[index] if index < len(left_lines) else 1,
                styles.line_count(text, self._width(right, n), BODY_SIZE, text.isupper(), True),
            )
            heights.append(styles.row_height(lines, BODY_SIZE) if lines > 1 else None)
        block = sum(h or self._default_height for h in heights) + 4 * self._default_height  # with a safety margin
        if keep_from is None or not self._keep_with_closing(keep_from, block):
            self._keep_with_table(block)
        self.blank()
        for index in range(count):
            lcell = left_cells[index] if index < len(left_cells) else None
            text = right_texts[index] if index < len(right_texts) else ""
            rcell = styles.styled_cell(ws, text or None, size=BODY_SIZE, bold=True, horizontal="center")
            self._spans_row([(1, right - 1, lcell), (right, n, rcell)], heights[index])


def _template_row_writer(current: list[list[Any]]) -> Callable[[Sequence[object], int], Iterator[Any]]:
    """Replaces WriteOnlyWorksheet._values_to_row while body rows are written.

    A write-only worksheet serialises each cell this generator yields before asking for the next one (openpyxl
    reuses its own unstyled cell the same way), so one styled template cell per column serves every row: no cell is
    created and no style is looked up per value, which keeps large lists close to plain write-only speed.
    `current[0]` holds the template row in use (plain or bold).
    """

    frozen: dict[int, list[Any]] = {}  # id of a template row -> its cells with the style id looked up once

    def values_to_row(values: Sequence[object], row_index: int) -> Iterator[Any]:
        templates = current[0]
        cells = frozen.get(id(templates))
        if cells is None:
            cells = frozen[id(templates)] = [_frozen_style(template) for template in templates]
        for column, (template, value) in enumerate(zip_longest(cells, values), start=1):
            styles.write_value(template, value)
            template.column = column
            template.row = row_index
            yield template

    return values_to_row


@lru_cache(maxsize=1)
def _frozen_style_class() -> type:
    from openpyxl.cell.cell import Cell

    class FrozenStyleCell(Cell):
        """A cell whose style id and has_style are computed once: the writer asks for both for every cell, and each
        ask hashes the style (a third of the time of a big list)."""

        __slots__ = ("_style_id", "_has_style")

        @property
        def style_id(self) -> int:
            return self._style_id

        @property
        def has_style(self) -> bool:
            return self._has_style

    return FrozenStyleCell


def _frozen_style(template: Any) -> Any:
    cell = _frozen_style_class()(template.parent, style_array=template._style)
    cell._style_id, cell._has_style = template.style_id, template.has_style
    return cell


def _copied(templates: list[Any], values: Sequence[object]) -> list[Any]:
    from copy import copy

    from openpyxl.cell import WriteOnlyCell

    cells = []
    for template, value in zip_longest(templates, values[: len(templates)]):
        cell = styles.write_value(WriteOnlyCell(template.parent), value)
        cell._style = copy(template._style)
        cells.append(cell)
    return cells


def _as_cell(ws: Any, value: object) -> Any:
    """A plain value as a cell written through styles.write_value; cells and blanks as they are."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import Cell

    if value is None or isinstance(value, Cell):
        return value
    return styles.write_value(WriteOnlyCell(ws), value)
