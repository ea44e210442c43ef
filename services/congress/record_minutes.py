"""The counting minutes of one round from its election record alone (`python main.py minutes RECORD.json`), and
the minutes' data and writing that the data-file job (services.congress.minutes_jobs) shares. Pure: the counting
engine and the writers, no data file, no ORM."""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

from models.core import clock
from models.counting import (
    EXCLUSION_LABELS,
    INVALID_REASON_LABELS,
    CountResult,
    ElectionRecord,
    ExclusionGroup,
    Form,
    NextAction,
    percent_label,
    recount,
    write_record,
)
from models.counting.check_code import code_text, record_digests
from models.counting.decision import NEXT_ACTION_LABELS
from models.meetings.question_title import APPLICANT_ADDRESS, question_lines, read_question
from models.meetings.thresholds import MEETING_EXCLUSION_LABELS
from reports.congress.counting_minutes import export_counting_minutes
from reports.congress.paper_data import CongressHeading, ElectedLine, MinutesCandidate, MinutesData
from reports.core.export_files import PreparedExport, Progress, write_atomically
from reports.core.party_document import DocumentHeader, Signature

BLANK_NAME = "………………………"  # a name to be written by hand (a record file does not carry the counting committee)
FORM_LABELS = {Form.STRIKE: "Phiếu gạch tên", Form.AGREE: "Phiếu đồng ý, không đồng ý"}


def minutes_data(
    record: ElectionRecord,
    result: CountResult,
    heading: CongressHeading,
    *,
    committee: tuple[str, ...] = (),
    adopted_at: datetime | None = None,
    verified: bool | None = None,
    integrity: tuple[str, ...] = (),
) -> MinutesData:
    """The minutes of one counted round. `committee`: the counting committee, its head first (blank lines to sign
    by hand when not known). `verified`: whether the record (or the entry log behind it) matches its digest."""
    election = record.election
    e = election.electorate
    agree = election.form == Form.AGREE
    names = {c.id: c.name for c in election.candidates}
    lines = {c.id: c for c in result.candidates}
    candidates = tuple(
        MinutesCandidate(
            c.name, c.votes, percent_label(c.percent), c.disagree if agree else None, c.not_counted if agree else None
        )
        for c in result.candidates
    )
    elected = tuple(ElectedLine(names[k], lines[k].votes, percent_label(lines[k].percent)) for k in result.elected)
    # a branch meeting's question states its own test on D, not the engine's "trúng cử" at more than half
    question = read_question(record.title) if heading.line and len(result.candidates) == 1 else None
    said = question_lines(question, election.round, result.candidates[0].votes, result.D) if question else ()
    digests = record_digests(record)
    labels = MEETING_EXCLUSION_LABELS if heading.line else EXCLUSION_LABELS  # a branch meeting's own wording
    step = "" if result.next_action == NextAction.NONE else NEXT_ACTION_LABELS[result.next_action]
    return MinutesData(
        heading=heading,
        election_title=record.title or "Bầu cử",
        round_no=election.round,
        seats=election.seats,
        form=election.form.value,
        form_label=FORM_LABELS[election.form],
        committee_head=committee[0] if committee else BLANK_NAME,
        committee_members=tuple(committee[1:]),
        official_summoned=e.official_summoned,
        exclusions=tuple((labels[g], e.excluded.as_dict()[g.value]) for g in ExclusionGroup),
        D=result.D,
        official_present=e.official_present,
        # absent: official members not there to vote, those away on temporary activity or suspended aside
        absent=max(e.official_summoned - e.official_present - e.excluded.temporary_elsewhere - e.excluded.suspended, 0),
        ballots_issued=result.ballots_issued,
        collected=result.collected,
        valid=result.valid,
        invalid=result.invalid,
        invalid_reasons=tuple((INVALID_REASON_LABELS[r], n) for r, n in result.invalid_reasons.items()),
        candidates=candidates,
        elected=() if said else elected,
        question_lines=said,
        named_as="người" if question and question.person.startswith(APPLICANT_ADDRESS) else "đồng chí",
        open_seats=result.open_seats,
        tied=tuple(names[k] for k in result.tied),
        next_step=step,
        adopted_at=adopted_at or clock.now(),
        digest=digests.stated or "",
        digest_verified=verified if verified is not None else record.digest_ok,
        code_text=code_text(record) if digests.stated else "",
        tie_break=election.tie_break,
        integrity=integrity,
    )


MEETING_LINE = "Hội nghị"  # a branch meeting's ballot names its meeting, not a congress (CongressInfo.full_title)


def heading_from_record(record: ElectionRecord) -> CongressHeading:
    """The heading a record file carries: its branch and congress texts ("… lần thứ IV, nhiệm kỳ 2025–2030")."""
    ordinal = re.search(r"lần thứ\s+([IVXLC]+)", record.congress)
    term = re.search(r"nhiệm kỳ\s+(\d{4}\s*[–-]\s*\d{4})", record.congress)
    return CongressHeading(
        record.branch or "Chi bộ",
        f"lần thứ {ordinal.group(1)}" if ordinal else "",
        f"nhiệm kỳ {term.group(1)}" if term else "",
        clock.today(),
        line=record.congress if record.congress.startswith(MEETING_LINE) else "",
    )


def _record_beside(target: Path) -> Path:
    return target.with_suffix(".json")


def prepared_minutes(
    name: str, data: MinutesData, header: DocumentHeader, signature: Signature, record: ElectionRecord | None
) -> PreparedExport:
    """The minutes as an export, written whole or not at all; with `record`, its record file is written beside
    them (same name, .json)."""

    def run(path: str | os.PathLike[str], progress: Progress | None = None) -> Path:
        target = Path(path)
        written = write_atomically(target, lambda t, _p: export_counting_minutes(t, data, header, signature), progress)
        if record is not None:
            write_record(record, _record_beside(written))
        return written

    return PreparedExport(name, run)


def minutes_from_record(record: ElectionRecord, target: str | os.PathLike[str]) -> Path:
    """Headless: the minutes of a record file alone (its counting committee's names left to be written by hand)."""
    heading = heading_from_record(record)
    data = minutes_data(record, recount(record), heading)
    header = DocumentHeader("", "Chi bộ" if heading.line else f"Đại hội {heading.ordinal_text}".strip(), "", "", None)
    signature = Signature("T/M BAN KIỂM PHIẾU", "TRƯỞNG BAN", "")
    return prepared_minutes(Path(target).name, data, header, signature, None).write(target, None)
