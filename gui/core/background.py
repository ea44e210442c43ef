"""Long work off the GUI thread: a QThreadPool job with a cancellable Vietnamese progress dialog.

The job is a plain callable `job(progress) -> result`; `progress(done, total)` returns False once the user has
pressed «Hủy», and the domain code then raises models.core.errors.Cancelled (or stops) without saving anything.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from models.core.errors import Cancelled
from models.core.tables import db

log = logging.getLogger(__name__)


class _Signals(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class _Job(QRunnable):
    def __init__(self, job: Callable[[Callable[[int, int], bool]], Any]) -> None:
        super().__init__()
        self.signals = _Signals()
        self._job = job
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progressed.emit(done, total)
        return not self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self._job(self._progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # reported to the GUI thread, which shows it
            from models.core.failures import is_expected  # peewee loads after the first paint (start-up)

            if not is_expected(exc):
                log.exception("Background job failed")
            self.signals.failed.emit(exc)
        else:
            # A job that returned has done its work (a save committed), even if «Hủy» came too late to stop it.
            self.signals.finished.emit(result)
        finally:
            if db.obj is not None and not db.obj.is_closed():
                db.obj.close()  # this worker thread's own connection (peewee keeps one per thread)


class BackgroundTask(QObject):
    """Runs `job` on the thread pool and shows progress; emits exactly one of finished/failed/cancelled.

    A failure is shown to the user through gui.core.dialogs.show_failure with `failure_text` (what could not be
    done); `failed` is still emitted, for the caller to restore its own state. `failure_text=None` leaves showing
    the failure to the caller.
    """

    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(
        self, parent: QWidget, title: str, label: str, job, show_after_ms: int = 300, failure_text: str | None = ""
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._failure_text = failure_text
        self._job = _Job(job)
        self._job.setAutoDelete(False)
        self.dialog = QProgressDialog(label, "&Hủy", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(show_after_ms)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self._job.cancel)
        signals = self._job.signals
        signals.progressed.connect(self._on_job_progressed)
        signals.finished.connect(self._on_job_finished)
        signals.failed.connect(self._on_job_failed)
        signals.cancelled.connect(self._on_job_cancelled)

    def start(self) -> None:
        QThreadPool.globalInstance().start(self._job)

    def cancel(self) -> None:
        self._job.cancel()

    def _on_job_progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def _close(self) -> None:
        self.dialog.reset()
        self.dialog.hide()

    def _on_job_finished(self, result: object) -> None:
        self._close()
        self.finished.emit(result)

    def _on_job_failed(self, error: object) -> None:
        self._close()
        self.failed.emit(error)
        if self._failure_text is not None:
            from gui.core import dialogs

            dialogs.show_failure(self._parent, error, self._failure_text)

    def _on_job_cancelled(self) -> None:
        self._close()
        self.cancelled.emit()
