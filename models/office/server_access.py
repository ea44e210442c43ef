"""Setting a PostgreSQL server database up for a committee office: the ChiBo schema, the accounts' group roles,
the access table, the privileges and the row-level security policies, in one transaction, safe to run again.

Who sees what is the server's business, not the app's: every table holding branch data has row-level security
enabled with one policy per command (models.office.policies), keyed on the row's branch and read against
`chibo_branch_access` with `current_user`; members of `chibo_office` see and change every branch.

What the server refuses about a count (the entry log append-only, a closed result unchangeable) is in
models.office.count_guards; the accounts' session limits and ending in models.office.sessions; 64-bit ids drawn by
the server in models.office.identities. A server set up by an earlier version is brought to the current set-up
(`SETUP_LEVEL`) by `server-setup` run again, or by any other `server-setup` action, which runs it first.

Privileges are the least ChiBo needs, which is also what keeps an account from locking a table against the others:
PostgreSQL lets LOCK TABLE take a mode stronger than ROW EXCLUSIVE only with UPDATE, DELETE or TRUNCATE on the
whole table. The accounts get SELECT and INSERT and UPDATE on the columns (never on the table, never on `id`), and
no DELETE at all: where ChiBo deletes rows it calls the server's delete functions, which check the branch rules
themselves (models.office.row_delete_functions). No account can lock any table in a strong mode.

Decision: RLS is ENABLEd, not FORCEd. The accounts of the branches and the office are never the tables' owner
(they get data privileges through `chibo_app` and no DDL, no TRUNCATE, which would bypass the
policies), so ENABLE binds them all. The owner and superusers are the administrators: they bypass RLS whatever
is set (an owner could also simply disable it), which keeps the single-user server use (one superuser or owner
account, no set-up) working as before.
"""

from __future__ import annotations

from dataclasses import dataclass

import peewee as pw
from psycopg import sql

from models.core.database import open_database
from models.core.tables import BaseModel, db
from models.office.change_log import install_change_log
from models.office.count_guards import APPEND_ONLY, install_count_guards
from models.office.identities import widen_identities
from models.office.policies import (
    ACCESS_TABLE,
    APP_ROLE,
    IS_OFFICE,
    LOOKUP_PREFIX,
    OFFICE_ROLE,
    POLICY_PREFIX,
    SHARED_TABLES,
    TablePolicy,
    table_policies,
)
from models.office.row_delete_functions import install_delete_functions
from models.office.server_sql import execute, role_exists
from models.office.sessions import limit_every_account
from models.schema import ALL_TABLES  # every capability's tables: a new one is protected without a hand list

_LOCK_KEY = 4_212_001  # pg_advisory_xact_lock: two set-ups at once run one after the other
# The administrator has no session limits: a set-up waiting behind a lock an account holds (the key above, or a
# table it reads in a transaction left open) gives up after this and says so, instead of hanging.
SETUP_LOCK_TIMEOUT = "30s"
# 2: 64-bit ids, least privileges, count guards, session limits, lookups answering only the caller;
# 3: no DELETE privilege, the delete functions instead
SETUP_LEVEL = 3
SETUP_KEY = "office_setup"  # in chibo_meta: the level and schema version the server was last set up for

_ACCESS_DDL = f"""
CREATE TABLE IF NOT EXISTS {ACCESS_TABLE} (
    role_name TEXT NOT NULL,
    branch_id BIGINT NOT NULL REFERENCES branch (id) ON DELETE CASCADE,
    can_write BOOLEAN NOT NULL DEFAULT FALSE,
    granted_at TIMESTAMP NOT NULL DEFAULT date_trunc('second', now() AT TIME ZONE 'UTC'),
    granted_by TEXT NOT NULL DEFAULT CURRENT_USER,
    PRIMARY KEY (role_name, branch_id)
)"""


@dataclass(frozen=True)
class SetupReport:
    tables: int  # tables under row-level security
    branches: int  # branches on the server


def set_up_server(url: str) -> SetupReport:
    """As the administrator at `url`: create or migrate the schema (models.core.database.open_database), then the
    roles, access table, privileges and policies. The database stays open, bound to the tables."""
    open_database(url)
    return _set_up_open_database()


def _set_up_open_database() -> SetupReport:
    policies = table_policies(ALL_TABLES)
    with db.atomic():
        execute("SELECT set_config('lock_timeout', %s, true)", (SETUP_LOCK_TIMEOUT,))
        execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
        _ensure_group_roles()
        execute(_ACCESS_DDL)
        _drop_policies()  # they depend on the columns' types and on the lookups' signatures
        widen_identities()
        _grant_privileges(ALL_TABLES)
        _create_policies(policies)
        install_delete_functions(policies)
        install_change_log(policies)
        install_count_guards()
        limit_every_account()
        execute(
            "INSERT INTO chibo_meta (key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE "
            "SET value = EXCLUDED.value",
            (SETUP_KEY, _set_up_as()),
        )
    branches = execute("SELECT count(*) FROM branch").fetchone()[0]
    return SetupReport(len(policies), branches)


def _set_up_as() -> str:
    """What a set-up depends on: ChiBo's set-up level and the schema's version (a migration may add a table or a
    column, which needs its privileges and policies), "2:7"."""
    schema = execute("SELECT value FROM chibo_meta WHERE key = 'schema_version'").fetchone()
    return f"{SETUP_LEVEL}:{schema[0] if schema else 0}"


def bring_up_to_date() -> bool:
    """On the open, set-up server database: set it up again when it was set up by an earlier ChiBo or for an
    earlier schema (the same as `server-setup` run again); True when it did."""
    done = execute("SELECT value FROM chibo_meta WHERE key = %s", (SETUP_KEY,)).fetchone()
    if done is not None and done[0] == _set_up_as():
        return False
    _set_up_open_database()
    return True


def is_set_up() -> bool:
    """Whether the open server database has had `set_up_server` (the access table exists)."""
    if isinstance(db.obj, pw.SqliteDatabase):
        return False
    return execute("SELECT to_regclass(%s) IS NOT NULL", (ACCESS_TABLE,)).fetchone()[0]


def _ensure_group_roles() -> None:
    for role in (APP_ROLE, OFFICE_ROLE):
        if not role_exists(role):
            execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
    execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(APP_ROLE), sql.Identifier(OFFICE_ROLE)))


def _grant_privileges(tables: list[type[BaseModel]]) -> None:
    """The least ChiBo needs (module docstring): no TRUNCATE (it ignores row-level security), no REFERENCES,
    TRIGGER or DDL, no table-wide UPDATE, no DELETE, no sequence."""
    app = sql.Identifier(APP_ROLE)
    execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")  # PostgreSQL before 15 lets every account create tables
    execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(app))
    for model in tables:
        name = model._meta.table_name
        table = sql.Identifier(name)
        execute(sql.SQL("REVOKE ALL ON {} FROM PUBLIC, {}").format(table, app))
        if model in SHARED_TABLES:
            execute(sql.SQL("GRANT SELECT ON {} TO {}").format(table, app))
            continue
        execute(sql.SQL("GRANT SELECT, INSERT ON {} TO {}").format(table, app))
        if name not in APPEND_ONLY:
            columns = [sql.Identifier(f.column_name) for f in model._meta.sorted_fields if not f.primary_key]
            execute(sql.SQL("GRANT UPDATE ({}) ON {} TO {}").format(sql.SQL(", ").join(columns), table, app))
    access = sql.Identifier(ACCESS_TABLE)
    execute(sql.SQL("REVOKE ALL ON {} FROM PUBLIC, {}").format(access, app))
    execute(sql.SQL("GRANT SELECT ON {} TO {}").format(access, app))
    execute(sql.SQL("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, {}").format(app))


def _drop_policies() -> None:
    """Drop every ChiBo policy and branch lookup (of any signature): a set-up of a newer version replaces them."""
    old = execute(
        "SELECT tablename, policyname FROM pg_policies WHERE schemaname = 'public' AND policyname LIKE %s",
        (POLICY_PREFIX.replace("_", r"\_") + "%",),
    ).fetchall()
    for table, name in old:
        execute(sql.SQL("DROP POLICY {} ON {}").format(sql.Identifier(name), sql.Identifier(table)))
    lookups = execute(
        "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = 'public' AND p.proname LIKE %s",
        (LOOKUP_PREFIX.replace("_", r"\_") + "%",),
    ).fetchall()
    for (signature,) in lookups:
        execute(sql.SQL("DROP FUNCTION " + signature))


def _create_policies(policies: list[TablePolicy]) -> None:
    for policy in policies:
        for statement in policy.statements():
            execute(statement)
    for function in sorted({name for p in policies for name, _ in p.lookups}):
        execute(sql.SQL("REVOKE ALL ON FUNCTION " + function + "(bigint) FROM PUBLIC"))
        execute(sql.SQL("GRANT EXECUTE ON FUNCTION " + function + "(bigint) TO {}").format(sql.Identifier(APP_ROLE)))
    access = sql.Identifier(ACCESS_TABLE)
    execute(sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(access))
    select_policy = sql.SQL("CREATE POLICY {} ON {} FOR SELECT USING (role_name = current_user OR {})")
    execute(select_policy.format(sql.Identifier(POLICY_PREFIX + "select"), access, sql.SQL(IS_OFFICE)))
