"""Consistency checks that block a result until the counting committee resolves them (docs/domain.md §3)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from models.counting.election import Election

ELECTORATE_EMPTY = "electorate_empty"
PRESENT_EXCEEDS_SUMMONED = "present_exceeds_summoned"
COLLECTED_EXCEEDS_ISSUED = "collected_exceeds_issued"
ISSUED_EXCEEDS_PRESENT = "issued_exceeds_present"
TOTALS_MISMATCH = "totals_mismatch"
VOTES_EXCEED_VALID = "votes_exceed_valid"
MARKS_EXCEED_VALID = "marks_exceed_valid"
VOTES_SUM_EXCEEDS = "votes_sum_exceeds"


@dataclass(frozen=True)
class Problem:
    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


def check_consistency(
    election: Election,
    *,
    collected: int,
    valid: int,
    invalid: int,
    votes: Mapping[str, int],
    disagree: Mapping[str, int],
) -> list[Problem]:
    """Every blocking problem at once, in a stable order; an empty list when the count adds up."""
    problems: list[Problem] = []
    ele = election.electorate
    D = ele.D  # noqa: N806
    if D <= 0:
        problems.append(
            Problem(
                ELECTORATE_EMPTY,
                f"Số đảng viên chính thức được triệu tập trừ các trường hợp không tính (D = {D}) phải lớn hơn 0.",
            )
        )
    may_attend = ele.official_summoned - ele.excluded.exempt_absent - ele.excluded.absent_approved
    if ele.official_present > may_attend:
        problems.append(
            Problem(
                PRESENT_EXCEEDS_SUMMONED,
                f"Số đảng viên chính thức có mặt ({ele.official_present}) lớn hơn số được triệu tập trừ người vắng "
                f"mặt được chấp thuận và người được miễn sinh hoạt vắng mặt ({may_attend}).",
            )
        )
    issued = election.ballots_issued
    if collected > issued:
        problems.append(
            Problem(COLLECTED_EXCEEDS_ISSUED, f"Số phiếu thu vào ({collected}) lớn hơn số phiếu phát ra ({issued}).")
        )
    if issued > ele.official_present:
        problems.append(
            Problem(
                ISSUED_EXCEEDS_PRESENT,
                f"Số phiếu phát ra ({issued}) lớn hơn số đảng viên chính thức có mặt được quyền bầu cử "
                f"({ele.official_present}).",
            )
        )
    if valid < 0 or valid + invalid != collected:
        problems.append(
            Problem(
                TOTALS_MISMATCH,
                f"Số phiếu hợp lệ ({valid}) cộng số phiếu không hợp lệ ({invalid}) không bằng số phiếu thu vào "
                f"({collected}).",
            )
        )
    valid_floor = max(valid, 0)
    for cand in election.candidates:
        got = votes.get(cand.id, 0)
        against = disagree.get(cand.id, 0)
        if got > valid_floor:
            problems.append(
                Problem(
                    VOTES_EXCEED_VALID,
                    f"Ứng cử viên {cand.name} có số phiếu bầu ({got}) lớn hơn số phiếu hợp lệ ({valid_floor}).",
                )
            )
        elif got + against > valid_floor:
            problems.append(
                Problem(
                    MARKS_EXCEED_VALID,
                    f"Ứng cử viên {cand.name} có số phiếu đồng ý ({got}) cộng không đồng ý ({against}) lớn hơn số "
                    f"phiếu hợp lệ ({valid_floor}).",
                )
            )
    total = sum(votes.get(c.id, 0) for c in election.candidates)
    if total > election.seats * valid_floor:
        problems.append(
            Problem(
                VOTES_SUM_EXCEEDS,
                f"Tổng số phiếu bầu của các ứng cử viên ({total}) lớn hơn số cần bầu nhân số phiếu hợp lệ "
                f"({election.seats} × {valid_floor} = {election.seats * valid_floor}).",
            )
        )
    return problems
