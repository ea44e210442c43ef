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

import peewee as pw

from models.core.errors import StorageError

log = logging.getLogger(__name__)

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
    if not isinstance(exc, (pw.DatabaseError, sqlite3.Error)) or result_code(exc) is None:
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
        if isinstance(current, sqlite3.Error) and getattr(current, "sqlite_errorcode", None) is not None:
            code = current.sqlite_errorcode & 0xFF
            code = _ALIASES.get(code, code)
            return code if code in _CAUSES else None
        if isinstance(current, OSError) and current.errno is not None:
            return _ERRNOS.get(current.errno, IOERR)
        if isinstance(current, (pw.DatabaseError, sqlite3.Error)):
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
    except (pw.DatabaseError, sqlite3.Error) as exc:
        error = storage_error(exc)
        if error is None:
            raise
        log.warning("Data file storage failure: %s", exc)
        raise error from exc


def connect_sqlite(path: Path, uri: str | None = None, timeout: float = 3.0) -> sqlite3.Connection:
    """Every SQLite connection ChiBo makes (probing, opening, backing up) comes from here, so encryption or any
    other per-connection setting is a change in this one place. `uri`: a `file:…?mode=ro` address of `path`."""
    if uri is not None:
        return sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
    return sqlite3.connect(str(path), timeout=timeout, isolation_level=None)


class DataFileDatabase(pw.SqliteDatabase):
    """A ChiBo data file; storage failures of every statement and transaction come out as StorageError.

    With `read_only_uri` (a `file:…?mode=ro` address) the file is opened for reading only.
    """

    def __init__(self, path: Path, pragmas: dict, read_only_uri: str | None = None) -> None:
        self.path = path
        self.read_only = read_only_uri is not None
        self._uri = read_only_uri
        if read_only_uri is None:
            super().__init__(str(path), pragmas=pragmas, timeout=3)
        else:
            super().__init__(read_only_uri, uri=True, pragmas=pragmas, timeout=3)

    def _connect(self):
        connection = connect_sqlite(self.path, self._uri, timeout=self._timeout)
        try:
            self._add_conn_hooks(connection)
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
