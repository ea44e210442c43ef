"""The electorate D, the pass test 2 × votes > D and the display percent (Quy chế 190, Điều 30)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


class ExclusionGroup(StrEnum):
    """The four groups of official members taken out of D (Quy chế 190, Điều 30); values are the record's keys."""

    TEMPORARY_ELSEWHERE = "temporary_elsewhere"  # (a) sinh hoạt tạm thời ở tổ chức đảng khác
    EXEMPT_ABSENT = "exempt_absent"  # (b) miễn công tác và sinh hoạt đảng, vắng mặt
    SUSPENDED = "suspended"  # (c) đình chỉ sinh hoạt, bị khởi tố, truy tố, tạm giam
    ABSENT_APPROVED = "absent_approved"  # (d) vắng mặt suốt đại hội có lý do được chấp thuận


EXCLUSION_KEYS: tuple[str, ...] = tuple(group.value for group in ExclusionGroup)

EXCLUSION_LABELS: dict[ExclusionGroup, str] = {
    ExclusionGroup.TEMPORARY_ELSEWHERE: "Sinh hoạt tạm thời ở tổ chức đảng khác",
    ExclusionGroup.EXEMPT_ABSENT: "Được miễn công tác và sinh hoạt đảng, không dự đại hội",
    ExclusionGroup.SUSPENDED: "Bị đình chỉ sinh hoạt đảng, bị khởi tố, truy tố, tạm giam",
    ExclusionGroup.ABSENT_APPROVED: "Vắng mặt suốt thời gian đại hội có lý do được chấp thuận",
}

_CENT = Decimal("0.01")


@dataclass(frozen=True)
class Exclusions:
    """Official members removed from D, by group (a member counted in one group only)."""

    temporary_elsewhere: int = 0
    exempt_absent: int = 0
    suspended: int = 0
    absent_approved: int = 0

    @property
    def total(self) -> int:
        return self.temporary_elsewhere + self.exempt_absent + self.suspended + self.absent_approved

    def as_dict(self) -> dict[str, int]:
        return {key: getattr(self, key) for key in EXCLUSION_KEYS}


@dataclass(frozen=True)
class Electorate:
    """Official members summoned, the four excluded groups, and official members present who may vote."""

    official_summoned: int
    excluded: Exclusions
    official_present: int

    @property
    def D(self) -> int:  # noqa: N802 - the regulation's own name for the denominator
        # D: official members summoned minus the four excluded groups (Quy chế 190, Điều 30)
        return self.official_summoned - self.excluded.total

    @property
    def threshold(self) -> int:
        return threshold(self.D)


def threshold(D: int) -> int:  # noqa: N803
    """The smallest vote count that passes: ⌊D/2⌋ + 1."""
    return D // 2 + 1


def passes(votes: int, D: int) -> bool:  # noqa: N803
    """More than half of D, as an integer test: exactly half never passes."""
    return 2 * votes > D


def percent(votes: int, D: int) -> Decimal:  # noqa: N803
    """votes / D × 100, two decimals, half up; for display only, never for the decision. 0.00 when D ≤ 0."""
    if D <= 0:
        return Decimal("0.00")
    return (Decimal(votes) * 100 / Decimal(D)).quantize(_CENT, rounding=ROUND_HALF_UP)


def percent_label(value: Decimal) -> str:
    """A percent of D as the minutes and screens print it: "93,33%" (two decimals, comma)."""
    return f"{value:.2f}".replace(".", ",") + "%"


class Attendance(StrEnum):
    """A member's check-in at the congress."""

    PRESENT = "present"
    ABSENT_APPROVED = "absent_approved"  # vắng có lý do được chấp thuận
    ABSENT = "absent"  # vắng không có lý do được chấp thuận: stays in D


class Situation(StrEnum):
    """What keeps an official member from the vote; the values are the roster's status codes."""

    NORMAL = "normal"
    TEMPORARY_ELSEWHERE = "temporary_elsewhere"  # sinh hoạt tạm thời nơi khác
    EXEMPTED = "exempted"  # miễn công tác và sinh hoạt đảng
    SUSPENDED = "suspended"  # đình chỉ sinh hoạt, bị khởi tố, truy tố, tạm giam


@dataclass(frozen=True)
class Voter:
    """One member on the congress list as the check-in sees them; `id` is the same as their `Candidate.id`."""

    id: str
    official: bool
    attendance: Attendance = Attendance.PRESENT
    situation: Situation = Situation.NORMAL

    @property
    def exclusion(self) -> ExclusionGroup | None:
        """The group that takes this official member out of D, or None (also None for a probationary member).

        A member falls in one group only: their situation's group first, so an exempted member absent with an
        approved reason is in (b), not (d).
        """
        if not self.official:
            return None
        if self.situation == Situation.TEMPORARY_ELSEWHERE:
            return ExclusionGroup.TEMPORARY_ELSEWHERE
        if self.situation == Situation.SUSPENDED:
            return ExclusionGroup.SUSPENDED
        if self.situation == Situation.EXEMPTED and self.attendance != Attendance.PRESENT:
            return ExclusionGroup.EXEMPT_ABSENT
        if self.attendance == Attendance.ABSENT_APPROVED:
            return ExclusionGroup.ABSENT_APPROVED
        return None

    @property
    def in_d(self) -> bool:
        """Counts in D: an official member in no excluded group (an official absent without a reason stays)."""
        return self.official and self.exclusion is None

    @property
    def receives_ballot(self) -> bool:
        """An official member present and in D gets a ballot (an exempted member who attends included)."""
        return self.in_d and self.attendance == Attendance.PRESENT

    @property
    def may_stand(self) -> bool:
        """Candidates must be official members; a suspended one has lost the right to stand."""
        return self.official and self.situation != Situation.SUSPENDED


def electorate_from_voters(voters: Iterable[Voter]) -> Electorate:
    """The electorate of a members' congress from its check-in list.

    Probationary members are ignored (they neither vote nor count in D); each official member is summoned and put
    in at most one excluded group (`Voter.exclusion`). `official_present` counts the ballots to issue: the official
    members present who may vote (`Voter.receives_ballot`).
    """
    summoned = present = 0
    groups = dict.fromkeys(EXCLUSION_KEYS, 0)
    for voter in voters:
        if not voter.official:
            continue
        summoned += 1
        if voter.exclusion is not None:
            groups[voter.exclusion] += 1
        if voter.receives_ballot:
            present += 1
    return Electorate(summoned, Exclusions(**groups), present)
