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
    Column("STT", 5, "center"),
    Column("Họ và tên", 25.5),
    Column("Ngày sinh", 11.5, "date"),
    Column("Chính thức/ Dự bị", 10.5, "center"),
    Column("Tình trạng", 14),
    Column("Điểm danh", 15),  # «Vắng không lý do» on one line
    Column("Ký tên", 18),  # left empty: each member signs here on arrival
    Column("Ghi chú", 17),  # an approved absence's reason: wide enough for two even lines of a usual reason
)
SIGN_LINES = 2  # every row two lines high: room for a handwritten signature


def figure_blocks(figures: AttendanceFigures) -> list[FigureBlock]:
    """Below the list: labels under STT..Tình trạng, counts under Điểm danh and Ký tên."""
    return [FigureBlock([*attendance_figures(figures), *electorate_figures(figures)], 1, 5, 6, 7)]


def attendance_rows(rows: Sequence[AttendanceRow]) -> list[list[object]]:
    """The cell values of the list body, numbered in the given (A-B-C) order; the signature column empty."""
    return [
        [
            i,
            r.full_name,
            r.birth_date,
            r.kind_label,
            r.situation_label or None,
            r.attendance_label,
            None,
            r.note or None,
        ]
        for i, r in enumerate(rows, start=1)
    ]


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
    """Write the list (A4 portrait, fitted to the width) and below it the figures behind D, the threshold and the
    ballots; `signature` is the presidium's ("T/M ĐOÀN CHỦ TỊCH") or the branch's."""
    workbook, ws = new_workbook("Danh sách dự đại hội")
    doc = DocumentSheet(ws, COLUMNS, landscape=False)
    doc.header_blocks(header)
    doc.title(ATTENDANCE_TITLE, congress_line(heading))
    doc.table_header(numbered=False)
    doc.table_rows(attendance_rows(rows), min_lines=SIGN_LINES)
    doc.blank()
    write_figures(doc, figure_blocks(figures), size=FIGURES_SIZE)
    if figures.quorum_text:
        doc.paragraph(figures.quorum_text, italic=True, align="justify")
    doc.signature(signature, recipients)
    return save_workbook(workbook, path)
