"""One source of truth for a result counted ballot by ballot: closing appends a sealing entry carrying the result's
digest to the round's chain, reopening appends an unsealing one, and every reader of a closed round's result gets
the recount of its log, with the reasons (in Vietnamese, the first place first) when the chain, the seal or the
result stored with the round do not hold."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from models.core.errors import DomainError
from models.counting import Election, Form, Tally, Totals
from models.counting.decision import CountResult
from models.counting.record import canonical
from models.live_count.session import (
    SEAL_ACTIONS,
    append_entry,
    chain_head,
    current_ballots,
    round_log,
    row_link,
)
from models.live_count.tables import BallotEntry

SEAL, UNSEAL = "seal", "unseal"


def result_digest(election: Election, totals: Totals) -> str:
    """SHA-256 of the figures, candidates by their place on the list (a branch move renumbers their ids)."""
    ids = election.candidate_ids
    figures = {
        "collected": totals.collected,
        "valid": totals.valid,
        "invalid": {str(k): int(v) for k, v in totals.invalid.items() if v},
        "votes": [int(totals.votes.get(cid, 0)) for cid in ids],
        "disagree": [int(totals.disagree.get(cid, 0)) for cid in ids] if election.form == Form.AGREE else [],
    }
    return hashlib.sha256(canonical(figures)).hexdigest()


def tally_totals(tally: Tally) -> Totals:
    """The figures of a running tally, as kept with a closed round."""
    disagree = dict(tally.disagree) if tally.election.form == Form.AGREE else {}
    return Totals(
        collected=tally.collected,
        invalid={r: n for r, n in tally.reasons.items() if n},
        votes=dict(tally.votes),
        disagree=disagree,
        valid=tally.valid,
    )


def seal_text(digest: str) -> str:
    # sort_keys and default separators: the form a branch move writes back unchanged
    return json.dumps({"result": digest}, sort_keys=True)


def append_seal(round_id: int, action: str, digest: str, done_by: str) -> str:
    """Append a (un)sealing entry inside the caller's transaction; returns its chain link."""
    status = "counting" if action == SEAL else "closed"
    return append_entry(round_id, 0, action, 0, "", seal_text(digest), done_by, status=status).chain


@dataclass(frozen=True)
class LogCheck:
    """A closed round's result recounted from its log, and what does not hold (empty: everything does)."""

    result: CountResult
    totals: Totals
    problems: tuple[str, ...]


def check_closed_round(round_id: int, election: Election, stored: Totals | None, record_digest: str) -> LogCheck:
    """Recount a closed round from its log and check the chain, the seal and the stored result against it."""

    problems: list[str] = []
    rows = list(BallotEntry.select().where(BallotEntry.round == round_id).order_by(BallotEntry.seq))
    link, expected_seq = chain_head(round_id), 1
    for row in rows:
        link = row_link(link, row)
        if row.seq != expected_seq:
            problems.append(f"Nhật ký nhập phiếu thiếu dòng {expected_seq}: đã bị xóa ngoài ChiBo.")
            break
        if link != row.chain:
            problems.append(
                f"Nhật ký nhập phiếu không khớp mã kiểm tra từ dòng {row.seq}: dữ liệu đã bị sửa ngoài ChiBo."
            )
            break
        expected_seq += 1
    try:
        tally = Tally(election, current_ballots(round_log(round_id, 1)).values())
    except (ValueError, KeyError, TypeError, DomainError):  # a ballot rewritten into something unreadable
        problems.append("Nhật ký có phiếu không đọc hoặc không đếm được: dữ liệu đã bị sửa ngoài ChiBo.")
        tally = Tally(election)
    totals = tally_totals(tally)
    recounted = result_digest(election, totals)
    last = rows[-1] if rows else None
    # A round closed before closing sealed the log has no (un)sealing entry at all: its chain, its last link and its
    # stored result are still checked below. Once a log holds one, it must end with the seal.
    sealed_ever = any(row.action in SEAL_ACTIONS for row in rows)
    if last is None or (sealed_ever and last.action != SEAL):
        problems.append("Nhật ký nhập phiếu không kết thúc bằng dòng khóa kết quả: có dòng đã bị xóa ngoài ChiBo.")
    elif last.action == SEAL and _sealed_digest(last.after) != recounted:
        problems.append("Kết quả niêm phong khi khóa khác với kết quả kiểm lại từ các phiếu trong nhật ký.")
    if rows and record_digest and record_digest != rows[-1].chain:
        problems.append("Mã nhật ký lưu khi khóa kết quả khác với nhật ký hiện có: có dòng đã bị thêm hoặc xóa.")
    if stored is None:
        problems.append("Lần bầu đã khóa nhưng không có kết quả lưu kèm.")
    elif result_digest(election, stored) != recounted:
        problems.append(_first_difference(election, stored, totals))
    return LogCheck(tally.result(not problems), totals, tuple(problems))


def _sealed_digest(text: str) -> str | None:
    try:
        value = json.loads(text).get("result")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def _first_difference(election: Election, stored: Totals, recount: Totals) -> str:
    """ "Kết quả lưu trong dữ liệu khác kết quả kiểm lại từ các phiếu: Nguyễn Văn An lưu 23 phiếu, kiểm lại 6"."""
    lead = "Kết quả lưu trong dữ liệu khác với kết quả kiểm lại từ các phiếu"
    for c in election.candidates:
        mine, theirs = int(stored.votes.get(c.id, 0)), int(recount.votes.get(c.id, 0))
        if mine != theirs:
            return f"{lead}: đồng chí {c.name} được lưu {mine} phiếu, kiểm lại được {theirs} phiếu."
    figures = (("phiếu thu vào", stored.collected, recount.collected), ("phiếu hợp lệ", stored.valid, recount.valid))
    for label, saved, recounted in figures:
        if saved != recounted:
            return f"{lead}: số {label} được lưu {saved}, kiểm lại được {recounted}."
    return f"{lead}."


__all__ = [
    "SEAL",
    "SEAL_ACTIONS",
    "UNSEAL",
    "LogCheck",
    "append_seal",
    "check_closed_round",
    "result_digest",
]
