"""Loading the whole roster on a worker thread, in chunks that grow, so the window stays usable meanwhile.

It reads rows only, in pages that come in A-B-C order, so the first page is the top of the list and the rest goes
below it; a database where some member lacks its sort key is read record by record (the tab keeps them).

The worker reads with its own database connection (peewee keeps one per thread; SQLite's write-ahead log lets it
read while the GUI thread works) and builds the table rows there too; the GUI thread only appends them.
"""

from __future__ import annotations

import heapq
import logging
import threading

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

log = logging.getLogger(__name__)

FIRST_CHUNK = 2_000  # members shown first: a screenful many times over, read in a few milliseconds
WHOLE_FILE_CHUNK = 10_000  # a file's roster up to this size comes in one chunk: one append and one paint
BATCH = 5_000  # members read and turned into rows between two looks at «cancel»
FIRST_SORT = ("full_name", False)  # the members table's sort when built: A-B-C by name (gui.roster.members_tab)
MAX_CHUNK = 50_000  # the GUI thread's work per chunk grows with it: kept to a fraction of a second


class _Signals(QObject):
    # member records (None when read in pages: the tab reads records when it needs them), their rows, members in
    # the database, the sort order of every row so far
    loaded = Signal(object, object, int, object)
    failed = Signal(object)
    done = Signal(bool)  # True when every member was loaded


def _record_chunks(today, _total, _stop):
    """Some member without its sort key: every record with its events, by id, turned into rows here."""
    from models.roster.members import member_chunks
    from models.roster.roster import roster_rows

    for chunk in member_chunks(BATCH):
        yield chunk, roster_rows(chunk, today)


def _row_pages(today, total, stop):
    """Rows only, a page at a time in A-B-C order (models.roster.roster_pages); a file's roster of a branch's size
    in one page (one more than counted, so no second query asks whether more came meanwhile); no page is asked
    for once `stop()`."""
    from models.roster.roster_pages import is_server, roster_pages

    first = total + 1 if total <= WHOLE_FILE_CHUNK and not is_server() else FIRST_CHUNK
    for page in roster_pages(today, first, MAX_CHUNK, stop):
        yield None, page


class _Worker(QRunnable):
    def __init__(self, signals: _Signals, cancel: threading.Event, column: str, descending: bool) -> None:
        super().__init__()
        self.signals, self._cancel = signals, cancel
        self._sort = column, descending

    def run(self) -> None:
        from models.core.tables import db
        from models.roster.roster_pages import building_roster

        complete = False
        try:
            with building_roster():
                complete = self._load()
        except Exception as exc:  # shown by the GUI thread
            log.exception("Loading the roster failed")
            self.signals.failed.emit(exc)
        finally:
            if db.obj is not None and not db.obj.is_closed():
                db.obj.close()  # this thread's own connection only
            self.signals.done.emit(complete and not self._cancel.is_set())

    def _load(self) -> bool:
        """Every row, sent in chunks; False when cancelled."""
        from models.core import clock
        from models.roster.roster import RosterRows, sort_keys
        from models.roster.roster_pages import loads_in_pages
        from models.roster.roster_size import member_count

        total, today = member_count(), clock.today()
        column, descending = self._sort
        paged = loads_in_pages()
        every_row, keys = RosterRows(), []  # keys: every row's sort key, when the pages do not come in that order
        records, sent, order, runs = [], 0, [], []

        def send() -> None:
            nonlocal records, sent, order, runs
            if runs:
                # Merged in Python, not by one sort: a sort holds the interpreter (the GUI thread too) for its
                # whole run, a merge lets it go every few milliseconds. Pages in the table's order need none
                # (a merge of the order alone would still walk every row so far, at every page).
                order = list(heapq.merge(order, *runs, key=keys.__getitem__, reverse=descending))
            self.signals.loaded.emit(None if paged else records, every_row[sent:], total, list(order))
            records, sent, runs = [], len(every_row), []

        for chunk, rows in (_row_pages if paged else _record_chunks)(today, total, self._cancel.is_set):
            if self._cancel.is_set():
                return False
            if chunk is not None:
                records += chunk
            first = len(every_row)
            every_row += rows
            if paged and (column, descending) == ("full_name", False):
                order.extend(range(first, len(every_row)))  # pages come in this order, each below the last
                send()
                continue
            keys += sort_keys(rows, column)
            runs.append(sorted(range(first, len(every_row)), key=keys.__getitem__, reverse=descending))
            if paged or len(every_row) - sent >= min(MAX_CHUNK, max(FIRST_CHUNK, sent)):  # as big as all before
                send()
        if runs:
            send()
        return True


class RosterLoader(QObject):
    """One load of every member; emits `loaded` per chunk, then `done(complete)`; `cancel()` stops it.

    The worker also sorts every row loaded so far by `column` (the table's sort when the load began), so the GUI
    thread does not sort 500,000 rows; `loaded` carries that order of all rows so far.

    A loader started `held` (at start-up, before the members tab that shows its rows exists) keeps what the worker
    sends until `release()`, then hands it on in the order it came: a chunk that arrived before the tab was built
    is not lost, and one that arrives after is not handed on ahead of it."""

    loaded = Signal(object, object, int, object)
    failed = Signal(object)
    done = Signal(bool)

    def __init__(self, column: str, descending: bool, parent: QObject | None = None, held: bool = False) -> None:
        super().__init__(parent)
        self._sort = column, descending
        self._held: list[tuple[Signal, tuple]] | None = [] if held else None
        self.signals = _Signals()  # emitted on the worker's thread, received here on the GUI thread
        self.signals.loaded.connect(self._on_worker_loaded)
        self.signals.failed.connect(self._on_worker_failed)
        self.signals.done.connect(self._on_worker_done)
        self._cancel = threading.Event()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

    @property
    def sort(self) -> tuple[str, bool]:
        return self._sort

    def start(self) -> None:
        self._pool.start(_Worker(self.signals, self._cancel, *self._sort))

    def release(self) -> None:
        """A held loader hands on what came so far (from the event loop, as the worker's own signals would come),
        then everything as it comes."""
        QTimer.singleShot(0, self, self._hand_on)

    def _hand_on(self) -> None:
        while self._held:  # a slot may run the event loop (an error's dialog): what comes meanwhile waits its turn
            signal, args = self._held.pop(0)
            signal.emit(*args)
        self._held = None

    def _pass(self, signal: Signal, args: tuple) -> None:
        if self._held is None:
            signal.emit(*args)
        else:
            self._held.append((signal, args))

    def _on_worker_loaded(self, *args) -> None:
        self._pass(self.loaded, args)

    def _on_worker_failed(self, error: Exception) -> None:
        self._pass(self.failed, (error,))

    def _on_worker_done(self, complete: bool) -> None:
        self._pass(self.done, (complete,))

    def cancel(self, wait_ms: int = 5_000) -> None:
        """Stop after the chunk being read and wait for the worker (its connection closed) up to `wait_ms`."""
        self._cancel.set()
        self._pool.waitForDone(wait_ms)
