"""SQLite storage failures (full disk, read-only file, disk error, damage, lock) as Vietnamese messages, and the
peewee database of a data file that raises them: the one point where such failures are translated.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import EllipsisType

import peewee as pw
from sqlcipher3 import dbapi2

from models.core.errors import StorageError, WrongPassphraseError

log = logging.getLogger(__name__)


def _driver_errors(name: str) -> tuple[type[Exception], ...]:
    """An error class of both SQLite drivers: the standard one, and SQLCipher's for encrypted files."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:  # pragma: no cover - the binding is a pinned dependency
        return (getattr(sqlite3, name),)
    return (getattr(sqlite3, name), getattr(dbapi2, name))


# Catch these, never sqlite3's alone: an encrypted file raises SQLCipher's own classes.
SQLITE_ERRORS = _driver_errors("Error")
OPERATIONAL_SQLITE_ERRORS = _driver_errors("OperationalError")
# A copy of a data file failing: the disk, or the copy read back by SQLite (named: mypy cannot check `except (*a, b)`).
FILE_OR_SQLITE_ERRORS: tuple[type[Exception], ...] = (OSError, *SQLITE_ERRORS)
_STORAGE_ERRORS: tuple[type[Exception], ...] = (pw.DatabaseError, *SQLITE_ERRORS)

# SQLite primary result codes of storage failures -> (cause, what to do); every message about a failing file uses it.
BUSY, READONLY, IOERR, CORRUPT, FULL, CANTOPEN = 5, 8, 10, 11, 13, 14
_CAUSES = {
    FULL: ("ổ đĩa chứa tệp đã đầy", "Hãy giải phóng bớt dung lượng ổ đĩa (hoặc chọn ổ khác) rồi thử lại."),
    READONLY: (
        "tệp hoặc thư mục chứa tệp chỉ cho phép đọc",
        "Hãy dùng (hoặc chép tệp sang) một thư mục có quyền ghi.",
    ),
    IOERR: (
        "ổ đĩa gặp lỗi khi đọc hoặc ghi (ổ USB hay ổ mạng có thể đã bị rút ra)",
        "Hãy kiểm tra ổ đĩa rồi thử lại.",
    ),
    CORRUPT: ("tệp dữ liệu bị hỏng", "Hãy mở bản sao lưu gần nhất."),
    BUSY: (
        "tệp đang bị một chương trình khác (có thể là một cửa sổ ChiBo khác) khóa",
        "Hãy đóng chương trình đó rồi thử lại.",
    ),
    CANTOPEN: (
        "không truy cập được tệp (tệp đã bị di chuyển, bị xóa hoặc ổ đĩa đã bị rút ra)",
        "Hãy kiểm tra lại tệp rồi thử lại.",
    ),
}
_ALIASES = {6: BUSY, 26: CORRUPT}  # SQLITE_LOCKED, SQLITE_NOTADB
_PHRASES = {  # SQLite's own texts, for errors that carry no result code
    "database or disk is full": FULL,
    "readonly database": READONLY,
    "disk i/o error": IOERR,
    "malformed": CORRUPT,
    "file is not a database": CORRUPT,
    "is locked": BUSY,
    "unable to open database file": CANTOPEN,
}
_ERRNOS = {errno.ENOSPC: FULL, errno.EACCES: READONLY, errno.EPERM: READONLY, errno.EROFS: READONLY}


def storage_error(exc: BaseException) -> StorageError | None:
    """The Vietnamese StorageError for a failed read or write of the data file, or None when `exc` is not one."""
    if isinstance(exc, StorageError):
        return exc
    if not isinstance(exc, (pw.DatabaseError, *SQLITE_ERRORS)) or result_code(exc) is None:
        return None
    cause, advice = cause_of(exc)
    return StorageError(
        f"Thao tác vừa rồi chưa thực hiện được vì {cause}; dữ liệu đã lưu trước đó vẫn nguyên vẹn. {advice}"
    )


def cause_of(exc: BaseException) -> tuple[str, str]:
    """(why, what to do) in Vietnamese for a storage failure; any unnamed one counts as a disk error."""
    return _CAUSES[result_code(exc) or IOERR]


def result_code(exc: BaseException) -> int | None:
    """The storage failure behind `exc` (following what it was raised from), or None for any other error."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [exc]
    while pending:
        current = pending.pop(0)
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        raw_code = getattr(current, "sqlite_errorcode", None) if isinstance(current, SQLITE_ERRORS) else None
        if raw_code is not None:
            code = raw_code & 0xFF
            code = _ALIASES.get(code, code)
            return code if code in _CAUSES else None
        if isinstance(current, OSError) and current.errno is not None:
            return _ERRNOS.get(current.errno, IOERR)
        if isinstance(current, (pw.DatabaseError, *SQLITE_ERRORS)):
            text = str(current).lower()
            found = next((code for phrase, code in _PHRASES.items() if phrase in text), None)
            if found is not None:
                return found
        pending += [current.__cause__, current.__context__]
    return None


@contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except _STORAGE_ERRORS as exc:
        error = storage_error(exc)
        if error is None:
            raise
        log.warning("Data file storage failure: %s", exc)
        raise error from exc


def connect_sqlite(
    path: Path,
    uri: str | None = None,
    timeout: float = 3.0,
    like: Path | None = None,
    key: str | None | EllipsisType = ...,
    cipher: bool = False,
    create: bool = False,
):
    """Every SQLite connection ChiBo makes (probing, opening, backing up, restoring, encrypting) comes from here.

    `uri`: a `file:…?mode=ro` address of `path`. Without it the file is opened for reading and writing only if it
    exists (SQLite's `mode=rw`): a file that vanished is an error (CANTOPEN), never a new empty database made in its
    place; only `create` (a new data file, a copy being written) makes one.

    A file with a passphrase this session knows (its own, or that of `like`, the data file it is a copy of:
    models.core.passphrases), or opened with an explicit `key` literal, is opened through SQLCipher; `cipher` asks
    for SQLCipher's driver even for a plain file (to export it encrypted). WrongPassphraseError when the key does
    not open the file. Temporary tables and sorts of an encrypted file stay in memory, never in a plain temporary
    file.
    """
    if key is ...:
        from models.core.passphrases import sql_key_for

        key = sql_key_for(path, like)
    if uri is None and not create:
        uri = existing_uri(path)
    target, as_uri = (uri, True) if uri is not None else (str(path), False)
    if key is None and not cipher:
        return sqlite3.connect(target, uri=as_uri, timeout=timeout, isolation_level=None)

    connection = dbapi2.connect(target, uri=as_uri, timeout=timeout, isolation_level=None)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not a line on stderr
        if key is not None:
            connection.execute(f"PRAGMA key = {key}")
        connection.execute("PRAGMA temp_store = MEMORY")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi2.DatabaseError as exc:
        connection.close()
        if key is not None and result_code(exc) == CORRUPT:
            raise WrongPassphraseError(path) from exc
        raise
    return connection


def existing_uri(path: Path, mode: str = "rw") -> str:
    """The `file:` address opening `path` only if it exists (`rw`), or for reading only (`ro`). A Windows network
    path (//server/share/…) keeps its server in the path (file:////server/…): SQLite refuses a URI authority."""
    return f"{without_authority(Path(path).resolve().as_uri())}?mode={mode}"


def without_authority(uri: str) -> str:
    """file://server/share/… (a Windows network path) as file:////server/share/…, which SQLite opens."""
    return "file:////" + uri[len("file://") :] if uri.startswith("file://") and not uri.startswith("file:///") else uri


class DataFileDatabase(pw.SqliteDatabase):
    """A ChiBo data file; storage failures of every statement and transaction come out as StorageError.

    With `read_only_uri` (a `file:…?mode=ro` address) the file is opened for reading only.
    """

    def __init__(self, path: Path, pragmas: dict, read_only_uri: str | None = None, create: bool = False) -> None:
        self.path = path
        self.read_only = read_only_uri is not None
        self._uri = read_only_uri
        self._create = create  # a new file being made; any other opens only if it exists
        if read_only_uri is None:
            super().__init__(str(path), pragmas=pragmas, timeout=3)
        else:
            super().__init__(read_only_uri, uri=True, pragmas=pragmas, timeout=3)

    def _connect(self):
        connection = connect_sqlite(self.path, self._uri, timeout=self._timeout, create=self._create)  # type: ignore[attr-defined]
        try:
            self._add_conn_hooks(connection)  # type: ignore[attr-defined]  # peewee's own hook, not in its stubs
        except Exception:
            connection.close()
            raise
        return connection

    def connect(self, reuse_if_open: bool = False) -> bool:
        with _translated():
            return super().connect(reuse_if_open)

    def execute_sql(self, sql, params=None):
        if sql.startswith("ROLLBACK") and self._rolled_back_already():  # a savepoint's
            return self.cursor()
        with _translated():
            return super().execute_sql(sql, params)

    def begin(self, lock_type=None) -> None:
        with _translated():
            super().begin(lock_type)

    def commit(self) -> None:
        with _translated():
            super().commit()

    def rollback(self) -> None:
        if self._rolled_back_already():
            return
        with _translated():
            super().rollback()

    def _rolled_back_already(self) -> bool:
        """After a full disk or a disk error SQLite may have rolled the transaction back itself; rolling back
        again would fail and hide the real cause."""
        return not self.is_closed() and not self.connection().in_transaction
