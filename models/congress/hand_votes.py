"""Show-of-hands votes (biểu quyết) on procedural items: working bodies, the number of seats, the election list,
floor nominees, the resolution. For, against and abstain add up to those voting; each is recorded with its time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from models.congress.congresses import congress_row, require_session
from models.core import clock
from models.core.errors import ConflictError, ValidationError
from models.core.tables import db
from models.core.vnname import nfc
from models.counting.structure import floor_nominee_admitted


class VoteKind(StrEnum):
    WORKING_BODIES = "working_bodies"
    SEATS = "seats"
    ELECTION_LIST = "election_list"
    FLOOR_NOMINEE = "floor_nominee"
    NEXT_ROUND = "next_round"
    RESOLUTION = "resolution"
    OTHER = "other"


KIND_LABELS: dict[VoteKind, str] = {
    VoteKind.WORKING_BODIES: "Đoàn Chủ tịch, Thư ký, Ban kiểm phiếu",
    VoteKind.SEATS: "Số lượng bầu",
    VoteKind.ELECTION_LIST: "Danh sách bầu cử",
    VoteKind.FLOOR_NOMINEE: "Đưa người được đề cử, ứng cử tại đại hội vào danh sách",
    VoteKind.NEXT_ROUND: "Bầu lần tiếp theo",
    VoteKind.RESOLUTION: "Nghị quyết đại hội",
    VoteKind.OTHER: "Nội dung khác",
}


@dataclass(frozen=True)
class HandVoteRecord:
    id: int
    kind: VoteKind
    subject: str
    voting: int
    in_favour: int
    against: int
    abstain: int
    taken_at: datetime
    election_id: int | None = None
    nominee_id: int | None = None

    @property
    def adopted(self) -> bool:
        """A floor nominee needs more than 30 % of those voting; any other item more than half [U]."""
        return vote_adopted(self.kind, self.in_favour, self.voting)


def vote_adopted(kind: VoteKind, in_favour: int, voting: int) -> bool:
    if kind == VoteKind.FLOOR_NOMINEE:
        return floor_nominee_admitted(in_favour, voting)
    return 2 * in_favour > voting


def _record(row) -> HandVoteRecord:
    return HandVoteRecord(row.id, VoteKind(row.kind), row.subject, row.voting, row.in_favour, row.against,
                          row.abstain, row.taken_at, row.election_id, row.nominee_id)  # fmt: skip


def check_counts(voting: int, in_favour: int, against: int, abstain: int, may_vote: int) -> list[str]:
    problems: list[str] = []
    if min(voting, in_favour, against, abstain) < 0:
        problems.append("Các con số biểu quyết không được âm.")
    elif in_favour + against + abstain != voting:
        problems.append(
            f"Tán thành ({in_favour}) + không tán thành ({against}) + không biểu quyết ({abstain}) = "
            f"{in_favour + against + abstain}, phải bằng số người biểu quyết ({voting})."
        )
    if voting > may_vote:
        problems.append(f"Số người biểu quyết ({voting}) nhiều hơn số đảng viên chính thức có mặt ({may_vote}).")
    if voting == 0:
        problems.append("Chưa có ai biểu quyết (số người biểu quyết bằng 0).")
    return problems


def record_vote(congress_id: int, kind: VoteKind, subject: str, in_favour: int, against: int, abstain: int,
                voting: int | None = None, election_id: int | None = None,
                nominee_id: int | None = None) -> HandVoteRecord:  # fmt: skip
    """Record one vote, taken now. `voting` defaults to the official members present who may vote."""
    from models.congress.checkin import attendance_panel
    from models.congress.tables import HandVote

    subject = nfc(subject).strip()
    if not subject:
        raise ValidationError("Hãy ghi nội dung biểu quyết.", "subject")
    with db.atomic():
        congress = congress_row(congress_id)
        require_session(congress)
        panel = attendance_panel(congress.id)
        if not panel.quorum.met:  # the congress's business needs two thirds present (Charter Điều 11 k6)
            raise ConflictError(f"Chưa biểu quyết được. {panel.quorum.text}")
        may_vote = panel.ballots
        voting = may_vote if voting is None else voting
        problems = check_counts(voting, in_favour, against, abstain, may_vote)
        if kind == VoteKind.FLOOR_NOMINEE and nominee_id is None:
            problems.append("Hãy chọn người được đề cử, ứng cử tại đại hội.")
        if problems:
            raise ValidationError("\n".join(problems), "counts")
        row = HandVote.create(congress=congress.id, kind=kind, subject=subject, election=election_id,
                              nominee=nominee_id, voting=voting, in_favour=in_favour, against=against,
                              abstain=abstain, taken_at=clock.now())  # fmt: skip
        return _record(row)


def hand_votes(congress_id: int) -> list[HandVoteRecord]:
    """The congress's votes in the order taken."""
    from models.congress.tables import HandVote

    congress = congress_row(congress_id, writable=False)
    query = HandVote.select().where(HandVote.congress == congress.id).order_by(HandVote.taken_at, HandVote.id)
    return [_record(row) for row in query]


def adopted_vote(congress_id: int, kind: VoteKind, election_id: int | None = None,
                 nominee_id: int | None = None) -> HandVoteRecord | None:  # fmt: skip
    """The latest vote of this kind (for this election, nominee) if it was adopted, else None."""
    found = [v for v in hand_votes(congress_id) if v.kind == kind and v.election_id == election_id
             and (nominee_id is None or v.nominee_id == nominee_id)]  # fmt: skip
    return found[-1] if found and found[-1].adopted else None
