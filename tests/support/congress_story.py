"""A branch roster of any size for congress tests, and the steps of a congress day (saved through the domain)."""

from __future__ import annotations

from datetime import date

from models.congress.bodies import Body, set_body
from models.congress.congresses import CongressInfo, open_session, save_congress
from models.congress.hand_votes import VoteKind, record_vote
from models.congress.summons import summoned_list
from models.counting import Attendance
from models.roster.event_kinds import EventKind
from models.roster.members import record_event, save_member
from models.roster.records import EventRecord, MemberRecord

DAY = date(2025, 6, 20)  # the congress opens
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý")
MIDDLE = ("Văn", "Thị", "Minh", "Quang", "Thu", "Đình", "Ngọc", "Hữu")
GIVEN = (
    "An",
    "Bình",
    "Cường",
    "Dung",
    "Đức",
    "Em",
    "Giang",
    "Hà",
    "Hải",
    "Khánh",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Oanh",
    "Phương",
    "Quang",
    "Sơn",
    "Tâm",
    "Thảo",
    "Uyên",
    "Vinh",
    "Xuân",
    "Yến",
    "Ánh",
    "Ân",
    "Châu",
    "Duy",
    "Hạnh",
    "Hùng",
    "Linh",
    "Ngân",
    "Phúc",
    "Trung",
    "Tú",
    "Việt",
    "Hiền",
)


def name(index: int) -> str:
    return f"{FAMILY[index % len(FAMILY)]} {MIDDLE[index % len(MIDDLE)]} {GIVEN[index % len(GIVEN)]}"


def roster(
    official: int, probationary: int = 0, *, temporary: int = 0, exempted: int = 0, suspended: int = 0
) -> list[MemberRecord]:
    """Save a branch of `official` official members (the last `temporary + exempted + suspended` of them in those
    situations on DAY) and `probationary` probationary members; returns them in the order saved."""
    saved = []
    for index in range(official + probationary):
        is_official = index < official
        born = 1955 + index % 30
        joined = min(born + 25, 2022)
        record = MemberRecord(
            full_name=name(index),
            gender="Nữ" if index % 3 == 1 else "Nam",
            birth_date=date(born, 1 + index % 12, 1 + index % 27),
            admission_date=date(joined, 5, 19) if is_official else date(2025, 1, 10),
            ceremony_date=date(joined, 5, 19) if is_official else date(2025, 1, 10),
            official_date=date(joined + 1, 5, 19) if is_official else None,
            hometown="Hà Nội",
            job_title="Chuyên viên",
            education="12/12",
            qualification="Đại học",
            card_number=f"{20000000 + index:08d}",
        )
        saved.append(save_member(record, DAY).member)
    situations = [EventKind.TEMPORARY_ELSEWHERE] * temporary + [EventKind.EXEMPTED] * exempted
    situations += [EventKind.SUSPENDED] * suspended
    for member, kind in zip(saved[official - len(situations) : official], situations, strict=True):
        record_event(member.id, EventRecord(kind, date(2025, 3, 1)), DAY)
    return saved


def congress(ordinal: int = 4) -> CongressInfo:
    return save_congress(CongressInfo(ordinal, 2025, 2030, DAY, place="Hội trường tầng 3"))


def check_in_all(congress_id: int, absent: int = 0, absent_approved: int = 0) -> None:
    """Everybody present except the first `absent` (no reason) and the next `absent_approved` normal official
    members on the A-B-C list."""
    from models.congress.checkin import check_in

    people = summoned_list(congress_id)
    normal = [p for p in people if p.official and p.situation == "normal"]
    away = {p.id: Attendance.ABSENT for p in normal[:absent]}
    away |= {p.id: Attendance.ABSENT_APPROVED for p in normal[absent : absent + absent_approved]}
    for p in people:
        attendance = away.get(p.id, Attendance.PRESENT)
        reason = "Đi công tác" if attendance == Attendance.ABSENT_APPROVED else ""
        if p.situation == "temporary_elsewhere":
            attendance = Attendance.ABSENT
        check_in(p.id, attendance, reason)


def open_with_bodies(congress_id: int, counting: int = 3) -> list:
    """Open the session, choose the chair, a secretary and a counting committee from the last present official
    members (so that the first ones remain free to stand); returns the counting committee."""
    open_session(congress_id)
    present = [p for p in summoned_list(congress_id) if p.official and p.attendance == Attendance.PRESENT]
    tellers = present[-counting:]
    set_body(congress_id, Body.CHAIR, [present[0].id])
    set_body(congress_id, Body.SECRETARIAT, [present[1].id])
    set_body(congress_id, Body.COUNTING, [p.id for p in tellers], tellers[0].id)
    approve(congress_id, VoteKind.WORKING_BODIES, "Thông qua Đoàn Chủ tịch, Thư ký, Ban kiểm phiếu")
    return tellers


def approve(congress_id: int, kind: VoteKind, subject: str, election_id: int | None = None, **kw):
    """A show-of-hands vote that everyone present and entitled agrees to."""
    from models.congress.checkin import attendance_panel

    voting = attendance_panel(congress_id).ballots
    return record_vote(congress_id, kind, subject, voting, 0, 0, election_id=election_id, **kw)


def elect(congress_id: int, post, seats: int, candidates: list, votes: list[int]):
    """Set up `post` with `candidates`, adopt seats and list, issue the ballots and enter `votes` (in A-B-C
    order of the list) as the hand count; returns the closed round."""
    from models.congress.elections import add_election, get_election, set_candidates
    from models.congress.rounds import record_totals, start_round
    from models.counting import Totals

    election = add_election(congress_id, post, seats)
    set_candidates(election.rounds[0].id, [p.id for p in candidates])
    approve(congress_id, VoteKind.SEATS, f"Số lượng: {seats} đồng chí", election.id)
    approve(congress_id, VoteKind.ELECTION_LIST, "Danh sách bầu cử", election.id)
    round_ = start_round(get_election(election.id).current_round.id)
    keys = [p.key for p in round_.candidates]
    return record_totals(round_.id, Totals(collected=round_.ballots_issued, votes=dict(zip(keys, votes, strict=True))))


def congress_of_35():
    """A branch of 35 (32 official, one on temporary activity elsewhere, 3 probationary) holds its whole congress:
    a committee of 5 from 6, secretary and deputy from it, 3 delegates and 1 alternate. Returns the congress."""
    from models.congress.congresses import close_congress, get_congress
    from models.counting import Post

    roster(32, 3, temporary=1)
    info = congress()
    check_in_all(info.id, absent=1, absent_approved=1)
    tellers = open_with_bodies(info.id)
    free = [p for p in summoned_list(info.id) if p.official and p.situation == "normal" and p not in tellers]
    committee = elect(info.id, Post.COMMITTEE, 5, free[:6], [28, 27, 25, 24, 22, 10])
    elected = {key for key in committee.result.elected}
    members = [p for p in free if p.key in elected]
    elect(info.id, Post.SECRETARY, 1, members[:1], [27])
    elect(info.id, Post.DEPUTY_SECRETARY, 1, members[1:2], [26])
    elect(info.id, Post.DELEGATE, 3, free[6:10], [25, 24, 20, 9])
    elect(info.id, Post.ALTERNATE_DELEGATE, 1, free[10:11], [23])
    approve(info.id, VoteKind.RESOLUTION, "Thông qua Nghị quyết Đại hội")
    close_congress(info.id)
    return get_congress(info.id)


def counting_round(seats: int = 3, candidates: int = 4, secretary: bool = False):
    """A committee round being counted: 12 members (D = 11, 11 ballots issued), `seats` from `candidates`; or, with
    `secretary`, the committee elected and the secretary's round from its first `candidates` members."""
    from models.congress.elections import add_election, get_election, set_candidates
    from models.congress.rounds import start_round
    from models.counting import Post

    roster(12, temporary=1)
    info = congress()
    check_in_all(info.id)
    tellers = open_with_bodies(info.id)
    free = [p for p in summoned_list(info.id) if p.official and p.situation == "normal" and p not in tellers]
    if secretary:
        committee = elect(info.id, Post.COMMITTEE, 3, free[:4], [10, 9, 8, 1])
        free = [p for p in free if p.key in committee.result.elected]
    election = add_election(info.id, Post.SECRETARY if secretary else Post.COMMITTEE, seats)
    set_candidates(election.rounds[0].id, [p.id for p in free[:candidates]])
    approve(info.id, VoteKind.SEATS, "Số lượng", election.id)
    approve(info.id, VoteKind.ELECTION_LIST, "Danh sách", election.id)
    return start_round(get_election(election.id).current_round.id)
