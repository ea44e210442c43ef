"""Who sees what, enforced by the server: a branch's account reads and changes only its branch even through raw
SQL, a read-only grant refuses every write, the office sees all; every table holding branch data is protected."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import errors, sql

from models.core.branch import current_branch_id, list_branches
from models.core.database import close_database, open_database
from models.office.policies import SHARED_TABLES, table_policies
from models.roster.members import all_members
from models.schema import ALL_TABLES
from tests.support.office_server import BRANCH_A, BRANCH_B, connect

# Tables the seeded branches both fill: a test on "nothing of branch B" must have something of branch B to hide.
SEEDED = (
    "branch",
    "member",
    "member_event",
    "rating",
    "congress",
    "summoned",
    "working_body_seat",
    "congress_election",
    "election_round",
    "hand_vote",
    "round_candidate",
    "ballot_entry",
    "count_act",
)
POLICIES = {p.table: p for p in table_policies(ALL_TABLES)}


def count(connection: psycopg.Connection, table: str, branch_id: int | None = None) -> int:
    """Rows of `table` the connection sees (of one branch, by the policies' own branch expression)."""
    query = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
    if branch_id is None:
        return connection.execute(query).fetchone()[0]
    where = sql.SQL(" WHERE ") + sql.SQL(POLICIES[table].branch) + sql.SQL(" = %s")
    return connection.execute(query + where, (branch_id,)).fetchone()[0]


def test_every_table_with_branch_data_has_a_policy_for_every_command(office, admin):
    shared = {model._meta.table_name for model in SHARED_TABLES}
    expected = {model._meta.table_name for model in ALL_TABLES} - shared
    assert set(POLICIES) == expected  # every table of the schema reaches a branch, or is declared shared
    # Every table in the database, not only those ChiBo knows, is under row-level security except the shared ones.
    secured = (
        "SELECT c.relname, c.relrowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind = 'r'"
    )
    tables = dict(admin.execute(secured).fetchall())
    assert expected <= set(tables)
    assert sorted(t for t, on in tables.items() if not on) == sorted(shared)
    commands = admin.execute(
        "SELECT tablename, array_agg(cmd ORDER BY cmd) FROM pg_policies WHERE schemaname = 'public' GROUP BY tablename"
    ).fetchall()
    by_table = dict(commands)
    assert {t: by_table.get(t) for t in expected} == {t: ["DELETE", "INSERT", "SELECT", "UPDATE"] for t in expected}


def test_branch_account_reads_nothing_of_another_branch_through_raw_sql(office, admin):
    with connect(office, "ban_a") as ban_a:
        for table in POLICIES:
            assert count(ban_a, table) == count(admin, table, office.branch_a), table
            assert count(ban_a, table, office.branch_b) == 0, table
        assert ban_a.execute("SELECT full_name FROM member WHERE branch_id = %s", (office.branch_b,)).fetchall() == []
    for table in SEEDED:
        assert count(admin, table, office.branch_a) > 0 and count(admin, table, office.branch_b) > 0, table


def test_branch_account_cannot_add_or_change_rows_of_another_branch(office, admin):
    member_b = admin.execute(
        "SELECT id, notes FROM member WHERE branch_id = %s ORDER BY id", (office.branch_b,)
    ).fetchone()
    congress_b = admin.execute("SELECT id FROM congress WHERE branch_id = %s", (office.branch_b,)).fetchone()[0]
    with connect(office, "ban_a") as ban_a:
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            ban_a.execute(
                "INSERT INTO member (branch_id, full_name, created_at, updated_at) "
                "VALUES (%s, 'Người Lạ', now(), now())",
                (office.branch_b,),
            )
        with pytest.raises(errors.InsufficientPrivilege):  # a child row under the other branch's congress
            ban_a.execute(
                "INSERT INTO congress_election (congress_id, post, seats, position, concluded, appointed, "
                "created_at) VALUES (%s, 'deputy', 1, 9, false, '', now())",
                (congress_b,),
            )
        changed = ban_a.execute("UPDATE member SET notes = 'sửa trộm' WHERE id = %s", (member_b[0],))
        assert changed.rowcount == 0
        ratings_b = [r for (r,) in admin.execute("SELECT id FROM rating WHERE branch_id = %s", (office.branch_b,))]
        assert ban_a.execute("SELECT chibo_delete_rating(%s)", (ratings_b,)).fetchone() == (0,)
        for table in ("rating", "member_event"):  # no account deletes directly (tests/unit/office/test_row_deletes.py)
            with pytest.raises(errors.InsufficientPrivilege):
                ban_a.execute(f"DELETE FROM {table} WHERE branch_id = %s", (office.branch_b,))
        own = ban_a.execute("SELECT id FROM member ORDER BY id").fetchone()[0]
        with pytest.raises(errors.InsufficientPrivilege):  # nor move its own row into the other branch
            ban_a.execute("UPDATE member SET branch_id = %s WHERE id = %s", (office.branch_b, own))
        assert ban_a.execute("UPDATE branch SET name = 'Đổi tên' WHERE id = %s", (office.branch_b,)).rowcount == 0
    with connect(office, "ban_a") as ban_a:  # nor point a row of its own branch at the other branch's rows
        own = ban_a.execute("SELECT id FROM member ORDER BY id").fetchone()[0]
        own_congress = ban_a.execute("SELECT id FROM congress").fetchone()[0]
        with pytest.raises(errors.InsufficientPrivilege):
            ban_a.execute(
                "INSERT INTO member_event (branch_id, member_id, kind, date, decision_ref, place, note, "
                "correction_reason, void_reason, created_at) VALUES (%s, %s, 'died', '2026-01-01', '', '', "
                "'', '', '', now())",
                (office.branch_a, member_b[0]),
            )
        summoned = ban_a.execute("SELECT id FROM summoned WHERE congress_id = %s", (own_congress,)).fetchone()[0]
        with pytest.raises(errors.InsufficientPrivilege):
            ban_a.execute("UPDATE summoned SET member_id = %s WHERE id = %s", (member_b[0], summoned))
        assert ban_a.execute("UPDATE summoned SET absence_reason = '' WHERE id = %s", (summoned,)).rowcount == 1
        assert own
    assert admin.execute("SELECT notes FROM member WHERE id = %s", (member_b[0],)).fetchone()[0] == member_b[1]
    assert count(admin, "member_event", office.branch_b) > 0


def test_read_only_grant_reads_its_branch_and_refuses_every_write(office, admin):
    with connect(office, "ban_b") as ban_b:
        assert count(ban_b, "member") == count(admin, "member", office.branch_b) == 5
        assert count(ban_b, "ballot_entry") == count(admin, "ballot_entry", office.branch_b) > 0
        own = ban_b.execute("SELECT id FROM member ORDER BY id").fetchone()[0]
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            ban_b.execute("UPDATE member SET notes = 'sửa' WHERE id = %s", (own,))
        with pytest.raises(errors.InsufficientPrivilege):
            ban_b.execute(
                "INSERT INTO rating (branch_id, member_id, year, level, note) VALUES (%s, %s, 2025, 'good', '')",
                (office.branch_b, own),
            )
        rating = ban_b.execute("SELECT id FROM rating WHERE member_id = %s", (own,)).fetchone()[0]
        with pytest.raises(errors.InsufficientPrivilege, match="không được ghi"):
            ban_b.execute("SELECT chibo_delete_rating(%s)", ([rating],))
    assert admin.execute("SELECT count(*) FROM rating WHERE member_id = %s", (own,)).fetchone()[0] == 1


def test_office_sees_and_changes_every_branch(office, admin):
    with connect(office, "van_phong") as van_phong:
        for table in POLICIES:
            assert count(van_phong, table) == count(admin, table), table
        for branch_id in (office.branch_a, office.branch_b):
            done = van_phong.execute("UPDATE branch SET secretary_name = 'Nguyễn Văn An' WHERE id = %s", (branch_id,))
            assert done.rowcount == 1


def test_accounts_get_data_privileges_only(office):
    with connect(office, "ban_a") as ban_a:
        assert ban_a.execute("SELECT value FROM chibo_meta WHERE key = 'app'").fetchone() == ("chibo",)
        refused = [
            "CREATE TABLE lau (id int)",
            "TRUNCATE member",  # TRUNCATE would ignore row-level security
            "ALTER TABLE member DISABLE ROW LEVEL SECURITY",
            "DROP POLICY chibo_select ON member",
            "UPDATE chibo_meta SET value = '1' WHERE key = 'schema_version'",
            "INSERT INTO chibo_branch_access (role_name, branch_id, can_write) VALUES ('ban_a', 2, true)",
            "DELETE FROM chibo_change_log",
        ]
        for statement in refused:
            with pytest.raises(errors.InsufficientPrivilege):
                ban_a.execute(statement)
        assert ban_a.execute("SELECT role_name FROM chibo_branch_access").fetchall() == [("ban_a",)]


def test_chibo_signed_in_as_a_branch_account_works_in_that_branch_only(office, admin):
    from models.office.accounts import signed_in_access

    open_database(office.url("ban_a"))
    try:
        assert list_branches() == [(office.branch_a, BRANCH_A.name)]
        assert current_branch_id() == office.branch_a
        assert len(all_members()) == count(admin, "member", office.branch_a)
        access = signed_in_access()
        assert (access.role, access.office, access.admin, access.on_server) == ("ban_a", False, False, True)
        assert [(g.branch_id, g.name, g.can_write) for g in access.branches] == [(office.branch_a, BRANCH_A.name, True)]
    finally:
        close_database()
    open_database(office.url("ban_b"))
    try:
        access = signed_in_access()
        assert [(g.branch_id, g.can_write) for g in access.branches] == [(office.branch_b, False)]
        assert current_branch_id() == office.branch_b
    finally:
        close_database()


def test_office_account_signed_in_has_every_branch(office):
    from models.office.accounts import signed_in_access

    open_database(office.url("van_phong"))
    try:
        access = signed_in_access()
        assert access.office and access.sees_all and not access.admin
        assert [g.name for g in access.branches] == [BRANCH_A.name, BRANCH_B.name]
        assert list_branches() == [(office.branch_a, BRANCH_A.name), (office.branch_b, BRANCH_B.name)]
    finally:
        close_database()


def test_a_refused_write_through_chibo_is_told_in_vietnamese(office):
    from models.core.failures import describe, is_expected
    from models.roster.members import save_member
    from tests.support.people import member

    open_database(office.url("ban_b"))
    try:
        with pytest.raises(Exception) as refused:
            save_member(member(6))
        assert is_expected(refused.value)
        assert "không được phép" in describe(refused.value)
        assert len(all_members()) == 5
    finally:
        close_database()


def test_the_office_opens_a_branch_whose_account_then_does_its_work_through_chibo(office, admin):
    """Every policy lets a branch's own work through: members, events, ratings, a congress, a count closed."""
    from models.core.branch import BranchInfo, save_branch, use_branch
    from models.office.accounts import create_login, grant_branch
    from tests.support.office_server import PASSWORD, fill_branch

    open_database(office.url("van_phong"))
    try:
        save_branch(BranchInfo("Chi bộ Khu phố 3", "ĐẢNG BỘ PHƯỜNG HÀNG BẠC", "Hà Nội", "KP3"), new=True)
        branch_c = current_branch_id()
    finally:
        close_database()
    open_database(office.admin_url)
    try:
        create_login("ban_c", PASSWORD)
        grant_branch("ban_c", branch_c)
    finally:
        close_database()
    open_database(office.url("ban_c"))
    try:
        use_branch(branch_c)
        fill_branch()
    finally:
        close_database()
    for table in ("member", "member_event", "rating", "summoned", "ballot_entry", "count_act"):
        assert count(admin, table, branch_c) == count(admin, table, office.branch_a), table
    logged = admin.execute(
        "SELECT DISTINCT changed_by FROM chibo_change_log WHERE table_name = 'ballot_entry' "
        "AND branch_id IS NULL AND changed_by <> 'postgres'"
    ).fetchall()
    assert logged == [("ban_c",)]
