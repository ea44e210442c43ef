"""Restoring a data file from one of its backups: a preview of what a backup holds, a backup of the current state
first, and a damaged file set aside (never overwritten). The data file must be closed while it is replaced."""

from __future__ import annotations

import logging
import sqlite3  # the type of a connection only
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from models.core import clock
from models.core.auto_backup import BackupFile, copy_verified, list_backups, take_backup, verify
from models.core.database import open_identity
from models.core.errors import DatabaseFileError, StorageError
from models.core.passphrases import looks_encrypted
from models.core.sqlite_storage import FILE_OR_SQLITE_ERRORS, SQLITE_ERRORS, cause_of, connect_sqlite, existing_uri

log = logging.getLogger(__name__)
_SIDES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class BackupPreview:
    backup: BackupFile
    ok: bool  # passes SQLite's integrity check
    branch: str = ""
    members: int = 0
    congresses: int = 0
    counted_rounds: int = 0  # rounds with a result
    other_passphrase: bool = False  # encrypted with a passphrase other than the data file's now

    @property
    def summary(self) -> str:
        if self.other_passphrase:
            return "Bản sao lưu này được mã hóa bằng một mật khẩu khác mật khẩu hiện nay của tệp, không mở được."
        if not self.ok:
            return "Bản sao lưu này bị hỏng, không dùng được."
        return (
            f"{self.branch or 'Chi bộ'}: {self.members} đảng viên, {self.congresses} đại hội, "
            f"{self.counted_rounds} lần bầu đã có kết quả"
        )


def _count(connection: sqlite3.Connection, sql: str) -> int:
    try:
        return int(connection.execute(sql).fetchone()[0])
    except SQLITE_ERRORS:  # an older backup without that table
        return 0


def preview(backup: BackupFile) -> BackupPreview:
    """What a backup holds, read without changing it."""
    if not verify(backup.path):
        return BackupPreview(backup, False, other_passphrase=looks_encrypted(backup.path))
    connection = connect_sqlite(backup.path, existing_uri(backup.path, "ro"))
    try:
        branch = connection.execute("SELECT name FROM branch ORDER BY id LIMIT 1").fetchone()
        return BackupPreview(
            backup,
            True,
            branch[0] if branch else "",
            _count(connection, "SELECT COUNT(*) FROM member"),
            _count(connection, "SELECT COUNT(*) FROM congress"),
            _count(connection, "SELECT COUNT(*) FROM election_round WHERE result <> ''"),
        )
    except SQLITE_ERRORS:
        return BackupPreview(backup, False)
    finally:
        connection.close()


def previews(data_path: Path) -> list[BackupPreview]:
    """Every automatic backup of `data_path`, newest first, with what it holds."""
    return [preview(b) for b in list_backups(data_path)]


def newest_good_backup(data_path: Path) -> BackupFile | None:
    return next((b for b in list_backups(data_path) if verify(b.path)), None)


def good_backups(data_path: Path) -> list[BackupFile]:
    """The backups of `data_path` that pass SQLite's integrity check, newest (highest generation) first."""
    return [b for b in list_backups(data_path) if verify(b.path)]


def set_aside(damaged: Path) -> Path:
    """Move a damaged data file (and its journal files) aside: «<tên> (hỏng 2026-12-01 090000).sqlite3»."""
    aside = damaged.with_name(f"{damaged.stem} (hỏng {clock.now():%Y-%m-%d %H%M%S}){damaged.suffix}")
    damaged.replace(aside)
    for side in _SIDES:
        companion = damaged.with_name(damaged.name + side)
        if companion.exists():
            companion.replace(aside.with_name(aside.name + side))
    return aside


def restore(data_path: Path, backup: BackupFile, damaged: bool = False) -> Path:
    """Replace the (closed) data file by `backup`. The current file is first backed up (reason "restore") or, when
    damaged, set aside. The copy is made through SQLite's backup API, verified and private before it replaces the
    file, so a failure leaves the data file as it was. Returns the file set aside or backed up ("" path if none)."""
    if not verify(backup.path):
        raise DatabaseFileError(f"Bản sao lưu «{backup.path.name}» bị hỏng nên không phục hồi từ đó được.")
    partial = data_path.with_name(data_path.name + ".phuc-hoi")
    try:
        copy_verified(
            backup.path, partial, "Bản phục hồi vừa chép không qua được kiểm tra toàn vẹn; tệp dữ liệu được giữ nguyên."
        )
    except FILE_OR_SQLITE_ERRORS as exc:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        cause, advice = cause_of(exc)
        raise StorageError(f"Không phục hồi được vì {cause}; tệp dữ liệu được giữ nguyên. {advice}") from exc
    except BaseException:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
    kept = Path()
    try:
        if damaged and data_path.exists():
            kept = set_aside(data_path)
        elif data_path.exists():
            kept = take_backup(data_path, "restore", identity=open_identity(data_path))
    except BaseException:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
    for side in _SIDES:  # a journal of the replaced file must never be applied to the restored one
        with suppress(OSError):
            data_path.with_name(data_path.name + side).unlink(missing_ok=True)
    partial.replace(data_path)
    log.info("Restored %s from %s (previous state: %s)", data_path, backup.path, kept)
    return kept
