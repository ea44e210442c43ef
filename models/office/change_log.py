"""Who changed what and when, recorded by the server: every insert, update and delete of a row holding branch data
adds a line to `chibo_change_log`, written by a trigger the accounts cannot bypass, forge or erase.

The trigger runs as its owner (SECURITY DEFINER) so the accounts need no right on the log itself; inside it
`current_user` is that owner, so the account is taken from `session_user`, the role that signed in (the same as
`current_user` for ChiBo, which never switches role). An account reads the lines of the branches it can read;
lines of tables without a branch column (a congress's lists, a count's entries) are the office's.

`changed_at` is the server's clock in UTC, whatever time zone the session has set (SET TIME ZONE moves a
LOCALTIMESTAMP, never `now() AT TIME ZONE 'UTC'`); lines written before ChiBo's set-up level 2 are in the time zone
of the session that wrote them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from psycopg import sql

from models.office.policies import APP_ROLE, POLICY_PREFIX, TablePolicy, readable
from models.office.server_sql import execute

LOG_TABLE = "chibo_change_log"
_TRIGGER = "chibo_change_log_row"
_FUNCTION = "chibo_log_change"
_UTC_NOW = "date_trunc('second', now() AT TIME ZONE 'UTC')"

_DDL = (
    f"""CREATE TABLE IF NOT EXISTS {LOG_TABLE} (
    id BIGSERIAL PRIMARY KEY,
    table_name TEXT NOT NULL,
    row_id BIGINT,
    branch_id BIGINT,
    action TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at TIMESTAMP NOT NULL DEFAULT {_UTC_NOW}
)""",
    f"ALTER TABLE {LOG_TABLE} ALTER COLUMN changed_at SET DEFAULT {_UTC_NOW}",
    f"CREATE INDEX IF NOT EXISTS {LOG_TABLE}_row ON {LOG_TABLE} (table_name, row_id)",
    f"""CREATE OR REPLACE FUNCTION {_FUNCTION}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $body$
DECLARE
    stored jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
BEGIN
    INSERT INTO {LOG_TABLE} (table_name, row_id, branch_id, action, changed_by, changed_at)
    VALUES (TG_TABLE_NAME, (stored ->> 'id')::bigint,
            (CASE WHEN TG_TABLE_NAME = 'branch' THEN stored ->> 'id' ELSE stored ->> 'branch_id' END)::bigint,
            lower(TG_OP), session_user, {_UTC_NOW});
    RETURN NULL;
END
$body$""",
    f"REVOKE ALL ON FUNCTION {_FUNCTION}() FROM PUBLIC",
)


@dataclass(frozen=True)
class Change:
    action: str  # insert | update | delete
    changed_by: str  # the account (PostgreSQL role) that signed in
    changed_at: datetime  # UTC


def install_change_log(policies: list[TablePolicy]) -> None:
    """The log table, its trigger on every table with policies, and who may read it (inside the set-up's
    transaction; run again, it replaces the triggers)."""
    for statement in _DDL:
        execute(statement)
    narrow = execute("SELECT atttypid = 'integer'::regtype FROM pg_attribute "
                     f"WHERE attrelid = '{LOG_TABLE}'::regclass AND attname = 'branch_id'").fetchone()[0]  # fmt: skip
    if narrow:  # a log created before set-up level 2
        execute(f"ALTER TABLE {LOG_TABLE} ALTER COLUMN branch_id TYPE bigint")
    for policy in policies:
        table = sql.Identifier(policy.table)
        execute(sql.SQL("DROP TRIGGER IF EXISTS {} ON {}").format(sql.Identifier(_TRIGGER), table))
        execute(sql.SQL("CREATE TRIGGER {} AFTER INSERT OR UPDATE OR DELETE ON {} FOR EACH ROW EXECUTE FUNCTION {}()")
                .format(sql.Identifier(_TRIGGER), table, sql.Identifier(_FUNCTION)))  # fmt: skip
    log = sql.Identifier(LOG_TABLE)
    execute(sql.SQL("REVOKE ALL ON {} FROM PUBLIC, {}").format(log, sql.Identifier(APP_ROLE)))
    execute(sql.SQL("GRANT SELECT ON {} TO {}").format(log, sql.Identifier(APP_ROLE)))
    execute(sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(log))
    execute(sql.SQL("CREATE POLICY {} ON {} FOR SELECT USING (" + readable("branch_id") + ")")
            .format(sql.Identifier(POLICY_PREFIX + "select"), log))  # fmt: skip


def changes_of(table: str, row_id: int) -> list[Change]:
    """Who changed one row and when, oldest first (on a set-up server; the lines the account may read)."""
    rows = execute(
        sql.SQL("SELECT action, changed_by, changed_at FROM {} WHERE table_name = %s AND row_id = %s ORDER BY id")
        .format(sql.Identifier(LOG_TABLE)), (table, row_id)).fetchall()  # fmt: skip
    return [Change(*row) for row in rows]
