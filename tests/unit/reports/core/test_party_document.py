"""Party document layout: header blocks, title, table header, signature and print setup, read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from report_helpers import find_row, merged

from models.core.numerals import roman
from reports.core.files import safe_filename, save_workbook
from reports.core.party_document import Column, DocumentHeader, DocumentSheet, Signature, new_workbook
from reports.core.styles import date_line, format_date

COLUMNS = [
    Column("STT", 6, "center"),
    Column("Họ và tên", 26),
    Column("Nam", 12, "date", group="Ngày sinh"),
    Column("Nữ", 12, "date", group="Ngày sinh"),
    Column("Quê quán", 24),
    Column("Ghi chú", 16),
]


def _write(path, header, signature, *, write_only=True, landscape=False):
    if write_only:
        wb, ws = new_workbook("Danh sách")
    else:
        wb = Workbook()
        ws = wb.active
    doc = DocumentSheet(ws, COLUMNS, landscape=landscape)
    doc.header_blocks(header)
    doc.title("Danh sách đảng viên", "Chi bộ Văn phòng Sở")
    doc.table_header()
    doc.table_rows([[1, "Nguyễn Văn An", date(1980, 1, 2), None, "Hà Nội", ""], [2, "Lê Thị Hoa", None]])
    doc.signature(signature, ["Đảng ủy Sở,", "Lưu chi bộ."])
    save_workbook(wb, path)
    return load_workbook(path).active


@pytest.mark.parametrize("write_only", [True, False])
def test_header_blocks_are_merged_and_styled(tmp_path, header, signature, write_only):
    ws = _write(tmp_path / "a.xlsx", header, signature, write_only=write_only)
    assert ws["A1"].value == "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    # 14 points would wrap this name in the left block (LibreOffice): it takes the largest size that keeps one line
    assert ws["A1"].font.name == "Times New Roman" and 12 <= ws["A1"].font.size < 14 and not ws["A1"].font.b
    assert ws["A2"].value == "CHI BỘ VĂN PHÒNG SỞ" and ws["A2"].font.b
    assert ws["A3"].value == "*"
    assert ws["A4"].value == "Số 01-DS/CB"
    party = ws["D1"]
    assert party.value == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert party.font.b and party.font.u == "single" and party.font.size == 15
    assert ws["D4"].value == "Hà Nội, ngày 11 tháng 3 năm 2026" and ws["D4"].font.i
    assert {"A1:C1", "D1:F1", "A2:C2", "A4:C4", "D4:F4"} <= merged(ws)


def test_title_table_header_and_body(tmp_path, header, signature):
    ws = _write(tmp_path / "a.xlsx", header, signature)
    title = find_row(ws, "DANH SÁCH ĐẢNG VIÊN")
    assert ws.cell(title, 1).font.b and ws.cell(title, 1).font.size == 15
    assert ws.cell(title + 1, 1).value == "Chi bộ Văn phòng Sở" and ws.cell(title + 1, 1).font.b
    top = find_row(ws, "STT")
    assert ws.cell(top, 3).value == "Ngày sinh" and ws.cell(top + 1, 3).value == "Nam"
    assert f"C{top}:D{top}" in merged(ws) and f"A{top}:A{top + 1}" in merged(ws)
    assert ws.cell(top, 2).font.b and ws.cell(top, 2).alignment.wrap_text
    assert ws.cell(top, 2).border.left.style == "thin"
    assert ws.row_dimensions[top].height and ws.row_dimensions[top + 1].height
    assert [ws.cell(top + 2, c).value for c in (1, 6)] == ["(1)", "(6)"]
    body = top + 3
    assert ws.cell(body, 2).value == "Nguyễn Văn An"
    assert ws.cell(body, 3).value.date() == date(1980, 1, 2) and ws.cell(body, 3).number_format == "dd/mm/yyyy"
    assert ws.cell(body + 1, 6).border.right.style == "thin"  # short rows are padded with bordered cells
    assert ws.print_title_rows == f"${top}:${top + 2}"


def test_signature_and_recipients(tmp_path, header, signature):
    ws = _write(tmp_path / "a.xlsx", header, signature)
    row = find_row(ws, "Nơi nhận:")
    assert ws.cell(row, 1).font.i and ws.cell(row + 1, 1).value == "- Đảng ủy Sở,"
    right = [c.value for c in ws[row] if c.value and c.column > 1]
    assert right == ["T/M CHI BỘ"]
    assert find_row(ws, "BÍ THƯ") == row + 1
    assert find_row(ws, "Trần Thị Bình") == row + 5


def test_counting_minutes_signature(tmp_path, header):
    ws = _write(tmp_path / "a.xlsx", header, Signature("T/M Ban kiểm phiếu", "Trưởng ban", "Lê Văn Cường"))
    assert find_row(ws, "T/M BAN KIỂM PHIẾU") + 1 == find_row(ws, "TRƯỞNG BAN")


@pytest.mark.parametrize("landscape", [True, False])
def test_print_setup(tmp_path, header, signature, landscape):
    ws = _write(tmp_path / "a.xlsx", header, signature, landscape=landscape)
    assert ws.page_setup.paperSize == 9
    assert ws.page_setup.orientation == ("landscape" if landscape else "portrait")
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.oddFooter.center.text == "Trang &P / &N"
    assert ws.page_margins.left > ws.page_margins.right
    assert ws.column_dimensions["B"].width == 26


def test_date_line_follows_36_hd():
    assert date_line("Hà Nội", date(2026, 3, 11)) == "Hà Nội, ngày 11 tháng 3 năm 2026"
    assert date_line("Huế", date(2026, 2, 5)) == "Huế, ngày 05 tháng 02 năm 2026"
    assert date_line("Huế", date(2026, 12, 1)) == "Huế, ngày 01 tháng 12 năm 2026"
    assert date_line("Hà Nội", None).startswith("Hà Nội, ngày ")


def test_date_without_number_and_place(tmp_path, signature):
    ws = _write(tmp_path / "a.xlsx", DocumentHeader("Đảng bộ Phường 1", "Chi bộ Khu phố 2"), signature)
    assert ws["A4"].value is None
    assert ws["D4"].value.startswith("ngày ")


def test_format_date_and_roman():
    assert format_date(date(1980, 1, 2)) == "02/01/1980"
    assert format_date(None) == ""
    assert [roman(n) for n in (1, 4, 9, 14)] == ["I", "IV", "IX", "XIV"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Danh sách đảng viên 2026", "Danh sách đảng viên 2026"),
        ('Báo cáo: "quý 1" <Chi bộ>/ĐV?*|', "Báo cáo_ _quý 1_ _Chi bộ__ĐV___"),
        ("Biên bản kiểm phiếu. . ", "Biên bản kiểm phiếu"),
        ("a\\b", "a_b"),
        ("CON", "_CON"),
        ("   ", "tep"),
        ("Nguye\u0302\u0303n", "Nguyễn"),
    ],
)
def test_safe_filename(text, expected):
    assert safe_filename(text) == expected


def test_save_is_atomic(tmp_path):
    class Broken:
        def save(self, name):
            raise OSError("disk full")

    target = tmp_path / "a.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(OSError):
        save_workbook(Broken(), target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.xlsx"]


def test_a_streamed_workbook_not_saved_leaves_no_file_and_nothing_for_the_collector(tmp_path, monkeypatch):
    """A folder gone before the save: the error is raised, and the rows already streamed to openpyxl's temporary
    file are closed with it and the file removed, so no traceback is printed when they are collected later."""
    import gc
    import sys

    wb, ws = new_workbook("Danh sách")
    doc = DocumentSheet(ws, COLUMNS)
    doc.table_rows([["Nguyễn Văn An", date(1970, 1, 2), 1]] * 50)
    streamed = ws._writer.out
    assert Path(streamed).is_file()
    unraised = []
    monkeypatch.setattr(sys, "unraisablehook", unraised.append)
    with pytest.raises(FileNotFoundError):
        save_workbook(wb, tmp_path / "gone" / "a.xlsx")
    del wb, ws, doc
    gc.collect()
    assert not unraised and not Path(streamed).exists()


@pytest.mark.parametrize("write_only", [True, False])
def test_no_text_becomes_a_formula_on_any_path(tmp_path, write_only):
    import zipfile

    if write_only:
        wb, ws = new_workbook("Danh sách")
    else:
        wb = Workbook()
        ws = wb.active
    doc = DocumentSheet(ws, COLUMNS)
    doc.header_blocks(DocumentHeader("=A1", "=B1", number="=C1"))
    doc.title("=1+1", "=2+2")
    doc.append(["=SUM(1,2)", None, "=3+3"])
    doc.table_rows([[1, '=HYPERLINK("http://x")', None, None, "=4+4", "=5+5"]])
    doc.signature(Signature(name="=6+6"), ["=7+7"])
    path = save_workbook(wb, tmp_path / "f.xlsx")
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet
    values = {c.value for row in load_workbook(path).active.iter_rows() for c in row}
    assert {"=SUM(1,2)", "=3+3", '=HYPERLINK("http://x")', "=4+4", "=5+5", "=6+6", "- =7+7", "=2+2"} <= values


def _long_table(rows: int, after: int = 0):
    """A document with `rows` table rows and `after` paragraphs written between the table and the signature."""
    ws = Workbook().active
    doc = DocumentSheet(ws, COLUMNS)
    doc.header_blocks(DocumentHeader("Đảng bộ Phường 1", "Chi bộ Khu phố 2"))
    doc.title("Danh sách")
    doc.table_header(numbered=False)
    doc.table_rows([[i, f"Đảng viên {i}"] for i in range(1, rows + 1)])
    last_body = doc.row
    for i in range(after):
        doc.paragraph(f"Dòng số liệu {i}")
    doc.signature(Signature(name="Trần Thị Bình"))
    return doc, ws, last_body


def test_rows_after_the_table_go_with_the_signature():
    # 30 rows fill most of the first page: the signature alone would fit, but not with 12 rows of figures
    _doc, ws, last_body = _long_table(30)
    assert list(ws.row_breaks.brk) == []
    _doc, ws, last_body = _long_table(30, after=12)
    assert [brk.id for brk in ws.row_breaks.brk] == [last_body - 2]


def test_breaks_already_placed_count_in_the_estimate():
    ws = Workbook().active
    doc = DocumentSheet(ws, COLUMNS)
    doc.header_blocks(DocumentHeader("Đảng bộ Phường 1", "Chi bộ Khu phố 2"))
    doc.table_header(numbered=False)
    doc.table_rows([[i, "Đảng viên"] for i in range(1, 41)])
    first = doc.paragraph("Một khối")
    doc.keep_together(first - 10)  # fits where it is: nothing to do
    assert list(ws.row_breaks.brk) == []
    doc._break_before(first - 20)  # a page started at row first - 20: the rest is far from the next page's end
    doc.signature(Signature())
    assert [brk.id for brk in ws.row_breaks.brk] == [first - 21]


def test_keep_together_breaks_before_a_block_that_would_straddle_pages():
    ws = Workbook().active
    doc = DocumentSheet(ws, COLUMNS)
    doc.header_blocks(DocumentHeader("Đảng bộ Phường 1", "Chi bộ Khu phố 2"))
    for i in range(36):  # the heading comes near the bottom of the first page
        doc.paragraph(f"Đoạn {i}")
    heading = doc.paragraph("II. KẾT QUẢ", bold=True)
    for i in range(8):
        doc.paragraph(f"Dòng {i}")
    doc.keep_together(heading)
    assert [brk.id for brk in ws.row_breaks.brk] == [heading - 1]
    doc.keep_together(heading)  # placed once only
    assert len(ws.row_breaks.brk) == 1
    for i in range(80):
        doc.paragraph(f"Dòng {i}")
    doc.keep_together(heading + 1)  # longer than a page: left to flow
    assert len(ws.row_breaks.brk) == 1


def _closing(paragraphs: int, closing: int):
    """A document of `paragraphs` lines, then a closing section of `closing` lines, then the signature kept with it."""
    ws = Workbook().active
    doc = DocumentSheet(ws, COLUMNS)
    doc.header_blocks(DocumentHeader("Đảng bộ Phường 1", "Chi bộ Khu phố 2"))
    for i in range(paragraphs):
        doc.paragraph(f"Đoạn {i}")
    heading = doc.paragraph("V. KẾT QUẢ", bold=True)
    for i in range(closing):
        doc.paragraph(f"Dòng {i}")
    doc.signature(Signature(name="Trần Thị Bình"), keep_from=heading)
    return ws, heading


def test_the_signature_page_opens_with_the_closing_section():
    ws, _heading = _closing(20, 4)  # all on the first page: no break
    assert list(ws.row_breaks.brk) == []
    ws, heading = _closing(30, 4)  # the signature would not fit after the closing lines: they go with it
    assert [brk.id for brk in ws.row_breaks.brk] == [heading - 1]
    ws, heading = _closing(2, 75)  # a closing section taller than a page flows: only its last lines go with it
    last_line = heading + 75
    assert [brk.id for brk in ws.row_breaks.brk] == [last_line - 2]


def test_a_break_placed_inside_the_closing_text_is_dropped_for_the_one_before_it():
    ws = Workbook().active
    doc = DocumentSheet(ws, COLUMNS)
    for i in range(30):
        doc.paragraph(f"Đoạn {i}")
    last_round = doc.paragraph("5. Bầu đại biểu dự khuyết", bold=True)
    doc.paragraph("Trúng cử: Bùi Văn Khánh.")
    section = doc.paragraph("V. KẾT QUẢ ĐẠI HỘI", bold=True)
    doc._break_before(section)  # the section was kept whole on a page of its own
    doc.paragraph("- Bí thư Chi bộ: đồng chí Nguyễn Văn An.")
    doc.signature(Signature(name="Nguyễn Văn An"), keep_from=last_round)
    assert [brk.id for brk in ws.row_breaks.brk] == [last_round - 1]


def test_the_workbook_default_font_is_the_documents_own(tmp_path):
    """Widths count digits of the default font: with openpyxl's Calibri, a machine without it (LibreOffice on
    Linux) prints every column wider, the page smaller, and breaks the pages elsewhere than Excel."""
    wb, ws = new_workbook("Báo cáo")
    DocumentSheet(ws, COLUMNS).paragraph("Văn bản")
    loaded = load_workbook(save_workbook(wb, tmp_path / "f.xlsx"))
    assert loaded._fonts[0].name == "Times New Roman"
    assert loaded._named_styles["Normal"].font.name == "Times New Roman"


def test_spans_row_merges_and_takes_plain_values(tmp_path):
    wb, ws = new_workbook("Báo cáo")
    doc = DocumentSheet(ws, COLUMNS)
    row = doc.spans_row([(1, 4, "Số đảng viên"), (5, 6, 29)], height=30)
    path = save_workbook(wb, tmp_path / "s.xlsx")
    sheet = load_workbook(path).active
    assert {f"A{row}:D{row}", f"E{row}:F{row}"} <= merged(sheet)
    assert sheet.cell(row, 1).value == "Số đảng viên" and sheet.cell(row, 5).value == 29
    assert sheet.row_dimensions[row].height == 30


def _small_table(rows: int):
    ws = Workbook().active
    doc = DocumentSheet(ws, COLUMNS)
    doc.header_blocks(DocumentHeader("Đảng bộ Phường 1", "Chi bộ Khu phố 2"))
    for i in range(30):  # the table starts near the bottom of the first page
        doc.paragraph(f"Đoạn {i}")
    intro = doc.paragraph("Kết quả:")
    doc.table_header(numbered=False)
    doc.table_rows([[i, "Đảng viên"] for i in range(1, rows + 1)])
    return doc, ws, intro


def test_small_table_kept_whole_without_a_repeated_header():
    doc, ws, intro = _small_table(9)
    assert doc.keep_table_together(intro)
    assert ws.print_title_rows is None and [brk.id for brk in ws.row_breaks.brk] == [intro - 1]
    doc.paragraph("Sau bảng")
    doc.signature(Signature())  # no table is left to keep with the signature: only the last rows before it
    assert [brk.id for brk in ws.row_breaks.brk] == [intro - 1]


def test_table_taller_than_a_page_keeps_its_repeated_header():
    doc, ws, intro = _small_table(60)
    assert not doc.keep_table_together(intro)
    assert ws.print_title_rows == f"${intro + 1}:${intro + 2}" and list(ws.row_breaks.brk) == []  # two: grouped


def test_signature_with_a_left_block(tmp_path):
    wb, ws = new_workbook("Biên bản")
    doc = DocumentSheet(ws, COLUMNS)
    doc.paragraph("Nội dung")
    left = [("CÁC THÀNH VIÊN BAN KIỂM PHIẾU CỦA ĐẠI HỘI", True), ("", False), ("Lý Thị Nga", True)]
    doc.signature(Signature("T/M Ban Kiểm phiếu", "Trưởng ban", "Đinh Văn Minh"), left=left)
    sheet = load_workbook(save_workbook(wb, tmp_path / "bb.xlsx")).active
    top = find_row(sheet, "T/M BAN KIỂM PHIẾU")
    caption = sheet.cell(top, 1)
    assert caption.value == "CÁC THÀNH VIÊN BAN KIỂM PHIẾU CỦA ĐẠI HỘI" and caption.font.b
    assert caption.alignment.horizontal == "center" and caption.font.size == 14
    assert sheet.row_dimensions[top].height >= 2 * 14  # the caption wraps: the row grows with it
    assert sheet.cell(top + 2, 1).value == "Lý Thị Nga" and sheet.cell(top + 5, 4).value == "Đinh Văn Minh"
    assert "Nơi nhận:" not in [c.value for row in sheet.iter_rows() for c in row]


def test_a_higher_committee_on_two_lines_prints_on_two_lines(tmp_path, header, signature):
    from dataclasses import replace

    from reports.core.styles import caps_size_to_fit

    two = "Đảng bộ Sở Thông tin và Truyền thông\nChi bộ Văn phòng Sở"
    ws = _write(tmp_path / "a.xlsx", replace(header, higher_committee=two), signature)
    size = ws["A1"].font.size
    assert ws["A1"].value == two.upper() and 11 <= size < 14  # smaller, so that its longest line does not wrap
    assert caps_size_to_fit("ĐẢNG BỘ SỞ", 44, 14) == 14  # a short name keeps the full size
    assert caps_size_to_fit("ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG", 44, 14) == size
