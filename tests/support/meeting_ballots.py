"""Counting a meeting's secret ballot (one question, the agree form) as the «Bầu cử» tab does, for the tests."""

from __future__ import annotations

from models.counting import Ballot, Mark
from models.live_count.count import close_count
from models.live_count.session import CountSession


def count_question(round_id: int, agree: int, disagree: int, void: int = 0) -> None:
    """Enter `agree` ballots agreeing, `disagree` disagreeing and `void` marked both ways (invalid), then close."""
    session = CountSession(round_id)
    key = session.election.candidates[0].id
    marks = [Mark.AGREE] * agree + [Mark.DISAGREE] * disagree + [Mark.BOTH] * void
    for no, mark in enumerate(marks, start=1):
        session.enter(Ballot.agree(no, {key: mark}))
    close_count(round_id, "Trưởng ban")
