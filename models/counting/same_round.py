"""Whether two records, or a round and a record, are of the same round: the one check behind comparing two passes'
files (`compare`) and taking a second pass typed on another PC into a round."""

from __future__ import annotations

from models.core.vnname import nfc
from models.counting.election import Election
from models.counting.record import ElectionRecord


def _text(value: str) -> str:
    return nfc(value).strip()


def round_identity(election: Election) -> tuple:
    """What makes two passes the same round of one election: the post, the round, the seats and form, whether it is
    a tie-break, and the candidates in order by id and name (ids alone can coincide between unrelated records)."""
    names = tuple((c.id, _text(c.name)) for c in election.candidates)
    return (election.post, election.round, election.seats, election.form, election.tie_break, names)


def same_round(first: Election, second: Election) -> bool:
    """The two elections are the same round (see round_identity)."""
    return round_identity(first) == round_identity(second)


def same_record_round(first: ElectionRecord, second: ElectionRecord) -> bool:
    """The two record files are passes of the same round: the same branch, congress and election title too."""
    heading = [(_text(r.branch), _text(r.congress), _text(r.title)) for r in (first, second)]
    return heading[0] == heading[1] and same_round(first.election, second.election)
