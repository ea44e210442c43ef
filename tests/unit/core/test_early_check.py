"""The integrity check run ahead of opening a data file (models.core.early_check, start-up): its verdict stands
only for the file it checked, unchanged; a damaged file is still refused untouched, with no file left beside it."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from models.core import database, early_check
from models.core.branch import save_branch
from models.core.database import close_database, open_database, start_integrity_check
from models.core.errors import DatabaseFileError
from models.core.tables import db
from models.roster.members import all_members, save_member
from tests.support.people import all_people
from tests.support.roster_tab import BRANCH


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def data_file(tmp_path):
    path = tmp_path / "chi-bo.sqlite3"
    open_database(path)
    save_branch(BRANCH)
    for record in all_people():
        save_member(record)
    close_database()
    return path


def flip_middle_page(path) -> None:
    con = sqlite3.connect(path)
    size, count = con.execute("PRAGMA page_size").fetchone()[0], con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    start = (count // 2) * size
    data[start : start + size] = bytes(b ^ 0xFF for b in data[start : start + size])
    path.write_bytes(bytes(data))


@pytest.fixture
def pragmas(monkeypatch):
    """The integrity PRAGMAs the opening's own probe runs (the check ahead runs on its own connection)."""
    seen = []
    real = database._check_contents

    class Probe:
        def __init__(self, probe):
            self._probe = probe

        def execute(self, sql, *args):
            if "_check" in sql:
                seen.append(sql)
            return self._probe.execute(sql, *args)

    monkeypatch.setattr(database, "_check_contents", lambda probe, *a: real(Probe(probe), *a))
    return seen


def test_a_sound_file_checked_ahead_opens_on_that_verdict(data_file, pragmas):
    close_database()  # nothing open, as at start-up
    start_integrity_check(data_file)
    open_database(data_file)
    assert pragmas == []  # the opening took the verdict of the check run ahead
    assert len(all_members()) == len(all_people())
    close_database()
    assert sorted(p.name for p in data_file.parent.iterdir()) == [data_file.name]


def test_a_damaged_file_checked_ahead_is_refused_untouched_with_nothing_left_beside_it(data_file, pragmas):
    close_database()
    flip_middle_page(data_file)
    before = digest(data_file)
    start_integrity_check(data_file)
    with pytest.raises(DatabaseFileError, match="bị hỏng"):
        open_database(data_file)  # SQLite stopped the check ahead on the damaged page; the opening's own refuses
    assert digest(data_file) == before
    assert sorted(p.name for p in data_file.parent.iterdir()) == [data_file.name]  # its -wal and -shm removed
    assert db.obj.is_closed()


def test_a_file_damaged_after_its_check_began_is_checked_again_and_refused(data_file, pragmas):
    """The verdict was for the sound file; the file on disk is another one by the time it opens."""
    close_database()
    start_integrity_check(data_file)
    early_check._ahead[data_file].thread.join()
    assert early_check._ahead[data_file].problems == ["ok"]
    flip_middle_page(data_file)
    before = digest(data_file)
    with pytest.raises(DatabaseFileError, match="bị hỏng"):
        open_database(data_file)
    assert pragmas == ["PRAGMA integrity_check(5)"]  # checked again by the opening itself
    assert digest(data_file) == before
    assert sorted(p.name for p in data_file.parent.iterdir()) == [data_file.name]


def test_a_write_to_its_log_after_the_check_began_voids_the_verdict(data_file, pragmas):
    close_database()
    con = sqlite3.connect(data_file)  # another program holds the file open, its log on disk
    con.execute("PRAGMA wal_autocheckpoint = 0")
    start_integrity_check(data_file)
    early_check._ahead[data_file].thread.join()
    con.execute("UPDATE member SET job_title = 'Kỹ sư' WHERE id = (SELECT min(id) FROM member)")
    con.commit()
    open_database(data_file)
    con.close()
    assert pragmas == ["PRAGMA integrity_check(5)"]
    close_database()


def test_no_check_ahead_for_an_encrypted_an_empty_or_an_open_file(tmp_path, data_file):
    empty = tmp_path / "trống.sqlite3"
    empty.touch()
    start_integrity_check(empty)
    start_integrity_check(tmp_path / "không có.sqlite3")
    start_integrity_check("postgresql://chibo@127.0.0.1/chibo")
    open_database(data_file)
    start_integrity_check(data_file)  # already open: nothing to be ahead of
    close_database()
    assert early_check._ahead == {}
