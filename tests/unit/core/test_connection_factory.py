"""Every SQLite connection (probe, lock check, the open file, a backup) comes from one factory."""

from __future__ import annotations

from models.core import database, sqlite_storage


def test_probe_open_and_backup_all_connect_through_the_factory(tmp_path, monkeypatch):
    path = tmp_path / "chibo.sqlite3"
    database.open_database(path)
    database.close_database()
    made = []
    real = sqlite_storage.connect_sqlite

    def spy(target, uri=None, timeout=3.0, like=None, create=False):
        made.append((target.name, uri is not None))
        return real(target, uri, timeout=timeout, like=like, create=create)

    monkeypatch.setattr(database, "connect_sqlite", spy)
    monkeypatch.setattr(sqlite_storage, "connect_sqlite", spy)
    database.open_database(path)
    try:
        database.open_database(path).connection()  # peewee's own connection
        database.backup_open_database(tmp_path / "copy.sqlite3")
    finally:
        database.close_database()
    assert ("chibo.sqlite3", True) in made  # the read-only probe
    assert made.count(("chibo.sqlite3", False)) >= 2  # the lock check and the open file
    assert ("copy.sqlite3.part", False) in made


def test_connections_to_an_existing_file_never_create_one(tmp_path):
    """A file that vanished is an error, not a new empty database made at its path (a backup verified after it was
    deleted passed once, and an empty file replaced the data file)."""
    import pytest

    from models.core.auto_backup import verify

    gone = tmp_path / "gone.sqlite3"
    with pytest.raises(sqlite_storage.SQLITE_ERRORS):
        sqlite_storage.connect_sqlite(gone)
    assert not verify(gone)
    assert not gone.exists()


def test_a_windows_network_path_keeps_its_server_in_the_path():
    from pathlib import PureWindowsPath

    uri = PureWindowsPath(r"\\may-chu\chi bo\chibo.sqlite3").as_uri()
    assert sqlite_storage.without_authority(uri) == "file:////may-chu/chi%20bo/chibo.sqlite3"
    assert sqlite_storage.without_authority("file:///home/a.sqlite3") == "file:///home/a.sqlite3"
