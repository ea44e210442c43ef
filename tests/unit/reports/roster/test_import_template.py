"""The import template reads back through the roster reader with every field mapped."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from models.roster.fields import MEMBER_FIELDS
from reports.roster.import_template import EXAMPLE, HEADER_ROW, write_import_template
from reports.roster.roster_headers import header_key
from reports.roster.roster_reader import read_roster


def test_template_layout(tmp_path):
    path = write_import_template(tmp_path / "mau.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Danh sách", "Hướng dẫn"]
    ws = wb["Danh sách"]
    assert ws["A1"].value == "MẪU NHẬP DANH SÁCH ĐẢNG VIÊN (ChiBo)" and ws["A1"].font.b
    assert ws.cell(HEADER_ROW, 1).value == "Họ và tên *"
    assert "Bắt buộc" in ws.cell(HEADER_ROW, 1).comment.text
    gender_col = [f.key for f in MEMBER_FIELDS].index("gender") + 1
    assert any(dv.formula1 == '"Nam,Nữ"' for dv in ws.data_validations.dataValidation)
    assert ws.cell(HEADER_ROW + 1, gender_col).value == "Nam"
    notes = wb["Hướng dẫn"]
    assert [c.value for c in notes[1]] == ["Cột", "Bắt buộc", "Cách ghi", "Ví dụ"]
    assert notes.max_row == len(MEMBER_FIELDS) + 1


def test_template_reads_back_with_every_field(tmp_path):
    path = write_import_template(tmp_path / "mau.xlsx")
    result = read_roster(path, today=date(2026, 3, 11))
    assert result.header_row == HEADER_ROW
    assert list(result.mapping.values()) == [f.key for f in MEMBER_FIELDS]
    [row] = result.rows
    expected = {key: (value or None) for key, value in EXAMPLE.items()}
    assert row.values == expected and row.problems == []


def test_ceremony_label_is_not_taken_for_admission():
    assert header_key("Ngày kết nạp (lễ kết nạp)") == "ceremony_date"
    assert header_key("Ngày kết nạp") == "admission_date"
