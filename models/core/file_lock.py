"""One ChiBo at a time on a data file: an OS lock on a companion file, freed on exit and by the OS after a crash.

The lock is taken on "<data file>.lock" (never on the data file itself, which SQLite locks on its own), with
`flock` on POSIX and `msvcrt.locking` on Windows. A lock file left behind by a crashed ChiBo holds no lock and is
simply taken over.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from models.core.errors import DatabaseFileError


def lock_path(data_path: Path) -> Path:
    return data_path.with_name(data_path.name + ".lock")


class FileLock:
    """An exclusive, non-blocking lock held for as long as the data file is open in this process."""

    def __init__(self, data_path: Path) -> None:
        self.data_path = data_path.resolve()
        self.path = lock_path(self.data_path)
        self._fd: int | None = None

    def acquire(self) -> FileLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return self  # a read-only folder: nobody can write the file there, so there is nothing to guard
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            raise DatabaseFileError(
                f"Tệp «{self.data_path.name}» đang được mở trong một cửa sổ ChiBo khác. "
                "Mỗi tệp dữ liệu chỉ mở được ở một cửa sổ: hãy dùng cửa sổ đang mở, hoặc đóng nó rồi mở lại."
            ) from exc
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())  # for a person looking at the folder; the lock is the flock
        except OSError:
            pass  # a full disk: the lock holds all the same
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)
        self.path.unlink(missing_ok=True)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
