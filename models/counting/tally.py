"""Counting ballots: a running tally with cheap add/replace/remove of one ballot, and aggregate (hand) totals."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from models.core.errors import ConflictError, NotFoundError
from models.counting.decision import CountResult, decide
from models.counting.election import Election
from models.counting.errors import MalformedError
from models.counting.validity import INVALID_REASONS, Ballot, Form, InvalidReason, Verdict, judge


def check_election(election: Election) -> None:
    """Raise MalformedError when the round set-up cannot be counted at all."""
    if not election.candidates:
        raise MalformedError("Danh sách ứng cử viên trống (trường candidates).", "candidates")
    seen: set[str] = set()
    for cand in election.candidates:
        if cand.id in seen:
            raise MalformedError(f'Mã ứng cử viên "{cand.id}" bị trùng (trường candidates).', "candidates")
        seen.add(cand.id)
    if election.seats < 1:
        raise MalformedError(
            f"Số lượng cần bầu phải là số nguyên dương, nhận được {election.seats} (trường seats).", "seats"
        )
    if election.round < 1:
        raise MalformedError(f"Lần bầu phải là số nguyên dương, nhận được {election.round} (trường round).", "round")
    ele = election.electorate
    for name, value in [
        ("ballots_issued", election.ballots_issued),
        ("electorate.official_summoned", ele.official_summoned),
        ("electorate.official_present", ele.official_present),
        *((f"electorate.excluded.{k}", v) for k, v in ele.excluded.as_dict().items()),
    ]:
        if value < 0:
            raise MalformedError(f"Trường {name} phải là số nguyên không âm, nhận được {value}.", name)


class Tally:
    """The running count of one round, for the ballots tab: every ballot is judged once when it is added, and
    adding, replacing or removing one ballot costs only the names on it. `result()` decides from the figures.

    Ballots are keyed by their number; adding a number twice is a ConflictError, replacing or removing an
    unknown number a NotFoundError; a ballot naming an unknown candidate or on the wrong form a MalformedError
    (and the tally is left unchanged).
    """

    def __init__(self, election: Election, ballots: Iterable[Ballot] = ()) -> None:
        check_election(election)
        self.election = election
        self._ids = frozenset(election.candidate_ids)
        self._verdicts: dict[int, Verdict] = {}
        self._ballots: dict[int, Ballot] = {}
        # Counters: adding a ballot counts its names in C (Counter.update), not one Python step per name.
        self.votes: Counter[str] = Counter(dict.fromkeys(election.candidate_ids, 0))
        self.disagree: Counter[str] = Counter(dict.fromkeys(election.candidate_ids, 0))
        self.reasons: dict[InvalidReason, int] = dict.fromkeys(INVALID_REASONS, 0)
        self.valid = 0
        for ballot in ballots:
            self.add(ballot)

    # --- one ballot -------------------------------------------------------------------------------------------
    def judge(self, ballot: Ballot) -> Verdict:
        """The verdict on a ballot without adding it (e.g. to show "phiếu không hợp lệ" while typing)."""
        e = self.election
        return judge(ballot, e.form, self._ids, e.seats, e.rules)

    def add(self, ballot: Ballot) -> Verdict:
        _check_no(ballot.no)
        if ballot.no in self._verdicts:
            raise ConflictError(f"Phiếu số {ballot.no} đã được nhập.")
        verdict = self.judge(ballot)
        self._apply(verdict, 1)
        self._verdicts[ballot.no] = verdict
        self._ballots[ballot.no] = ballot
        return verdict

    def replace(self, ballot: Ballot) -> Verdict:
        if ballot.no not in self._verdicts:
            raise NotFoundError(f"Chưa nhập phiếu số {ballot.no}.")
        verdict = self.judge(ballot)
        self._apply(self._verdicts[ballot.no], -1)
        self._apply(verdict, 1)
        self._verdicts[ballot.no] = verdict
        self._ballots[ballot.no] = ballot
        return verdict

    def remove(self, no: int) -> None:
        if no not in self._verdicts:
            raise NotFoundError(f"Chưa nhập phiếu số {no}.")
        self._apply(self._verdicts.pop(no), -1)
        del self._ballots[no]

    def _apply(self, verdict: Verdict, sign: int) -> None:
        if verdict.reason is not None:
            self.reasons[verdict.reason] += sign
            return
        self.valid += sign
        if sign > 0:
            self.votes.update(verdict.agree)  # ids checked against the candidates by judge: no new key
            if verdict.disagree:
                self.disagree.update(verdict.disagree)
        else:
            self.votes.subtract(verdict.agree)  # keeps a candidate at 0, never drops the key
            if verdict.disagree:
                self.disagree.subtract(verdict.disagree)

    # --- figures ----------------------------------------------------------------------------------------------
    def __contains__(self, no: object) -> bool:
        return no in self._verdicts

    @property
    def collected(self) -> int:
        return len(self._verdicts)

    @property
    def invalid(self) -> int:
        return self.collected - self.valid

    def ballots(self) -> list[Ballot]:
        """The ballots in the order they were first added."""
        return list(self._ballots.values())

    def verdict(self, no: int) -> Verdict:
        return self._verdicts[no]

    def result(self, digest_ok: bool | None = None) -> CountResult:
        return decide(
            self.election,
            collected=self.collected,
            valid=self.valid,
            invalid_reasons=self.reasons,
            votes=self.votes,
            disagree=self.disagree,
            digest_ok=digest_ok,
        )


def _check_no(no: object) -> None:
    if isinstance(no, bool) or not isinstance(no, int) or no < 1:
        raise MalformedError(f"Số phiếu phải là số nguyên dương, nhận được {no!r} (trường no).", "no")


def count_ballots(election: Election, ballots: Iterable[Ballot], digest_ok: bool | None = None) -> CountResult:
    """Count a whole round from its ballots."""
    return Tally(election, ballots).result(digest_ok)


@dataclass(frozen=True)
class Totals:
    """A count done by hand, typed in as aggregates. `valid` is optional: when given it is checked against
    collected − invalid; when omitted it is derived. Missing candidates have 0 votes; `disagree` is for the
    agree form only."""

    collected: int
    invalid: Mapping[InvalidReason, int] = field(default_factory=dict)
    votes: Mapping[str, int] = field(default_factory=dict)
    disagree: Mapping[str, int] = field(default_factory=dict)
    valid: int | None = None


def check_totals(election: Election, totals: Totals) -> None:
    """Raise MalformedError for totals that name an unknown candidate or reason, or carry a negative number."""
    ids = set(election.candidate_ids)

    def _count(name: str, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise MalformedError(f"Trường {name} phải là số nguyên không âm, nhận được {value!r}.", name)

    _count("totals.collected", totals.collected)
    if totals.valid is not None:
        _count("totals.valid", totals.valid)
    for reason, n in totals.invalid.items():
        if reason not in INVALID_REASONS:
            raise MalformedError(
                f'Lý do phiếu không hợp lệ "{reason}" không được biết (trường totals.invalid).', "totals.invalid"
            )
        _count(f"totals.invalid.{reason}", n)
    if totals.disagree and election.form != Form.AGREE:
        raise MalformedError(
            "Phiếu gạch tên không có số phiếu không đồng ý (trường totals.disagree).", "totals.disagree"
        )
    for key, table in (("votes", totals.votes), ("disagree", totals.disagree)):
        for cid, n in table.items():
            if cid not in ids:
                raise MalformedError(
                    f'Mã ứng cử viên "{cid}" không có trong danh sách (trường totals.{key}).', f"totals.{key}"
                )
            _count(f"totals.{key}.{cid}", n)


def count_totals(election: Election, totals: Totals, digest_ok: bool | None = None) -> CountResult:
    """Count a round entered as aggregates, with the same consistency checks as ballots."""
    check_election(election)
    check_totals(election, totals)
    reasons = {r: int(totals.invalid.get(r, 0)) for r in INVALID_REASONS}
    invalid = sum(reasons.values())
    valid = totals.valid if totals.valid is not None else totals.collected - invalid
    return decide(
        election,
        collected=totals.collected,
        valid=valid,
        invalid_reasons=reasons,
        votes=dict(totals.votes),
        disagree=dict(totals.disagree),
        digest_ok=digest_ok,
    )
