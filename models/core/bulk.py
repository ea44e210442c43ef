"""Many rows into one table at once: COPY on PostgreSQL where the account may use it, long multi-row INSERTs
built as plain text everywhere else.

peewee's multi-row INSERT builds its SQL value by value, which costs more than the database's work of storing them
(an import of 5,000 members, half a million status spans). Run it inside the caller's transaction.

A COPY the server fails (cancelled by an administrator or a statement timeout, a refusal not foreseen) is undone
to its savepoint and the rows go by INSERT instead. A COPY interrupted in Python (Ctrl+C, a timeout) while the
server still works on it would leave the connection busy, refusing even the caller's rollback: the server's work
is cancelled and its answer taken first, so the rollback and whatever the caller does next can run.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import date

import peewee as pw

from models.core.tables import db

log = logging.getLogger(__name__)

_SQLITE_PARAMETERS = 30_000  # SQLite takes 32,766 at most


def insert_rows(model: type[pw.Model], names: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Insert `rows`, each the values of the fields `names` in that order, as Python values (dates, bytes...).

    `rows` may be a generator: a COPY sends each row as it comes, so the server stores them while the caller is
    still computing the next ones.
    """
    if isinstance(rows, Sequence) and not rows:
        return
    columns = ", ".join(getattr(model, name).column_name for name in names)
    table = model._meta.table_name
    if isinstance(db.obj, pw.PostgresqlDatabase) and _may_copy(table):
        sent: list[Sequence[object]] = []
        try:
            with db.atomic():  # a savepoint: a failed COPY leaves the caller's transaction as it was
                _copy(f"COPY {table} ({columns}) FROM STDIN", rows, sent)
            return
        except pw.DatabaseError as error:
            log.info("COPY into %s failed (%s); inserting the rows instead", table, type(error).__name__)
        rows = [*sent, *rows]  # those sent before the failure, then the rest
    rows = rows if isinstance(rows, Sequence) else list(rows)
    # Multi-row INSERTs through execute_sql (the data file's error translation sees them), within SQLite's limit
    # of parameters (PostgreSQL's is higher); dates and times as the ISO text peewee stores.
    per_statement = max(1, _SQLITE_PARAMETERS // len(names))
    one = f"({', '.join([db.param] * len(names))})"
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        params = [str(v) if isinstance(v, date) else v for row in chunk for v in row]
        db.execute_sql(f"INSERT INTO {table} ({columns}) VALUES {', '.join([one] * len(chunk))}", params)


def _copy(copying: str, rows: Iterable[Sequence[object]], sent: list[Sequence[object]]) -> None:
    """COPY `rows`, each kept in `sent` as it goes (for an INSERT after a failure)."""
    connection = db.obj.connection()
    try:
        # the driver's errors as peewee's, as every other statement's
        wrapper = pw.__exception_wrapper__  # type: ignore[attr-defined]  # peewee's stubs leave it out
        with wrapper, connection.cursor() as cursor, cursor.copy(copying) as copy:
            for row in rows:
                sent.append(row)
                copy.write_row(row)
    except BaseException:
        _settle(connection)
        raise


def _settle(connection) -> None:
    """After an interruption while the server still works on the COPY: cancel that work and take its answer, so
    the connection is idle in the failed transaction (psycopg itself does this for Ctrl+C only)."""
    from psycopg import pq

    pgconn = connection.pgconn
    if pgconn.transaction_status != pq.TransactionStatus.ACTIVE:
        return
    try:
        connection.cancel_safe(timeout=10.0)
        while (result := pgconn.get_result()) is not None:
            if result.status == pq.ExecStatus.COPY_IN:  # the end of the data was not sent yet
                pgconn.put_copy_end(b"interrupted")
                while pgconn.flush():
                    pass
    except Exception as error:  # the interruption that brought us here is the one to report
        log.info("the interrupted COPY could not be settled (%s)", type(error).__name__)


def _may_copy(table: str) -> bool:
    """PostgreSQL refuses COPY FROM into a table whose row-level security binds the account (every branch account
    of a committee office's server): only its owner, a superuser or a role bypassing row-level security may."""
    query = (
        "SELECT NOT c.relrowsecurity OR r.rolsuper OR r.rolbypassrls OR pg_has_role(current_user, c.relowner, 'USAGE') "
        "FROM pg_class c, pg_roles r WHERE c.oid = %s::regclass AND r.rolname = current_user"
    )
    return bool(db.execute_sql(query, (table,)).fetchone()[0])


def with_defaults(model: type[pw.Model], values: Sequence[dict]) -> tuple[list[str], list[tuple]]:
    """(field names, rows) for insert_rows: every field but the id, from each dict or else the field's default (a
    callable default called once for all the rows, as the current branch or user)."""
    fields = [f for f in model._meta.sorted_fields if not isinstance(f, pw.AutoField)]
    defaults = {f.name: f.default() if callable(f.default) else f.default for f in fields}
    names = [f.name for f in fields]
    fallbacks = [defaults[name] for name in names]
    return names, [tuple(map(row.get, names, fallbacks)) for row in values]
