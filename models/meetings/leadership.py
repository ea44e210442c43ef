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
from models.core.saved_ids import saved_id
from models.counting import POST_LABELS, Post
from models.meetings.appointments import LEADERSHIP_POSTS, appointments
from models.meetings.votes import by_elections

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
    for election in congress_elections(saved_id(congress)):
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
    """The leadership on `on` (today by default): the latest congress held by then, then every by-election won at a
    branch meeting and every appointment made since, in date order (a new secretary or deputy replaces the one
    before; a new committee member joins the committee), less appointments ended by then. Secretary first, then
    deputy, then the committee."""
    on = on or clock.today()
    held = [c for c in list_congresses() if c.id is not None and c.opens_on <= on]
    latest = max(held, key=lambda c: (c.opens_on, c.ordinal), default=None)
    leaders = _congress_leaders(latest) if latest else []
    since = latest.opens_on if latest else date.min
    changes: list[tuple[date, Leader, date | None]] = []
    for vote in by_elections():
        if vote.passed and vote.post is not None and since <= vote.held_on <= on:
            source = f"bầu bổ sung tại hội nghị chi bộ ngày {fmt(vote.held_on)}"
            if vote.approved_on:
                source += f", chuẩn y: Quyết định số {vote.approval_number} ngày {fmt(vote.approved_on)}"
            else:
                source += ", chờ cấp trên chuẩn y"
            term = latest.term_text if latest else ""
            changes.append(
                (
                    vote.held_on,
                    Leader(vote.post, vote.subject_name, vote.held_on, ELECTED, source, vote.member_id, term),
                    None,
                )
            )
    for appointment in appointments():
        if since <= appointment.decision_on <= on:
            term = f"nhiệm kỳ {appointment.term_start}–{appointment.term_end}" if appointment.term_start else ""
            leader = Leader(
                appointment.post,
                appointment.full_name,
                appointment.decision_on,
                APPOINTED,
                appointment.decision_text,
                appointment.member_id,
                term,
            )
            changes.append((appointment.decision_on, leader, appointment.until))
    for _day, leader, until in sorted(changes, key=lambda change: change[0]):
        if leader.post in _SINGLE:  # replaces the one before, even if the newcomer has left since
            leaders = [x for x in leaders if x.post != leader.post]
        if until is None or until > on:
            leaders.append(leader)
    order = {post: index for index, post in enumerate(LEADERSHIP_POSTS)}
    return sorted(leaders, key=lambda leader: (order[leader.post], leader.since))


def leadership_line(leaders: list[Leader]) -> str:
    """One line for a screen: "Cấp ủy: Bí thư Chi bộ Nguyễn Văn An (bầu, từ 20/06/2025); … ; 5 chi ủy viên"."""
    if not leaders:
        return "Cấp ủy: chưa có (chưa bầu, chưa chỉ định)."
    posts = [
        f"{x.post_label} {x.full_name} ({x.how_label.lower()}, từ {fmt(x.since)})"
        for x in leaders
        if x.post != Post.COMMITTEE
    ]
    committee = sum(1 for x in leaders if x.post == Post.COMMITTEE)
    if committee:
        posts.append(f"{committee} chi ủy viên")
    return "Cấp ủy: " + "; ".join(posts) + "."


def appointed_since(day: date, on: date | None = None) -> list[Leader]:
    """The leaders holding a post on `on` by an appointment decided on or after `day` (a congress's opening)."""
    return [x for x in current_leadership(on) if x.how == APPOINTED and x.since >= day and x.source.startswith("Quyết")]
