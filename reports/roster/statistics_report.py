"""Statistics report "BÁO CÁO THỐNG KÊ ĐẢNG VIÊN": sections of (label, count, percent) rows laid out, not computed."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from models.core.numerals import roman
from models.roster.levels import percent_text
from reports.core.files import save_workbook
from reports.core.party_document import (
    DEFAULT_RECIPIENTS,
    Column,
    DocumentHeader,
    DocumentSheet,
    Signature,
    new_workbook,
)

STATISTICS_TITLE = "BÁO CÁO THỐNG KÊ ĐẢNG VIÊN"

COLUMNS = (
    Column("STT", 7, "center"),
    Column("Nội dung", 40),
    Column("Số lượng", 13, "number"),
    Column("Tỷ lệ (%)", 13, "number"),  # text "94,44": the screen's precision and separator in any Excel locale
    Column("Ghi chú", 17),
)


@dataclass(frozen=True)
class StatRow:
    label: str  # "Nữ", "Từ 31 đến 40 tuổi"
    count: int
    percent: float | None = None  # already a percentage (0-100), or None when it makes no sense
    note: str = ""


@dataclass(frozen=True)
class StatSection:
    title: str  # "Giới tính", "Độ tuổi (tính đến 31/12/2025)"
    rows: Sequence[StatRow] = field(default_factory=tuple)


def statistics_rows(sections: Sequence[StatSection]) -> list[list[object]]:
    """Table rows: a section heading numbered I, II, ... (text STT), then its rows numbered 1, 2, ..."""
    out: list[list[object]] = []
    for number, section in enumerate(sections, start=1):
        out.append([roman(number), section.title, None, None, None])
        for index, row in enumerate(section.rows, start=1):
            out.append([index, row.label, row.count, percent_text(row.percent) or None, row.note or None])
    return out


def export_statistics(
    path: str | os.PathLike[str],
    sections: Sequence[StatSection],
    header: DocumentHeader,
    *,
    period: str,
    title: str = STATISTICS_TITLE,
    signature: Signature | None = None,
    recipients: Sequence[str] = DEFAULT_RECIPIENTS,
) -> Path:
    """Write the report; `period` is the reference text, e.g. "Tính đến ngày 31/12/2025" or "Năm 2025"."""
    workbook, ws = new_workbook("Thống kê")
    write_statistics_sheet(ws, sections, header, period=period, title=title, signature=signature, recipients=recipients)
    return save_workbook(workbook, path)


def write_statistics_sheet(
    ws,
    sections: Sequence[StatSection],
    header: DocumentHeader,
    *,
    period: str,
    title: str = STATISTICS_TITLE,
    signature: Signature | None = None,
    recipients: Sequence[str] = DEFAULT_RECIPIENTS,
) -> None:
    """The report on one worksheet (a workbook of several reports writes one a sheet)."""
    doc = DocumentSheet(ws, COLUMNS, landscape=False, table_size=13)
    doc.header_blocks(header)
    doc.title(title, period)
    doc.table_header(numbered=False)
    doc.table_rows(statistics_rows(sections), bold=lambda row: isinstance(row[0], str))
    doc.signature(signature or Signature(), recipients)
