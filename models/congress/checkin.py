"""Check-in on the day and the live attendance panel: summoned, present, the excluded groups, D, the threshold and
the ballots to issue (Quy chế 190, Điều 30; docs/domain.md §2, §3)."""

from __future__ import annotations

from dataclasses import dataclass

from models.congress.congress_rows import congress_row
from models.congress.summons import ATTENDANCE_LABELS, SummonedPerson, person, summoned_list
from models.congress.tables import ElectionRound, Summoned, rounds_of
from models.core import clock
from models.core.errors import ValidationError
from models.core.tables import db
from models.core.vnname import nfc
from models.counting import EXCLUSION_LABELS, Attendance, Electorate, ExclusionGroup, electorate_from_voters
from models.counting.structure import Quorum, check_quorum


@dataclass(frozen=True)
class AttendancePanel:
    summoned: int  # everyone on the list
    official_summoned: int
    probationary: int
    present: int  # everyone present, probationary members included
    absent_approved: int
    absent: int  # absent without an approved reason
    not_checked: int
    electorate: Electorate
    blocking: tuple[str, ...]  # the congress's business and its rounds cannot go on (quorum, too few to elect)
    quorum: Quorum  # two thirds of those summoned present (Charter Điều 11 k6), as the papers state it

    @property
    def D(self) -> int:  # noqa: N802
        return self.electorate.D

    @property
    def threshold(self) -> int:
        return self.electorate.threshold

    @property
    def ballots(self) -> int:
        """Official members present who may vote: the ballots to issue."""
        return self.electorate.official_present

    def excluded(self) -> list[tuple[ExclusionGroup, str, int]]:
        counts = self.electorate.excluded.as_dict()
        return [(group, EXCLUSION_LABELS[group], counts[group.value]) for group in ExclusionGroup]


def panel_of(people: list[SummonedPerson], with_probationary: bool = False) -> AttendancePanel:
    """The panel of a summoned list; `with_probationary`: the congress's quorum counts probationary members too."""
    electorate = electorate_from_voters(p.voter for p in people)
    counted = [p for p in people if with_probationary or p.official]
    quorum = Quorum(len(counted), sum(1 for p in counted if p.attendance == Attendance.PRESENT), with_probationary)
    blocking = check_quorum(electorate, quorum)

    def count(attendance: Attendance | None) -> int:
        return sum(1 for p in people if p.attendance == attendance)

    official = sum(1 for p in people if p.official)
    return AttendancePanel(
        len(people),
        official,
        len(people) - official,
        count(Attendance.PRESENT),
        count(Attendance.ABSENT_APPROVED),
        count(Attendance.ABSENT),
        count(None),
        electorate,
        tuple(blocking),
        quorum,
    )


def attendance_panel(congress_id: int) -> AttendancePanel:
    return panel_of(summoned_list(congress_id), congress_row(congress_id, writable=False).quorum_with_probationary)


@dataclass(frozen=True)
class CheckIn:
    person: SummonedPerson
    notes: tuple[str, ...] = ()  # what was recorded in rounds already under way


def check_in(summoned_id: int, attendance: Attendance | None, reason: str = "") -> CheckIn:
    """Record a member as present, absent with an approved reason, absent without one, or not checked in (None).

    A change after the ballots of a round were issued does not change that round's D nor its ballots: the round's
    notes record the late change instead, with its time.
    """

    reason = nfc(reason).strip()
    if attendance != Attendance.ABSENT_APPROVED and reason:
        reason = ""  # a reason belongs to an approved absence only
    with db.atomic():
        row = Summoned.get_or_none(Summoned.id == summoned_id)
        if row is None:
            raise ValidationError(f"Không có người mã {summoned_id} trong danh sách triệu tập.", "summoned")
        congress = congress_row(row.congress_id)
        before = row.attendance
        now = clock.now()
        Summoned.update(
            attendance=attendance.value if attendance else None,
            absence_reason=reason,
            checked_at=now if attendance else None,
        ).where(Summoned.id == row.id).execute()
        notes: list[str] = []
        if (attendance.value if attendance else None) != before:
            rounds = rounds_of(congress.id).where(ElectionRound.status == "counting")
            label = ATTENDANCE_LABELS[attendance]
            for counting in rounds:
                note = (
                    f"{now:%H:%M} đồng chí {row.full_name} điểm danh «{label}» sau khi đã phát phiếu: "
                    "không thay đổi D và số phiếu phát ra của lần bầu này."
                )
                text = f"{counting.notes}\n{note}" if counting.notes else note
                ElectionRound.update(notes=text).where(ElectionRound.id == counting.id).execute()
                notes.append(note)
        return CheckIn(person(Summoned.get_by_id(row.id)), tuple(notes))
