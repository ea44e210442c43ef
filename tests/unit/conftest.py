"""Fixtures for tests of the database layer: a fresh database per test, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import shutil

import pytest

from models.core.database import close_database, open_database
from tests.support.people import set_up_branch
from tests.support.pg_server import empty_database


@pytest.fixture(params=["sqlite", "postgresql"])
def bare_database(request, tmp_path):
    """The open database before the first-run set-up: a copy of the new SQLite data file (its path), or an emptied
    PostgreSQL database (its URL)."""
    if request.param == "sqlite":
        target = tmp_path / "chibo.sqlite3"
        shutil.copy2(request.getfixturevalue("template_data_file"), target)
    else:
        target = request.getfixturevalue("pg_url")
        empty_database(target)
    open_database(target)
    yield target
    close_database()


@pytest.fixture
def data_file(bare_database):
    """The open database with its branch set up, as after the first run."""
    set_up_branch()
    return bare_database
