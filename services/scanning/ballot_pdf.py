"""The ballots of a round as a PDF made to be scanned, and the `ScanTarget` a scanned stack of them is read for.

Both come from the same facts of the round (`scan_target`), so the reader's blank template is the printed ballot.
"""

from __future__ import annotations

import os
from pathlib import Path

from models.congress.congresses import get_congress
from models.congress.elections import get_election
from models.congress.tables import ElectionRound
from models.core.branch import current_branch_id, get_branch
from models.core.errors import NotFoundError, ValidationError
from models.counting.validity import Form
from models.live_count.count import rounds_listing
from models.scanning.drawing import MAX_COPIES, write_ballots
from models.scanning.layout import ballot_geometry
from models.scanning.reading import ScanTarget
from reports.core.export_files import NothingToExport, PreparedExport, Progress, write_atomically
from reports.core.files import safe_filename
from services.congress.congress_data import ballot_paper


def scan_target(election_id: int, round_number: int | None = None) -> ScanTarget:
    """The round `round_number` of an election (its current round when None) as its ballots print and read. The
    QR code names the branch (its id), the congress (ordinal and term), the post, the round and the form."""
    election = get_election(election_id)
    rounds = {r.number: r for r in election.rounds}
    round_ = election.current_round if round_number is None else rounds.get(round_number)
    if round_ is None:
        raise NotFoundError(f"{election.title} không có lần bầu thứ {round_number}.")
    info = get_congress(election.congress_id)
    paper = ballot_paper(info, get_branch(), election, round_, 1)
    return ScanTarget(
        branch=str(current_branch_id()),
        congress=f"{info.ordinal}:{info.term_start}-{info.term_end}",
        post=election.post,
        round=round_.number,
        form=Form(paper.form),
        candidates=paper.candidates,
        seats=paper.seats,
        congress_title=paper.congress_title,
        election_title=paper.election_title,
    )


def write_ballot_pdf(path: Path, target: ScanTarget, copies: int) -> int:
    """Write `copies` identical ballots of the round to `path` (PDF, several to an A4 page); return its pages."""
    if not isinstance(copies, int) or not 1 <= copies <= MAX_COPIES:
        raise ValidationError(
            f"Số phiếu cần in phải từ 1 đến {MAX_COPIES:,} (đang là {copies}).".replace(",", "."), "copies"
        )
    title = f"Phiếu bầu cử – {target.election_title} – lần bầu thứ {target.round}"
    return write_ballots(path, ballot_geometry(target), copies, title)


def prepare_ballot_pdf(election_id: int, copies: int, round_number: int | None = None) -> PreparedExport:
    """The ballots of an election's round (its current one when None) as a PDF made to be scanned (the front
    ends' «In phiếu để quét»): `copies` of them; the file is written beside its place and moved in only when whole."""
    election = get_election(election_id)
    target = scan_target(election_id, round_number)
    if not target.candidates:
        raise NothingToExport("Danh sách bầu cử chưa có ai: chưa in phiếu bầu được.")
    ballot_geometry(target)  # refuses a list longer than a page now, before a file is chosen
    name = safe_filename(f"Phiếu bầu để quét - {election.title} - lần {target.round}") + ".pdf"

    def run(path: str | os.PathLike[str], progress: Progress | None = None) -> Path:
        return write_atomically(Path(path), lambda out, _step: write_ballot_pdf(out, target, copies), progress)

    return PreparedExport(name, run)


def prepare_round_ballot_pdf(round_id: int, copies: int) -> PreparedExport:
    """`prepare_ballot_pdf` for the round with this id (the headless command's `--round N`)."""
    row = ElectionRound.get_or_none(ElectionRound.id == round_id)
    if row is None:
        raise NotFoundError(f"Không tìm thấy lần bầu mã {round_id}. {rounds_listing(include_setup=True)}")
    return prepare_ballot_pdf(row.election_id, copies, row.number)  # the election's branch is checked there
