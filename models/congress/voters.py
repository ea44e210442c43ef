"""The one bridge from a roster member to the counting engine: status on a date plus check-in -> voter, candidate.

Who counts in D, who gets a ballot and who may stand are the engine's rules (`models.counting.Voter`); this module
only says which situation a member's derived status puts them in. The engine's ids are strings (the election
record's candidate ids), made from the member's database id by `member_key`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.core.dates import fmt
from models.core.errors import ValidationError
from models.counting import Attendance, Candidate, Situation, Voter
from models.roster.member_status import MemberStatus, member_status
from models.roster.records import MemberRecord


@dataclass(frozen=True)
class CongressVoter:
    """A member on the congress list: their status on the day, the engine's voter and, if they may stand, candidate."""

    status: MemberStatus
    voter: Voter
    candidate: Candidate | None


def member_key(member_id: int) -> str:
    """The id of a member in the engine and the election record (voter and candidate alike)."""
    return str(member_id)


NON_MEMBER_PREFIX = "s"


def non_member_key(summoned_id: int) -> str:
    """The engine's id of a name on a list that is not a member (an applicant on a branch meeting's admission
    ballot): its list row's id, marked so that it never equals a member's key."""
    return f"{NON_MEMBER_PREFIX}{summoned_id}"


def _situation(status: MemberStatus) -> Situation:
    """The one situation that keeps a member from the vote. A member in several is put in the first of: suspended
    (who may not stand either), temporary activity elsewhere (no ballot even when present), exempted."""
    if status.is_suspended:
        return Situation.SUSPENDED
    if status.is_temporary_elsewhere:
        return Situation.TEMPORARY_ELSEWHERE
    if status.is_exempted:
        return Situation.EXEMPTED
    return Situation.NORMAL


def congress_voter(member: MemberRecord, on: date, attendance: Attendance) -> CongressVoter:
    """The member as the congress of `on` counts them, given their check-in.

    Raises ValidationError for a member not on the branch roster that day (not yet arrived, or left): they are not
    summoned.
    """
    if member.id is None:
        raise ValidationError(f"Đảng viên {member.full_name} chưa được lưu vào danh sách chi bộ.", "member")
    status = member_status(member, on)
    if not status.is_current_member:
        raise ValidationError(
            f"Đảng viên {member.full_name} không sinh hoạt tại chi bộ ngày {fmt(on)} ({status.label}); "
            "không có tên trong danh sách triệu tập đại hội.",
            "member",
        )
    key = member_key(member.id)
    voter = Voter(key, status.is_official, attendance, _situation(status))
    candidate = Candidate(key, member.full_name, member.birth_date) if voter.may_stand else None
    return CongressVoter(status, voter, candidate)
