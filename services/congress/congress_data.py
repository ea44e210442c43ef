"""The congress's papers as plain data: reads the congress through models.congress, returns reports' dataclasses."""

from __future__ import annotations

from models.congress.bodies import Body, BodySeat, working_bodies
from models.congress.checkin import AttendancePanel, attendance_panel
from models.congress.congresses import CongressInfo, get_congress
from models.congress.elections import ELECTED_AS, ElectionInfo, congress_elections
from models.congress.hand_votes import hand_votes
from models.congress.round_facts import RoundInfo
from models.congress.summons import SummonedPerson, summoned_list
from models.core.branch import BranchInfo
from models.core.errors import ConflictError
from models.core.practice_flag import is_practice
from models.counting import Attendance, Form, NextAction, Post, percent_label
from models.counting.decision import NEXT_ACTION_LABELS
from models.meetings.leadership import appointed_since
from reports.congress.paper_data import (
    AttendanceFigures,
    AttendanceRow,
    BallotPaper,
    BioRow,
    CandidateLine,
    CongressHeading,
    CongressSummary,
    ElectionOutcome,
    HandVoteRow,
    RoundOutcome,
)

FORM_LABELS = {Form.STRIKE: "Phiếu gạch tên", Form.AGREE: "Phiếu đồng ý, không đồng ý"}


def heading(info: CongressInfo, branch: BranchInfo | None) -> CongressHeading:
    return CongressHeading(
        branch.name if branch else "Chi bộ",
        info.ordinal_text,
        info.term_text,
        info.opens_on,
        info.closes_on,
        info.place,
        info.full_title(branch.name if branch else "") if info.hosts_meeting else "",
    )


def congress_title(info: CongressInfo, branch: BranchInfo | None) -> str:
    """ "ĐẠI HỘI CHI BỘ VĂN PHÒNG SỞ LẦN THỨ IV, NHIỆM KỲ 2025–2030"."""
    name = branch.name if branch else "Chi bộ"
    return f"Đại hội {name} {info.ordinal_text}, {info.term_text}".upper()


def figures(panel: AttendancePanel, people: list[SummonedPerson]) -> AttendanceFigures:
    return AttendanceFigures(
        summoned=panel.summoned,
        official_summoned=panel.official_summoned,
        probationary=panel.probationary,
        present=panel.present,
        official_present=sum(1 for p in people if p.official and p.attendance == Attendance.PRESENT),
        absent_approved=panel.absent_approved,
        absent_unapproved=panel.absent,
        exclusions=tuple((label, count) for _group, label, count in panel.excluded()),
        D=panel.D,
        threshold=panel.threshold,
        ballots=panel.ballots,
        quorum_text=panel.quorum.text,
    )


def attendance_rows(people: list[SummonedPerson]) -> list[AttendanceRow]:
    return [
        AttendanceRow(p.full_name, p.birth_date, p.kind_label, p.situation_label, p.attendance_label, p.absence_reason)
        for p in people
    ]


def _round_outcome(round_: RoundInfo) -> RoundOutcome | None:
    result = round_.result
    if result is None:
        return None
    agree = round_.form == Form.AGREE
    names = {p.key: p.full_name for p in round_.candidates}
    lines = tuple(
        CandidateLine(c.name, c.votes, percent_label(c.percent), c.elected, c.disagree if agree else None)
        for c in result.candidates
    )
    step = "" if result.next_action == NextAction.NONE else NEXT_ACTION_LABELS[result.next_action]
    return RoundOutcome(
        round_.number,
        result.D,
        result.threshold,
        result.ballots_issued,
        result.collected,
        result.valid,
        result.invalid,
        lines,
        tuple(names[k] for k in result.elected),
        result.open_seats,
        step,
        round_.notes,
    )


def election_outcome(election: ElectionInfo) -> ElectionOutcome:
    rounds = tuple(o for o in (_round_outcome(r) for r in election.rounds) if o is not None)
    appointed = f"Cấp ủy cấp trên chỉ định: {election.appointed}" if election.appointed else ""
    return ElectionOutcome(election.title, election.seats, FORM_LABELS[election.rounds[0].form], rounds, appointed)


def _names(seats: list[BodySeat]) -> tuple[str, ...]:
    return tuple(seat.person.full_name for seat in seats)


def _elected(elections: dict[Post, ElectionInfo], post: Post) -> tuple[str, ...]:
    election = elections.get(post)
    return tuple(p.full_name for p in election.elected) if election else ()


def sound_elections(congress_id: int) -> list[ElectionInfo]:
    """The congress's elections for a paper built on their results: refused (ConflictError) when a closed round's
    log, seal or stored result does not hold (models.live_count.seal), naming the round and the first problem."""
    elections = congress_elections(congress_id)
    for election in elections:
        for round_ in election.rounds:
            if round_.integrity:
                raise ConflictError(
                    f"Không lập được giấy tờ từ kết quả {election.title}, lần bầu thứ "
                    f"{round_.number}: {round_.integrity[0]}"
                )
    return elections


def congress_summary(congress_id: int, branch: BranchInfo | None) -> CongressSummary:
    info = get_congress(congress_id)
    elections = sound_elections(congress_id)
    by_post = {e.post: e for e in elections}
    bodies = working_bodies(congress_id)
    secretary = _elected(by_post, Post.SECRETARY)
    appointed = by_post[Post.SECRETARY].appointed if Post.SECRETARY in by_post else ""
    later = appointed_since(info.opens_on)  # the higher committee's appointments since (models.meetings)
    if not secretary and not appointed:
        appointed = next((x.full_name for x in later if x.post == Post.SECRETARY), "")
    return CongressSummary(
        heading=heading(info, branch),
        figures=figures(attendance_panel(congress_id), summoned_list(congress_id)),
        elections=tuple(election_outcome(e) for e in elections if any(r.result for r in e.rounds)),
        committee=_elected(by_post, Post.COMMITTEE),
        secretary=secretary[0] if secretary else appointed,
        deputy=next(iter(_elected(by_post, Post.DEPUTY_SECRETARY)), ""),
        delegates=_elected(by_post, Post.DELEGATE),
        alternates=_elected(by_post, Post.ALTERNATE_DELEGATE),
        presidium=_names(bodies[Body.PRESIDIUM] or bodies[Body.CHAIR]),
        secretariat=_names(bodies[Body.SECRETARIAT]),
        counting_committee=_names(bodies[Body.COUNTING]),
        appointed=tuple(f"{x.post_label}: đồng chí {x.full_name} ({x.source})" for x in later),
    )


def _votes_text(election: ElectionInfo, person: SummonedPerson) -> str:
    for round_ in election.rounds:
        if round_.result is None:
            continue
        for line in round_.result.candidates:
            if line.id == person.key and line.elected:
                return f"{line.votes}/{round_.result.D} ({percent_label(line.percent)})"
    return ""


def elected_bios(congress_id: int) -> list[BioRow]:
    """Those elected: the secretary and the deputy (each with the votes of their own election), the other committee
    members (the committee ballot's votes), then the official delegates and the alternates."""
    by_post = {e.post: e for e in sound_elections(congress_id)}
    leaders = [
        (post, p) for post in (Post.SECRETARY, Post.DEPUTY_SECRETARY) if post in by_post for p in by_post[post].elected
    ]
    committee = by_post.get(Post.COMMITTEE)
    rows = [_bio(p, ELECTED_AS[post], _votes_text(by_post[post], p)) for post, p in leaders]
    if committee is not None:
        lead = {p.id for _post, p in leaders}
        rows += [
            _bio(p, ELECTED_AS[Post.COMMITTEE], _votes_text(committee, p))
            for p in committee.elected
            if p.id not in lead
        ]
    for post in (Post.DELEGATE, Post.ALTERNATE_DELEGATE):
        if post in by_post:
            rows += [_bio(p, ELECTED_AS[post], _votes_text(by_post[post], p)) for p in by_post[post].elected]
    return rows


def _bio(p: SummonedPerson, elected_as: str, votes: str) -> BioRow:
    bio = p.bio
    job = ", ".join(part for part in (bio.get("job_title", ""), bio.get("workplace", "")) if part)
    return BioRow(
        p.full_name,
        elected_as,
        p.birth_date,
        bio.get("gender", ""),
        bio.get("hometown", ""),
        bio.get("ethnicity", ""),
        bio.get("religion", ""),
        bio.get("education", ""),
        bio.get("qualification", ""),
        bio.get("theory", ""),
        job,
        bio.get("admission_date"),
        bio.get("official_date"),
        votes,
    )


def hand_vote_rows(congress_id: int) -> list[HandVoteRow]:
    return [
        HandVoteRow(
            v.taken_at,
            v.subject,
            v.voting,
            v.in_favour,
            v.against,
            v.abstain,
            v.adopted,
            v.void_reason if v.voided_at else "",
        )
        for v in hand_votes(congress_id)
    ]


def ballot_paper(
    info: CongressInfo, branch: BranchInfo | None, election: ElectionInfo, round_: RoundInfo, copies: int
) -> BallotPaper:
    title = congress_title(info, branch)
    if is_practice():
        title = f"PHIẾU TẬP DƯỢT – {title}"
    return BallotPaper(
        title,
        election.title,
        round_.number,
        round_.form.value,
        round_.seats,
        tuple(p.full_name for p in round_.candidates),
        copies,
    )


def attendance(congress_id: int) -> tuple[list[AttendanceRow], AttendanceFigures]:
    people = summoned_list(congress_id)
    return attendance_rows(people), figures(attendance_panel(congress_id), people)
