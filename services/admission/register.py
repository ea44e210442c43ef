"""The register of applicants as both front ends show it: each applicant's stage and, while the file is being
completed, what it still lacks for a branch meeting on a given day; once decided, the ceremony's deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.admission.applicants import list_applicants
from models.admission.path import (
    STAGE_LABELS,
    Stage,
    admission_vote,
    ceremony_deadline,
    decision_due,
    readiness,
    stage_of,
)
from models.admission.recognition import recognition_state
from models.admission.records import ApplicantRecord
from models.admission.reminders import notice_text
from models.admission.rules import LEFT_THE_PARTY
from models.core.vnname import name_key
from models.roster.member_rules import member_probation_end, recognition_deadline
from models.roster.member_status import member_status
from models.roster.members import all_members


@dataclass(frozen=True)
class RegisterRow:
    applicant: ApplicantRecord
    stage: Stage
    lacks: tuple[str, ...]  # for a meeting on the day asked (only while preparing)
    ceremony_due: date | None = None  # the 30th working day after the decision was received
    decision_due: date | None = None  # the 60th working day after the branch proposed admission

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS[self.stage]

    @property
    def status_text(self) -> str:
        """One line: the stage, what is lacking, or the ceremony's deadline."""
        if self.stage is Stage.PREPARING:
            return f"Còn thiếu {len(self.lacks)} mục" if self.lacks else "Đủ hồ sơ để chi bộ xét"
        if self.stage is Stage.DECIDED and self.ceremony_due:
            return f"Hạn tổ chức lễ kết nạp: {self.ceremony_due:%d/%m/%Y}"
        if self.stage is Stage.PROPOSED and self.decision_due:
            return f"Chờ quyết định của cấp ủy có thẩm quyền (trong 60 ngày làm việc: {self.decision_due:%d/%m/%Y})"
        return self.stage_label


def register_rows(on: date, include_closed: bool = False) -> list[RegisterRow]:
    rows = []
    for applicant in list_applicants(include_closed):
        assert applicant.id is not None
        vote = admission_vote(applicant.id)
        stage = stage_of(applicant, vote is not None)
        lacks = readiness(applicant, on).lines if stage is Stage.PREPARING else ()
        due = ceremony_deadline(applicant.decision_received_on) if applicant.decision_received_on else None
        decision = decision_due(vote.held_on) if vote is not None and stage is Stage.PROPOSED else None
        rows.append(RegisterRow(applicant, stage, lacks, due if stage is Stage.DECIDED else None, decision))
    return rows


@dataclass(frozen=True)
class ProbationRow:
    """A probationary member of the roster: the end of the twelve months, the recognition's deadline, the notice
    due and where the branch's votes stand."""

    member_id: int
    full_name: str
    ceremony_date: date | None
    probation_end: date
    deadline: date
    notice: str
    outcome: str


def probation_rows(on: date) -> list[ProbationRow]:
    rows = []
    for member in all_members():
        if member.id is None:
            continue
        status = member_status(member, on)
        end = member_probation_end(member)
        if not (status.is_current_member and status.is_probationary) or end is None:
            continue
        deadline = recognition_deadline(end)
        state = recognition_state(member.id)
        rows.append(
            ProbationRow(
                member.id,
                member.full_name,
                member.ceremony_date,
                end,
                deadline,
                notice_text(end, deadline, on),
                state.label,
            )
        )
    return sorted(rows, key=lambda r: (r.probation_end, name_key(r.full_name, None)))


def former_members(on: date) -> list[tuple[str, int]]:
    """Members of the branch's roster who have left the Party (struck off, expelled, resigned) on `on`: those a
    re-admission names, in A-B-C order."""
    gone = [m for m in all_members() if m.id is not None and member_status(m, on).code in LEFT_THE_PARTY]
    return [(m.full_name, m.id) for m in sorted(gone, key=lambda m: name_key(m.full_name, m.birth_date)) if m.id]
