"""The committee's figures counted by the database equal those computed from every branch's records, on SQLite
and PostgreSQL: for random histories, after raw writes that bypass the app, and when the spans cannot be written."""

from __future__ import annotations

import random
from datetime import date, timedelta

import peewee as pw
import pytest

from models.core.branch import BranchInfo, current_branch_id, save_branch, use_branch
from models.office import office_statistics as office
from models.office.office_queries import oldest_birth_within
from models.roster.event_kinds import EventKind
from models.roster.member_rules import age_at
from models.roster.members import all_members
from models.roster.rating_book import ratings_for_year
from models.roster.reminders import badge_due_for_award_date, missing_ratings, recognition_reminders
from models.roster.standing_store import refresh_standings, stale_members
from models.roster.statistics import branch_statistics
from models.roster.tables import Member, MemberEvent, Rating
from tests.support.people import PEOPLE

ON = date(2026, 12, 1)
PERIOD = (date(2024, 1, 1), ON)
YEAR = 2025
BOUNDS = (30, 40, 50, 60)
TEXTS = {
    "gender": ["Nam", "Nữ", "nữ", "", "NAM"],
    "ethnicity": ["Kinh", "Tày", "Kinh (Việt)", "", "Mường"],
    "religion": ["Không", "Công giáo", "", "Phật giáo", "không có"],
    "education": ["12/12", "10/10", "", "Lớp 9"],
    "qualification": ["Đại học", "Thạc sĩ", "Cao đẳng", "", "Kỹ sư xây dựng"],
    "theory": ["Sơ cấp", "Trung cấp", "Cao cấp", ""],
}
KINDS = [
    EventKind.RECOGNISED,
    EventKind.TRANSFERRED_IN,
    EventKind.TRANSFERRED_OUT,
    EventKind.DIED,
    EventKind.EXEMPTED,
    EventKind.EXEMPTION_END,
    EventKind.SUSPENDED,
    EventKind.STRUCK_OFF,
    EventKind.READMITTED,
    EventKind.ADMITTED,
    EventKind.BADGE_AWARDED,
    EventKind.TEMPORARY_ELSEWHERE,
]


def _fill(rnd: random.Random, count: int) -> None:
    """`count` members of the current branch with random texts, dates and events (written raw, as an old import
    or another version might have), and ratings of YEAR for some."""
    branch = current_branch_id()
    for i in range(count):
        born = date(1950, 1, 1) + timedelta(days=rnd.randrange(0, 365 * 55)) if rnd.random() < 0.95 else None
        admitted = date(1985, 1, 1) + timedelta(days=rnd.randrange(0, 365 * 41)) if rnd.random() < 0.95 else None
        official = admitted + timedelta(days=366) if admitted and rnd.random() < 0.8 else None
        values = {key: rnd.choice(options) for key, options in TEXTS.items()}
        card = f"{branch:02d}{i:06d}"
        member_id = Member.insert(
            full_name=f"{PEOPLE[i % 12][0]} {i}",
            birth_date=born,
            admission_date=admitted,
            official_date=official,
            card_number=card,
            **values,
        ).execute()
        for _ in range(rnd.randrange(0, 4)):
            day = date(1990, 1, 1) + timedelta(days=rnd.randrange(0, 365 * 37))
            end = day + timedelta(days=rnd.randrange(0, 900)) if rnd.random() < 0.3 else None
            voided = day if rnd.random() < 0.1 else None
            MemberEvent.insert(
                member=member_id, kind=str(rnd.choice(KINDS)), date=day, end_date=end, voided_at=voided
            ).execute()
        if rnd.random() < 0.5:
            Rating.insert(
                member=member_id, year=YEAR, level=rnd.choice(["excellent", "good", "done", "not_done"])
            ).execute()


@pytest.fixture
def committee(data_file):
    rnd = random.Random(1723)
    first = current_branch_id()
    _fill(rnd, 90)
    save_branch(BranchInfo("Chi bộ Thôn Đông", "ĐẢNG ỦY XÃ SÓC SƠN", "Hà Nội", "CB"), new=True)
    second = current_branch_id()
    _fill(rnd, 70)
    save_branch(BranchInfo("Chi bộ Thôn Tây", "ĐẢNG ỦY XÃ SÓC SƠN", "Hà Nội", "CB"), new=True)
    third = current_branch_id()
    use_branch(first)
    return first, second, third


def figures(sections) -> list[tuple]:
    return [(s.key, s.title, s.base, [(r.key, r.label, r.count, r.percent) for r in s.rows]) for s in sections]


def _from_records(branch_id: int) -> list:
    return figures(
        branch_statistics(all_members(branch_id), ratings_for_year(YEAR, branch_id), ON, PERIOD, YEAR, BOUNDS)
    )


def _check_statistics(branches) -> None:
    report = office.office_statistics(ON, PERIOD, YEAR, BOUNDS)
    assert [b.branch_id for b in report.branches] == list(branches)
    for branch in report.branches:
        assert figures(branch.sections) == _from_records(branch.branch_id), branch.name
    assert report.total_section("overview").count("total") > 50


def test_database_figures_equal_the_records(committee):
    _check_statistics(committee)
    assert stale_members() == {}  # every member's spans were written, and match


def test_reminders_equal_the_records(committee):
    reminders = office.office_reminders(ON)
    award = reminders.award_date
    for branch in reminders.branches:
        members = all_members(branch.branch_id)
        assert [r.member.id for r in branch.recognitions] == [r.member.id for r in recognition_reminders(members, ON)]
        assert [c.member.id for c in branch.badges] == [c.member.id for c in badge_due_for_award_date(members, award)]
        expected = missing_ratings(
            members, ratings_for_year(reminders.rating_year, branch.branch_id), reminders.rating_year
        )
        assert [m.id for m in branch.missing_ratings] == [m.id for m in expected]
    assert reminders.badges() and reminders.missing_ratings()


def test_raw_writes_are_noticed(committee):
    first, second, _ = committee
    _check_statistics(committee)
    some = [m.id for m in all_members(first)[:6]]
    Member.update(admission_date=date(2026, 6, 1), official_date=None).where(Member.id == some[0]).execute()
    MemberEvent.insert(member=some[1], kind=str(EventKind.DIED), date=date(2026, 5, 1), branch=first).execute()
    MemberEvent.update(voided_at=date(2026, 11, 1)).where(MemberEvent.member == some[2]).execute()
    Member.update(branch=second).where(Member.id == some[3]).execute()  # moved by hand, events left behind
    MemberEvent.delete().where(MemberEvent.member == some[4]).execute()
    assert set(stale_members()[first]) | set(stale_members().get(second, [])) >= {some[0], some[1], some[3]}
    _check_statistics(committee)
    assert refresh_standings() == 0


def test_counted_from_records_where_spans_cannot_be_written(committee, monkeypatch):
    def refused(branch_ids=None):
        raise pw.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr("models.roster.standing_store.refresh_standings", refused)
    _check_statistics(committee)
    assert stale_members()  # nothing was written
    reminders = office.office_reminders(ON)
    assert len(reminders.branches) == 3 and reminders.missing_ratings()


@pytest.mark.parametrize("on", [date(2026, 12, 1), date(2024, 2, 29), date(2025, 3, 1), date(2026, 2, 28)])
def test_oldest_birth_within(on):
    for age in (0, 30, 35, 60):
        day = oldest_birth_within(age, on)
        assert age_at(day, on) > age and age_at(day + timedelta(days=1), on) <= age


def test_a_read_only_file_is_counted_from_its_records(committee, monkeypatch):
    from models.core.tables import db

    if not isinstance(db.obj, pw.SqliteDatabase):
        pytest.skip("a data file opened read-only")
    monkeypatch.setattr(db.obj, "read_only", True, raising=False)
    _check_statistics(committee)
    assert stale_members()  # nothing was written


def _stored_spans() -> dict[int, list[tuple]]:
    from models.roster.standing_tables import MemberStanding

    out: dict[int, list[tuple]] = {}
    query = MemberStanding.select().order_by(MemberStanding.member, MemberStanding.start_day.asc(nulls="first"))
    for row in query:
        facts = (row.start_day, row.end_day, row.code, row.on_roster, row.official, row.exempted)
        out.setdefault(row.member_id, []).append((row.branch_id, *facts))
    return out


def _per_member_spans(branch_ids) -> dict[int, list[tuple]]:
    """Each member's spans computed one by one from the whole record, as the members tab reads it."""
    from models.roster.standings import standings

    return {
        record.id: [(branch_id, s.start, s.end, s.code, s.current, s.official, s.exempted) for s in standings(record)]
        for branch_id in branch_ids
        for record in all_members(branch_id)
    }


def test_the_bulk_pass_writes_the_spans_of_the_per_member_rules(committee, monkeypatch):
    """Random histories (events of another branch left behind by a move included), read in small chunks, as a
    range of ids and as a list of scattered ids: every member's stored spans are those of its whole record."""
    import models.roster.standing_store as store
    from models.core.tables import db

    first, second, _ = committee
    moved = [m.id for m in all_members(first)[:5]]
    Member.update(branch=second).where(Member.id.in_(moved)).execute()  # their events stay with the first branch
    monkeypatch.setattr(store, "CHUNK", 7)
    assert refresh_standings() == 160
    assert _stored_spans() == _per_member_spans([first, second])
    scattered = [m.id for m in all_members(first)[::4]] + [m.id for m in all_members(second)[::5]]
    db.execute_sql(
        f"UPDATE standing_stamp SET events = events + 1 WHERE member_id IN ({','.join(map(str, scattered))})"
    )
    MemberEvent.insert(member=scattered[0], kind=str(EventKind.DIED), date=date(2026, 5, 1), branch=first).execute()
    assert refresh_standings() == len(scattered)
    assert _stored_spans() == _per_member_spans([first, second])
    assert refresh_standings() == 0


def _on_server():
    from models.core.tables import db

    if not isinstance(db.obj, pw.PostgresqlDatabase):
        pytest.skip("COPY is PostgreSQL's")
    return db


def test_a_copy_cancelled_by_the_server_is_written_by_insert_instead(committee, monkeypatch):
    """The server cancels the COPY of the spans halfway (an administrator, a statement timeout): the rows go by
    multi-row INSERT in the same transaction, the same spans as the rules give, and the connection goes on."""
    import psycopg

    db = _on_server()
    first, second, _ = committee
    url = db.obj.connection().info.dsn
    write_row, written = psycopg.Copy.write_row, []

    def cancelled_halfway(copy, row):
        written.append(row)
        if len(written) == 20:
            with psycopg.connect(url, autocommit=True) as other:
                other.execute("SELECT pg_cancel_backend(%s)", (copy.connection.info.backend_pid,))
        write_row(copy, row)

    monkeypatch.setattr(psycopg.Copy, "write_row", cancelled_halfway)
    assert refresh_standings() == 160
    assert len(written) >= 20
    assert _stored_spans() == _per_member_spans([first, second])
    _check_statistics(committee)


class _Interrupted(BaseException):
    """As a timeout's exception, which psycopg does not handle as it handles Ctrl+C."""


def test_a_copy_interrupted_while_the_server_finishes_leaves_the_connection_usable(committee, monkeypatch):
    """Interrupted after the data was sent, while the server still stores it: the interruption is what the caller
    gets (not «another command is already in progress»), nothing is half written, and the next statistics run."""
    import psycopg._copy

    db = _on_server()
    end = psycopg._copy.copy_end

    def interrupted(pgconn, error):
        pgconn.put_copy_end(error)
        pgconn.flush()
        raise _Interrupted("timeout")
        yield  # a generator, as the driver's

    monkeypatch.setattr(psycopg._copy, "copy_end", interrupted)
    with pytest.raises(_Interrupted):
        office.office_statistics(ON, PERIOD, YEAR, BOUNDS)
    monkeypatch.setattr(psycopg._copy, "copy_end", end)
    assert db.execute_sql("SELECT count(*) FROM member_standing").fetchone() == (0,)
    _check_statistics(committee)
    assert stale_members() == {}
