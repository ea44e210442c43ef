"""No account of a set-up server holds DELETE, so none can LOCK TABLE in a mode that freezes the other branches;
ChiBo's own deletes go through the server's delete functions, which delete only rows the calling account may
write. Tried through raw SQL as the accounts, and through ChiBo as a branch's account."""

from __future__ import annotations

from datetime import date

import pytest
from psycopg import errors

from models.core.database import close_database, open_database
from models.office.row_delete_functions import ROWS_DELETED
from models.schema import ALL_TABLES
from tests.support.office_server import PASSWORD, connect

STRONG_MODES = ("SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE")


def rating_ids(admin, branch_id: int) -> list[int]:
    return [r for (r,) in admin.execute("SELECT id FROM rating WHERE branch_id = %s ORDER BY id", (branch_id,))]


def test_no_account_can_lock_any_table_in_a_mode_that_holds_the_others_up(office):
    """Fails when DELETE (or table-wide UPDATE) is granted back on any table: PostgreSQL then allows these modes."""
    tables = [m._meta.table_name for m in ALL_TABLES] + ["chibo_branch_access", "chibo_change_log"]
    assert set(ROWS_DELETED) <= set(tables)
    for role in ("ban_a", "ban_b", "van_phong"):
        with connect(office, role) as account:
            for table in tables:
                for mode in STRONG_MODES:
                    with pytest.raises(errors.InsufficientPrivilege), account.transaction():
                        account.execute(f'LOCK TABLE "{table}" IN {mode} MODE')
                with pytest.raises(errors.InsufficientPrivilege), account.transaction():
                    account.execute(f'DELETE FROM "{table}"')


def test_the_delete_functions_run_as_their_owner_with_a_pinned_path_for_chibo_app_only(office, admin):
    found = admin.execute(
        "SELECT p.proname, p.prosecdef, p.proconfig, pg_get_userbyid(p.proowner), "
        "has_function_privilege('public', p.oid, 'EXECUTE'), has_function_privilege('chibo_app', p.oid, 'EXECUTE') "
        "FROM pg_proc p WHERE p.proname LIKE 'chibo\\_delete\\_%' ORDER BY p.proname"
    ).fetchall()
    owner = admin.execute("SELECT tableowner FROM pg_tables WHERE tablename = 'rating'").fetchone()[0]
    assert [row[0] for row in found] == sorted("chibo_delete_" + table for table in ROWS_DELETED)
    for _, definer, config, function_owner, public, app in found:
        assert definer and config == ["search_path=public, pg_temp"]
        assert (function_owner, public, app) == (owner, False, True)


def test_a_delete_function_refuses_a_read_only_grants_rows_and_never_deletes_another_branchs(office, admin):
    ours, theirs = rating_ids(admin, office.branch_a), rating_ids(admin, office.branch_b)
    seat = admin.execute(
        "SELECT s.id FROM working_body_seat s JOIN congress c ON c.id = s.congress_id WHERE c.branch_id = %s LIMIT 1",
        (office.branch_b,),
    ).fetchone()[0]
    gone = admin.execute("SELECT max(id) + 1000 FROM rating").fetchone()[0]
    with connect(office, "ban_b") as ban_b:  # its own branch, read only: told, nothing deleted
        for function, ids in (("rating", theirs[:1]), ("working_body_seat", [seat])):
            with pytest.raises(errors.InsufficientPrivilege, match="không được ghi"):
                ban_b.execute(f"SELECT chibo_delete_{function}(%s)", (ids,))
    with connect(office, "ban_a") as ban_a:
        # Another branch's rows are as absent to it as rows that never were: nothing deleted, nothing learnt.
        assert ban_a.execute("SELECT chibo_delete_rating(%s)", (theirs,)).fetchone() == (0,)
        assert ban_a.execute("SELECT chibo_delete_rating(%s)", ([gone],)).fetchone() == (0,)
        assert ban_a.execute("SELECT chibo_delete_working_body_seat(%s)", ([seat],)).fetchone() == (0,)
    assert rating_ids(admin, office.branch_a) == ours and rating_ids(admin, office.branch_b) == theirs
    assert admin.execute("SELECT count(*) FROM working_body_seat WHERE id = %s", (seat,)).fetchone() == (1,)
    with connect(office, "ban_a") as ban_a:
        assert ban_a.execute("SELECT chibo_delete_rating(%s)", ([ours[-1], theirs[0]],)).fetchone() == (1,)
    assert rating_ids(admin, office.branch_a) == ours[:-1] and rating_ids(admin, office.branch_b) == theirs
    logged = admin.execute(
        "SELECT changed_by FROM chibo_change_log WHERE table_name = 'rating' AND row_id = %s AND action = 'delete'",
        (ours[-1],),
    ).fetchall()
    assert logged == [("ban_a",)]  # the account that called, not the function's owner


@pytest.fixture(scope="module")
def branch_d(office):
    """A branch with six members rated for 2024 and a congress being prepared; account `ban_d` writes it."""
    from models.core.branch import BranchInfo, current_branch_id, save_branch
    from models.office.accounts import create_login, grant_branch
    from models.roster.members import save_member
    from models.roster.rating_book import save_ratings
    from tests.support import congress_story as story
    from tests.support.people import member

    open_database(office.admin_url)
    try:
        save_branch(BranchInfo("Chi bộ Khu phố 4", "ĐẢNG BỘ PHƯỜNG HÀNG BẠC", "Hà Nội", "KP4"), new=True)
        branch_id = current_branch_id()
        members = [save_member(member(i), story.DAY).member for i in range(6)]
        save_ratings(2024, {m.id: "good" for m in members})
        congress = story.congress(4)
        create_login("ban_d", PASSWORD)
        grant_branch("ban_d", branch_id)
    finally:
        close_database()
    return branch_id, [m.id for m in members], congress.id


def test_chibos_own_deletes_work_as_a_branch_account(office, admin, branch_d):
    """A rating cleared, a member who left taken off the summons, a working body re-chosen, list names replaced
    and removed: each deletes rows through the functions, as the account that has no DELETE."""
    from models.congress.bodies import Body, set_body
    from models.congress.elections import add_election, remove_candidate, set_candidates
    from models.congress.summons import summoned_list, take_summons
    from models.core.branch import use_branch
    from models.counting import Post
    from models.roster.event_kinds import EventKind
    from models.roster.members import record_event
    from models.roster.rating_book import save_ratings
    from models.roster.records import EventRecord
    from tests.support import congress_story as story

    branch_id, members, congress_id = branch_d
    open_database(office.url("ban_d"))
    try:
        use_branch(branch_id)
        save_ratings(2024, {members[0]: None})
        moved = EventRecord(EventKind.TRANSFERRED_OUT, date(2025, 5, 1), place="Chi bộ B")
        record_event(members[1], moved, story.DAY)
        assert len(take_summons(congress_id).removed) == 1
        story.check_in_all(congress_id)
        story.open_with_bodies(congress_id, counting=1)
        people = [p for p in summoned_list(congress_id) if p.official]
        set_body(congress_id, Body.SECRETARIAT, [people[2].id])  # replaces the secretary chosen before
        election = add_election(congress_id, Post.SECRETARY, 1)
        round_id = election.rounds[0].id
        set_candidates(round_id, [people[0].id, people[1].id])
        set_candidates(round_id, [people[0].id, people[2].id])
        remove_candidate(round_id, people[2].id)
    finally:
        close_database()
    assert admin.execute(
        "SELECT member_id FROM rating WHERE branch_id = %s ORDER BY member_id", (branch_id,)
    ).fetchall() == [(m,) for m in members[1:]]
    summoned = admin.execute("SELECT member_id FROM summoned WHERE congress_id = %s", (congress_id,)).fetchall()
    assert members[1] not in {m for (m,) in summoned} and len(summoned) == len(members) - 1
    secretaries = admin.execute(
        "SELECT summoned_id FROM working_body_seat WHERE congress_id = %s AND body = %s",
        (congress_id, str(Body.SECRETARIAT)),
    ).fetchall()
    assert secretaries == [(people[2].id,)]
    listed = admin.execute("SELECT summoned_id FROM round_candidate WHERE round_id = %s", (round_id,)).fetchall()
    assert listed == [(people[0].id,)]
    deleted_by = admin.execute(
        "SELECT DISTINCT table_name, changed_by FROM chibo_change_log WHERE action = 'delete' AND changed_by = 'ban_d'"
    ).fetchall()
    # this story deletes through four of the functions (the status spans are replaced by the office's statistics)
    assert {table for table, _ in deleted_by} == {"rating", "summoned", "working_body_seat", "round_candidate"}


def test_a_delete_refused_through_chibo_is_told_in_vietnamese(office, admin):
    from models.core.branch import use_branch
    from models.core.failures import describe, is_expected
    from models.roster.rating_book import save_ratings

    member_b = admin.execute("SELECT member_id FROM rating WHERE branch_id = %s LIMIT 1", (office.branch_b,)).fetchone()
    before = rating_ids(admin, office.branch_b)
    open_database(office.url("ban_b"))
    try:
        use_branch(office.branch_b)
        with pytest.raises(Exception) as refused:
            save_ratings(2024, {member_b[0]: None})
        assert is_expected(refused.value)
        assert "không được phép" in describe(refused.value)
    finally:
        close_database()
    assert rating_ids(admin, office.branch_b) == before


def test_a_branch_account_replaces_its_members_status_spans_through_the_functions(office, admin):
    """The office's statistics keep each member's status spans and replace them when the member changes: on a
    set-up server the branch's own account does that through the delete functions, not by falling back."""
    from models.roster.standing_store import refresh_standings

    branch_id = office.branch_a
    open_database(office.url("ban_a"))
    try:
        refresh_standings()  # brings every member of the branch up to date
        member_id = admin.execute("SELECT min(id) FROM member WHERE branch_id = %s", (branch_id,)).fetchone()[0]
        admin.execute("UPDATE member SET official_date = %s WHERE id = %s", (date(2001, 2, 3), member_id))
        assert refresh_standings() == 1  # only the changed member is recomputed
    finally:
        close_database()
    stamped = admin.execute("SELECT official_date FROM standing_stamp WHERE member_id = %s", (member_id,)).fetchone()
    assert stamped == (date(2001, 2, 3),)
    # derived rows stay out of the change log, which logs the member's own change
    logged = admin.execute(
        "SELECT count(*) FROM chibo_change_log WHERE table_name IN ('member_standing', 'standing_stamp')"
    ).fetchone()
    assert logged == (0,)


def test_a_branch_account_inserts_many_rows_at_once_without_copy(office, admin):
    """Importing members writes them in bulk: PostgreSQL refuses COPY into a table whose row-level security binds
    the account, so a branch's own account writes them by multi-row INSERTs, under its policies."""
    from models.core.branch import use_branch
    from models.core.bulk import insert_rows, with_defaults
    from models.core.tables import db
    from models.roster.members import stored_values
    from models.roster.tables import Member
    from tests.support.people import member

    open_database(office.url("ban_a"))
    try:
        use_branch(office.branch_a)
        values = [{**stored_values(member(i, full_name=f"Nhập Hàng Loạt {i}")), "card_number": ""} for i in range(3)]
        with db.atomic():
            insert_rows(Member, *with_defaults(Member, values))
    finally:
        close_database()
    rows = admin.execute("SELECT branch_id FROM member WHERE full_name LIKE 'Nhập Hàng Loạt %'").fetchall()
    assert rows == [(office.branch_a,)] * 3
