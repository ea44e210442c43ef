"""A meeting's secret ballot counted ballot by ballot in the «Bầu cử» tab: a by-election, or a yes/no question on a
member (discipline, dismissal, expulsion, striking off, exemption, recognition).

The counting engine, the entry log, the seal, the minutes, the projector and the record file all work on a congress's
election. A meeting's secret ballot is therefore held in a congress row of kind "meeting" that hosts this one
election: its list is the meeting's list (the attendance as taken), its term the latest congress's, and each round's
electorate is frozen from the meeting's base D (models.meetings.meetings.meeting_base), not from a congress check-in.
The congress lists, the congress tab and the office skip such rows. The question is the engine's agree form with one
"candidate": the member the question is about (seats 1); a by-election's candidate is the one standing.

A discipline vote is counted one form per round, heaviest first (round 1: warning; if it fails, round 2: reprimand,
where a ballot agreeing to the warning agrees to the lighter form too), which is the cumulative count of
docs/domain.md §7 asked one question at a time. The closed, sealed result fills the vote's figures; nobody types them.
"""

from __future__ import annotations

import json

from models.congress.congresses import list_congresses
from models.congress.elections import get_election
from models.congress.round_facts import RoundInfo
from models.congress.round_state import RoundState
from models.congress.tables import Congress, CongressElection, ElectionRound, RoundCandidate, Summoned
from models.core import clock
from models.core.errors import ConflictError, ValidationError
from models.core.tables import db
from models.counting import POST_LABELS, Post
from models.meetings.meetings import get_meeting, meeting_base, meeting_row
from models.meetings.question_title import APPLICANT_ADDRESS, MEMBER_ADDRESS, question_title
from models.meetings.tables import MeetingVote
from models.meetings.thresholds import DISCIPLINE_ORDER, VoteForm, VoteKind, passes
from models.meetings.votes import ByElection, VoteRecord, get_vote, record_vote
from models.roster.members import get_member

HOST_KIND = "meeting"
APPLICANT_LABEL = "Quần chúng"
TERM_YEARS = 5


def open_secret_ballot(
    meeting_id: int,
    kind: VoteKind,
    member_id: int | None = None,
    *,
    applicant_id: int | None = None,
    subject_name: str = "",
    by_election: ByElection | None = None,
    notes: str = "",
) -> VoteRecord:
    """A secret-ballot vote to be counted in the «Bầu cử» tab: recorded with the meeting's D, its election set up
    and its first round started (the ballots issued to the official members present). The figures come from the
    count (`take_count`), never typed. The subject is a member, or an applicant of the register (`applicant_id`,
    `subject_name`: an admission, whose checks models.admission.path makes first)."""
    if VoteForm.SECRET_BALLOT not in kind.rule.forms:
        raise ValidationError(f"{kind.label}: không biểu quyết bằng phiếu kín.", "form")
    with db.atomic():
        vote = record_vote(
            meeting_id,
            kind,
            VoteForm.SECRET_BALLOT,
            0,
            0,
            0,
            member_id=member_id,
            applicant_id=applicant_id,
            subject_name=subject_name,
            by_election=by_election,
            notes=notes,
        )
        election_id = _set_up(vote)
        MeetingVote.update(election=election_id).where(MeetingVote.id == vote.id).execute()
        return get_vote(vote.id)


def secret_ballot_for(vote_id: int) -> int:
    """The id of the round of the vote now counted (or last counted) in the «Bầu cử» tab."""
    vote = get_vote(vote_id)
    if vote.election_id is None:
        raise ConflictError("Biểu quyết này không kiểm phiếu ở thẻ «Bầu cử» (số phiếu đã được ghi trực tiếp).")
    return get_election(vote.election_id).current_round.id


def take_count(vote_id: int) -> VoteRecord:
    """The closed count's result fills the vote's figures. A discipline vote whose warning round did not pass
    starts the reprimand round instead (and returns the vote still awaiting its count)."""
    with db.atomic():
        vote = get_vote(vote_id)
        if vote.election_id is None or not vote.awaiting_count:
            raise ConflictError("Biểu quyết này đã có kết quả hoặc không kiểm phiếu ở thẻ «Bầu cử».")
        rounds = get_election(vote.election_id).rounds
        last = rounds[-1]
        row = ElectionRound.get_by_id(last.id)
        if not RoundState.of(row.status, row.count_mode).has_result or last.result is None:
            raise ConflictError(f"Lần bầu thứ {last.number} chưa khóa kết quả ở thẻ «Bầu cử».")
        if last.integrity:
            raise ConflictError(f"Kết quả kiểm phiếu không dùng được. {last.integrity[0]}")
        yes = {r.number: _agree(r) for r in rounds}
        lighter_left = last.number < len(DISCIPLINE_ORDER)
        if vote.kind is VoteKind.DISCIPLINE and lighter_left and not passes(vote.kind, yes[last.number], vote.d):
            _start_round(vote, vote.election_id, last.number + 1)
            return get_vote(vote_id)
        figures = _figures(vote, last, yes)
        MeetingVote.update(counted_at=clock.now(), **figures).where(MeetingVote.id == vote_id).execute()
        election = CongressElection.get_by_id(vote.election_id)
        Congress.update(status="closed", closes_on=vote.held_on).where(Congress.id == election.congress_id).execute()
        return get_vote(vote_id)


def _agree(round_: RoundInfo) -> int:
    assert round_.result is not None
    return round_.result.candidates[0].votes


def _figures(vote: VoteRecord, last: RoundInfo, yes: dict[int, int]) -> dict:
    """yes, no, invalid from the last round (agree, the other valid ballots, invalid); a discipline's yes by form
    cumulative: the warning round's agreements, then what the reprimand round added."""
    assert last.result is not None
    agree = yes[last.number]
    figures: dict[str, int | str] = dict(yes=agree, no=last.result.valid - agree, invalid=last.result.invalid)
    if vote.kind is VoteKind.DISCIPLINE:
        by_form: dict[str, int] = {}
        before = 0
        for number, form in enumerate(DISCIPLINE_ORDER, start=1):
            if number in yes:
                by_form[form.value] = max(yes[number] - before, 0)
                before = max(before, yes[number])
        figures.update(yes=sum(by_form.values()), yes_by_form=json.dumps(by_form))
    return figures


def _set_up(vote: VoteRecord) -> int:
    """The host row, the meeting's list as its list, the election and its first round (started)."""
    meeting = get_meeting(vote.meeting_id)
    held = [c for c in list_congresses() if c.opens_on <= meeting.held_on]
    term = (held[0].term_start, held[0].term_end) if held else (meeting.held_on.year, meeting.held_on.year + TERM_YEARS)
    host = Congress.create(
        ordinal=-vote.id,  # never shown; unique per branch like a congress's ordinal, and below every real one
        term_start=term[0],
        term_end=term[1],
        opens_on=meeting.held_on,
        place=meeting.title,
        status="in_session",
        kind=HOST_KIND,
    )
    for person in meeting.attendees:
        member = get_member(person.member_id)
        Summoned.create(
            congress=host.id,
            member=person.member_id,
            full_name=person.full_name,
            birth_date=member.birth_date,
            official=person.official,
            situation=person.situation.value,
            status_label="Chính thức" if person.official else "Dự bị",
            attendance=person.attendance.value,
            absence_reason=person.reason,
            checked_at=clock.now(),
        )
    if vote.applicant_id is not None:  # named on the ballot, not on the list of those who vote (not a member)
        Summoned.create(
            congress=host.id, member=None, full_name=vote.subject_name, official=False, status_label=APPLICANT_LABEL
        )
    post = vote.post if vote.kind is VoteKind.BY_ELECTION and vote.post else Post.OTHER
    title = f"Bầu bổ sung {POST_LABELS[post]}"
    if vote.kind is not VoteKind.BY_ELECTION:  # the engine says "trúng cử" at more than half: the title says the test
        address = APPLICANT_ADDRESS if vote.applicant_id is not None else MEMBER_ADDRESS
        title = question_title(vote.kind, f"{address} {vote.subject_name}", vote.needed)
    election = CongressElection.create(congress=host.id, post=post.value, seats=1, position=1, title=title)
    _start_round(vote, election.id, 1)
    return election.id


def _start_round(vote: VoteRecord, election_id: int, number: int) -> None:
    """A round of the question: the first's electorate frozen from the meeting's base as it stands now, a later
    one's the same as the first's (the vote keeps the D it was opened with)."""
    election = CongressElection.get_by_id(election_id)
    who = Summoned.member.is_null() if vote.member_id is None else Summoned.member == vote.member_id
    candidate = Summoned.get((Summoned.congress == election.congress_id) & who)
    first = ElectionRound.get_or_none((ElectionRound.election == election_id) & (ElectionRound.number == 1))
    frozen = (
        dict(
            official_summoned=first.official_summoned,
            temporary_elsewhere=first.temporary_elsewhere,
            exempt_absent=first.exempt_absent,
            suspended=first.suspended,
            absent_approved=first.absent_approved,
            official_present=first.official_present,
            ballots_issued=first.ballots_issued,
        )
        if first is not None
        else _frozen_base(vote.meeting_id)
    )
    notes = ""
    if vote.kind is VoteKind.DISCIPLINE:
        form = DISCIPLINE_ORDER[number - 1]
        notes = f"Hình thức kỷ luật biểu quyết ở lần này: {form.label} (phiếu đồng ý là đồng ý hình thức này)."
    row = ElectionRound.create(
        election=election_id,
        number=number,
        seats=1,
        status="counting",
        started_at=clock.now(),
        **frozen,
        notes=notes,
    )
    RoundCandidate.create(round=row.id, summoned=candidate.id, source="list")
    meeting_row(vote.meeting_id)  # of the current branch


def _frozen_base(meeting_id: int) -> dict:
    """The meeting's base as a round's frozen electorate; the ballots go to the official members present."""
    base = meeting_base(meeting_id)
    if base.present_official == 0:
        raise ValidationError("Không có đảng viên chính thức nào có mặt để bỏ phiếu.", "attendance")
    ex = base.excluded
    return dict(
        official_summoned=base.official,
        temporary_elsewhere=ex.get("temporary_elsewhere", 0),
        exempt_absent=ex.get("exempt_absent", 0),
        suspended=ex.get("suspended", 0),
        absent_approved=ex.get("absent_approved", 0),
        official_present=base.present_official,
        ballots_issued=base.present_official,
    )
