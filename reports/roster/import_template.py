"""The downloadable import template: ChiBo's own column layout, one example row, notes per column."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from models.roster.fields import MEMBER_FIELDS, TEMPLATE_EXAMPLE_NOTE, FieldSpec
from reports.core import styles
from reports.core.files import save_workbook

TEMPLATE_TITLE = "MẪU NHẬP DANH SÁCH ĐẢNG VIÊN (ChiBo)"
HEADER_ROW = 4
EXAMPLE_ROW = HEADER_ROW + 1
_VALIDATED_ROWS = 2000

EXAMPLE: dict[str, object] = {
    "full_name": "Nguyễn Văn An",
    "birth_name": "",
    "aliases": "",
    "gender": "Nam",
    "birth_date": date(1980, 1, 2),
    "birth_place": "Xã Đông Anh, huyện Đông Anh, thành phố Hà Nội",
    "hometown": "Xã Tam Điệp, tỉnh Ninh Bình",
    "residence": "Phường Hàng Bông, thành phố Hà Nội",
    "ethnicity": "Kinh",
    "religion": "Không",
    "education": "12/12",
    "qualification": "Đại học",
    "theory": "Trung cấp",
    "foreign_language": "Tiếng Anh B1",
    "occupation": "Công chức",
    "job_title": "Chuyên viên",
    "workplace": "Văn phòng Sở",
    "admission_date": date(2005, 5, 19),
    "ceremony_date": date(2005, 6, 1),
    "official_date": date(2006, 6, 1),
    "card_number": "01234567",
    "record_number": "012345HN",
    "badge_number": "",
    "citizen_id": "001080012345",
    "phone": "0912 345 678",
    "notes": TEMPLATE_EXAMPLE_NOTE,
}
_HOW: dict[str, str] = {
    "full_name": "Họ và tên như trên CCCD.",
    "gender": "«Nam» hoặc «Nữ».",
    "card_number": "Số thẻ đảng viên (thường 8 chữ số); ghi dạng văn bản để giữ số 0 ở đầu.",
    "record_number": "6 chữ số và 1–3 chữ cái, ví dụ 012345HN.",
    "citizen_id": "Số căn cước công dân, 12 chữ số; ghi dạng văn bản để giữ số 0 ở đầu.",
    "admission_date": "Ngày ghi trên quyết định kết nạp.",
    "ceremony_date": "Ngày tổ chức lễ kết nạp (12 tháng dự bị tính từ ngày này).",
}
_WIDTHS = {"full_name": 24, "birth_place": 30, "hometown": 28, "residence": 30, "workplace": 22, "notes": 30}


def _how(spec: FieldSpec) -> str:
    parts = [_HOW.get(spec.key, "")]
    if spec.kind == "date":
        parts.append("Ngày/tháng/năm, ví dụ 02/01/1980 (có thể chỉ ghi năm nếu chưa rõ ngày).")
    if spec.choices and spec.key != "gender":
        parts.append("Chọn một trong: " + "; ".join(spec.choices) + ".")
    if spec.required:
        parts.append("Bắt buộc.")
    return " ".join(p for p in parts if p)


def write_import_template(path: str | os.PathLike[str]) -> Path:
    """Write the template: the "Danh sách" sheet (title, notes, header, one example row, drop-down lists for the
    choice fields, a comment on each header) and a "Hướng dẫn" sheet describing every column."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    ws = workbook.active
    ws.title = "Danh sách"
    last = get_column_letter(len(MEMBER_FIELDS))
    styles.write_value(ws["A1"], TEMPLATE_TITLE).font = styles.font(15, bold=True)
    intro = (
        f"Nhập mỗi đảng viên một dòng, từ dòng {EXAMPLE_ROW}; giữ nguyên dòng tiêu đề. Cột có dấu * là bắt "
        "buộc. Xem trang «Hướng dẫn»."
    )
    styles.write_value(ws["A2"], intro).font = styles.font(12, italic=True)
    ws.merge_cells(f"A1:{last}1")
    ws.merge_cells(f"A2:{last}2")
    for col, spec in enumerate(MEMBER_FIELDS, start=1):
        letter = get_column_letter(col)
        head = styles.write_value(ws.cell(HEADER_ROW, col), f"{spec.label} *" if spec.required else spec.label)
        head.font = styles.font(12, bold=True)
        head.alignment = styles.alignment("center", "center", True)
        head.border = styles.thin_border()
        head.comment = Comment(("Bắt buộc. " if spec.required else "") + _how(spec), "ChiBo", width=260, height=110)
        example = styles.write_value(ws.cell(EXAMPLE_ROW, col), EXAMPLE.get(spec.key) or None)
        example.font = styles.font(12, italic=True)
        example.border = styles.thin_border()
        if spec.kind == "date":
            example.number_format = styles.DATE_FORMAT
        elif spec.key in ("card_number", "citizen_id", "record_number", "phone"):
            example.number_format = "@"
            for row in range(EXAMPLE_ROW + 1, EXAMPLE_ROW + _VALIDATED_ROWS):
                ws.cell(row, col).number_format = "@"
        ws.column_dimensions[letter].width = _WIDTHS.get(spec.key, 14 if spec.kind == "date" else 16)
        if spec.choices:
            allowed = ",".join(spec.choices)
            validation = DataValidation(type="list", formula1=f'"{allowed}"', allow_blank=True, showErrorMessage=False)
            validation.add(f"{letter}{EXAMPLE_ROW}:{letter}{EXAMPLE_ROW + _VALIDATED_ROWS}")
            ws.add_data_validation(validation)
    ws.row_dimensions[HEADER_ROW].height = styles.row_height(3, 12)
    ws.freeze_panes = f"B{EXAMPLE_ROW}"
    _notes_sheet(workbook)
    return save_workbook(workbook, path)


def _notes_sheet(workbook: object) -> None:
    notes = workbook.create_sheet("Hướng dẫn")  # type: ignore[attr-defined]
    rows: list[list[object]] = [["Cột", "Bắt buộc", "Cách ghi", "Ví dụ"]]
    for spec in MEMBER_FIELDS:
        example = EXAMPLE.get(spec.key)
        shown = styles.format_date(example) if isinstance(example, date) else example or ""
        rows.append([spec.label, "Có" if spec.required else "", _how(spec), shown])
    for row, values in enumerate(rows, start=1):
        for col, value in enumerate(values, start=1):
            styles.write_value(notes.cell(row, col), value)
    for cell in notes[1]:
        cell.font = styles.font(12, bold=True)
    for row in notes.iter_rows(min_row=2):
        for cell in row:
            cell.font = styles.font(12)
            cell.alignment = styles.alignment("left", "top", True)
    for letter, width in zip("ABCD", (26, 10, 60, 34), strict=True):
        notes.column_dimensions[letter].width = width
