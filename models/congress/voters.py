"""The one voter model: a member's derived status on the congress date plus their check-in, as the engine sees them.

The roster derives a status from the events (models.roster.member_status); the engine counts Voter and Candidate
(models.counting). This is the only place one becomes the other, so the roster and the count can never disagree
about who is in D or who receives a ballot (DOMAIN.md §3, Quy chế 190 Điều 30).
"""

from __future__ import annotations

from datetime import date

from models.counting.election import Candidate
from models.counting.electorate import Attendance, Situation, Voter
from models.roster.member_status import MemberStatus, member_status
from models.roster.records import MemberRecord


def member_id_text(member_id: int) -> str:
    """The one id of a person across the congress, the ballots and the record file: the member's id as text."""
    return str(member_id)


def situation_of(status: MemberStatus) -> Situation:
    """The situation that decides D: temporary activity elsewhere first, then suspended, then exempted."""
    if status.is_temporary_elsewhere:
        return Situation.TEMPORARY_ELSEWHERE
    if status.is_suspended:
        return Situation.SUSPENDED
    if status.is_exempted:
        return Situation.EXEMPT
    return Situation.NORMAL


def is_summoned(status: MemberStatus) -> bool:
    """On the branch roster on the congress date: official members are summoned, probationary members attend."""
    return status.is_current_member and (status.is_official or status.is_probationary)


def voter_of(member: MemberRecord, on: date, attendance: Attendance = Attendance.PRESENT) -> Voter:
    """The engine's voter for a member on the congress date, with their check-in state."""
    if member.id is None:
        raise ValueError("a voter needs a saved member")
    status = member_status(member, on)
    return Voter(
        official=status.is_current_member and status.is_official,
        attendance=attendance,
        situation=situation_of(status),
        id=member_id_text(member.id),
    )


def candidate_of(member: MemberRecord) -> Candidate:
    """The engine's candidate for a member: the same id as their voter, the name and birth date for A-B-C order."""
    if member.id is None:
        raise ValueError("a candidate needs a saved member")
    return Candidate(member_id_text(member.id), member.full_name, member.birth_date)


def may_stand(member: MemberRecord, on: date) -> bool:
    """Candidates must be official members on the roster who are not suspended (Quy chế 190; DOMAIN.md §2)."""
    status = member_status(member, on)
    return status.is_current_member and status.is_official and not status.is_suspended
