"""The branch's votes at a meeting: one person's question, its base D frozen when the vote is taken, the figures,
and the outcome computed from the thresholds (models.meetings.thresholds), never typed."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from models.core.errors import NotFoundError, ValidationError
from models.core.tables import db
from models.meetings.meetings import meeting_base, meeting_row
from models.meetings.tables import MeetingVote
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
        if self.kind is VoteKind.DISCIPLINE:
            return self.discipline is not None
        return passes(self.kind, self.yes, self.d)

    @property
    def outcome_text(self) -> str:
        if self.kind is VoteKind.DISCIPLINE:
            form = self.discipline
            return (
                f"Thi hành kỷ luật: {form.label}"
                if form
                else "Không thi hành kỷ luật (không hình thức nào quá một nửa)"
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
) -> VoteRecord:
    """Record one vote of the branch with the meeting's D as it stands now. The form must be one the kind allows
    (a discipline is by secret ballot); the subject is a member of the roster or an applicant of the register."""
    by_form = dict(yes_by_form or {})
    with db.atomic():
        meeting = meeting_row(meeting_id)
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
        )
        return _record(row)


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


def has_votes(meeting_id: int) -> bool:
    return MeetingVote.select().where(MeetingVote.meeting == meeting_id).exists()
