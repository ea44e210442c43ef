"""The branch meeting: its list (a snapshot of the roster on its date), who attended, and its base D.

D (docs/domain.md §6): the official members on the list, less those on temporary activity elsewhere, exempted
members who are absent, the suspended (prosecuted, detained), and, unless the meeting turns the option off, those
absent for the whole meeting with an approved reason. Probationary members attend without a vote. The groups are
the counting engine's (`models.counting.Voter.exclusion`), so a meeting and a congress count D the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from models.congress.voters import congress_voter
from models.core import clock
from models.core.branch import of_current_branch
from models.core.dates import fmt
from models.core.errors import NotFoundError, ValidationError
from models.core.saved_ids import saved_id
from models.core.tables import db
from models.core.vnname import name_key
from models.core.who import current_user
from models.counting import Attendance, ExclusionGroup, Situation, Voter
from models.meetings.tables import BranchMeeting, MeetingAttendance
from models.roster.member_status import member_status
from models.roster.members import all_members

MEETING_ATTENDANCE_LABELS: dict[Attendance, str] = {
    Attendance.PRESENT: "Có mặt",
    Attendance.ABSENT_APPROVED: "Vắng cả buổi, có lý do được chấp thuận",
    Attendance.ABSENT: "Vắng không có lý do được chấp thuận",
}
MEETING_SITUATION_LABELS: dict[Situation, str] = {
    Situation.NORMAL: "",
    Situation.TEMPORARY_ELSEWHERE: "Sinh hoạt tạm thời nơi khác",
    Situation.EXEMPTED: "Miễn công tác và sinh hoạt đảng",
    Situation.SUSPENDED: "Đình chỉ sinh hoạt, bị khởi tố, truy tố, tạm giam",
}


@dataclass(frozen=True)
class Base:
    """The base of the branch's decisions at a meeting, and its breakdown."""

    d: int
    official: int  # official members on the list
    excluded: dict[str, int]  # ExclusionGroup value -> how many left D for it
    present_official: int  # official members present who vote
    present_probationary: int  # attend without a vote

    @property
    def text(self) -> str:
        """ "D = 11 (13 đảng viên chính thức, trừ 1 sinh hoạt tạm thời nơi khác, 1 vắng có lý do)"."""
        parts = [f"{count} {_SHORT[ExclusionGroup(key)]}" for key, count in self.excluded.items() if count]
        less = f", trừ {', '.join(parts)}" if parts else ""
        return f"D = {self.d} ({self.official} đảng viên chính thức{less})"


_SHORT: dict[ExclusionGroup, str] = {
    ExclusionGroup.TEMPORARY_ELSEWHERE: "sinh hoạt tạm thời nơi khác",
    ExclusionGroup.EXEMPT_ABSENT: "miễn sinh hoạt vắng mặt",
    ExclusionGroup.SUSPENDED: "đình chỉ sinh hoạt, bị khởi tố, truy tố, tạm giam",
    ExclusionGroup.ABSENT_APPROVED: "vắng cả buổi có lý do",
}


@dataclass(frozen=True)
class Attendee:
    """One member on a meeting's list."""

    id: int
    member_id: int
    full_name: str
    official: bool
    situation: Situation
    attendance: Attendance
    reason: str = ""

    @property
    def voter(self) -> Voter:
        return Voter(str(self.member_id), self.official, self.attendance, self.situation)

    @property
    def kind_label(self) -> str:
        return "Chính thức" if self.official else "Dự bị"


@dataclass(frozen=True)
class MeetingInfo:
    id: int
    held_on: date
    purpose: str
    chair: str = ""
    secretary: str = ""
    exclude_absent_approved: bool = True
    version: int = 1
    attendees: tuple[Attendee, ...] = field(default=(), compare=False)

    @property
    def title(self) -> str:
        return f"Hội nghị chi bộ ngày {fmt(self.held_on)}" + (f": {self.purpose}" if self.purpose else "")


def base_of(attendees: tuple[Attendee, ...] | list[Attendee], exclude_absent_approved: bool = True) -> Base:
    """D from a list: each official member in at most one excluded group (the engine's rule); with the option off,
    an official member absent with an approved reason stays in D."""
    excluded = {group.value: 0 for group in ExclusionGroup}
    official = present_official = present_probationary = 0
    for person in attendees:
        present = person.attendance == Attendance.PRESENT
        if not person.official:
            present_probationary += present
            continue
        official += 1
        group = person.voter.exclusion
        if group == ExclusionGroup.ABSENT_APPROVED and not exclude_absent_approved:
            group = None
        if group is not None:
            excluded[group.value] += 1
        elif present:
            present_official += 1
    return Base(official - sum(excluded.values()), official, excluded, present_official, present_probationary)


def meeting_base(meeting_id: int) -> Base:
    info = get_meeting(meeting_id)
    return base_of(info.attendees, info.exclude_absent_approved)


def meeting_row(meeting_id: int) -> BranchMeeting:
    row = BranchMeeting.get_or_none((BranchMeeting.id == meeting_id) & of_current_branch(BranchMeeting))
    if row is None:
        raise NotFoundError(f"Không tìm thấy hội nghị chi bộ mã {meeting_id}.")
    return row


def _attendee(row: MeetingAttendance) -> Attendee:
    return Attendee(
        row.id,
        row.member_id,
        row.full_name,
        row.official,
        Situation(row.situation),
        Attendance(row.attendance),
        row.reason,
    )


def get_meeting(meeting_id: int) -> MeetingInfo:
    row = meeting_row(meeting_id)
    rows = MeetingAttendance.select().where(MeetingAttendance.meeting == row.id)
    people = sorted((_attendee(r) for r in rows), key=lambda p: name_key(p.full_name, None))
    return MeetingInfo(
        row.id,
        row.held_on,
        row.purpose,
        row.chair,
        row.secretary,
        row.exclude_absent_approved,
        row.version,
        tuple(people),
    )


def list_meetings() -> list[MeetingInfo]:
    """The branch's meetings, the latest first (without their lists)."""
    rows = BranchMeeting.select().where(of_current_branch(BranchMeeting))
    rows = rows.order_by(BranchMeeting.held_on.desc(), BranchMeeting.id.desc())
    return [
        MeetingInfo(
            r.id,
            r.held_on,
            r.purpose,
            r.chair,
            r.secretary,
            r.exclude_absent_approved,
            r.version,
        )
        for r in rows
    ]


def create_meeting(
    held_on: date, purpose: str, chair: str = "", secretary: str = "", exclude_absent_approved: bool = True
) -> MeetingInfo:
    """A new meeting with its list taken from the roster on its date: every current member, present by default,
    with the situation their status gives that day (temporary activity elsewhere, exempted, suspended)."""
    if held_on > clock.today():
        raise ValidationError(
            f"Ngày họp {fmt(held_on)} ở sau hôm nay: chỉ ghi hội nghị đã họp hoặc đang họp.", "held_on"
        )
    if not purpose.strip():
        raise ValidationError("Hãy ghi nội dung của hội nghị chi bộ.", "purpose")
    with db.atomic():
        row = BranchMeeting.create(
            held_on=held_on,
            purpose=purpose.strip(),
            chair=chair.strip(),
            secretary=secretary.strip(),
            exclude_absent_approved=exclude_absent_approved,
        )
        for member in all_members():
            if member.id is None or not member_status(member, held_on).is_current_member:
                continue
            voter = congress_voter(member, held_on, Attendance.PRESENT).voter
            MeetingAttendance.create(
                meeting=row.id,
                member=member.id,
                full_name=member.full_name,
                official=voter.official,
                situation=voter.situation.value,
                attendance=Attendance.PRESENT.value,
            )
        return get_meeting(row.id)


def set_attendance(meeting_id: int, member_id: int, attendance: Attendance | str, reason: str = "") -> MeetingInfo:
    """Mark one member present or absent (with an approved reason, or without). A vote already taken keeps the D
    it was taken with (models.meetings.votes)."""
    attendance = Attendance(attendance)
    with db.atomic():
        meeting = meeting_row(meeting_id)
        row = MeetingAttendance.get_or_none(
            (MeetingAttendance.meeting == meeting.id) & (MeetingAttendance.member == member_id)
        )
        if row is None:
            raise NotFoundError(f"Đảng viên mã {member_id} không có trong danh sách hội nghị.")
        if attendance == Attendance.ABSENT_APPROVED and not reason.strip():
            raise ValidationError(f"Hãy ghi lý do vắng mặt của đồng chí {row.full_name}.", "reason")
        MeetingAttendance.update(attendance=attendance.value, reason=reason.strip()).where(
            MeetingAttendance.id == row.id
        ).execute()
        _touch(meeting)
        return get_meeting(meeting.id)


def set_exclude_absent_approved(meeting_id: int, exclude: bool) -> MeetingInfo:
    with db.atomic():
        meeting = meeting_row(meeting_id)
        BranchMeeting.update(exclude_absent_approved=exclude).where(BranchMeeting.id == meeting.id).execute()
        _touch(meeting)
        return get_meeting(meeting.id)


def _touch(meeting: BranchMeeting) -> None:
    BranchMeeting.update(updated_at=clock.now(), updated_by=current_user(), version=BranchMeeting.version + 1).where(
        BranchMeeting.id == meeting.id
    ).execute()


def members_on(day: date) -> list[tuple[str, int]]:
    """The branch's members on `day` as (name, id), in A-B-C order: whom an appointment or a vote may name."""
    people = [m for m in all_members() if m.id is not None and member_status(m, day).is_current_member]
    return [(m.full_name, saved_id(m)) for m in sorted(people, key=lambda m: name_key(m.full_name, m.birth_date))]
