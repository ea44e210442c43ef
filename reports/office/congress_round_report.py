"""The committee's report on its branches' congresses of a term, and a one-page sheet for re-keying the figures
into the national congress-monitoring software.

One workbook under the committee's header: «Đại hội chi bộ» (one row a branch: its congress, the result, who was
appointed, what is still missing, with the deadlines) and «Nhập phần mềm» (the same branches, one short line each,
the columns in the order the software asks them, fitted to one A4 page).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reports.core.files import save_workbook
from reports.core.party_document import Column, DocumentHeader, DocumentSheet, Signature, new_workbook
from reports.core.styles import format_date, roman

ROUND_TITLE = "BÁO CÁO TÌNH HÌNH ĐẠI HỘI CÁC CHI BỘ TRỰC THUỘC"
ROUND_SHEET, KEYING_SHEET = "Đại hội chi bộ", "Nhập phần mềm"
KEYING_TITLE = "SỐ LIỆU ĐẠI HỘI CHI BỘ (ĐỂ NHẬP PHẦN MỀM THEO DÕI ĐẠI HỘI)"
ROUND_RECIPIENTS: tuple[str, ...] = ("Cấp ủy cấp trên (để báo cáo),", "Các chi bộ trực thuộc,", "Lưu văn phòng.")


@dataclass(frozen=True)
class RoundRow:
    """One branch as the report prints it (texts and dates only)."""

    name: str  # current name; the name before 1 July 2025 follows on a second line when it changed
    former_name: str
    ordinal: int  # of the term's congress, held or to be held
    opens_on: date | None
    held: bool
    secretary: str
    deputy: str
    committee: Sequence[str]
    appointed: Sequence[str]
    papers_on: date | None
    approved_on: date | None
    missing: Sequence[str]


ROUND_COLUMNS = (
    Column("STT", 5, "center"),
    Column("Chi bộ", 30),
    Column("Đại hội lần thứ", 9, "center"),
    Column("Ngày đại hội", 12, "date"),
    Column("Bí thư", 18),
    Column("Phó Bí thư", 18),
    Column("Chi ủy viên", 24),
    Column("Chỉ định", 22),
    Column("Nhận hồ sơ", 12, "date"),
    Column("Chuẩn y", 12, "date"),
    Column("Còn thiếu", 30),
)
KEYING_COLUMNS = (
    Column("STT", 5, "center"),
    Column("Tên chi bộ", 34),
    Column("Lần thứ", 8, "center"),
    Column("Ngày đại hội", 12, "date"),
    Column("Số chi ủy viên", 9, "center"),
    Column("Bí thư", 20),
    Column("Phó Bí thư", 20),
    Column("Đã chuẩn y", 10, "center"),
)


def _name(row: RoundRow) -> str:
    return f"{row.name}\n(trước 01/7/2025: {row.former_name})" if row.former_name else row.name


def round_cells(rows: Sequence[RoundRow]) -> list[list[object]]:
    return [
        [
            i,
            _name(r),
            roman(r.ordinal),
            r.opens_on if r.held else None,
            r.secretary,
            r.deputy,
            ", ".join(r.committee),
            "\n".join(r.appointed),
            r.papers_on,
            r.approved_on,
            "\n".join(r.missing),
        ]
        for i, r in enumerate(rows, start=1)
    ]


def keying_cells(rows: Sequence[RoundRow]) -> list[list[object]]:
    return [
        [
            i,
            r.name,
            r.ordinal,
            r.opens_on if r.held else None,
            len(r.committee) or None,
            r.secretary,
            r.deputy,
            "Có" if r.approved_on else "Chưa",
        ]
        for i, r in enumerate(rows, start=1)
    ]


def summary_line(rows: Sequence[RoundRow], term: str, on: date) -> str:
    held = sum(r.held for r in rows)
    approved = sum(r.approved_on is not None for r in rows)
    return (
        f"(Nhiệm kỳ {term}; tính đến ngày {format_date(on)}: {held}/{len(rows)} chi bộ đã đại hội, "
        f"{approved} chi bộ đã được chuẩn y kết quả)"
    )


def export_congress_round(
    path: str | os.PathLike[str],
    rows: Sequence[RoundRow],
    header: DocumentHeader,
    *,
    term: str,
    on: date,
    signature: Signature,
    recipients: Sequence[str] = ROUND_RECIPIENTS,
) -> Path:
    """Write the report; `term` is the term text, e.g. "2025–2027"."""
    workbook, ws = new_workbook(ROUND_SHEET)
    doc = DocumentSheet(ws, ROUND_COLUMNS, landscape=True, table_size=11)
    doc.header_blocks(header)
    doc.title(ROUND_TITLE, summary_line(rows, term, on))
    doc.table_header(numbered=True)
    doc.table_rows(round_cells(rows))
    doc.signature(signature, recipients)
    keying = workbook.create_sheet(KEYING_SHEET)
    sheet = DocumentSheet(keying, KEYING_COLUMNS, landscape=False, table_size=11)
    sheet.title(KEYING_TITLE, summary_line(rows, term, on))
    sheet.table_header(numbered=True)
    sheet.table_rows(keying_cells(rows))
    keying.page_setup.fitToHeight = 1  # one page, to key in from
    return save_workbook(workbook, path)
