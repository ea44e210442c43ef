"""Data files encrypted by default without a passphrase to forget: a random key per file, kept in the user's
operating-system credential store (Windows Credential Manager, the Secret Service on Linux) through the `keyring`
library, and shown once as a recovery key the secretary prints and keeps with the branch's papers.

The key is SQLCipher's raw key: no derivation, so opening costs nothing. The store's entry is named after the
file's salt (the 16 bytes at its head, which every copy made by ChiBo shares), so the file, its backups and any
copy on a USB stick open on this PC with the same entry. On another PC the recovery key opens it, typed where a
passphrase is asked (or given in CHIBO_PASSPHRASE to a headless command), and is then kept in that PC's store.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os

log = logging.getLogger(__name__)

SERVICE = "ChiBo"
KEY_BYTES = 32
_GROUP = 4
_KEY_CHARS = 52  # base32 of 32 bytes without padding
_CHECK_CHARS = 4  # a last group that catches a mistyped recovery key


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def recovery_text(key: bytes) -> str:
    """The recovery key of `key` in groups of four letters and digits, its last group a check of the others."""
    body = base64.b32encode(key).decode("ascii").rstrip("=")
    check = base64.b32encode(hashlib.sha256(key).digest()).decode("ascii")[:_CHECK_CHARS]
    text = body + check
    return "-".join(text[i : i + _GROUP] for i in range(0, len(text), _GROUP))


def parse_recovery(text: str) -> bytes | None:
    """The key a recovery key (as printed, in any case, with or without its dashes and spaces) stands for; None
    for anything else (a passphrase) or a recovery key with a typing mistake."""
    compact = _compact(text)
    if len(compact) != _KEY_CHARS + _CHECK_CHARS:
        return None
    body = compact[:_KEY_CHARS]
    try:
        key = base64.b32decode(body + "=" * (-len(body) % 8))
    except ValueError:
        return None
    return key if len(key) == KEY_BYTES and recovery_text(key).replace("-", "") == compact else None


def looks_like_recovery(text: str) -> bool:
    """Typed in the shape of a recovery key (14 groups of four), so a mistake in it is named as such."""
    return len(_compact(text)) == _KEY_CHARS + _CHECK_CHARS and text.count("-") + text.count(" ") >= 10


MISTYPED = (
    "Khóa khôi phục vừa gõ có chỗ sai (nhóm cuối là mã kiểm tra, không khớp với các nhóm trước). Hãy gõ lại, đối "
    "chiếu từng nhóm bốn ký tự với bản in."
)


def _compact(text: str) -> str:
    """A recovery key as typed from paper: case, dashes and spaces ignored; the digits 0, 1 and 8 (never in one)
    read as the letters O, I and B they are mistaken for."""
    kept = "".join(ch for ch in text.upper() if ch not in "- \t\r\n")
    return kept.translate(str.maketrans("018", "OIB"))


def _entry(salt: bytes) -> str:
    return f"data-file-{salt.hex()}"


def _backend():
    """The OS credential store, or None where there is none (no Secret Service, a session without one)."""
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
    except Exception:  # a broken configuration or back end is no store at all
        log.warning("The credential store could not be loaded", exc_info=True)
        return None
    return None if isinstance(backend, (fail.Keyring, null.Keyring)) else backend


def store_available() -> bool:
    return _backend() is not None


def save(salt: bytes, key: bytes) -> bool:
    """Keep `key` for the files of `salt` in the store; False when there is no store or it refused."""
    backend = _backend()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, _entry(salt), key.hex())
    except Exception:  # keyring's own errors, or D-Bus and Windows errors it lets through
        log.warning("The credential store refused to keep a data file's key", exc_info=True)
        return False
    return True


def load(salt: bytes) -> bytes | None:
    """The key the store keeps for the files of `salt`, or None (no store, no entry, a store that refused)."""
    backend = _backend()
    if backend is None:
        return None
    try:
        value = backend.get_password(SERVICE, _entry(salt))
    except Exception:
        log.warning("The credential store could not be read", exc_info=True)
        return None
    try:
        key = bytes.fromhex(value) if value else None
    except ValueError:
        return None
    return key if key is not None and len(key) == KEY_BYTES else None


NO_STORE = (
    "Máy này không có kho khóa của hệ điều hành (Windows Credential Manager, hoặc Secret Service trên Linux) nên "
    "ChiBo không tự giữ được khóa mã hóa của tệp. Hãy đặt mật khẩu để tệp được mã hóa; nếu không, tệp mới sẽ không "
    "được mã hóa và ai có tệp cũng đọc được."
)
