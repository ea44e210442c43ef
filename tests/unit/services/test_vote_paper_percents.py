"""The papers of the branch's votes print each figure's percent of D as the counting minutes do
(models.counting.percent: two decimals, half up), not rounded half to even: 1 of D = 32 is 3,13%."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from models.meetings.thresholds import VoteForm, VoteKind
from models.meetings.votes import VoteRecord
from services.admission import papers
from services.meetings import vote_papers


def _vote(kind: VoteKind) -> VoteRecord:
    return VoteRecord(1, 1, date(2026, 3, 2), kind, VoteForm.SHOW_OF_CARDS, 32, 30, 1, 1, subject_name="Lê Văn An")


def test_admission_resolution_figures_round_half_up():
    figures = papers._figures(_vote(VoteKind.ADMISSION))
    assert figures == (
        ("Tán thành", 30, "93,75%"),
        ("Không tán thành", 1, "3,13%"),
        ("Không biểu quyết, phiếu không hợp lệ", 1, "3,13%"),
    )


def test_vote_paper_figures_round_half_up(monkeypatch):
    meeting = SimpleNamespace(
        held_on=date(2026, 3, 2), purpose="Xét", chair="", attendees=[], exclude_absent_approved=False
    )
    monkeypatch.setattr(vote_papers, "get_meeting", lambda _id: meeting)
    monkeypatch.setattr(vote_papers, "get_branch", lambda: None)
    monkeypatch.setattr(
        vote_papers, "base_of", lambda *_: SimpleNamespace(official=32, present_official=32, present_probationary=0)
    )
    paper = vote_papers.vote_paper(_vote(VoteKind.RECOGNITION))
    assert [row[2] for row in paper.figures] == ["93,75%", "3,13%", "3,13%"]
