"""The server's delete functions: how an account of a set-up office server deletes rows.

No account has DELETE on any table: PostgreSQL lets a role with table-wide UPDATE, DELETE or TRUNCATE take LOCK
TABLE in a mode that holds every other branch up, and any session can lift its own lock and idle timeouts. Where
ChiBo deletes rows (`ROWS_DELETED`) it calls `chibo_delete_<table>(ids bigint[])` instead
(models.core.row_deletes): SECURITY DEFINER, owned by the administrator who set the server up, `search_path`
pinned, EXECUTE granted to `chibo_app` only. It runs as its owner, so the row-level security policies do not bind
it: it checks the same rules itself, against the account that called (`session_user`). A row of a branch the
account may read but not write (a read-only grant) refuses the whole call (insufficient_privilege, nothing
deleted); a row of a branch it cannot even read is treated as absent, as the policies treat it in a plain DELETE,
so the function tells nothing about other branches' ids. Only rows of branches it may write (the office, or a
writable grant) are deleted. The count guards' triggers still fire on what it deletes, and the change log records
the calling account.
"""

from __future__ import annotations

from psycopg import sql

from models.core.row_deletes import DELETE_FUNCTION_PREFIX
from models.office.policies import APP_ROLE, TablePolicy, caller_readable, caller_writable
from models.office.server_sql import execute

# ChiBo deletes rows of these only (the last two hold derived status spans, replaced when a member changes)
ROWS_DELETED = ("rating", "summoned", "working_body_seat", "round_candidate", "member_standing", "standing_stamp")

_REFUSED = (
    "Không có quyền xóa dòng ' || refused || ' của bảng {table}: dòng đó thuộc chi bộ mà tài khoản này không được ghi."
)


def install_delete_functions(policies: list[TablePolicy]) -> None:
    """Drop every earlier delete function and create one for each table of `ROWS_DELETED` (inside the set-up's
    transaction, after the policies: the functions call the branch lookups)."""
    old = execute(
        "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = 'public' AND p.proname LIKE %s",
        (DELETE_FUNCTION_PREFIX.replace("_", r"\_") + "%",),
    ).fetchall()
    for (signature,) in old:
        execute(sql.SQL("DROP FUNCTION " + signature))
    by_table = {policy.table: policy for policy in policies}
    for table in ROWS_DELETED:
        name = DELETE_FUNCTION_PREFIX + table
        execute(function_sql(by_table[table]))
        execute(sql.SQL("REVOKE ALL ON FUNCTION {}(bigint[]) FROM PUBLIC").format(sql.Identifier(name)))
        execute(
            sql.SQL("GRANT EXECUTE ON FUNCTION {}(bigint[]) TO {}").format(
                sql.Identifier(name), sql.Identifier(APP_ROLE)
            )
        )


def function_sql(policy: TablePolicy) -> str:
    """The CREATE FUNCTION deleting `policy.table`'s rows with the given ids that the caller may write; refusing
    all when one of them is only readable to it."""
    table = '"' + policy.table + '"'  # names from the code's own metadata (ROWS_DELETED), never user text
    allowed = f"coalesce({caller_writable(policy.branch)}, false)"
    seen = f"coalesce({caller_readable(policy.branch)}, false)"
    refused = _REFUSED.format(table=policy.table)
    body = f"""
DECLARE
    refused bigint;
    gone integer;
BEGIN
    SELECT {table}.id INTO refused FROM {table} WHERE {table}.id = ANY(ids) AND {seen} AND NOT {allowed}
        LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = '{refused}';
    END IF;
    DELETE FROM {table} WHERE {table}.id = ANY(ids) AND {allowed};
    GET DIAGNOSTICS gone = ROW_COUNT;
    RETURN gone;
END"""
    return (
        f'CREATE OR REPLACE FUNCTION "{DELETE_FUNCTION_PREFIX}{policy.table}"(ids bigint[]) RETURNS integer '
        f"LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $body${body}$body$"
    )
