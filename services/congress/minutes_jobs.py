"""The counting minutes of a round and its entry log as exports: from the data file (the ballots tab) or from an
election record file alone (`python main.py minutes RECORD.json`). The minutes are written with the round's record
file beside them, whose digest the minutes print."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from models.congress.round_state import RoundState
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
    write_record,
)
from models.counting.check_code import code_text, record_digests
from models.counting.decision import NEXT_ACTION_LABELS
from reports.congress.paper_data import CongressHeading, ElectedLine, EntryLogRow, MinutesCandidate, MinutesData
from reports.core.export_files import NothingToExport, PreparedExport, Progress, write_atomically

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
    digests = record_digests(record)
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
        exclusions=tuple((EXCLUSION_LABELS[g], e.excluded.as_dict()[g.value]) for g in ExclusionGroup),
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
        elected=elected,
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


def heading_from_record(record: ElectionRecord) -> CongressHeading:
    """The heading a record file carries: its branch and congress texts ("… lần thứ IV, nhiệm kỳ 2025–2030")."""
    ordinal = re.search(r"lần thứ\s+([IVXLC]+)", record.congress)
    term = re.search(r"nhiệm kỳ\s+(\d{4}\s*[–-]\s*\d{4})", record.congress)
    return CongressHeading(
        record.branch or "Chi bộ",
        f"lần thứ {ordinal.group(1)}" if ordinal else "",
        f"nhiệm kỳ {term.group(1)}" if term else "",
        clock.today(),
    )


def _record_beside(target: Path) -> Path:
    return target.with_suffix(".json")


def minutes_file_name(round_id: int) -> str:
    """The minutes' suggested file name, before they are numbered; NothingToExport before the count is locked."""
    from models.congress.tables import ElectionRound
    from models.live_count.session import CountSession
    from reports.core.files import safe_filename

    row = ElectionRound.get_by_id(round_id)
    if not RoundState.of(row.status, row.count_mode).can_print:
        raise NothingToExport("Lần bầu chưa khóa kết quả: biên bản kiểm phiếu lập sau khi khóa kết quả.")
    return safe_filename(f"Biên bản kiểm phiếu - {CountSession(round_id).election_title} - lần {row.number}") + ".xlsx"


def prepare_minutes(round_id: int) -> PreparedExport:
    """The minutes of a round with a result, numbered in the term's BB sequence, and its record file beside them."""
    from models.congress.bodies import Body, working_bodies
    from models.congress.checkin import attendance_panel
    from models.congress.congresses import get_congress
    from models.congress.elections import get_election
    from models.congress.numbering import document_number
    from models.congress.tables import CongressElection, ElectionRound
    from models.core.branch import get_branch
    from models.live_count.count import round_record
    from reports.core.files import safe_filename
    from reports.core.party_document import Signature
    from services.congress.congress_data import heading
    from services.congress.jobs import congress_header

    row = ElectionRound.get_by_id(round_id)
    if not RoundState.of(row.status, row.count_mode).can_print:
        raise NothingToExport("Lần bầu chưa khóa kết quả: biên bản kiểm phiếu lập sau khi khóa kết quả.")
    congress_id = CongressElection.get_by_id(row.election_id).congress_id
    congress = get_congress(congress_id)
    branch = get_branch()
    record = round_record(round_id)
    tellers = tuple(seat.person.full_name for seat in working_bodies(congress_id)[Body.COUNTING])
    info = next(r for r in get_election(row.election_id).rounds if r.id == round_id)
    assert info.result is not None  # a locked round has its result
    verified = not info.integrity if row.count_mode == "ballots" else None
    data = minutes_data(
        record,
        info.result,
        heading(congress, branch),
        committee=tellers,
        adopted_at=row.closed_at,
        verified=verified,
        integrity=info.integrity,
    )
    data = replace(data, quorum_text=attendance_panel(congress_id).quorum.text)
    title = f"Biên bản kiểm phiếu - {record.title} - lần {row.number}"
    number = document_number(congress_id, "BB", f"round:{round_id}:minutes", title)
    header = congress_header(congress, branch, number.text, (row.closed_at or clock.now()).date())
    signature = Signature("T/M BAN KIỂM PHIẾU", "TRƯỞNG BAN", tellers[0] if tellers else "")
    beside = None if info.integrity else record  # no record file vouches for data that does not hold
    return _prepared(safe_filename(title) + ".xlsx", data, header, signature, beside)


def _prepared(name: str, data: MinutesData, header, signature, record: ElectionRecord | None) -> PreparedExport:
    def run(path: str | os.PathLike[str], progress: Progress | None = None) -> Path:
        from reports.congress.counting_minutes import export_counting_minutes

        target = Path(path)
        written = write_atomically(target, lambda t, _p: export_counting_minutes(t, data, header, signature), progress)
        if record is not None:
            write_record(record, _record_beside(written))
        return written

    return PreparedExport(name, run)


def minutes_from_record(record: ElectionRecord, target: str | os.PathLike[str]) -> Path:
    """Headless: the minutes of a record file alone (its counting committee's names left to be written by hand)."""
    from models.counting import recount
    from reports.core.party_document import DocumentHeader, Signature

    heading = heading_from_record(record)
    data = minutes_data(record, recount(record), heading)
    header = DocumentHeader("", f"Đại hội {heading.ordinal_text}".strip(), "", "", None)
    signature = Signature("T/M BAN KIỂM PHIẾU", "TRƯỞNG BAN", "")
    return _prepared(Path(target).name, data, header, signature, None).write(target, None)


def prepare_entry_log(round_id: int) -> PreparedExport:
    """The entry log of a round as a workbook: every act on every ballot, in order, with its chain digest."""
    from models.congress.congresses import get_congress
    from models.congress.tables import CongressElection, ElectionRound
    from models.core.branch import get_branch
    from models.counting.compare import describe
    from models.live_count.count import log_problems
    from models.live_count.session import CountSession, round_log
    from reports.core.files import safe_filename
    from reports.core.party_document import Signature
    from services.congress.congress_data import heading
    from services.congress.jobs import congress_header

    row = ElectionRound.get_by_id(round_id)
    lines = round_log(round_id)
    if not lines:
        raise NothingToExport("Lần bầu này chưa nhập phiếu nào.")
    session = CountSession(round_id)
    election = session.election
    congress = get_congress(CongressElection.get_by_id(row.election_id).congress_id)
    branch = get_branch()
    rows = [
        EntryLogRow(
            line.seq,
            line.entered_at,
            line.ballot_no,
            line.pass_no,
            line.action_label,
            describe(line.before, election) if line.before else "",
            describe(line.after, election) if line.after else "",
            line.entered_by,
            line.chain[:8],
        )
        for line in lines
    ]
    title = f"{session.election_title}, lần bầu thứ {row.number}"
    header = congress_header(congress, branch, "", clock.today())
    problems = log_problems(round_id)

    def run(path: str | os.PathLike[str], progress: Progress | None = None) -> Path:
        from reports.congress.entry_log import export_entry_log

        def write(target: Path, _progress: Progress) -> None:
            export_entry_log(
                target,
                heading(congress, branch),
                title,
                rows,
                header,
                Signature("T/M BAN KIỂM PHIẾU", "TRƯỞNG BAN", ""),
                problems=problems,
            )

        return write_atomically(Path(path), write, progress)

    name = safe_filename(f"Nhật ký nhập phiếu - {session.election_title} - lần {row.number}") + ".xlsx"
    return PreparedExport(name, run)
