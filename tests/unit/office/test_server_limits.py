"""What one account can do to the others on a set-up server, tried through raw SQL: a grant taken away ends its open
transactions at once; rows an account holds locked hold the others up for a bounded time only (no table can be
locked whole: tests/unit/office/test_row_deletes.py); the shared ids cannot be burnt; the change log keeps the
server's UTC clock; the branch lookups tell nothing about other branches."""

from __future__ import annotations

from datetime import timedelta

import psycopg
import pytest
from psycopg import errors

from models.core.database import close_database, open_database
from models.office.accounts import create_login, grant_branch, revoke_branch, set_office
from models.office.sessions import SESSION_LIMITS, limit_sessions
from tests.support.office_server import PASSWORD, OfficeServer, connect


@pytest.fixture
def as_admin(office):
    """ChiBo's own database opened as the administrator (accounts and grants are changed through it)."""
    open_database(office.admin_url)
    yield
    close_database()


def first_member(admin, branch_id: int) -> tuple[int, str]:
    return admin.execute("SELECT id, notes FROM member WHERE branch_id = %s ORDER BY id", (branch_id,)).fetchone()


def test_every_account_signs_in_with_the_session_limits(office):
    assert set(SESSION_LIMITS) == {"idle_in_transaction_session_timeout", "lock_timeout", "statement_timeout"}
    for role in ("ban_a", "ban_b", "van_phong"):
        with connect(office, role) as account:
            shown = {name: account.execute(f"SHOW {name}").fetchone()[0] for name in SESSION_LIMITS}
            assert shown == SESSION_LIMITS, role


def test_an_administrator_granted_a_branch_gets_no_session_limits(office, admin, as_admin):
    grant_branch("postgres", office.branch_a)
    try:
        assert admin.execute(
            "SELECT count(*) FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole "
            "WHERE r.rolname = 'postgres'"
        ).fetchone() == (0,)
    finally:
        revoke_branch("postgres", office.branch_a)


def test_a_transaction_opened_before_revoke_cannot_write_after_it(office, admin, as_admin):
    create_login("ban_tam", PASSWORD)
    grant_branch("ban_tam", office.branch_a)
    member_id, notes = first_member(admin, office.branch_a)
    holder = connect(office, "ban_tam", autocommit=False)
    holder.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    assert holder.execute("SELECT count(*) FROM member").fetchone()[0] > 0  # its snapshot still holds the grant
    _, _, ended = revoke_branch("ban_tam", office.branch_a)
    assert ended == 1
    with pytest.raises(psycopg.OperationalError):
        holder.execute("UPDATE member SET notes = 'sau khi thu hồi' WHERE id = %s", (member_id,))
        holder.commit()
    holder.close()
    assert first_member(admin, office.branch_a) == (member_id, notes)
    with connect(office, "ban_tam") as again:  # signed in again, it has nothing
        assert again.execute("SELECT count(*) FROM member").fetchone()[0] == 0


def test_an_account_taken_out_of_the_office_loses_its_open_transaction(office, admin, as_admin):
    create_login("van_phong_2", PASSWORD)
    set_office("van_phong_2")
    member_id, notes = first_member(admin, office.branch_b)
    holder = connect(office, "van_phong_2", autocommit=False)
    holder.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    holder.execute("SELECT count(*) FROM member").fetchone()
    assert set_office("van_phong_2", False) == 1
    with pytest.raises(psycopg.OperationalError):
        holder.execute("UPDATE member SET notes = 'văn phòng cũ' WHERE id = %s", (member_id,))
        holder.commit()
    holder.close()
    assert first_member(admin, office.branch_b) == (member_id, notes)


def test_a_writable_grant_made_read_only_ends_the_open_sessions(office, as_admin):
    create_login("ban_doi", PASSWORD)
    grant_branch("ban_doi", office.branch_a)
    holder = connect(office, "ban_doi", autocommit=False)
    holder.execute("SELECT 1").fetchone()
    grant_branch("ban_doi", office.branch_a, can_write=False)
    with pytest.raises(psycopg.OperationalError):
        holder.execute("SELECT 1").fetchone()
    holder.close()


def hold_ratings(office: OfficeServer, admin) -> tuple[psycopg.Connection, int, int]:
    """`ban_a` holding its branch's 2024 ratings row-locked in a transaction it leaves open (no account can lock a
    whole table in a mode that holds the others up: tests/unit/office/test_row_deletes.py). Returns the holder,
    and the member and id of one rating it holds."""
    member_a, rating_a = admin.execute(
        "SELECT member_id, id FROM rating WHERE branch_id = %s AND year = 2024 ORDER BY id", (office.branch_a,)
    ).fetchone()
    holder = connect(office, "ban_a", autocommit=False)
    holder.execute("SELECT id FROM rating WHERE branch_id = %s AND year = 2024 FOR UPDATE", (office.branch_a,))
    return holder, member_a, rating_a


def test_a_lock_held_by_one_account_holds_another_up_only_until_the_holder_is_ended(office, admin, as_admin):
    """An account can hold rows it may write locked; left idle in its transaction it is ended, and another
    account's write of those rows, waiting meanwhile, goes through. (ChiBo's own limits are a minute and ten
    seconds; shortened here, the writer's wait is bounded by its lock_timeout: past it, the test fails.)"""
    create_login("ban_a_ghi", PASSWORD)
    grant_branch("ban_a_ghi", office.branch_a)
    limit_sessions("ban_a_ghi", {"lock_timeout": "60s"})
    limit_sessions("ban_a", {"idle_in_transaction_session_timeout": "1s"})
    try:
        holder, _, rating_a = hold_ratings(office, admin)
        with connect(office, "ban_a_ghi") as writer:
            writer.execute("UPDATE rating SET note = 'ghi sau' WHERE id = %s", (rating_a,))
        with pytest.raises(errors.IdleInTransactionSessionTimeout):  # the holder was ended, its locks released
            holder.execute("SELECT 1")
        holder.close()
    finally:
        limit_sessions("ban_a")
    assert admin.execute("SELECT note FROM rating WHERE id = %s", (rating_a,)).fetchone() == ("ghi sau",)


def test_a_writer_waits_for_a_lock_no_longer_than_its_lock_timeout(office, admin, as_admin):
    limit_sessions("ban_a_ghi", {"lock_timeout": "200ms"})
    try:
        holder, _, rating_a = hold_ratings(office, admin)
        with connect(office, "ban_a_ghi") as writer, pytest.raises(errors.LockNotAvailable):
            writer.execute("UPDATE rating SET note = '' WHERE id = %s", (rating_a,))
        holder.rollback()
        holder.close()
    finally:
        limit_sessions("ban_a_ghi")


def test_a_write_held_up_by_a_lock_is_told_in_vietnamese(office, admin):
    from models.core.branch import use_branch
    from models.core.failures import describe, is_expected
    from models.roster.rating_book import save_ratings

    open_database(office.admin_url)
    limit_sessions("ban_a_ghi", {"lock_timeout": "200ms"})
    close_database()
    holder, member_a, rating_a = hold_ratings(office, admin)
    open_database(office.url("ban_a_ghi"))
    try:
        use_branch(office.branch_a)
        for change in ("done", None):  # a rating changed, a rating cleared (through the delete function)
            with pytest.raises(Exception) as held_up:
                save_ratings(2024, {member_a: change})
            assert is_expected(held_up.value)
            assert describe(held_up.value) == (
                "Không ghi được vào cơ sở dữ liệu: máy chủ đang bận vì một tài khoản khác đang giữ dữ liệu này; "
                "hãy thử lại sau ít phút."
            )
    finally:
        close_database()
        holder.rollback()
        holder.close()
        open_database(office.admin_url)
        limit_sessions("ban_a_ghi")
        close_database()
    assert admin.execute("SELECT id FROM rating WHERE id = %s", (rating_a,)).fetchone() == (rating_a,)


def test_ids_are_64_bit_identities_and_no_account_can_burn_them(office, admin):
    narrow = admin.execute(
        "SELECT c.relname, a.attname FROM pg_constraint p JOIN pg_class c ON c.oid = p.conrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid "
        "AND a.attnum = ANY (p.conkey) WHERE n.nspname = 'public' AND p.contype IN ('p', 'f') "
        "AND a.atttypid IN ('integer'::regtype, 'smallint'::regtype)"
    ).fetchall()
    assert narrow == []  # every id and every reference to one
    serial = admin.execute(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' "
        "AND column_name = 'id' AND is_identity = 'NO'"
    ).fetchall()
    assert serial == []
    sequence = admin.execute("SELECT pg_get_serial_sequence('rating', 'id')").fetchone()[0]
    member_a, _ = first_member(admin, office.branch_a)
    before = admin.execute(f"SELECT last_value FROM {sequence}").fetchone()[0]
    with connect(office, "ban_a") as ban_a:
        with pytest.raises(errors.InsufficientPrivilege):
            ban_a.execute("SELECT nextval(%s)", (sequence,))
        with pytest.raises(errors.InsufficientPrivilege):
            ban_a.execute("SELECT setval(%s, 2147483647)", (sequence,))
        inserted = ban_a.execute(
            "INSERT INTO rating (branch_id, member_id, year, level, note, updated_at, "
            "updated_by, version) VALUES (%s, %s, 2032, 'good', '', now(), '', 1) RETURNING id",
            (office.branch_a, member_a),
        ).fetchone()
        assert inserted[0] > before  # the server draws the id; the account needs no right on the sequence
        with pytest.raises(errors.InsufficientPrivilege):  # nor may it change an id
            ban_a.execute("UPDATE rating SET id = 2147483647 WHERE id = %s", inserted)


def test_the_change_log_stamps_the_servers_utc_clock_whatever_the_session_sets(office, admin):
    member_id, _ = first_member(admin, office.branch_a)
    with connect(office, "ban_a") as ban_a:
        ban_a.execute("SET TIME ZONE 'Etc/GMT-14'")  # UTC+14
        ban_a.execute("UPDATE member SET notes = 'giờ lệch' WHERE id = %s", (member_id,))
    utc_now = admin.execute("SELECT now() AT TIME ZONE 'UTC'").fetchone()[0]
    stamped = admin.execute(
        "SELECT changed_at FROM chibo_change_log WHERE table_name = 'member' AND row_id = %s ORDER BY id DESC LIMIT 1",
        (member_id,),
    ).fetchone()[0]
    assert timedelta(0) <= utc_now - stamped < timedelta(minutes=5)  # 14 hours off if the session's zone counted


def test_the_branch_lookups_answer_nothing_about_branches_the_caller_cannot_see(office, admin):
    congress_a = admin.execute("SELECT id FROM congress WHERE branch_id = %s", (office.branch_a,)).fetchone()[0]
    congress_b = admin.execute("SELECT id FROM congress WHERE branch_id = %s", (office.branch_b,)).fetchone()[0]
    ask = "SELECT chibo_branch_of_congress(%s), chibo_branch_of_member(%s)"
    member_b, _ = first_member(admin, office.branch_b)
    member_a, _ = first_member(admin, office.branch_a)
    with connect(office, "ban_a") as ban_a:
        assert ban_a.execute(ask, (congress_a, member_a)).fetchone() == (office.branch_a, office.branch_a)
        assert ban_a.execute(ask, (congress_b, member_b)).fetchone() == (None, None)
    with connect(office, "ban_b") as ban_b:  # a read-only grant is told about its own branch only
        assert ban_b.execute(ask, (congress_b, member_a)).fetchone() == (office.branch_b, None)
    with connect(office, "van_phong") as van_phong:
        assert van_phong.execute(ask, (congress_b, member_a)).fetchone() == (office.branch_b, office.branch_a)


def test_revoke_says_how_many_open_sessions_it_ended_or_that_it_could_not(office, monkeypatch):
    import io

    from cli.server_setup import run_server_setup
    from models.office import accounts

    open_database(office.admin_url)
    try:
        create_login("ban_dem", PASSWORD)
        grant_branch("ban_dem", office.branch_a)
        grant_branch("ban_dem", office.branch_b)
    finally:
        close_database()
    first, second = connect(office, "ban_dem"), connect(office, "ban_dem")
    out, err = io.StringIO(), io.StringIO()
    assert (
        run_server_setup("revoke", office.admin_url, role="ban_dem", branch=str(office.branch_a), out=out, err=err) == 0
    ), err.getvalue()
    assert out.getvalue().splitlines()[-1] == "Đã ngắt 2 phiên đang mở của «ban_dem»."
    for ended in (first, second):
        with pytest.raises(psycopg.OperationalError):
            ended.execute("SELECT 1")
        ended.close()
    monkeypatch.setattr(accounts, "end_sessions", lambda role: None)  # an administrator without the right
    out = io.StringIO()
    assert (
        run_server_setup("revoke", office.admin_url, role="ban_dem", branch=str(office.branch_b), out=out, err=err) == 0
    ), err.getvalue()
    assert "không được ngắt các phiên đang mở của «ban_dem»" in out.getvalue().splitlines()[-1]


def test_a_set_up_held_up_by_an_accounts_lock_gives_up_and_says_so(office, monkeypatch):
    import io

    from cli.server_setup import run_server_setup
    from models.office import server_access

    monkeypatch.setattr(server_access, "SETUP_LOCK_TIMEOUT", "200ms")
    with connect(office, "ban_a") as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (server_access._LOCK_KEY,))
        out, err = io.StringIO(), io.StringIO()
        assert run_server_setup("setup", office.admin_url, out=out, err=err) == 2
    (line,) = err.getvalue().splitlines()
    assert line.startswith("Máy chủ «") and line.endswith(
        "đang bận vì một tài khoản khác đang giữ dữ liệu cần dùng; không có gì thay đổi. Hãy thử lại sau ít phút, "
        "hoặc nhờ người quản trị ngắt phiên của tài khoản đó."
    )
    assert out.getvalue() == ""
