"""Ballot forms, marks and the validity of one ballot (Quy chế 190, Điều 14-15; docs/domain.md §3)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from models.counting.errors import MalformedError, ballot_prefix


class Form(StrEnum):
    STRIKE = "strike"  # gạch tên: the voter strikes the names they do not vote for
    AGREE = "agree"  # đồng ý / không đồng ý, one box per row


class Mark(StrEnum):
    AGREE = "agree"
    DISAGREE = "disagree"
    BOTH = "both"
    NONE = "none"


class InvalidReason(StrEnum):
    TOO_MANY = "too_many"  # bầu thừa: more names kept (or agree marks) than seats
    ALL_STRUCK = "all_struck"  # strike form, every name struck (rule all_struck_invalid)
    BLANK = "blank"  # agree form, no mark on any row (rule blank_agree_ballot_valid = false)
    SINGLE_NOT_ONE_BOX = "single_not_one_box"  # agree form, one candidate, both boxes or none
    NOT_ISSUED = "not_issued"  # declared: not issued by the counting committee, no stamp, photocopy
    ADDED_NAME = "added_name"  # declared: a name added from outside the list
    MARKED = "marked"  # declared: signature or identifying mark
    OTHER = "other"  # declared: any other reason the counting committee rules


# Every reason, in the order the minutes print them (and the JSON output lists them).
INVALID_REASONS: tuple[InvalidReason, ...] = tuple(InvalidReason)
# Reasons only the counting committee can declare; the engine never guesses them.
DECLARED_REASONS: tuple[InvalidReason, ...] = (
    InvalidReason.NOT_ISSUED,
    InvalidReason.ADDED_NAME,
    InvalidReason.MARKED,
    InvalidReason.OTHER,
)

INVALID_REASON_LABELS: dict[InvalidReason, str] = {
    InvalidReason.TOO_MANY: "Bầu thừa số lượng cần bầu",
    InvalidReason.ALL_STRUCK: "Gạch tên tất cả ứng cử viên",
    InvalidReason.BLANK: "Không đánh dấu ô nào",
    InvalidReason.SINGLE_NOT_ONE_BOX: "Bầu một người nhưng không đánh dấu đúng một ô",
    InvalidReason.NOT_ISSUED: "Không phải phiếu do Ban kiểm phiếu phát ra (không có dấu, phiếu sao chụp)",
    InvalidReason.ADDED_NAME: "Ghi thêm tên người ngoài danh sách",
    InvalidReason.MARKED: "Có ký tên hoặc đánh dấu riêng",
    InvalidReason.OTHER: "Lý do khác do Ban kiểm phiếu quyết định",
}


@dataclass(frozen=True)
class Rules:
    """The configurable defaults of docs/domain.md §3 (record key `rules`)."""

    all_struck_invalid: bool = True  # strike form, every name struck: invalid
    blank_agree_ballot_valid: bool = True  # agree form (several rows), no mark anywhere: valid, nobody gets a vote

    def as_dict(self) -> dict[str, bool]:
        return {
            "all_struck_invalid": self.all_struck_invalid,
            "blank_agree_ballot_valid": self.blank_agree_ballot_valid,
        }


RULE_KEYS: tuple[str, ...] = ("all_struck_invalid", "blank_agree_ballot_valid")


@dataclass(frozen=True, eq=True)
class Ballot:
    """One paper ballot as entered: `keep` (strike form, ids left un-struck) or `marks` (agree form, id -> mark;
    a missing id means `none`), and optionally a reason the counting committee declared."""

    no: int
    keep: tuple[str, ...] | None = None
    marks: Mapping[str, Mark] | None = field(default=None, hash=False)
    void: InvalidReason | None = None

    @classmethod
    def strike(cls, no: int, keep: Sequence[str], void: InvalidReason | str | None = None) -> Ballot:
        return cls(no, keep=tuple(keep), void=InvalidReason(void) if void else None)

    @classmethod
    def agree(cls, no: int, marks: Mapping[str, Mark | str], void: InvalidReason | str | None = None) -> Ballot:
        return cls(no, marks={cid: Mark(m) for cid, m in marks.items()}, void=InvalidReason(void) if void else None)


@dataclass(frozen=True)
class Verdict:
    """What one ballot gives: its invalid reason (None when valid), the ids it votes for and those it rejects."""

    reason: InvalidReason | None
    agree: tuple[str, ...] = ()
    disagree: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        return self.reason is None


def judge(
    ballot: Ballot, form: Form, candidate_ids: Sequence[str] | frozenset[str], seats: int, rules: Rules
) -> Verdict:
    """Rule on one ballot. Raises MalformedError (naming the ballot and field) for input that cannot be counted.

    Order of the rules: a declared reason wins over the marks; then too many names or agree marks (bầu thừa);
    then every name struck (strike form) / the single-candidate box rule / a blank ballot (agree form).

    A single-candidate agree ballot must have exactly one box marked (agree or disagree); `both`, `none` or no
    mark at all make it invalid as `single_not_one_box`, whatever `blank_agree_ballot_valid` says: that option is
    about multi-row ballots, where a blank row is allowed, and the one-candidate rule is the stricter, explicit one.
    """
    ids = candidate_ids if isinstance(candidate_ids, frozenset) else frozenset(candidate_ids)
    if form == Form.STRIKE:
        return _judge_strike(ballot, ids, seats, rules)
    return _judge_agree(ballot, ids, seats, rules)


def _judge_strike(ballot: Ballot, ids: frozenset[str], seats: int, rules: Rules) -> Verdict:
    if ballot.marks is not None or ballot.keep is None:
        raise MalformedError(
            f"{ballot_prefix(ballot.no)}phiếu gạch tên phải ghi danh sách tên giữ lại (trường keep), "
            "không phải dấu đồng ý/không đồng ý (trường marks).",
            "marks" if ballot.marks is not None else "keep",
            ballot.no,
        )
    keep = ballot.keep
    kept = frozenset(keep)
    if not kept <= ids:
        unknown = next(cid for cid in keep if cid not in ids)
        raise MalformedError(
            f'{ballot_prefix(ballot.no)}mã ứng cử viên "{unknown}" không có trong danh sách (trường keep).',
            "keep",
            ballot.no,
        )
    if len(kept) != len(keep):
        raise MalformedError(
            f"{ballot_prefix(ballot.no)}một ứng cử viên được ghi hai lần (trường keep).", "keep", ballot.no
        )
    if ballot.void is not None:
        return Verdict(ballot.void)
    if len(keep) > seats:
        return Verdict(InvalidReason.TOO_MANY)
    if not keep and rules.all_struck_invalid:
        return Verdict(InvalidReason.ALL_STRUCK)
    return Verdict(None, keep)


def _judge_agree(ballot: Ballot, ids: frozenset[str], seats: int, rules: Rules) -> Verdict:
    if ballot.keep is not None or ballot.marks is None:
        raise MalformedError(
            f"{ballot_prefix(ballot.no)}phiếu đồng ý/không đồng ý phải ghi dấu từng dòng (trường marks), "
            "không phải danh sách tên giữ lại (trường keep).",
            "keep" if ballot.keep is not None else "marks",
            ballot.no,
        )
    agree: list[str] = []
    disagree: list[str] = []
    marked = False
    for cid, mark in ballot.marks.items():
        if cid not in ids:
            raise MalformedError(
                f'{ballot_prefix(ballot.no)}mã ứng cử viên "{cid}" không có trong danh sách (trường marks).',
                "marks",
                ballot.no,
            )
        if mark == Mark.AGREE:
            agree.append(cid)
        elif mark == Mark.DISAGREE:
            disagree.append(cid)
        elif mark == Mark.BOTH:
            marked = True
        elif mark != Mark.NONE:
            raise MalformedError(
                f'{ballot_prefix(ballot.no)}dấu "{mark}" của ứng cử viên "{cid}" không hợp lệ; chỉ nhận '
                "agree, disagree, both, none (trường marks).",
                "marks",
                ballot.no,
            )
    if ballot.void is not None:
        return Verdict(ballot.void)
    if len(agree) > seats:
        return Verdict(InvalidReason.TOO_MANY)
    if len(ids) == 1:
        if len(agree) + len(disagree) != 1:
            return Verdict(InvalidReason.SINGLE_NOT_ONE_BOX)
    elif not (agree or disagree or marked) and not rules.blank_agree_ballot_valid:
        return Verdict(InvalidReason.BLANK)
    # Several rows: a row with both boxes or none gives that candidate no vote; the ballot stays valid.
    return Verdict(None, tuple(agree), tuple(disagree))
