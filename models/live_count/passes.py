"""The passes of a round's count: any number of them, each typed on this PC, imported from a record file typed
elsewhere, or scanned. Pass 1 always exists; a later pass can be started at any time, before or after the first
ballot. Every pass counts the same stack of papers in the same order, so ballot n of one pass is ballot n of the
other; closing needs every pass to agree with pass 1, ballot by ballot (models.live_count.count). A later pass
started by mistake is set aside with its reason (models.live_count.pass_aside): an «aside» entry of that pass in the
round's chained log; it then takes no more ballots and no longer has to agree."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from models.congress.tables import ElectionRound
from models.core.errors import ConflictError, NotFoundError, ValidationError
from models.core.tables import db
from models.core.vnname import nfc
from models.live_count.tables import BallotEntry, CountPass

SOURCES = {"typed": "nhập tay", "imported": "nhận từ máy khác", "scanned": "quét phiếu"}
# The log entry that sets a pass aside: that pass's number, ballot 0, `after` the JSON {"reason": …}.
ASIDE = "aside"


@dataclass(frozen=True)
class PassInfo:
    number: int
    source: str  # typed | imported | scanned
    sample: bool = False  # checks only the ballots it holds: a ballot it lacks is no difference
    aside_reason: str = ""  # why the pass was set aside ("" while it counts)
    aside_by: str = ""

    @property
    def set_aside(self) -> bool:
        return bool(self.aside_reason)

    @property
    def label(self) -> str:
        """The pass in words: «Lượt 2 (quét phiếu)», «Lượt 3 (nhập tay, kiểm tra mẫu)», «Lượt 4 (nhập tay, đã gác
        lại)»."""
        aside = ", đã gác lại" if self.set_aside else ""
        return f"Lượt {self.number} ({SOURCES[self.source]}{', kiểm tra mẫu' if self.sample else ''}{aside})"


def aside_reason(text: str) -> str:
    """The reason an «aside» entry carries (its `after`)."""
    try:
        reason = json.loads(text).get("reason")
    except (ValueError, AttributeError):
        return ""
    return reason if isinstance(reason, str) else ""


def round_passes(round_id: int) -> list[PassInfo]:
    """The round's passes in number order."""
    row = ElectionRound.get_or_none(ElectionRound.id == round_id)
    if row is None:
        raise NotFoundError(f"Không tìm thấy lần bầu mã {round_id}.")
    found = {1: PassInfo(1, "typed")}
    if row.double_entry:
        found[2] = PassInfo(2, "typed")
    for p in CountPass.select().where(CountPass.round == round_id):
        found[p.number] = PassInfo(p.number, p.source, p.sample)
    aside = BallotEntry.select().where((BallotEntry.round == round_id) & (BallotEntry.action == ASIDE))
    for entry in aside:
        if entry.pass_no in found:
            reason = aside_reason(entry.after) or "(không ghi lý do)"
            found[entry.pass_no] = replace(found[entry.pass_no], aside_reason=reason, aside_by=entry.entered_by)
    return [found[n] for n in sorted(found)]


def pass_numbers(round_id: int) -> list[int]:
    return [p.number for p in round_passes(round_id)]


def counted_pass_numbers(round_id: int) -> list[int]:
    """The passes that must agree with pass 1 before closing: every pass not set aside."""
    return [p.number for p in round_passes(round_id) if not p.set_aside]


def is_set_aside(round_id: int, pass_no: int) -> bool:
    """Whether the pass was set aside (one indexed look-up: the writers ask it inside their transaction)."""
    mine = (BallotEntry.round == round_id) & (BallotEntry.pass_no == pass_no) & (BallotEntry.ballot_no == 0)
    return BallotEntry.select().where(mine & (BallotEntry.action == ASIDE)).exists()


def pass_is_empty(round_id: int, pass_no: int) -> bool:
    mine = (BallotEntry.round == round_id) & (BallotEntry.pass_no == pass_no)
    return not BallotEntry.select().where(mine).exists()


def next_pass_number(round_id: int) -> int:
    """The number the next pass started gets: 1 while pass 1 is unused and no pass was started, else the next."""
    numbers = pass_numbers(round_id)
    first_unused = numbers == [1] and pass_is_empty(round_id, 1)
    if first_unused and not CountPass.select().where(CountPass.round == round_id).exists():
        return 1
    return max(numbers) + 1


def start_pass(round_id: int, source: str, started_by: str = "", sample: bool = False) -> PassInfo:
    """Start the next pass of the round (one transaction). A scan of a round nobody has typed yet becomes pass 1
    itself rather than leaving pass 1 empty. Only while the round is counted (or not yet started). A `sample` pass
    (a later one: pass 1 is the count itself) checks only the ballots typed into it."""

    if source not in SOURCES:
        raise ValidationError(f"Không có cách nhập «{source}».", "source")
    with db.atomic():
        row = ElectionRound.get_by_id(round_id)
        if row.status not in ("setup", "counting"):
            raise ConflictError("Lần bầu đã khóa kết quả: không thêm lượt nhập được.")
        number = next_pass_number(round_id)
        if sample and number == 1:
            raise ConflictError("Lượt nhập thứ nhất là lượt kiểm phiếu đầy đủ, không phải lượt kiểm tra mẫu.")
        CountPass.create(round=round_id, number=number, source=source, started_by=nfc(started_by), sample=sample)
        if number > 1:  # the flag the round's readers know: the round has more than one pass
            ElectionRound.update(double_entry=True).where(ElectionRound.id == round_id).execute()
    return PassInfo(number, source, sample)
