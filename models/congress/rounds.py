"""Rounds of an election: start (the electorate is frozen as the ballots are issued), the result of a count done
by hand entered as totals, the next round, and the end of an election (Quy chế 190; docs/domain.md §3)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from models.congress.round_state import STATUS_LABELS, CountMode, RoundState, RoundStatus
from models.congress.summons import SummonedPerson
from models.core import clock
from models.core.errors import ConflictError, NotFoundError, ValidationError
from models.core.tables import db
from models.core.vnname import name_key
from models.counting import (
    POST_LABELS,
    Candidate,
    CountResult,
    Election,
    Electorate,
    Exclusions,
    Form,
    NextAction,
    Post,
    Rules,
    Totals,
    count_totals,
)
from models.counting.regulations import regulation_on
from models.counting.structure import SINGLE_SEAT_POSTS


@dataclass(frozen=True)
class RoundInfo:
    id: int
    number: int
    seats: int
    status: RoundStatus
    candidates: tuple[SummonedPerson, ...]  # in A-B-C order: the ballot's order
    electorate: Electorate | None  # frozen when the round started
    ballots_issued: int | None
    notes: str
    totals: Totals | None
    result: CountResult | None
    post: Post
    tie_break: bool = False  # a re-vote only among passers tied across the last seats (see `is_tie_break`)
    # What does not hold in a closed round counted ballot by ballot: its chain, its seal, or the result stored with
    # it against the recount of its log (empty when everything holds). Every paper and screen shows these in red.
    integrity: tuple[str, ...] = ()
    rules: Rules = Rules()  # the counting options of the regulation in force on the congress's day

    @property
    def form(self) -> Form:
        """A list with surplus is struck through; a list without surplus (or one name) is agreed or not."""
        return Form.STRIKE if len(self.candidates) > self.seats else Form.AGREE

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    def state(self, writable: bool = True) -> RoundState:
        """What may be done with the round now (the count's mode is not known here: undecided)."""
        return RoundState(self.status, writable=writable)

    @property
    def election(self) -> Election:
        """The engine's view of this round (started rounds only)."""
        if self.electorate is None or self.ballots_issued is None:
            raise ConflictError(f"Lần bầu thứ {self.number} chưa bắt đầu.")
        candidates = tuple(Candidate(p.key, p.full_name, p.birth_date) for p in self.candidates)
        return Election(self.post, self.number, self.seats, self.form, candidates, self.electorate,
                        self.ballots_issued, self.rules, tie_break=self.tie_break)  # fmt: skip


def _totals_from_json(text: str) -> Totals | None:
    if not text:
        return None
    data = json.loads(text)
    return Totals(collected=data["collected"], invalid=data.get("invalid", {}), votes=data.get("votes", {}),
                  disagree=data.get("disagree", {}), valid=data.get("valid"))  # fmt: skip


def totals_json(totals: Totals) -> str:
    return json.dumps({"collected": totals.collected, "valid": totals.valid,
                       "invalid": {str(k): v for k, v in totals.invalid.items() if v},
                       "votes": dict(totals.votes), "disagree": dict(totals.disagree)}, ensure_ascii=False)  # fmt: skip


def is_tie_break(previous: RoundInfo | None, candidates: Sequence[SummonedPerson]) -> bool:
    """A round is a tie-break round (Charter Điều 12 k3) when the round before it ended in a tie across the last
    seats and its list holds only those tied: then the highest votes fill the seats without a majority. A round
    held for seats left unfilled, or whose list the congress widened, keeps the 2 × votes > D test."""
    if previous is None or previous.result is None or previous.result.next_action != NextAction.RUNOFF:
        return False
    tied = set(previous.result.tied)
    return bool(candidates) and all(p.key in tied for p in candidates)


# The entry log lives in models.ballots, which builds on this package: it registers how a closed round counted
# ballot by ballot is recounted from its log (models.ballots.seal), so every reader of a result gets that recount.
_log_check: Callable | None = None


def use_log_check(check: Callable) -> None:
    global _log_check
    _log_check = check


def round_info(row, post: Post, people: dict[int, SummonedPerson], previous: RoundInfo | None = None,
               opens_on: date | None = None) -> RoundInfo:  # fmt: skip
    """A round as the domain sees it; `previous` is the election's round before it (it decides a tie-break);
    `opens_on`, the congress's first day, picks the regulation (and its counting rules)."""
    from models.congress.tables import RoundCandidate

    ids = [c.summoned_id for c in RoundCandidate.select(RoundCandidate.summoned).where(RoundCandidate.round == row.id)]
    candidates = tuple(
        sorted((people[i] for i in ids if i in people), key=lambda p: name_key(p.full_name, p.birth_date))
    )
    electorate = None
    if row.official_summoned is not None:
        excluded = Exclusions(row.temporary_elsewhere, row.exempt_absent, row.suspended, row.absent_approved)
        electorate = Electorate(row.official_summoned, excluded, row.official_present)
    totals = _totals_from_json(row.result)
    rules = regulation_on(opens_on).rules if opens_on else Rules()
    info = RoundInfo(row.id, row.number, row.seats, RoundStatus(row.status), candidates, electorate, row.ballots_issued,
                     row.notes, totals, None, post, is_tie_break(previous, candidates), rules=rules)  # fmt: skip
    state = RoundState.of(row.status, row.count_mode)
    if state.mode == CountMode.BALLOTS and state.has_result and _log_check is not None:
        check = _log_check(row.id, info.election, totals, row.record_digest)
        return replace(info, totals=check.totals, result=check.result, integrity=check.problems)
    if totals is not None:
        info = replace(info, result=count_totals(info.election, totals))
    return info


def election_done(rounds: Sequence[RoundInfo], concluded: bool, appointed: str) -> bool:
    """Done when its last round has a result that fills every seat or leaves nothing more to elect, or when the
    congress decided to hold no further round (or the higher committee appoints)."""
    if concluded or appointed:
        return True
    if not rounds or rounds[-1].result is None:
        return False
    result = rounds[-1].result
    return result.open_seats == 0 or result.next_action in (NextAction.NONE, NextAction.APPOINTMENT)


def round_rows(round_id: int):
    """(round, its election, its congress) rows of a round of the current branch; a closed congress refuses."""
    from models.congress.congresses import congress_row
    from models.congress.tables import CongressElection, ElectionRound

    row = ElectionRound.get_or_none(ElectionRound.id == round_id)
    if row is None:
        raise NotFoundError(f"Không tìm thấy lần bầu mã {round_id}.")
    election = CongressElection.get_by_id(row.election_id)
    return row, election, congress_row(election.congress_id)


def _current(election_row, round_row) -> RoundInfo:
    from models.congress.elections import get_election

    return next(r for r in get_election(election_row.id).rounds if r.id == round_row.id)


def start_problems(round_id: int) -> list[str]:
    """Every reason the round cannot start now (empty: it can): the congress in session, the elections before it
    done, the seats and the list adopted by show of hands (first round), the list's structure, the counting
    committee, and at least ⌊D/2⌋ + 1 official members present who can vote."""
    from models.congress.bodies import Body, counting_committee_problems, working_bodies
    from models.congress.checkin import attendance_panel
    from models.congress.elections import congress_elections, list_problems
    from models.congress.hand_votes import VoteKind, adopted_vote

    row, election_row, congress = round_rows(round_id)
    problems: list[str] = []
    if congress.status != "in_session":
        problems.append("Đại hội chưa khai mạc (hoặc đã bế mạc).")
    if row.status != "setup":
        problems.append(f"Lần bầu thứ {row.number} đã bắt đầu.")
    elections = congress_elections(congress.id)
    election = next(e for e in elections if e.id == election_row.id)
    problems += _order_problems(congress.id, election, elections)
    round_ = next(r for r in election.rounds if r.id == row.id)
    problems += list_problems(election, round_)
    if row.number == 1:
        votes = ((VoteKind.SEATS, "số lượng bầu"), (VoteKind.ELECTION_LIST, "danh sách bầu cử"))
        for kind, what in votes[1:] if election.post in SINGLE_SEAT_POSTS else votes:
            if adopted_vote(congress.id, kind, election.id) is None:
                problems.append(f"Đại hội chưa biểu quyết thông qua {what} {POST_LABELS[election.post]}.")
    counting = [seat.person for seat in working_bodies(congress.id)[Body.COUNTING]]
    problems += [f"Ban kiểm phiếu: {p}" for p in counting_committee_problems(congress.id, counting)]
    panel = attendance_panel(congress.id)
    problems += list(panel.blocking)
    return problems


def _order_problems(congress_id: int, election, elections) -> list[str]:
    """The elections before this one must be done: those the branch must hold (the committee with ≥ 9 official
    members, the secretary) even when not set up yet, the optional ones (deputy, delegates) when set up."""
    from models.congress.elections import ORDER, required_posts

    held = {e.post: e for e in elections}
    problems = []
    for post in ORDER[: ORDER.index(election.post)]:
        earlier = held.get(post)
        if earlier is None and post in required_posts(congress_id):
            problems.append(f"Chưa bầu {POST_LABELS[post]}: các cuộc bầu phải theo thứ tự.")
        elif earlier is not None and not earlier.done:
            problems.append(f"Chưa bầu xong {earlier.label}: các cuộc bầu phải theo thứ tự.")
        elif earlier is not None and earlier.integrity:
            problems.append(f"Kết quả bầu {earlier.label} không dùng được. {earlier.integrity[0]}")
    return problems


def start_round(round_id: int, ballots_issued: int | None = None) -> RoundInfo:
    """Issue the ballots: the electorate (D, its exclusions, official members present) is frozen for this round.
    `ballots_issued` defaults to the official members present who may vote, and cannot exceed it."""
    from models.congress.checkin import attendance_panel
    from models.congress.tables import ElectionRound

    with db.atomic():
        row, election_row, congress = round_rows(round_id)
        problems = start_problems(round_id)
        panel = attendance_panel(congress.id)
        issued = panel.ballots if ballots_issued is None else ballots_issued
        if not 0 < issued <= panel.ballots:
            problems.append(f"Số phiếu phát ra ({issued}) phải từ 1 đến số đảng viên chính thức có mặt được quyền "
                            f"bầu cử ({panel.ballots}).")  # fmt: skip
        if problems:
            raise ValidationError("Chưa bắt đầu lần bầu được:\n" + "\n".join(problems), "round")
        ex = panel.electorate.excluded
        ElectionRound.update(status="counting", official_summoned=panel.electorate.official_summoned,
                             temporary_elsewhere=ex.temporary_elsewhere, exempt_absent=ex.exempt_absent,
                             suspended=ex.suspended, absent_approved=ex.absent_approved,
                             official_present=panel.electorate.official_present, ballots_issued=issued,
                             started_at=clock.now()).where(ElectionRound.id == row.id).execute()  # fmt: skip
        return _current(election_row, row)


def record_totals(round_id: int, totals: Totals) -> RoundInfo:
    """Enter the result of a count done by hand. A count that does not add up (the engine's consistency checks) is
    refused with every problem, and nothing is saved; otherwise the round is closed with its result."""
    from models.congress.tables import ElectionRound
    from models.counting import MalformedError

    with db.atomic():
        row, election_row, _congress = round_rows(round_id)
        state = RoundState.of(row.status, row.count_mode)
        if state.status != RoundStatus.COUNTING:
            raise ConflictError(f"Lần bầu thứ {row.number} không ở trạng thái kiểm phiếu.")
        if not state.can_enter_totals:
            raise ConflictError("Lần bầu này đang nhập từng phiếu ở thẻ «Bầu cử»: không nhập số tổng hợp được.")
        info = _current(election_row, row)
        try:
            result = count_totals(info.election, totals)
        except MalformedError as exc:
            raise ValidationError(str(exc), "totals") from exc
        if result.blocked:
            raise ValidationError("Kết quả kiểm phiếu chưa khớp:\n" + "\n".join(p.message for p in result.problems),
                                  "totals")  # fmt: skip
        closed = dict(status="closed", result=totals_json(totals), count_mode="totals", closed_at=clock.now())
        ElectionRound.update(**closed).where(ElectionRound.id == row.id).execute()
        return _current(election_row, row)


def next_round(election_id: int) -> RoundInfo:
    """The next round in one step: the tied (runoff) or the not elected, for the seats left open. Adding names is
    the congress's decision (edit the new round's list). The secretary has at most three rounds."""
    from models.congress.congresses import congress_row
    from models.congress.elections import get_election
    from models.congress.tables import CongressElection, ElectionRound, RoundCandidate

    with db.atomic():
        election_row = CongressElection.get_by_id(election_id)
        congress_row(election_row.congress_id)
        election = get_election(election_id)
        last = election.current_round
        if last.result is None:
            raise ConflictError(f"Lần bầu thứ {last.number} chưa có kết quả.")
        if last.integrity:
            raise ConflictError(f"Kết quả lần bầu thứ {last.number} không dùng được. {last.integrity[0]}")
        if election.concluded or election.appointed:
            raise ConflictError("Đại hội đã kết thúc cuộc bầu này.")
        action = last.result.next_action
        if action == NextAction.APPOINTMENT:
            raise ConflictError("Đã bầu ba lần chưa có bí thư: cấp ủy cấp trên chỉ định bí thư chi bộ.")
        if action not in (NextAction.RUNOFF, NextAction.NEXT_ROUND):
            raise ConflictError("Cuộc bầu đã đủ số lượng, không cần bầu thêm.")
        new = ElectionRound.create(election=election_id, number=last.number + 1, seats=last.result.open_seats)
        by_key = {p.key: p for p in last.candidates}
        for key in last.result.next_candidates:
            RoundCandidate.create(round=new.id, summoned=by_key[key].id, source="list")
        return _current(election_row, new)


def conclude_election(election_id: int) -> None:
    """The congress decides to hold no further round: the seats left open stay open."""
    from models.congress.congresses import congress_row
    from models.congress.tables import CongressElection

    with db.atomic():
        row = CongressElection.get_by_id(election_id)
        congress_row(row.congress_id)
        CongressElection.update(concluded=True).where(CongressElection.id == election_id).execute()


def record_appointment(election_id: int, name: str) -> None:
    """After a third secretary round without a winner the higher committee appoints (chỉ định) the secretary."""
    from models.congress.congresses import congress_row
    from models.congress.elections import get_election
    from models.congress.tables import CongressElection
    from models.core.vnname import nfc

    name = nfc(name).strip()
    if not name:
        raise ValidationError("Hãy ghi họ tên người được chỉ định.", "appointed")
    with db.atomic():
        row = CongressElection.get_by_id(election_id)
        congress_row(row.congress_id)
        last = get_election(election_id).current_round
        if last.result is None or last.result.next_action != NextAction.APPOINTMENT:
            raise ConflictError("Chỉ ghi người được chỉ định sau ba lần bầu bí thư không có người trúng cử.")
        CongressElection.update(appointed=name).where(CongressElection.id == election_id).execute()
