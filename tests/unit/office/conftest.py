"""Data files for the branch moves: a rich branch, a small one, and an emptied server database."""

from __future__ import annotations

import shutil

import psycopg
import pytest

from models.core.branch import save_branch
from models.core.database import close_database, open_database
from models.roster.members import save_member
from tests.support.office_server import OfficeServer, set_up_office
from tests.support.people import all_people
from tests.support.pg_server import empty_database
from tests.support.rich_branch import OTHER, fill_rich_branch


@pytest.fixture(scope="session")
def rich_master(tmp_path_factory):
    """One rich branch file built once (about 2 s); tests copy it."""
    from datetime import date

    from models.core import clock

    path = tmp_path_factory.mktemp("rich") / "rich.sqlite3"
    with clock.pinned(date(2026, 12, 1)):
        open_database(path)
        try:
            fill_rich_branch()
        finally:
            close_database()
    return path


@pytest.fixture
def rich_file(rich_master, tmp_path):
    path = tmp_path / "chi-bo-van-phong.sqlite3"
    shutil.copy(rich_master, path)
    return path


@pytest.fixture
def other_file(tmp_path):
    """A second, small branch: twelve members."""
    path = tmp_path / "chi-bo-ke-hoach.sqlite3"
    open_database(path)
    try:
        save_branch(OTHER)
        for record in all_people():
            save_member(record)
    finally:
        close_database()
    return path


@pytest.fixture
def server(pg_url):
    """The test server's database, emptied."""
    empty_database(pg_url)
    yield pg_url
    close_database()


@pytest.fixture(scope="module")
def office(pg_url) -> OfficeServer:
    """The committee office's server with its accounts and two branches, set up once per module."""
    return set_up_office(pg_url)


@pytest.fixture(scope="module")
def admin(office):
    """A raw psycopg connection as the server's administrator (a module may define its own `admin`)."""
    with psycopg.connect(office.admin_url, autocommit=True) as connection:
        yield connection
