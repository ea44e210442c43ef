"""Opening a ChiBo data file: checks that leave foreign files untouched, pragmas, schema version, migrations.

Everything SQLite-specific lives here; the rest of models/ speaks peewee only, so the same code can run
against a PostgreSQL server later (pass a peewee database URL instead of a path).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import peewee as pw

from models.core.errors import Cancelled, DatabaseFileError
from models.core.tables import Meta, db

log = logging.getLogger(__name__)

APP_ID = "chibo"
SCHEMA_VERSION = 2
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 2,  # FULL: a ballot is on disk when the counter presses Enter
    "busy_timeout": 3000,
}
_SQLITE_MAGIC = b"SQLite format 3\x00"

# MIGRATIONS[n] brings a file from schema version n to n + 1; each runs inside one transaction.


def _add_event_void_columns(database: pw.Database) -> None:
    """1 -> 2: a mistaken member event can be voided ("Hủy mục này"), keeping the row with the day and reason."""
    from playhouse.migrate import SchemaMigrator, migrate

    migrator = SchemaMigrator.from_database(database)
    migrate(
        migrator.add_column("member_event", "voided_at", pw.DateField(null=True)),
        migrator.add_column("member_event", "void_reason", pw.TextField(default="")),
    )


MIGRATIONS: dict[int, Callable[[pw.Database], None]] = {1: _add_event_void_columns}


def default_database_path() -> Path:
    """The branch's data file in the user's data folder."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("ChiBo", appauthor=False)) / "chibo.sqlite3"


def open_database(target: str | Path) -> pw.Database:
    """Open (creating when new) the data file or database URL, migrate it, and bind the tables to it."""
    text = str(target)
    if "://" in text:
        from playhouse.db_url import connect

        database = connect(text)
        backup_path = None
    else:
        path = Path(text).expanduser()
        _check_sqlite_file(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        database = pw.SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, timeout=3)
        backup_path = path
    close_database()
    db.initialize(database)
    try:
        database.connect()
        _prepare_schema(database, backup_path)
    except BaseException:
        if not database.is_closed():
            database.close()
        db.initialize(None)
        raise
    return database


def close_database() -> None:
    """Close the open data file, if any, after folding the write-ahead log into it."""
    current = db.obj
    if current is None or current.is_closed():
        return
    if isinstance(current, pw.SqliteDatabase):
        try:
            current.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except pw.OperationalError:
            log.warning("WAL checkpoint failed on close", exc_info=True)
    current.close()


def schema_version(database: pw.Database) -> int:
    row = Meta.get_or_none(Meta.key == "schema_version")
    return int(row.value) if row else 0


def backup_sqlite(
    database: pw.SqliteDatabase, destination: Path, progress: Callable[[int, int], bool] | None = None
) -> Path:
    """Consistent copy of an open SQLite database (the online backup API), written atomically.

    `progress(done_pages, total_pages)` returning False cancels: Cancelled is raised and no file is left.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".part")
    target = sqlite3.connect(str(partial))

    def _step(_status: int, remaining: int, total: int) -> None:
        if progress is not None and not progress(total - remaining, total):
            raise Cancelled()

    try:
        database.connection().backup(target, pages=256, progress=_step)
    except BaseException:
        target.close()
        partial.unlink(missing_ok=True)
        raise
    target.close()
    partial.replace(destination)
    return destination


def backup_open_database(destination: Path, progress: Callable[[int, int], bool] | None = None) -> Path:
    """Back up the open data file to `destination` (SQLite files only)."""
    current = db.obj
    if not isinstance(current, pw.SqliteDatabase):
        raise DatabaseFileError("Chỉ sao lưu được tệp dữ liệu trên máy (SQLite).")
    if destination.exists() and destination.resolve() == Path(current.database).resolve():
        raise DatabaseFileError("Không thể sao lưu đè lên chính tệp dữ liệu đang mở; hãy chọn tên tệp khác.")
    return backup_sqlite(current, destination, progress)


def _check_sqlite_file(path: Path) -> None:
    """Refuse, without writing anything, a file that is not a ChiBo database we can open."""
    if path.is_dir():
        raise DatabaseFileError(f"«{path}» là một thư mục, không phải tệp dữ liệu ChiBo.")
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseFileError(f"Không đọc được tệp «{path}»: {exc.strerror or exc}.") from exc
    if magic != _SQLITE_MAGIC:
        raise DatabaseFileError(f"Tệp «{path.name}» không phải là tệp dữ liệu ChiBo. Tệp được giữ nguyên.")
    try:
        probe = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5)
    except sqlite3.Error as exc:
        raise DatabaseFileError(f"Không mở được tệp «{path.name}»: {exc}.") from exc
    try:
        tables = {r[0] for r in probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "chibo_meta" not in tables:
            raise DatabaseFileError(
                f"Tệp «{path.name}» là cơ sở dữ liệu của chương trình khác, không phải của ChiBo. Tệp được giữ nguyên."
            )
        if tables:
            meta = dict(probe.execute("SELECT key, value FROM chibo_meta"))
            if meta.get("app") != APP_ID:
                raise DatabaseFileError(f"Tệp «{path.name}» không phải là tệp dữ liệu ChiBo. Tệp được giữ nguyên.")
            version = int(meta.get("schema_version", "0"))
            if version > SCHEMA_VERSION:
                raise DatabaseFileError(
                    f"Tệp «{path.name}» được tạo bởi phiên bản ChiBo mới hơn (cấu trúc dữ liệu {version}, "
                    f"phiên bản này chỉ đọc được đến {SCHEMA_VERSION}). Hãy cài phiên bản ChiBo mới hơn; "
                    "tệp được giữ nguyên."
                )
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc):
            raise _locked(path) from exc
        raise DatabaseFileError(f"Tệp «{path.name}» bị hỏng hoặc không phải tệp dữ liệu ChiBo: {exc}.") from exc
    finally:
        probe.close()
    _check_not_locked(path)


def _check_not_locked(path: Path) -> None:
    probe = sqlite3.connect(str(path), timeout=0.5, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        raise _locked(path) from exc
    finally:
        probe.close()


def _locked(path: Path) -> DatabaseFileError:
    return DatabaseFileError(
        f"Tệp «{path.name}» đang bị một chương trình khác (có thể là một cửa sổ ChiBo khác) khóa. "
        "Hãy đóng chương trình đó rồi mở lại."
    )


def _prepare_schema(database: pw.Database, backup_path: Path | None) -> None:
    if not database.table_exists(Meta._meta.table_name):
        with database.atomic():
            from models.schema import ALL_TABLES  # the one place that knows every capability's tables

            database.create_tables(ALL_TABLES)
            Meta.replace(key="app", value=APP_ID).execute()
            Meta.replace(key="schema_version", value=str(SCHEMA_VERSION)).execute()
            Meta.replace(key="created_at", value=datetime.now().isoformat(timespec="seconds")).execute()
        return
    version = schema_version(database)
    if version > SCHEMA_VERSION:  # URL databases skip the file probe
        raise DatabaseFileError(f"Cơ sở dữ liệu được tạo bởi phiên bản ChiBo mới hơn (cấu trúc {version}).")
    if version == SCHEMA_VERSION:
        return
    if backup_path is not None and isinstance(database, pw.SqliteDatabase):
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        copy = backup_path.with_name(f"{backup_path.stem}.truoc-nang-cap-v{version}-{stamp}{backup_path.suffix}")
        backup_sqlite(database, copy)
        log.info("Backed up %s to %s before migrating from schema %d", backup_path, copy, version)
    for step in range(version, SCHEMA_VERSION):
        with database.atomic():
            MIGRATIONS[step](database)
            Meta.replace(key="schema_version", value=str(step + 1)).execute()
