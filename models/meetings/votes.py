"""The branch's votes at a meeting: one person's question, its base D frozen when the vote is taken, the figures,
and the outcome computed from the thresholds (models.meetings.thresholds), never typed."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from models.core import clock
from models.core.branch import of_current_branch
from models.core.dates import fmt
from models.core.errors import NotFoundError, ValidationError
from models.core.tables import db
from models.counting import POST_LABELS, Post, Situation
from models.meetings.appointments import LEADERSHIP_POSTS
from models.meetings.meetings import meeting_base, meeting_row
from models.meetings.tables import BranchMeeting, MeetingAttendance, MeetingVote
from models.meetings.thresholds import (
    DisciplineForm,
    VoteForm,
    VoteKind,
    discipline_outcome,
    passes,
    votes_needed,
)
from models.roster.members import get_member


@dataclass(frozen=True)
class VoteRecord:
    """A recorded vote; `passed` and `outcome` are computed from the figures."""

    id: int
    meeting_id: int
    held_on: date
    kind: VoteKind
    form: VoteForm
    d: int
    yes: int
    no: int
    invalid: int
    member_id: int | None = None
    applicant_id: int | None = None
    subject_name: str = ""
    yes_by_form: dict[str, int] = field(default_factory=dict)
    election_id: int | None = None
    notes: str = ""
    post: Post | None = None  # a by-election: the post filled
    leave_number: str = ""  # a by-election: the higher committee's leave
    leave_on: date | None = None
    approval_number: str = ""  # a by-election: its approval (chuẩn y)
    approved_on: date | None = None
    counted_at: datetime | None = None  # a secret ballot counted in the «Bầu cử» tab: when its result came in

    @property
    def awaiting_count(self) -> bool:
        """Counted ballot by ballot in the «Bầu cử» tab and not finished yet: its figures mean nothing so far."""
        return self.election_id is not None and self.counted_at is None

    @property
    def needed(self) -> int:
        return votes_needed(self.kind, self.d)

    @property
    def discipline(self) -> DisciplineForm | None:
        """The form decided, for a discipline vote (counted cumulatively from the heaviest form down)."""
        if self.kind is not VoteKind.DISCIPLINE:
            return None
        value = discipline_outcome(self.d, self.yes_by_form)
        return DisciplineForm(value) if value else None

    @property
    def passed(self) -> bool:
        if self.awaiting_count:
            return False
        if self.kind is VoteKind.DISCIPLINE:
            return self.discipline is not None
        return passes(self.kind, self.yes, self.d)

    @property
    def outcome_text(self) -> str:
        if self.awaiting_count:
            return "Đang kiểm phiếu ở thẻ «Bầu cử» (chưa có kết quả)"
        if self.kind is VoteKind.DISCIPLINE:
            form = self.discipline
            return (
                f"Thi hành kỷ luật: {form.label}"
                if form
                else "Không thi hành kỷ luật (không hình thức nào quá một nửa)"
            )
        if self.kind is VoteKind.BY_ELECTION:
            verdict = "Trúng cử" if self.passed else "Không trúng cử"
            return (
                f"{verdict} {POST_LABELS[self.post]} ({self.yes}/{self.d} đồng ý, cần {self.needed})"
                if self.post
                else verdict
            )
        verdict = "Thông qua" if self.passed else "Không thông qua"
        return f"{verdict} ({self.yes}/{self.d} tán thành, cần {self.needed}: {self.kind.rule.threshold.label} của D)"


def _record(row: MeetingVote) -> VoteRecord:
    return VoteRecord(
        row.id,
        row.meeting_id,
        row.meeting.held_on,
        VoteKind(row.kind),
        VoteForm(row.form),
        row.d,
        row.yes,
        row.no,
        row.invalid,
        row.member_id,
        row.applicant_id,
        row.subject_name,
        json.loads(row.yes_by_form) if row.yes_by_form else {},
        row.election_id,
        row.notes,
        Post(row.post) if row.post else None,
        row.leave_number,
        row.leave_on,
        row.approval_number,
        row.approved_on,
        row.counted_at,
    )


def _check_figures(kind: VoteKind, d: int, present: int, yes: int, no: int, invalid: int, by_form: dict) -> None:
    if min(yes, no, invalid) < 0:
        raise ValidationError("Số phiếu (thẻ) tán thành, không tán thành, không hợp lệ không được âm.", "yes")
    if yes + no + invalid > present:
        raise ValidationError(
            f"Tổng số phiếu ({yes + no + invalid}) nhiều hơn số đảng viên chính thức có mặt được biểu quyết "
            f"({present}).",
            "yes",
        )
    if kind is VoteKind.DISCIPLINE:
        if sum(by_form.values()) != yes:
            raise ValidationError(
                "Số phiếu tán thành kỷ luật phải bằng tổng số phiếu chọn từng hình thức (cảnh cáo, khiển trách).",
                "yes_by_form",
            )
        discipline_outcome(d, by_form)  # checks the forms named
    elif by_form:
        raise ValidationError("Chỉ biểu quyết kỷ luật mới ghi số phiếu theo hình thức.", "yes_by_form")


def record_vote(
    meeting_id: int,
    kind: VoteKind,
    form: VoteForm,
    yes: int,
    no: int,
    invalid: int = 0,
    *,
    member_id: int | None = None,
    applicant_id: int | None = None,
    subject_name: str = "",
    yes_by_form: dict[str, int] | None = None,
    notes: str = "",
    election_id: int | None = None,
    by_election: ByElection | None = None,
) -> VoteRecord:
    """Record one vote of the branch with the meeting's D as it stands now. The form must be one the kind allows
    (a discipline is by secret ballot); the subject is a member of the roster or an applicant of the register. A
    by-election names the post and the higher committee's leave (`by_election`), and its candidate an official
    member on the meeting's list; one vote per candidate, each elected with more than half of D."""
    by_form = dict(yes_by_form or {})
    with db.atomic():
        meeting = meeting_row(meeting_id)
        extra = _by_election_fields(meeting, kind, member_id, by_election)
        if form not in kind.rule.forms:
            raise ValidationError(f"{kind.label}: phải biểu quyết bằng {kind.rule.forms[0].label.lower()}.", "form")
        if (member_id is None) == (applicant_id is None):
            raise ValidationError("Hãy chọn một đảng viên hoặc một quần chúng là đối tượng biểu quyết.", "subject")
        if kind.rule.subject_is_applicant and applicant_id is None:
            raise ValidationError(f"{kind.label}: đối tượng là quần chúng trong danh sách cảm tình đảng.", "subject")
        if member_id is not None:
            subject_name = get_member(member_id).full_name
        if not subject_name.strip():
            raise ValidationError("Hãy ghi họ tên người được biểu quyết.", "subject")
        base = meeting_base(meeting.id)
        _check_figures(kind, base.d, base.present_official, yes, no, invalid, by_form)
        if base.d == 0:
            raise ValidationError("Chi bộ không có đảng viên chính thức nào trong cơ sở tính (D = 0).", "d")
        row = MeetingVote.create(
            meeting=meeting.id,
            kind=kind.value,
            member=member_id,
            applicant_id=applicant_id,
            subject_name=subject_name.strip(),
            form=form.value,
            d=base.d,
            yes=yes,
            no=no,
            invalid=invalid,
            yes_by_form=json.dumps(by_form) if by_form else "",
            election=election_id,
            notes=notes.strip(),
            **extra,
        )
        return _record(row)


@dataclass(frozen=True)
class ByElection:
    """What a by-election adds to a vote: the post, and the higher committee's leave (number, date)."""

    post: Post
    leave_number: str
    leave_on: date | None


def _by_election_fields(meeting, kind: VoteKind, member_id: int | None, by_election: ByElection | None) -> dict:
    if kind is not VoteKind.BY_ELECTION:
        if by_election is not None:
            raise ValidationError("Chỉ bầu cử bổ sung mới ghi chức vụ và văn bản đồng ý của cấp trên.", "post")
        return {}
    if by_election is None or Post(by_election.post) not in LEADERSHIP_POSTS:
        raise ValidationError("Bầu cử bổ sung: hãy chọn chức vụ (bí thư, phó bí thư hoặc chi ủy viên).", "post")
    if not by_election.leave_number.strip() or by_election.leave_on is None:
        raise ValidationError(
            "Bầu cử bổ sung chỉ được tiến hành khi cấp ủy cấp trên đồng ý: hãy ghi số và ngày văn bản đồng ý.",
            "leave_number",
        )
    if by_election.leave_on > meeting.held_on:
        raise ValidationError(
            f"Văn bản đồng ý ngày {fmt(by_election.leave_on)} ở sau ngày họp {fmt(meeting.held_on)}.", "leave_on"
        )
    person = MeetingAttendance.get_or_none(
        (MeetingAttendance.meeting == meeting.id) & (MeetingAttendance.member == member_id)
    )
    if person is None or not person.official or person.situation == Situation.SUSPENDED:
        raise ValidationError(
            "Người được bầu bổ sung phải là đảng viên chính thức có tên trong danh sách hội nghị, không bị đình chỉ "
            "sinh hoạt.",
            "subject",
        )
    return dict(
        post=Post(by_election.post).value,
        leave_number=by_election.leave_number.strip(),
        leave_on=by_election.leave_on,
    )


def record_approval(vote_id: int, number: str, approved_on: date) -> VoteRecord:
    """The higher committee's approval (chuẩn y) of a by-election that passed: its decision's number and date."""
    with db.atomic():
        vote = get_vote(vote_id)
        if vote.kind is not VoteKind.BY_ELECTION or not vote.passed:
            raise ValidationError("Chỉ chuẩn y kết quả bầu cử bổ sung đã trúng cử.", "vote")
        if not number.strip():
            raise ValidationError("Hãy ghi số quyết định chuẩn y.", "approval_number")
        if approved_on < vote.held_on or approved_on > clock.today():
            raise ValidationError(f"Ngày chuẩn y phải từ ngày họp {fmt(vote.held_on)} đến hôm nay.", "approved_on")
        MeetingVote.update(approval_number=number.strip(), approved_on=approved_on).where(
            MeetingVote.id == vote_id
        ).execute()
        return get_vote(vote_id)


def by_elections() -> list[VoteRecord]:
    """The branch's by-elections, oldest first."""
    rows = (
        MeetingVote.select(MeetingVote, BranchMeeting)
        .join(BranchMeeting)
        .where(of_current_branch(BranchMeeting) & (MeetingVote.kind == VoteKind.BY_ELECTION.value))
        .order_by(BranchMeeting.held_on, MeetingVote.id)
    )
    return [_record(row) for row in rows]


def get_vote(vote_id: int) -> VoteRecord:
    row = MeetingVote.get_or_none(MeetingVote.id == vote_id)
    if row is None:
        raise NotFoundError(f"Không tìm thấy kết quả biểu quyết mã {vote_id}.")
    meeting_row(row.meeting_id)  # of the current branch
    return _record(row)


def meeting_votes(meeting_id: int) -> list[VoteRecord]:
    meeting = meeting_row(meeting_id)
    rows = MeetingVote.select().where(MeetingVote.meeting == meeting.id).order_by(MeetingVote.id)
    return [_record(row) for row in rows]
