"""The window's automatic backups (models.core.auto_backup): on opening a file, off the GUI thread and silent
unless it fails; before a destructive act and on exit, at once."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from gui.core import dialogs, operations

log = logging.getLogger(__name__)


def backup_before(parent: QWidget | None, reason: str) -> None:
    """Back up before a destructive act; when that fails the user is told (the act goes on: the file is intact)."""
    from models.core.database import backup_open_file

    def warn(exc) -> None:
        log.warning("Automatic backup (%s) failed: %s", reason, exc.message)
        dialogs.show_warning(parent, "Chưa sao lưu tự động được trước thao tác này.", exc.message)

    operations.run(parent, lambda: backup_open_file(reason), on_failure=warn)


class _Signals(QObject):
    done = Signal(str)
    failed = Signal(str)


class _Backup(QRunnable):
    def __init__(self, path: Path, reason: str) -> None:
        from models.core.database import open_identity

        super().__init__()
        self.signals = _Signals()
        self._path, self._reason, self._identity = path, reason, open_identity(path)

    def run(self) -> None:
        from models.core.auto_backup import take_backup
        from models.core.errors import StorageError

        try:
            self.signals.done.emit(str(take_backup(self._path, self._reason, identity=self._identity)))
        except StorageError as exc:
            self.signals.failed.emit(exc.message)


class OpeningBackup(QObject):
    """The backup taken when a data file opens, on a worker thread (its own connection); `failed(message)` so the
    window can say so in its status bar."""

    done = Signal(str)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

    def start(self, path: Path) -> None:
        job = _Backup(path, "open")
        job.signals.done.connect(self.done)
        job.signals.failed.connect(self.failed)
        self._pool.start(job)

    def wait(self, ms: int = 30_000) -> None:
        self._pool.waitForDone(ms)
