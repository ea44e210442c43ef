"""The branch's own facts, as printed on document headers; set up on first run, editable later."""

from __future__ import annotations

from dataclasses import dataclass

from models.core.errors import ValidationError
from models.core.tables import Branch, db
from models.core.vnname import nfc


@dataclass
class BranchInfo:
    name: str  # "Chi bộ Văn phòng Sở"
    higher_committee: str = ""  # header lines, "\n"-separated: "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    place: str = ""  # "Hà Nội"
    issuer_abbr: str = ""  # "CB"
    secretary_name: str = ""

    @property
    def higher_lines(self) -> list[str]:
        return [line for line in self.higher_committee.splitlines() if line.strip()]


def get_branch() -> BranchInfo | None:
    """The branch of the open file, or None before the first-run set-up."""
    row = Branch.select().order_by(Branch.id).first()
    if row is None:
        return None
    return BranchInfo(row.name, row.higher_committee, row.place, row.issuer_abbr, row.secretary_name)


def save_branch(info: BranchInfo) -> BranchInfo:
    name = nfc(info.name)
    if not name:
        raise ValidationError("Chưa nhập tên chi bộ.", "name")
    lines = [nfc(line).upper() for line in info.higher_committee.splitlines() if line.strip()]
    if not lines:
        raise ValidationError("Chưa nhập tên cấp ủy cấp trên (dòng đầu góc trái văn bản).", "higher_committee")
    place = nfc(info.place)
    if not place:
        raise ValidationError("Chưa nhập địa danh ghi ở dòng ngày tháng.", "place")
    abbr = nfc(info.issuer_abbr).upper()
    if not abbr or any(ch in abbr for ch in " /\\"):
        raise ValidationError(
            "Chữ viết tắt của chi bộ (ví dụ «CB») không được để trống hay chứa dấu cách, «/».", "issuer_abbr"
        )
    values = dict(
        name=name,
        higher_committee="\n".join(lines),
        place=place,
        issuer_abbr=abbr,
        secretary_name=nfc(info.secretary_name),
    )
    with db.atomic():
        row = Branch.select().order_by(Branch.id).first()
        if row is None:
            Branch.create(**values)
        else:
            Branch.update(**values).where(Branch.id == row.id).execute()
    return BranchInfo(**values)
