"""Setting a PostgreSQL server database up for a committee office: the ChiBo schema, the accounts' group roles,
the access table, the privileges and the row-level security policies, in one transaction, safe to run again.

Who sees what is the server's business, not the app's: every table holding branch data has row-level security
enabled with one policy per command (models.office.policies), keyed on the row's branch and read against
`chibo_branch_access` with `current_user`; members of `chibo_office` see and change every branch.

Decision: RLS is ENABLEd, not FORCEd. The accounts of the branches and the office are never the tables' owner
(they get SELECT/INSERT/UPDATE/DELETE through `chibo_app` and no DDL, no TRUNCATE, which would bypass the
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
from models.office.policies import (
    ACCESS_TABLE,
    APP_ROLE,
    IS_OFFICE,
    OFFICE_ROLE,
    POLICY_PREFIX,
    SHARED_TABLES,
    TablePolicy,
    table_policies,
)
from models.office.server_sql import execute, role_exists

_LOCK_KEY = 4_212_001  # pg_advisory_xact_lock: two set-ups at once run one after the other

_ACCESS_DDL = f"""
CREATE TABLE IF NOT EXISTS {ACCESS_TABLE} (
    role_name TEXT NOT NULL,
    branch_id INTEGER NOT NULL REFERENCES branch (id) ON DELETE CASCADE,
    can_write BOOLEAN NOT NULL DEFAULT FALSE,
    granted_at TIMESTAMP NOT NULL DEFAULT LOCALTIMESTAMP(0),
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
    from models.schema import ALL_TABLES  # every capability's tables: a new one is protected without a hand list

    policies = table_policies(ALL_TABLES)
    with db.atomic():
        execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
        _ensure_group_roles()
        execute(_ACCESS_DDL)
        _grant_privileges(ALL_TABLES)
        _replace_policies(policies)
        install_change_log(policies)
    branches = execute("SELECT count(*) FROM branch").fetchone()[0]
    return SetupReport(len(policies), branches)


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
    """Data privileges only: no TRUNCATE (it ignores row-level security), no REFERENCES, TRIGGER or DDL."""
    app = sql.Identifier(APP_ROLE)
    execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")  # PostgreSQL before 15 lets every account create tables
    execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(app))
    for model in tables:
        table = sql.Identifier(model._meta.table_name)
        execute(sql.SQL("REVOKE ALL ON {} FROM PUBLIC, {}").format(table, app))
        rights = "SELECT" if model in SHARED_TABLES else "SELECT, INSERT, UPDATE, DELETE"
        execute(sql.SQL("GRANT " + rights + " ON {} TO {}").format(table, app))
    access = sql.Identifier(ACCESS_TABLE)
    execute(sql.SQL("REVOKE ALL ON {} FROM PUBLIC, {}").format(access, app))
    execute(sql.SQL("GRANT SELECT ON {} TO {}").format(access, app))
    execute(sql.SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {}").format(app))


def _replace_policies(policies: list[TablePolicy]) -> None:
    """Drop every ChiBo policy, then create the current ones: a set-up of a newer version upgrades them."""
    old = execute("SELECT tablename, policyname FROM pg_policies WHERE schemaname = 'public' AND policyname LIKE %s",
                  (POLICY_PREFIX.replace("_", r"\_") + "%",)).fetchall()  # fmt: skip
    for table, name in old:
        execute(sql.SQL("DROP POLICY {} ON {}").format(sql.Identifier(name), sql.Identifier(table)))
    for policy in policies:
        for statement in policy.statements():
            execute(statement)
    for function in sorted({name for p in policies for name, _ in p.lookups}):
        execute(sql.SQL("REVOKE ALL ON FUNCTION " + function + "(integer) FROM PUBLIC"))
        execute(sql.SQL("GRANT EXECUTE ON FUNCTION " + function + "(integer) TO {}").format(sql.Identifier(APP_ROLE)))
    access = sql.Identifier(ACCESS_TABLE)
    execute(sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(access))
    policy = sql.SQL("CREATE POLICY {} ON {} FOR SELECT USING (role_name = current_user OR {})")
    execute(policy.format(sql.Identifier(POLICY_PREFIX + "select"), access, sql.SQL(IS_OFFICE)))
