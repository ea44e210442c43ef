"""Protecting a data file with a passphrase (SQLCipher): set it, change it, or remove it.

The file and every automatic backup beside it are rewritten together, so a backup never keeps in plain text what
the file now protects (nor the other way round). Each file is exported through SQLCipher into a partial copy beside
it, checked, made private, and only then put in place; a failure leaves that file as it was. The current state is
backed up first. The data file must be closed (its lock still held) while this runs: `protect_open_file` does it.
"""

from __future__ import annotations

import glob
import logging
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from models.core import passphrases
from models.core.auto_backup import list_backups, take_backup, verify
from models.core.database import close_database, open_database, open_identity, set_meta
from models.core.errors import DatabaseFileError, StorageError, ValidationError
from models.core.file_privacy import make_private
from models.core.sqlite_storage import SQLITE_ERRORS, DataFileDatabase, cause_of, connect_sqlite
from models.core.tables import Meta, db

log = logging.getLogger(__name__)

MIN_LENGTH = 8
LOCK_MINUTES_DEFAULT = 10  # an encrypted file's window locks after this long without a key or a click
LOCK_MINUTES_MAX = 240
_LOCK_KEY = "lock_minutes"
_PARTIAL = ".ma-hoa"  # models.core.passphrases knows this suffix
_SIDES = ("-wal", "-shm", "-journal")
_PLAIN = "''"  # ATTACH … KEY '': the copy is not encrypted


LEAVES_PROTECTION = (
    "Tệp dữ liệu được bảo vệ bằng mật khẩu, nhưng tệp xuất ra (Excel, hồ sơ bầu cử) thì không được mã hóa: ai có "
    "tệp đó đều đọc được. Hãy cất giữ cẩn thận và xóa khi không cần nữa."
)


def open_file_is_encrypted() -> Path | None:
    """The open data file when it is protected by a passphrase (what leaves it in an export is not), else None."""

    path = getattr(db.obj, "path", None)
    return path if path is not None and passphrases.is_encrypted(path) else None


def check_new_passphrase(passphrase: str, repeated: str) -> None:
    """ValidationError (Vietnamese) for a passphrase too short, or not typed the same twice."""
    if len(passphrase) < MIN_LENGTH:
        raise ValidationError(f"Mật khẩu cần ít nhất {MIN_LENGTH} ký tự.", "passphrase")
    if passphrase.strip() != passphrase:
        raise ValidationError("Mật khẩu không được bắt đầu hay kết thúc bằng dấu cách.", "passphrase")
    if passphrase != repeated:
        raise ValidationError("Hai lần nhập mật khẩu không giống nhau.", "repeated")


def rewrite(path: Path, new_key: str | None) -> None:
    """Export the (closed) SQLite file `path` — opened with the key this session knows for it — into a copy
    encrypted with `new_key` (a key literal of models.core.passphrases) or plain (None), then put it in place."""
    partial = path.with_name(path.name + _PARTIAL)
    try:
        for stale in (partial, partial.with_name(partial.name + "-journal")):  # left by a rewrite killed midway
            stale.unlink(missing_ok=True)
        source = connect_sqlite(path, cipher=True)
        try:
            target = str(partial).replace("'", "''")
            source.execute(f"ATTACH DATABASE '{target}' AS protected KEY {new_key or _PLAIN}")
            source.execute("SELECT sqlcipher_export('protected')")
            source.execute("DETACH DATABASE protected")
        finally:
            source.close()
        make_private(partial)
        _check(partial, new_key)
        for side in _SIDES:  # a journal of the old file must never be applied to the new one
            leftover = path.with_name(path.name + side)
            if leftover.exists() and leftover.stat().st_size > 0 and side == "-wal":
                raise StorageError(f"Tệp «{path.name}» còn dữ liệu chưa ghi hết (tệp -wal); hãy mở lại ChiBo rồi thử.")
            with suppress(OSError):
                leftover.unlink(missing_ok=True)
        partial.replace(path)
    except BaseException as exc:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        with suppress(OSError):
            partial.with_name(partial.name + "-journal").unlink(missing_ok=True)
        if isinstance(exc, (OSError, *SQLITE_ERRORS)):
            cause, advice = cause_of(exc)
            raise StorageError(
                f"Không đổi được mật khẩu của «{path.name}» vì {cause}; tệp được giữ nguyên. {advice}"
            ) from exc
        raise


def _check(partial: Path, key: str | None) -> None:
    connection = connect_sqlite(partial, key=key)
    try:
        ok = connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        connection.close()
    if not ok:
        raise StorageError(f"Bản chép của «{partial.name}» không qua được kiểm tra toàn vẹn; tệp được giữ nguyên.")


def change_protection(
    data_path: Path,
    new_passphrase: str | None,
    progress: Callable[[int, int], bool] | None = None,
    salt: bytes | None = None,
) -> list[Path]:
    """Encrypt the closed data file and its backups with `new_passphrase`, or decrypt them (None). The backups go
    first, the data file last, and only then does the session know the new passphrase: when a rewrite fails, the
    data file still opens as before. Returns the backups that did not open with the old passphrase (kept as they
    are: an even older passphrase protects them)."""

    backups = [b.path for b in list_backups(data_path)]
    skipped = []
    salt = salt or passphrases.new_salt()  # shared by the file and its backups: one entry in the credential store
    for done, backup in enumerate(backups):
        if progress is not None:
            progress(done, len(backups) + 1)
        if verify(backup, data_path):
            rewrite(backup, passphrases.new_sql_key(new_passphrase, salt) if new_passphrase else None)
        else:
            skipped.append(backup)
    rewrite(data_path, passphrases.new_sql_key(new_passphrase, salt) if new_passphrase else None)
    if new_passphrase:
        passphrases.remember(data_path, new_passphrase)
    else:
        passphrases.forget(data_path)
    return skipped


def protect_open_file(new_passphrase: str | None, salt: bytes | None = None) -> list[Path]:
    """Set, change or remove the passphrase of the data file open now: its current state is backed up first, it is
    closed, rewritten with its backups, and opened again (with the old protection if anything failed)."""

    current = db.obj
    if not isinstance(current, DataFileDatabase) or current.read_only:
        raise DatabaseFileError("Chỉ đặt được mật khẩu cho tệp dữ liệu trên máy mà ChiBo được phép ghi.")
    path = current.path
    old = passphrases.passphrase_for(path)
    take_backup(path, "protect", identity=open_identity(path))
    close_database(keep_lock=True)
    try:
        skipped = change_protection(path, new_passphrase, salt=salt)
    except BaseException:
        open_database(path, old)
        raise
    open_database(path, new_passphrase)
    log.info("Data file %s is now %s", path, "encrypted" if new_passphrase else "plain")
    return skipped


_DAMAGED_BACKUP = "bản sao lưu bị hỏng, không mở được nên không mã hóa được; ai có tệp vẫn có thể đọc được một phần"
_OTHER_PASSPHRASE = "bản sao lưu được mã hóa bằng một mật khẩu khác, không mở được bằng mật khẩu hiện nay"


@dataclass(frozen=True)
class LeftBehind:
    """A copy of the data file that a change of protection could not rewrite, and why, as the user is told."""

    path: Path
    why: str
    plain: bool  # readable by anyone who has it


def left_behind(data_path: Path, skipped: list[Path]) -> list[LeftBehind]:
    """Every copy beside `data_path` still as it was: the backups `change_protection` skipped (damaged, or under
    another passphrase), the damaged files a restore set aside «(hỏng …)» and the copies taken before an upgrade."""
    found = []
    for backup in skipped:
        plain = _plain(backup)
        why = _DAMAGED_BACKUP if plain else _OTHER_PASSPHRASE
        found.append(LeftBehind(backup, why, plain))
    stem, suffix = glob.escape(data_path.stem), glob.escape(data_path.suffix)
    for aside in sorted(data_path.parent.glob(f"{stem} (hỏng *){suffix}")):
        plain = _plain(aside)
        why = (
            "tệp hỏng được cất riêng khi phục hồi; không mã hóa"
            if plain
            else "tệp hỏng được cất riêng khi phục hồi, mã hóa như tệp lúc đó"
        )
        found.append(LeftBehind(aside, why, plain))
    for copy in sorted(data_path.parent.glob(f"{stem}.truoc-nang-cap-v*{suffix}")):
        plain = _plain(copy)
        why = (
            "bản sao trước khi nâng cấp phiên bản ChiBo; không mã hóa"
            if plain
            else "bản sao trước khi nâng cấp phiên bản ChiBo, mã hóa như tệp lúc đó"
        )
        found.append(LeftBehind(copy, why, plain))
    return found


def _plain(path: Path) -> bool:
    """Not an SQLCipher file: SQLite's own header, or nothing that looks encrypted (a truncated copy)."""
    return not passphrases.looks_encrypted(path)


def remove_left_behind(items: list[LeftBehind]) -> list[Path]:
    """Delete the copies the user agreed to remove (with SQLite's files beside them); returns those that could
    not be deleted."""
    failed = []
    for item in items:
        for companion in (item.path, *(item.path.with_name(item.path.name + side) for side in _SIDES)):
            try:
                companion.unlink(missing_ok=True)
            except OSError:
                log.warning("Could not remove a copy left behind by a change of protection", exc_info=True)
                failed.append(companion)
    return failed


def lock_minutes() -> int:
    """Minutes without use after which the window of the open (encrypted) file locks; 0: never. Kept in the file."""

    row = Meta.get_or_none(Meta.key == _LOCK_KEY)
    try:
        return max(0, min(int(row.value), LOCK_MINUTES_MAX)) if row else LOCK_MINUTES_DEFAULT
    except ValueError:
        return LOCK_MINUTES_DEFAULT


def set_lock_minutes(minutes: int) -> None:

    if not 0 <= minutes <= LOCK_MINUTES_MAX:
        raise ValidationError(f"Thời gian tự khóa phải từ 0 (không khóa) đến {LOCK_MINUTES_MAX} phút.", "minutes")
    with db.atomic():
        set_meta(_LOCK_KEY, str(minutes))
