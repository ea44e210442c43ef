"""Who is elected: pass test, ranking, ties across the last seat, and the next step (Quy chế 190; docs/domain.md §3)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from models.counting.consistency import Problem, check_consistency
from models.counting.election import SECRETARY_MAX_ROUNDS, Election, Post
from models.counting.electorate import passes, percent, threshold
from models.counting.validity import INVALID_REASONS, Form, InvalidReason

RESULT_FORMAT = "chibo.result/1"


class NextAction(StrEnum):
    NONE = "none"
    RUNOFF = "runoff"  # a tie across the last seat: another round among the tied
    NEXT_ROUND = "next_round"  # seats left unfilled: another round among the not-elected
    APPOINTMENT = "appointment"  # secretary, no winner after round 3: the higher committee appoints (chỉ định)


NEXT_ACTION_LABELS: dict[NextAction, str] = {
    NextAction.NONE: "Không",
    NextAction.RUNOFF: "Bầu lại trong số những người bằng phiếu nhau",
    NextAction.NEXT_ROUND: "Bầu tiếp cho đủ số lượng (nếu đại hội quyết định)",
    NextAction.APPOINTMENT: "Cấp ủy cấp trên chỉ định",
}


@dataclass(frozen=True)
class CandidateResult:
    id: str
    name: str
    votes: int  # agree form: agree marks
    disagree: int  # agree form only; 0 on the strike form
    not_counted: int  # agree form only: valid ballots with neither agree nor disagree for this row
    percent: Decimal  # votes / D, two decimals, half up: display only
    passed: bool  # 2 × votes > D
    elected: bool
    rank: int  # standard competition rank by votes (1, 2, 2, 4)


@dataclass(frozen=True)
class CountResult:
    """The result the counting minutes need. `next_candidates` (not in the JSON) are the default candidates of
    the next round: the tied for a runoff, every not-elected candidate for a next round, none otherwise."""

    D: int
    threshold: int
    ballots_issued: int
    collected: int
    valid: int
    invalid: int
    invalid_reasons: Mapping[InvalidReason, int]
    candidates: tuple[CandidateResult, ...]
    elected: tuple[str, ...]
    open_seats: int
    tied: tuple[str, ...]
    next_action: NextAction
    next_candidates: tuple[str, ...]
    problems: tuple[Problem, ...]
    digest_ok: bool | None = None

    @property
    def blocked(self) -> bool:
        return bool(self.problems)

    def to_json(self) -> dict:
        """The `chibo.result/1` object, keys in the order of docs/election-record.md."""
        return {
            "format": RESULT_FORMAT,
            "D": self.D,
            "threshold": self.threshold,
            "ballots_issued": self.ballots_issued,
            "collected": self.collected,
            "valid": self.valid,
            "invalid": self.invalid,
            "invalid_reasons": {str(r): int(self.invalid_reasons.get(r, 0)) for r in INVALID_REASONS},
            "candidates": [
                {
                    "id": c.id,
                    "name": c.name,
                    "votes": c.votes,
                    "disagree": c.disagree,
                    "not_counted": c.not_counted,
                    "percent": float(c.percent),
                    "passed": c.passed,
                    "elected": c.elected,
                    "rank": c.rank,
                }
                for c in self.candidates
            ],
            "elected": list(self.elected),
            "open_seats": self.open_seats,
            "tied": list(self.tied),
            "next_action": str(self.next_action),
            "problems": [p.as_dict() for p in self.problems],
            "digest_ok": self.digest_ok,
        }


def competition_ranks(votes: list[int]) -> list[int]:
    """Standard competition rank of each entry (1, 2, 2, 4), highest votes first."""
    ordered = sorted(votes, reverse=True)
    first_at: dict[int, int] = {}
    for pos, v in enumerate(ordered, start=1):
        first_at.setdefault(v, pos)
    return [first_at[v] for v in votes]


def fill_seats(seats: int, passers: list[str], votes: Mapping[str, int]) -> tuple[list[str], list[str]]:
    """(elected, tied) among `passers` (already in order of votes, equal votes in list order).

    Exactly up to `seats`; when the votes of the last seat are shared by candidates beyond it, none of those
    tied is elected (never broken by age or list order), only the ones strictly above them.
    """
    if len(passers) <= seats:
        return list(passers), []
    last = votes[passers[seats - 1]]
    if votes[passers[seats]] != last:
        return list(passers[:seats]), []
    return [c for c in passers if votes[c] > last], [c for c in passers if votes[c] == last]


def decide(
    election: Election,
    *,
    collected: int,
    valid: int,
    invalid_reasons: Mapping[InvalidReason, int],
    votes: Mapping[str, int],
    disagree: Mapping[str, int],
    digest_ok: bool | None = None,
    extra_problems: Iterable[Problem] = (),
) -> CountResult:
    """Turn the counted figures into the result.

    With any consistency problem the result is blocked: votes, percent, rank and `passed` are still shown for
    the committee to check, but nobody is elected, `open_seats` = all seats, nothing is tied and the next action
    is `none` (the committee must first resolve the problem, then count again).
    """
    D = election.electorate.D  # noqa: N806
    invalid = sum(invalid_reasons.values())
    problems = list(extra_problems) + check_consistency(
        election, collected=collected, valid=valid, invalid=invalid, votes=votes, disagree=disagree
    )
    agree_form = election.form == Form.AGREE
    ids = election.candidate_ids
    got = {cid: votes.get(cid, 0) for cid in ids}
    if election.tie_break:  # Charter Điều 12 k3: the highest votes, "không cần phải quá một nửa"
        passed = dict.fromkeys(ids, True)
    else:
        passed = {cid: D > 0 and passes(got[cid], D) for cid in ids}
    order = {cid: i for i, cid in enumerate(ids)}
    passers = sorted((cid for cid in ids if passed[cid]), key=lambda cid: (-got[cid], order[cid]))

    if problems:
        elected: list[str] = []
        tied: list[str] = []
        action = NextAction.NONE
        next_candidates: tuple[str, ...] = ()
    else:
        elected, tied = fill_seats(election.seats, passers, got)
        if tied:
            action = NextAction.RUNOFF
            next_candidates = tuple(tied)
        elif len(elected) < election.seats:
            action = NextAction.NEXT_ROUND
            chosen = set(elected)
            next_candidates = tuple(cid for cid in ids if cid not in chosen)
        else:
            action = NextAction.NONE
            next_candidates = ()
        if (
            election.post == Post.SECRETARY
            and election.round >= SECRETARY_MAX_ROUNDS
            and not elected
            and action != NextAction.NONE
        ):
            action = NextAction.APPOINTMENT
            next_candidates = ()
    elected_set = set(elected)
    ranks = competition_ranks([got[cid] for cid in ids])
    results = tuple(
        CandidateResult(
            id=c.id,
            name=c.name,
            votes=got[c.id],
            disagree=disagree.get(c.id, 0) if agree_form else 0,
            not_counted=max(valid - got[c.id] - disagree.get(c.id, 0), 0) if agree_form else 0,
            percent=percent(got[c.id], D),
            passed=passed[c.id],
            elected=c.id in elected_set,
            rank=rank,
        )
        for c, rank in zip(election.candidates, ranks, strict=True)
    )
    return CountResult(
        D=D,
        threshold=threshold(D),
        ballots_issued=election.ballots_issued,
        collected=collected,
        valid=valid,
        invalid=invalid,
        invalid_reasons={r: int(invalid_reasons.get(r, 0)) for r in INVALID_REASONS},
        candidates=results,
        elected=tuple(elected),
        open_seats=election.seats - len(elected),
        tied=tuple(tied),
        next_action=action,
        next_candidates=next_candidates,
        problems=tuple(problems),
        digest_ok=digest_ok,
    )
