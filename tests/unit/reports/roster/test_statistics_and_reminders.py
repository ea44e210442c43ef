"""Statistics report and reminder lists, read back."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from report_helpers import find_row

from reports.roster.reminder_lists import (
    BadgeRow,
    ProbationRow,
    days_left_text,
    export_badge_list,
    export_probation_list,
)
from reports.roster.statistics_report import StatRow, StatSection, export_statistics

SECTIONS = [
    StatSection("Tổng số đảng viên", [StatRow("Tổng số", 25, None)]),
    StatSection("Giới tính", [StatRow("Nam", 15, 60.0), StatRow("Nữ", 10, 40.0)]),
    StatSection("Độ tuổi", [StatRow("Từ 30 tuổi trở xuống", 3, 12.0), StatRow("Từ 31 đến 40 tuổi", 7, 28.0)]),
]


def test_statistics_report(tmp_path, header, signature):
    path = export_statistics(
        tmp_path / "tk.xlsx", SECTIONS, header, period="Tính đến ngày 31/12/2025", signature=signature
    )
    ws = load_workbook(path).active
    assert find_row(ws, "BÁO CÁO THỐNG KÊ ĐẢNG VIÊN") + 1 == find_row(ws, "Tính đến ngày 31/12/2025")
    top = find_row(ws, "STT")
    assert [ws.cell(top, c).value for c in range(1, 6)] == ["STT", "Nội dung", "Số lượng", "Tỷ lệ (%)", "Ghi chú"]
    assert ws.print_title_rows == f"${top}:${top}"
    section = top + 3
    assert [ws.cell(section, c).value for c in (1, 2)] == ["II", "Giới tính"]
    assert ws.cell(section, 2).font.b and not ws.cell(section + 1, 2).font.b
    assert [ws.cell(section + 2, c).value for c in (1, 2, 3, 4)] == [2, "Nữ", 10, "40,00"]
    assert ws.cell(section + 2, 4).alignment.horizontal == "right"  # as the screen writes it, in any Excel locale
    assert ws.cell(top + 2, 4).value is None  # a total has no percentage
    assert ws.page_setup.orientation == "portrait"


def _probation() -> list[ProbationRow]:
    return [
        ProbationRow("Nguyễn Văn An", date(1995, 4, 2), date(2025, 3, 1), date(2026, 3, 1), date(2026, 4, 13), 33),
        ProbationRow("Lê Thị Hoa", date(1998, 9, 9), date(2025, 1, 10), date(2026, 1, 10), date(2026, 2, 24), -15),
    ]


def test_days_left_text():
    assert [days_left_text(d) for d in (3, 0, -2)] == ["Còn 3 ngày", "Đến hạn hôm nay", "Quá hạn 2 ngày"]


def test_probation_list(tmp_path, header, signature):
    path = export_probation_list(tmp_path / "db.xlsx", _probation(), header, as_of=date(2026, 3, 11))
    ws = load_workbook(path).active
    assert find_row(ws, "(Tính đến ngày 11/03/2026)")
    top = find_row(ws, "STT")
    assert ws.cell(top, 6).value == "Hạn xét công nhận chính thức"
    first = top + 1
    assert ws.cell(first, 2).value == "Nguyễn Văn An" and ws.cell(first, 7).value == "Còn 33 ngày"
    assert ws.cell(first, 6).value.date() == date(2026, 4, 13)
    assert ws.cell(first + 1, 7).value == "Quá hạn 15 ngày" and ws.cell(first + 1, 7).font.b


def test_badge_list(tmp_path, header):
    rows = [
        BadgeRow("Trần Văn Bình", date(1950, 5, 1), "Nam Định", date(1977, 2, 3), date(1978, 2, 3), "00123456", 50, 50)
    ]
    path = export_badge_list(tmp_path / "hh.xlsx", rows, header, award_date=date(2027, 2, 3))
    ws = load_workbook(path).active
    assert find_row(ws, "DANH SÁCH ĐẢNG VIÊN ĐỀ NGHỊ TẶNG HUY HIỆU ĐẢNG")
    assert find_row(ws, "Đợt ngày 03/02/2027")
    top = find_row(ws, "STT")
    body = top + 2
    assert [ws.cell(body, c).value for c in (2, 4, 7, 8, 9)] == ["Trần Văn Bình", "Nam Định", "00123456", 50, "50 năm"]
    assert ws.page_setup.orientation == "landscape"
