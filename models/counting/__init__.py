"""The counting engine (Quy chế 190-QĐ/TW): electorate, ballot validity, tally, decision, set-up rules, record file.

Qt-free and database-free; the ballots tab keeps a `Tally` per round and calls `result()` on every change.
"""

from models.counting.consistency import Problem, check_consistency
from models.counting.decision import CandidateResult, CountResult, NextAction, competition_ranks, decide, fill_seats
from models.counting.election import POST_LABELS, Candidate, Election, Post, order_candidates
from models.counting.electorate import (
    EXCLUSION_LABELS,
    Attendance,
    Electorate,
    ExclusionGroup,
    Exclusions,
    Situation,
    Voter,
    electorate_from_voters,
    passes,
    percent,
    percent_label,
    threshold,
)
from models.counting.errors import MalformedError
from models.counting.record import (
    ElectionRecord,
    chain_digest,
    dumps_record,
    record_from_tally,
    record_to_dict,
    recount,
    write_record,
)
from models.counting.record_reader import parse_record, read_record, record_from_dict
from models.counting.tally import Tally, Totals, count_ballots, count_totals
from models.counting.validity import (
    DECLARED_REASONS,
    INVALID_REASON_LABELS,
    INVALID_REASONS,
    Ballot,
    Form,
    InvalidReason,
    Mark,
    Rules,
    Verdict,
    judge,
)

__all__ = [
    "DECLARED_REASONS",
    "EXCLUSION_LABELS",
    "INVALID_REASONS",
    "INVALID_REASON_LABELS",
    "POST_LABELS",
    "Attendance",
    "Ballot",
    "Candidate",
    "CandidateResult",
    "CountResult",
    "Election",
    "ElectionRecord",
    "Electorate",
    "ExclusionGroup",
    "Exclusions",
    "Form",
    "InvalidReason",
    "MalformedError",
    "Mark",
    "NextAction",
    "Post",
    "Problem",
    "Rules",
    "Situation",
    "Tally",
    "Totals",
    "Verdict",
    "Voter",
    "chain_digest",
    "check_consistency",
    "competition_ranks",
    "count_ballots",
    "count_totals",
    "decide",
    "dumps_record",
    "electorate_from_voters",
    "fill_seats",
    "judge",
    "order_candidates",
    "parse_record",
    "passes",
    "percent",
    "percent_label",
    "read_record",
    "recount",
    "record_from_dict",
    "record_from_tally",
    "record_to_dict",
    "threshold",
    "write_record",
]
