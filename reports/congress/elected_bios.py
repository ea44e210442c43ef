"""Short-bio list "DANH SÁCH TRÍCH NGANG" of those the congress elected, sent to the higher committee for approval."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from reports.congress.paper_blocks import congress_line
from reports.congress.paper_data import BioRow, CongressHeading
from reports.core.files import save_workbook
from reports.core.party_document import Column, DocumentHeader, DocumentSheet, Signature, new_workbook

BIOS_TITLE = "DANH SÁCH TRÍCH NGANG"
BIOS_RECIPIENTS: tuple[str, ...] = ("Đảng ủy cấp trên (để chuẩn y),", "Lưu hồ sơ đại hội.")
TABLE_SIZE = 11  # fifteen columns on A4 landscape

COLUMNS = (
    Column("STT", 4.5, "center"),
    Column("Họ và tên", 18),
    Column("Chức danh được bầu", 13),
    Column("Ngày sinh", 10.5, "date"),
    Column("Giới tính", 6.5, "center"),
    Column("Quê quán", 14),
    Column("Dân tộc", 7),
    Column("Tôn giáo", 7.5),
    Column("GDPT", 6.5, "center"),
    Column("Chuyên môn", 10),
    Column("Lý luận chính trị", 9.5),
    Column("Chức vụ, đơn vị công tác", 17),
    Column("Ngày vào Đảng", 10.5, "date"),
    Column("Ngày chính thức", 10.5, "date"),
    Column("Số phiếu", 13),
)


def bios_summary(heading: CongressHeading) -> str:
    return f"Những đồng chí trúng cử tại {congress_line(heading)}, đề nghị chuẩn y"


def bio_rows(rows: Sequence[BioRow]) -> list[list[object]]:
    """The cell values of the list body, numbered in the given order (secretary, deputy, committee, delegates)."""
    return [
        [
            i,
            r.full_name,
            r.elected_as,
            r.birth_date,
            r.gender or None,
            r.hometown or None,
            r.ethnicity or None,
            r.religion or None,
            r.education or None,
            r.qualification or None,
            r.theory or None,
            r.job or None,
            r.admission_date,
            r.official_date,
            r.votes_text or None,
        ]
        for i, r in enumerate(rows, start=1)
    ]


def export_elected_bios(
    path: str | os.PathLike[str],
    heading: CongressHeading,
    rows: Sequence[BioRow],
    header: DocumentHeader,
    signature: Signature,
    *,
    recipients: Sequence[str] = BIOS_RECIPIENTS,
) -> Path:
    """Write the list on A4 landscape, columns numbered (1)…(15) under their labels."""
    workbook, ws = new_workbook("Danh sách trích ngang")
    doc = DocumentSheet(ws, COLUMNS, landscape=True, table_size=TABLE_SIZE)
    doc.header_blocks(header)
    doc.title(BIOS_TITLE, bios_summary(heading))
    doc.table_header(numbered=True)
    doc.table_rows(bio_rows(rows))
    doc.signature(signature, recipients)
    return save_workbook(workbook, path)
