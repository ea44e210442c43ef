"""Ballot entry log of one round, read back: columns, values, print setup, and 5,000 rows written fast."""

from __future__ import annotations

from datetime import datetime, timedelta

from minutes_samples import HEADER, HEADING, SIGNATURE
from openpyxl import load_workbook
from report_helpers import find_row

from reports.congress.entry_log import export_entry_log
from reports.congress.paper_data import EntryLogRow

TITLE = "Bầu Ban Chi ủy nhiệm kỳ 2025–2030, lần bầu thứ 1"
LABELS = ["STT", "Thời gian", "Phiếu số", "Lượt nhập", "Thao tác", "Trước", "Sau", "Người nhập", "Mã chuỗi"]
START = datetime(2026, 3, 11, 9, 30, 15)


def _rows(count: int):
    actions = ("Nhập", "Sửa", "Hủy phiếu", "Hoàn tác")
    for i in range(1, count + 1):
        action = actions[i % 4]
        before = "" if action == "Nhập" else "Giữ: Nguyễn Văn An, Trần Thị Bình"
        after = "" if action == "Hủy phiếu" else "Giữ: Nguyễn Văn An, Trần Thị Bình, Lê Văn Cường"
        yield EntryLogRow(
            i,
            START + timedelta(seconds=20 * i),
            (i + 1) // 2,
            1 + i % 2,
            action,
            before,
            after,
            "Lý Thị Nga",
            f"{i * 2654435761 % 16**8:08x}",
        )


def _export(tmp_path, rows):
    path = export_entry_log(tmp_path / "nk.xlsx", HEADING, TITLE, rows, HEADER, SIGNATURE)
    return load_workbook(path).active


def test_title_columns_and_values(tmp_path):
    ws = _export(tmp_path, list(_rows(8)))
    title = find_row(ws, "NHẬT KÝ NHẬP PHIẾU")
    assert ws.cell(title, 1).font.b and ws.cell(title + 1, 1).value == TITLE
    assert ws.cell(title + 2, 1).value == "Đại hội Chi bộ Văn phòng Sở lần thứ IV, nhiệm kỳ 2025–2030"
    top = find_row(ws, "STT")
    assert [ws.cell(top, c).value for c in range(1, 10)] == LABELS
    first = [ws.cell(top + 1, c).value for c in range(1, 10)]
    assert first == [
        1,
        START + timedelta(seconds=20),
        1,
        2,
        "Sửa",
        "Giữ: Nguyễn Văn An, Trần Thị Bình",
        "Giữ: Nguyễn Văn An, Trần Thị Bình, Lê Văn Cường",
        "Lý Thị Nga",
        "9e3779b1",
    ]
    assert ws.cell(top + 1, 2).number_format == "hh:mm:ss dd/mm/yyyy"
    voided = [ws.cell(top + 2, c).value for c in (5, 7)]
    assert voided == ["Hủy phiếu", None]
    assert [ws.cell(top + i, 5).value for i in range(1, 9)] == ["Sửa", "Hủy phiếu", "Hoàn tác", "Nhập"] * 2
    assert ws.cell(top + 4, 6).value is None  # a first entry has nothing before it
    assert find_row(ws, "T/M BAN KIỂM PHIẾU") > top + 8


def test_print_setup(tmp_path):
    ws = _export(tmp_path, _rows(3))
    top = find_row(ws, "STT")
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0 and ws.print_title_rows == f"${top}:${top}"
    assert ws.oddFooter.center.text == "Trang &P / &N"


def test_empty_log(tmp_path):
    ws = _export(tmp_path, [])
    top = find_row(ws, "STT")
    assert ws.cell(top + 1, 1).value is None and find_row(ws, "T/M BAN KIỂM PHIẾU") > top


def test_five_thousand_rows_are_all_written(tmp_path):
    """Every row of a long log (its speed: tests/bench/test_refusal_and_log_bench.py)."""
    path = export_entry_log(tmp_path / "nk.xlsx", HEADING, TITLE, _rows(5000), HEADER, SIGNATURE)
    workbook = load_workbook(path, read_only=True)
    values = [row for row in workbook.active.iter_rows(values_only=True) if row and isinstance(row[0], int)]
    workbook.close()
    assert len(values) == 5000 and values[-1][0] == 5000 and values[-1][2] == 2500
