"""Attendance list "DANH SÁCH ĐẢNG VIÊN DỰ ĐẠI HỘI": the summoned members to sign, then the check-in figures."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from reports.congress.paper_blocks import (
    RECORD_RECIPIENTS,
    FigureBlock,
    attendance_figures,
    congress_line,
    electorate_figures,
    write_figures,
)
from reports.congress.paper_data import AttendanceFigures, AttendanceRow, CongressHeading
from reports.core.files import save_workbook
from reports.core.party_document import Column, DocumentHeader, DocumentSheet, Signature, new_workbook

ATTENDANCE_TITLE = "DANH SÁCH ĐẢNG VIÊN DỰ ĐẠI HỘI"
FIGURES_SIZE = 13

COLUMNS = (
    Column("STT", 5.5, "center"),
    Column("Họ và tên", 26),
    Column("Ngày sinh", 12, "date"),
    Column("Chính thức/ Dự bị", 11, "center"),
    Column("Tình trạng", 18),
    Column("Điểm danh", 16),
    Column("Ký tên", 22),  # left empty: each member signs here on arrival
    Column("Ghi chú", 16),
)


def figure_blocks(figures: AttendanceFigures) -> list[FigureBlock]:
    """Side by side below the list, so that the figures and the signature share a page with the last rows: who
    came on the left (labels under STT..Chính thức/Dự bị), D and the threshold on the right."""
    return [
        FigureBlock(attendance_figures(figures), 1, 4, 5, 5),
        FigureBlock(electorate_figures(figures), 6, 7, 8, 8),
    ]


def attendance_rows(rows: Sequence[AttendanceRow]) -> list[list[object]]:
    """The cell values of the list body, numbered in the given (A-B-C) order; the signature column empty."""
    return [
        [i, r.full_name, r.birth_date, r.kind_label, r.situation_label or None, r.attendance_label, None,
         r.note or None]
        for i, r in enumerate(rows, start=1)
    ]  # fmt: skip


def export_attendance_list(
    path: str | os.PathLike[str],
    heading: CongressHeading,
    rows: Sequence[AttendanceRow],
    figures: AttendanceFigures,
    header: DocumentHeader,
    signature: Signature,
    *,
    recipients: Sequence[str] = RECORD_RECIPIENTS,
) -> Path:
    """Write the list (A4 landscape: room to sign) and below it the figures behind D, the threshold and the ballots;
    `signature` is the presidium's ("T/M ĐOÀN CHỦ TỊCH") or the branch's."""
    workbook, ws = new_workbook("Danh sách dự đại hội")
    doc = DocumentSheet(ws, COLUMNS, landscape=True)
    doc.header_blocks(header)
    doc.title(ATTENDANCE_TITLE, congress_line(heading))
    doc.table_header(numbered=False)
    doc.table_rows(attendance_rows(rows))
    doc.blank()
    write_figures(doc, figure_blocks(figures), size=FIGURES_SIZE)
    doc.signature(signature, recipients)
    return save_workbook(workbook, path)
