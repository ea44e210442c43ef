"""A round as the domain reads it: its facts, its result recounted (from its totals, or from its entry log through
the recount models.live_count registers), and the rows behind it. The operations on rounds (models.congress.rounds)
and the elections (models.congress.elections) both build on this module."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from models.congress.congress_rows import congress_row
from models.congress.log_check import log_check
from models.congress.round_state import STATUS_LABELS, CountMode, RoundState, RoundStatus
from models.congress.summons import SummonedPerson
from models.congress.tables import CongressElection, ElectionRound, RoundCandidate
from models.core.errors import ConflictError, NotFoundError
from models.core.vnname import name_key
from models.counting import (
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
        return Election(
            self.post,
            self.number,
            self.seats,
            self.form,
            candidates,
            self.electorate,
            self.ballots_issued,
            self.rules,
            tie_break=self.tie_break,
        )


def _totals_from_json(text: str) -> Totals | None:
    if not text:
        return None
    data = json.loads(text)
    return Totals(
        collected=data["collected"],
        invalid=data.get("invalid", {}),
        votes=data.get("votes", {}),
        disagree=data.get("disagree", {}),
        valid=data.get("valid"),
    )


def totals_json(totals: Totals) -> str:
    return json.dumps(
        {
            "collected": totals.collected,
            "valid": totals.valid,
            "invalid": {str(k): v for k, v in totals.invalid.items() if v},
            "votes": dict(totals.votes),
            "disagree": dict(totals.disagree),
        },
        ensure_ascii=False,
    )


def is_tie_break(previous: RoundInfo | None, candidates: Sequence[SummonedPerson]) -> bool:
    """A round is a tie-break round (Charter Điều 12 k3) when the round before it ended in a tie across the last
    seats and its list holds only those tied: then the highest votes fill the seats without a majority. A round
    held for seats left unfilled, or whose list the congress widened, keeps the 2 × votes > D test."""
    if previous is None or previous.result is None or previous.result.next_action != NextAction.RUNOFF:
        return False
    tied = set(previous.result.tied)
    return bool(candidates) and all(p.key in tied for p in candidates)


def round_info(
    row, post: Post, people: dict[int, SummonedPerson], previous: RoundInfo | None = None, opens_on: date | None = None
) -> RoundInfo:
    """A round as the domain sees it; `previous` is the election's round before it (it decides a tie-break);
    `opens_on`, the congress's first day, picks the regulation (and its counting rules)."""
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
    info = RoundInfo(
        row.id,
        row.number,
        row.seats,
        RoundStatus(row.status),
        candidates,
        electorate,
        row.ballots_issued,
        row.notes,
        totals,
        None,
        post,
        is_tie_break(previous, candidates),
        rules=rules,
    )
    state = RoundState.of(row.status, row.count_mode)
    recount = log_check()
    if state.mode == CountMode.BALLOTS and state.has_result and recount is not None:
        check = recount(row.id, info.election, totals, row.record_digest)
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
    row = ElectionRound.get_or_none(ElectionRound.id == round_id)
    if row is None:
        raise NotFoundError(f"Không tìm thấy lần bầu mã {round_id}.")
    election = CongressElection.get_by_id(row.election_id)
    return row, election, congress_row(election.congress_id)
