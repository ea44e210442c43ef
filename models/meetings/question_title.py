"""The title of a branch meeting's question counted in the «Bầu cử» tab, and what it lets its counting minutes say.

The counting engine tests a candidate at more than half of D ("trúng cử"); a member question (or an applicant's
admission) has its own test on D (models.meetings.thresholds). The election's title names the question's kind and
person and states its test, and the title travels in the election record (docs/election-record.md, `title`): so the
minutes written from the data file and those written from the record file alone (`python main.py minutes`) read
the question back from the same title and state the same test and outcome. Pure Python, no peewee, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.counting import CountResult
from models.meetings.thresholds import DISCIPLINE_ORDER, VoteKind, passes, votes_needed

MEMBER_ADDRESS = "đồng chí"
APPLICANT_ADDRESS = "quần chúng"  # a person not a member yet
_REST = re.compile(r"(đồng chí|quần chúng) (?P<name>[^()]+?) \(thông qua khi từ \d+ phiếu đồng ý[^()]*\)")


@dataclass(frozen=True)
class Question:
    """A question read from a title: its kind and the person it is about ("đồng chí …" or "quần chúng …")."""

    kind: VoteKind
    person: str  # with its form of address


def question_title(kind: VoteKind, person: str, needed: int) -> str:
    """`person` with its form of address ("đồng chí Nguyễn Văn An", "quần chúng Lê Thị Hoa")."""
    forms = "; lần 1 cảnh cáo, lần 2 khiển trách" if kind is VoteKind.DISCIPLINE else ""
    return f"{kind.label}: {person} (thông qua khi từ {needed} phiếu đồng ý{forms})"


def read_question(title: str) -> Question | None:
    """The question a title names, or None (a by-election's or a congress's title: the engine's own test)."""
    for kind in VoteKind:
        prefix = f"{kind.label}: "
        if kind is not VoteKind.BY_ELECTION and title.startswith(prefix):
            found = _REST.fullmatch(title[len(prefix) :])
            if found:
                return Question(kind, f"{found.group(1)} {found.group('name')}")
    return None


@dataclass(frozen=True)
class QuestionOutcome:
    """A question's count against its own test on D: what the «Bầu cử» tab, the room's screen and the minutes say
    instead of the engine's "trúng cử"."""

    question: Question
    d: int
    agree: int
    needed: int  # the fewest agreeing ballots that carry it
    carried: bool

    @property
    def test(self) -> str:
        """ "thông qua khi ít nhất hai phần ba của D = 10 đồng ý, tức từ 7 phiếu trở lên"."""
        label = self.question.kind.rule.threshold.label
        return f"thông qua khi {label} của D = {self.d} đồng ý, tức từ {self.needed} phiếu trở lên"

    @property
    def verdict(self) -> str:
        return "THÔNG QUA" if self.carried else "KHÔNG THÔNG QUA"


def question_outcome(question: Question, agree: int, d: int) -> QuestionOutcome:
    kind = question.kind
    return QuestionOutcome(question, d, agree, votes_needed(kind, d), passes(kind, agree, d))


def count_outcome(title: str, result: CountResult) -> QuestionOutcome | None:
    """The outcome of a round counted under `title`, or None when the title names no question (an election or a
    by-election: the engine's own test stands)."""
    question = read_question(title) if len(result.candidates) == 1 else None
    return question_outcome(question, result.candidates[0].votes, result.D) if question else None


def question_lines(question: Question, round_no: int, agree: int, d: int) -> tuple[str, ...]:
    """What a counted round of the question decided, on its own test on D (a discipline: one form per round,
    heaviest first)."""
    outcome = question_outcome(question, agree, d)
    return (
        f"{question_subject(question, round_no)}: {outcome.test}.",
        f"Kết quả: {agree}/{d} phiếu đồng ý: {outcome.verdict}.",
    )


def question_subject(question: Question, round_no: int) -> str:
    """What round `round_no` of the question asks: "Đề nghị kỷ luật khai trừ đối với đồng chí …"; a discipline's
    round weighs one form, heaviest first ("Thi hành kỷ luật bằng hình thức cảnh cáo đối với đồng chí …")."""
    kind = question.kind
    what = kind.label
    if kind is VoteKind.DISCIPLINE and 1 <= round_no <= len(DISCIPLINE_ORDER):
        what = f"Thi hành kỷ luật bằng hình thức {DISCIPLINE_ORDER[round_no - 1].label.lower()}"
    return f"{what} đối với {question.person}"


def round_heading(title: str, round_no: int) -> str:
    """The heading of a round on the room's screen: a meeting's question by what it asks (a question is not an
    election and has no «lần bầu»); an election (a congress's, a meeting's by-election) by its title and round."""
    question = read_question(title)
    return question_subject(question, round_no) if question else f"{title} — Lần bầu thứ {round_no}"
