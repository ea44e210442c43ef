"""The elections a congress holds, in the order the rules require, and their candidate lists (Quy chế 190;
docs/domain.md §2): with ≥ 9 official members a committee of at most 7, then the secretary and a deputy from the new
committee; under 9 a secretary and optionally a deputy; then official and alternate delegates (seats from above).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from models.congress.bodies import Body, working_bodies
from models.congress.congresses import CongressInfo, congress_row, get_congress
from models.congress.hand_votes import VoteKind, hand_votes, record_vote
from models.congress.round_facts import RoundInfo, election_done, round_info, round_rows
from models.congress.summons import SummonedPerson, summoned_list
from models.congress.tables import CongressElection, ElectionRound, RoundCandidate
from models.core.errors import ConflictError, NotFoundError, ValidationError
from models.core.row_deletes import delete_rows
from models.core.tables import db
from models.counting import POST_LABELS, Post
from models.counting.structure import (
    check_committee_list,
    check_posts,
    check_seats,
    committee_allowed,
)

ORDER: tuple[Post, ...] = (
    Post.COMMITTEE,
    Post.SECRETARY,
    Post.DEPUTY_SECRETARY,
    Post.DELEGATE,
    Post.ALTERNATE_DELEGATE,
)
ELECTED_AS: dict[Post, str] = {
    Post.COMMITTEE: "Chi ủy viên",
    Post.SECRETARY: "Bí thư Chi bộ",
    Post.DEPUTY_SECRETARY: "Phó Bí thư Chi bộ",
    Post.DELEGATE: "Đại biểu chính thức",
    Post.ALTERNATE_DELEGATE: "Đại biểu dự khuyết",
}


@dataclass(frozen=True)
class ElectionInfo:
    id: int
    congress_id: int
    post: Post
    seats: int
    concluded: bool
    appointed: str
    rounds: tuple[RoundInfo, ...]
    title: str  # "Bầu Ban Chi ủy nhiệm kỳ 2025–2030"
    elected: tuple[SummonedPerson, ...] = field(default=())  # over every closed round, in order of election

    @property
    def label(self) -> str:
        return POST_LABELS[self.post]

    @property
    def done(self) -> bool:
        return election_done(self.rounds, self.concluded, self.appointed)

    @property
    def current_round(self) -> RoundInfo:
        return self.rounds[-1]

    @property
    def integrity(self) -> tuple[str, ...]:
        """What does not hold in its closed rounds' logs (empty: every result is its log's recount), each reason
        prefixed by its round: the congress does not build on such a result."""
        return tuple(f"Lần bầu thứ {r.number}: {problem}" for r in self.rounds for problem in r.integrity)


def election_title(post: Post, congress: CongressInfo) -> str:
    term = congress.term_text
    return {
        Post.COMMITTEE: f"Bầu Ban Chi ủy {term}",
        Post.SECRETARY: f"Bầu Bí thư Chi bộ {term}",
        Post.DEPUTY_SECRETARY: f"Bầu Phó Bí thư Chi bộ {term}",
        Post.DELEGATE: "Bầu đại biểu chính thức dự Đại hội cấp trên",
        Post.ALTERNATE_DELEGATE: "Bầu đại biểu dự khuyết dự Đại hội cấp trên",
    }.get(post, POST_LABELS[post])


def _info(row, congress: CongressInfo, people: dict[int, SummonedPerson]) -> ElectionInfo:

    rows = ElectionRound.select().where(ElectionRound.election == row.id).order_by(ElectionRound.number)
    built: list[RoundInfo] = []
    for r in rows:
        built.append(round_info(r, Post(row.post), people, built[-1] if built else None, congress.opens_on))
    rounds = tuple(built)
    elected = tuple(people_by_key(people)[key] for r in rounds if r.result is not None for key in r.result.elected)
    return ElectionInfo(
        row.id,
        row.congress_id,
        Post(row.post),
        row.seats,
        row.concluded,
        row.appointed,
        rounds,
        row.title or election_title(Post(row.post), congress),
        elected,
    )


def people_by_key(people: dict[int, SummonedPerson]) -> dict[str, SummonedPerson]:
    return {p.key: p for p in people.values()}


def congress_elections(congress_id: int) -> list[ElectionInfo]:
    """The congress's elections in the order the rules require."""

    congress = get_congress(congress_id)
    people = {p.id: p for p in summoned_list(congress_id)}
    query = (
        CongressElection.select().where(CongressElection.congress == congress_id).order_by(CongressElection.position)
    )
    return [_info(row, congress, people) for row in query]


def get_election(election_id: int) -> ElectionInfo:

    row = CongressElection.get_or_none(CongressElection.id == election_id)
    if row is None:
        raise NotFoundError(f"Không tìm thấy cuộc bầu cử mã {election_id}.")
    congress_row(row.congress_id, writable=False)
    people = {p.id: p for p in summoned_list(row.congress_id)}
    return _info(row, get_congress(row.congress_id), people)


def _official(people: list[SummonedPerson]) -> int:
    return sum(1 for p in people if p.official)


def required_posts(congress_id: int) -> tuple[Post, ...]:
    """What the branch must elect: a committee with ≥ 9 official members, and a secretary; the deputy and the
    delegates are elected when there are any (delegate seats are allocated from above)."""
    official = _official(summoned_list(congress_id))
    return (Post.COMMITTEE, Post.SECRETARY) if committee_allowed(official) else (Post.SECRETARY,)


@dataclass(frozen=True)
class PlannedElection:
    """An election the congress may hold now: `reason` says why it cannot be set up yet ("" when it can)."""

    post: Post
    label: str
    exists: bool
    reason: str


def election_plan(congress_id: int) -> list[PlannedElection]:
    """What this congress elects, in order, and which elections can be set up now."""
    people = summoned_list(congress_id)
    official = _official(people)
    existing = {e.post: e for e in congress_elections(congress_id)}
    posts = ORDER if committee_allowed(official) else tuple(p for p in ORDER if p != Post.COMMITTEE)
    return [
        PlannedElection(post, POST_LABELS[post], post in existing, _not_yet(post, official, existing)) for post in posts
    ]


def unfinished_elections(congress_id: int) -> list[str]:
    """What closing the congress now would leave undone, in the rules' order: an election the branch must hold
    that was never set up, any election set up but not finished, and any whose result does not hold its log."""
    required = required_posts(congress_id)
    existing = {e.post: e for e in congress_elections(congress_id)}
    out = []
    for planned in election_plan(congress_id):
        election = existing.get(planned.post)
        if election is None and planned.post in required:
            out.append(f"Chưa bầu {planned.label}: cuộc bầu chưa được thiết lập.")
        elif election is None:
            out.append(f"Không bầu {planned.label} (chưa thiết lập).")
        elif not election.done:
            out.append(f"Chưa bầu xong {election.label}: còn {election.seats - len(election.elected)} chỗ.")
        elif election.integrity:
            out.append(f"Kết quả bầu {election.label} không dùng được. {election.integrity[0]}")
    return out


def _not_yet(post: Post, official: int, existing: dict[Post, ElectionInfo]) -> str:
    """Why `post` cannot be set up now: the secretary and the deputy are elected from the new committee."""
    if post in (Post.SECRETARY, Post.DEPUTY_SECRETARY) and committee_allowed(official):
        committee = existing.get(Post.COMMITTEE)
        if committee is None or not committee.done or not committee.elected:
            return "Bầu sau khi đã bầu xong Ban Chi ủy (bí thư, phó bí thư được bầu trong số chi ủy viên)."
    if post == Post.DEPUTY_SECRETARY:
        secretary = existing.get(Post.SECRETARY)
        if secretary is None or not secretary.done:
            return "Bầu sau khi đã bầu xong Bí thư Chi bộ."
    return ""


def add_election(congress_id: int, post: Post, seats: int) -> ElectionInfo:
    """Set up one election with its first round (its list still empty)."""

    with db.atomic():
        congress = congress_row(congress_id)
        people = summoned_list(congress.id)
        official = _official(people)
        problems = check_seats(post, seats)
        if post == Post.COMMITTEE:
            problems += check_posts(official, seats)
        existing = {e.post: e for e in congress_elections(congress.id)}
        if post in existing:
            problems.append(f"Đại hội đã có cuộc bầu {POST_LABELS[post]}.")
        reason = _not_yet(post, official, existing)
        if reason:
            problems.append(reason)
        if problems:
            raise ValidationError("\n".join(problems), "post")
        row = CongressElection.create(congress=congress.id, post=post, seats=seats, position=ORDER.index(post))
        ElectionRound.create(election=row.id, number=1, seats=seats)
        return get_election(row.id)


def _setup_round(round_id: int):
    """The round and election rows of a round still in set-up (its list and seats can change)."""
    row, election, _congress = round_rows(round_id)
    if row.status != "setup":
        raise ConflictError(f"Lần bầu thứ {row.number} đã bắt đầu: danh sách và số lượng bầu không thay đổi được nữa.")
    return row, election


def set_seats(election_id: int, seats: int) -> ElectionInfo:
    """Change the number to elect, while the first round has not started."""

    with db.atomic():
        election = get_election(election_id)
        row, _ = _setup_round(election.rounds[0].id)
        if len(election.rounds) > 1:
            raise ConflictError("Đã có lần bầu sau: số lượng bầu không thay đổi được nữa.")
        problems = check_seats(election.post, seats)
        if election.post == Post.COMMITTEE:
            congress = CongressElection.get_by_id(election_id).congress_id
            problems += check_posts(_official(summoned_list(congress)), seats)
        if problems:
            raise ValidationError("\n".join(problems), "seats")
        CongressElection.update(seats=seats).where(CongressElection.id == election_id).execute()
        ElectionRound.update(seats=seats).where(ElectionRound.id == row.id).execute()
        return get_election(election_id)


NOT_ON_NEW_COMMITTEE = "Không trúng cử Ban Chi ủy khóa mới."  # the secretary and deputy come from the committee


def eligibility(election_id: int) -> list[tuple[SummonedPerson, str]]:
    """Every summoned member with why they cannot be on this election's list ("" when they can), A-B-C order."""

    election = get_election(election_id)
    congress_id = election.congress_id
    counting = {seat.person.id for seat in working_bodies(congress_id)[Body.COUNTING]}
    others = {e.post: e for e in congress_elections(congress_id)}
    committee = others.get(Post.COMMITTEE)
    from_committee = election.post in (Post.SECRETARY, Post.DEPUTY_SECRETARY) and committee is not None
    members = {p.id for p in committee.elected} if committee is not None and from_committee else set()
    secretary = others.get(Post.SECRETARY)
    taken = {p.id for p in secretary.elected} if secretary and election.post == Post.DEPUTY_SECRETARY else set()
    out = []
    for p in summoned_list(congress_id):
        if from_committee and p.id not in members:  # first: the lists of the secretary and deputy leave them out
            reason = NOT_ON_NEW_COMMITTEE
        elif not p.official:
            reason = "Đảng viên dự bị không được ứng cử, đề cử."
        elif not p.may_stand:
            reason = "Đang bị đình chỉ sinh hoạt đảng."
        elif p.id in counting:
            reason = "Là thành viên Ban kiểm phiếu."
        elif p.id in taken:
            reason = "Đã trúng cử Bí thư Chi bộ."
        else:
            reason = ""
        out.append((p, reason))
    return out


def _check_eligible(election_id: int, summoned_ids: list[int]) -> None:
    reasons = {p.id: (p, reason) for p, reason in eligibility(election_id)}
    problems = []
    for summoned_id in summoned_ids:
        if summoned_id not in reasons:
            problems.append(f"Người mã {summoned_id} không có trong danh sách triệu tập của đại hội.")
        elif reasons[summoned_id][1]:
            p, reason = reasons[summoned_id]
            problems.append(f"{p.full_name}: {reason}")
    if problems:
        raise ValidationError("Không đưa vào danh sách bầu cử được:\n" + "\n".join(problems), "candidates")


def set_candidates(round_id: int, summoned_ids: list[int]) -> ElectionInfo:
    """Replace the proposed list of a round in set-up (floor and self nominees stay). The list prints and counts
    in A-B-C order whatever order the names were picked in."""

    with db.atomic():
        row, election = _setup_round(round_id)
        _check_eligible(election.id, summoned_ids)
        delete_rows(RoundCandidate, (RoundCandidate.round == row.id) & (RoundCandidate.source == "list"))
        kept = {c.summoned_id for c in RoundCandidate.select().where(RoundCandidate.round == row.id)}
        for summoned_id in dict.fromkeys(summoned_ids):
            if summoned_id not in kept:
                RoundCandidate.create(round=row.id, summoned=summoned_id, source="list")
        return get_election(election.id)


def add_floor_nominee(round_id: int, summoned_id: int, vote_id: int, self_nominated: bool = False) -> ElectionInfo:
    """Put a nominee from the floor (or a self-nominee) on the list: only with a recorded show-of-hands vote for
    them in which more than 30 % of those voting agreed."""

    with db.atomic():
        row, election = _setup_round(round_id)
        vote = next((v for v in hand_votes(election.congress_id) if v.id == vote_id), None)
        if vote is None or vote.kind != VoteKind.FLOOR_NOMINEE or vote.nominee_id != summoned_id:
            raise ValidationError("Chưa có kết quả biểu quyết đưa người này vào danh sách bầu cử.", "vote")
        if vote.election_id not in (None, election.id):
            raise ValidationError("Kết quả biểu quyết này thuộc cuộc bầu khác.", "vote")
        if not vote.adopted:
            raise ValidationError(
                f"Chỉ {vote.in_favour}/{vote.voting} người đồng ý, không quá 30% nên không đưa vào danh sách.",
                "vote",
            )
        _check_eligible(election.id, [summoned_id])
        if (
            RoundCandidate.select()
            .where((RoundCandidate.round == row.id) & (RoundCandidate.summoned == summoned_id))
            .exists()
        ):
            raise ConflictError("Người này đã có trong danh sách bầu cử.")
        RoundCandidate.create(
            round=row.id, summoned=summoned_id, source="self" if self_nominated else "floor", admitted_by=vote.id
        )
        return get_election(election.id)


def admit_floor_nominee(
    round_id: int,
    summoned_id: int,
    subject: str,
    in_favour: int,
    against: int,
    abstain: int,
    voting: int | None = None,
    self_nominated: bool = False,
):
    """One act: the congress's show of hands on a floor nominee (or self-nominee), and their place on the list
    when more than 30 % agreed, in one transaction: if either part is refused, nothing is saved. Returns
    (the vote, the election as it now stands)."""

    with db.atomic():
        _row, election = _setup_round(round_id)
        vote = record_vote(
            election.congress_id,
            VoteKind.FLOOR_NOMINEE,
            subject,
            in_favour,
            against,
            abstain,
            voting,
            election.id,
            summoned_id,
        )
        if vote.adopted:
            return vote, add_floor_nominee(round_id, summoned_id, vote.id, self_nominated)
        return vote, get_election(election.id)


def remove_candidate(round_id: int, summoned_id: int) -> ElectionInfo:

    with db.atomic():
        row, election = _setup_round(round_id)
        delete_rows(RoundCandidate, (RoundCandidate.round == row.id) & (RoundCandidate.summoned == summoned_id))
        return get_election(election.id)


def list_problems(election: ElectionInfo, round_: RoundInfo) -> list[str]:
    """The structure rules of a round's list: a committee list exceeds the seats by at most the surplus allowed;
    every list has at least as many names as seats to fill (fewer is allowed only after a first round)."""
    count = len(round_.candidates)
    if count == 0:
        return ["Danh sách bầu cử chưa có ai."]
    if election.post == Post.COMMITTEE and round_.number == 1:
        return check_committee_list(round_.seats, count)
    if round_.number == 1 and count < round_.seats:
        return [f"Danh sách có {count} người, ít hơn số lượng cần bầu ({round_.seats})."]
    return []
