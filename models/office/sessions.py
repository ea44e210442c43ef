"""The accounts' sessions on a set-up server: bounded so no account can hold the others up for long, and ended at
once when what an account may do is taken away.

Limits (ALTER ROLE … SET, applied when the account signs in; a group role's settings are not inherited, so each
account gets them): a transaction left idle is ended after `idle_in_transaction_session_timeout`, a statement
after `statement_timeout`, and a statement waiting for a lock gives up after `lock_timeout` instead of waiting
behind whoever holds it. No account can lock a whole table in a mode that holds the others up (it has no
table-wide UPDATE or DELETE, models.office.server_access); rows it holds locked, it holds for a bounded time and
the others wait at most `lock_timeout` for them.

A grant taken away (`revoke`, `office --remove`, a grant made read-only) ends the account's open sessions: a
transaction opened before the change keeps the old grant in its snapshot and could still write; ended, it cannot,
and the account's next sign-in sees only what it now has.
"""

from __future__ import annotations

from psycopg import sql

from models.core.server_errors import is_privilege_error
from models.core.tables import db
from models.office.policies import APP_ROLE
from models.office.server_sql import execute

SESSION_LIMITS = {  # as PostgreSQL shows them (SHOW)
    "idle_in_transaction_session_timeout": "1min",
    "lock_timeout": "10s",
    "statement_timeout": "5min",
}


def limit_sessions(role: str, limits: dict[str, str] | None = None) -> None:
    """Give one account the session limits (ChiBo's own, or `limits`, which the tests shorten); never to an
    administrator (a superuser, or the owner of the tables), whose set-up and migrations must not be cut short."""
    if _is_administrator(role):
        return
    for setting, value in (limits or SESSION_LIMITS).items():
        execute(
            sql.SQL("ALTER ROLE {} SET {} = {}").format(
                sql.Identifier(role), sql.Identifier(setting), sql.Literal(value)
            )
        )


def limit_every_account() -> None:
    """Every account of ChiBo (a login member of chibo_app that is not a superuser) gets the limits."""
    rows = execute(
        "SELECT r.rolname FROM pg_roles r WHERE r.rolcanlogin AND NOT r.rolsuper "
        "AND pg_has_role(r.oid, %s, 'MEMBER') ORDER BY r.rolname",
        (APP_ROLE,),
    ).fetchall()
    for (role,) in rows:
        limit_sessions(role)


def end_sessions(role: str) -> int | None:
    """End every open session of `role` except this one, after the change that took a grant away is committed;
    how many were ended, or None when this account may not end them (they keep the old grant until they close).
    An administrator's sessions are left alone: no grant limits what it sees."""
    if _is_administrator(role):
        return 0
    try:
        with db.atomic():
            rows = execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s AND pid <> pg_backend_pid()",
                (role,),
            ).fetchall()
    except Exception as exc:
        if is_privilege_error(exc):
            return None
        raise
    return sum(1 for (ended,) in rows if ended)


def _is_administrator(role: str) -> bool:
    """A superuser or the owner of ChiBo's tables (or a role that does not exist: nothing to limit or end)."""
    found = execute(
        "SELECT r.rolsuper OR EXISTS (SELECT 1 FROM pg_tables t WHERE t.schemaname = 'public' "
        "AND t.tablename = 'member' AND t.tableowner = r.rolname) FROM pg_roles r "
        "WHERE r.rolname = %s",
        (role,),
    ).fetchone()
    return found is None or found[0]
