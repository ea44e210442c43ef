"""The branch's current leadership: who holds which post since when, elected (at the latest congress, or at a
branch meeting's by-election) or appointed by the higher committee. The one query the roster, the congress papers
and the office read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.congress.congresses import CongressInfo, list_congresses
from models.congress.elections import congress_elections
from models.core import clock
from models.core.dates import fmt
from models.counting import POST_LABELS, Post
from models.meetings.appointments import LEADERSHIP_POSTS, appointments

ELECTED, APPOINTED = "elected", "appointed"
HOW_LABELS = {ELECTED: "Bầu", APPOINTED: "Chỉ định"}
_SINGLE = (Post.SECRETARY, Post.DEPUTY_SECRETARY)  # one holder at a time in ChiBo's view


@dataclass(frozen=True)
class Leader:
    post: Post
    full_name: str
    since: date
    how: str  # ELECTED | APPOINTED
    source: str  # "Đại hội lần thứ IV, nhiệm kỳ 2025–2030" or the appointment's decision
    member_id: int | None = None
    term: str = ""

    @property
    def post_label(self) -> str:
        return POST_LABELS[self.post]

    @property
    def how_label(self) -> str:
        return HOW_LABELS[self.how]

    @property
    def text(self) -> str:
        """ "Bí thư Chi bộ: Nguyễn Văn An (bầu, từ 20/6/2025, Đại hội lần thứ IV, nhiệm kỳ 2025–2030)"."""
        return f"{self.post_label}: {self.full_name} ({self.how_label.lower()}, từ {fmt(self.since)}, {self.source})"


def _congress_leaders(congress: CongressInfo) -> list[Leader]:
    out = []
    for election in congress_elections(congress.id):
        if election.post not in LEADERSHIP_POSTS:
            continue
        for person in election.elected:
            out.append(
                Leader(
                    election.post,
                    person.full_name,
                    congress.opens_on,
                    ELECTED,
                    congress.title,
                    person.member_id,
                    congress.term_text,
                )
            )
        if election.appointed:  # the secretary appointed after a third failed round, recorded at the congress
            out.append(
                Leader(
                    election.post,
                    election.appointed,
                    congress.opens_on,
                    APPOINTED,
                    congress.title,
                    None,
                    congress.term_text,
                )
            )
    return out


def current_leadership(on: date | None = None) -> list[Leader]:
    """The leadership on `on` (today by default): the latest congress held by then, then every appointment made
    since in date order (an appointed secretary or deputy replaces the one before; an appointed committee member
    joins the committee), less appointments ended by then. Secretary first, then deputy, then the committee."""
    on = on or clock.today()
    held = [c for c in list_congresses() if c.id is not None and c.opens_on <= on]
    latest = max(held, key=lambda c: (c.opens_on, c.ordinal), default=None)
    leaders = _congress_leaders(latest) if latest else []
    since = latest.opens_on if latest else date.min
    for appointment in appointments():
        if appointment.decision_on < since or appointment.decision_on > on:
            continue
        if appointment.post in _SINGLE:  # replaced the one before, even if the appointee has left since
            leaders = [leader for leader in leaders if leader.post != appointment.post]
        if appointment.until is not None and appointment.until <= on:
            continue
        term = f"nhiệm kỳ {appointment.term_start}–{appointment.term_end}" if appointment.term_start else ""
        leaders.append(
            Leader(
                appointment.post,
                appointment.full_name,
                appointment.decision_on,
                APPOINTED,
                appointment.decision_text,
                appointment.member_id,
                term,
            )
        )
    order = {post: index for index, post in enumerate(LEADERSHIP_POSTS)}
    return sorted(leaders, key=lambda leader: (order[leader.post], leader.since))
