"""Recognising a probationary member as official (Charter Điều 5; docs/domain.md §6).

The branch votes once the twelve months are complete, within 30 working days (models.roster.member_rules): a vote
reaching two thirds of D for recognition proposes it; two thirds against means not recognised, and the branch then
votes on proposing to strike the name off (kind STRIKE_OFF_NOT_RECOGNISED); after three votes reaching two thirds
neither way the branch reports up. When the higher committee's decision arrives, the member is official from the
day the twelve months ended, however late the decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from models.admission.path import subject_votes
from models.core.dates import fmt
from models.core.errors import ConflictError, ValidationError
from models.core.tables import db
from models.meetings.meetings import get_meeting
from models.meetings.secret_ballot import open_secret_ballot
from models.meetings.thresholds import VoteForm, VoteKind, passes
from models.meetings.votes import VoteRecord, record_vote
from models.roster.event_kinds import EventKind
from models.roster.member_rules import member_probation_end, recognition_deadline
from models.roster.member_status import member_status
from models.roster.members import get_member, record_event
from models.roster.records import EventRecord

MAX_INCONCLUSIVE_VOTES = 3


class Outcome(StrEnum):
    PENDING = "pending"  # no vote yet, or votes reaching two thirds neither way (fewer than three)
    PROPOSED = "proposed"  # two thirds for: recognition proposed, waiting for the decision
    NOT_RECOGNISED = "not_recognised"  # two thirds against: propose striking off
    REPORT_UP = "report_up"  # three votes reaching two thirds neither way: the higher committee decides


OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.PENDING: "Chưa có kết quả",
    Outcome.PROPOSED: "Chi bộ đề nghị công nhận đảng viên chính thức",
    Outcome.NOT_RECOGNISED: "Không đủ hai phần ba tán thành công nhận: đề nghị xóa tên",
    Outcome.REPORT_UP: "Ba lần biểu quyết không đạt hai phần ba: báo cáo cấp ủy cấp trên xem xét, quyết định",
}


@dataclass(frozen=True)
class RecognitionState:
    outcome: Outcome
    votes: tuple[VoteRecord, ...]
    inconclusive: int

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self.outcome]


def outcome_of(votes: list[VoteRecord] | tuple[VoteRecord, ...]) -> RecognitionState:
    """The outcome of a member's recognition votes in order: the first reaching two thirds either way decides."""
    inconclusive = 0
    for vote in votes:
        if vote.awaiting_count:  # being counted in the «Bầu cử» tab: no figures yet
            continue
        if vote.passed:
            return RecognitionState(Outcome.PROPOSED, tuple(votes), inconclusive)
        if passes(VoteKind.RECOGNITION, vote.no, vote.d):
            return RecognitionState(Outcome.NOT_RECOGNISED, tuple(votes), inconclusive)
        inconclusive += 1
        if inconclusive >= MAX_INCONCLUSIVE_VOTES:
            return RecognitionState(Outcome.REPORT_UP, tuple(votes), inconclusive)
    return RecognitionState(Outcome.PENDING, tuple(votes), inconclusive)


def recognition_state(member_id: int) -> RecognitionState:
    return outcome_of(subject_votes(VoteKind.RECOGNITION, member_id=member_id))


def _state_at(member_id: int, name: str, outcome: Outcome, refusal: str) -> RecognitionState:
    """The member's recognition state, when it stands at `outcome`; else refused with where it stands and `refusal`."""
    state = recognition_state(member_id)
    if state.outcome is not outcome:
        raise ConflictError(f"{name}: {state.label.lower()}; {refusal}")
    return state


def propose_recognition(
    meeting_id: int,
    member_id: int,
    form: VoteForm,
    yes: int,
    no: int,
    invalid: int = 0,
    *,
    election_id: int | None = None,
    notes: str = "",
) -> VoteRecord:
    """Record the branch's vote on recognising a probationary member (passes when `3·yes ≥ 2·D`)."""
    with db.atomic():
        _recognisable(meeting_id, member_id)
        return record_vote(
            meeting_id,
            VoteKind.RECOGNITION,
            form,
            yes,
            no,
            invalid,
            member_id=member_id,
            election_id=election_id,
            notes=notes,
        )


def open_recognition_ballot(meeting_id: int, member_id: int, notes: str = "") -> VoteRecord:
    """The recognition vote by secret ballot counted ballot by ballot in the «Bầu cử» tab, refused as
    `propose_recognition` refuses; its figures come from the sealed count (models.meetings.secret_ballot)."""
    with db.atomic():
        _recognisable(meeting_id, member_id)
        return open_secret_ballot(meeting_id, VoteKind.RECOGNITION, member_id, notes=notes)


def _recognisable(meeting_id: int, member_id: int) -> None:
    """Refused unless the member is probationary on the meeting's day, past the twelve months, not decided yet,
    not voted on at this meeting, and no earlier count of theirs is still open."""
    member = get_member(member_id)
    meeting = get_meeting(meeting_id)
    status = member_status(member, meeting.held_on)
    if not (status.is_current_member and status.is_probationary):
        raise ValidationError(
            f"{member.full_name} không phải đảng viên dự bị của chi bộ tại ngày {fmt(meeting.held_on)}.", "member"
        )
    end = member_probation_end(member)
    if end is None or meeting.held_on < end:
        raise ValidationError(
            f"{member.full_name} hết 12 tháng dự bị ngày {fmt(end)}: chi bộ xét công nhận từ ngày đó.", "member"
        )
    state = _state_at(member_id, member.full_name, Outcome.PENDING, "không biểu quyết công nhận lại.")
    if any(v.meeting_id == meeting_id for v in state.votes):
        raise ConflictError(f"Hội nghị ngày {fmt(meeting.held_on)} đã biểu quyết về {member.full_name}.")
    if any(v.awaiting_count for v in state.votes):
        raise ConflictError(f"Phiếu kín về {member.full_name} đang được kiểm ở thẻ «Bầu cử»: chờ kết quả.")


def propose_strike_off(
    meeting_id: int, member_id: int, form: VoteForm, yes: int, no: int, invalid: int = 0, *, notes: str = ""
) -> VoteRecord:
    """After a "not recognised" outcome, the branch's vote proposing to strike the name off (two thirds of D)."""
    with db.atomic():
        member = get_member(member_id)
        _state_at(
            member_id,
            member.full_name,
            Outcome.NOT_RECOGNISED,
            "chỉ đề nghị xóa tên khi chi bộ không công nhận chính thức.",
        )
        return record_vote(
            meeting_id, VoteKind.STRIKE_OFF_NOT_RECOGNISED, form, yes, no, invalid, member_id=member_id, notes=notes
        )


def record_recognition(member_id: int, decision_number: str, decided_on: date) -> list[str]:
    """The higher committee's decision recognising the member: the recognition event dated the day the twelve
    months ended (the official date follows it); returns the history's warnings."""
    decision_number = decision_number.strip()
    with db.atomic():
        member = get_member(member_id)
        state = _state_at(
            member_id, member.full_name, Outcome.PROPOSED, "chỉ ghi quyết định công nhận khi chi bộ đã đề nghị."
        )
        if not decision_number:
            raise ValidationError("Hãy ghi số quyết định công nhận đảng viên chính thức.", "decision_number")
        proposed = next(v for v in state.votes if v.passed)
        if decided_on < proposed.held_on:
            raise ValidationError(
                f"Ngày quyết định {fmt(decided_on)} trước ngày chi bộ đề nghị {fmt(proposed.held_on)}.", "decision_date"
            )
        end = member_probation_end(member)
        assert end is not None  # a proposal needs it
        reference = f"Quyết định số {decision_number} ngày {fmt(decided_on)}"
        return record_event(member_id, EventRecord(EventKind.RECOGNISED, end, decision_ref=reference))


def recognition_due(member_id: int) -> tuple[date, date] | None:
    """(the probation's end, the last day of the 30 working days after it) for a probationary member."""
    end = member_probation_end(get_member(member_id))
    return (end, recognition_deadline(end)) if end else None
