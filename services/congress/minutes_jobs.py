"""The counting minutes of a round and its entry log as exports from the data file (the ballots tab). The minutes are
written with the round's record file beside them, whose digest the minutes print; the minutes of a record file alone
are services.congress.record_minutes."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from models.congress.bodies import Body, working_bodies
from models.congress.checkin import attendance_panel
from models.congress.congresses import get_congress
from models.congress.elections import get_election
from models.congress.numbering import document_number
from models.congress.round_state import RoundState
from models.congress.tables import CongressElection, ElectionRound
from models.core import clock
from models.core.branch import get_branch
from models.counting.compare import describe
from models.live_count.count import log_problems, round_record
from models.live_count.session import CountSession, round_log
from reports.congress.entry_log import export_entry_log
from reports.congress.paper_data import EntryLogRow
from reports.core.export_files import NothingToExport, PreparedExport, Progress, write_atomically
from reports.core.files import safe_filename
from reports.core.party_document import Signature
from services.congress.congress_data import heading
from services.congress.jobs import congress_header
from services.congress.record_minutes import minutes_data, prepared_minutes


def minutes_file_name(round_id: int) -> str:
    """The minutes' suggested file name, before they are numbered; NothingToExport before the count is locked."""
    row = ElectionRound.get_by_id(round_id)
    if not RoundState.of(row.status, row.count_mode).can_print:
        raise NothingToExport("Lần bầu chưa khóa kết quả: biên bản kiểm phiếu lập sau khi khóa kết quả.")
    return safe_filename(f"Biên bản kiểm phiếu - {CountSession(round_id).election_title} - lần {row.number}") + ".xlsx"


def prepare_minutes(round_id: int) -> PreparedExport:
    """The minutes of a round with a result, numbered in the term's BB sequence, and its record file beside them."""
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
    if not congress.hosts_meeting:  # a congress's quorum (Charter Điều 11 k6); a meeting's ballot has none to print
        data = replace(data, quorum_text=attendance_panel(congress_id).quorum.text)
    title = f"Biên bản kiểm phiếu - {record.title} - lần {row.number}"
    number = document_number(congress_id, "BB", f"round:{round_id}:minutes", title)
    header = congress_header(congress, branch, number.text, (row.closed_at or clock.now()).date())
    signature = Signature("T/M BAN KIỂM PHIẾU", "TRƯỞNG BAN", tellers[0] if tellers else "")
    beside = None if info.integrity else record  # no record file vouches for data that does not hold
    return prepared_minutes(safe_filename(title) + ".xlsx", data, header, signature, beside)


def prepare_entry_log(round_id: int) -> PreparedExport:
    """The entry log of a round as a workbook: every act on every ballot, in order, with its chain digest."""
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
            f"Lý do: {line.note}" if line.note else describe(line.after, election) if line.after else "",
            line.entered_by,
            line.chain[:8],
        )
        for line in lines
    ]
    title = f"{session.election_title}, lần bầu thứ {row.number}"
    header = congress_header(congress, branch, "", clock.today())
    problems = log_problems(round_id)

    def run(path: str | os.PathLike[str], progress: Progress | None = None) -> Path:
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
