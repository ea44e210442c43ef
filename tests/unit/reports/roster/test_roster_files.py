"""Hostile workbooks: parts that unpack into far more than the file holds, or that hold more than they declare."""

from __future__ import annotations

import struct
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest
from openpyxl import Workbook

from reports.core.errors import ImportFileError
from reports.roster import roster_files
from reports.roster.roster_reader import list_sheets, read_roster

_STRINGS = "xl/sharedStrings.xml"


def _workbook(path) -> str:
    wb = Workbook()
    wb.active.append(["Họ và tên", "Quê quán"])
    wb.active.append(["Nguyễn Văn An", "Hà Nội"])
    wb.save(path)
    return str(path)


def _declare_size(path: str, name: str, size: int) -> None:
    """Rewrite the unpacked size the archive's directory declares for `name` (the data stays as it is)."""
    data = bytearray(Path(path).read_bytes())
    encoded = name.encode()
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) != -1:
        name_length = struct.unpack_from("<H", data, start + 28)[0]
        if bytes(data[start + 46 : start + 46 + name_length]) == encoded:
            struct.pack_into("<I", data, start + 24, size)
            Path(path).write_bytes(bytes(data))
            return
        start += 4
    raise AssertionError(f"{name} not in the archive")


def _with_part(path: str, name: str, payload: bytes) -> None:
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[name] = payload
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for part, data in parts.items():
            target.writestr(part, data)


def test_a_small_file_declaring_2_gb_of_strings_is_refused_without_unpacking(tmp_path):
    path = _workbook(tmp_path / "bomb.xlsx")
    _with_part(path, _STRINGS, b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')
    _declare_size(path, _STRINGS, 2_000_000_000)
    assert (tmp_path / "bomb.xlsx").stat().st_size < 2_000_000
    tracemalloc.start()
    try:
        with pytest.raises(ImportFileError, match="khi giải nén vượt quá 200 MB"):
            read_roster(path)
        with pytest.raises(ImportFileError, match="khi giải nén vượt quá"):
            list_sheets(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000


def test_a_real_zip_bomb_is_refused_by_its_unpacked_size(tmp_path, monkeypatch):
    path = _workbook(tmp_path / "bomb.xlsx")
    strings = b"<sst><si><t>" + b"A" * 3_000_000 + b"</t></si></sst>"
    _with_part(path, _STRINGS, strings)
    assert (tmp_path / "bomb.xlsx").stat().st_size < 100_000
    monkeypatch.setattr(roster_files, "MAX_UNPACKED_BYTES", 2_000_000)
    with pytest.raises(ImportFileError, match="khi giải nén vượt quá 1 MB"):
        read_roster(path)


def test_a_part_holding_more_than_it_declares_is_reported_as_damaged(tmp_path):
    path = _workbook(tmp_path / "liar.xlsx")
    sheet = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as source:
        real = source.getinfo(sheet).file_size
    _declare_size(path, sheet, real // 2)  # zipfile stops at the declared size, and the CRC then fails
    with pytest.raises(ImportFileError, match="tệp bị hỏng hoặc không đúng định dạng"):
        read_roster(path)


def test_the_formula_scan_counts_what_it_unpacks(tmp_path, monkeypatch):
    path = _workbook(tmp_path / "wide.xlsx")
    with zipfile.ZipFile(path) as source:
        sheet_size = source.getinfo("xl/worksheets/sheet1.xml").file_size
    workbook = roster_files.open_workbook(path, data_only=True)
    try:
        monkeypatch.setattr(roster_files, "MAX_UNPACKED_BYTES", sheet_size - 1)
        with pytest.raises(ImportFileError, match="khi giải nén vượt quá"):
            roster_files.sheet_has_formulas(workbook, workbook.worksheets[0])
    finally:
        workbook.close()


def test_a_broken_deflate_stream_is_reported_as_damaged(tmp_path):
    path = _workbook(tmp_path / "broken.xlsx")
    data = bytearray(Path(path).read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    data[start : start + info.compress_size] = zlib.compress(b"x" * 10)[2:] + b"\xff" * (info.compress_size - 16)
    Path(path).write_bytes(bytes(data))
    with pytest.raises(ImportFileError, match="tệp bị hỏng"):
        read_roster(path)


def test_a_folder_given_as_workbook_is_told_in_vietnamese_only(tmp_path):
    from reports.roster.roster_files import check_file

    folder = tmp_path / "ds.xlsx"
    folder.mkdir()
    with pytest.raises(ImportFileError) as refused:
        check_file(folder)
    assert "thư mục" in refused.value.message and "Errno" not in refused.value.message
    assert "Is a directory" not in refused.value.message


def test_sheet_rows_give_the_rows_and_styles_iter_rows_gives(tmp_path):
    """The reader's rows without a cell object per value: the same values at the same rows and columns as
    openpyxl's read-only iter_rows (a missing row empty, gaps in a row None), and the same number format and font
    where a cell's style is read."""
    from datetime import datetime

    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet["A1"] = "DANH SÁCH"
    sheet["B3"], sheet["D3"] = "Nguyễn Văn An", datetime(1970, 1, 1)
    sheet["D3"].number_format = "yyyy"
    sheet["A5"] = "Lª V¨n C­êng"
    sheet["A5"].font = Font(name=".VnTime")
    sheet["C6"] = 7
    path = tmp_path / "rows.xlsx"
    book.save(path)
    workbook = roster_files.open_workbook(path, data_only=True)
    try:
        ws = workbook.worksheets[0]
        ws.reset_dimensions()
        expected = [list(row) for row in ws.iter_rows(values_only=True)]
        rows = list(roster_files.sheet_rows(ws))
        assert [[None if c is None else c["value"] for c in row] for row in rows] == expected
        assert expected[1] == [] and expected[2] == [None, "Nguyễn Văn An", None, datetime(1970, 1, 1)]
        assert roster_files.styled_cell(ws, rows[2][3]).number_format == "yyyy"
        assert roster_files.styled_cell(ws, rows[4][0]).font.name == ".VnTime"
    finally:
        workbook.close()


NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


@pytest.mark.parametrize(
    "xml",
    [
        f"<is {NS}><t>Nguyễn  Văn </t></is>",
        f"<is {NS}><t/></is>",
        f"<is {NS}></is>",
        f'<is {NS}><r><t>A</t></r><r><rPr><b/></rPr><t xml:space="preserve"> B </t></r></is>',
        f'<is {NS}><t>x</t><r><t>y</t></r><rPh sb="0" eb="1"><t>PH</t></rPh></is>',
        f"<is {NS}><t>one</t><t>two</t></is>",
        '<x:is xmlns:x="urn:other"><x:t>another namespace</x:t></x:is>',
    ],
)
def test_inline_text_is_the_text_openpyxl_reads(xml):
    from xml.etree.ElementTree import fromstring

    from openpyxl.cell.text import Text

    node = fromstring(xml)
    assert roster_files.inline_text(node) == Text.from_tree(node).content


def test_a_sheet_of_inline_text_reads_as_openpyxl_reads_it(tmp_path):
    """A write-only workbook keeps its text inline, rich text included; the rows are openpyxl's, value by value."""
    from datetime import date

    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    sheet.append(["Họ và tên", "Ngày sinh", None, "Ghi chú"])
    sheet.append(
        ["Trần Thị Bình", date(1982, 9, 2), 3, CellRichText("Đảng viên ", TextBlock(InlineFont(b=True), "mới"))]
    )
    sheet.append([])
    sheet.append([None, "=1+1", "", "  khoảng trắng  "])
    path = tmp_path / "inline.xlsx"
    book.save(path)
    for data_only in (True, False):
        workbook = roster_files.open_workbook(path, data_only=data_only)
        try:
            ws = workbook.worksheets[0]
            ws.reset_dimensions()
            expected = [list(row) for row in ws.iter_rows(values_only=True)]
            got = [[None if c is None else c["value"] for c in row] for row in roster_files.sheet_rows(ws)]
            assert got == expected and expected[1][3] == "Đảng viên mới"
        finally:
            workbook.close()


def _shared_strings_workbook(path) -> str:
    """A workbook whose texts are in a table of shared strings, as Excel saves one."""
    path = _workbook(path)
    strings = (
        f"<sst {NS}><si><t>Họ và tên</t></si><si><r><t>Nguyễn </t></r><r><rPr><b/></rPr><t>Văn An</t></r></si>"
        '<si><t>Hà Nội</t><rPh sb="0" eb="2"><t>HN</t></rPh></si><si><t>a_x005F_x0041_b</t></si></sst>'
    )
    sheet = (
        f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>3</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c></row></sheetData></worksheet>'
    )
    with zipfile.ZipFile(path) as source:
        types = source.read("[Content_Types].xml").decode()
    override = (
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    )
    _with_part(path, "[Content_Types].xml", types.replace("</Types>", f"{override}</Types>").encode())
    _with_part(path, _STRINGS, strings.encode())
    _with_part(path, "xl/worksheets/sheet1.xml", sheet.encode())
    return path


def test_shared_strings_read_as_openpyxl_reads_them(tmp_path):
    """Excel keeps a sheet's texts in one table of shared strings: read by their text alone, they are openpyxl's
    strings (runs joined, phonetic runs left out, Excel's «_x005F_» escape undone as openpyxl undoes it)."""
    from openpyxl import load_workbook

    path = _shared_strings_workbook(tmp_path / "shared.xlsx")
    expected = [list(row) for row in load_workbook(path, read_only=True).active.iter_rows(values_only=True)]
    workbook = roster_files.open_workbook(path, data_only=True)
    try:
        rows = [[c["value"] for c in row] for row in roster_files.sheet_rows(workbook.worksheets[0])]
    finally:
        workbook.close()
    assert rows == expected == [["Họ và tên", "a_x0041_b"], ["Nguyễn Văn An", "Hà Nội"]]


def test_texts_are_read_without_a_rich_text_object_each(tmp_path, monkeypatch):
    """The roster's texts, shared (here) or inline, never go through openpyxl's rich-text objects (the costly part
    of a big sheet); the roster reads the same."""
    from openpyxl.cell.text import Text

    path = _shared_strings_workbook(tmp_path / "plain.xlsx")
    before = read_roster(path)

    def refused(node):
        raise AssertionError("a rich-text object was built")

    monkeypatch.setattr(Text, "from_tree", classmethod(lambda cls, node: refused(node)))
    after = read_roster(path)
    assert [r.values for r in after.rows] == [r.values for r in before.rows]
    assert after.rows[0].values["full_name"] == "Nguyễn Văn An"
