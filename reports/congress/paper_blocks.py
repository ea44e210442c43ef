"""Texts and blocks shared by the congress papers: the congress line, percentages and the block of check-in figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import zip_longest

from reports.congress.paper_data import AttendanceFigures, CongressHeading
from reports.core import styles
from reports.core.party_document import DocumentSheet
from reports.core.styles import BODY_SIZE

RECORD_RECIPIENTS: tuple[str, ...] = ("Lưu hồ sơ đại hội.",)
THRESHOLD_LABEL = "Số phiếu tối thiểu để trúng cử (⌊D/2⌋ + 1)"
D_LABEL = "Số đảng viên được tính để xác định kết quả bầu cử (D)"
RED = "C00000"  # a warning on a paper: the record or the log does not hold


def congress_line(heading: CongressHeading) -> str:
    """ "Đại hội Chi bộ Văn phòng Sở lần thứ IV, nhiệm kỳ 2025–2030" (or a branch meeting's own line)."""
    if heading.line:
        return heading.line
    return f"Đại hội {heading.branch_name} {heading.ordinal_text}, {heading.term_text}"


def percent_text(part: int, whole: int) -> str:
    """`part` of `whole` in percent, two decimals half up, comma separator ("96,67"); "" when `whole` is 0."""
    if whole <= 0:
        return ""
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return str(value).replace(".", ",")


Figure = tuple[str, int | None, str, bool]  # label, count (None: a heading line), unit, bold


def attendance_figures(figures: AttendanceFigures) -> list[Figure]:
    """Who was summoned and who came."""
    return [
        ("Tổng số đảng viên được triệu tập", figures.summoned, "đồng chí", False),
        ("– Đảng viên chính thức", figures.official_summoned, "đồng chí", False),
        ("– Đảng viên dự bị", figures.probationary, "đồng chí", False),
        ("Số đảng viên có mặt", figures.present, "đồng chí", False),
        ("– Trong đó đảng viên chính thức", figures.official_present, "đồng chí", False),
        ("Vắng mặt có lý do", figures.absent_approved, "đồng chí", False),
        ("Vắng mặt không có lý do", figures.absent_unapproved, "đồng chí", False),
    ]


def exclusion_figures(exclusions: Sequence[tuple[str, int]]) -> list[Figure]:
    """The groups not counted in D, each with its count, under a heading line (none without groups)."""
    if not exclusions:
        return []
    rows: list[Figure] = [("Không tính khi xác định kết quả bầu cử:", None, "", False)]
    return rows + [(f"– {label}", count, "đồng chí", False) for label, count in exclusions]


def denominator_figures(D: int, threshold: int) -> list[Figure]:  # noqa: N803 - the regulation's name
    """D and the pass threshold, in bold (Quy chế 190, Điều 30)."""
    return [(D_LABEL, D, "đồng chí", True), (THRESHOLD_LABEL, threshold, "phiếu", True)]


def electorate_figures(figures: AttendanceFigures) -> list[Figure]:
    """The excluded groups, D, the pass threshold and the ballots to issue (Quy chế 190, Điều 30)."""
    return [
        *exclusion_figures(figures.exclusions),
        *denominator_figures(figures.D, figures.threshold),
        ("Số phiếu bầu phát ra (đảng viên có mặt được bầu cử)", figures.ballots, "phiếu", False),
    ]


@dataclass(frozen=True)
class FigureBlock:
    """Figures laid out as label (columns label_first..label_last) and count with its unit (count_first..last)."""

    rows: Sequence[Figure]
    label_first: int
    label_last: int
    count_first: int
    count_last: int


def write_figures(doc: DocumentSheet, blocks: Sequence[FigureBlock], *, size: float = BODY_SIZE) -> None:
    """One or more figure blocks side by side, row by row. A count is a number cell shown with its unit
    ("35 đồng chí") through its number format, so it stays a number for anyone reading the workbook."""
    ws = doc.ws
    for line in zip_longest(*(block.rows for block in blocks)):
        spans, lines = [], 1
        for block, figure in zip(blocks, line, strict=True):
            if figure is None:
                continue
            label, count, unit, bold = figure
            width = sum(c.width for c in doc.columns[block.label_first - 1 : block.label_last])
            lines = max(lines, styles.line_count(label, width, size, bold=bold))
            number_format = f'0" {unit}"' if unit else None
            spans.append((block.label_first, block.label_last, styles.styled_cell(ws, label, size=size, bold=bold)))
            count_cell = styles.styled_cell(
                ws, count, size=size, bold=bold, horizontal="center", number_format=number_format
            )
            spans.append((block.count_first, block.count_last, count_cell))
        doc.spans_row(spans, styles.row_height(lines, size))


def names_text(names: Sequence[str]) -> str:
    """ "Nguyễn Văn An, Trần Thị Bình"."""
    return ", ".join(names)


def red_paragraph(doc: DocumentSheet, text: str, *, size: float, bold: bool, italic: bool) -> int:
    """A centred paragraph in red: what does not hold in a paper's record or log."""
    from openpyxl.styles import Font

    n = len(doc.columns)
    cell = styles.styled_cell(doc.ws, text, size=size, bold=bold, italic=italic, horizontal="center")
    cell.font = Font(name=styles.FONT_NAME, size=size, bold=bold, italic=italic, color=RED)
    lines = styles.line_count(text, sum(c.width for c in doc.columns), size, text.isupper(), bold)
    return doc.spans_row([(1, n, cell)], styles.row_height(lines, size))
