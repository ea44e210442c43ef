"""Reminder lists: probationary members due for recognition, and members reaching a Party-badge milestone."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reports.core.files import save_workbook
from reports.core.party_document import (
    DEFAULT_RECIPIENTS,
    Column,
    DocumentHeader,
    DocumentSheet,
    Signature,
    new_workbook,
)
from reports.core.styles import format_date

PROBATION_TITLE = "DANH SÁCH ĐẢNG VIÊN DỰ BỊ ĐẾN HẠN XÉT CÔNG NHẬN ĐẢNG VIÊN CHÍNH THỨC"
BADGE_TITLE = "DANH SÁCH ĐẢNG VIÊN ĐỀ NGHỊ TẶNG HUY HIỆU ĐẢNG"


@dataclass(frozen=True)
class ProbationRow:
    full_name: str
    birth_date: date | None
    ceremony_date: date | None  # lễ kết nạp: the 12 months run from here
    probation_end: date  # end of the 12 months
    deadline: date  # last day for the branch to consider recognition (30 working days later)
    days_left: int  # until the deadline; negative when overdue
    note: str = ""


@dataclass(frozen=True)
class BadgeRow:
    full_name: str
    birth_date: date | None
    hometown: str
    admission_date: date | None
    official_date: date | None
    card_number: str
    seniority_years: int  # tuổi đảng reached on the award date
    milestone: int  # badge of `milestone` years (30, 40, 45, ...)
    note: str = ""


PROBATION_COLUMNS = (
    Column("STT", 6, "center"),
    Column("Họ và tên", 24),
    Column("Ngày sinh", 12, "date"),
    Column("Ngày lễ kết nạp", 12, "date"),
    Column("Ngày hết 12 tháng dự bị", 13, "date"),
    Column("Hạn xét công nhận chính thức", 13, "date"),
    Column("Thời hạn còn lại", 17, "center"),
    Column("Ghi chú", 14),
)

BADGE_COLUMNS = (
    Column("STT", 6, "center"),
    Column("Họ và tên", 24),
    Column("Ngày sinh", 12, "date"),
    Column("Quê quán", 24),
    Column("Ngày vào Đảng", 12, "date"),
    Column("Ngày chính thức", 12, "date"),
    Column("Số thẻ đảng viên", 12, "center"),
    Column("Tuổi đảng", 9, "center"),
    Column("Huy hiệu", 11, "center"),
    Column("Ghi chú", 16),
)


BRANCH_COLUMN = Column("Chi bộ", 26)


def with_branches(
    columns: Sequence[Column], rows: list[list[object]], branches: Sequence[str] | None
) -> tuple[Sequence[Column], list[list[object]]]:
    """The committee's lists: a «Chi bộ» column after STT, each row's branch in it (None: the list as it is)."""
    if branches is None:
        return columns, rows
    if len(branches) != len(rows):
        raise ValueError("one branch a row")
    return (columns[0], BRANCH_COLUMN, *columns[1:]), [[r[0], b, *r[1:]] for r, b in zip(rows, branches, strict=True)]


def days_left_text(days: int) -> str:
    if days > 0:
        return f"Còn {days} ngày"
    if days == 0:
        return "Đến hạn hôm nay"
    return f"Quá hạn {-days} ngày"


def probation_rows(rows: Sequence[ProbationRow]) -> list[list[object]]:
    return [
        [
            i,
            r.full_name,
            r.birth_date,
            r.ceremony_date,
            r.probation_end,
            r.deadline,
            days_left_text(r.days_left),
            r.note or None,
        ]
        for i, r in enumerate(rows, start=1)
    ]


def badge_rows(rows: Sequence[BadgeRow]) -> list[list[object]]:
    return [
        [
            i,
            r.full_name,
            r.birth_date,
            r.hometown or None,
            r.admission_date,
            r.official_date,
            r.card_number or None,
            r.seniority_years,
            f"{r.milestone} năm",
            r.note or None,
        ]
        for i, r in enumerate(rows, start=1)
    ]


def _export_list(
    path: str | os.PathLike[str],
    sheet: str,
    columns: Sequence[Column],
    header: DocumentHeader,
    heading: tuple[str, str],
    rows: list[list[object]],
    *,
    landscape: bool,
    numbered: bool,
    signature: Signature | None,
    recipients: Sequence[str],
    bold: Callable[[Sequence[object]], bool] | None = None,
) -> Path:
    workbook, ws = new_workbook(sheet)
    doc = DocumentSheet(ws, columns, landscape=landscape)
    doc.header_blocks(header)
    doc.title(*heading)
    doc.table_header(numbered=numbered)
    doc.table_rows(rows, bold=bold)
    doc.signature(signature or Signature(), recipients)
    return save_workbook(workbook, path)


def export_probation_list(
    path: str | os.PathLike[str],
    rows: Sequence[ProbationRow],
    header: DocumentHeader,
    *,
    as_of: date,
    signature: Signature | None = None,
    recipients: Sequence[str] = DEFAULT_RECIPIENTS,
    branches: Sequence[str] | None = None,
) -> Path:
    """Probationary members due (or overdue) for recognition, counted at `as_of`; `branches`: each row's branch
    (the committee's list, with a «Chi bộ» column)."""
    heading = (PROBATION_TITLE, f"(Tính đến ngày {format_date(as_of)})")
    columns, table = with_branches(PROBATION_COLUMNS, probation_rows(rows), branches)
    return _export_list(
        path,
        "Đảng viên dự bị",
        columns,
        header,
        heading,
        table,
        landscape=branches is not None,
        numbered=False,
        signature=signature,
        recipients=recipients,
        bold=lambda row: str(row[-2]).startswith("Quá hạn"),
    )


def export_badge_list(
    path: str | os.PathLike[str],
    rows: Sequence[BadgeRow],
    header: DocumentHeader,
    *,
    award_date: date,
    signature: Signature | None = None,
    recipients: Sequence[str] = DEFAULT_RECIPIENTS,
    branches: Sequence[str] | None = None,
) -> Path:
    """Members reaching a badge milestone for the award date (3/2, 19/5, 2/9 or 7/11); `branches` as above."""
    heading = (BADGE_TITLE, f"Đợt ngày {format_date(award_date)}")
    columns, table = with_branches(BADGE_COLUMNS, badge_rows(rows), branches)
    return _export_list(
        path,
        "Huy hiệu Đảng",
        columns,
        header,
        heading,
        table,
        landscape=True,
        numbered=True,
        signature=signature,
        recipients=recipients,
    )
