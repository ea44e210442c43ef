"""A server set up by an earlier ChiBo (32-bit SERIAL ids, table-wide privileges and sequences, integer lookups
answering anyone, no count guards, no session limits) is brought to the current set-up by the next `server-setup`
action, data and accounts kept; and branches still move onto a hardened server, closed and published counts
included, as the office's account."""

from __future__ import annotations

import io

import peewee as pw
import psycopg
import pytest
from psycopg import errors

from cli.server_setup import run_server_setup
from models.core.database import close_database, open_database
from models.office.policies import table_policies
from models.office.server_access import _ACCESS_DDL, SETUP_KEY, SETUP_LEVEL
from models.office.server_sql import execute
from tests.support.office_server import BRANCH_A, as_role, seed_branch
from tests.support.pg_server import empty_database

LEGACY_LOG = """CREATE TABLE chibo_change_log (id BIGSERIAL PRIMARY KEY, table_name TEXT NOT NULL, row_id BIGINT,
    branch_id INTEGER, action TEXT NOT NULL, changed_by TEXT NOT NULL,
    changed_at TIMESTAMP NOT NULL DEFAULT LOCALTIMESTAMP(0))"""


def legacy_set_up(url: str) -> int:
    """What the set-up before level 2 left: returns the seeded branch's id; account `ban_cu` writes it."""
    from models.schema import ALL_TABLES

    empty_database(url)
    open_database(url)
    try:
        for role in ("chibo_app", "chibo_office"):
            if execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is None:
                execute(f"CREATE ROLE {role} NOLOGIN")
        execute(_ACCESS_DDL.replace("BIGINT", "INTEGER"))
        execute("GRANT USAGE ON SCHEMA public TO chibo_app")
        for model in ALL_TABLES:
            rights = "SELECT" if model._meta.table_name == "chibo_meta" else "SELECT, INSERT, UPDATE, DELETE"
            execute(f'GRANT {rights} ON "{model._meta.table_name}" TO chibo_app')
        execute("GRANT SELECT ON chibo_branch_access TO chibo_app")
        for policy in table_policies(ALL_TABLES):
            for statement in policy.statements():
                execute(statement.replace("(bigint) RETURNS bigint", "(integer) RETURNS integer"))
        execute(LEGACY_LOG)
        execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO chibo_app")
        branch_id = seed_branch(BRANCH_A)
        execute(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ban_cu') THEN "
            "CREATE ROLE ban_cu LOGIN; END IF; END $$"
        )
        execute("ALTER ROLE ban_cu RESET ALL")
        execute("GRANT chibo_app TO ban_cu")
        execute(
            "INSERT INTO chibo_branch_access (role_name, branch_id, can_write) VALUES ('ban_cu', %s, true)",
            (branch_id,),
        )
    finally:
        close_database()
    return branch_id


@pytest.fixture
def legacy(pg_url):
    branch_id = legacy_set_up(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as admin:
        yield pg_url, branch_id, admin


def test_the_legacy_server_really_lacks_the_hardening(legacy):
    url, branch_id, admin = legacy
    with psycopg.connect(as_role(url, "ban_cu"), autocommit=True) as ban_cu:
        round_id = ban_cu.execute("SELECT round_id FROM ballot_entry LIMIT 1").fetchone()[0]
        assert ban_cu.execute("UPDATE ballot_entry SET after = after WHERE round_id = %s", (round_id,)).rowcount > 0
        ban_cu.execute("SELECT nextval(pg_get_serial_sequence('member', 'id'))")


def test_any_server_setup_action_brings_an_earlier_set_up_up_to_date(legacy):
    url, branch_id, admin = legacy
    last_rating = admin.execute("SELECT last_value FROM rating_id_seq").fetchone()[0]
    members = admin.execute("SELECT id, full_name FROM member ORDER BY id").fetchall()
    out, err = io.StringIO(), io.StringIO()
    assert run_server_setup("list", url, out=out, err=err) == 0, err.getvalue()
    assert out.getvalue().startswith("Đã đưa máy chủ «") and "- ban_cu: " in out.getvalue()
    schema = admin.execute("SELECT value FROM chibo_meta WHERE key = 'schema_version'").fetchone()[0]
    assert admin.execute("SELECT value FROM chibo_meta WHERE key = %s", (SETUP_KEY,)).fetchone() == (
        f"{SETUP_LEVEL}:{schema}",
    )
    assert admin.execute("SELECT id, full_name FROM member ORDER BY id").fetchall() == members
    lookups = admin.execute(
        "SELECT DISTINCT pg_get_function_arguments(p.oid) FROM pg_proc p WHERE p.proname LIKE 'chibo\\_branch\\_of\\_%'"
    ).fetchall()
    assert lookups == [("bigint",)]  # the integer lookups (answering anyone) are gone
    types = admin.execute(
        "SELECT data_type, is_identity FROM information_schema.columns WHERE table_name = 'rating' "
        "AND column_name = 'id'"
    ).fetchone()
    assert types == ("bigint", "YES")
    member_id = members[0][0]
    with psycopg.connect(as_role(url, "ban_cu"), autocommit=True) as ban_cu:
        assert ban_cu.execute("SHOW lock_timeout").fetchone() == ("10s",)
        with pytest.raises(errors.InsufficientPrivilege):
            ban_cu.execute("UPDATE ballot_entry SET after = after")
        with pytest.raises(errors.InsufficientPrivilege):
            ban_cu.execute("SELECT nextval(pg_get_serial_sequence('member', 'id'))")
        for table in ("member", "rating"):  # the earlier set-up granted DELETE on every table
            with pytest.raises(errors.InsufficientPrivilege), ban_cu.transaction():
                ban_cu.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
        new_id = ban_cu.execute(
            "INSERT INTO rating (branch_id, member_id, year, level, note, updated_at, updated_by, "
            "version) VALUES (%s, %s, 2033, 'good', '', now(), '', 1) RETURNING id",
            (branch_id, member_id),
        ).fetchone()[0]
    assert new_id == last_rating + 1  # the identity goes on where the old sequence was
    stamped = admin.execute(
        "SELECT branch_id FROM chibo_change_log WHERE table_name = 'rating' AND row_id = %s", (new_id,)
    ).fetchall()
    assert stamped == [(branch_id,)]
    again = io.StringIO()
    assert run_server_setup("list", url, out=again, err=err) == 0  # now current: nothing more to do
    assert again.getvalue() == out.getvalue().split("\n", 1)[1]  # the same listing, without the upgrade's line


def test_a_schema_migrated_since_the_set_up_gets_its_privileges_at_the_next_action(legacy):
    """A newer ChiBo's migration adds a column as the owner; the accounts may update it once `server-setup` ran."""
    url, branch_id, admin = legacy
    assert run_server_setup("setup", url, out=io.StringIO(), err=io.StringIO()) == 0
    admin.execute("ALTER TABLE rating ADD COLUMN reviewed TEXT NOT NULL DEFAULT ''")  # as a migration would
    version = int(admin.execute("SELECT value FROM chibo_meta WHERE key = 'schema_version'").fetchone()[0])
    admin.execute("UPDATE chibo_meta SET value = %s WHERE key = %s", (f"{SETUP_LEVEL}:{version - 1}", SETUP_KEY))
    from models.roster.tables import Rating

    Rating._meta.add_field("reviewed", pw.TextField(default=""))
    try:
        with (
            psycopg.connect(as_role(url, "ban_cu"), autocommit=True) as ban_cu,
            pytest.raises(errors.InsufficientPrivilege),
        ):
            ban_cu.execute("UPDATE rating SET reviewed = 'x'")
        assert run_server_setup("list", url, out=io.StringIO(), err=io.StringIO()) == 0
    finally:
        Rating._meta.remove_field("reviewed")
    with psycopg.connect(as_role(url, "ban_cu"), autocommit=True) as ban_cu:
        assert ban_cu.execute("UPDATE rating SET reviewed = 'x'").rowcount > 0


def test_chibo_works_as_the_legacy_account_once_brought_up_to_date(legacy):
    from models.roster.members import all_members

    url, branch_id, admin = legacy
    assert run_server_setup("setup", url, out=io.StringIO(), err=io.StringIO()) == 0
    open_database(as_role(url, "ban_cu"))
    try:
        assert len(all_members()) == admin.execute("SELECT count(*) FROM member").fetchone()[0] == 5
    finally:
        close_database()


def test_the_office_moves_a_file_with_closed_and_published_counts_onto_a_hardened_server(pg_url, rich_file):
    """A copy re-links each round's digest to the server's own chain: the guards let exactly that through."""
    from models.congress.tables import ElectionRound
    from models.live_count.session import verify_chain
    from models.office.branch_moves import push_file
    from tests.support.office_server import set_up_office

    office = set_up_office(pg_url)
    [report] = push_file(rich_file, office.url("van_phong"))
    open_database(office.url("van_phong"))
    try:
        rounds = list(ElectionRound.select().where(ElectionRound.status.in_(("closed", "published"))))
        counted = [r for r in rounds if r.count_mode == "ballots"]
        assert counted and all(verify_chain(r.id) for r in counted)
    finally:
        close_database()
    with psycopg.connect(office.admin_url, autocommit=True) as admin:
        sealed = admin.execute(
            "SELECT count(*) FROM election_round r WHERE r.status IN ('closed', 'published') AND r.count_mode = "
            "'ballots' AND EXISTS (SELECT 1 FROM ballot_entry e WHERE e.round_id = r.id AND e.chain = r.record_digest)"
        ).fetchone()[0]
        assert sealed == len(counted)
        with pytest.raises(errors.InsufficientPrivilege):  # and once landed, they are sealed
            admin.execute("UPDATE election_round SET result = '' WHERE id = %s", (counted[0].id,))
    assert report.added["BallotEntry"] > 0
