"""Member list export: the 7-HSĐV roster book layout and screen columns, read back."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from report_helpers import find_row

from models.roster.records import MemberRecord
from reports.roster.member_list import ROSTER_BOOK_COLUMNS, columns_for, export_member_list, member_rows


def _members() -> list[MemberRecord]:
    return [
        MemberRecord(
            full_name="Nguyễn Văn An",
            gender="Nam",
            birth_date=date(1980, 1, 2),
            admission_date=date(2005, 5, 19),
            official_date=date(2006, 5, 19),
            hometown="Xã Đông Anh, huyện Đông Anh, thành phố Hà Nội",
            education="12/12",
            theory="Trung cấp",
            qualification="Đại học",
            occupation="Công chức",
            job_title="Chuyên viên",
            workplace="Văn phòng Sở",
            card_number="01234567",
            record_number="012345HN",
        ),
        MemberRecord(full_name="Lê Thị Hoa", gender="Nữ", birth_date=date(1990, 7, 3), admission_date=None),
    ]


def test_roster_book_layout(tmp_path, header, signature):
    path = export_member_list(
        tmp_path / "ds.xlsx", _members(), header, summary="Chi bộ Văn phòng Sở", signature=signature
    )
    ws = load_workbook(path).active
    assert ws.max_column == 14
    top = find_row(ws, "Số TT")
    labels = [ws.cell(top, c).value for c in range(1, 15)]
    assert labels[1] == "Họ và tên\nHọ và tên khai sinh" and labels[-1] == "Ghi chú"
    assert ws.cell(top + 1, 14).value == "(14)"
    first = top + 2
    assert ws.cell(first, 1).value == 1
    assert ws.cell(first, 3).value == "Nam, 02/01/1980\nKinh\nKhông"
    assert ws.cell(first, 5).value == "12/12\nLLCT: Trung cấp\nCM: Đại học"
    assert ws.cell(first, 6).value == "Công chức\nChuyên viên, Văn phòng Sở"
    assert ws.cell(first, 7).value == "19/05/2005\n19/05/2006"
    assert ws.cell(first, 8).value == "01234567\n012345HN"
    assert ws.row_dimensions[first].height >= 3 * 12
    assert ws.cell(first + 1, 2).value == "Lê Thị Hoa" and ws.cell(first + 1, 7).value is None
    assert ws.cell(first + 1, 12).border.left.style == "thin"
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == f"${top}:${top + 1}"
    assert ws["A1"].value == "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert find_row(ws, "Trần Thị Bình") > first + 1


def test_every_row_keeps_its_own_values(tmp_path, header):
    members = [{"full_name": f"Đảng viên {i}", "birth_date": date(1980, 1, 1 + i % 28)} for i in range(300)]
    path = export_member_list(tmp_path / "ds.xlsx", members, header)
    wb = load_workbook(path, read_only=True)
    names = [r[1] for r in wb.active.iter_rows(values_only=True) if r and isinstance(r[0], int)]
    wb.close()
    assert names == [f"Đảng viên {i}" for i in range(300)]


def test_screen_columns_keep_real_dates(tmp_path, header):
    columns = columns_for([("Họ và tên", "full_name"), ("Ngày sinh", "birth_date"), ("Trạng thái", "status_label")])
    rows = [{"full_name": "Nguyễn Văn An", "birth_date": date(1980, 1, 2), "status_label": "Dự bị"}]
    path = export_member_list(tmp_path / "ds.xlsx", rows, header, columns=columns, landscape=False)
    ws = load_workbook(path).active
    top = find_row(ws, "STT")
    assert [ws.cell(top, c).value for c in (2, 3, 4)] == ["Họ và tên", "Ngày sinh", "Trạng thái"]
    cell = ws.cell(top + 2, 3)
    assert cell.value.date() == date(1980, 1, 2) and cell.number_format == "dd/mm/yyyy"
    assert ws.cell(top + 2, 4).value == "Dự bị"
    assert ws.page_setup.orientation == "portrait"


def test_member_rows_from_dicts_and_records():
    record = _members()[1]
    as_dict = {
        "full_name": "Lê Thị Hoa",
        "gender": "Nữ",
        "birth_date": date(1990, 7, 3),
        "status_label": "Dự bị",
        "notes": "Chuyển đến 2025",
    }
    rows = member_rows([record, as_dict], ROSTER_BOOK_COLUMNS)
    assert rows[0][2] == "Nữ, 03/07/1990\nKinh\nKhông"
    assert rows[1][0] == 2 and rows[1][13] == "Dự bị\nChuyển đến 2025"
    assert rows[1][2] == "Nữ, 03/07/1990"


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path, header, signature):
    import zipfile

    from reports.roster.member_list import columns_for

    tricky = MemberRecord(
        full_name="=1+1",
        gender="Nam",
        birth_date=date(1980, 1, 2),
        admission_date=None,
        notes='=HYPERLINK("http://example.com","Bấm")',
        hometown="+84 Hà Nội",
        job_title="@SUM(A1)",
        workplace="-2+3",
    )
    for columns in (
        ROSTER_BOOK_COLUMNS,
        columns_for([(k, k) for k in ("full_name", "notes", "hometown", "job_title", "workplace")]),
    ):
        path = export_member_list(tmp_path / "ds.xlsx", [tricky], header, columns=columns, signature=signature)
        with zipfile.ZipFile(path) as archive:
            sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        assert "<f>" not in sheet and "<f " not in sheet
    values = {c.value for row in load_workbook(path).active.iter_rows() for c in row}
    assert {"=1+1", '=HYPERLINK("http://example.com","Bấm")', "+84 Hà Nội", "@SUM(A1)", "-2+3"} <= values


def test_a_row_is_as_high_as_the_dates_of_its_centred_column(tmp_path, header, signature):
    """A member whose only text on two lines is column 7 (admission and official dates, centred) gets a row two
    lines high: LibreOffice otherwise prints the second date over the next row."""
    from reports.core.styles import TABLE_SIZE, row_height

    member = MemberRecord(
        full_name="Bùi Đình An",
        gender="Nữ",
        birth_date=date(1969, 7, 15),
        admission_date=date(1997, 5, 25),
        official_date=date(1998, 5, 26),
        ethnicity="",
        religion="",
    )
    path = export_member_list(tmp_path / "ds.xlsx", [member], header, signature=signature)
    ws = load_workbook(path).active
    first = find_row(ws, "Số TT") + 2
    assert ws.cell(first, 7).value == "25/05/1997\n26/05/1998" and ws.cell(first, 3).value == "Nữ, 15/07/1969"
    assert ws.row_dimensions[first].height == row_height(2, TABLE_SIZE)
