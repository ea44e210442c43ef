"""Loading the whole roster on a worker thread, in chunks that grow, so the window stays usable meanwhile.

The worker reads with its own database connection (peewee keeps one per thread; SQLite's write-ahead log lets it
read while the GUI thread works) and builds the table rows there too; the GUI thread only appends them.
"""

from __future__ import annotations

import logging
import threading
from datetime import date

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

FIRST_CHUNK = 2_000  # members shown first: a screenful many times over, read in a few milliseconds
BATCH = 5_000  # members read and turned into rows between two looks at «cancel»


class _Signals(QObject):
    loaded = Signal(object, object, int)  # member records, their roster rows, members in the file
    failed = Signal(object)
    done = Signal(bool)  # True when every member was loaded


class _Worker(QRunnable):
    def __init__(self, signals: _Signals, cancel: threading.Event) -> None:
        super().__init__()
        self.signals, self._cancel = signals, cancel

    def run(self) -> None:
        from models.core.tables import db
        from models.roster.members import member_chunks, member_count
        from models.roster.roster import roster_rows

        complete = False
        try:
            total, today, sent = member_count(), date.today(), 0
            records, rows = [], []
            for chunk in member_chunks(BATCH):
                if self._cancel.is_set():
                    return
                records += chunk
                rows += roster_rows(chunk, today)
                if len(rows) >= max(FIRST_CHUNK, sent):  # each chunk as big as all before it: few re-sorts
                    self.signals.loaded.emit(records, rows, total)
                    sent += len(rows)
                    records, rows = [], []
            if rows:
                self.signals.loaded.emit(records, rows, total)
            complete = True
        except Exception as exc:  # shown by the GUI thread
            log.exception("Loading the roster failed")
            self.signals.failed.emit(exc)
        finally:
            if db.obj is not None and not db.obj.is_closed():
                db.obj.close()  # this thread's own connection only
            self.signals.done.emit(complete and not self._cancel.is_set())


class RosterLoader(QObject):
    """One load of every member; emits `loaded` per chunk, then `done(complete)`; `cancel()` stops it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.signals = _Signals()
        self.loaded, self.failed, self.done = self.signals.loaded, self.signals.failed, self.signals.done
        self._cancel = threading.Event()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

    def start(self) -> None:
        self._pool.start(_Worker(self.signals, self._cancel))

    def cancel(self, wait_ms: int = 5_000) -> None:
        """Stop after the chunk being read and wait for the worker (its connection closed) up to `wait_ms`."""
        self._cancel.set()
        self._pool.waitForDone(wait_ms)
