"""The electorate D, the pass test 2 × votes > D and the display percent (Quy chế 190, Điều 30)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

EXCLUSION_KEYS: tuple[str, ...] = ("temporary_elsewhere", "exempt_absent", "suspended", "absent_approved")

EXCLUSION_LABELS: dict[str, str] = {
    "temporary_elsewhere": "Sinh hoạt tạm thời ở tổ chức đảng khác",
    "exempt_absent": "Được miễn công tác và sinh hoạt đảng, không dự đại hội",
    "suspended": "Bị đình chỉ sinh hoạt đảng, bị khởi tố, truy tố, tạm giam",
    "absent_approved": "Vắng mặt suốt thời gian đại hội có lý do được chấp thuận",
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


class Attendance(StrEnum):
    PRESENT = "present"
    ABSENT_APPROVED = "absent_approved"  # vắng có lý do được chấp thuận
    ABSENT = "absent"  # vắng không có lý do được chấp thuận: stays in D


class Situation(StrEnum):
    NORMAL = "normal"
    TEMPORARY_ELSEWHERE = "temporary_elsewhere"  # sinh hoạt tạm thời nơi khác
    EXEMPT = "exempt"  # miễn công tác và sinh hoạt đảng
    SUSPENDED = "suspended"  # đình chỉ sinh hoạt, bị khởi tố, truy tố, tạm giam


# Which excluded group (EXCLUSION_KEYS) a situation puts an official member in; exempt only when absent.
SITUATION_LABELS: dict[Situation, str] = {
    Situation.NORMAL: "",
    Situation.TEMPORARY_ELSEWHERE: "Sinh hoạt tạm thời nơi khác",
    Situation.EXEMPT: "Miễn công tác và sinh hoạt đảng",
    Situation.SUSPENDED: "Đình chỉ sinh hoạt, bị khởi tố, truy tố, tạm giam",
}


@dataclass(frozen=True)
class Voter:
    """One summoned member as the congress check-in sees them; `id` is the member's id as text, the same id a
    candidate carries on the ballot and in the record file."""

    official: bool
    attendance: Attendance = Attendance.PRESENT
    situation: Situation = Situation.NORMAL
    id: str = ""

    @property
    def exclusion(self) -> str | None:
        """The group of D's exclusions (EXCLUSION_KEYS) this member falls in, or None when they count in D.

        First match: temporary activity elsewhere, suspended, exempted and absent, absent with an approved reason.
        """
        if not self.official:
            return None
        absent = self.attendance != Attendance.PRESENT
        if self.situation == Situation.TEMPORARY_ELSEWHERE:
            return "temporary_elsewhere"
        if self.situation == Situation.SUSPENDED:
            return "suspended"
        if self.situation == Situation.EXEMPT and absent:
            return "exempt_absent"
        if self.attendance == Attendance.ABSENT_APPROVED:
            return "absent_approved"
        return None

    @property
    def receives_ballot(self) -> bool:
        """An official member present, not in group (a), (c) or (d): an exempted member who attends votes;
        probationary members attend without a ballot."""
        return (
            self.official
            and self.attendance == Attendance.PRESENT
            and self.situation in (Situation.NORMAL, Situation.EXEMPT)
        )


def electorate_from_voters(voters: Iterable[Voter]) -> Electorate:
    """The electorate of a members' congress from its check-in list.

    Probationary members are ignored (they neither vote nor count in D). Each official member falls in at most
    one excluded group, first match in this order: temporary activity elsewhere, suspended, exempted and absent,
    absent with an approved reason. An exempted member who attends stays in D and may vote. `official_present`
    counts the official members present who may vote (not suspended, not on temporary activity elsewhere).
    """
    summoned = present = 0
    groups = dict.fromkeys(EXCLUSION_KEYS, 0)
    for voter in voters:
        if not voter.official:
            continue
        summoned += 1
        group = voter.exclusion
        if group is not None:
            groups[group] += 1
        present += voter.receives_ballot
    return Electorate(summoned, Exclusions(**groups), present)
