"""Python's cyclic garbage collection on the GUI thread only (docs/architecture.md, «Threads and garbage»).

The collector runs on whichever thread happens to allocate when a generation's count crosses its threshold. A window
that was closed can leave its Python wrappers in a reference cycle (a widget holding a model whose slot is one of the
widget's methods); when a worker (an export, an import, the roster's loader) triggers the collection, the C++ objects
of that cycle are deleted on the worker's thread while the GUI thread still delivers their queued signals: a crash
(seen as a segmentation fault inside QItemSelectionModel after a closed chooser's model was freed by an export).

So while the window runs, automatic collection is off and a timer of the GUI thread collects each generation when
its count has crossed the same threshold Python would have used. Reference counting still frees everything that is
not in a cycle at once, on any thread; only cycles wait for the next tick (a second at most).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from gui.core import collection

INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    """Owns garbage collection while it runs (none while start-up has it paused: gui.core.collection); `stop()`
    gives it back to Python."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        collection.leave_to_gui_thread(True)
        self._timer.start(interval_ms)

    def collect_due(self) -> int:
        """Collect the oldest generation whose count has crossed its threshold, as Python would have done at that
        count (collecting a generation collects the younger ones with it); the number of objects freed."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        if thresholds[0] == 0 or collection.is_paused():  # switched off altogether, or the window is starting
            return 0
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                return gc.collect(generation)
        return 0

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()
        collection.leave_to_gui_thread(False)


_running: GuiThreadCollector | None = None


def collect_on_gui_thread(parent: QObject) -> GuiThreadCollector:
    """Start collecting on the thread of `parent` (the application: the GUI thread); once per process."""
    global _running
    if _running is None:
        _running = GuiThreadCollector(parent)
    return _running


def stop_collecting() -> None:
    """Give automatic collection back (the tests, between a window's test and the next)."""
    global _running
    if _running is not None:
        _running.stop()
        _running.deleteLater()
        _running = None
