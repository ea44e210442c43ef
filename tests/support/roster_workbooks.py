"""Branch roster workbooks as secretaries keep them: title rows, a merged two-row header, then one member a row."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

HEADER = ["STT", "Họ và tên", "Giới tính", "Ngày tháng năm", None, "Số thẻ ĐV", "Điện thoại"]
SUBHEADER = [None, None, None, "Sinh", "Vào Đảng", None, None]
FIRST_DATA_ROW = 6


def fill_sheet(ws, rows, legacy_font_rows=()) -> None:
    """Title block, merged header (rows 4-5), numbered data rows from row 6; `legacy_font_rows` use .VnTime."""
    ws.append(["ĐẢNG BỘ PHƯỜNG HÀNG BÔNG"])
    ws.append(["DANH SÁCH ĐẢNG VIÊN CHI BỘ SỐ 2"])
    ws.append([])
    ws.append(HEADER)
    ws.append(SUBHEADER)
    for ref in ("A4:A5", "B4:B5", "C4:C5", "D4:E4", "F4:F5", "G4:G5"):
        ws.merge_cells(ref)
    for number, row in enumerate(rows, start=1):
        ws.append([number, *row])
        if ws.max_row in legacy_font_rows:
            ws.cell(ws.max_row, 2).font = Font(name=".VnTime")


def write_roster(path: Path, rows, legacy_font_rows=(), extra_sheets: dict | None = None) -> Path:
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = "Danh sách"
    fill_sheet(ws, rows, legacy_font_rows)
    for title, more in (extra_sheets or {}).items():
        fill_sheet(wb.create_sheet(title), more)
    wb.save(path)
    return path
