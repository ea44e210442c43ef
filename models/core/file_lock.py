"""One ChiBo at a time on a data file: OS locks freed on exit and by the OS after a crash.

Two locks are held while a file is open. One is on "<data file>.lock" beside it (never on the data file itself
for this one), which guards the path even before the file exists and across the moment a restore or a change of
passphrase puts a new file in its place. The other is on the data file itself, so the file is guarded whatever
name reaches it (a hard link, a symbolic link, another spelling of the folder): `flock` on POSIX (independent of
SQLite's own `fcntl` locks), and on Windows `msvcrt.locking` of one byte far beyond any data (SQLite never reads
or writes there). A lock file left behind by a crashed ChiBo holds no lock and is simply taken over.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from models.core.errors import DatabaseFileError


def lock_path(data_path: Path) -> Path:
    return data_path.with_name(data_path.name + ".lock")


def identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the ordinary file at `path` (what stays the same under every name of one file), or None
    (no file there, or a folder, a pipe or a device: nothing ChiBo opens)."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_dev, found.st_ino) if stat.S_ISREG(found.st_mode) else None


class FileLock:
    """An exclusive, non-blocking lock held for as long as the data file is open in this process."""

    def __init__(self, data_path: Path) -> None:
        self.data_path = data_path.resolve()
        self.path = lock_path(self.data_path)
        self._fd: int | None = None
        self._file_fd: int | None = None  # the lock on the data file itself
        self.identity: tuple[int, int] | None = None  # of the file locked through _file_fd

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
            raise self._refusal() from exc
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())  # for a person looking at the folder; the lock is the flock
        except OSError:
            pass  # a full disk: the lock holds all the same
        self._fd = fd
        try:
            self.follow_file()
        except BaseException:
            self.release()
            raise
        return self

    def follow_file(self) -> None:
        """Lock the file now at the path (a new one, or the one a restore put in place), if not locked already."""
        if self._fd is None:
            return
        now = identity(self.data_path)
        if now is None or now == self.identity:
            return
        try:
            fd = os.open(self.data_path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            return  # it cannot even be read: opening it fails with its own message
        try:
            _lock(fd, far=True)
        except OSError as exc:
            os.close(fd)
            raise self._refusal() from exc
        self._drop_file_lock()
        self._file_fd, self.identity = fd, now

    def before_replace(self) -> None:
        """The data file is about to be replaced (restore, change of passphrase): Windows cannot replace a file
        open elsewhere, so its own lock is let go there; the lock beside it still guards the path meanwhile, and
        `follow_file` takes the new file's lock when it is opened again."""
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            self._drop_file_lock()

    def release(self) -> None:
        self._drop_file_lock()
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)
        self.path.unlink(missing_ok=True)

    def _drop_file_lock(self) -> None:
        fd, self._file_fd, self.identity = self._file_fd, None, None
        if fd is not None:
            try:
                _unlock(fd, far=True)
            except OSError:
                pass  # closing the handle frees it all the same
            finally:
                os.close(fd)

    def _refusal(self) -> DatabaseFileError:
        return DatabaseFileError(
            f"Tệp «{self.data_path.name}» đang được mở trong một cửa sổ ChiBo khác. "
            "Mỗi tệp dữ liệu chỉ mở được ở một cửa sổ: hãy dùng cửa sổ đang mở, hoặc đóng nó rồi mở lại."
        )


# Windows: the byte locked on the data file itself. Below 2 GiB (whatever width the C runtime gives the offset),
# far above SQLite's own lock bytes at 1 GiB and beyond any page of a ChiBo file, so SQLite never touches it.
_FAR = 0x7FFF_FF00

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int, far: bool = False) -> None:
        os.lseek(fd, _FAR if far else 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int, far: bool = False) -> None:
        os.lseek(fd, _FAR if far else 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int, far: bool = False) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int, far: bool = False) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
