"""The life of a ballot round (setting up → counting → closed → published) and how it is counted, with the one set
of predicates every widget and operation asks what is allowed now."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RoundStatus(StrEnum):
    SETUP = "setup"  # list and seats being set up; no ballot issued yet
    COUNTING = "counting"  # ballots issued: being counted (ballot by ballot, or totals typed in)
    CLOSED = "closed"  # result locked (sealed into the entry log when counted ballot by ballot)
    PUBLISHED = "published"  # result released to the room


class CountMode(StrEnum):
    UNDECIDED = ""  # nothing entered yet
    BALLOTS = "ballots"  # entered ballot by ballot in the «Bầu cử» tab
    TOTALS = "totals"  # a count done by hand, typed in as totals


STATUS_LABELS: dict[RoundStatus, str] = {
    RoundStatus.SETUP: "Đang chuẩn bị",
    RoundStatus.COUNTING: "Đang bầu, kiểm phiếu",
    RoundStatus.CLOSED: "Đã có kết quả",
    RoundStatus.PUBLISHED: "Đã công bố kết quả",
}


@dataclass(frozen=True)
class RoundState:
    """Where a round stands; `writable` is false for a data file that cannot be written or a closed congress."""

    status: RoundStatus
    mode: CountMode = CountMode.UNDECIDED
    writable: bool = True

    @classmethod
    def of(cls, status: str, mode: str = "", writable: bool = True) -> RoundState:
        return cls(RoundStatus(status), CountMode(mode or ""), writable)

    @property
    def has_result(self) -> bool:
        return self.status in (RoundStatus.CLOSED, RoundStatus.PUBLISHED)

    @property
    def being_counted(self) -> bool:
        """Ballots are out and being counted; true even when the file is read-only."""
        return self.status == RoundStatus.COUNTING

    @property
    def in_setup(self) -> bool:
        """The list and seats are still being set up (nothing issued); shown even when the file is read-only."""
        return self.status == RoundStatus.SETUP

    @property
    def can_edit_list(self) -> bool:
        return self.writable and self.in_setup

    @property
    def can_start(self) -> bool:
        """Issue the ballots (the rest of what a start needs: models.congress.rounds.start_problems)."""
        return self.writable and self.status == RoundStatus.SETUP

    @property
    def can_print_ballots(self) -> bool:
        return self.writable and self.status in (RoundStatus.SETUP, RoundStatus.COUNTING)

    @property
    def can_enter(self) -> bool:
        """Enter, correct, void or undo ballots one by one."""
        return self.writable and self.status == RoundStatus.COUNTING and self.mode != CountMode.TOTALS

    @property
    def can_enter_totals(self) -> bool:
        return self.writable and self.status == RoundStatus.COUNTING and self.mode != CountMode.BALLOTS

    @property
    def can_close(self) -> bool:
        return self.can_enter

    @property
    def can_reopen(self) -> bool:
        return self.writable and self.status == RoundStatus.CLOSED and self.mode == CountMode.BALLOTS

    @property
    def can_publish(self) -> bool:
        return self.writable and self.status == RoundStatus.CLOSED

    @property
    def released(self) -> bool:
        """The room's screen shows the result."""
        return self.status == RoundStatus.PUBLISHED

    @property
    def can_conclude(self) -> bool:
        """The congress may decide to hold no further round once this one has its result."""
        return self.writable and self.has_result

    @property
    def can_print(self) -> bool:
        """The counting minutes, the record file and checking them against a signed paper: once there is a result."""
        return self.has_result
