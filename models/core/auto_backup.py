"""Automatic backups of a data file: taken with SQLite's online backup API, verified, private to the user, and kept
by rotation in a folder beside the data file (the last 10, and the newest of each day for 30 days).

Each backup's name carries its generation («… #12»): one more than the highest in the folder, so backups are
ordered by what they hold, newest last taken first, whatever the PC's clock said when each was taken (a clock set
back to 2001 by a dead battery must not make a 2026 backup look newer than the work done since).

Taken when a file is opened, before a destructive act (locking a count, taking a ballot out, an import) and on
exit. The copy is made through its own connection, so it can run on a worker thread while the window works.
"""

from __future__ import annotations

import logging
import os
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from models.core import clock
from models.core.errors import StorageError, WrongPassphraseError
from models.core.file_lock import identity as identity_of
from models.core.file_privacy import make_private
from models.core.passphrases import sql_key_for
from models.core.sqlite_storage import FILE_OR_SQLITE_ERRORS, SQLITE_ERRORS, cause_of, connect_sqlite

log = logging.getLogger(__name__)

KEEP_LAST = 10
KEEP_DAILY_DAYS = 30
STAMP = "%Y-%m-%d %H%M%S"
REASONS = {
    "open": "mở tệp",
    "exit": "đóng ChiBo",
    "count": "trước khi khóa kết quả",
    "void": "trước khi hủy phiếu",
    "import": "trước khi nhập Excel",
    "restore": "trước khi phục hồi",
    "manual": "sao lưu ngay",
    "protect": "trước khi đổi mật khẩu",
}


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime  # by the PC's clock, which may be wrong: shown, never used to order
    reason: str  # a key of REASONS
    generation: int = 0  # 0: taken by a version of ChiBo before generations (older than any numbered one)

    @property
    def reason_label(self) -> str:
        return REASONS.get(self.reason, self.reason)


def backup_folder(data_path: Path) -> Path:
    """«<file> - sao lưu» beside the data file."""
    return data_path.with_name(f"{data_path.stem} - sao lưu")


def _name(data_path: Path, taken_at: datetime, reason: str, generation: int) -> str:
    return f"{data_path.stem} {taken_at.strftime(STAMP)} {reason} #{generation}{data_path.suffix}"


def _newest_first(backup: BackupFile) -> tuple[int, datetime]:
    return backup.generation, backup.taken_at


def list_backups(data_path: Path) -> list[BackupFile]:
    """The automatic backups of `data_path`, newest (highest generation) first."""
    folder = backup_folder(data_path)
    found: list[BackupFile] = []
    if not folder.is_dir():
        return found
    prefix = f"{data_path.stem} "
    for path in folder.glob(f"*{data_path.suffix}"):
        rest = path.stem[len(prefix) :] if path.stem.startswith(prefix) else ""
        generation = 0
        head, _, tail = rest.rpartition(" #")
        if head and tail.isdigit():
            rest, generation = head, int(tail)
        parts = rest.rsplit(" ", 1)
        if len(parts) != 2 or not path.is_file():
            continue
        try:
            taken_at = datetime.strptime(parts[0], STAMP)
        except ValueError:
            continue
        found.append(BackupFile(path, taken_at, parts[1], generation))
    return sorted(found, key=_newest_first, reverse=True)


def to_keep(
    backups: list[BackupFile], now: datetime, last: int = KEEP_LAST, daily_days: int = KEEP_DAILY_DAYS
) -> set[Path]:
    """The backups rotation keeps: the newest `last`, and the newest of each day of the last `daily_days` days."""
    ordered = sorted(backups, key=_newest_first, reverse=True)
    keep = {b.path for b in ordered[:last]}
    seen_days: set = set()
    for backup in ordered:
        day = backup.taken_at.date()
        if backup.taken_at >= now - timedelta(days=daily_days) and day not in seen_days:
            seen_days.add(day)
            keep.add(backup.path)
    return keep


def verify(path: Path, like: Path | None = None) -> bool:
    """SQLite's own integrity check of a backup just written (of data file `like`, by default of the one its name
    tells: an encrypted file's copy opens with its key); False also when the passphrase does not open it."""
    try:
        connection = connect_sqlite(path, like=like)
        try:
            return connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            connection.close()
    except (*SQLITE_ERRORS, WrongPassphraseError):  # type: ignore[misc]  # mypy cannot check a starred except
        return False


def copy_verified(source: Path, partial: Path, failure: str) -> None:
    """Copy the database `source` into `partial` with SQLite's backup API (each through its own connection), make
    the copy private and check it; StorageError(`failure`) when the copy does not pass the integrity check."""

    # both keys taken at once: the copy is encrypted exactly as its source is, whatever another thread does meanwhile
    source_key, copy_key = sql_key_for(source), sql_key_for(partial, like=source)
    source_db, copy = connect_sqlite(source, key=source_key), connect_sqlite(partial, key=copy_key, create=True)
    try:
        source_db.backup(copy, pages=1024)
    finally:
        copy.close()
        source_db.close()
    make_private(partial)
    if not verify(partial, source):
        raise StorageError(failure)


def take_backup(
    data_path: Path, reason: str, destination: Path | None = None, identity: tuple[int, int] | None = None
) -> Path:
    """Copy the data file (through its own connection) into the backup folder, or to `destination`; verify the
    copy, make it private, then rotate the folder. StorageError (Vietnamese) when it cannot be written or verified;
    nothing half-written is left. With `identity` (device, inode of the file as opened), a file that vanished or
    was replaced by another meanwhile is not copied: its backup would stand for data it does not hold."""
    _check_source(data_path, identity)
    taken_at = clock.now()
    generation = max((b.generation for b in list_backups(data_path)), default=0) + 1
    target = destination or backup_folder(data_path) / _name(data_path, taken_at, reason, generation)
    partial = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if destination is None and os.name == "posix":
            target.parent.chmod(0o700)  # the folder of backups: the user's only
        copy_verified(data_path, partial, f"Bản sao lưu «{target.name}» không qua được kiểm tra toàn vẹn nên đã bị bỏ.")
        partial.replace(target)
    except FILE_OR_SQLITE_ERRORS as exc:
        _discard(partial)
        cause, advice = cause_of(exc)
        raise StorageError(f"Không sao lưu được vào «{target.parent}» vì {cause}. {advice}") from exc
    except BaseException:
        _discard(partial)
        raise
    if destination is None:
        rotate(data_path, taken_at)
    return target


def _check_source(data_path: Path, identity: tuple[int, int] | None) -> None:

    now = identity_of(data_path)
    if now is None:
        raise StorageError(
            f"Không sao lưu được vì tệp dữ liệu «{data_path}» không còn ở đó (đã bị xóa hoặc di "
            "chuyển trong khi ChiBo đang mở). Không có bản sao lưu nào được tạo."
        )
    if identity is not None and now != identity:
        raise StorageError(
            f"Không sao lưu được vì tệp «{data_path.name}» không còn là tệp ChiBo đã mở (đã bị thay "
            "bằng một tệp khác). Không có bản sao lưu nào được tạo."
        )


def _discard(partial: Path) -> None:
    with suppress(OSError):  # its folder is not there (or not a folder): nothing was written
        partial.unlink(missing_ok=True)


def rotate(data_path: Path, now: datetime | None = None) -> list[Path]:
    """Delete the automatic backups rotation does not keep; returns those deleted."""
    backups = list_backups(data_path)
    keep = to_keep(backups, now or clock.now())
    removed = []
    for backup in backups:
        if backup.path not in keep:
            try:
                backup.path.unlink()
                removed.append(backup.path)
            except OSError:
                log.warning("Could not remove old backup %s", backup.path, exc_info=True)
    return removed
