"""The error a malformed ballot, totals or record file raises: one Vietnamese line naming the field and ballot."""

from __future__ import annotations

from models.core.errors import UnreadableInputError


class MalformedError(UnreadableInputError):
    """Input the engine cannot count at all (unknown candidate id, wrong form, duplicate or negative number...).

    `field` names the offending field (e.g. "keep", "ballots_issued", "electorate.excluded.suspended");
    `ballot_no` is the ballot number when the error is in one ballot, else None.
    """

    def __init__(self, message: str, field: str = "", ballot_no: int | None = None) -> None:
        super().__init__(message, field)
        self.ballot_no = ballot_no


def ballot_prefix(ballot_no: int | None) -> str:
    """The prefix "Phiếu số 7: " of a message about one ballot, or "" when there is no ballot."""
    return f"Phiếu số {ballot_no}: " if ballot_no is not None else ""
