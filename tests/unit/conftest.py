"""Fixtures for tests of the database layer: a fresh data file per test."""

from __future__ import annotations

import pytest

from models.core.database import close_database, open_database


@pytest.fixture
def data_file(tmp_path):
    path = tmp_path / "chibo.sqlite3"
    open_database(path)
    yield path
    close_database()
