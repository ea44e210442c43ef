"""A signed paper's check code against the data file: which closed round it speaks of, and whether that round still
matches it (the `verify` command and the ballots tab)."""

from __future__ import annotations

from models.congress.elections import get_election
from models.congress.tables import ElectionRound
from models.counting.check_code import Verification, parse_code, record_digests, verify
from models.live_count.count import count_rounds, round_record


def verify_round(round_id: int, code: str):
    """Does the round in the data file still match the code on its signed minutes? The record ChiBo writes for the
    round now against the code, and what does not hold in its log; ValidationError for a code not of that form."""
    checked = parse_code(code)
    outcome = verify(round_record(round_id), checked)
    info = next(r for r in get_election(ElectionRound.get_by_id(round_id).election_id).rounds if r.id == round_id)
    if info.integrity:
        head = outcome.lines if not outcome.matches else ("KHÔNG KHỚP với biên bản đã ký.",)
        return Verification(False, (*head, *info.integrity))
    return outcome


def round_for_code(code: str) -> int | None:
    """The closed round of the data file a signed paper's code speaks of: by the election's identity the QR text
    carries (post, round, congress), or, for a typed digest alone, the round whose record has that digest."""
    checked = parse_code(code)
    for candidate in count_rounds():
        if not candidate.state().has_result:
            continue
        record = round_record(candidate.round_id)
        e = record.election
        if checked.post is not None:
            if (str(e.post), e.round, record.congress) == (checked.post, checked.round, checked.congress):
                return candidate.round_id
        elif record_digests(record).content == checked.digest:
            return candidate.round_id
    return None
