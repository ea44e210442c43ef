"""Running SQL on the open server database: identifiers and literals composed with psycopg.sql, never by hand."""

from __future__ import annotations

from psycopg import sql

from models.core.tables import db


def execute(query: str | sql.Composable, params: tuple = ()):
    """Execute on the open database's connection (inside its current transaction) and return the cursor."""
    if isinstance(query, sql.Composable):
        query = query.as_string(db.connection())
    return db.execute_sql(query, params or None)


def role_exists(name: str) -> bool:
    return execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone() is not None
