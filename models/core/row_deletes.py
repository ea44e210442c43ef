"""Deleting rows: one call for a data file and for a committee office's server.

A data file, or a server database used by its owner, deletes directly. An account of a set-up office server has no
DELETE privilege on any table (with it, PostgreSQL would also let the account LOCK TABLE in a mode that freezes
every branch): it deletes through the server's `chibo_delete_<table>(ids)` functions, which delete only rows of
branches the account may write (models.office.row_delete_functions).
"""

from __future__ import annotations

import peewee as pw

from models.core.tables import BaseModel, db

DELETE_FUNCTION_PREFIX = "chibo_delete_"


def delete_rows(model: type[BaseModel], condition: pw.Expression) -> int:
    """Delete the rows of `model` matching `condition` in the current transaction; returns how many."""
    if isinstance(db.obj, pw.SqliteDatabase) or _may_delete(model):
        return model.delete().where(condition).execute()
    ids = [row.id for row in model.select(model.id).where(condition)]  # only rows the account can see
    if not ids:
        return 0
    function = DELETE_FUNCTION_PREFIX + model._meta.table_name  # from the code's own metadata, never user text
    return db.execute_sql(f"SELECT {function}(%s::bigint[])", (ids,)).fetchone()[0]


def _may_delete(model: type[BaseModel]) -> bool:
    """Whether the signed-in server account holds DELETE on the table itself (the owner, a superuser, a server
    never set up for an office)."""
    query = "SELECT has_table_privilege(%s, 'DELETE')"
    return db.execute_sql(query, (model._meta.table_name,)).fetchone()[0]
