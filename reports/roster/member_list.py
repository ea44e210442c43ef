"""Member list export "DANH SÁCH ĐẢNG VIÊN": the 14 columns of the roster book 7-HSĐV, or the columns on screen.

The default layout follows the roster book (sổ danh sách đảng viên, mẫu 7-HSĐV, Hướng dẫn 12-HD/BTCTW), whose 14
columns each hold several facts, one per line:
 (1) STT; (2) họ và tên, họ và tên khai sinh; (3) nam/nữ và ngày sinh, dân tộc, tôn giáo; (4) quê quán;
 (5) văn hóa, lý luận chính trị, chuyên môn nghiệp vụ, ngoại ngữ; (6) nghề nghiệp, chức vụ và nơi làm việc;
 (7) ngày vào Đảng, ngày chính thức; (8) số thẻ, số lý lịch, số Huy hiệu Đảng; (9) bộ đội, công an, hưu trí;
 (10) ngày chuyển đi, đến đảng bộ nào; (11) ngày chuyển đến, từ đảng bộ nào; (12) ngày từ trần, lý do;
 (13) ngày ra khỏi Đảng, hình thức; (14) ghi chú (trạng thái, ghi chú).
Columns 9-13 come from the member's events, which reports/ does not interpret: the caller passes them as optional
ready-made text keys `service_status`, `transferred_out`, `transferred_in`, `died`, `left_party` (e.g.
"12/05/2024 – Đảng bộ Sở Y tế"); `status_label` ("Dự bị", "Chính thức") is printed in the notes column.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from models.roster.fields import DATE_FIELDS, FIELD_BY_KEY
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

Row = Mapping[str, object]
ROW_NUMBER = "#"  # pseudo key: the row's number in the list (STT), a column of its own
LIST_TITLE = "DANH SÁCH ĐẢNG VIÊN"


@dataclass(frozen=True)
class ListColumn:
    """A column of the list: the values of `keys` (each after its prefix) one per line, or `render(row)`."""

    label: str
    width: float
    keys: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    kind: str = "text"  # as party_document.Column.kind; a single date key keeps a real date cell
    render: Callable[[Row], object] | None = None

    def value(self, row: Row) -> object:
        return self.reader(row)

    @cached_property
    def reader(self) -> Callable[[Row], object]:
        """`value`, chosen once for the column's shape: a list reads it for every member."""
        if self.render is not None:
            return self.render
        if len(self.keys) == 1 and not self.prefixes:
            key = self.keys[0]

            def single(row: Row) -> object:
                value = row.get(key)
                return value if value not in ("", None) else None

            return single
        pairs = [(key, self.prefixes[i] if i < len(self.prefixes) else "") for i, key in enumerate(self.keys)]

        def lines(row: Row) -> object:
            texts = [prefix + text for key, prefix in pairs if (text := _text(row.get(key)))]
            return "\n".join(texts) if texts else None

        return lines


def _text(value: object) -> str:
    if type(value) is str:  # most values: the test first
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    return str(value).strip()


def _gender_birth_lines(row: Row) -> str | None:
    first = ", ".join([t for t in (_text(row.get("gender")), _text(row.get("birth_date"))) if t])
    lines = [t for t in (first, _text(row.get("ethnicity")), _text(row.get("religion"))) if t]
    return "\n".join(lines) if lines else None


def _names(row: Row) -> str | None:
    name, birth_name = _text(row.get("full_name")), _text(row.get("birth_name"))
    return f"{name}\n({birth_name})" if birth_name and birth_name != name else name or None


def _work(row: Row) -> str | None:
    title = ", ".join([t for t in (_text(row.get("job_title")), _text(row.get("workplace"))) if t])
    lines = [t for t in (_text(row.get("occupation")), title) if t]
    return "\n".join(lines) if lines else None


ROSTER_BOOK_COLUMNS: tuple[ListColumn, ...] = (
    ListColumn("Số TT", 5.5, (ROW_NUMBER,), kind="center"),
    ListColumn("Họ và tên\nHọ và tên khai sinh", 21, render=_names),
    ListColumn("Nam, nữ, ngày sinh, dân tộc, tôn giáo", 16, render=_gender_birth_lines),
    ListColumn("Quê quán", 18, ("hometown",)),
    ListColumn(
        "Văn hóa, lý luận, CMNV, ngoại ngữ",
        15,
        ("education", "theory", "qualification", "foreign_language"),
        ("", "LLCT: ", "CM: ", "NN: "),
    ),
    ListColumn("Nghề nghiệp, chức vụ, nơi làm việc", 19, render=_work),
    ListColumn("Ngày vào Đảng, ngày chính thức", 12.5, ("admission_date", "official_date"), kind="center"),
    ListColumn(
        "Số thẻ, số lý lịch, số Huy hiệu Đảng", 12.5, ("card_number", "record_number", "badge_number"), kind="center"
    ),
    ListColumn("Bộ đội, công an, hưu trí", 10, ("service_status",)),
    ListColumn("Ngày chuyển đi, đến đảng bộ nào", 13, ("transferred_out",)),
    ListColumn("Ngày chuyển đến, từ đảng bộ nào", 13, ("transferred_in",)),
    ListColumn("Ngày từ trần, lý do", 11, ("died",)),
    ListColumn("Ngày ra khỏi Đảng, hình thức", 11, ("left_party",)),
    ListColumn("Ghi chú", 13, ("status_label", "notes")),
)

# Widths of the single-field columns chosen on screen.
_WIDTHS = {
    "full_name": 24,
    "birth_date": 12,
    "gender": 7,
    "hometown": 22,
    "residence": 24,
    "birth_place": 22,
    "occupation": 18,
    "job_title": 18,
    "workplace": 22,
    "notes": 20,
    "citizen_id": 15,
    "phone": 13,
    "ethnicity": 9,
    "religion": 10,
    "education": 10,
    "card_number": 12,
    "record_number": 12,
    "status": 21,
    "status_label": 21,
    "kind": 11,
    "job": 24,
}


def columns_for(pairs: Sequence[tuple[str, str]], numbered: bool = True) -> list[ListColumn]:
    """Columns from (label, key) pairs as shown on screen; dates stay real dates; STT first when `numbered`."""
    columns = [ListColumn("STT", 5.5, (ROW_NUMBER,), kind="center")] if numbered else []
    for label, key in pairs:
        if key in DATE_FIELDS:
            columns.append(ListColumn(label, 12.5, (key,), kind="date"))
        else:
            width = _WIDTHS.get(key, max(10, min(24, len(label) + 2)))
            columns.append(ListColumn(label, width, (key,)))
    return columns


def _as_row(member: object) -> Row:
    if isinstance(member, Mapping):
        return member
    return vars(member)  # a dataclass record such as models.roster.records.MemberRecord


def member_rows(members: Sequence[object], columns: Sequence[ListColumn]) -> list[list[object]]:
    """The cell values of the list body, in the members' order."""
    readers = [None if column.keys == (ROW_NUMBER,) and column.render is None else column.reader for column in columns]
    return [
        [number if read is None else read(row) for read in readers]
        for number, row in enumerate(map(_as_row, members), start=1)
    ]


def export_member_list(
    path: str | os.PathLike[str],
    members: Sequence[object],
    header: DocumentHeader,
    *,
    columns: Sequence[ListColumn] = ROSTER_BOOK_COLUMNS,
    title: str = LIST_TITLE,
    summary: str = "",
    signature: Signature | None = None,
    recipients: Sequence[str] = DEFAULT_RECIPIENTS,
    landscape: bool = True,
) -> Path:
    """Write the member list (rows already in print order: dicts keyed like MEMBER_FIELDS or MemberRecord)."""
    workbook, ws = new_workbook("Danh sách đảng viên")
    doc = DocumentSheet(ws, [Column(c.label, c.width, c.kind) for c in columns], landscape=landscape)
    doc.header_blocks(header)
    doc.title(title, summary)
    doc.table_header(numbered=True)
    doc.table_rows(member_rows(members, columns))
    doc.signature(signature or Signature(), recipients)
    return save_workbook(workbook, path)


def field_label(key: str) -> str:
    """The Vietnamese label of a member field key (for screen columns built from keys)."""
    spec = FIELD_BY_KEY.get(key)
    return spec.label if spec else key
