"""The applicant's path after the file is complete: the branch's vote proposing admission, the competent
committee's decision, and the ceremony that makes the applicant a probationary member of the roster.

The vote is a branch meeting's vote (models.meetings: D from the meeting's list, `3·yes ≥ 2·D`, show of party
cards or secret ballot), one applicant at a time, only when nothing is lacking at the meeting's date. The ceremony
is due within 30 working days of receiving the decision (models.core.holidays), later only with the higher
committee's consent; it adds the member (admission decision's date for seniority, the ceremony's date as the
start of probation), the admission event, and the helper, and links the applicant's row, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from models.admission.applicants import get_applicant, update_path
from models.admission.records import ApplicantRecord
from models.admission.rules import applicant_lacks
from models.admission.tables import Applicant
from models.core import clock
from models.core.branch import of_current_branch
from models.core.dates import fmt
from models.core.errors import ConflictError, ValidationError
from models.core.holidays import add_working_days
from models.core.tables import db
from models.meetings.meetings import get_meeting
from models.meetings.secret_ballot import open_secret_ballot
from models.meetings.tables import BranchMeeting, MeetingVote
from models.meetings.thresholds import VoteForm, VoteKind
from models.meetings.votes import VoteRecord, get_vote, record_vote
from models.roster.event_kinds import EventKind
from models.roster.member_status import member_status
from models.roster.members import all_members, get_member, record_event, save_member
from models.roster.records import EventRecord, MemberRecord

CEREMONY_WORKING_DAYS = 30
DECISION_WORKING_DAYS = 60  # the competent committee decides within 60 working days of the branch's resolution


class Stage(StrEnum):
    PREPARING = "preparing"  # completing the file; the branch has not proposed admission
    PROPOSED = "proposed"  # the branch proposed admission; waiting for the decision
    DECIDED = "decided"  # the decision arrived; the ceremony is due
    ADMITTED = "admitted"  # the ceremony made a probationary member
    WITHDRAWN = "withdrawn"


STAGE_LABELS: dict[Stage, str] = {
    Stage.PREPARING: "Đang hoàn thiện hồ sơ",
    Stage.PROPOSED: "Chi bộ đã đề nghị kết nạp, chờ quyết định",
    Stage.DECIDED: "Đã có quyết định kết nạp, chờ lễ kết nạp",
    Stage.ADMITTED: "Đã kết nạp (đảng viên dự bị)",
    Stage.WITHDRAWN: "Thôi theo dõi",
}


def subject_votes(kind: VoteKind, *, applicant_id: int | None = None, member_id: int | None = None) -> list[VoteRecord]:
    """The branch's votes of `kind` on one applicant or member, oldest first."""
    query = (
        MeetingVote.select(MeetingVote.id)
        .join(BranchMeeting)
        .where(of_current_branch(BranchMeeting) & (MeetingVote.kind == kind.value))
    )
    if applicant_id is not None:
        query = query.where(MeetingVote.applicant_id == applicant_id)
    else:
        query = query.where(MeetingVote.member == member_id)
    votes = [get_vote(row.id) for row in query]
    return sorted(votes, key=lambda v: (v.held_on, v.id))


def vote_being_counted(kind: VoteKind, *, applicant_id: int | None = None, member_id: int | None = None) -> int:
    """The id of the applicant's or member's vote of `kind` whose ballots are being counted in the «Bầu cử» tab;
    ConflictError when there is none."""
    votes = subject_votes(kind, applicant_id=applicant_id, member_id=member_id)
    found = next((v for v in votes if v.awaiting_count), None)
    if found is None:
        raise ConflictError("Không có biểu quyết bằng phiếu kín nào đang chờ kết quả kiểm phiếu ở thẻ «Bầu cử».")
    return found.id


def admission_vote(applicant_id: int) -> VoteRecord | None:
    """The vote that proposed the applicant's admission, if one passed."""
    return next((v for v in subject_votes(VoteKind.ADMISSION, applicant_id=applicant_id) if v.passed), None)


def stage_of(applicant: ApplicantRecord, proposed: bool) -> Stage:
    if applicant.member_id is not None:
        return Stage.ADMITTED
    if applicant.withdrawn_on is not None:
        return Stage.WITHDRAWN
    if applicant.decision_date is not None:
        return Stage.DECIDED
    return Stage.PROPOSED if proposed else Stage.PREPARING


def applicant_stage(applicant: ApplicantRecord) -> Stage:
    return stage_of(applicant, applicant.id is not None and admission_vote(applicant.id) is not None)


def decision_due(proposed_on: date) -> date:
    """The day the competent committee should have decided by: 60 working days after the branch's resolution (30
    more when it extends the time)."""
    return add_working_days(proposed_on, DECISION_WORKING_DAYS)


def ceremony_deadline(received_on: date) -> date:
    """The last day for the ceremony: the 30th working day after the decision was received."""
    return add_working_days(received_on, CEREMONY_WORKING_DAYS)


@dataclass(frozen=True)
class Readiness:
    """What the applicant lacks for a meeting on `on` (empty: ready), as one list of Vietnamese lines."""

    on: date
    lines: tuple[str, ...]

    @property
    def ready(self) -> bool:
        return not self.lines


def readiness(applicant: ApplicantRecord, on: date) -> Readiness:
    members = {m.id: m for m in all_members() if m.id is not None}
    return Readiness(on, tuple(lack.message for lack in applicant_lacks(applicant, on, members)))


def _applicant_at(applicant_id: int, stage: Stage, refusal: str) -> ApplicantRecord:
    """The applicant, when the path stands at `stage`; else refused with where it stands and `refusal`."""
    applicant = get_applicant(applicant_id)
    found = applicant_stage(applicant)
    if found is not stage:
        raise ConflictError(f"{applicant.full_name}: {STAGE_LABELS[found].lower()}; {refusal}")
    return applicant


def propose_admission(
    meeting_id: int,
    applicant_id: int,
    form: VoteForm,
    yes: int,
    no: int,
    invalid: int = 0,
    *,
    election_id: int | None = None,
    notes: str = "",
) -> VoteRecord:
    """Record the branch's vote on proposing one applicant's admission at a meeting (passes when `3·yes ≥ 2·D`).

    Refused while the file lacks anything at the meeting's date, once the branch has proposed the applicant, and
    for a second vote on the same applicant at the same meeting. A vote that fails is kept; the applicant stays on
    the register and may be proposed again at a later meeting."""
    with db.atomic():
        applicant = _proposable(meeting_id, applicant_id)
        return record_vote(
            meeting_id,
            VoteKind.ADMISSION,
            form,
            yes,
            no,
            invalid,
            applicant_id=applicant_id,
            subject_name=applicant.full_name,
            election_id=election_id,
            notes=notes,
        )


def open_admission_ballot(meeting_id: int, applicant_id: int, notes: str = "") -> VoteRecord:
    """The proposal of one applicant's admission by secret ballot counted ballot by ballot in the «Bầu cử» tab: the
    applicant's name on an agree-form ballot, D from the meeting (models.meetings.secret_ballot). Refused as
    `propose_admission` refuses; the figures come from the sealed count (`take_count`), and a vote that reached
    `3·yes ≥ 2·D` moves the applicant on as typed figures do."""
    with db.atomic():
        applicant = _proposable(meeting_id, applicant_id)
        return open_secret_ballot(
            meeting_id, VoteKind.ADMISSION, applicant_id=applicant_id, subject_name=applicant.full_name, notes=notes
        )


def _proposable(meeting_id: int, applicant_id: int) -> ApplicantRecord:
    """The applicant, when the branch may vote on proposing their admission at the meeting; else the refusal."""
    applicant = _applicant_at(applicant_id, Stage.PREPARING, "không biểu quyết lại.")
    meeting = get_meeting(meeting_id)
    found = readiness(applicant, meeting.held_on)
    if not found.ready:
        lines = "\n".join(f"- {line}" for line in found.lines)
        raise ValidationError(
            f"Hồ sơ của {applicant.full_name} chưa đủ để chi bộ xét đề nghị kết nạp tại hội nghị ngày "
            f"{fmt(meeting.held_on)}:\n{lines}",
            "applicant",
        )
    earlier = subject_votes(VoteKind.ADMISSION, applicant_id=applicant_id)
    if any(v.meeting_id == meeting_id for v in earlier):
        raise ConflictError(
            f"Hội nghị ngày {fmt(meeting.held_on)} đã biểu quyết về {applicant.full_name}; mỗi quần chúng "
            "một lần biểu quyết tại một hội nghị."
        )
    counting = next((v for v in earlier if v.awaiting_count), None)
    if counting is not None:
        raise ConflictError(
            f"Phiếu kín về {applicant.full_name} của hội nghị ngày {fmt(counting.held_on)} đang được kiểm ở thẻ "
            "«Bầu cử»: chờ kết quả trước khi biểu quyết lại."
        )
    return applicant


def record_decision(applicant_id: int, number: str, decided_on: date, received_on: date) -> ApplicantRecord:
    """The competent committee's admission decision: its number, date, and the day the branch received it."""
    number = number.strip()
    with db.atomic():
        applicant = _applicant_at(
            applicant_id, Stage.PROPOSED, "chỉ ghi quyết định kết nạp sau khi chi bộ đã biểu quyết đề nghị kết nạp."
        )
        vote = admission_vote(applicant_id)
        assert vote is not None  # the stage says proposed
        if not number:
            raise ValidationError("Hãy ghi số quyết định kết nạp (ví dụ 125-QĐ/ĐU).", "decision_number")
        if decided_on < vote.held_on:
            raise ValidationError(
                f"Ngày quyết định {fmt(decided_on)} trước ngày chi bộ biểu quyết đề nghị {fmt(vote.held_on)}.",
                "decision_date",
            )
        if received_on < decided_on:
            raise ValidationError(
                f"Ngày nhận quyết định {fmt(received_on)} trước ngày ký quyết định {fmt(decided_on)}.",
                "decision_received_on",
            )
        if received_on > clock.today():
            raise ValidationError(f"Ngày nhận quyết định {fmt(received_on)} ở sau hôm nay.", "decision_received_on")
        return update_path(
            applicant_id,
            applicant.version,
            decision_number=number,
            decision_date=decided_on,
            decision_received_on=received_on,
        )


@dataclass(frozen=True)
class Admitted:
    applicant: ApplicantRecord
    member: MemberRecord
    warnings: tuple[str, ...] = ()


def hold_ceremony(applicant_id: int, ceremony_on: date, helper_id: int, late_consent: str = "") -> Admitted:
    """The admission ceremony: the applicant becomes a probationary member in one transaction.

    The member's admission date is the decision's date (seniority), the ceremony date starts the 12 months of
    probation; the history gets the admission event with the decision; the helper (an official member on the
    ceremony's date) is recorded on the applicant's row, which is linked to the new member. After the 30 working
    days the ceremony needs the higher committee's consent (`late_consent`: its number and date)."""
    late_consent = late_consent.strip()
    with db.atomic():
        applicant = _applicant_at(applicant_id, Stage.DECIDED, "lễ kết nạp chỉ tổ chức khi đã có quyết định kết nạp.")
        assert applicant.decision_date and applicant.decision_received_on
        if ceremony_on < applicant.decision_received_on:
            raise ValidationError(
                f"Ngày lễ kết nạp {fmt(ceremony_on)} trước ngày nhận quyết định {fmt(applicant.decision_received_on)}.",
                "ceremony_date",
            )
        if ceremony_on > clock.today():
            raise ValidationError(f"Ngày lễ kết nạp {fmt(ceremony_on)} ở sau hôm nay.", "ceremony_date")
        deadline = ceremony_deadline(applicant.decision_received_on)
        if ceremony_on > deadline and not late_consent:
            raise ValidationError(
                f"Lễ kết nạp phải tổ chức trong 30 ngày làm việc kể từ ngày nhận quyết định (hạn {fmt(deadline)}); "
                "muộn hơn phải có ý kiến đồng ý của cấp ủy cấp trên: hãy ghi số, ngày văn bản đó.",
                "late_consent",
            )
        helper = get_member(helper_id)
        if (
            not member_status(helper, ceremony_on).is_official
            or not member_status(helper, ceremony_on).is_current_member
        ):
            raise ValidationError(
                f"Đảng viên giúp đỡ phải là đảng viên chính thức của chi bộ; {helper.full_name} không phải tại ngày "
                f"{fmt(ceremony_on)}.",
                "helper",
            )
        reference = f"Quyết định số {applicant.decision_number} ngày {fmt(applicant.decision_date)}"
        if applicant.former_member_id is not None:
            member_id, warnings = _readmit(applicant, ceremony_on, reference, helper.full_name)
        else:
            member_id, warnings = _admit(applicant, ceremony_on, reference, helper.full_name)
        notes = applicant.notes
        if late_consent:
            notes = "\n".join(part for part in (notes, f"Tổ chức lễ kết nạp muộn, có ý kiến: {late_consent}") if part)
        linked = update_path(
            applicant_id, applicant.version, ceremony_date=ceremony_on, member=member_id, helper=helper_id, notes=notes
        )
        return Admitted(linked, get_member(member_id), tuple(warnings))


def _admit(applicant: ApplicantRecord, ceremony_on: date, reference: str, helper: str) -> tuple[int, list[str]]:
    """A new member: admission date the decision's (seniority), the ceremony's date (probation), the event."""
    assert applicant.decision_date is not None
    saved = save_member(
        MemberRecord(
            full_name=applicant.full_name,
            gender=applicant.gender,
            birth_date=applicant.birth_date,
            admission_date=applicant.decision_date,
            ceremony_date=ceremony_on,
            hometown=applicant.hometown,
            residence=applicant.residence,
            education=applicant.education,
            workplace=applicant.workplace,
            citizen_id=applicant.citizen_id,
            notes=f"Đảng viên giúp đỡ: {helper}.",
        )
    )
    member_id = saved.member.id
    assert member_id is not None
    event = EventRecord(EventKind.ADMITTED, applicant.decision_date, decision_ref=reference)
    return member_id, [i.message for i in saved.warnings] + record_event(member_id, event)


def _readmit(applicant: ApplicantRecord, ceremony_on: date, reference: str, helper: str) -> tuple[int, list[str]]:
    """The former member's own record gets the re-admission event on the decision's date (seniority counts from the
    first admission less the gap). The record keeps one ceremony date, the first admission's, beside an official date
    before it; so the new probation is counted from the re-admission decision (models.roster.member_rules'
    member_probation_end) and the ceremony's date is written in the event's note."""
    assert applicant.decision_date is not None and applicant.former_member_id is not None
    member_id = applicant.former_member_id
    note = f"Lễ kết nạp lại ngày {fmt(ceremony_on)}; đảng viên giúp đỡ: {helper}."
    event = EventRecord(EventKind.READMITTED, applicant.decision_date, decision_ref=reference, note=note)
    return member_id, record_event(member_id, event)


def helper_of(member_id: int) -> int | None:
    """The helper assigned at the ceremony to a member admitted through the register (None otherwise)."""
    row = Applicant.get_or_none((Applicant.member == member_id) & of_current_branch(Applicant))
    return row.helper_id if row else None


def applicant_of(member_id: int) -> ApplicantRecord | None:
    row = Applicant.get_or_none((Applicant.member == member_id) & of_current_branch(Applicant))
    return get_applicant(row.id) if row else None
