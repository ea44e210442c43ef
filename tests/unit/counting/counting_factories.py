"""Factories for counting-engine tests: an election round and ballots from compact descriptions.

Imported by the test modules of this folder (pytest puts the folder on sys.path); not a test module itself.
"""

from __future__ import annotations

from models.counting import Ballot, Candidate, Election, Electorate, Exclusions, Form, Post, Rules

NAMES = {
    "a": "Nguyễn Văn An",
    "b": "Trần Thị Bình",
    "c": "Lê Văn Cường",
    "d": "Phạm Thị Dung",
    "e": "Hoàng Văn Em",
    "f": "Vũ Thị Phương",
    "g": "Đỗ Văn Quang",
}


def make_election(
    ids: str = "abcd",
    *,
    seats: int = 3,
    form: Form = Form.STRIKE,
    post: Post = Post.COMMITTEE,
    round: int = 1,  # noqa: A002 - the record's own key
    summoned: int = 15,
    excluded: Exclusions | None = None,
    present: int | None = None,
    issued: int | None = None,
    rules: Rules | None = None,
    tie_break: bool = False,
) -> Election:
    excluded = excluded or Exclusions()
    present = summoned - excluded.total if present is None else present
    return Election(
        post=post,
        round=round,
        seats=seats,
        form=form,
        candidates=tuple(Candidate(cid, NAMES.get(cid, f"Ứng viên {cid}")) for cid in ids),
        electorate=Electorate(summoned, excluded, present),
        ballots_issued=present if issued is None else issued,
        rules=rules or Rules(),
        tie_break=tie_break,
    )


def strike_ballots(groups: list[tuple[str, int]], start: int = 1) -> list[Ballot]:
    """[("abc", 8), ("abd", 4)] -> 12 strike ballots numbered from `start`, keeping those ids."""
    out: list[Ballot] = []
    no = start
    for kept, times in groups:
        for _ in range(times):
            out.append(Ballot.strike(no, list(kept)))
            no += 1
    return out


MARK = {"A": "agree", "D": "disagree", "B": "both", "N": "none"}


def agree_ballots(ids: str, groups: list[tuple[str, int]], start: int = 1) -> list[Ballot]:
    """agree_ballots("efg", [("AAD", 3)]) -> 3 agree-form ballots: e agree, f agree, g disagree ("-" = no entry)."""
    out: list[Ballot] = []
    no = start
    for marks, times in groups:
        for _ in range(times):
            out.append(Ballot.agree(no, {cid: MARK[m] for cid, m in zip(ids, marks, strict=True) if m != "-"}))
            no += 1
    return out
