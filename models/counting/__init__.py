"""The counting engine (Quy chế 190-QĐ/TW): electorate, ballot validity, tally, decision, set-up rules, record file.

Qt-free and database-free; the ballots tab keeps a `Tally` per round and calls `result()` on every change.

The names below load with their module on first use (PEP 562), so a command that reads one record file (`count`)
loads only the modules it runs; type checkers and PyInstaller read the imports under TYPE_CHECKING, and
tests/unit/counting/test_counting_exports.py imports every name, so a broken module fails the tests, not a user.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# Each public name -> the module of models/counting that defines it.
_MODULE_OF: dict[str, str] = {
    **dict.fromkeys(("Problem", "check_consistency"), "consistency"),
    **dict.fromkeys(
        ("CandidateResult", "CountResult", "NextAction", "competition_ranks", "decide", "fill_seats"), "decision"
    ),
    **dict.fromkeys(("Candidate", "Election", "POST_LABELS", "Post", "order_candidates"), "election"),
    **dict.fromkeys(
        (
            "Attendance",
            "EXCLUSION_LABELS",
            "Electorate",
            "ExclusionGroup",
            "Exclusions",
            "Situation",
            "Voter",
            "electorate_from_voters",
            "passes",
            "percent",
            "percent_label",
            "threshold",
        ),
        "electorate",
    ),
    **dict.fromkeys(("MalformedError",), "errors"),
    **dict.fromkeys(
        (
            "ElectionRecord",
            "chain_digest",
            "dumps_record",
            "record_from_tally",
            "record_to_dict",
            "recount",
            "write_record",
        ),
        "record",
    ),
    **dict.fromkeys(("parse_record", "read_record", "record_from_dict"), "record_reader"),
    **dict.fromkeys(("Tally", "Totals", "count_ballots", "count_totals"), "tally"),
    **dict.fromkeys(
        (
            "Ballot",
            "DECLARED_REASONS",
            "Form",
            "INVALID_REASONS",
            "INVALID_REASON_LABELS",
            "InvalidReason",
            "Mark",
            "Rules",
            "Verdict",
            "judge",
        ),
        "validity",
    ),
}

if not TYPE_CHECKING:  # hidden from type checkers, which then still flag a name the package does not export

    def __getattr__(name: str) -> Any:
        module = _MODULE_OF.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(import_module(f"{__name__}.{module}"), name)
        globals()[name] = value  # the next use is a plain attribute
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *_MODULE_OF})


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
