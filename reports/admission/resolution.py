"""A branch resolution of the applicant's path (6-KNĐ proposing admission, 13-KNĐ proposing recognition) in the
Party's layout: the form's code, the header blocks, the title and its summary, the grounds, the meeting, the person,
the vote against D, what the branch resolves, "Nơi nhận" and the signature. Plain data in, one A4 portrait page."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reports.core.files import save_workbook
from reports.core.party_document import Column, DocumentHeader, DocumentSheet, Signature, new_workbook

COLUMNS = (Column("", 8), Column("", 30), Column("", 16), Column("", 26))


@dataclass(frozen=True)
class ResolutionPaper:
    form_code: str  # "Mẫu 6-KNĐ"
    title: str  # "NGHỊ QUYẾT"
    summary: str  # "Đề nghị kết nạp đảng viên"
    grounds: Sequence[str]
    meeting: Sequence[str]
    person: Sequence[tuple[str, str]]  # (label, value) of the applicant or member
    vote_heading: str
    figures: Sequence[tuple[str, int, str]]  # (label, count, percent of D)
    resolves: Sequence[str]
    recipients: Sequence[str]


def export_resolution(
    path: str | os.PathLike[str], paper: ResolutionPaper, header: DocumentHeader, signature: Signature
) -> Path:
    workbook, ws = new_workbook("Nghị quyết")
    doc = DocumentSheet(ws, COLUMNS)
    doc.paragraph(paper.form_code, size=12, italic=True, align="right")
    doc.header_blocks(header)
    doc.title(paper.title, paper.summary)
    doc.blank()
    for line in paper.grounds:
        doc.paragraph(line, italic=True)
    for line in paper.meeting:
        doc.paragraph(line)
    doc.blank()
    for label, value in paper.person:
        doc.paragraph(f"- {label}: {value}")
    doc.blank()
    doc.paragraph(paper.vote_heading, bold=True)
    for label, count, percent in paper.figures:
        doc.paragraph(f"- {label}: {count} đồng chí ({percent})")
    doc.blank()
    doc.paragraph("CHI BỘ QUYẾT NGHỊ:", bold=True, align="center")
    for line in paper.resolves:
        doc.paragraph(line)
    doc.signature(signature, paper.recipients)
    ws.page_setup.fitToHeight = 1  # a resolution of bounded length: one page, shrunk a little if need be
    return save_workbook(workbook, path)
