"""Fixtures for tests of the database layer: a fresh database per test, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import pytest

from models.core.database import close_database, open_database
from tests.support.pg_server import empty_database


@pytest.fixture(params=["sqlite", "postgresql"])
def data_file(request, tmp_path):
    """The open database: a new SQLite file (its path), or an emptied PostgreSQL database (its URL)."""
    if request.param == "sqlite":
        target = tmp_path / "chibo.sqlite3"
    else:
        target = request.getfixturevalue("pg_url")
        empty_database(target)
    open_database(target)
    yield target
    close_database()
