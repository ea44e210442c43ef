"""The minutes of a branch meeting that voted on the applicant's path (BIÊN BẢN HỘI NGHỊ CHI BỘ): who was there,
the base D and how it was reached, each vote with its figures against D and its outcome, the two signatures (the
secretary of the meeting on the left, the chair on the right). Plain data in, A4 portrait."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reports.core.files import save_workbook
from reports.core.party_document import Column, DocumentHeader, DocumentSheet, Signature, new_workbook

COLUMNS = (
    Column("STT", 5, "center"),
    Column("Nội dung biểu quyết", 30),
    Column("Hình thức", 12, "center"),
    Column("Tán thành", 9, "center"),
    Column("Không tán thành", 9, "center"),
    Column("Không biểu quyết, không hợp lệ", 11, "center"),
    Column("Kết quả", 20, "center"),
)


@dataclass(frozen=True)
class MinutesVote:
    subject: str  # "Đề nghị kết nạp vào Đảng: quần chúng Hoàng Thị Hoa"
    form: str
    yes: int
    no: int
    invalid: int
    outcome: str  # "Thông qua (10/11, cần 8)"


@dataclass(frozen=True)
class MeetingMinutes:
    summary: str  # "Hội nghị chi bộ xét đề nghị kết nạp đảng viên"
    opening: Sequence[str]  # the day, place, chair and secretary
    attendance: Sequence[str]  # who was there, who was absent and why, D
    votes: Sequence[MinutesVote]
    closing: Sequence[str]
    secretary: str
    chair: str


def export_minutes(path: str | os.PathLike[str], minutes: MeetingMinutes, header: DocumentHeader) -> Path:
    workbook, ws = new_workbook("Biên bản")
    doc = DocumentSheet(ws, COLUMNS)
    doc.header_blocks(header)
    doc.title("BIÊN BẢN", minutes.summary)
    doc.blank()
    for line in (*minutes.opening, *minutes.attendance):
        doc.paragraph(line)
    doc.blank()
    doc.paragraph("Kết quả biểu quyết (tính trên D, không tính trên số có mặt):", bold=True)
    doc.table_header(numbered=False)
    doc.table_rows(
        [
            [index, v.subject, v.form, v.yes, v.no, v.invalid, v.outcome]
            for index, v in enumerate(minutes.votes, start=1)
        ]
    )
    doc.blank()
    for line in minutes.closing:
        doc.paragraph(line)
    left = [("THƯ KÝ", True), ("", False), ("", False), ("", False), ("", False), (minutes.secretary, True)]
    doc.signature(Signature("CHỦ TRÌ HỘI NGHỊ", "", minutes.chair), left=left)
    return save_workbook(workbook, path)
