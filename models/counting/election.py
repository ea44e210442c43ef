"""One ballot round as set up by the congress: the post, seats, form, rules, electorate and candidate list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from models.counting.electorate import Electorate
from models.counting.validity import Form, Rules

if TYPE_CHECKING:  # an annotation only: reading and counting a record loads neither datetime nor the name rules
    from datetime import date


class Post(StrEnum):
    COMMITTEE = "committee"  # Ban Chi ủy
    SECRETARY = "secretary"  # Bí thư
    DEPUTY_SECRETARY = "deputy_secretary"  # Phó Bí thư
    DELEGATE = "delegate"  # đại biểu chính thức dự đại hội cấp trên
    ALTERNATE_DELEGATE = "alternate_delegate"  # đại biểu dự khuyết
    OTHER = "other"


POST_LABELS: dict[Post, str] = {
    Post.COMMITTEE: "Ban Chi ủy",
    Post.SECRETARY: "Bí thư Chi bộ",
    Post.DEPUTY_SECRETARY: "Phó Bí thư Chi bộ",
    Post.DELEGATE: "Đại biểu chính thức dự Đại hội cấp trên",
    Post.ALTERNATE_DELEGATE: "Đại biểu dự khuyết dự Đại hội cấp trên",
    Post.OTHER: "Khác",
}

# After this many rounds without a secretary the higher committee appoints one (Quy chế 190).
SECRETARY_MAX_ROUNDS = 3


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    birth_date: date | None = field(default=None, compare=False)


def order_candidates(candidates: Sequence[Candidate]) -> list[Candidate]:
    """The list in Vietnamese A-B-C order: given name, family name, middle name, then earlier birth date."""
    from models.core.vnname import name_key

    return sorted(candidates, key=lambda c: name_key(c.name, c.birth_date))


@dataclass(frozen=True)
class Election:
    """Everything the count of one round needs besides the ballots; `candidates` in ballot (printed) order."""

    post: Post
    round: int
    seats: int
    form: Form
    candidates: tuple[Candidate, ...]
    electorate: Electorate
    ballots_issued: int
    rules: Rules = Rules()
    # A re-vote only among passers tied across the last seats (Charter Điều 12 k3): the highest votes fill the
    # seats without the 2 × votes > D test; a new tie leaves them open.
    tie_break: bool = False

    @property
    def candidate_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.candidates)
