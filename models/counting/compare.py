"""Two passes over the same numbered ballots (double entry): where they differ, ballot by ballot."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from models.counting.election import Election
from models.counting.validity import INVALID_REASON_LABELS, Ballot, Mark

MARK_LABELS = {Mark.AGREE: "đồng ý", Mark.DISAGREE: "không đồng ý", Mark.BOTH: "đánh cả hai ô", Mark.NONE: "bỏ trống"}


@dataclass(frozen=True)
class Difference:
    """A ballot number where the passes disagree (None: not entered in that pass)."""

    no: int
    first: Ballot | None
    second: Ballot | None


def same_ballot(a: Ballot | None, b: Ballot | None) -> bool:
    """The same paper: the same names kept (in any order) or the same marks (a missing mark is none), same reason."""
    if a is None or b is None:
        return a is b
    if a.void != b.void:
        return False
    if a.keep is not None or b.keep is not None:
        return sorted(a.keep or ()) == sorted(b.keep or ())
    return _marked(a) == _marked(b)


def _marked(ballot: Ballot) -> dict[str, Mark]:
    return {cid: mark for cid, mark in (ballot.marks or {}).items() if mark != Mark.NONE}


def differences(first: Mapping[int, Ballot], second: Mapping[int, Ballot]) -> list[Difference]:
    """Every ballot number where the two passes differ, in number order (one pass only included)."""
    return [
        Difference(no, first.get(no), second.get(no))
        for no in sorted(set(first) | set(second))
        if not same_ballot(first.get(no), second.get(no))
    ]


def describe(ballot: Ballot | None, election: Election) -> str:
    """A ballot in words, with the candidates' names: "giữ lại Nguyễn Văn An, Trần Thị Bình"."""
    if ballot is None:
        return "không nhập"
    names = {c.id: c.name for c in election.candidates}
    if ballot.keep is not None:
        kept = [names.get(cid, cid) for cid in election.candidate_ids if cid in ballot.keep]
        text = "giữ lại " + ", ".join(kept) if kept else "gạch hết tên"
    else:
        marked = _marked(ballot)
        parts = [f"{names[cid]}: {MARK_LABELS[marked[cid]]}" for cid in election.candidate_ids if cid in marked]
        text = "; ".join(parts) if parts else "không đánh dấu ô nào"
    if ballot.void is not None:
        text += f" (Ban kiểm phiếu xác định không hợp lệ: {INVALID_REASON_LABELS[ballot.void].lower()})"
    return text
