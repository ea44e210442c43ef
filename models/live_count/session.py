"""A count session: one round, one pass, counted ballot by ballot. `enter`, `replace`, `void` and `undo` are each
one transaction appending one entry to the round's log and return the new result; opening the session replays the
log, so a crash loses at most the ballot being typed. Each entry extends the round's SHA-256 chain, so an entry
later overwritten still shows in the digest (`verify_chain`)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

import peewee as pw

from models.congress.elections import get_election
from models.congress.tables import ElectionRound
from models.core import clock
from models.core.errors import ConflictError, NotFoundError
from models.core.tables import db
from models.core.vnname import nfc
from models.counting import Ballot, CountResult, InvalidReason, Tally, Verdict
from models.counting.record import ballot_to_dict, canonical
from models.live_count.passes import ASIDE, aside_reason, is_set_aside, pass_numbers
from models.live_count.tables import BallotEntry

ACTION_LABELS = {
    "enter": "Nhập",
    "replace": "Sửa",
    "void": "Hủy phiếu",
    "undo": "Hoàn tác",
    "seal": "Khóa kết quả",
    "unseal": "Mở lại",
    ASIDE: "Gác lại lượt",
}
# Entries of the round's own life, not of a ballot: closing seals the result's digest into the chain, reopening
# unseals it (models.live_count.seal). They carry pass 0 and ballot 0, and `after` holds the digest, not a ballot.
SEAL_ACTIONS = frozenset({"seal", "unseal"})
# Every entry that is not about a ballot: the seals, and setting a pass aside (that pass's number, ballot 0, `after`
# the reason; models.live_count.pass_aside).
ROUND_ACTIONS = SEAL_ACTIONS | {ASIDE}


def ballot_json(ballot: Ballot | None) -> str:
    return json.dumps(ballot_to_dict(ballot), ensure_ascii=False, sort_keys=True) if ballot else ""


def ballot_from_json(text: str) -> Ballot | None:
    """A ballot as this app wrote it into its own log."""
    if not text:
        return None
    data = json.loads(text)
    void = InvalidReason(data["void"]) if data.get("void") else None
    if "marks" in data:
        return Ballot.agree(data["no"], data["marks"], void)
    return Ballot.strike(data["no"], data.get("keep", []), void)


@dataclass(frozen=True)
class LogLine:
    seq: int
    pass_no: int
    ballot_no: int
    action: str
    before: Ballot | None
    after: Ballot | None
    entered_by: str
    entered_at: datetime
    chain: str
    bundle: int | None = None
    scan: str = ""  # a scanned ballot: JSON of its page image's sha256, the reading and the person's decision
    note: str = ""  # a pass set aside: the reason recorded

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]


@dataclass(frozen=True)
class Change:
    """What one keystroke of Enter did: the entry written, the ballot's verdict now (None when it no longer
    counts), and the whole round's result."""

    entry: LogLine
    verdict: Verdict | None
    result: CountResult


def _line(row) -> LogLine:
    if row.action in ROUND_ACTIONS:
        note = aside_reason(row.after) if row.action == ASIDE else ""
        return LogLine(
            row.seq,
            row.pass_no,
            row.ballot_no,
            row.action,
            None,
            None,
            row.entered_by,
            row.entered_at,
            row.chain,
            None,
            note=note,
        )
    return LogLine(
        row.seq,
        row.pass_no,
        row.ballot_no,
        row.action,
        ballot_from_json(row.before),
        ballot_from_json(row.after),
        row.entered_by,
        row.entered_at,
        row.chain,
        row.bundle,
        row.scan,
    )


def chain_head(round_id: int) -> str:
    """h0 of a round's log."""
    return hashlib.sha256(canonical({"format": "chibo.entrylog/1", "round": round_id})).hexdigest()


def chain_link(
    previous: str,
    seq: int,
    pass_no: int,
    ballot_no: int,
    action: str,
    before: str,
    after: str,
    entered_by: str,
    entered_at: datetime,
    scan: str = "",
) -> str:
    """The link after `previous`; a scanned ballot's `scan` joins the hashed entry (an entry without one hashes as
    before scanning existed, so older logs keep their digests)."""
    entry = {
        "seq": seq,
        "pass": pass_no,
        "no": ballot_no,
        "action": action,
        "before": before,
        "after": after,
        "by": entered_by,
        "at": entered_at.isoformat(timespec="microseconds"),
    }
    if scan:
        entry["scan"] = scan
    return hashlib.sha256(previous.encode("ascii") + canonical(entry)).hexdigest()


def row_link(previous: str, row: BallotEntry) -> str:
    """The link a stored entry row makes after `previous` (every reader that re-walks the chain uses this)."""
    return chain_link(
        previous,
        row.seq,
        row.pass_no,
        row.ballot_no,
        row.action,
        row.before,
        row.after,
        row.entered_by,
        row.entered_at,
        row.scan,
    )


def round_log(round_id: int, pass_no: int | None = None) -> list[LogLine]:

    query = BallotEntry.select().where(BallotEntry.round == round_id)
    if pass_no is not None:
        query = query.where(BallotEntry.pass_no == pass_no)
    return [_line(row) for row in query.order_by(BallotEntry.seq)]


def verify_chain(round_id: int) -> bool:
    """Recompute the chain over the whole log: False when any stored entry was changed afterwards."""

    link = chain_head(round_id)
    for row in BallotEntry.select().where(BallotEntry.round == round_id).order_by(BallotEntry.seq):
        link = row_link(link, row)
        if link != row.chain:
            return False
    return True


def current_ballots(lines: list[LogLine]) -> dict[int, Ballot]:
    """The ballots as the log leaves them, by number, in the order first entered."""
    ballots: dict[int, Ballot] = {}
    for line in lines:
        if line.action in ROUND_ACTIONS:
            continue
        if line.after is None:
            ballots.pop(line.ballot_no, None)
        else:
            ballots[line.ballot_no] = line.after
    return ballots


class CountSession:
    """The count of round `round_id` by pass `pass_no` (1, or a later pass started with
    models.live_count.passes.start_pass), entered by `entered_by`."""

    def __init__(self, round_id: int, pass_no: int = 1, entered_by: str = "") -> None:

        row = ElectionRound.get_or_none(ElectionRound.id == round_id)
        if row is None:
            raise NotFoundError(f"Không tìm thấy lần bầu mã {round_id}.")
        if pass_no not in pass_numbers(round_id):
            raise ConflictError(f"Lần bầu này chưa có lượt nhập thứ {pass_no}.")
        election = get_election(row.election_id)
        self.info = next(r for r in election.rounds if r.id == round_id)
        self.election_title = election.title
        self.round_id, self.pass_no, self.entered_by = round_id, pass_no, nfc(entered_by).strip()
        self.election = self.info.election
        lines = round_log(round_id, pass_no)
        self.tally = Tally(self.election, current_ballots(lines).values())
        self._undoable = self._undo_stack(lines)

    @staticmethod
    def _undo_stack(lines: list[LogLine]) -> list[LogLine]:
        stack: list[LogLine] = []
        for line in lines:
            if line.action == "undo":
                if stack:
                    stack.pop()
            elif line.action not in ROUND_ACTIONS:
                stack.append(line)
        return stack

    # --- reading ------------------------------------------------------------------------------------------------
    def result(self) -> CountResult:
        return self.tally.result()

    def next_number(self) -> int:
        """The number the next ballot gets: one after the highest entered."""
        return max((b.no for b in self.tally.ballots()), default=0) + 1

    def ballot(self, no: int) -> Ballot | None:
        return next((b for b in self.tally.ballots() if b.no == no), None)

    def log(self) -> list[LogLine]:
        return round_log(self.round_id, self.pass_no)

    # --- writing ------------------------------------------------------------------------------------------------
    def enter(self, ballot: Ballot, bundle: int | None = None, scan: str = "") -> Change:
        """Append one ballot; `scan`: for a scanned one, its page image's hash, the reading and the decision."""
        if ballot.no in self.tally:
            raise ConflictError(f"Phiếu số {ballot.no} đã được nhập; muốn sửa thì tìm phiếu đó rồi sửa.")
        verdict = self.tally.judge(ballot)  # raises MalformedError before anything is written
        entry = self._append("enter", ballot.no, None, ballot, bundle, scan)
        self.tally.add(ballot)
        self._undoable.append(entry)
        return Change(entry, verdict, self.result())

    def replace(self, ballot: Ballot) -> Change:
        before = self.ballot(ballot.no)
        if before is None:
            raise NotFoundError(f"Chưa nhập phiếu số {ballot.no}.")
        verdict = self.tally.judge(ballot)
        entry = self._append("replace", ballot.no, before, ballot)
        self.tally.replace(ballot)
        self._undoable.append(entry)
        return Change(entry, verdict, self.result())

    def void(self, no: int) -> Change:
        """Take a ballot entered by mistake out of the count (the entry stays in the log)."""
        before = self.ballot(no)
        if before is None:
            raise NotFoundError(f"Chưa nhập phiếu số {no}.")
        entry = self._append("void", no, before, None)
        self.tally.remove(no)
        self._undoable.append(entry)
        return Change(entry, None, self.result())

    def undo(self) -> Change:
        """Revert the last act of this pass not yet undone: the ballot goes back to how it stood before."""
        if not self._undoable:
            raise ConflictError("Không còn thao tác nào để hoàn tác.")
        last = self._undoable[-1]
        entry = self._append("undo", last.ballot_no, last.after, last.before)
        self._undoable.pop()
        if last.before is None:
            self.tally.remove(last.ballot_no)
        elif last.ballot_no in self.tally:
            self.tally.replace(last.before)
        else:
            self.tally.add(last.before)
        restored = self.tally.verdict(last.ballot_no) if last.ballot_no in self.tally else None
        return Change(entry, restored, self.result())

    def _append(
        self,
        action: str,
        no: int,
        before: Ballot | None,
        after: Ballot | None,
        bundle: int | None = None,
        scan: str = "",
    ) -> LogLine:
        return append_entry(
            self.round_id,
            self.pass_no,
            action,
            no,
            ballot_json(before),
            ballot_json(after),
            self.entered_by,
            bundle,
            scan=scan,
        )


def append_entry(
    round_id: int,
    pass_no: int,
    action: str,
    no: int,
    before: str,
    after: str,
    entered_by: str,
    bundle: int | None = None,
    status: str = "counting",
    scan: str = "",
) -> LogLine:
    """One transaction: the round must be in `status`, and a ballot's pass not set aside (by another PC too); the
    entry takes the next number of the round's log and extends its chain (two PCs writing at once: the unique
    (round, seq) lets only one win)."""

    try:
        with db.atomic():
            current = ElectionRound.select(ElectionRound.status).where(ElectionRound.id == round_id).scalar()
            if current != status:
                raise ConflictError(
                    "Lần bầu không còn ở trạng thái kiểm phiếu: không nhập, sửa phiếu được."
                    if status == "counting"
                    else "Lần bầu không ở trạng thái đã khóa kết quả."
                )
            # pass 1 is never set aside: its ballots (the count's hot path) cost no look-up
            if pass_no > 1 and action not in ROUND_ACTIONS and is_set_aside(round_id, pass_no):
                raise ConflictError(f"Lượt {pass_no} đã được gác lại: không nhận thêm phiếu, không sửa phiếu được.")
            mine = BallotEntry.round == round_id
            last = (
                BallotEntry.select(BallotEntry.seq, BallotEntry.chain)
                .where(mine)
                .order_by(BallotEntry.seq.desc())
                .first()
            )
            seq = (last.seq if last else 0) + 1
            if seq == 1:  # from now on the round is counted ballot by ballot, not as hand totals
                ElectionRound.update(count_mode="ballots").where(ElectionRound.id == round_id).execute()
            previous = last.chain if last else chain_head(round_id)
            at = clock.now()
            link = chain_link(previous, seq, pass_no, no, action, before, after, entered_by, at, scan)
            row = BallotEntry.create(
                round=round_id,
                seq=seq,
                pass_no=pass_no,
                ballot_no=no,
                action=action,
                before=before,
                after=after,
                bundle=bundle,
                entered_by=entered_by,
                entered_at=at,
                chain=link,
                scan=scan,
            )
    except pw.IntegrityError as exc:
        raise ConflictError("Máy khác vừa ghi vào nhật ký cùng lúc; hãy nhấn Enter lại.") from exc
    return _line(row)
