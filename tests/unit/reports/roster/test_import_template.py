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


def test_the_sample_row_left_in_is_never_imported_and_the_preview_counts_what_will_be_added(tmp_path, data_file):
    from openpyxl import load_workbook

    from models.roster.import_summary import plan_summary
    from models.roster.member_import import ADD, SKIP, plan_import

    path = write_import_template(tmp_path / "mau.xlsx")
    wb = load_workbook(path)
    ws = wb["Danh sách"]
    keys = [f.key for f in MEMBER_FIELDS]
    for index, (name, card) in enumerate((("Trần Văn Bình", "01234568"), ("Lê Văn Cường", "01234569")), start=2):
        changed = {"full_name": name, "card_number": card, "notes": "", "citizen_id": "", "record_number": ""}
        for col, key in enumerate(keys, start=1):
            ws.cell(HEADER_ROW + index, col, changed.get(key, ws.cell(HEADER_ROW + 1, col).value) or None)
    wb.save(path)
    plan = plan_import(read_roster(path, today=date(2026, 3, 11)), date(2026, 3, 11))
    sample = plan.row(HEADER_ROW + 1)
    assert sample.allowed == (SKIP,) and any("Dòng ví dụ" in p.message for p in sample.problems)
    assert plan.count(ADD) == 2
    plan.rows[1].action = SKIP  # the secretary skips one more in the preview
    assert plan_summary(plan).startswith("Sẽ thêm 1, cập nhật 0, bỏ qua 2.")
