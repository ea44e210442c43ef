"""The summoned list of a congress: a snapshot of the roster as of the opening day, kept with the congress.

Every member on the roster that day is listed: official members (who make up D), probationary members (who attend
without a ballot), and members on temporary activity elsewhere, exempted or suspended with that situation, since it
decides D (models.congress.voters). A later roster edit does not rewrite the list; while the congress is being
prepared the list can be taken again, and a member added to the roster since can be summoned with one action.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from models.congress.congress_rows import Status, congress_row
from models.congress.tables import ElectionRound, HandVote, RoundCandidate, Summoned, WorkingBodySeat, rounds_of
from models.congress.voters import congress_voter, member_key, non_member_key
from models.core import clock
from models.core.dates import fmt
from models.core.errors import ConflictError, ValidationError
from models.core.row_deletes import delete_rows
from models.core.tables import db
from models.core.vnname import name_key
from models.counting import Attendance, Situation, Voter
from models.roster.member_status import member_status
from models.roster.members import all_members, get_member
from models.roster.records import MemberRecord

BIO_KEYS = (
    "gender",
    "hometown",
    "ethnicity",
    "religion",
    "education",
    "qualification",
    "theory",
    "job_title",
    "workplace",
    "admission_date",
    "official_date",
    "card_number",
)
_BIO_DATES = ("admission_date", "official_date")

SITUATION_LABELS: dict[Situation, str] = {
    Situation.NORMAL: "",
    Situation.TEMPORARY_ELSEWHERE: "Sinh hoạt tạm thời nơi khác",
    Situation.EXEMPTED: "Miễn công tác và sinh hoạt đảng",
    Situation.SUSPENDED: "Đình chỉ sinh hoạt đảng",
}
ATTENDANCE_LABELS: dict[Attendance | None, str] = {
    None: "Chưa điểm danh",
    Attendance.PRESENT: "Có mặt",
    Attendance.ABSENT_APPROVED: "Vắng có lý do",
    Attendance.ABSENT: "Vắng không lý do",
}


@dataclass(frozen=True)
class SummonedPerson:
    """One member on a congress's list, as snapshotted, with their check-in."""

    id: int
    member_id: int | None  # None: an applicant named on a branch meeting's admission ballot
    full_name: str
    birth_date: date | None
    official: bool
    situation: Situation
    status_label: str
    attendance: Attendance | None = None  # None: not checked in yet
    absence_reason: str = ""
    checked_at: datetime | None = None
    bio: dict = field(default_factory=dict, compare=False)

    @property
    def key(self) -> str:
        """The engine's id of this member, as voter and candidate (the election record's ids)."""
        return member_key(self.member_id) if self.member_id is not None else non_member_key(self.id)

    @property
    def voter(self) -> Voter:
        """Not checked in yet counts as absent without a reason: in D, no ballot."""
        return Voter(self.key, self.official, self.attendance or Attendance.ABSENT, self.situation)

    @property
    def kind_label(self) -> str:
        return "Chính thức" if self.official else "Dự bị"

    @property
    def situation_label(self) -> str:
        return SITUATION_LABELS[self.situation]

    @property
    def attendance_label(self) -> str:
        return ATTENDANCE_LABELS[self.attendance]

    @property
    def may_stand(self) -> bool:
        return self.voter.may_stand


@dataclass(frozen=True)
class SummonsChange:
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


def person(row) -> SummonedPerson:
    bio = json.loads(row.bio or "{}")
    for key in _BIO_DATES:
        if bio.get(key):
            bio[key] = date.fromisoformat(bio[key])
    attendance = Attendance(row.attendance) if row.attendance else None
    return SummonedPerson(
        row.id,
        row.member_id,
        row.full_name,
        row.birth_date,
        row.official,
        Situation(row.situation),
        row.status_label,
        attendance,
        row.absence_reason,
        row.checked_at,
        bio,
    )


def _snapshot(member: MemberRecord, on: date) -> dict:
    voter = congress_voter(member, on, Attendance.ABSENT)
    bio = {key: getattr(member, key) for key in BIO_KEYS}
    for key in _BIO_DATES:
        bio[key] = bio[key].isoformat() if bio[key] else None
    return dict(
        full_name=member.full_name,
        birth_date=member.birth_date,
        official=voter.voter.official,
        situation=voter.voter.situation.value,
        status_label=voter.status.label,
        bio=json.dumps(bio, ensure_ascii=False),
    )


def _on_roster(on: date) -> dict[int, MemberRecord]:

    return {m.id: m for m in all_members() if m.id is not None and member_status(m, on).is_current_member}


def _references(summoned_id: int) -> bool:
    return any(
        model.select().where(column == summoned_id).exists()
        for model, column in (
            (WorkingBodySeat, WorkingBodySeat.summoned),
            (RoundCandidate, RoundCandidate.summoned),
            (HandVote, HandVote.nominee),
        )
    )


def take_summons(congress_id: int) -> SummonsChange:
    """(Re)take the list from the roster as of the opening day; only while the congress is being prepared. A member
    checked in keeps their check-in; a member no longer on the roster is taken off, unless they already hold a place
    in a working body, a list or a vote (then nothing changes and the error names them)."""

    with db.atomic():
        congress = congress_row(congress_id)
        if congress.status != Status.PREPARING:
            raise ConflictError("Đại hội đã khai mạc: danh sách triệu tập được giữ nguyên như lúc khai mạc.")
        roster = _on_roster(congress.opens_on)
        existing = {row.member_id: row for row in Summoned.select().where(Summoned.congress == congress.id)}
        gone = [row for member_id, row in existing.items() if member_id not in roster]
        held = [row.full_name for row in gone if _references(row.id)]
        if held:
            raise ConflictError(
                f"Không còn sinh hoạt tại chi bộ ngày {fmt(congress.opens_on)} nhưng đã có tên trong đoàn chủ tịch, "
                f"ban kiểm phiếu, danh sách bầu cử hoặc biểu quyết: {', '.join(held)}. Hãy bỏ tên trước."
            )
        added, updated = [], []
        for member_id, member in roster.items():
            values = _snapshot(member, congress.opens_on)
            row = existing.get(member_id)
            if row is None:
                Summoned.create(congress=congress.id, member=member_id, **values)
                added.append(member.full_name)
            elif any(getattr(row, key) != value for key, value in values.items()):
                Summoned.update(**values).where(Summoned.id == row.id).execute()
                updated.append(member.full_name)
        if gone:
            delete_rows(Summoned, Summoned.id.in_([row.id for row in gone]))
        return SummonsChange(tuple(added), tuple(updated), tuple(row.full_name for row in gone))


def summoned_list(congress_id: int) -> list[SummonedPerson]:
    """The list in A-B-C order (given name, family name, middle name, then earlier birth date)."""

    congress = congress_row(congress_id, writable=False)
    people = [person(row) for row in Summoned.select().where(Summoned.congress == congress.id)]
    return sorted(people, key=lambda p: name_key(p.full_name, p.birth_date))


def summoned_person(summoned_id: int) -> SummonedPerson:

    row = Summoned.get_or_none(Summoned.id == summoned_id)
    if row is None:
        raise ValidationError(f"Không có người mã {summoned_id} trong danh sách triệu tập.", "summoned")
    congress_row(row.congress_id, writable=False)  # of the current branch
    return person(row)


def not_yet_summoned(congress_id: int) -> list[MemberRecord]:
    """Members on the roster on the opening day who are not on the list (added to the roster since)."""

    congress = congress_row(congress_id, writable=False)
    listed = {row.member_id for row in Summoned.select(Summoned.member).where(Summoned.congress == congress.id)}
    missing = [m for member_id, m in _on_roster(congress.opens_on).items() if member_id not in listed]
    return sorted(missing, key=lambda m: name_key(m.full_name, m.birth_date))


def summon_member(congress_id: int, member_id: int) -> SummonedPerson:
    """Add one member of the roster to the list: before any round has started (a started round's D is fixed)."""

    with db.atomic():
        congress = congress_row(congress_id)
        if rounds_of(congress.id).where(ElectionRound.status != "setup").exists():
            raise ConflictError("Đã bắt đầu bầu cử: không bổ sung người vào danh sách triệu tập được nữa.")
        member = get_member(member_id)
        if Summoned.select().where((Summoned.congress == congress.id) & (Summoned.member == member_id)).exists():
            raise ConflictError(f"Đảng viên {member.full_name} đã có trong danh sách triệu tập.")
        row = Summoned.create(
            congress=congress.id, member=member_id, added_at=clock.now(), **_snapshot(member, congress.opens_on)
        )
        return person(row)
