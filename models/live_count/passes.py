"""The passes of a round's count: any number of them, each typed on this PC, imported from a record file typed
elsewhere, or scanned. Pass 1 always exists; a later pass can be started at any time, before or after the first
ballot. Every pass counts the same stack of papers in the same order, so ballot n of one pass is ballot n of the
other; closing needs every pass to agree with pass 1, ballot by ballot (models.live_count.count)."""

from __future__ import annotations

from dataclasses import dataclass

from models.congress.tables import ElectionRound
from models.core.errors import ConflictError, NotFoundError, ValidationError
from models.core.tables import db
from models.core.vnname import nfc
from models.live_count.tables import BallotEntry, CountPass

SOURCES = {"typed": "nhập tay", "imported": "nhận từ máy khác", "scanned": "quét phiếu"}


@dataclass(frozen=True)
class PassInfo:
    number: int
    source: str  # typed | imported | scanned
    sample: bool = False  # checks only the ballots it holds: a ballot it lacks is no difference

    @property
    def label(self) -> str:
        """The pass in words: «Lượt 2 (quét phiếu)», «Lượt 3 (nhập tay, kiểm tra mẫu)»."""
        return f"Lượt {self.number} ({SOURCES[self.source]}{', kiểm tra mẫu' if self.sample else ''})"


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
    return [found[n] for n in sorted(found)]


def pass_numbers(round_id: int) -> list[int]:
    return [p.number for p in round_passes(round_id)]


def pass_is_empty(round_id: int, pass_no: int) -> bool:
    mine = (BallotEntry.round == round_id) & (BallotEntry.pass_no == pass_no)
    return not BallotEntry.select().where(mine).exists()


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
        numbers = pass_numbers(round_id)
        first_unused = numbers == [1] and pass_is_empty(round_id, 1)
        if first_unused and not CountPass.select().where(CountPass.round == round_id).exists():
            number = 1
        else:
            number = max(numbers) + 1
        if sample and number == 1:
            raise ConflictError("Lượt nhập thứ nhất là lượt kiểm phiếu đầy đủ, không phải lượt kiểm tra mẫu.")
        CountPass.create(round=round_id, number=number, source=source, started_by=nfc(started_by), sample=sample)
        if number > 1:  # the flag the round's readers know: the round has more than one pass
            ElectionRound.update(double_entry=True).where(ElectionRound.id == round_id).execute()
    return PassInfo(number, source, sample)
