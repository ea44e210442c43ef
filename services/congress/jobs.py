"""The congress's papers as jobs, for the congress tab and the headless `python main.py export KIND --congress N`.

Each paper takes its number from the term's sequence the first time it is written ("Số 01-DS/CB") and keeps it.
`prepare` reads on the caller's thread; the writer runs anywhere (reports.core.export_files).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from models.congress.bodies import Body, working_bodies
from models.congress.congresses import get_congress
from models.congress.elections import congress_elections, get_election
from models.congress.numbering import document_number
from models.core import clock
from models.core.branch import get_branch
from models.core.errors import Cancelled
from models.core.practice_flag import watermark
from models.counting import Post
from reports.congress.attendance_list import export_attendance_list
from reports.congress.ballot_papers import export_ballot_papers
from reports.congress.congress_summary import export_congress_summary
from reports.congress.elected_bios import export_elected_bios
from reports.congress.hand_votes import export_hand_votes
from reports.core.export_files import NothingToExport, PreparedExport, Progress, write_atomically
from reports.core.files import safe_filename
from reports.core.party_document import DocumentHeader, Signature
from services.congress.congress_data import (
    attendance,
    ballot_paper,
    congress_summary,
    elected_bios,
    hand_vote_rows,
    heading,
)

Write = Callable[..., None]  # (target, header, signature) -> None


@dataclass(frozen=True)
class CongressPaperJob:
    kind: str  # command-line key
    title: str  # menu text, Vietnamese
    done: str  # message once written
    doc_type: str  # numbering type: DS, BC, BB
    content: Callable[[int, object], Write] = field(repr=False)  # (congress id, branch) -> writer
    dated_on_close: bool = False  # dated the day the congress closed (else its opening day)

    def file_name(self, congress_id: int) -> str:
        """The suggested file name, before anything is read or numbered."""
        branch, info = get_branch(), get_congress(congress_id)
        return safe_filename(f"{self.title} - Đại hội {info.ordinal_text} - {branch.name if branch else ''}") + ".xlsx"

    def check(self, congress_id: int) -> None:
        """NothingToExport when the paper would be empty (before asking where to write it)."""
        self.content(congress_id, get_branch())

    def prepare(self, congress_id: int) -> PreparedExport:
        """Read the congress now and give the paper its number; NothingToExport when it would be empty."""
        branch = get_branch()
        info = get_congress(congress_id)
        write = self.content(congress_id, branch)
        number = document_number(congress_id, self.doc_type, f"congress:{congress_id}:{self.kind}", self.title)
        on = (info.closes_on or clock.today()) if self.dated_on_close else info.opens_on
        header = congress_header(info, branch, number.text, on)
        signature = paper_signature(congress_id, branch, self.dated_on_close)
        name = self.file_name(congress_id)

        def run(path: str | os.PathLike[str], progress: Progress | None = None) -> Path:
            def step(target: Path, progress: Progress) -> None:
                if not progress(0, 1):
                    raise Cancelled()
                write(target, header, signature)

            return write_atomically(Path(path), step, progress)

        return PreparedExport(name, run)

    def run(self, path: str | os.PathLike[str], congress_id: int, progress: Progress | None = None) -> Path:
        return self.prepare(congress_id).write(path, progress)


def congress_header(info, branch, number: str, on):
    """Top-left: the higher committee and the branch, then "ĐẠI HỘI LẦN THỨ IV" as the issuer (docs/domain.md §5)."""
    if info.hosts_meeting:  # a branch meeting's secret ballot: the branch issues it, as its other meeting papers
        higher, issuer = (list(branch.higher_lines), branch.name) if branch else ([], "Chi bộ")
    else:
        higher, issuer = ([*branch.higher_lines, branch.name] if branch else []), f"Đại hội {info.ordinal_text}"
    return DocumentHeader("\n".join(higher), issuer, number, branch.place if branch else "", on, watermark())


def paper_signature(congress_id: int, branch, after: bool):
    """Papers of the day are signed for the presidium (or by the chair); the report afterwards by the new
    secretary for the new committee (for the branch when it has no committee)."""
    if after:
        by_post = {e.post: e for e in congress_elections(congress_id)}
        secretary = by_post.get(Post.SECRETARY)
        name = (
            secretary.elected[0].full_name
            if secretary and secretary.elected
            else (branch.secretary_name if branch else "")
        )
        on_behalf = "T/M CHI ỦY" if Post.COMMITTEE in by_post else "T/M CHI BỘ"
        return Signature(on_behalf, "BÍ THƯ", name)
    bodies = working_bodies(congress_id)
    if bodies[Body.PRESIDIUM]:
        head = next((s for s in bodies[Body.PRESIDIUM] if s.is_head), bodies[Body.PRESIDIUM][0])
        return Signature("T/M ĐOÀN CHỦ TỊCH", "", head.person.full_name)
    if bodies[Body.CHAIR]:
        return Signature("", "CHỦ TRÌ ĐẠI HỘI", bodies[Body.CHAIR][0].person.full_name)
    return Signature(name=branch.secretary_name if branch else "")


def _attendance(congress_id: int, branch) -> Write:
    rows, figures = attendance(congress_id)
    title = heading(get_congress(congress_id), branch)

    def write(target: Path, header, signature) -> None:
        export_attendance_list(target, title, rows, figures, header, signature)

    return write


def _summary(congress_id: int, branch) -> Write:
    summary = congress_summary(congress_id, branch)

    def write(target: Path, header, signature) -> None:
        export_congress_summary(target, summary, header, signature)

    return write


Export = Callable[..., object]  # (target, heading, rows, header, signature)


def _listed(rows_of: Callable[[int], list], empty: str, export: Export) -> Callable[[int, object], Write]:
    """A paper that lists rows under the congress heading (short bios, show-of-hands votes); `empty` when none."""

    def content(congress_id: int, branch) -> Write:
        rows = rows_of(congress_id)
        if not rows:
            raise NothingToExport(empty)
        title = heading(get_congress(congress_id), branch)

        def write(target: Path, header, signature) -> None:
            export(target, title, rows, header, signature)

        return write

    return content


def _bio_rows(congress_id: int) -> list:
    return elected_bios(congress_id)


def _vote_rows(congress_id: int) -> list:
    return hand_vote_rows(congress_id)


def _export_bios(*args) -> object:
    return export_elected_bios(*args)


def _export_votes(*args) -> object:
    return export_hand_votes(*args)


_bios = _listed(_bio_rows, "Đại hội chưa có ai trúng cử nên chưa lập được danh sách trích ngang.", _export_bios)
_hand_votes = _listed(_vote_rows, "Đại hội chưa có lần biểu quyết nào.", _export_votes)


CONGRESS_JOBS: tuple[CongressPaperJob, ...] = (
    CongressPaperJob(
        "dai-hoi-diem-danh",
        "Danh sách đảng viên dự đại hội",
        "Đã xuất danh sách đảng viên dự đại hội ra tệp Excel.",
        "DS",
        _attendance,
    ),
    CongressPaperJob(
        "dai-hoi-bao-cao",
        "Báo cáo kết quả đại hội",
        "Đã xuất báo cáo kết quả đại hội ra tệp Excel.",
        "BC",
        _summary,
        dated_on_close=True,
    ),
    CongressPaperJob(
        "dai-hoi-trich-ngang",
        "Danh sách trích ngang người trúng cử",
        "Đã xuất danh sách trích ngang ra tệp Excel.",
        "DS",
        _bios,
        dated_on_close=True,
    ),
    CongressPaperJob(
        "dai-hoi-bieu-quyet",
        "Biên bản biểu quyết của đại hội",
        "Đã xuất biên bản biểu quyết ra tệp Excel.",
        "BB",
        _hand_votes,
    ),
)
CONGRESS_JOB_BY_KIND = {job.kind: job for job in CONGRESS_JOBS}


def prepare_ballot_papers(election_id: int, copies: int) -> PreparedExport:
    """The paper ballots of an election's current round: `copies` of them, several to an A4 page."""
    election = get_election(election_id)
    round_ = election.current_round
    if not round_.candidates:
        raise NothingToExport("Danh sách bầu cử chưa có ai: chưa in phiếu bầu được.")
    info = get_congress(election.congress_id)
    paper = ballot_paper(info, get_branch(), election, round_, copies)
    name = safe_filename(f"Phiếu bầu - {election.title} - lần {round_.number}") + ".xlsx"

    def run(path: str | os.PathLike[str], progress: Progress | None = None) -> Path:
        return write_atomically(Path(path), lambda target, _step: export_ballot_papers(target, paper), progress)

    return PreparedExport(name, run)
