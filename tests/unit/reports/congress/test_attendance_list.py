"""Attendance list of the congress: the summoned members, the figures behind D and the signature, read back."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from dataclasses import replace
from datetime import date

import pytest
from openpyxl import load_workbook
from report_helpers import find_row, merged

from models.core.partial_dates import year_only
from models.counting.structure import Quorum
from reports.congress.attendance_list import export_attendance_list
from reports.congress.paper_data import AttendanceRow
from tests.support.libreoffice import page_texts, to_pdf

LABELS = ["STT", "Họ và tên", "Ngày sinh", "Chính thức/ Dự bị", "Tình trạng", "Điểm danh", "Ký tên", "Ghi chú"]


def _rows(count: int = 3) -> list[AttendanceRow]:
    first = [
        AttendanceRow("Nguyễn Văn An", date(1975, 5, 2), "Chính thức", "", "Có mặt"),
        AttendanceRow("Trần Thị Bình", year_only(1980), "Dự bị", "", "Có mặt", "đến muộn 09:40"),
        AttendanceRow(
            "Lê Văn Cường",
            date(1985, 9, 30),
            "Chính thức",
            "Sinh hoạt tạm thời nơi khác",
            "Vắng có lý do",
            "Đi công tác",
        ),
    ]
    more = [AttendanceRow(f"Đảng viên {i:02d}", date(1980, 1, 1), "Chính thức", "", "Có mặt") for i in range(count)]
    return (first + more)[:count] if count <= 3 else first + more[3:]


def _export(tmp_path, heading, figures, header, signature, rows=None):
    path = export_attendance_list(
        tmp_path / "dd.xlsx", heading, _rows() if rows is None else rows, figures, header, signature
    )
    return path, load_workbook(path).active


def test_title_summary_and_header_blocks(tmp_path, heading, figures, congress_header, presidium):
    _path, ws = _export(tmp_path, heading, figures, congress_header, presidium)
    assert ws["A1"].value == "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG" and not ws["A1"].font.b
    assert ws["A2"].value == "ĐẠI HỘI LẦN THỨ IV" and ws["A2"].font.b
    assert ws["A3"].value == "*" and ws["A4"].value == "Số 01-DS/ĐH"
    assert ws["E1"].value == "ĐẢNG CỘNG SẢN VIỆT NAM" and ws["E1"].font.u == "single"
    assert ws["E4"].value == "Hà Nội, ngày 11 tháng 3 năm 2026" and ws["E4"].font.i
    assert {"A1:D1", "E1:H1", "A2:D2", "A4:D4", "E4:H4"} <= merged(ws)
    title = find_row(ws, "DANH SÁCH ĐẢNG VIÊN DỰ ĐẠI HỘI")
    assert ws.cell(title, 1).font.b and ws.cell(title, 1).font.size == 15
    summary = ws.cell(title + 1, 1)
    assert summary.value == "Đại hội Chi bộ Văn phòng Sở lần thứ IV, nhiệm kỳ 2025–2030" and summary.font.b
    assert f"A{title}:H{title}" in merged(ws)


def test_table_columns_and_rows(tmp_path, heading, figures, congress_header, presidium):
    _path, ws = _export(tmp_path, heading, figures, congress_header, presidium)
    top = find_row(ws, "STT")
    assert [ws.cell(top, c).value for c in range(1, 9)] == LABELS
    assert ws.print_title_rows == f"${top}:${top}"  # repeated on every printed page
    first = top + 1
    assert [ws.cell(first, c).value for c in (1, 2, 4, 6)] == [1, "Nguyễn Văn An", "Chính thức", "Có mặt"]
    born = ws.cell(first, 3)
    assert born.value.date() == date(1975, 5, 2) and born.number_format == "dd/mm/yyyy"
    assert ws.cell(first + 1, 3).value == "1980"  # known only by its year: never a made-up 01/01/1980
    assert [ws.cell(first + 1, c).value for c in (4, 8)] == ["Dự bị", "đến muộn 09:40"]
    third = [ws.cell(first + 2, c).value for c in range(1, 9)]
    assert third[4:] == ["Sinh hoạt tạm thời nơi khác", "Vắng có lý do", None, "Đi công tác"]
    assert ws.row_dimensions[first + 2].height >= 2 * 12  # the situation wraps onto two lines
    sign = ws.cell(first, 7)
    assert sign.value is None and sign.border.left.style == "thin" and sign.border.right.style == "thin"
    widths = {c: ws.column_dimensions[c].width for c in "ABCDEFGH"}
    assert widths["G"] >= 16 and widths["G"] == max(w for c, w in widths.items() if c != "B")
    assert ws.cell(first, 2).font.name == "Times New Roman" and ws.cell(first, 2).font.size == 12


def _figure(ws, label):
    row = find_row(ws, label)
    return row, ws.cell(row, 6)


def test_figures_block(tmp_path, heading, figures, congress_header, presidium):
    _path, ws = _export(tmp_path, heading, figures, congress_header, presidium)
    last_body = find_row(ws, "Lê Văn Cường")
    counts = {
        "Tổng số đảng viên được triệu tập": 35,
        "– Đảng viên chính thức": 33,
        "– Đảng viên dự bị": 2,
        "Số đảng viên có mặt": 31,
        "– Trong đó đảng viên chính thức": 29,
        "Vắng mặt có lý do": 3,
        "Vắng mặt không có lý do": 1,
        "– Sinh hoạt tạm thời ở tổ chức đảng khác": 1,
        "– Miễn sinh hoạt và vắng mặt": 0,
        "– Bị đình chỉ sinh hoạt, khởi tố, tạm giam": 1,
        "– Vắng mặt cả buổi có lý do được chấp nhận": 2,
        "Số đảng viên được tính để xác định kết quả bầu cử (D)": 29,
        "Số phiếu tối thiểu để trúng cử (⌊D/2⌋ + 1)": 15,
        "Số phiếu bầu phát ra (đảng viên có mặt được bầu cử)": 28,
    }
    for label, count in counts.items():
        row, cell = _figure(ws, label)
        assert row > last_body and cell.value == count, label
    row, d = _figure(ws, "Số đảng viên được tính để xác định kết quả bầu cử (D)")
    assert d.number_format == '0" đồng chí"' and d.font.b and ws.cell(row, 1).font.b
    assert {f"A{row}:E{row}", f"F{row}:G{row}"} <= merged(ws)
    row, threshold = _figure(ws, "Số phiếu tối thiểu để trúng cử (⌊D/2⌋ + 1)")
    assert threshold.number_format == '0" phiếu"' and threshold.font.b
    assert find_row(ws, "Tổng số đảng viên được triệu tập") == last_body + 2  # one blank row below the list
    excluded = find_row(ws, "Không tính khi xác định kết quả bầu cử:")
    assert ws.cell(excluded, 6).value is None and excluded == find_row(ws, "Vắng mặt không có lý do") + 1
    assert ws.cell(excluded, 1).font.size == 13 and not ws.cell(excluded, 1).font.b


def test_signature_and_print_setup(tmp_path, heading, figures, congress_header, presidium):
    _path, ws = _export(tmp_path, heading, figures, congress_header, presidium)
    sign = find_row(ws, "T/M ĐOÀN CHỦ TỊCH")
    assert sign > find_row(ws, "Số phiếu bầu phát ra (đảng viên có mặt được bầu cử)")
    assert find_row(ws, "CHỦ TỌA") == sign + 1 and find_row(ws, "Nguyễn Văn An") < sign  # the member on the list
    assert [c.value for c in ws[sign + 5] if c.value] == ["Nguyễn Văn An"]
    assert ws.cell(sign, 1).value == "Nơi nhận:" and ws.cell(sign + 1, 1).value == "- Lưu hồ sơ đại hội."
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.oddFooter.center.text == "Trang &P / &N"


def test_figures_and_signature_keep_the_last_rows_with_them(tmp_path, heading, figures, congress_header, presidium):
    rows = _rows(20)  # rows two lines high (to sign): 20 fill most of the first page
    _path, ws = _export(tmp_path, heading, figures, congress_header, presidium, rows)
    last = find_row(ws, "Đảng viên 19")
    # the figures and the signature do not fit under the list on the first page: the last two rows go with them
    assert [brk.id for brk in ws.row_breaks.brk] == [last - 2]
    _path, ws = _export(tmp_path, heading, figures, congress_header, presidium)
    assert list(ws.row_breaks.brk) == []  # a short list shares the first page with both


QUORUM = Quorum(summoned=10, present=9).text  # "Có mặt 9/10 …: đại hội hợp lệ (Điều lệ Đảng, Điều 11 khoản 6)."


def test_a_short_list_with_its_quorum_line_prints_on_one_page(tmp_path, heading, figures, congress_header, presidium):
    # A list of 12 with the figures, the quorum line and the signature runs a little over one page: rather than a
    # first page half empty and the last two rows with the figures on a second, the whole is shrunk onto one page.
    figures = replace(figures, quorum_text=QUORUM)
    _path, ws = _export(tmp_path, heading, figures, congress_header, presidium, _rows(12))
    assert list(ws.row_breaks.brk) == [] and ws.page_setup.fitToHeight == 1
    _path, ws = _export(tmp_path, heading, figures, congress_header, presidium, _rows(20))
    last = find_row(ws, "Đảng viên 19")  # a longer list is never shrunk: the last two rows go with the figures
    assert [brk.id for brk in ws.row_breaks.brk] == [last - 2] and ws.page_setup.fitToHeight == 0


def test_text_that_looks_like_a_formula_stays_text(tmp_path, heading, figures, congress_header, presidium):
    rows = [AttendanceRow("=1+1", None, "Chính thức", "=SUM(A1)", "Có mặt", '=HYPERLINK("x")')]
    path, ws = _export(tmp_path, heading, figures, congress_header, presidium, rows)
    with zipfile.ZipFile(path) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
    top = find_row(ws, "STT")
    assert [ws.cell(top + 1, c).value for c in (2, 5, 8)] == ["=1+1", "=SUM(A1)", '=HYPERLINK("x")']


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="needs soffice and pdftotext")
def test_renders_with_the_figures_and_signature_on_the_last_page(
    tmp_path, heading, figures, congress_header, presidium
):
    path, _ws = _export(tmp_path, heading, figures, congress_header, presidium, _rows(35))
    pages = page_texts(to_pdf(path, tmp_path))
    assert len(pages) >= 2 and all("Điểm danh" in page for page in pages)
    last = pages[-1]
    assert "Đảng viên 33" in last and "Đảng viên 34" in last
    assert "T/M ĐOÀN CHỦ TỊCH" in last and "Nguyễn Văn An" in last and "29 đồng chí" in last and "15 phiếu" in last


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdfinfo")), reason="needs soffice and pdfinfo")
def test_a_short_list_renders_on_one_page(tmp_path, heading, figures, congress_header, presidium):
    figures = replace(figures, quorum_text=QUORUM)
    path, _ws = _export(tmp_path, heading, figures, congress_header, presidium, _rows(12))
    info = subprocess.run(["pdfinfo", str(to_pdf(path, tmp_path))], check=True, capture_output=True, text=True).stdout
    assert "Pages:           1" in info


def test_every_row_is_high_enough_to_sign_and_a_long_reason_wraps_within_its_row(
    tmp_path, heading, figures, congress_header, presidium
):
    reason = "Đi công tác nước ngoài theo quyết định của cơ quan"
    rows = [*_rows(), AttendanceRow("Ngô Thị Hạnh", date(1979, 4, 1), "Chính thức", "", "Vắng có lý do", reason)]
    _path, ws = _export(tmp_path, heading, figures, congress_header, presidium, rows)
    top = find_row(ws, "STT")
    heights = [ws.row_dimensions[r].height for r in range(top + 1, top + 1 + len(rows))]
    assert all(h is not None and h >= 30 for h in heights)  # two lines of 12-13 pt: about 1.1 cm to sign in
    assert heights[-1] >= heights[0]
    assert ws.column_dimensions["H"].width >= 17  # «Ghi chú» holds a usual reason on two even lines
    assert ws.column_dimensions["F"].width >= 15  # «Vắng không lý do» on one line
