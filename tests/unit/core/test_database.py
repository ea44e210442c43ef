"""Opening data files: new, reopened, foreign, newer, locked, migrated with a backup first."""

from __future__ import annotations

import sqlite3

import peewee as pw
import pytest

from models.core import database
from models.core.database import close_database, open_database, schema_version
from models.core.errors import DatabaseFileError
from models.core.tables import Meta, db


def test_new_file_gets_schema_and_pragmas(tmp_path):
    path = tmp_path / "sub" / "new.sqlite3"
    handle = open_database(path)
    try:
        assert path.exists()
        assert schema_version(handle) == database.SCHEMA_VERSION
        assert handle.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert handle.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert handle.execute_sql("PRAGMA synchronous").fetchone()[0] == 2
        assert Meta.get(Meta.key == "app").value == "chibo"
    finally:
        close_database()


def test_text_file_is_refused_and_untouched(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("không phải cơ sở dữ liệu")
    before = path.read_bytes()
    bound = db.obj
    with pytest.raises(DatabaseFileError, match="không phải là tệp dữ liệu ChiBo"):
        open_database(path)
    assert path.read_bytes() == before
    assert db.obj is bound  # whatever was open stays open


def test_foreign_sqlite_file_is_refused_and_untouched(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseFileError, match="chương trình khác"):
        open_database(path)
    assert path.read_bytes() == before
    assert not (tmp_path / "other.db-wal").exists()


def test_newer_file_is_refused(tmp_path):
    path = tmp_path / "newer.sqlite3"
    open_database(path)
    Meta.replace(key="schema_version", value=str(database.SCHEMA_VERSION + 5)).execute()
    close_database()
    before = path.read_bytes()
    with pytest.raises(DatabaseFileError, match="phiên bản ChiBo mới hơn"):
        open_database(path)
    assert path.read_bytes() == before


def test_locked_file_is_refused(tmp_path):
    path = tmp_path / "locked.sqlite3"
    open_database(path)
    close_database()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseFileError, match="khóa"):
            open_database(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_migration_backs_up_first_and_bumps_version(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite3"
    open_database(path)
    close_database()

    def add_column(handle: pw.Database) -> None:
        handle.execute_sql("ALTER TABLE branch ADD COLUMN motto TEXT DEFAULT ''")

    current = database.SCHEMA_VERSION
    monkeypatch.setattr(database, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(database._migrations, current, add_column)
    handle = open_database(path)
    try:
        assert schema_version(handle) == current + 1
        assert "motto" in [c.name for c in handle.get_columns("branch")]
    finally:
        close_database()
    backups = list(tmp_path.glob(f"old.truoc-nang-cap-v{current}-*.sqlite3"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert dict(con.execute("SELECT key, value FROM chibo_meta"))["schema_version"] == str(current)
    con.close()


def test_failed_migration_leaves_version_unchanged(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite3"
    open_database(path)
    close_database()

    def broken(handle: pw.Database) -> None:
        handle.execute_sql("ALTER TABLE branch ADD COLUMN motto TEXT")
        raise RuntimeError("boom")

    current = database.SCHEMA_VERSION
    monkeypatch.setattr(database, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(database._migrations, current, broken)
    with pytest.raises(RuntimeError):
        open_database(path)
    monkeypatch.setattr(database, "SCHEMA_VERSION", current)
    handle = open_database(path)
    try:
        assert schema_version(handle) == current
        assert "motto" not in [c.name for c in handle.get_columns("branch")]
    finally:
        close_database()


def test_backup_copies_the_open_file_and_can_be_cancelled(tmp_path):
    from models.core.database import backup_open_database
    from models.core.errors import Cancelled
    from models.roster.members import save_member
    from tests.support.people import all_people, set_up_branch

    open_database(tmp_path / "live.sqlite3")
    try:
        set_up_branch()
        for record in all_people():
            save_member(record)
        seen = []
        copy = backup_open_database(tmp_path / "copy.sqlite3", lambda done, total: seen.append((done, total)) or True)
        assert seen and seen[-1][0] == seen[-1][1]
        with pytest.raises(Cancelled):
            backup_open_database(tmp_path / "cancelled.sqlite3", lambda done, total: False)
        assert not (tmp_path / "cancelled.sqlite3").exists()
        assert not (tmp_path / "cancelled.sqlite3.part").exists()
        with pytest.raises(DatabaseFileError):
            backup_open_database(tmp_path / "live.sqlite3")
    finally:
        close_database()
    con = sqlite3.connect(copy)
    assert con.execute("SELECT count(*) FROM member").fetchone()[0] == len(all_people())
    con.close()
