"""A branch with something in every table: the practice branch made a real one (members, histories, ratings, a
congress), its congress held with a committee counted ballot by ballot (entry log, bundles, close, reopen, publish),
a secretary and delegates counted by hand, numbered papers, and a corrected and a voided member event."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta

from models.admission.applicants import save_applicant
from models.admission.path import propose_admission, record_decision
from models.admission.records import ApplicantRecord, Sponsor
from models.congress.elections import congress_elections, get_election
from models.congress.hand_votes import VoteKind
from models.congress.numbering import document_number
from models.congress.rounds import record_totals, start_round
from models.core import clock
from models.core.branch import BranchInfo, save_branch
from models.core.practice_flag import PRACTICE_KEY
from models.core.tables import Meta, db
from models.counting import Attendance, Ballot, InvalidReason, Post, Totals
from models.live_count.count import close_count, publish, reopen_count, set_bundle
from models.live_count.session import CountSession
from models.meetings.appointments import AppointmentInfo, AppointmentReason, record_appointment
from models.meetings.meetings import create_meeting, meeting_base, set_attendance
from models.meetings.thresholds import VoteForm
from models.meetings.thresholds import VoteKind as MeetingVoteKind
from models.meetings.votes import record_vote
from models.practice.sample_branch import fill_practice_data
from models.roster.event_kinds import EventKind
from models.roster.members import all_members, correct_event, record_event, void_event
from models.roster.records import EventRecord
from tests.support import congress_story as story

TODAY = date(2026, 12, 1)
OTHER = BranchInfo("Chi bộ Phòng Kế hoạch", "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Hà Nội", "CB")  # a second branch


@contextlib.contextmanager
def ticking(start: datetime) -> Iterator[None]:
    """A clock that moves on 1.234567 s at every reading, so stored times carry their microseconds."""
    previous, moments = clock._now, iter(range(10**9))
    clock.set_clock(lambda: start + timedelta(seconds=1.234567) * next(moments))
    try:
        yield
    finally:
        clock.set_clock(previous)


def fill_rich_branch(today: date = TODAY) -> int:
    """Fill the open, empty database's first branch; returns the congress id."""
    with ticking(datetime(today.year, today.month, today.day, 7, 30, 0, 1)):
        return _fill(today)


def _fill(today: date) -> int:
    summary = fill_practice_data(today)
    congress_id = summary.congress_id
    with db.atomic():
        Meta.delete().where(Meta.key == PRACTICE_KEY).execute()  # a real branch from here on
        save_branch(
            BranchInfo("Chi bộ Văn phòng Sở", "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Hà Nội", "CB", "Nguyễn Văn An")
        )
        members = all_members()
        record_event(members[5].id, EventRecord(EventKind.BADGE_AWARDED, date(2025, 9, 2), note="Huy hiệu 30 năm"))
        record_event(members[6].id, EventRecord(EventKind.BADGE_AWARDED, date(2024, 5, 19), note="nhầm"))
        wrong = [e for e in all_members()[6].events if e.note == "nhầm"][0]
        correct_event(
            wrong.id, EventRecord(EventKind.BADGE_AWARDED, date(2024, 9, 2), note="Huy hiệu 30 năm"), "Sai ngày trao"
        )
        record_event(members[7].id, EventRecord(EventKind.DISCIPLINED, date(2025, 2, 1), note="Khiển trách"))
        mistaken = [e for e in all_members()[7].events if e.kind == EventKind.DISCIPLINED][0]
        void_event(mistaken.id, "Ghi nhầm người")
    story.check_in_all(congress_id, absent=1, absent_approved=1)
    story.open_with_bodies(congress_id)
    committee, delegates = [e for e in congress_elections(congress_id) if e.post in (Post.COMMITTEE, Post.DELEGATE)]
    story.approve(congress_id, VoteKind.SEATS, "Số lượng Ban Chi ủy: 5 đồng chí", committee.id)
    story.approve(congress_id, VoteKind.ELECTION_LIST, "Danh sách bầu Ban Chi ủy", committee.id)
    round_ = start_round(get_election(committee.id).current_round.id)
    keys = [p.key for p in round_.candidates]
    session = CountSession(round_.id, entered_by="Máy 1")
    set_bundle(round_.id, 1, 1, round_.ballots_issued)
    for no in range(1, round_.ballots_issued + 1):
        struck = keys[5] if no % 4 else keys[no % 5]  # the sixth name comes last, the five pass
        void = InvalidReason.MARKED if no == 3 else None
        session.enter(Ballot.strike(no, [k for k in keys if k != struck], void), bundle=1)
    session.replace(Ballot.strike(2, keys[:5]))
    session.enter(Ballot.strike(round_.ballots_issued + 1, keys[:5]))
    session.undo()
    _scanned_pass(round_.id, keys, session)
    close_count(round_.id, "Trưởng ban kiểm phiếu")
    reopen_count(round_.id, "Kiểm tra lại phiếu số 2", "Trưởng ban kiểm phiếu")
    close_count(round_.id, "Trưởng ban kiểm phiếu")
    publish(round_.id, "Trưởng ban kiểm phiếu")
    document_number(congress_id, "BB", f"round:{round_.id}:minutes", "Biên bản kiểm phiếu bầu Ban Chi ủy")
    document_number(congress_id, "DS", f"congress:{congress_id}:attendance", "Danh sách đại biểu dự Đại hội")
    from models.congress.summons import summoned_list

    elected = set(get_election(committee.id).rounds[0].result.elected)
    chosen = [p for p in summoned_list(congress_id) if p.key in elected][:1]
    story.elect(congress_id, Post.SECRETARY, 1, chosen, [25])
    story.approve(congress_id, VoteKind.SEATS, "Số lượng đại biểu: 2 đồng chí", delegates.id)
    story.approve(congress_id, VoteKind.ELECTION_LIST, "Danh sách bầu đại biểu", delegates.id)
    hand = start_round(get_election(delegates.id).current_round.id)
    votes = dict(zip([p.key for p in hand.candidates], [20, 18, 9], strict=True))
    record_totals(hand.id, Totals(collected=hand.ballots_issued, votes=votes))
    _fill_meetings(today)
    _fill_applicants(today)
    return congress_id


def _fill_meetings(today: date) -> None:
    """A branch meeting between congresses with one vote, and an appointment by the higher committee."""
    meeting = create_meeting(today, "Sinh hoạt chi bộ thường kỳ", "Nguyễn Văn An", "Trần Thị Bình")
    first, second = [p for p in meeting.attendees if p.official][:2]
    set_attendance(meeting.id, first.member_id, Attendance.ABSENT_APPROVED, "Đi công tác")
    record_vote(meeting.id, MeetingVoteKind.EXEMPTION, VoteForm.SHOW_OF_CARDS, 6, 1, member_id=second.member_id)
    record_appointment(
        AppointmentInfo(
            Post.DEPUTY_SECRETARY,
            "",
            AppointmentReason.TRULY_NECESSARY,
            "15-QĐ/ĐU",
            today,
            "Đảng ủy Sở",
            2025,
            2030,
            member_id=second.member_id,
        )
    )


def _fill_applicants(today: date) -> None:
    """Two applicants with their sponsors: one proposed by the branch with the decision received (its ceremony, which
    would add a member, left to come), one still completing the file."""
    official = [m for m in all_members() if m.official_date and m.official_date < today - timedelta(days=800)]
    sponsors = [Sponsor(m.id, today - timedelta(days=800)) for m in official[:2]]
    file = ApplicantRecord(
        full_name="Hoàng Thị Hoa",
        gender="Nữ",
        birth_date=today - timedelta(days=25 * 365),
        education="12/12",
        certificate_date=today - timedelta(days=200),
        application_date=today - timedelta(days=150),
        history_date=today - timedelta(days=150),
        history_verified_on=today - timedelta(days=30),
        sponsors=sponsors,
        mass_comment_date=today - timedelta(days=10),
        residence_comment_date=today - timedelta(days=10),
    )
    hoa = save_applicant(file)
    save_applicant(replace(file, full_name="Lê Văn Bình"))
    meeting = create_meeting(today, "Xét đề nghị kết nạp đảng viên")
    propose_admission(meeting.id, hoa.id, VoteForm.SHOW_OF_CARDS, meeting_base(meeting.id).present_official, 0)
    record_decision(hoa.id, "125-QĐ/ĐU", today, today)


@contextlib.contextmanager
def plain(target) -> Iterator:
    """A connection of its own to a data file or server, outside the app's one open database."""
    import peewee as pw
    from playhouse.db_url import connect

    database = connect(target) if "://" in str(target) else pw.SqliteDatabase(str(target))
    database.connect()
    try:
        yield database
    finally:
        database.close()


def shot(target, branch_id: int = 1) -> dict:
    """The branch's rows, ids as places (models.office.branch_snapshot), read from a file or a server."""
    from models.office.branch_snapshot import snapshot

    with plain(target) as database:
        return snapshot(database, branch_id)


def _scanned_pass(round_id: int, keys: list[str], typed: CountSession) -> None:
    """A second pass scanned from the same stack: the marked ballot decided by a person, the others certain."""
    from models.live_count.passes import start_pass
    from models.live_count.scan_pass import add_page, decide_page
    from models.scanning.reading import DoubtKind
    from tests.support.scan_pages import page

    number = start_pass(round_id, "scanned", "Máy quét").number
    for ballot in sorted(typed.tally.ballots(), key=lambda b: b.no):
        doubts = (DoubtKind.WRITING,) if ballot.void else ()
        add_page(round_id, number, page(ballot.no, [k not in (ballot.keep or ()) for k in keys], doubts), "Máy quét")
        if ballot.void:
            decide_page(round_id, number, ballot.no, ballot, "Trưởng ban kiểm phiếu")
