"""Report to the higher committee "BÁO CÁO KẾT QUẢ ĐẠI HỘI CHI BỘ": attendance, working bodies, each election, result.

Sections are numbered I, II, III… in the order: time and place; attendance; working bodies; elections (each with
its rounds); the result. A section with nothing to report is left out and the numbering closes up.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from reports.congress.paper_blocks import (
    FigureBlock,
    attendance_figures,
    congress_line,
    electorate_figures,
    names_text,
    write_figures,
)
from reports.congress.paper_data import CongressHeading, CongressSummary, ElectionOutcome, RoundOutcome
from reports.core import styles
from reports.core.files import save_workbook
from reports.core.party_document import Column, DocumentHeader, DocumentSheet, Signature, new_workbook
from reports.core.styles import TABLE_SIZE, format_date, roman

SUMMARY_TITLE = "BÁO CÁO KẾT QUẢ ĐẠI HỘI CHI BỘ"
SUMMARY_RECIPIENTS: tuple[str, ...] = ("Đảng ủy cấp trên (để báo cáo),", "Lưu hồ sơ đại hội.")
ELECTED = "Trúng cử"
GAP = 8  # points of space before a section and an election
KEEP_ROWS = 3  # a section that may flow over a page keeps its heading with at least this many rows

# A4 portrait: paragraphs span all six columns; the round tables use them as STT, name, votes (agree, disagree),
# percent of D, result.
COLUMNS = (
    Column("STT", 6, "center"),
    Column("Họ và tên", 27),
    Column("Đồng ý", 10, "center"),
    Column("Không đồng ý", 10, "center"),
    Column("Tỷ lệ so với D", 13, "center"),
    Column("Kết quả", 12, "center"),
)


def time_and_place(heading: CongressHeading) -> str:
    """ "Đại hội … họp từ ngày 11/03/2026 đến ngày 12/03/2026 tại …"."""
    days = f"ngày {format_date(heading.opens_on)}"
    if heading.closes_on and heading.closes_on != heading.opens_on:
        days = f"từ ngày {format_date(heading.opens_on)} đến ngày {format_date(heading.closes_on)}"
    place = f" tại {heading.place}" if heading.place else ""
    return f"{congress_line(heading)} họp {days}{place}."


def _comrades(names: Sequence[str]) -> str:
    return ", ".join(f"đồng chí {name}" for name in names)


def working_bodies(summary: CongressSummary) -> list[str]:
    """The presidium (or the single chair), the secretariat and the counting committee with its head."""
    lines = []
    if len(summary.presidium) == 1:
        lines.append(f"- Chủ trì đại hội: đồng chí {summary.presidium[0]}.")
    elif summary.presidium:
        lines.append(f"- Đoàn Chủ tịch ({len(summary.presidium)} đồng chí): {_comrades(summary.presidium)}.")
    if summary.secretariat:
        lines.append(f"- Thư ký đại hội: {_comrades(summary.secretariat)}.")
    if summary.counting_committee:
        head, *members = summary.counting_committee
        text = f"- Ban Kiểm phiếu ({len(summary.counting_committee)} đồng chí): đồng chí {head} (Trưởng ban)"
        lines.append(f"{text}, {_comrades(members)}." if members else f"{text}.")
    return lines


def result_lines(summary: CongressSummary) -> list[str]:
    """The new committee (only when one was elected), secretary, deputy, delegates and alternates."""
    term = summary.heading.term_text
    lines = []
    if summary.committee:
        count = len(summary.committee)
        lines.append(f"- Ban Chi ủy {term} ({count} đồng chí): {names_text(summary.committee)}.")
    if summary.secretary:
        lines.append(f"- Bí thư Chi bộ: đồng chí {summary.secretary}.")
    if summary.deputy:
        lines.append(f"- Phó Bí thư Chi bộ: đồng chí {summary.deputy}.")
    lines += [f"- Cấp ủy cấp trên chỉ định {line}." for line in summary.appointed]
    if summary.delegates:
        count = len(summary.delegates)
        lines.append(f"- Đại biểu chính thức dự đại hội cấp trên ({count} đồng chí): {names_text(summary.delegates)}.")
    if summary.alternates:
        count = len(summary.alternates)
        lines.append(f"- Đại biểu dự khuyết ({count} đồng chí): {names_text(summary.alternates)}.")
    return lines


def round_lines(outcome: RoundOutcome) -> tuple[str, list[str]]:
    """The round's ballot counts (before its table) and what it decided (after it)."""
    before = (
        f"Lần bầu thứ {outcome.round_no}: phát ra {outcome.issued} phiếu, thu vào {outcome.collected} phiếu "
        f"(hợp lệ {outcome.valid}, không hợp lệ {outcome.invalid}); D = {outcome.D}, "
        f"trúng cử khi được từ {outcome.threshold} phiếu trở lên."
    )
    after = []
    if outcome.elected:
        after.append(f"Trúng cử (theo thứ tự số phiếu): {names_text(outcome.elected)}.")
    else:
        after.append("Không có đồng chí nào trúng cử.")
    if outcome.open_seats:
        step = f" {outcome.next_step.rstrip('.')}." if outcome.next_step else ""
        after.append(f"Còn thiếu {outcome.open_seats} người.{step}")
    return before, after


def round_table(outcome: RoundOutcome) -> tuple[list[str | None], list[list[object]]]:
    """Header labels by sheet column (None: merged into the column on its left) and body rows. The agree form shows
    agree and disagree; the strike form one vote count over both columns."""
    agree_form = any(c.disagree is not None for c in outcome.candidates)
    if agree_form:
        labels: list[str | None] = ["STT", "Họ và tên", "Đồng ý", "Không đồng ý", "Tỷ lệ so với D", "Kết quả"]
    else:
        labels = ["STT", "Họ và tên", "Số phiếu bầu", None, "Tỷ lệ so với D", "Kết quả"]
    rows: list[list[object]] = [
        [i, c.name, c.votes, c.disagree if agree_form else None, c.percent_text, ELECTED if c.elected else None]
        for i, c in enumerate(outcome.candidates, start=1)
    ]
    return labels, rows


class _Report:
    """Writes the sections in order; `section` numbers only those that are written, and keeps each heading with
    what follows it (a section's first election: its first round) and each round with its table on one page."""

    def __init__(self, doc: DocumentSheet) -> None:
        self.doc, self.sections = doc, 0
        self._heading_row = 0  # a section heading still waiting to be kept with its first block
        self.last_block = 0  # first row of the last round written (with its election's title for the first)

    def section(self, title: str, write: Callable[[], object], whole: bool = True) -> None:
        """A numbered section; kept on one page when `whole`, else only its heading with its first KEEP_ROWS rows
        (a long block of figures flows on rather than leave the page before it half empty)."""
        self.sections += 1
        self.gap()
        heading = self._heading_row = self.doc.paragraph(f"{roman(self.sections)}. {title.upper()}", bold=True)
        write()
        if whole:
            self.keep(heading)
        else:
            self._heading_row = 0
            self.doc.keep_together(heading, heading + KEEP_ROWS)

    def keep(self, first: int) -> None:
        """Keep rows `first`.. on one page (from the pending section heading, when there is one)."""
        if self._heading_row:
            first, self._heading_row = min(first, self._heading_row), 0
        self.doc.keep_together(first)

    def gap(self) -> None:
        self.doc.append([], GAP)

    def lines(self, texts: Sequence[str], *, bold: bool = False, italic: bool = False) -> int:
        """Paragraphs; returns the row of the first."""
        rows = [self.doc.paragraph(text, bold=bold, italic=italic, align="justify") for text in texts]
        return rows[0] if rows else self.doc.row + 1

    def table(self, labels: Sequence[str | None], rows: Sequence[Sequence[object]]) -> None:
        doc, ws, size = self.doc, self.doc.ws, TABLE_SIZE
        spans = _spans(labels)
        widths = [sum(c.width for c in doc.columns[first - 1 : last]) for first, last in spans]

        def row(values: Sequence[object], bold: bool) -> None:
            cells, lines = [], 1
            for (first, last), width, value in zip(spans, widths, values, strict=True):
                horizontal = "left" if first == 2 and not bold else "center"
                cells.append(
                    (
                        first,
                        last,
                        styles.styled_cell(ws, value, size=size, bold=bold, horizontal=horizontal, border=True),
                    )
                )
                if isinstance(value, str):
                    lines = max(lines, styles.line_count(value, width, size, bold=bold))
            for first, last, _cell in list(cells):  # the merged-over cells keep the border
                cells += [(col, col, styles.styled_cell(ws, None, border=True)) for col in range(first + 1, last + 1)]
            doc.spans_row(cells, styles.row_height(lines, size))

        row([label for label in labels if label is not None], True)
        for values in rows:
            row([value for value, label in zip(values, labels, strict=True) if label is not None], False)

    def election(self, number: int, election: ElectionOutcome) -> None:
        self.gap()
        start = self.lines([f"{number}. {election.title}"], bold=True)
        form = election.form_label[:1].lower() + election.form_label[1:]
        self.lines([f"Số lượng bầu: {election.seats} đồng chí; hình thức bầu: {form}."])
        for outcome in election.rounds:
            before, after = round_lines(outcome)
            start = min(start, self.lines([before]))
            self.table(*round_table(outcome))
            self.doc.append([], GAP / 2)
            self.lines(after)
            if outcome.note:
                self.lines([f"Ghi chú: {outcome.note.rstrip('.')}."], italic=True)
            self.keep(start)
            self.last_block, start = start, self.doc.row + 1
        if election.appointed:
            self.keep(self.lines([f"{election.appointed.rstrip('.')}."], bold=True) - 1)


def _spans(labels: Sequence[str | None]) -> list[tuple[int, int]]:
    """(first, last) sheet columns of each labelled table column; a None label widens the one before it."""
    spans: list[tuple[int, int]] = []
    for col, label in enumerate(labels, start=1):
        if label is None:
            spans[-1] = (spans[-1][0], col)
        else:
            spans.append((col, col))
    return spans


def export_congress_summary(
    path: str | os.PathLike[str],
    summary: CongressSummary,
    header: DocumentHeader,
    signature: Signature,
    *,
    recipients: Sequence[str] = SUMMARY_RECIPIENTS,
) -> Path:
    """Write the summary on A4 portrait, fitted to the page width."""
    workbook, ws = new_workbook("Báo cáo kết quả đại hội")
    doc = DocumentSheet(ws, COLUMNS, landscape=False)
    doc.header_blocks(header)
    doc.title(SUMMARY_TITLE, congress_line(summary.heading))
    report = _Report(doc)
    report.section("Thời gian, địa điểm", lambda: report.lines([time_and_place(summary.heading)]))
    blocks = [FigureBlock([*attendance_figures(summary.figures), *electorate_figures(summary.figures)], 1, 4, 5, 6)]

    def attendance() -> None:
        write_figures(doc, blocks)
        if summary.figures.quorum_text:  # whether the congress was valid (Charter Điều 11 k6)
            report.lines([summary.figures.quorum_text], italic=True)

    report.section("Đảng viên dự đại hội", attendance, whole=False)
    if bodies := working_bodies(summary):
        report.section("Các cơ quan giúp việc đại hội", lambda: report.lines(bodies))
    if summary.elections:

        def elections() -> None:
            for number, election in enumerate(summary.elections, start=1):
                report.election(number, election)

        report.section("Kết quả bầu cử", elections)
    closing = report.last_block  # the last round goes on the signature's page with section V
    if results := result_lines(summary):
        report.section("Kết quả đại hội", lambda: report.lines(results))
    doc.signature(signature, recipients, keep_from=closing or None)
    return save_workbook(workbook, path)
