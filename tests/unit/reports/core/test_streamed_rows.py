"""reports.core.streamed_rows: a streamed table's rows written as text are byte for byte the sheet openpyxl's own
writer makes, for every kind of value a paper may hold (and the odd ones it hands back to openpyxl)."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

import reports.core.party_document as party_document
from models.core.partial_dates import year_only
from reports.core.files import save_workbook
from reports.core.party_document import Column, DocumentHeader, DocumentSheet, Signature, new_workbook

COLUMNS = [
    Column("STT", 6, "center"),
    Column("Tên", 20),
    Column("Ngày", 12, "date"),
    Column("Số", 10, "number", number_format='0.0"%"'),
    Column("Ghi chú", 16),
]
VALUES: list[object] = [
    None,
    "",
    0,
    -3,
    2**53 + 1,
    0.1,
    1e20,
    -2.5,
    float("nan"),
    True,
    Decimal("1.25"),
    date(1970, 1, 2),
    datetime(2026, 3, 11, 8, 30, 15),
    year_only(1965),
    time(8, 30),
    timedelta(days=2),
    "Nguyễn Văn An",
    "  chữ có khoảng trắng đầu",
    "khoảng trắng cuối  ",
    "\nxuống dòng đầu",
    "hai\ndòng",
    "một dòng rất dài " * 12,
    "ký tự & < > \" ' đặc biệt",
    "=1+1",
    '=HYPERLINK("http://x")',
    "\t",
    "về\rđầu dòng",
    CellRichText([TextBlock(InlineFont(b=True), "đậm"), " thường"]),
]


def _rows() -> list[list[object]]:
    """Every value in every column, so each column's style and each kind meet."""
    rows = []
    for index, value in enumerate(VALUES):
        row = [index + 1, value, value, value, value]
        rows.append(row)
    rows.append([len(VALUES) + 1])  # a short row: the rest empty
    return rows


def _sheet(path, rows) -> bytes:
    workbook, ws = new_workbook("Bảng")
    doc = DocumentSheet(ws, COLUMNS)
    doc.header_blocks(DocumentHeader("Đảng bộ", "Chi bộ", "Số 1", "Hà Nội", date(2026, 3, 11)))
    doc.table_header()
    doc.table_rows(rows, bold=lambda row: row[0] % 3 == 0, min_lines=1)
    doc.paragraph("Sau bảng")
    doc.table_rows(rows[:3], min_lines=2)
    doc.signature(Signature(name="Trần Thị Bình"))
    save_workbook(workbook, path)
    with zipfile.ZipFile(path) as book:
        return book.read("xl/worksheets/sheet1.xml")


def test_rows_written_as_text_are_openpyxls_bytes(tmp_path, monkeypatch):
    import openpyxl.cell._writer as cell_writer

    real, handed_back = cell_writer.etree_write_cell, []
    monkeypatch.setattr(cell_writer, "etree_write_cell", lambda *args: handed_back.append(args[2]) or real(*args))
    ours = _sheet(tmp_path / "ours.xlsx", _rows())
    odd = (bool, Decimal, time, timedelta, CellRichText)
    assert len(handed_back) == sum(isinstance(v, odd) for row in _rows() for v in row[1:])  # the rest as text
    monkeypatch.setattr(party_document, "fast_row_writer", lambda ws: None)
    theirs = _sheet(tmp_path / "theirs.xlsx", _rows())
    assert b"xml:space" in ours and b"&amp;" in ours and b"<f>" not in ours  # the cases are there
    assert ours == theirs


@pytest.mark.parametrize("value", ["\x01 điều khiển", "a" * 40_000, "nửa cặp \ud800"])
def test_what_openpyxl_refuses_or_cuts_is_refused_or_cut_alike(tmp_path, monkeypatch, value):
    """The values are still bound by openpyxl: a control character is refused the same way, an over-long text cut
    alike."""
    outcomes = []
    for fast in (True, False):
        if not fast:
            monkeypatch.setattr(party_document, "fast_row_writer", lambda ws: None)
        try:
            outcomes.append(_sheet(tmp_path / f"{fast}.xlsx", [[1, value, None, None, value]]))
        except Exception as exc:  # noqa: BLE001 - what openpyxl raises, compared
            outcomes.append(type(exc))
    assert outcomes[0] == outcomes[1]


def test_an_xml_writer_without_its_output_function_is_left_to_openpyxl(tmp_path):
    """Should a later et_xmlfile name its output otherwise, the rows go through openpyxl's own writer."""
    from reports.core.streamed_rows import fast_row_writer

    workbook, ws = new_workbook("Bảng")
    ws._get_writer()
    handed = []
    ws._writer.write_row = lambda xf, cells, row_index: handed.append((xf, cells, row_index))
    write_row = fast_row_writer(ws)
    del ws._writer.write_row
    xf, cells = object(), []
    write_row(xf, cells, 7)
    assert handed == [(xf, cells, 7)]
    save_workbook(workbook, tmp_path / "a.xlsx")
