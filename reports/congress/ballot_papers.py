"""Paper ballots (phiếu bầu cử) of one election round: several to an A4 page, a stamp box on each, cut lines between."""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reports.congress.paper_data import BallotPaper
from reports.core import styles
from reports.core.files import save_workbook
from reports.core.party_document import PARTY_NAME

SHEET_TITLE = "Phiếu bầu"
BALLOT_TITLE = "PHIẾU BẦU CỬ"
STAMP_CAPTION = "Dấu của Ban kiểm phiếu"
CONTINUED = "(tiếp theo)"
# These papers are for printing from Excel; the ballots read by a scanner are the PDF of services/scanning, whose
# geometry ChiBo controls (registration marks, QR code).
NOT_FOR_SCANNING = "Phiếu in từ Excel – không dùng để quét"
FORMS = ("strike", "agree")
MAX_COPIES = 2000
# Excel keeps at most 1,026 manual page breaks on a sheet: past that, the ballots go on to another sheet.
MAX_PAGES_PER_SHEET = 1000

# Columns: STT, name, agree box, disagree box (the strike form merges the name over the last three); the stamp box
# sits over the last two, top right. 84 units stay inside the printable width, so fit-to-width never has to shrink.
WIDTHS = (7.0, 49.0, 14.0, 14.0)
# Margins in cm (left, right, top, bottom) and the footer's distance from the bottom edge: small but printable.
MARGINS_CM = (1.0, 1.0, 1.0, 1.3)
FOOTER_CM = 0.5
_CM_PER_INCH = 2.54
_A4_HEIGHT = 842.0  # points
_SAFETY = 0.985  # share of the printable height filled at most: Excel and LibreOffice round row heights

# Font sizes of the ballot's lines.
PARTY_SIZE = 10
CONGRESS_SIZE = 10
TITLE_SIZE = 15
ELECTION_SIZE = 12
ROUND_SIZE = 11
NOTE_SIZE = 10.5
HEAD_SIZE = 11
NAME_SIZE = 12
STAMP_SIZE = 9
STAMP_MIN_HEIGHT = 44.0  # points (about 1.6 cm): the box spans the party name and congress title rows
CUT_HEIGHTS = (9.0, 7.0)  # the row whose bottom edge is the dashed cut line, then the gap under it


def strike_instruction(seats: int) -> str:
    return f"Gạch ngang họ tên người không đồng ý bầu; giữ lại không quá {seats} người"


AGREE_INSTRUCTION = "Đánh dấu (X) vào một ô Đồng ý hoặc Không đồng ý ở mỗi dòng"
STRIKE_HEADERS = ("STT", "Họ và tên")
AGREE_HEADERS = ("STT", "Họ và tên", "Đồng ý", "Không đồng ý")


def validate(paper: BallotPaper) -> None:
    """Raise ValueError with a Vietnamese message when the ballot cannot be printed."""
    if paper.form not in FORMS:
        raise ValueError("Mẫu phiếu không hợp lệ: chỉ in được phiếu gạch tên hoặc phiếu đồng ý, không đồng ý.")
    if not isinstance(paper.copies, int) or not 1 <= paper.copies <= MAX_COPIES:
        raise ValueError(f"Số phiếu cần in phải từ 1 đến {MAX_COPIES:,} (đang là {paper.copies}).".replace(",", "."))
    if not isinstance(paper.seats, int) or paper.seats < 1:
        raise ValueError(f"Số lượng cần bầu phải từ 1 trở lên (đang là {paper.seats}).")
    if not isinstance(paper.round_no, int) or paper.round_no < 1:
        raise ValueError(f"Lần bầu phải từ 1 trở lên (đang là {paper.round_no}).")
    if not paper.candidates:
        raise ValueError("Danh sách bầu cử chưa có người nào: không in được phiếu bầu.")
    for index, name in enumerate(paper.candidates, start=1):
        if not str(name).strip():
            raise ValueError(f"Người thứ {index} trong danh sách bầu cử chưa có họ tên.")


def _height(lines: int, size: float) -> float:
    """Row height in points for `lines` lines at `size`: tighter than styles.row_height, which pads table rows for
    reading on screen; Times New Roman needs about 1.15 of its size a line."""
    return round(lines * size * 1.2 + 2, 1)


def _lines(text: str, first: int, last: int, size: float, caps: bool = False, bold: bool = False) -> int:
    return styles.line_count(text, sum(WIDTHS[first - 1 : last]), size, caps, bold)


def usable_height() -> float:
    """Points of a page the ballots may fill (A4 portrait less the margins and a safety share)."""
    top, bottom = MARGINS_CM[2], MARGINS_CM[3]
    return (_A4_HEIGHT - (top + bottom) / _CM_PER_INCH * 72) * _SAFETY


@dataclass(frozen=True)
class BallotLayout:
    """Row heights of one ballot and how the ballots share the pages."""

    party: float  # the party name row (the stamp caption beside it)
    congress: float  # the congress title row (the stamp box beside it)
    titles: tuple[float, float, float, float]  # PHIẾU BẦU CỬ, election title, round, instruction
    head: float  # the table header row
    names: tuple[float, ...]  # one per candidate
    continued: float  # the line opening a continuation page of a ballot longer than a page
    per_page: int  # ballots on one page
    pages_per_ballot: int  # 1 unless the list is longer than a page

    @property
    def top(self) -> float:
        """Height from the party name to the table header, both included."""
        return self.party + self.congress + sum(self.titles) + self.head

    @property
    def ballot(self) -> float:
        return self.top + sum(self.names)


def layout(paper: BallotPaper) -> BallotLayout:
    """Heights estimated from the texts (openpyxl computes none), then the most whole ballots a page holds."""
    party = _height(1, PARTY_SIZE)
    congress_lines = _lines(paper.congress_title.upper(), 1, 2, CONGRESS_SIZE, caps=True, bold=True)
    congress = max(_height(congress_lines, CONGRESS_SIZE), STAMP_MIN_HEIGHT - party)
    titles = (
        _height(1, TITLE_SIZE),
        _height(_lines(paper.election_title, 1, 4, ELECTION_SIZE, bold=True), ELECTION_SIZE),
        _height(1, ROUND_SIZE),
        _height(_lines(_instruction(paper), 1, 4, NOTE_SIZE), NOTE_SIZE),
    )
    head = _height(1, HEAD_SIZE)
    last = 4 if paper.form == "strike" else 2
    names = tuple(_height(_lines(name, 2, last, NAME_SIZE), NAME_SIZE) for name in paper.candidates)
    continued = _height(_lines(_continued_text(paper), 1, 4, NOTE_SIZE), NOTE_SIZE)
    draft = BallotLayout(party, congress, titles, head, names, continued, 1, 1)
    page, cut = usable_height(), sum(CUT_HEIGHTS)
    per_page = max(1, int((page + cut) // (draft.ballot + cut)))  # n ballots and the n - 1 cuts between them
    pages = 1 + sum(1 for _ in _continuation_rows(draft))
    return BallotLayout(party, congress, titles, head, names, continued, per_page, pages)


def _continuation_rows(lay: BallotLayout) -> Iterator[int]:
    """Indexes of the candidates that open a new page of one ballot (none when the ballot fits a page)."""
    page, used = usable_height(), lay.top
    for index, height in enumerate(lay.names):
        if used + height > page:
            yield index
            used = lay.continued + lay.head
        used += height


def ballots_per_page(paper: BallotPaper) -> int:
    """How many whole ballots of `paper` are printed on one A4 page (5 for a one-name ballot, 1 for a long list)."""
    validate(paper)
    return layout(paper).per_page


def _instruction(paper: BallotPaper) -> str:
    return strike_instruction(paper.seats) if paper.form == "strike" else AGREE_INSTRUCTION


def _continued_text(paper: BallotPaper) -> str:
    return f"{BALLOT_TITLE} {CONTINUED} – {paper.election_title} – Lần bầu thứ {paper.round_no}"


class _BallotSheet:
    """Writes ballots row by row on one worksheet, with the page breaks between them."""

    def __init__(self, ws: Any, paper: BallotPaper, lay: BallotLayout) -> None:
        self.ws, self.paper, self.lay = ws, paper, lay
        self.row = 0  # last row written
        self._breaks: list[Any] = []
        self._edges: dict[tuple[bool, bool, bool, bool], Any] = {}
        self._styles = _templates(ws)
        self._page_setup()

    def _page_setup(self) -> None:
        from openpyxl.utils import get_column_letter

        ws = self.ws
        for index, width in enumerate(WIDTHS, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "portrait"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.print_options.horizontalCentered = True
        ws.print_options.gridLines = False
        ws.sheet_view.showGridLines = False
        margins = ws.page_margins
        left, right, top, bottom = (cm / _CM_PER_INCH for cm in MARGINS_CM)
        margins.left, margins.right, margins.top, margins.bottom = left, right, top, bottom
        margins.header = margins.footer = FOOTER_CM / _CM_PER_INCH
        ws.oddFooter.center.text = "Trang &P / &N"
        ws.oddFooter.center.font = f"{styles.FONT_NAME},Regular"
        ws.oddFooter.center.size = 10
        ws.oddFooter.left.text = NOT_FOR_SCANNING
        ws.oddFooter.left.font = f"{styles.FONT_NAME},Italic"
        ws.oddFooter.left.size = 9

    # -- cells ------------------------------------------------------------------------------------------------------
    def _new_row(self, height: float) -> int:
        self.row += 1
        self.ws.row_dimensions[self.row].height = height
        return self.row

    def _put(self, column: int, value: object, style: str) -> None:
        cell = self.ws.cell(row=self.row, column=column)
        styles.write_value(cell, value)
        cell._style = copy(self._styles[style])

    def _merge(
        self, first: int, last: int, first_row: int | None = None, last_row: int | None = None, bordered: bool = False
    ) -> None:
        """Merge a range, its outline bordered when `bordered`. Not through ws.merge_cells: that compares the range
        with every range merged before (quadratic) and looks each edge cell's border up again; 2,000 ballots took
        twenty minutes. The ranges of a ballot never overlap, and the edges reuse one style per side combination."""
        from openpyxl.cell.cell import MergedCell
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.merge import MergedCellRange

        first_row = first_row or self.row
        last_row = last_row or first_row
        ref = f"{get_column_letter(first)}{first_row}:{get_column_letter(last)}{last_row}"
        self.ws.merged_cells.ranges.add(MergedCellRange(self.ws, ref))
        cells = self.ws._cells
        for row in range(first_row, last_row + 1):
            for column in range(first, last + 1):
                if (row, column) == (first_row, first):
                    continue
                cell = cells[row, column] = MergedCell(self.ws, row, column)
                if bordered:
                    sides = (row == first_row, column == first, column == last, row == last_row)
                    if any(sides):
                        cell._style = copy(self._edge_style(sides))

    def _edge_style(self, sides: tuple[bool, bool, bool, bool]) -> Any:
        """The style of a merged cell on the outline of a bordered range: the thin sides it lies on."""
        style = self._edges.get(sides)
        if style is None:
            from openpyxl.cell import WriteOnlyCell
            from openpyxl.styles import Border, Side

            cell = WriteOnlyCell(self.ws)
            thin = Side(style="thin")
            names = ("top", "left", "right", "bottom")
            cell.border = Border(**{name: thin for name, on in zip(names, sides, strict=True) if on})
            style = self._edges[sides] = cell._style
        return style

    def _line(self, text: str, style: str, height: float) -> None:
        self._new_row(height)
        self._put(1, text, style)
        self._merge(1, len(WIDTHS))

    def page_break(self) -> None:
        from openpyxl.worksheet.pagebreak import Break

        self._breaks.append(Break(id=self.row))  # RowBreak.append copies the list: set them all at the end

    def finish(self) -> None:
        self.ws.row_breaks.brk = self._breaks

    # -- blocks -----------------------------------------------------------------------------------------------------
    def ballot(self) -> None:
        """One whole ballot; a list longer than a page goes on over the next pages, the table header repeated."""
        paper, lay = self.paper, self.lay
        top = self._new_row(lay.party)
        self._put(1, PARTY_NAME, "party")
        self._merge(1, 2)
        self._put(3, STAMP_CAPTION, "stamp")
        self._new_row(lay.congress)
        self._put(1, paper.congress_title.upper(), "congress")
        self._merge(1, 2)
        self._merge(3, 4, top, self.row, bordered=True)  # the stamp box: bordered, empty under its caption
        texts = (BALLOT_TITLE, paper.election_title, f"Lần bầu thứ {paper.round_no}", _instruction(paper))
        for text, style, height in zip(texts, ("title", "election", "round", "note"), lay.titles, strict=True):
            self._line(text, style, height)
        self._table_header()
        breaks = set(_continuation_rows(lay))
        for index, (name, height) in enumerate(zip(paper.candidates, lay.names, strict=True)):
            if index in breaks:
                self.page_break()
                self._line(_continued_text(paper), "note", lay.continued)
                self._table_header()
            self._candidate(index + 1, name, height)

    def _table_header(self) -> None:
        self._new_row(self.lay.head)
        if self.paper.form == "strike":
            self._put(1, STRIKE_HEADERS[0], "head")
            self._put(2, STRIKE_HEADERS[1], "head")
            self._merge(2, 4, bordered=True)
        else:
            for column, label in enumerate(AGREE_HEADERS, start=1):
                self._put(column, label, "head")

    def _candidate(self, number: int, name: str, height: float) -> None:
        self._new_row(height)
        self._put(1, number, "number")
        self._put(2, name, "name")
        if self.paper.form == "strike":
            self._merge(2, 4, bordered=True)
        else:
            self._put(3, None, "box")
            self._put(4, None, "box")

    def cut_line(self) -> None:
        """A dashed line across the sheet between two ballots of one page. The ballots of a page start at equal
        steps (a third or a half of the page), so the cut lines fall at the same places on every page."""
        lay = self.lay
        slot = usable_height() / lay.per_page
        self._new_row(max(CUT_HEIGHTS[0], round(slot - lay.ballot - CUT_HEIGHTS[1], 1)))
        for column in range(1, len(WIDTHS) + 1):
            self._put(column, None, "cut")
        self._new_row(CUT_HEIGHTS[1])


def _templates(ws: Any) -> dict[str, Any]:
    """The style of each kind of cell, looked up once: cells copy it (one style lookup per kind, not per cell)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Side

    def make(
        size: float,
        *,
        bold: bool = False,
        italic: bool = False,
        horizontal: str = "center",
        vertical: str = "center",
        border: Any = None,
        indent: int = 0,
    ) -> Any:
        cell = WriteOnlyCell(ws)
        cell.font = styles.font(size, bold, italic)
        cell.alignment = Alignment(horizontal=horizontal, vertical=vertical, wrap_text=True, indent=indent)
        if border is not None:
            cell.border = border
        return cell._style

    box = styles.thin_border()
    return {
        "party": make(PARTY_SIZE),
        "congress": make(CONGRESS_SIZE, bold=True),
        "stamp": make(STAMP_SIZE, italic=True, vertical="top", border=box),
        "title": make(TITLE_SIZE, bold=True),
        "election": make(ELECTION_SIZE, bold=True),
        "round": make(ROUND_SIZE, italic=True),
        "note": make(NOTE_SIZE, italic=True),
        "head": make(HEAD_SIZE, bold=True, border=box),
        "number": make(NAME_SIZE, border=box),
        "name": make(NAME_SIZE, horizontal="left", border=box, indent=1),
        "box": make(NAME_SIZE, border=box),
        "cut": make(STAMP_SIZE, border=Border(bottom=Side(style="dashed"))),
    }


def export_ballot_papers(path: str | os.PathLike[str], paper: BallotPaper) -> Path:
    """Write `paper.copies` ballots of `paper` to `path` (A4 portrait, as many whole ballots to a page as fit)."""
    from openpyxl import Workbook

    validate(paper)
    lay = layout(paper)
    per_sheet = lay.per_page * max(1, MAX_PAGES_PER_SHEET // lay.pages_per_ballot)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet_no in range(math.ceil(paper.copies / per_sheet)):
        title = SHEET_TITLE if sheet_no == 0 else f"{SHEET_TITLE} ({sheet_no + 1})"
        sheet = _BallotSheet(workbook.create_sheet(title), paper, lay)
        count = min(per_sheet, paper.copies - sheet_no * per_sheet)
        for index in range(count):
            if index and index % lay.per_page == 0:
                sheet.page_break()
            elif index:
                sheet.cut_line()
            sheet.ballot()
        sheet.finish()
    return save_workbook(workbook, path)
