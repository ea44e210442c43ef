"""Appointments (chỉ định) to the branch's leadership by the higher committee (Charter Điều 13): after a third
failed secretary round, for a new, split or merged branch, or "when truly necessary"; the decision's number, date
and issuer, the post and the term."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import date

from models.core import clock
from models.core.branch import of_current_branch
from models.core.dates import fmt
from models.core.errors import NotFoundError, ValidationError
from models.core.tables import db
from models.counting import POST_LABELS, Post
from models.meetings.tables import Appointment
from models.roster.members import get_member

LEADERSHIP_POSTS: tuple[Post, ...] = (Post.SECRETARY, Post.DEPUTY_SECRETARY, Post.COMMITTEE)


class AppointmentReason(enum.Enum):
    THIRD_ROUND_FAILED = "third_round_failed"
    NEW_BRANCH = "new_branch"
    SPLIT_OR_MERGED = "split_or_merged"
    TRULY_NECESSARY = "truly_necessary"

    @property
    def label(self) -> str:
        return REASON_LABELS[self]


REASON_LABELS: dict[AppointmentReason, str] = {
    AppointmentReason.THIRD_ROUND_FAILED: "Bầu bí thư đến lần thứ ba không có người trúng cử",
    AppointmentReason.NEW_BRANCH: "Chi bộ mới thành lập",
    AppointmentReason.SPLIT_OR_MERGED: "Chi bộ chia tách, hợp nhất, sáp nhập",
    AppointmentReason.TRULY_NECESSARY: "Trường hợp thật cần thiết",
}


@dataclass(frozen=True)
class AppointmentInfo:
    post: Post
    full_name: str
    reason: AppointmentReason
    decision_number: str
    decision_on: date
    issuer: str
    term_start: int | None = None
    term_end: int | None = None
    member_id: int | None = None
    until: date | None = None
    id: int | None = None

    @property
    def decision_text(self) -> str:
        """ "Quyết định số 125-QĐ/ĐU ngày 30/6/2025 của Đảng ủy xã Sóc Sơn"."""
        return f"Quyết định số {self.decision_number} ngày {fmt(self.decision_on)} của {self.issuer}"

    @property
    def post_label(self) -> str:
        return POST_LABELS[self.post]


def _info(row: Appointment) -> AppointmentInfo:
    return AppointmentInfo(
        Post(row.post),
        row.full_name,
        AppointmentReason(row.reason),
        row.decision_number,
        row.decision_on,
        row.issuer,
        row.term_start,
        row.term_end,
        row.member_id,
        row.until,
        row.id,
    )


def _check(info: AppointmentInfo) -> None:
    if info.post not in LEADERSHIP_POSTS:
        raise ValidationError("Chỉ định được bí thư, phó bí thư hoặc chi ủy viên.", "post")
    if not info.decision_number.strip():
        raise ValidationError("Hãy ghi số quyết định chỉ định.", "decision_number")
    if not info.issuer.strip():
        raise ValidationError("Hãy ghi cấp ủy ra quyết định chỉ định.", "issuer")
    if info.decision_on > clock.today():
        raise ValidationError(f"Ngày quyết định {fmt(info.decision_on)} ở sau hôm nay.", "decision_on")
    if (info.term_start is None) != (info.term_end is None) or (
        info.term_start is not None and info.term_end is not None and info.term_end <= info.term_start
    ):
        raise ValidationError("Nhiệm kỳ phải có năm đầu và năm cuối, năm cuối sau năm đầu.", "term")
    if info.member_id is None and not info.full_name.strip():
        raise ValidationError("Hãy ghi họ tên người được chỉ định.", "full_name")


def record_appointment(info: AppointmentInfo) -> AppointmentInfo:
    """Record the higher committee's decision; a member of the roster is named by their record."""
    info = replace(info, post=Post(info.post), reason=AppointmentReason(info.reason))  # a front end may pass values
    _check(info)
    name = get_member(info.member_id).full_name if info.member_id is not None else info.full_name.strip()
    with db.atomic():
        row = Appointment.create(
            post=info.post.value,
            member=info.member_id,
            full_name=name,
            reason=info.reason.value,
            decision_number=info.decision_number.strip(),
            decision_on=info.decision_on,
            issuer=info.issuer.strip(),
            term_start=info.term_start,
            term_end=info.term_end,
        )
        return _info(row)


def end_appointment(appointment_id: int, until: date) -> AppointmentInfo:
    """The appointed leader left the post on `until` (the row stays)."""
    with db.atomic():
        row = Appointment.get_or_none((Appointment.id == appointment_id) & of_current_branch(Appointment))
        if row is None:
            raise NotFoundError(f"Không tìm thấy quyết định chỉ định mã {appointment_id}.")
        if until < row.decision_on:
            raise ValidationError(f"Ngày thôi giữ chức ở trước ngày quyết định {fmt(row.decision_on)}.", "until")
        Appointment.update(until=until).where(Appointment.id == row.id).execute()
        return _info(Appointment.get_by_id(row.id))


def appointments() -> list[AppointmentInfo]:
    rows = Appointment.select().where(of_current_branch(Appointment)).order_by(Appointment.decision_on, Appointment.id)
    return [_info(row) for row in rows]
