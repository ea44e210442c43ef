"""Short-bio list of the elected, sent for approval, read back."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from report_helpers import find_row, merged

from reports.congress.elected_bios import export_elected_bios
from reports.congress.paper_data import BioRow

LABELS = [
    "STT",
    "Họ và tên",
    "Chức danh được bầu",
    "Ngày sinh",
    "Giới tính",
    "Quê quán",
    "Dân tộc",
    "Tôn giáo",
    "GDPT",
    "Chuyên môn",
    "Lý luận chính trị",
    "Chức vụ, đơn vị công tác",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Số phiếu",
]


def _rows() -> list[BioRow]:
    return [
        BioRow(
            "Nguyễn Văn An",
            "Bí thư Chi bộ",
            date(1975, 5, 2),
            "Nam",
            "Xã Đông Anh, huyện Đông Anh, thành phố Hà Nội",
            "Kinh",
            "Không",
            "12/12",
            "Thạc sĩ Quản lý công",
            "Cao cấp",
            "Chánh Văn phòng Sở",
            date(2000, 5, 19),
            date(2001, 5, 19),
            "27/29 (93,10%)",
        ),
        BioRow(
            "Vũ Thị Hà",
            "Đại biểu chính thức",
            date(1990, 12, 1),
            "Nữ",
            "",
            "Kinh",
            "Không",
            "12/12",
            "Đại học",
            "Sơ cấp",
            "=Chuyên viên",
            date(2015, 6, 1),
            None,
        ),
    ]


def _export(tmp_path, heading, header, signature):
    path = export_elected_bios(tmp_path / "tn.xlsx", heading, _rows(), header, signature)
    return load_workbook(path).active


def test_title_and_header_blocks(tmp_path, heading, congress_header, signature):
    ws = _export(tmp_path, heading, congress_header, signature)
    assert ws["A2"].value == "ĐẠI HỘI LẦN THỨ IV" and ws["A4"].value == "Số 01-DS/ĐH"
    title = find_row(ws, "DANH SÁCH TRÍCH NGANG")
    assert ws.cell(title, 1).font.b and ws.cell(title, 1).font.size == 15 and f"A{title}:O{title}" in merged(ws)
    assert ws.cell(title + 1, 1).value == (
        "Những đồng chí trúng cử tại Đại hội Chi bộ Văn phòng Sở lần thứ IV, nhiệm kỳ 2025–2030, đề nghị chuẩn y"
    )
    party = next(c for c in ws[1] if c.value == "ĐẢNG CỘNG SẢN VIỆT NAM")
    left = get_column_letter(party.column - 1)
    assert party.font.u == "single" and f"A1:{left}1" in merged(ws) and f"{party.coordinate}:O1" in merged(ws)


def test_columns_rows_and_dates(tmp_path, heading, congress_header, signature):
    ws = _export(tmp_path, heading, congress_header, signature)
    top = find_row(ws, "STT")
    assert [ws.cell(top, c).value for c in range(1, 16)] == LABELS
    assert [ws.cell(top + 1, c).value for c in (1, 15)] == ["(1)", "(15)"]
    assert ws.print_title_rows == f"${top}:${top + 1}"
    first = top + 2
    values = [ws.cell(first, c).value for c in range(1, 16)]
    assert values[:3] == [1, "Nguyễn Văn An", "Bí thư Chi bộ"]
    assert values[4:12] == [
        "Nam",
        "Xã Đông Anh, huyện Đông Anh, thành phố Hà Nội",
        "Kinh",
        "Không",
        "12/12",
        "Thạc sĩ Quản lý công",
        "Cao cấp",
        "Chánh Văn phòng Sở",
    ]
    assert values[14] == "27/29 (93,10%)"
    for col, day in ((4, date(1975, 5, 2)), (13, date(2000, 5, 19)), (14, date(2001, 5, 19))):
        cell = ws.cell(first, col)
        assert cell.value.date() == day and cell.number_format == "dd/mm/yyyy"
    assert ws.row_dimensions[first].height >= 3 * 11  # the hometown wraps
    second = [ws.cell(first + 1, c).value for c in range(1, 16)]
    assert second[5] is None and second[11] == "=Chuyên viên" and second[13] is None and second[14] is None
    assert ws.cell(first + 1, 15).border.right.style == "thin"
    assert ws.cell(first, 2).font.name == "Times New Roman" and ws.cell(first, 2).font.size == 11


def test_signature_and_landscape(tmp_path, heading, congress_header, signature):
    ws = _export(tmp_path, heading, congress_header, signature)
    sign = find_row(ws, "T/M CHI BỘ")
    assert find_row(ws, "BÍ THƯ") == sign + 1 and find_row(ws, "Trần Thị Bình") == sign + 5
    assert ws.cell(sign + 1, 1).value == "- Đảng ủy cấp trên (để chuẩn y),"
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
