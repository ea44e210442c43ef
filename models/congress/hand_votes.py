"""Show-of-hands votes (biểu quyết) on procedural items: working bodies, the number of seats, the election list,
floor nominees, the resolution. For, against and abstain add up to those voting; each is recorded with its time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from models.congress.checkin import attendance_panel
from models.congress.congresses import congress_row, require_session
from models.congress.tables import ElectionRound, HandVote, RoundCandidate
from models.core import clock
from models.core.errors import ConflictError, ValidationError
from models.core.row_deletes import delete_rows
from models.core.tables import db
from models.core.vnname import nfc
from models.core.who import current_user
from models.counting.structure import floor_nominee_admitted


class VoteKind(StrEnum):
    WORKING_BODIES = "working_bodies"
    SEATS = "seats"
    ELECTION_LIST = "election_list"
    FLOOR_NOMINEE = "floor_nominee"
    NEXT_ROUND = "next_round"
    RESOLUTION = "resolution"
    OTHER = "other"


ELECTION_KINDS = (VoteKind.SEATS, VoteKind.ELECTION_LIST, VoteKind.FLOOR_NOMINEE)  # taken for one election

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
    voided_at: datetime | None = None  # recorded by mistake and voided: kept, with its reason, counting for nothing
    void_reason: str = ""

    @property
    def adopted(self) -> bool:
        """A floor nominee needs more than 30 % of those voting; any other item more than half [U]. A voided vote
        adopts nothing."""
        return self.voided_at is None and vote_adopted(self.kind, self.in_favour, self.voting)

    @property
    def verdict(self) -> str:
        if self.voided_at is not None:
            return f"Đã hủy ({self.void_reason})"
        return "Thông qua" if self.adopted else "Không thông qua"


def vote_adopted(kind: VoteKind, in_favour: int, voting: int) -> bool:
    if kind == VoteKind.FLOOR_NOMINEE:
        return floor_nominee_admitted(in_favour, voting)
    return 2 * in_favour > voting


def _record(row) -> HandVoteRecord:
    return HandVoteRecord(
        row.id,
        VoteKind(row.kind),
        row.subject,
        row.voting,
        row.in_favour,
        row.against,
        row.abstain,
        row.taken_at,
        row.election_id,
        row.nominee_id,
        row.voided_at,
        row.void_reason,
    )


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


def record_vote(
    congress_id: int,
    kind: VoteKind,
    subject: str,
    in_favour: int,
    against: int,
    abstain: int,
    voting: int | None = None,
    election_id: int | None = None,
    nominee_id: int | None = None,
) -> HandVoteRecord:
    """Record one vote, taken now. `voting` defaults to the official members present who may vote."""

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
        if kind in ELECTION_KINDS and election_id is None:
            problems.append(
                "Số lượng bầu, danh sách bầu cử và người đề cử tại đại hội được biểu quyết cho một cuộc "
                "bầu: hãy ghi ở mục «4. Bầu cử», cuộc bầu đó."
            )
        if kind in (VoteKind.SEATS, VoteKind.ELECTION_LIST) and election_id is not None:
            earlier = adopted_vote(congress.id, kind, election_id)
            if earlier is not None:
                problems.append(
                    f"Đại hội đã thông qua «{earlier.subject}» lúc {earlier.taken_at:%H:%M}: không biểu "
                    "quyết lại; nếu ghi nhầm, hãy hủy kết quả đó (ghi lý do) rồi ghi lại."
                )
        if problems:
            raise ValidationError("\n".join(problems), "counts")
        row = HandVote.create(
            congress=congress.id,
            kind=kind,
            subject=subject,
            election=election_id,
            nominee=nominee_id,
            voting=voting,
            in_favour=in_favour,
            against=against,
            abstain=abstain,
            taken_at=clock.now(),
        )
        return _record(row)


def void_vote(vote_id: int, reason: str) -> HandVoteRecord:
    """Void a vote recorded by mistake, with its reason: the row stays (the record lists it as voided) and it
    adopts nothing from now on. A vote something was built on is refused: the seats or list of an election whose
    ballots were issued, a nominee now on a list whose ballots were issued; a nominee still on a list in set-up
    leaves it together with the vote that admitted them."""

    reason = nfc(reason).strip()
    if not reason:
        raise ValidationError("Hãy ghi lý do hủy kết quả biểu quyết.", "reason")
    with db.atomic():
        row = HandVote.get_or_none(HandVote.id == vote_id)
        if row is None:
            raise ValidationError(f"Không có kết quả biểu quyết mã {vote_id}.", "vote")
        require_session(congress_row(row.congress_id))
        if row.voided_at is not None:
            raise ConflictError("Kết quả biểu quyết này đã hủy từ trước.")
        if row.kind in (VoteKind.SEATS, VoteKind.ELECTION_LIST) and row.election_id is not None:
            started = ElectionRound.select().where(
                (ElectionRound.election == row.election_id) & (ElectionRound.status != "setup")
            )
            if started.exists():
                raise ConflictError("Cuộc bầu này đã phát phiếu theo kết quả biểu quyết đó: không hủy được.")
        admitted = (
            RoundCandidate.select(RoundCandidate, ElectionRound)
            .join(ElectionRound)
            .where(RoundCandidate.admitted_by == row.id)
        )
        if any(c.round.status != "setup" for c in admitted):
            raise ConflictError(
                "Người được đưa vào danh sách theo kết quả này đã có tên trên phiếu bầu đã phát: không hủy được."
            )
        delete_rows(RoundCandidate, RoundCandidate.admitted_by == row.id)
        HandVote.update(voided_at=clock.now(), void_reason=reason, voided_by=current_user()).where(
            HandVote.id == row.id
        ).execute()
        return _record(HandVote.get_by_id(row.id))


def hand_votes(congress_id: int) -> list[HandVoteRecord]:
    """The congress's votes in the order taken."""

    congress = congress_row(congress_id, writable=False)
    query = HandVote.select().where(HandVote.congress == congress.id).order_by(HandVote.taken_at, HandVote.id)
    return [_record(row) for row in query]


def adopted_vote(
    congress_id: int, kind: VoteKind, election_id: int | None = None, nominee_id: int | None = None
) -> HandVoteRecord | None:
    """The latest vote in force (not voided) of this kind (for this election, nominee) if it was adopted, else
    None."""
    found = [
        v
        for v in hand_votes(congress_id)
        if v.kind == kind
        and v.election_id == election_id
        and (nominee_id is None or v.nominee_id == nominee_id)
        and v.voided_at is None
    ]
    return found[-1] if found and found[-1].adopted else None
