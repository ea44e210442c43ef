"""Keyboard entry of one paper ballot, Qt-free: the keys a counter types and the ballot they make.

Candidates are numbered in ballot order. With up to 9 candidates one digit names one (a 9-name strike ballot with 2
names struck is "3", "7", Enter: three keystrokes); with 10 or more every number is typed with the same count of
digits ("03", "17" among 60; "007" among 120), so no number is the start of another and nothing waits for a
separator. Strike form: a number toggles that name struck. Agree form: a number cycles its row
none → agree → disagree → both → none, and "+" marks every row agree (an all-agree ballot is "+", Enter).
A counting-committee reason is declared with its own key (the widget maps F5-F8) and makes the ballot invalid
whatever its marks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from models.counting import DECLARED_REASONS, Ballot, Form, InvalidReason, Mark

CYCLE = (Mark.NONE, Mark.AGREE, Mark.DISAGREE, Mark.BOTH)


def digits_per_number(candidates: int) -> int:
    return 1 if candidates <= 9 else len(str(candidates))


@dataclass
class BallotDraft:
    """The ballot being typed. `ids` in ballot order; `message` says what the last key did wrong ("" if nothing)."""

    ids: tuple[str, ...]
    form: Form
    struck: set[int] = field(default_factory=set)  # strike form: 0-based indices struck
    marks: list[Mark] = field(default_factory=list)  # agree form: one mark per row
    void: InvalidReason | None = None
    pending: str = ""  # digits typed of a number not yet complete
    message: str = ""

    def __post_init__(self) -> None:
        if not self.marks:
            self.marks = [Mark.NONE] * len(self.ids)

    @property
    def width(self) -> int:
        return digits_per_number(len(self.ids))

    def type_digit(self, digit: str) -> int | None:
        """A digit key; returns the 0-based row it completed (and acted on), or None."""
        self.message = ""
        self.pending += digit
        if len(self.pending) < self.width:
            return None
        number, self.pending = int(self.pending), ""
        if not 1 <= number <= len(self.ids):
            self.message = f"Không có ứng cử viên số {number}."
            return None
        row = number - 1
        if self.form == Form.STRIKE:
            self.struck ^= {row}
        else:
            self.marks[row] = CYCLE[(CYCLE.index(self.marks[row]) + 1) % len(CYCLE)]
        return row

    def all_agree(self) -> None:
        if self.form == Form.AGREE:
            self.marks = [Mark.AGREE] * len(self.ids)
            self.pending = self.message = ""

    def declare(self, reason: InvalidReason) -> None:
        """Toggle a reason the counting committee declared (a second press takes it back)."""
        if reason not in DECLARED_REASONS:
            raise ValueError(reason)
        self.void = None if self.void == reason else reason
        self.message = ""

    def backspace(self) -> None:
        self.pending = self.pending[:-1]
        self.message = ""

    def clear(self) -> None:
        self.struck.clear()
        self.marks = [Mark.NONE] * len(self.ids)
        self.void = None
        self.pending = self.message = ""

    @property
    def untouched(self) -> bool:
        """Nothing typed yet: no name struck, no box marked, no reason declared, no digit pending."""
        return (
            not self.struck
            and all(m == Mark.NONE for m in self.marks)
            and self.void is None
            and not self.pending
            and not self.message
        )

    def ballot(self, no: int) -> Ballot:
        if self.form == Form.STRIKE:
            return Ballot.strike(no, [cid for i, cid in enumerate(self.ids) if i not in self.struck], self.void)
        return Ballot.agree(
            no, {cid: m for cid, m in zip(self.ids, self.marks, strict=True) if m != Mark.NONE}, self.void
        )

    @classmethod
    def from_ballot(cls, ballot: Ballot, ids: tuple[str, ...], form: Form) -> BallotDraft:
        """A saved ballot loaded back for correction."""
        draft = cls(ids, form, void=ballot.void)
        if form == Form.STRIKE:
            kept = set(ballot.keep or ())
            draft.struck = {i for i, cid in enumerate(ids) if cid not in kept}
        else:
            draft.marks = [(ballot.marks or {}).get(cid, Mark.NONE) for cid in ids]
        return draft


def keystrokes(form: Form, candidates: int, rows: list[int]) -> int:
    """Keys to enter a ballot that acts on `rows` (struck names, or rows marked from none once), Enter included."""
    return len(rows) * digits_per_number(candidates) + 1
