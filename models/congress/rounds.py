"""Rounds of an election: start (the electorate is frozen as the ballots are issued), the result of a count done
by hand entered as totals, the next round, and the end of an election (Quy chế 190; docs/domain.md §3)."""

from __future__ import annotations

from models.congress.bodies import Body, counting_committee_problems, working_bodies
from models.congress.checkin import attendance_panel
from models.congress.congresses import congress_row
from models.congress.elections import ORDER, congress_elections, get_election, list_problems, required_posts
from models.congress.hand_votes import VoteKind, adopted_vote
from models.congress.round_facts import (
    RoundInfo,
    round_rows,
    totals_json,
)
from models.congress.round_state import RoundState, RoundStatus
from models.congress.tables import CongressElection, ElectionRound, RoundCandidate
from models.core import clock
from models.core.errors import ConflictError, ValidationError
from models.core.tables import db
from models.core.vnname import nfc
from models.counting import (
    POST_LABELS,
    MalformedError,
    NextAction,
    Totals,
    count_totals,
)
from models.counting.structure import SINGLE_SEAT_POSTS


def _current(election_row, round_row) -> RoundInfo:

    return next(r for r in get_election(election_row.id).rounds if r.id == round_row.id)


def start_problems(round_id: int) -> list[str]:
    """Every reason the round cannot start now (empty: it can): the congress in session, the elections before it
    done, the seats and the list adopted by show of hands (first round), the list's structure, the counting
    committee, and at least ⌊D/2⌋ + 1 official members present who can vote."""

    row, election_row, congress = round_rows(round_id)
    problems: list[str] = []
    if congress.status != "in_session":
        problems.append("Đại hội chưa khai mạc (hoặc đã bế mạc).")
    if row.status != "setup":
        problems.append(f"Lần bầu thứ {row.number} đã bắt đầu.")
    elections = congress_elections(congress.id)
    election = next(e for e in elections if e.id == election_row.id)
    problems += _order_problems(congress.id, election, elections)
    round_ = next(r for r in election.rounds if r.id == row.id)
    problems += list_problems(election, round_)
    if row.number == 1:
        votes = ((VoteKind.SEATS, "số lượng bầu"), (VoteKind.ELECTION_LIST, "danh sách bầu cử"))
        for kind, what in votes[1:] if election.post in SINGLE_SEAT_POSTS else votes:
            if adopted_vote(congress.id, kind, election.id) is None:
                problems.append(f"Đại hội chưa biểu quyết thông qua {what} {POST_LABELS[election.post]}.")
    counting = [seat.person for seat in working_bodies(congress.id)[Body.COUNTING]]
    problems += [f"Ban kiểm phiếu: {p}" for p in counting_committee_problems(congress.id, counting)]
    panel = attendance_panel(congress.id)
    problems += list(panel.blocking)
    return problems


def _order_problems(congress_id: int, election, elections) -> list[str]:
    """The elections before this one must be done: those the branch must hold (the committee with ≥ 9 official
    members, the secretary) even when not set up yet, the optional ones (deputy, delegates) when set up."""

    held = {e.post: e for e in elections}
    problems = []
    for post in ORDER[: ORDER.index(election.post)]:
        earlier = held.get(post)
        if earlier is None and post in required_posts(congress_id):
            problems.append(f"Chưa bầu {POST_LABELS[post]}: các cuộc bầu phải theo thứ tự.")
        elif earlier is not None and not earlier.done:
            problems.append(f"Chưa bầu xong {earlier.label}: các cuộc bầu phải theo thứ tự.")
        elif earlier is not None and earlier.integrity:
            problems.append(f"Kết quả bầu {earlier.label} không dùng được. {earlier.integrity[0]}")
    return problems


def start_round(round_id: int, ballots_issued: int | None = None) -> RoundInfo:
    """Issue the ballots: the electorate (D, its exclusions, official members present) is frozen for this round.
    `ballots_issued` defaults to the official members present who may vote, and cannot exceed it."""

    with db.atomic():
        row, election_row, congress = round_rows(round_id)
        problems = start_problems(round_id)
        panel = attendance_panel(congress.id)
        issued = panel.ballots if ballots_issued is None else ballots_issued
        if not 0 < issued <= panel.ballots:
            problems.append(
                f"Số phiếu phát ra ({issued}) phải từ 1 đến số đảng viên chính thức có mặt được quyền "
                f"bầu cử ({panel.ballots})."
            )
        if problems:
            raise ValidationError("Chưa bắt đầu lần bầu được:\n" + "\n".join(problems), "round")
        ex = panel.electorate.excluded
        ElectionRound.update(
            status="counting",
            official_summoned=panel.electorate.official_summoned,
            temporary_elsewhere=ex.temporary_elsewhere,
            exempt_absent=ex.exempt_absent,
            suspended=ex.suspended,
            absent_approved=ex.absent_approved,
            official_present=panel.electorate.official_present,
            ballots_issued=issued,
            started_at=clock.now(),
        ).where(ElectionRound.id == row.id).execute()
        return _current(election_row, row)


def record_totals(round_id: int, totals: Totals) -> RoundInfo:
    """Enter the result of a count done by hand. A count that does not add up (the engine's consistency checks) is
    refused with every problem, and nothing is saved; otherwise the round is closed with its result."""

    with db.atomic():
        row, election_row, _congress = round_rows(round_id)
        state = RoundState.of(row.status, row.count_mode)
        if state.status != RoundStatus.COUNTING:
            raise ConflictError(f"Lần bầu thứ {row.number} không ở trạng thái kiểm phiếu.")
        if not state.can_enter_totals:
            raise ConflictError("Lần bầu này đang nhập từng phiếu ở thẻ «Bầu cử»: không nhập số tổng hợp được.")
        info = _current(election_row, row)
        try:
            result = count_totals(info.election, totals)
        except MalformedError as exc:
            raise ValidationError(str(exc), "totals") from exc
        if result.blocked:
            raise ValidationError(
                "Kết quả kiểm phiếu chưa khớp:\n" + "\n".join(p.message for p in result.problems), "totals"
            )
        closed = dict(status="closed", result=totals_json(totals), count_mode="totals", closed_at=clock.now())
        ElectionRound.update(**closed).where(ElectionRound.id == row.id).execute()
        return _current(election_row, row)


def next_round(election_id: int) -> RoundInfo:
    """The next round in one step: the tied (runoff) or the not elected, for the seats left open. Adding names is
    the congress's decision (edit the new round's list). The secretary has at most three rounds."""

    with db.atomic():
        election_row = CongressElection.get_by_id(election_id)
        if congress_row(election_row.congress_id).kind != "congress":
            raise ConflictError(
                "Đây là phiếu kín của hội nghị chi bộ: lấy kết quả ở thẻ «Hội nghị chi bộ» (nút «Lấy kết quả kiểm "
                "phiếu»), không tạo lần bầu tiếp ở đây."
            )
        election = get_election(election_id)
        last = election.current_round
        if last.result is None:
            raise ConflictError(f"Lần bầu thứ {last.number} chưa có kết quả.")
        if last.integrity:
            raise ConflictError(f"Kết quả lần bầu thứ {last.number} không dùng được. {last.integrity[0]}")
        if election.concluded or election.appointed:
            raise ConflictError("Đại hội đã kết thúc cuộc bầu này.")
        action = last.result.next_action
        if action == NextAction.APPOINTMENT:
            raise ConflictError("Đã bầu ba lần chưa có bí thư: cấp ủy cấp trên chỉ định bí thư chi bộ.")
        if action not in (NextAction.RUNOFF, NextAction.NEXT_ROUND):
            raise ConflictError("Cuộc bầu đã đủ số lượng, không cần bầu thêm.")
        new = ElectionRound.create(election=election_id, number=last.number + 1, seats=last.result.open_seats)
        by_key = {p.key: p for p in last.candidates}
        for key in last.result.next_candidates:
            RoundCandidate.create(round=new.id, summoned=by_key[key].id, source="list")
        return _current(election_row, new)


def conclude_election(election_id: int) -> None:
    """The congress decides to hold no further round: the seats left open stay open."""

    with db.atomic():
        row = CongressElection.get_by_id(election_id)
        congress_row(row.congress_id)
        CongressElection.update(concluded=True).where(CongressElection.id == election_id).execute()


def record_appointment(election_id: int, name: str) -> None:
    """After a third secretary round without a winner the higher committee appoints (chỉ định) the secretary."""

    name = nfc(name).strip()
    if not name:
        raise ValidationError("Hãy ghi họ tên người được chỉ định.", "appointed")
    with db.atomic():
        row = CongressElection.get_by_id(election_id)
        congress_row(row.congress_id)
        last = get_election(election_id).current_round
        if last.result is None or last.result.next_action != NextAction.APPOINTMENT:
            raise ConflictError("Chỉ ghi người được chỉ định sau ba lần bầu bí thư không có người trúng cử.")
        CongressElection.update(appointed=name).where(CongressElection.id == election_id).execute()
