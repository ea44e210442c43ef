"""Catalogue of a member record's fields (phiếu đảng viên 2-HSĐV, sổ 7-HSĐV) and their choice lists.

One source for the database columns, the member dialog, the import column mapping and the exports.
"""

from __future__ import annotations

from dataclasses import dataclass

GENDERS = ("Nam", "Nữ")
GENERAL_EDUCATION = ("12/12", "10/10", "9/12", "9/10", "7/10")
QUALIFICATIONS = ("Sơ cấp", "Trung cấp", "Cao đẳng", "Đại học", "Thạc sĩ", "Tiến sĩ")
THEORY_LEVELS = ("Sơ cấp", "Trung cấp", "Cao cấp", "Cử nhân")
OTHER_CHOICE = "Khác"
TEMPLATE_EXAMPLE_NOTE = "Dòng ví dụ: hãy xóa trước khi nhập"  # the import template's sample row, never imported


@dataclass(frozen=True)
class FieldSpec:
    key: str  # attribute / column name
    label: str  # Vietnamese label shown to the user
    kind: str = "text"  # text | date | choice
    required: bool = False
    choices: tuple[str, ...] = ()


MEMBER_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("full_name", "Họ và tên", required=True),
    FieldSpec("birth_name", "Họ và tên khai sinh"),
    FieldSpec("aliases", "Bí danh"),
    FieldSpec("gender", "Giới tính", "choice", required=True, choices=GENDERS),
    FieldSpec("birth_date", "Ngày sinh", "date", required=True),
    FieldSpec("birth_place", "Nơi sinh"),
    FieldSpec("hometown", "Quê quán"),
    FieldSpec("residence", "Nơi ở hiện nay"),
    FieldSpec("ethnicity", "Dân tộc"),
    FieldSpec("religion", "Tôn giáo"),
    FieldSpec("education", "Giáo dục phổ thông", "choice", choices=GENERAL_EDUCATION),
    FieldSpec("qualification", "Chuyên môn, nghiệp vụ", "choice", choices=QUALIFICATIONS),
    FieldSpec("theory", "Lý luận chính trị", "choice", choices=THEORY_LEVELS),
    FieldSpec("foreign_language", "Ngoại ngữ"),
    FieldSpec("occupation", "Nghề nghiệp"),
    FieldSpec("job_title", "Chức vụ"),
    FieldSpec("workplace", "Nơi làm việc"),
    FieldSpec("admission_date", "Ngày vào Đảng", "date", required=True),
    FieldSpec("ceremony_date", "Ngày kết nạp (lễ kết nạp)", "date"),
    FieldSpec("official_date", "Ngày chính thức", "date"),
    FieldSpec("card_number", "Số thẻ đảng viên"),
    FieldSpec("record_number", "Số lý lịch"),
    FieldSpec("badge_number", "Số huy hiệu Đảng"),
    FieldSpec("citizen_id", "Số CCCD"),
    FieldSpec("phone", "Điện thoại"),
    FieldSpec("notes", "Ghi chú"),
)

FIELD_BY_KEY = {f.key: f for f in MEMBER_FIELDS}
DATE_FIELDS = tuple(f.key for f in MEMBER_FIELDS if f.kind == "date")

# Yearly quality rating levels (Quy định 366-QĐ/TW), stored by code.
RATING_LEVELS: dict[str, str] = {
    "excellent": "Hoàn thành xuất sắc nhiệm vụ",
    "good": "Hoàn thành tốt nhiệm vụ",
    "done": "Hoàn thành nhiệm vụ",
    "not_done": "Không hoàn thành nhiệm vụ",
}
