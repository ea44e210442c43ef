"""Roster reader on realistic workbooks built here: header layouts, encodings, broken rows and hostile files."""

from __future__ import annotations

import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from models.core.partial_dates import is_year_only
from reports.core.errors import Cancelled, ImportFileError
from reports.roster import roster_files
from reports.roster.roster_headers import FEMALE_COLUMN, MALE_COLUMN
from reports.roster.roster_reader import list_sheets, read_roster

TODAY = date(2026, 3, 11)


def _save(wb: Workbook, path) -> str:
    wb.save(path)
    return str(path)


def _by_row(result):
    return {row.row: row for row in result.rows}


def _messages(row):
    return [(p.column, p.message, p.severity) for p in row.problems]


def test_title_rows_and_header_variants_in_any_order(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Chi bộ 1"
    ws.append(["ĐẢNG BỘ PHƯỜNG HÀNG BÔNG", None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"])
    ws.append(["CHI BỘ KHU DÂN CƯ SỐ 2"])
    ws.append([])
    ws.append(["DANH SÁCH ĐẢNG VIÊN NĂM 2025"])
    ws.append(["TT", "HỌ TÊN", "Giới tính", "Năm sinh", "Ngày kết nạp", "Số thẻ ĐV", "Số CCCD", "Xếp loại", "Quê"])
    ws.append([1, "  Nguyễn   Văn An ", "Nam", 1960, "19/05/1985", "01234567", 1234567890, "Tốt", "Nam Định"])
    ws.append([2, "Trần Thị Bình", "nữ", "02-09-1972", datetime(1999, 2, 3), 87654321, "001172012345", None, None])
    ws.append([3, "Phạm Văn Cường", "NAM", "5/6/75", "3/2/2001"])
    result = read_roster(_save(wb, tmp_path / "ds.xlsx"), today=TODAY)
    assert (result.sheet, result.header_row, result.header_rows) == ("Chi bộ 1", 5, 1)
    assert result.mapping == {
        2: "full_name",
        3: "gender",
        4: "birth_date",
        5: "admission_date",
        6: "card_number",
        7: "citizen_id",
        9: "hometown",
    }
    assert result.unmapped == ["TT", "Xếp loại"]
    rows = _by_row(result)
    assert rows[6].values == {
        "full_name": "Nguyễn Văn An",
        "gender": "Nam",
        "birth_date": date(1960, 1, 1),
        "admission_date": date(1985, 5, 19),
        "card_number": "01234567",
        "citizen_id": "001234567890",
        "hometown": "Nam Định",
    }
    assert rows[6].year_only == {"birth_date"} and is_year_only(rows[6].values["birth_date"])
    assert _messages(rows[6]) == [
        ("Năm sinh", "Chỉ có năm (1960); ghi nhận là năm 1960, hãy bổ sung ngày tháng khi có.", "warning"),
        ("Số CCCD", "Đã thêm số 0 ở đầu: «1234567890» thành «001234567890».", "warning"),
    ]
    assert rows[7].values["gender"] == "Nữ" and rows[7].values["birth_date"] == date(1972, 9, 2)
    assert rows[7].values["admission_date"] == date(1999, 2, 3) and rows[7].values["card_number"] == "87654321"
    assert rows[8].values["birth_date"] == date(1975, 6, 5) and rows[8].values["admission_date"] == date(2001, 2, 3)
    assert not rows[7].problems and not rows[8].problems


def test_merged_two_row_header_with_nam_nu_and_numbering_row(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH ĐẢNG VIÊN"])
    ws.append(["Số TT", "Họ và tên", "Ngày sinh", None, "Trình độ", None, None, "Ngày tháng năm", None, "Ghi chú"])
    ws.append([None, None, "Nam", "Nữ", "Văn hóa", "Chuyên môn", "LLCT", "Vào Đảng", "Chính thức", None])
    for ref in ("A2:A3", "B2:B3", "C2:D2", "E2:G2", "H2:I2", "J2:J3"):
        ws.merge_cells(ref)
    ws.append([f"({i})" for i in range(1, 11)])
    ws.append(
        [1, "Lê Văn Dũng", "12/10/1965", None, "10/10", "Đại học", "Cao cấp", "1990", "01/03/1991", "Chi ủy viên"]
    )
    ws.append([2, "Đỗ Thị Em", None, datetime(1980, 4, 30), "12/12", None, "Trung cấp", "03/02/2010", None, None])
    ws.append([3, "Vũ Thị Gấm", None, "x", None, None, None, "07/11/2012"])
    result = read_roster(_save(wb, tmp_path / "ds.xlsx"), today=TODAY)
    assert (result.header_row, result.header_rows) == (2, 2)
    assert result.mapping == {
        2: "full_name",
        3: MALE_COLUMN,
        4: FEMALE_COLUMN,
        5: "education",
        6: "qualification",
        7: "theory",
        8: "admission_date",
        9: "official_date",
        10: "notes",
    }
    assert result.headers[4] == "Ngày sinh – Nữ"
    rows = _by_row(result)
    assert sorted(rows) == [5, 6, 7]
    assert rows[5].values["gender"] == "Nam" and rows[5].values["birth_date"] == date(1965, 10, 12)
    assert rows[5].values["admission_date"] == date(1990, 1, 1) and rows[5].year_only == {"admission_date"}
    assert rows[6].values["gender"] == "Nữ" and rows[6].values["birth_date"] == date(1980, 4, 30)
    assert rows[6].values["theory"] == "Trung cấp" and rows[6].values["official_date"] is None
    assert rows[7].values["gender"] == "Nữ" and "birth_date" not in rows[7].values


def test_nfd_text_becomes_nfc(tmp_path):
    wb = Workbook()
    wb.active.append(["Họ và tên", "Quê quán"])
    wb.active.append(["Nguye\u0302\u0303n Thi\u0323 Hoa", "Tha\u0301i Bi\u0300nh"])
    row = read_roster(_save(wb, tmp_path / "nfd.xlsx"), today=TODAY).rows[0]
    assert row.values == {"full_name": "Nguyễn Thị Hoa", "hometown": "Thái Bình"}
    assert row.problems == []


def test_legacy_tcvn3_and_vni_are_converted_and_named(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Hä vµ tªn", "Quª qu¸n", "Ghi chú"])
    ws.append(["NguyÔn V¨n An", "Hµ Néi", "Unicode đúng"])
    ws.append(["nguyÔn thÞ b×nh", "h¶i d­¬ng", None])
    ws["A3"].font = Font(name=".VnTimeH")
    ws.append(["Nguyeãn Vaên Cöôøng", "Thaønh phoá Hoà Chí Minh", None])
    ws["A2"].font = ws["B2"].font = Font(name=".VnTime")
    result = read_roster(_save(wb, tmp_path / "legacy.xlsx"), today=TODAY)
    assert result.mapping == {1: "full_name", 2: "hometown", 3: "notes"}
    rows = _by_row(result)
    assert rows[2].values == {"full_name": "Nguyễn Văn An", "hometown": "Hà Nội", "notes": "Unicode đúng"}
    assert rows[3].values["full_name"] == "NGUYỄN THỊ BÌNH" and rows[3].values["hometown"] == "hải dương"
    assert rows[4].values == {"full_name": "Nguyễn Văn Cường", "hometown": "Thành phố Hồ Chí Minh", "notes": None}
    named = [(c.row, c.column, c.encoding) for c in result.conversions]
    assert named == [
        (2, "Họ và tên", "tcvn3"),
        (2, "Quê quán", "tcvn3"),
        (3, "Họ và tên", "tcvn3"),
        (3, "Quê quán", "tcvn3"),
        (4, "Họ và tên", "vni"),
        (4, "Quê quán", "vni"),
    ]
    assert result.encodings_used() == {"TCVN3 (ABC)": 4, "VNI": 2}


def test_broken_rows_each_name_their_problem(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Quê quán", "Giới tính"])
    ws.append([1, "Nguyễn Văn An", "31/02/1980", "19/05/2005", "Hà Nội", "Nam"])
    ws.append([2, "Lê Thị Hoa", "khoảng 1980", "19/05/2030", "Huế", "Nữ"])
    ws.append([3, None, "02/03/1970", "03/02/1995", "Vinh", "Nam"])
    ws.append([4, "Trần Văn Cường", "01/01/1970", "=D2", '=E2&"x"', "Không rõ"])
    ws.append([5])
    ws.append([])
    ws.append([None, "Tổng số: 4 đảng viên"])
    ws.append([None, "Trần Văn Bí Thư"])
    result = read_roster(_save(wb, tmp_path / "broken.xlsx"), today=TODAY)
    rows = _by_row(result)
    assert sorted(rows) == [2, 3, 4, 5, 6]
    assert _messages(rows[2]) == [("Ngày sinh", "Ngày «31/02/1980» không có thật.", "error")]
    assert rows[2].values["birth_date"] is None and rows[2].has_errors
    assert _messages(rows[3]) == [
        ("Ngày sinh", "Không hiểu ngày «khoảng 1980»; hãy ghi theo dạng ngày/tháng/năm.", "error"),
        ("Ngày vào Đảng", "Ngày 19/05/2030 ở tương lai.", "error"),
    ]
    assert _messages(rows[4]) == [("Họ và tên", "Thiếu họ và tên.", "error")]
    formula = "Ô chứa công thức chưa có giá trị đã tính; hãy mở tệp bằng Excel, lưu lại rồi nhập lại."
    assert _messages(rows[5]) == [
        ("Ngày vào Đảng", formula, "error"),
        ("Quê quán", formula, "error"),
        ("Giới tính", "Giới tính «Không rõ» không rõ; hãy ghi «Nam» hoặc «Nữ».", "error"),
    ]
    assert _messages(rows[6]) == [("Họ và tên", "Dòng có số thứ tự 5 nhưng không có họ và tên.", "error")]
    assert rows[6].has_errors and set(rows[6].values) == {
        "full_name",
        "birth_date",
        "admission_date",
        "hometown",
        "gender",
    }
    assert len(result.problems) == 8


def test_every_numbered_row_is_kept_even_without_a_name(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Quê quán", "Ghi chú"])
    ws.append([1, "Nguyễn Văn An", "Hà Nội", None])
    ws.append(["2.", None, None, None])  # numbered, nothing else
    ws.append([3.0, None, "Huế", None])  # numbered, one text cell: not a stray note
    ws.append([None, None, None, "Ghi chú bên lề"])  # not numbered: a note beside the table
    ws.append([4, "Lê Thị Hoa", None, None])
    rows = _by_row(read_roster(_save(wb, tmp_path / "numbered.xlsx"), today=TODAY))
    assert sorted(rows) == [2, 3, 4, 6]
    assert _messages(rows[3]) == [("Họ và tên", "Dòng có số thứ tự 2 nhưng không có họ và tên.", "error")]
    assert _messages(rows[4]) == [("Họ và tên", "Thiếu họ và tên.", "error")]
    assert rows[4].values["hometown"] == "Huế"


def test_a_cell_longer_than_excel_allows_is_a_row_problem(tmp_path):
    path = tmp_path / "long.xlsx"
    wb = Workbook()
    wb.active.append(["Họ và tên"])
    wb.save(path)  # openpyxl cuts what it writes at 32,767 characters: the long cells are written as raw XML

    def cell(ref: str, text: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'

    rows = [("STT", "Họ và tên", "Ghi chú"), ("1", "Nguyễn Văn An", "x" * 32_767), ("2", "Lê Thị Hoa", "y" * 32_768)]
    body = "".join(
        f'<row r="{r}">' + "".join(cell(f"{c}{r}", t) for c, t in zip("ABC", texts, strict=True)) + "</row>"
        for r, texts in enumerate(rows, start=1)
    )
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + body
        + "</sheetData></worksheet>"
    )
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    result = _by_row(read_roster(path, today=TODAY))
    assert not result[2].problems and len(result[2].values["notes"]) == 32_767
    message = "Ô dài 32.768 ký tự, vượt giới hạn 32.767 ký tự của một ô Excel."
    assert _messages(result[3]) == [("Ghi chú", message, "error")]
    assert result[3].values["notes"] is None and result[3].values["full_name"] == "Lê Thị Hoa"


def test_mapping_override_and_forced_header_row(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Tên", "Sinh", "Địa bàn"])
    ws.append(["Nguyễn Văn An", "02/01/1980", "Tổ 3"])
    path = _save(wb, tmp_path / "odd.xlsx")
    with pytest.raises(ImportFileError, match="Không tìm thấy dòng tiêu đề có cột «Họ và tên»"):
        read_roster(path, today=TODAY)
    result = read_roster(path, mapping={1: "full_name", 2: "birth_date", 3: "residence"}, header_row=1, today=TODAY)
    assert result.rows[0].values == {"full_name": "Nguyễn Văn An", "birth_date": date(1980, 1, 2), "residence": "Tổ 3"}


def test_list_sheets_and_choose_one(tmp_path):
    wb = Workbook()
    wb.active.title = "Hướng dẫn"
    wb.active.append(["Trang này chỉ có hướng dẫn"])
    ws = wb.create_sheet("Đảng viên")
    ws.append(["Họ và tên", "Ngày sinh"])
    ws.append(["Nguyễn Văn An", "02/01/1980"])
    path = _save(wb, tmp_path / "two.xlsx")
    assert [(s.name, s.rows) for s in list_sheets(path)] == [("Hướng dẫn", 1), ("Đảng viên", 2)]
    assert read_roster(path, "Đảng viên", today=TODAY).rows[0].values["full_name"] == "Nguyễn Văn An"
    with pytest.raises(ImportFileError, match="không có trang tính «Khác»"):
        read_roster(path, "Khác")


def test_progress_is_reported_and_can_cancel(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Ngày sinh"])
    for i in range(600):
        ws.append([f"Đảng viên {i}", "02/01/1980"])
    path = _save(wb, tmp_path / "many.xlsx")
    calls = []
    result = read_roster(path, progress=lambda done, total: calls.append((done, total)) or True, today=TODAY)
    assert len(result.rows) == 600
    assert calls == [(250, 601), (500, 601), (600, 601)]
    with pytest.raises(Cancelled):
        read_roster(path, progress=lambda done, total: done < 500, today=TODAY)


# -- hostile files -------------------------------------------------------------------------------------------------
def test_empty_sheet(tmp_path):
    with pytest.raises(ImportFileError, match="không có dữ liệu"):
        read_roster(_save(Workbook(), tmp_path / "empty.xlsx"))


def test_renamed_text_file(tmp_path):
    path = tmp_path / "danh sach.xlsx"
    path.write_text("Họ và tên;Ngày sinh\nNguyễn Văn An;02/01/1980\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"không phải là bảng tính Excel \(\.xlsx\)"):
        read_roster(path)


def test_empty_file_and_missing_file(tmp_path):
    (tmp_path / "rong.xlsx").write_bytes(b"")
    with pytest.raises(ImportFileError, match="rỗng"):
        read_roster(tmp_path / "rong.xlsx")
    with pytest.raises(ImportFileError, match="Không tìm thấy tệp"):
        list_sheets(tmp_path / "khong-co.xlsx")


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "nen.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ImportFileError, match="không phải là bảng tính"):
        read_roster(path)


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def test_encrypted_workbook(tmp_path):
    path = tmp_path / "matkhau.xlsx"
    path.write_bytes(OLE + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 1024)
    with pytest.raises(ImportFileError, match="được đặt mật khẩu"):
        read_roster(path)


def test_old_xls_renamed(tmp_path):
    path = tmp_path / "cu.xlsx"
    path.write_bytes(OLE + "Workbook".encode("utf-16-le") + b"\x00" * 1024)
    with pytest.raises(ImportFileError, match=r"Excel 97-2003 \(\.xls\)"):
        read_roster(path)


def test_file_size_cap(tmp_path, monkeypatch):
    wb = Workbook()
    wb.active.append(["Họ và tên"])
    path = _save(wb, tmp_path / "big.xlsx")
    monkeypatch.setattr(roster_files, "MAX_FILE_BYTES", 1000)
    with pytest.raises(ImportFileError, match="quá lớn"):
        read_roster(path)


def _crafted(path, rows: int, dimension: bool) -> str:
    """A workbook whose one sheet has `rows` data rows, written as raw XML (fast)."""
    wb = Workbook()
    wb.active.append(["Họ và tên"])
    wb.save(path)
    body = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>Người {r}</t></is></c></row>' for r in range(2, rows + 2)
    )
    dim = f'<dimension ref="A1:A{rows + 1}"/>' if dimension else ""
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + dim
        + '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c></row>'
        + body
        + "</sheetData></worksheet>"
    )
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return str(path)


def test_100000_rows_refused_by_the_declared_dimension(tmp_path):
    """Refused before reading a row (its speed: tests/bench/test_refusal_and_log_bench.py)."""
    path = _crafted(tmp_path / "huge.xlsx", 100_000, dimension=True)
    with pytest.raises(ImportFileError, match=r"khoảng 100\.001 dòng, vượt giới hạn 20\.000 dòng"):
        read_roster(path)


def test_row_cap_without_declared_dimension(tmp_path):
    path = _crafted(tmp_path / "nodim.xlsx", 300, dimension=False)
    with pytest.raises(ImportFileError, match="quá nhiều dòng"):
        read_roster(path, max_rows=100)
    assert len(read_roster(path, max_rows=1000).rows) == 300


def test_chibo_export_reads_back_and_stops_at_the_signature(tmp_path):
    from datetime import date

    from models.roster.records import MemberRecord
    from reports.core.party_document import DocumentHeader
    from reports.roster.member_list import columns_for, export_member_list

    pairs = [("Họ và tên", "full_name"), ("Ngày sinh", "birth_date"), ("Số thẻ", "card_number")]
    members = [
        MemberRecord("Nguyễn Văn An", "Nam", date(1980, 1, 2), date(2005, 3, 4), card_number="12345678"),
        MemberRecord("Trần Thị Bình", "Nữ", date(1981, 1, 2), date(2006, 3, 4)),
    ]
    header = DocumentHeader("ĐẢNG BỘ SỞ", "CHI BỘ VĂN PHÒNG", place="Hà Nội")
    path = export_member_list(tmp_path / "ds.xlsx", members, header, columns=columns_for(pairs))
    result = read_roster(path)
    assert [row.values["full_name"] for row in result.rows] == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert result.rows[0].values["birth_date"] == date(1980, 1, 2)
    assert result.problems == []


def test_a_style_is_read_once_for_all_the_cells_that_share_it(tmp_path, monkeypatch):
    """A year-only birth date and a TCVN3 name are told by the cell's style (number format, font); a roster of
    many rows with two styles looks up two styles, and every row is still read by its own."""
    from reports.roster import roster_reader

    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Ngày sinh", "Ngày vào Đảng"])
    for index in range(40):
        ws.append(["Lª V¨n C­êng", datetime(1960 + index, 5, 1), datetime(1990, 1, 2)])
        ws.cell(ws.max_row, 1).font = Font(name=".VnTime")
        ws.cell(ws.max_row, 2).number_format = "yyyy"
        ws.cell(ws.max_row, 3).number_format = "dd/mm/yyyy"
    real, looked_up = roster_reader.styled_cell, []
    monkeypatch.setattr(roster_reader, "styled_cell", lambda sheet, cell: looked_up.append(cell) or real(sheet, cell))
    result = read_roster(_save(wb, tmp_path / "styles.xlsx"), today=TODAY)
    assert len(result.rows) == 40 and len(looked_up) == 3  # the name's font, the two dates' formats
    assert {row.values["full_name"] for row in result.rows} == {"Lê Văn Cường"}
    assert [row.values["birth_date"].year for row in result.rows] == list(range(1960, 2000))
    assert all(row.year_only == {"birth_date"} for row in result.rows)
