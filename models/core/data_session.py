"""The data-file session: opening, creating, restoring and encrypting a data file, the one way the window and the
headless commands do it. Each act returns one Outcome the caller reacts to in one place; every rule (what may be
created, which lock is held, which backup is offered, where an encrypted file's key comes from) lives here or in
the models.core modules it calls, never in a window.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from models.core import file_keys, passphrases
from models.core.auto_backup import BackupFile
from models.core.branch import get_branch
from models.core.database import _SIDE_FILES, close_database, is_read_only, is_server_url, open_database, set_meta
from models.core.encryption import protect_open_file
from models.core.errors import DamagedFileError, DatabaseFileError, PassphraseNeededError
from models.core.file_lock import FileLock
from models.core.restore import good_backups, restore
from models.core.sqlite_storage import DataFileDatabase
from models.core.tables import Meta, db

log = logging.getLogger(__name__)


class Opened(Enum):
    OPENED = "opened"  # open, writable, with its branch
    READ_ONLY = "read-only"  # open for reading only (file, folder or disk cannot be written)
    NO_BRANCH = "no-branch"  # open and writable, but its branch is not set up yet (a new file)
    PASSPHRASE_NEEDED = "passphrase-needed"  # encrypted, and neither this session nor the OS store has its key
    DAMAGED = "damaged"  # refused as damaged; `backups` are its good backups, newest first
    REFUSED = "refused"  # anything else that keeps it from opening (message says what); the previous file stays
    NO_KEY_STORE = "no-key-store"  # a new file could not be encrypted by default: ask for a passphrase or go plain


@dataclass(frozen=True)
class Outcome:
    kind: Opened
    target: Path | str
    message: str = ""
    backups: tuple[BackupFile, ...] = field(default=())
    recovery_key: str = ""  # a new or newly encrypted file: shown once, for the branch's papers

    @property
    def is_open(self) -> bool:
        return self.kind in (Opened.OPENED, Opened.READ_ONLY, Opened.NO_BRANCH)


def open_file(target: Path | str, passphrase: str | None = None) -> Outcome:
    """Open an existing data file (never create one) or a server's URL; the previous one stays open unless this
    one opened. An encrypted file opens with `passphrase`, a recovery key, or the key the OS store keeps for it."""

    try:
        open_database(target, passphrase, create=False)
    except PassphraseNeededError as exc:
        mistyped = passphrase and file_keys.looks_like_recovery(passphrase) and not file_keys.parse_recovery(passphrase)
        return Outcome(Opened.PASSPHRASE_NEEDED, target, file_keys.MISTYPED if mistyped else exc.message)
    except DamagedFileError as exc:
        return Outcome(Opened.DAMAGED, target, exc.message, tuple(good_backups(Path(target))))
    except DatabaseFileError as exc:
        return Outcome(Opened.REFUSED, target, exc.message)
    if not is_server_url(target):
        _keep_recovered_key(Path(target), passphrase)
    return _opened(target)


def reopen_if_closed(previous: Path | str | None) -> None:
    """After an act that failed, the file (or server) open before is open again if the act had closed it."""

    if previous is not None and (db.obj is None or db.obj.is_closed()):
        open_file(previous)


def _opened(target: Path | str, recovery_key: str = "") -> Outcome:

    if is_read_only():
        return Outcome(Opened.READ_ONLY, target, recovery_key=recovery_key)
    if get_branch() is None:
        return Outcome(Opened.NO_BRANCH, target, recovery_key=recovery_key)
    return Outcome(Opened.OPENED, target, recovery_key=recovery_key)


def _keep_recovered_key(path: Path, given: str | None) -> None:
    """A file opened on this PC with its recovery key: the OS store keeps the key, so it opens by itself next time."""
    key = file_keys.parse_recovery(given or "")
    salt = passphrases.salt_of(path)
    if key is not None and salt is not None and file_keys.load(salt) is None and file_keys.save(salt, key):
        log.info("The key of data file %s is now kept in this PC's credential store", path.name)


def new_stored_key() -> tuple[str, bytes] | None:
    """A random key for a new file, already kept in the OS store: (its recovery key, the salt it is kept under);
    None where there is no store."""
    key, salt = file_keys.new_key(), passphrases.new_salt()
    return (file_keys.recovery_text(key), salt) if file_keys.save(salt, key) else None


def create_file(path: Path, passphrase: str | None = None, plain: bool = False) -> Outcome:
    """The one act that makes a new data file. By default it is encrypted with a random key kept in the OS store
    (its recovery key is in the outcome, to be shown once); with `passphrase`, by that passphrase; `plain` only when
    the user chose so. NO_KEY_STORE when there is no store to keep a key: ask for a passphrase or for `plain`."""

    path = Path(path).expanduser()
    if path.exists() or path.is_symlink():
        return Outcome(
            Opened.REFUSED,
            path,
            f"Tệp «{path.name}» đã có; ChiBo không ghi đè lên tệp đã có. Hãy chọn tên khác hoặc dùng «Mở tệp dữ liệu».",
        )
    recovery = ""
    if not passphrase and not plain:
        stored = new_stored_key()
        if stored is None:
            return Outcome(Opened.NO_KEY_STORE, path, file_keys.NO_STORE)
        recovery = stored[0]
        passphrases.remember_new(path, *stored)
    try:
        open_database(path, passphrase or None, create=True)
    except DatabaseFileError as exc:
        passphrases.forget(path)
        return Outcome(Opened.REFUSED, path, exc.message)
    return _opened(path, recovery)


def discard_new_file(path: Path) -> None:
    """Close and remove a data file this session has just created (a practice file whose filling failed), with
    the files SQLite keeps beside it; never a file that was not created now (nothing is done unless it is open)."""

    if getattr(db.obj, "path", None) != path:
        return
    close_database()
    for suffix in ("", *_SIDE_FILES):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    passphrases.forget(path)


def restore_open_file(backup: BackupFile) -> Path:
    """Replace the open data file by `backup` (its current state backed up first), holding the file's lock
    throughout: no other ChiBo can open it between closing and reopening. Reopened whatever happened; a
    DomainError says why it was not restored. Returns the backup of the state replaced."""

    current = db.obj
    if not isinstance(current, DataFileDatabase) or current.read_only:
        raise DatabaseFileError("Chỉ phục hồi được tệp dữ liệu trên máy mà ChiBo được phép ghi.")
    path = current.path
    close_database(keep_lock=True)
    try:
        return restore(path, backup)
    finally:
        open_database(path, create=False)


def restore_damaged(path: Path, backup: BackupFile) -> tuple[Path, Outcome]:
    """Set the damaged file aside, put `backup` in its place and open it, holding its lock from before the first
    step to the open file. Returns where the damaged file now is and the opening's outcome."""

    lock = FileLock(path).acquire()
    try:
        lock.before_replace()  # Windows cannot move aside a file still open here
        aside = restore(path, backup, damaged=True)
        open_database(path, create=False, lock=lock)
    except BaseException:
        lock.release()
        raise
    return aside, _opened(path)


def offers_encryption(path: Path) -> bool:
    """A plain data file open now that ChiBo may write and has not offered to encrypt yet (offered once)."""

    if is_read_only() or passphrases.is_encrypted(path) or not path.is_file():
        return False
    return Meta.get_or_none(Meta.key == _OFFERED) is None


def decline_encryption() -> None:

    with db.atomic():
        set_meta(_OFFERED, "declined")


def encrypt_open_file() -> Outcome:
    """Encrypt the plain data file open now and its backups with a random key kept in the OS store (the current
    state backed up first). The outcome carries the recovery key; NO_KEY_STORE when there is no store."""

    path = db.obj.path
    stored = new_stored_key()
    if stored is None:
        return Outcome(Opened.NO_KEY_STORE, path, file_keys.NO_STORE)
    recovery, salt = stored
    protect_open_file(recovery, salt)
    return _opened(path, recovery)


def remove_passphrase() -> tuple[list[Path], str]:
    """Remove the passphrase of the open file: it stays encrypted, with a random key the OS store keeps (its recovery
    key returned, to be shown), or, where there is no store, it becomes plain ("" returned). Returns the backups
    that could not be rewritten too (models.core.encryption.change_protection)."""

    stored = new_stored_key()
    if stored is None:
        return protect_open_file(None), ""
    return protect_open_file(*stored), stored[0]


_OFFERED = "encryption_offered"
