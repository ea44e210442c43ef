"""The paper the branch writes after a vote (Hướng dẫn 36-HD/VPTW layout): a resolution (NGHỊ QUYẾT), a decision
(QUYẾT ĐỊNH: discipline) or a proposal (TỜ TRÌNH: dismissal, expulsion), with the meeting, the base D, the figures
and the outcome. Plain data in, an .xlsx out."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reports.core.files import save_workbook
from reports.core.party_document import Column, DocumentHeader, DocumentSheet, Signature, new_workbook

# The header's right block spans the columns after the middle: 36 + 21 + 21 leaves it 42 wide, room for
# «ĐẢNG CỘNG SẢN VIỆT NAM» on one line (42 + 18 + 18 left it 36 and wrapped it).
COLUMNS = (
    Column("Nội dung", 36),
    Column("Số phiếu (thẻ)", 21, "center"),
    Column("Tỷ lệ so với D", 21, "center"),
)


@dataclass(frozen=True)
class VotePaper:
    """What the paper says, every text ready to print."""

    title: str  # "NGHỊ QUYẾT"
    summary: str  # "Về việc đề nghị kỷ luật khai trừ đảng viên Nguyễn Văn An"
    grounds: tuple[str, ...]  # "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;" …
    meeting_lines: tuple[str, ...]  # the meeting, who attended, D
    figures: tuple[tuple[str, int, str], ...]  # ("Tán thành", 8, "80,00%")
    outcome_heading: str  # "CHI BỘ QUYẾT NGHỊ:"
    outcome_lines: tuple[str, ...]
    recipients: tuple[str, ...]


def export_vote_paper(
    path: str | os.PathLike[str], paper: VotePaper, header: DocumentHeader, signature: Signature
) -> Path:
    workbook, ws = new_workbook(paper.title.title())
    doc = DocumentSheet(ws, COLUMNS)
    doc.header_blocks(header)
    doc.title(paper.title, paper.summary)
    for line in paper.grounds:
        doc.paragraph(line, italic=True)
    for line in paper.meeting_lines:
        doc.paragraph(line)
    _figures(doc, paper.figures)
    doc.paragraph(paper.outcome_heading, bold=True, align="center")
    for line in paper.outcome_lines:
        doc.paragraph(line)
    doc.signature(signature, paper.recipients)
    return save_workbook(workbook, path)


def _figures(doc: DocumentSheet, figures: Sequence[tuple[str, int, str]]) -> None:
    """A small table kept on one page, its header not repeated above what follows it."""
    first = doc.row + 1
    doc.table_header(numbered=False)
    doc.table_rows([[label, count, share] for label, count, share in figures])
    doc.keep_table_together(first)
