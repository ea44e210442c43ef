"""Branches as rows: which branch this session works in, and its facts as printed on document headers.

A database holds any number of branches (a committee office's server); the embedded default is one SQLite file
with one branch, set up on first run and editable later. Every branch-owned row carries its branch, filled in from
`current_branch_id()` when it is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.core.errors import NotFoundError, ValidationError
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


_current: int | None = None  # the branch this session works in; None: the first branch of the database


def use_branch(branch_id: int | None) -> None:
    """Work in this branch from now on (None: the first one, as after opening a database)."""
    global _current
    if branch_id is not None and Branch.get_or_none(Branch.id == branch_id) is None:
        raise NotFoundError(f"Không có chi bộ mã {branch_id} trong cơ sở dữ liệu.")
    _current = branch_id


def current_branch_id() -> int:
    """The id of the branch this session works in; NotFoundError before any branch is set up."""
    found = _current_id_or_none()
    if found is None:
        raise NotFoundError("Chưa có chi bộ nào trong tệp dữ liệu: hãy nhập thông tin chi bộ trước.")
    return found


def current_branch_id_or_none() -> int | None:
    """The current branch's id, or None before any branch is set up (a question, where current_branch_id refuses)."""
    return _current_id_or_none()


def _current_id_or_none() -> int | None:
    """The current branch's id, looked up once: every row written asks for it (5,000 rows of an import)."""
    global _current
    if _current is None:
        row = Branch.select(Branch.id).order_by(Branch.id).first()
        _current = None if row is None else row.id
    return _current


def of_current_branch(model):
    """The condition selecting a branch-owned table's rows of the current branch (`Member`, `Rating`, …);
    before any branch is set up it selects nothing."""
    return of_branch(model, None)


def of_branch(model, branch_id: int | None):
    """The condition selecting a branch-owned table's rows of branch `branch_id` (None: the current branch)."""
    found = _current_id_or_none() if branch_id is None else branch_id
    return model.branch.is_null() if found is None else model.branch == found


def list_branches() -> list[tuple[int, str]]:
    """(id, name) of every branch of the database, in creation order."""
    return [(row.id, row.name) for row in Branch.select(Branch.id, Branch.name).order_by(Branch.id)]


def _current_row() -> Branch | None:
    if _current is not None:
        return Branch.get_or_none(Branch.id == _current)
    return Branch.select().order_by(Branch.id).first()


def get_branch(branch_id: int | None = None) -> BranchInfo | None:
    """The branch this session works in (or branch `branch_id`), or None before the first-run set-up."""
    row = _current_row() if branch_id is None else Branch.get_or_none(Branch.id == branch_id)
    if row is None:
        return None
    return BranchInfo(row.name, row.higher_committee, row.place, row.issuer_abbr, row.secretary_name)


def save_branch(info: BranchInfo, new: bool = False) -> BranchInfo:
    """Update the current branch's facts, or create a branch (the first one, or any with `new`) and work in it."""
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
        row = None if new else _current_row()
        if row is None:
            created = Branch.create(**values)
            if new:
                use_branch(created.id)
        else:
            Branch.update(**values).where(Branch.id == row.id).execute()
    return BranchInfo(**values)
