"""The committee's statistics report: the committee's total, a table of every branch, then each branch's report.

One workbook, one Party document a sheet, every sheet under the committee's header (the committee issues it):
«Toàn đảng bộ» (the report of reports.roster.statistics_report over the whole committee), «Theo chi bộ» (one row a
branch and the committee's total row) and one sheet a branch with that branch's report.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reports.core.files import save_workbook
from reports.core.party_document import Column, DocumentHeader, DocumentSheet, Signature, new_workbook
from reports.roster.statistics_report import STATISTICS_TITLE, StatSection, write_statistics_sheet

COMMITTEE_RECIPIENTS: tuple[str, ...] = ("Cấp ủy cấp trên (để báo cáo),", "Các chi bộ trực thuộc,", "Lưu văn phòng.")
BRANCH_TABLE_TITLE = "SỐ LƯỢNG ĐẢNG VIÊN THEO CHI BỘ"
TOTAL_SHEET, TABLE_SHEET = "Toàn đảng bộ", "Theo chi bộ"


@dataclass(frozen=True)
class BranchTable:
    """Figures of every branch side by side: `headings` of the figure columns, one row a branch, the total row."""

    headings: Sequence[str]
    rows: Sequence[tuple[str, Sequence[int]]]  # (branch name, figures)
    total: Sequence[int]


def branch_table_rows(table: BranchTable, total_label: str = "Cộng toàn đảng bộ") -> list[list[object]]:
    out: list[list[object]] = [[i, name, *figures] for i, (name, figures) in enumerate(table.rows, start=1)]
    out.append([None, total_label, *table.total])
    return out


def sheet_names(names: Sequence[str], taken: Sequence[str] = (TOTAL_SHEET, TABLE_SHEET)) -> list[str]:
    """Worksheet names for the branches: Excel's 31 characters at most, none of []:*?/\\, no two alike."""
    used = {t.casefold() for t in taken}
    out = []
    for name in names:
        base = re.sub(r"[\[\]:*?/\\]", " ", name).strip(" '") or "Chi bộ"
        candidate, number = base[:31], 1
        while candidate.casefold() in used:
            number += 1
            suffix = f" ({number})"
            candidate = base[: 31 - len(suffix)] + suffix
        used.add(candidate.casefold())
        out.append(candidate)
    return out


def export_office_statistics(
    path: str | os.PathLike[str],
    total: Sequence[StatSection],
    table: BranchTable,
    branches: Sequence[tuple[str, Sequence[StatSection]]],
    header: DocumentHeader,
    *,
    on_text: str,
    signature: Signature,
    recipients: Sequence[str] = COMMITTEE_RECIPIENTS,
) -> Path:
    """Write the committee's report; `on_text` is the reference date text, e.g. "tính đến ngày 31/12/2025"."""
    workbook, ws = new_workbook(TOTAL_SHEET)
    count = len(branches)
    write_statistics_sheet(
        ws,
        total,
        header,
        period=f"(Toàn đảng bộ, {count} chi bộ; {on_text})",
        title=STATISTICS_TITLE,
        signature=signature,
        recipients=recipients,
    )
    _branch_table(workbook.create_sheet(TABLE_SHEET), table, header, on_text, signature, recipients)
    for sheet, (name, sections) in zip(sheet_names([n for n, _ in branches]), branches, strict=True):
        write_statistics_sheet(
            workbook.create_sheet(sheet),
            sections,
            header,
            period=f"({name}; {on_text})",
            title=STATISTICS_TITLE,
            signature=signature,
            recipients=recipients,
        )
    return save_workbook(workbook, path)


def _branch_table(
    ws, table: BranchTable, header: DocumentHeader, on_text: str, signature: Signature, recipients: Sequence[str]
) -> None:
    columns = [Column("STT", 6, "center"), Column("Chi bộ", 34)]
    columns += [
        Column(heading, 11, "number", group="Trong đó" if i else "") for i, heading in enumerate(table.headings)
    ]
    doc = DocumentSheet(ws, columns, landscape=len(columns) > 8, table_size=13)
    doc.header_blocks(header)
    doc.title(BRANCH_TABLE_TITLE, f"({on_text[:1].upper()}{on_text[1:]})")
    doc.table_header(numbered=True)
    doc.table_rows(branch_table_rows(table), bold=lambda row: row[0] is None)
    doc.signature(signature, recipients)
