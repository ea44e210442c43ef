"""The member list streamed (write-only, one styled template cell per column, row heights as plain attributes) is
the workbook openpyxl writes through an ordinary worksheet, cell by cell: values, fonts, alignments, borders,
number formats, row heights, column widths, merges and print setup."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.indexed_list import IndexedList

import reports.roster.member_list as member_list
from models.core.partial_dates import year_only
from models.roster.event_kinds import EventKind
from models.roster.member_list_rows import member_list_row
from models.roster.records import EventRecord
from reports.core import styles
from reports.roster.member_list import columns_for, export_member_list
from tests.support.people import all_people, member

ON = date(2026, 3, 11)


def _rows() -> list[dict]:
    people = all_people()
    people[0].events = [
        EventRecord(EventKind.TRANSFERRED_IN, date(2018, 3, 1), place="Đảng bộ Quân sự tỉnh", id=1),
        EventRecord(EventKind.DIED, date(2026, 2, 1), note="Bệnh nặng", id=2),
    ]
    people += [
        member(1, full_name='=HYPERLINK("x")', birth_name="Nguyễn Văn Tí", birth_date=year_only(1970)),
        member(2, notes="Dòng một\nDòng hai\nDòng ba", theory="Cao cấp", foreign_language="Anh B1"),
        member(3, hometown="", job_title="", occupation="Hưu trí", card_number=""),
    ]
    return [member_list_row(person, ON) for person in people * 8]


def _ordinary_workbook(sheet_title: str):
    """What new_workbook makes, but an ordinary (not write-only) workbook."""
    workbook = Workbook()
    default = Font(name=styles.FONT_NAME, sz=11, family=1)
    workbook._fonts = IndexedList([default])
    workbook._named_styles["Normal"].font = default
    workbook.active.title = sheet_title[:31]
    return workbook, workbook.active


def _cells(ws) -> list[tuple]:
    out = []
    for row in ws.iter_rows():
        for cell in row:
            font, align, border = cell.font, cell.alignment, cell.border
            out.append(
                (
                    cell.coordinate,
                    cell.value,
                    cell.data_type,
                    (font.name, font.sz, font.b, font.i, font.u, font.color.rgb if font.color else None),
                    (align.horizontal, align.vertical, align.wrap_text),
                    tuple(getattr(border, side).style for side in ("left", "right", "top", "bottom")),
                    cell.number_format,
                )
            )
    return out


def _layout(ws) -> tuple:
    setup, margins = ws.page_setup, ws.page_margins
    return (
        {r: ws.row_dimensions[r].height for r in range(1, ws.max_row + 1)},
        {k: d.width for k, d in ws.column_dimensions.items()},
        sorted(str(r) for r in ws.merged_cells.ranges),
        ws.print_title_rows,
        (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight),
        ws.sheet_properties.pageSetUpPr.fitToPage,
        (margins.left, margins.right, margins.top, margins.bottom),
        ws.oddFooter.center.text,
        [brk.id for brk in ws.row_breaks.brk],
    )


@pytest.mark.parametrize("screen", [False, True])
def test_the_streamed_list_is_the_ordinary_worksheets_cell_by_cell(tmp_path, monkeypatch, header, signature, screen):
    rows = _rows()
    options = {"columns": columns_for([("Họ và tên", "full_name"), ("Ngày sinh", "birth_date")])} if screen else {}
    streamed = export_member_list(tmp_path / "streamed.xlsx", rows, header, signature=signature, **options)
    monkeypatch.setattr(member_list, "new_workbook", _ordinary_workbook)
    ordinary = export_member_list(tmp_path / "ordinary.xlsx", rows, header, signature=signature, **options)
    ours, theirs = load_workbook(streamed).active, load_workbook(ordinary).active
    assert ours.max_row == theirs.max_row > len(rows)
    assert _cells(ours) == _cells(theirs)
    assert _layout(ours) == _layout(theirs)
