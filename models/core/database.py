"""Opening a ChiBo data file: checks that leave foreign, empty or damaged files untouched, read-only files, pragmas,
schema version, migrations, backup.

Everything SQLite-specific lives here and in models.core.sqlite_storage; the rest of models/ speaks peewee only,
so the same code can run against a PostgreSQL server later (pass a peewee database URL instead of a path).
"""

from __future__ import annotations

import glob
import logging
import os
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import peewee as pw
from platformdirs import user_data_dir

from models.core import clock, early_check, passphrases
from models.core.auto_backup import backup_folder, take_backup, verify
from models.core.branch import use_branch
from models.core.errors import (
    Cancelled,
    DamagedFileError,
    DatabaseFileError,
    PassphraseNeededError,
    ServerConnectionError,
    StorageError,
    os_error_text,
)
from models.core.file_lock import FileLock
from models.core.file_privacy import make_private
from models.core.server_errors import open_message
from models.core.sqlite_storage import (
    BUSY,
    CORRUPT,
    SQLITE_ERRORS,
    DataFileDatabase,
    cause_of,
    connect_sqlite,
    existing_uri,
    result_code,
)
from models.core.tables import Meta, db
from models.core.user_paths import check_regular_file

log = logging.getLogger(__name__)

APP_ID = "chibo"
SCHEMA_VERSION = 15  # = max(models.migrations.MIGRATIONS) + 1 (a test keeps them in step)
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 2,  # FULL: a ballot is on disk when the counter presses Enter
    "busy_timeout": 3000,
}
READ_ONLY_PRAGMAS = {"foreign_keys": 1, "busy_timeout": 3000, "query_only": 1}
FULL_CHECK_MAX_BYTES = 16 * 1024 * 1024  # integrity_check reads every page and index; above this quick_check only
_SIDE_FILES = ("-wal", "-shm", "-journal")  # what SQLite keeps beside a data file

_held_lock: FileLock | None = None  # the lock of the data file open in this process

Migration = Callable[[pw.Database], None]
# Every capability's tables (in creation order) and the step from each schema version to the next: handed over by
# the composition root (models.schema.install_schema) so that this module, below every capability, imports none.
# Both load only when wanted: a new file's tables when one is created, the migrations when a file is migrated.
_tables_loader: list[Callable[[], Sequence[type[pw.Model]]]] = []
_migrations: dict[int, Migration] = {}
_migrations_loader: list[Callable[[], Mapping[int, Migration]]] = []


def use_schema(
    tables: Callable[[], Sequence[type[pw.Model]]], migrations: Callable[[], Mapping[int, Migration]]
) -> None:
    """How to load the tables a new data file gets, and the migrations an older one goes through (models.schema):
    neither is loaded to open an up-to-date file (every capability's table modules; the migrator pulls in the
    PostgreSQL driver)."""
    _tables_loader[:] = [tables]
    _migrations.clear()
    _migrations_loader[:] = [migrations]


def _migration(step: int) -> Migration:
    """The step from schema version `step` to the next (a step set already, as by a test, is kept)."""
    if step not in _migrations and _migrations_loader:
        _migrations.update({k: v for k, v in _migrations_loader[0]().items() if k not in _migrations})
    return _migrations[step]


def _check_schema_installed() -> None:
    if not _tables_loader:  # a defect of an entry point, never of the user's data
        raise RuntimeError("models.schema.install_schema() must run before a data file is opened")


def _schema_tables() -> list[type[pw.Model]]:
    _check_schema_installed()
    return list(_tables_loader[0]())


def is_server_url(target: str | Path) -> bool:
    """A database URL (postgresql://USER@HOST/DB) rather than a data file's path."""
    return "://" in str(target)


def display_name(target: str | Path) -> str:
    """The data file's path, or the server URL with any password hidden, for titles and messages."""
    text = str(target)
    if not is_server_url(text):
        return text

    parts = urlsplit(text)
    if parts.password is None:
        return text
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def default_database_path() -> Path:
    """The branch's data file in the user's data folder."""

    return Path(user_data_dir("ChiBo", appauthor=False)) / "chibo.sqlite3"


def open_database(
    target: str | Path, passphrase: str | None = None, create: bool = True, lock: FileLock | None = None
) -> pw.Database:
    """Open the data file or database URL, migrate it, and bind the tables to it; a data file that does not exist
    is created only when `create` (written under a temporary name and renamed into place: see `_create_file`).

    A file that cannot be written (read-only file, folder or disk) opens read-only: see `is_read_only`.
    Every refusal is a DatabaseFileError; a file that did not exist before is never left behind. An encrypted file
    opens with `passphrase` (or the one this session already knows for it, or the key the OS credential store
    keeps for it): PassphraseNeededError without one, WrongPassphraseError when it does not open the file. A new
    file given a passphrase (or a recovery key: models.core.file_keys) is created encrypted. `lock`: the file's
    lock, taken by the caller for a step before opening (a restore), kept from now on.
    """
    global _held_lock
    _check_schema_installed()  # by the entry point
    text = str(target)
    new_path = None
    if is_server_url(text):
        from playhouse.db_url import connect

        database = connect(text, unquote_password=True, unquote_user=True)  # quoted by server_connection
        backup_path = None
    else:
        path = Path(text).expanduser()
        known_before = passphrases.passphrase_for(path)
        if passphrase:
            passphrases.remember(path, passphrase)
        try:
            if lock is None and (_held_lock is None or _held_lock.data_path != path.resolve()):
                lock = FileLock(path).acquire()  # one ChiBo at a time on a file, before anything else touches it
            new_path = None if path.exists() or path.is_symlink() else path
            if new_path is not None:
                if not create:
                    raise DatabaseFileError(f"Không có tệp dữ liệu «{path}»: tệp đã bị xóa hoặc di chuyển.")
                _check_new_file(path)
                _create_file(path)
            held = lock or _held_lock
            assert held is not None  # acquired just above unless this process already holds the file's lock
            held.follow_file()  # the file itself, whatever other name (a hard link) reaches it
            read_only = _check_sqlite_file(path)
            if not read_only and held.identity is not None:
                clear_leftovers(path)
        except BaseException:
            _restore_passphrase(path, known_before)
            if lock is not None:
                lock.release()
            if new_path is not None and create:
                _remove_new_file(new_path)  # made just now, then refused: never left behind
            raise
        if read_only:
            database = DataFileDatabase(path, READ_ONLY_PRAGMAS, _read_only_uri(path))
        else:
            database = DataFileDatabase(path, SQLITE_PRAGMAS)
        backup_path = path
    try:
        close_database(keep_lock=lock is None and backup_path is not None)
        db.initialize(database)
        database.connect()
        _prepare_schema(database, backup_path)
    except BaseException as exc:
        if not database.is_closed():
            database.close()
        db.initialize(None)
        if backup_path is not None:
            _restore_passphrase(backup_path, known_before)
        if lock is not None:
            lock.release()
        _release_lock()  # the previous database is closed by now, whatever failed
        if new_path is not None:
            _remove_new_file(new_path)
        if backup_path is not None and not isinstance(exc, DatabaseFileError) and result_code(exc) is not None:
            raise DatabaseFileError(_file_message(backup_path, exc, created=new_path is not None)) from exc
        if backup_path is None and isinstance(exc, pw.PeeweeException):
            message = open_message(exc, text)  # unreachable, wrong password, not enough privilege…
            if message is not None:
                raise ServerConnectionError(message) from exc
        raise
    if lock is not None:
        _held_lock = lock
    if backup_path is not None and not database.read_only:
        for private in (backup_path, backup_path.with_name(backup_path.name + "-wal")):
            if private.exists():
                make_private(private)  # a file of an older version, or copied in, may be world-readable
    use_branch(None)  # a newly opened database: work in its first branch until told otherwise
    return database


def _restore_passphrase(path: Path, known_before: str | None) -> None:
    """After a failed open, the session knows the passphrase it knew before (not one that was just refused)."""
    if known_before is None:
        passphrases.forget(path)
    else:
        passphrases.remember(path, known_before)


def is_read_only() -> bool:
    """Whether the open data file can only be read (its file, folder or disk does not allow writing)."""
    return bool(getattr(db.obj, "read_only", False))


def close_database(keep_lock: bool = False) -> None:
    """Close the open data file, if any, after folding the write-ahead log into it, and free its lock."""
    current = db.obj
    if current is not None and not current.is_closed():
        if isinstance(current, pw.SqliteDatabase) and not is_read_only():
            try:
                current.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            except (pw.OperationalError, StorageError):
                log.warning("WAL checkpoint failed on close", exc_info=True)
        current.close()
    if not keep_lock:
        _release_lock()
    elif _held_lock is not None:
        _held_lock.before_replace()


def backup_open_file(reason: str) -> Path | None:
    """An automatic backup of the data file open now (None for a server or a read-only file: nothing to protect
    from this PC). Raises StorageError when it cannot be taken."""
    current = db.obj
    if not isinstance(current, DataFileDatabase) or current.read_only:
        return None
    return take_backup(current.path, reason, identity=open_identity(current.path))


def open_identity(data_path: Path) -> tuple[int, int] | None:
    """(device, inode) of `data_path` as it was when this process opened and locked it (None: not open here)."""
    lock = _held_lock
    return lock.identity if lock is not None and lock.data_path == data_path.resolve() else None


def _release_lock() -> None:
    global _held_lock
    if _held_lock is not None:
        _held_lock.release()
        _held_lock = None


def set_meta(key: str, value: str) -> None:
    """Insert or update one fact about the database (an upsert both SQLite and PostgreSQL accept)."""
    Meta.insert(key=key, value=value).on_conflict(conflict_target=[Meta.key], update={Meta.value: value}).execute()


def schema_version(database: pw.Database) -> int:
    row = Meta.get_or_none(Meta.key == "schema_version")
    return int(row.value) if row else 0


def backup_sqlite(
    database: DataFileDatabase, destination: Path, progress: Callable[[int, int], bool] | None = None
) -> Path:
    """Consistent copy of an open SQLite database (the online backup API), written atomically.

    `progress(done_pages, total_pages)` returning False cancels: Cancelled is raised and no file is left.
    A full disk or a folder that cannot be written raises StorageError, also with no file left.
    """
    partial = destination.with_name(destination.name + ".part")

    def _step(_status: int, remaining: int, total: int) -> None:
        if progress is not None and not progress(total - remaining, total):
            raise Cancelled()

    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        target = connect_sqlite(partial, like=database.path, create=True)  # encrypted alike when its source is
        try:
            database.connection().backup(target, pages=256, progress=_step)
        finally:
            target.close()
        make_private(partial)
        if not verify(partial, database.path):
            raise StorageError(f"Bản sao lưu «{destination.name}» không qua được kiểm tra toàn vẹn nên đã bị bỏ.")
        partial.replace(destination)
    except BaseException as exc:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        if isinstance(exc, (OSError, *SQLITE_ERRORS)):
            cause, advice = cause_of(exc)
            raise StorageError(
                f"Không sao lưu được vào «{destination}» vì {cause}. Không có tệp sao lưu nào được tạo. {advice}"
            ) from exc
        raise
    return destination


def backup_open_database(destination: Path, progress: Callable[[int, int], bool] | None = None) -> Path:
    """Back up the open data file to `destination` (SQLite files only)."""
    current = db.obj
    if not isinstance(current, DataFileDatabase):
        raise DatabaseFileError("Chỉ sao lưu được tệp dữ liệu trên máy (SQLite).")
    if destination.exists() and destination.resolve() == current.path.resolve():
        raise DatabaseFileError("Không thể sao lưu đè lên chính tệp dữ liệu đang mở; hãy chọn tên tệp khác.")
    return backup_sqlite(current, destination, progress)


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def _read_only_uri(path: Path) -> str:
    uri = existing_uri(path, "ro")
    # A WAL file is read through a -shm file beside it; where that cannot be created, read the file as unchanging.
    if not _writable(path.parent) and not any(path.with_name(path.name + s).exists() for s in ("-wal", "-shm")):
        uri += "&immutable=1"
    return uri


def start_integrity_check(target: str | Path) -> None:
    """Start the integrity check of a plain data file about to be opened on a thread of its own (start-up:
    models.core.early_check); `open_database` takes its verdict if the file is unchanged, else checks it itself."""
    if is_server_url(target) or (db.obj is not None and not db.obj.is_closed()):  # a server, or a file open
        return
    path = Path(target).expanduser()
    try:
        if not path.is_file():
            return
        size = path.stat().st_size
        with path.open("rb") as handle:
            if handle.read(len(passphrases.SQLITE_MAGIC)) != passphrases.SQLITE_MAGIC:
                return  # empty, encrypted or not a database: the opening says what it is
    except OSError:
        return
    early_check.start(path, _read_only_uri(path), _integrity_pragma(size))


def _integrity_pragma(size: int) -> str:
    return "integrity_check" if size <= FULL_CHECK_MAX_BYTES else "quick_check"


def _check_sqlite_file(path: Path) -> bool:
    """Refuse, without writing anything, a file that is not a ChiBo database we can open; True when read-only."""

    ahead = early_check.take(path)  # waited for: nothing below runs beside it
    check_regular_file(path, "tệp dữ liệu ChiBo")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            magic = handle.read(len(passphrases.SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseFileError(f"Không đọc được tệp «{path}»: {os_error_text(exc)}.") from exc
    if size == 0:
        raise DamagedFileError(
            f"Tệp «{path}» trống (0 byte), có thể do sao chép hoặc tải về bị lỗi, nên ChiBo không mở; tệp được giữ "
            "nguyên. Hãy chép lại tệp từ bản gốc hoặc mở bản sao lưu; muốn bắt đầu dữ liệu mới thì dùng «Tạo tệp "
            "dữ liệu mới».",
            path,
        )
    if magic == passphrases.SQLITE_MAGIC:
        passphrases.forget(path)  # a plain file: a passphrase given for it is not needed
    elif not passphrases.looks_encrypted(path):
        raise DatabaseFileError(f"Tệp «{path.name}» không phải là tệp dữ liệu ChiBo. Tệp được giữ nguyên.")
    elif passphrases.passphrase_for(path) is None and not passphrases.remember_stored_key(path):
        raise PassphraseNeededError(path)
    read_only = not (_writable(path) and _writable(path.parent))
    sides = [path.with_name(path.name + suffix) for suffix in _SIDE_FILES]
    new_sides = [side for side in sides if not side.exists()] + ahead.made
    try:
        probe = connect_sqlite(path, _read_only_uri(path), timeout=0.5)
        try:
            _check_contents(probe, path, size, ahead)
        finally:
            probe.close()
    except (*SQLITE_ERRORS, ValueError) as exc:  # type: ignore[misc]  # mypy cannot check a starred except
        raise _refusal(path, exc) from exc
    finally:
        for side in new_sides:  # what the reading probe made beside a file it may refuse
            with suppress(OSError):
                side.unlink(missing_ok=True)
    if not read_only:
        _check_not_locked(path)
    return read_only


def _check_new_file(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseFileError(_file_message(path, exc, created=True)) from exc
    if not _writable(path.parent):
        raise DatabaseFileError(
            f"Không tạo được tệp dữ liệu «{path}» vì thư mục chứa tệp không cho phép ghi. Hãy chọn thư mục khác."
        )


_NEW_SUFFIX = ".tao-moi"  # a data file being created (models.core.passphrases knows this suffix)
_LEFTOVER_SUFFIXES = (".phuc-hoi", ".ma-hoa", _NEW_SUFFIX)  # copies being written beside a data file


def _create_file(path: Path) -> None:
    """A new data file: its tables are written under a temporary name beside it, which is then renamed into place,
    so a kill midway never leaves an empty or half-made file at `path` (what it leaves is cleared next time)."""

    partial = path.with_name(path.name + _NEW_SUFFIX)
    _remove_new_file(partial)
    # a rollback journal, not a write-ahead log: everything is in the file itself when it is renamed into place
    database = DataFileDatabase(partial, {**SQLITE_PRAGMAS, "journal_mode": "delete"}, create=True)
    try:
        with database.bind_ctx(_schema_tables()):
            database.connect()
            _create_tables(database)
        database.close()
        if any(partial.with_name(partial.name + side).exists() for side in _SIDE_FILES):
            raise StorageError(f"Tệp dữ liệu mới «{path.name}» chưa ghi xong.")  # never rename half a file
        make_private(partial)
        partial.replace(path)
    except BaseException as exc:
        if not database.is_closed():
            database.close()
        _remove_new_file(partial)
        if isinstance(exc, (OSError, *SQLITE_ERRORS, StorageError)):
            raise DatabaseFileError(_file_message(path, exc, created=True)) from exc
        raise


def _create_tables(database: pw.Database) -> None:
    with database.atomic():
        database.create_tables(_schema_tables())
        set_meta("app", APP_ID)
        set_meta("schema_version", str(SCHEMA_VERSION))
        set_meta("created_at", clock.now().isoformat(timespec="seconds"))


def clear_leftovers(path: Path) -> list[Path]:
    """Remove the partial copies a kill left beside the data file and in its backup folder (a backup, a restore,
    a change of passphrase or a creation cut short); only while this process holds the file's lock, so none of
    them is being written. Returns what was removed."""

    candidates = [path.with_name(path.name + suffix) for suffix in _LEFTOVER_SUFFIXES]
    candidates += path.parent.glob(f".{glob.escape(path.name)}.*.part*")  # a `pull` into this name cut short
    folder = backup_folder(path)
    if folder.is_dir():
        candidates += [p for p in folder.iterdir() if p.name.endswith((".part", ".ma-hoa"))]
    removed = []
    for leftover in candidates:
        for companion in (leftover, *(leftover.with_name(leftover.name + s) for s in (*_SIDE_FILES, ".lock"))):
            with suppress(OSError):
                if companion.is_file():
                    companion.unlink()
                    removed.append(companion)
    if removed:
        log.info("Removed %d partial files left by an interrupted ChiBo beside %s", len(removed), path.name)
    return removed


def _check_contents(probe: sqlite3.Connection, path: Path, size: int, ahead: early_check.Taken) -> None:
    tables = {r[0] for r in probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return
    if "chibo_meta" not in tables:
        raise DatabaseFileError(
            f"Tệp «{path.name}» là cơ sở dữ liệu của chương trình khác, không phải của ChiBo. Tệp được giữ nguyên."
        )
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
    check = _integrity_pragma(size)
    if ahead.check == check:  # run ahead on the file as it still is (models.core.early_check)
        problems = ahead.problems
    else:
        problems = [row[0] for row in probe.execute(f"PRAGMA {check}(5)")]
    if problems != ["ok"]:
        log.error("PRAGMA %s of %s: %s", check, path, problems)
        raise _damaged(path)


def _check_not_locked(path: Path) -> None:
    probe = connect_sqlite(path, timeout=0.5)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
    except SQLITE_ERRORS as exc:
        raise _refusal(path, exc) from exc
    finally:
        probe.close()


def _refusal(path: Path, exc: BaseException) -> DatabaseFileError:
    """Why an existing file cannot be opened: damaged unless SQLite names another cause (locked, read-only...)."""
    code = result_code(exc)
    if code == BUSY:
        return DatabaseFileError(
            f"Tệp «{path.name}» đang bị một chương trình khác (có thể là một cửa sổ ChiBo khác) khóa. "
            "Hãy đóng chương trình đó rồi mở lại."
        )
    if code in (None, CORRUPT):
        log.error("Refusing %s as damaged: %s", path, exc)
        return _damaged(path)
    return DatabaseFileError(_file_message(path, exc))


def _damaged(path: Path) -> DatabaseFileError:
    return DamagedFileError(
        f"Tệp «{path.name}» bị hỏng: dữ liệu bên trong tệp không còn nguyên vẹn nên ChiBo không mở, để tránh hỏng "
        "thêm; tệp được giữ nguyên. Hãy phục hồi từ bản sao lưu gần nhất (Tệp → Phục hồi từ bản sao lưu…) hoặc nhờ "
        "cán bộ kỹ thuật kiểm tra tệp.",
        path,
    )


def _file_message(path: Path, exc: BaseException, created: bool = False) -> str:
    cause, advice = cause_of(exc)
    if created:
        return f"Không tạo được tệp dữ liệu «{path}» vì {cause}. Không có tệp nào được tạo. {advice}"
    return f"Không mở được tệp «{path.name}» vì {cause}. Tệp được giữ nguyên. {advice}"


def _remove_new_file(path: Path) -> None:
    """Remove what a failed creation left (the file and SQLite's side files), never a file that existed before."""
    for suffix in ("", *_SIDE_FILES):
        with suppress(OSError):
            path.with_name(path.name + suffix).unlink(missing_ok=True)


def _prepare_schema(database: pw.Database, backup_path: Path | None) -> None:
    read_only = getattr(database, "read_only", False)
    name = backup_path.name if backup_path else "cơ sở dữ liệu"
    if not database.table_exists(Meta._meta.table_name):
        if read_only:
            raise DatabaseFileError(f"Tệp «{name}» chưa có dữ liệu ChiBo và chỉ cho phép đọc nên không dùng được.")
        _create_tables(database)  # an empty server database (a new data file is made whole by _create_file)
        return
    version = schema_version(database)
    if version > SCHEMA_VERSION:  # URL databases skip the file probe
        raise DatabaseFileError(f"Cơ sở dữ liệu được tạo bởi phiên bản ChiBo mới hơn (cấu trúc {version}).")
    if version == SCHEMA_VERSION:
        return
    if read_only:
        raise DatabaseFileError(
            f"Tệp «{name}» cần được nâng cấp cho phiên bản ChiBo này nhưng chỉ cho phép đọc. "
            "Hãy chép tệp sang một thư mục có quyền ghi rồi mở lại; tệp được giữ nguyên."
        )
    if backup_path is not None and isinstance(database, DataFileDatabase):
        stamp = clock.now().strftime("%Y%m%d-%H%M%S")
        copy = backup_path.with_name(f"{backup_path.stem}.truoc-nang-cap-v{version}-{stamp}{backup_path.suffix}")
        backup_sqlite(database, copy)
        log.info("Backed up %s to %s before migrating from schema %d", backup_path, copy, version)
    sqlite = isinstance(database, pw.SqliteDatabase)
    if isinstance(database, pw.SqliteDatabase):
        database.pragma("foreign_keys", 0)  # tables are rebuilt; every reference is checked before each commit
    try:
        for step in range(version, SCHEMA_VERSION):
            with database.atomic():
                _migration(step)(database)
                if sqlite and database.execute_sql("PRAGMA foreign_key_check").fetchall():
                    raise DatabaseFileError(f"Nâng cấp dữ liệu lên cấu trúc {step + 1} thất bại; tệp được giữ nguyên.")
                set_meta("schema_version", str(step + 1))
    finally:
        if isinstance(database, pw.SqliteDatabase):
            database.pragma("foreign_keys", 1)
