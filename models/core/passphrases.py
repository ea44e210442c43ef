"""The passphrases of encrypted data files known to this session (held in memory only, never written), the keys
SQLCipher opens them with, and how a file that may be encrypted is recognised before any key is tried.

A passphrase belongs to a data file and to everything made from it: its automatic backups (the folder beside it)
and the partial copies written while backing up or restoring, so each of those opens with the same key.

The key is derived here exactly as SQLCipher 4 derives it (PBKDF2-HMAC-SHA512, 256,000 rounds, the 16-byte salt at
the head of the file), once per passphrase and salt, and handed to SQLCipher as a raw key: any SQLCipher tool opens
the file with the passphrase, while ChiBo's many short connections (probe, backup, verify) skip the half-second
derivation each would otherwise cost.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from functools import lru_cache
from pathlib import Path

from models.core.file_keys import load, parse_recovery, recovery_text

SQLITE_MAGIC = b"SQLite format 3\x00"
_PAGE = 512  # every SQLite (and SQLCipher) page size is a multiple of this
_PARTIAL_SUFFIXES = (".part", ".phuc-hoi", ".ma-hoa", ".tao-moi")  # copies being written beside a file or a backup
_BACKUP_FOLDER_TAIL = " - sao lưu"  # models.core.auto_backup.backup_folder

_KDF_ROUNDS = 256_000  # SQLCipher 4's default
_SALT_BYTES = 16

VARIABLE = "CHIBO_PASSPHRASE"  # where a headless command finds an encrypted file's passphrase

_known: dict[Path, str] = {}
_new_salts: dict[Path, bytes] = {}  # the salt of a data file being created, before its header is on disk


def _key(path: Path) -> Path:
    return Path(path).expanduser().resolve()


def remember(path: Path, passphrase: str) -> None:
    """The data file `path` opens with `passphrase` from now on (in this process only)."""
    _known[_key(path)] = passphrase


def remember_new(path: Path, secret: str, salt: bytes) -> None:
    """The data file `path`, not created yet, will be encrypted with `secret` and `salt` (the salt its key is kept
    under in the credential store: models.core.file_keys)."""
    remember(path, secret)
    _new_salts[_key(path)] = salt


def from_environment() -> str | None:
    """The passphrase a headless command was given in CHIBO_PASSPHRASE, if any."""
    return os.environ.get(VARIABLE) or None


def forget(path: Path) -> None:
    _known.pop(_key(path), None)
    _new_salts.pop(_key(path), None)


def passphrase_for(path: Path) -> str | None:
    """The passphrase of `path`, of the data file a backup or partial copy `path` was made from, or None."""
    source = _source_of(path)
    return None if source is None else _known[source]


def _source_of(path: Path) -> Path | None:
    """The known data file whose passphrase `path` (the file, one of its backups or a partial copy) opens with."""
    key = _key(path)
    name = key.name
    for suffix in _PARTIAL_SUFFIXES:
        if name.endswith(suffix):
            key = key.with_name(name[: -len(suffix)])
            break
    if key in _known:
        return key
    folder = key.parent
    if folder.name.endswith(_BACKUP_FOLDER_TAIL):  # «<stem> - sao lưu/<stem> <stamp> <reason><suffix>»
        stem = folder.name[: -len(_BACKUP_FOLDER_TAIL)]
        return next((p for p in _known if p.parent == folder.parent and p.stem == stem), None)
    return None


def sql_key_for(path: Path, like: Path | None = None) -> str | None:
    """The PRAGMA key literal opening `path`, or None for a plain file. The passphrase is that of `like` (a data
    file whose copy `path` is) or of `path`'s own data file; the salt is read from `path`'s head, or, for a copy not
    written yet, from `like`'s or the data file's, so the copy is encrypted like its source."""
    source = _source_of(like if like is not None else path)
    if source is None:
        return None
    salt = _salt_of(path) or _salt_of(like or source) or _new_salts.setdefault(source, os.urandom(_SALT_BYTES))
    return raw_key(_known[source], salt)


def new_sql_key(passphrase: str, salt: bytes | None = None) -> str:
    """The PRAGMA/ATTACH key literal of a new encryption with `passphrase` (or a recovery key) and `salt` (by
    default a fresh one)."""
    return raw_key(passphrase, salt or new_salt())


def new_salt() -> bytes:
    return os.urandom(_SALT_BYTES)


def raw_key(passphrase: str, salt: bytes) -> str:
    """The key literal of `passphrase` with `salt`: a recovery key (models.core.file_keys) is the key itself, a
    passphrase is derived as SQLCipher derives it."""

    key = parse_recovery(passphrase) or _derive(passphrase, salt)
    return f"\"x'{key.hex()}{salt.hex()}'\""


def has_passphrase(path: Path) -> bool:
    """Whether `path` is open with a passphrase a person typed (not a stored random key: the window's inactivity
    lock asks for the passphrase, so it needs one)."""

    known = passphrase_for(path)
    return known is not None and parse_recovery(known) is None


def remember_stored_key(path: Path) -> bool:
    """Know the key the OS credential store keeps for the encrypted file `path` (by its salt); False if none."""

    salt = _salt_of(path)
    key = load(salt) if salt is not None else None
    if key is None:
        return False
    remember(path, recovery_text(key))
    return True


def salt_of(path: Path) -> bytes | None:
    return _salt_of(path)


@lru_cache(maxsize=16)
def _derive(passphrase: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, _KDF_ROUNDS, 32)


def _salt_of(path: Path) -> bytes | None:
    """The salt at the head of an existing SQLCipher file."""
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(_SALT_BYTES)
    except OSError:
        return None
    return head if len(head) == _SALT_BYTES and head != SQLITE_MAGIC else None


def matches(path: Path, passphrase: str) -> bool:
    """Whether `passphrase` is the one this session opened `path` with (the inactivity lock's check)."""
    known = passphrase_for(path)
    return known is not None and hmac.compare_digest(known.encode("utf-8"), passphrase.encode("utf-8"))


def is_encrypted(path: Path) -> bool:
    """Whether the open or known file `path` is used with a passphrase in this session."""
    return passphrase_for(path) is not None


def looks_encrypted(path: Path) -> bool:
    """A non-empty file whose size is whole pages but whose header is not SQLite's: an SQLCipher file (its header is
    a random salt) — or, rarely, some other binary file, which the passphrase then fails to open."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError:
        return False
    return size > 0 and size % _PAGE == 0 and head != SQLITE_MAGIC
