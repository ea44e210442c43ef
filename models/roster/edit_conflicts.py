"""Who saved a record last, and why a save was refused because another client got there first: what they changed,
field by field, in Vietnamese."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from models.core.branch import of_current_branch
from models.core.conflicts import NOTHING_SAVED, by_whom, same, shown
from models.core.errors import EditConflictError
from models.core.tables import tuple_rows
from models.roster.fields import MEMBER_FIELDS, RATING_LEVELS
from models.roster.records import MemberRecord, RatingRecord
from models.roster.tables import Member


def member_changes(before: MemberRecord, after: MemberRecord) -> list[tuple[str, str, str]]:
    """(label, value before, value after) of every record field that differs, in the form's order."""
    changes = []
    for spec in MEMBER_FIELDS:
        old, new = getattr(before, spec.key), getattr(after, spec.key)
        if not same(old, new):
            changes.append((spec.label, shown(old), shown(new)))
    return changes


def last_saved_text(member_id: int) -> str:
    """«Lưu lần cuối lúc 07:45 ngày 02/12/2026, người dùng «bithu».», or "" for no such member."""
    row = Member.select(Member.updated_at, Member.updated_by).where(Member.id == member_id).first()
    if row is None:
        return ""
    when = f" lúc {row.updated_at:%H:%M} ngày {row.updated_at:%d/%m/%Y}" if isinstance(row.updated_at, datetime) else ""
    who = f", người dùng «{row.updated_by}»" if row.updated_by else ""
    return f"Lưu lần cuối{when}{who}."


def member_conflict(mine: MemberRecord, read: MemberRecord | None, theirs: MemberRecord | None) -> EditConflictError:
    """The refusal of saving `mine` over a member row that moved on since `read` (or `mine`) was read; `theirs`: the
    member as saved now (None: deleted or moved out of the branch)."""
    base = read or mine
    name = base.full_name or mine.full_name
    row = Member.get_or_none((Member.id == mine.id) & of_current_branch(Member))
    if row is None or theirs is None:
        return EditConflictError(
            f"Không lưu được phiếu đảng viên {name}: đảng viên này đã bị xóa hoặc chuyển khỏi chi bộ trên máy khác "
            "sau khi bạn mở phiếu. Chưa có gì được lưu. Những gì bạn đã nhập vẫn còn trên phiếu; nếu vẫn cần, hãy "
            "chép lại rồi thêm như một đảng viên mới.",
            deleted=True,
        )
    changes = member_changes(base, theirs)
    lines = [
        f"Phiếu đảng viên {name} vừa được {by_whom(row.updated_by, row.updated_at)} sửa và lưu sau khi bạn mở "
        f"phiếu này. {NOTHING_SAVED}"
    ]
    if changes:
        heading = "bản bạn đã mở → bản họ đã lưu" if read is not None else "bản bạn định lưu → bản họ đã lưu"
        lines.append(f"Những mục họ đã thay đổi ({heading}):")
        lines += [f"• {label}: {old} → {new}" for label, old, new in changes]
    else:
        lines.append("Họ không đổi mục nào trên phiếu (có thể chỉ ghi thêm quá trình sinh hoạt).")
    lines.append("Hãy tải lại phiếu để xem bản họ đã lưu, nhập lại những thay đổi của bạn nếu vẫn cần, rồi lưu.")
    return EditConflictError("\n".join(lines), changes)


def rating_conflict(
    year: int, clashes: Mapping[int, tuple[RatingRecord | None, RatingRecord | None]]
) -> EditConflictError:
    """The refusal of saving a year's ratings over ratings another client changed: `clashes` maps a member's id to
    (the rating this client read, the rating saved now), None for no rating."""
    names = dict(tuple_rows(Member.select(Member.id, Member.full_name).where(Member.id.in_(list(clashes)))))

    def level(rating: RatingRecord | None) -> str:
        return f"«{RATING_LEVELS.get(rating.level, rating.level)}»" if rating else "(chưa xếp loại)"

    changes = [
        (names.get(member_id, f"đảng viên mã {member_id}"), level(read), level(saved))
        for member_id, (read, saved) in clashes.items()
    ]
    lines = [
        f"Kết quả xếp loại năm {year} của {len(changes)} đảng viên vừa được lưu trên máy khác sau khi bạn mở bảng "
        f"này. {NOTHING_SAVED}",
        "Những đảng viên họ đã xếp loại lại (bản bạn đã mở → bản họ đã lưu):",
        *(f"• {name}: {old} → {new}" for name, old, new in changes),
        "Hãy tải lại bảng xếp loại, xem lại những đảng viên trên, rồi lưu.",
    ]
    return EditConflictError("\n".join(lines), changes)
