"""A member's transfer between two branches of one database (chuyển sinh hoạt đảng): one operation, one
transaction. The source keeps its row, with the history ending in the transfer-out (chuyển đi); the destination
gets the member's record with the transfer-in (chuyển đến). A member coming back to a branch they once left gets the
transfer-in on their old row there, so one branch never holds the same person twice.

What the destination's history starts with: the member's record (admission and official dates, card number, …)
and the events that stay true of the person wherever they live their party life: recognition as official,
badges awarded, discipline. Events about belonging to the source branch (its own transfers in and out, temporary
activity, exemptions, suspensions) stay in the source's history only: copied, they would put the member on the
destination's roster before they arrived. Ratings stay with the branch that gave them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from models.core import clock
from models.core.branch import current_branch_id, use_branch
from models.core.dates import fmt
from models.core.errors import ConflictError, NotFoundError, ValidationError
from models.core.tables import Branch, db
from models.core.vnname import nfc
from models.roster.event_kinds import EventKind
from models.roster.member_rules import effective_events
from models.roster.member_status import member_status
from models.roster.members import get_member, person_key, record_event
from models.roster.records import EventRecord
from models.roster.tables import Member, MemberEvent

# Events of a member's party life that travel with the record (see the module's docstring).
TRAVELLING_KINDS = frozenset({EventKind.RECOGNISED, EventKind.BADGE_AWARDED, EventKind.DISCIPLINED})
_NOT_RECORD = ("id", "branch", "created_at", "updated_at")


@dataclass(frozen=True)
class Transfer:
    """The member's row in each branch after the transfer, and any warnings of the two events."""

    source_member_id: int
    member_id: int  # the member's row in the destination
    returning: bool  # the destination had the member before: the transfer-in went on that row
    warnings: tuple[str, ...] = ()


@contextlib.contextmanager
def _in_branch(branch_id: int) -> Iterator[None]:
    previous = current_branch_id()
    use_branch(branch_id)
    try:
        yield
    finally:
        use_branch(previous)


def transfer_member(
    member_id: int, to_branch: int, on: date, decision_ref: str = "", note: str = "", today: date | None = None
) -> Transfer:
    """Transfer member `member_id` out of their branch into branch `to_branch` on `on`, atomically."""
    today = today or clock.today()
    decision_ref, note = nfc(decision_ref).strip(), nfc(note).strip()
    row = Member.get_or_none(Member.id == member_id)
    if row is None:
        raise NotFoundError(f"Không tìm thấy đảng viên mã {member_id}.")
    source = Branch.get_by_id(row.branch_id)
    destination = Branch.get_or_none(Branch.id == to_branch)
    if destination is None:
        raise NotFoundError(f"Không có chi bộ mã {to_branch} trong cơ sở dữ liệu.")
    if destination.id == source.id:
        raise ValidationError(f"Đảng viên {row.full_name} đang sinh hoạt tại chính chi bộ «{source.name}».", "branch")
    with db.atomic():
        with _in_branch(source.id):
            member = get_member(member_id)
            status = member_status(member, on)
            if not status.is_current_member:
                raise ValidationError(
                    f"Đảng viên {member.full_name} không sinh hoạt tại chi bộ «{source.name}» "
                    f"ngày {fmt(on)} ({status.label.lower()}): không chuyển đi được.",
                    "member",
                )
            out = EventRecord(EventKind.TRANSFERRED_OUT, on, decision_ref, place=destination.name, note=note)
            warnings = record_event(member_id, out, today)
        with _in_branch(destination.id):
            earlier = _earlier_row(row, destination, on)
            target = earlier if earlier is not None else _copy_record(row, destination.id)
            if earlier is None:
                _copy_travelling_events(member, target, destination.id, on)
            arrival = EventRecord(EventKind.TRANSFERRED_IN, on, decision_ref, place=source.name, note=note)
            warnings += record_event(target, arrival, today)
    return Transfer(member_id, target, earlier is not None, tuple(warnings))


def _earlier_row(row: Member, destination: Branch, on: date) -> int | None:
    """The destination's own row of this person (same card number, else same name and birth date), when they left
    it before; ConflictError when they are on its roster now."""
    mine = Member.branch == destination.id
    found = Member.select().where(mine & (Member.card_number == row.card_number)).first() if row.card_number else None
    if found is None:
        key = person_key(row.full_name, row.birth_date)
        twins = Member.select().where(mine & (Member.birth_date == row.birth_date)) if key else []
        found = next((m for m in twins if person_key(m.full_name, m.birth_date) == key), None)
    if found is None:
        return None
    there = get_member(found.id)
    if member_status(there, on).is_current_member:
        raise ConflictError(
            f"Chi bộ «{destination.name}» đã có đảng viên {there.full_name} đang sinh hoạt "
            "(cùng số thẻ, hoặc cùng họ tên và ngày sinh): không chuyển đến được."
        )
    return found.id


def _copy_record(row: Member, branch_id: int) -> int:
    values = {k: v for k, v in row.__data__.items() if k not in _NOT_RECORD}
    now = clock.now()
    return Member.insert(**values, branch=branch_id, created_at=now, updated_at=now).execute()


def _copy_travelling_events(member, target_id: int, branch_id: int, on: date) -> None:
    for event in effective_events(member.events, on):
        if event.kind in TRAVELLING_KINDS:
            MemberEvent.create(
                branch=branch_id,
                member=target_id,
                kind=str(event.kind),
                date=event.date,
                decision_ref=event.decision_ref,
                place=event.place,
                note=event.note,
                end_date=event.end_date,
            )
