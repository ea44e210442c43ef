"""Garbage cycles holding Qt objects are freed on the GUI thread, never on a worker (gui/core/collector.py)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject

from gui.core import collection, collector
from gui.core.app import create_application


class _Marker:
    """Records the thread that frees it."""

    def __init__(self, freed_on: list[int]) -> None:
        self.freed_on = freed_on

    def __del__(self) -> None:
        self.freed_on.append(threading.get_ident())


def _qt_cycle(freed_on: list[int]) -> None:
    """What a closed window can leave: a Python-owned Qt object in a reference cycle, reachable from nowhere."""
    holder = QObject()
    marker = _Marker(freed_on)
    holder.marker = marker  # type: ignore[attr-defined]
    marker.holder = holder  # type: ignore[attr-defined]


def _allocate_on_a_worker() -> list[list[int]]:
    """A worker's busy work (an export's cells, kept until the file is written): far more new containers than the
    youngest generation's threshold."""
    made: list[list[list[int]]] = []
    worker = threading.Thread(target=lambda: made.append([[i] for i in range(200_000)]))
    worker.start()
    worker.join()  # the GUI thread waits without running Python: only the worker could collect
    return made[0]


def test_a_cycle_with_a_qt_object_is_freed_on_the_gui_thread_not_by_a_busy_worker(qtbot):
    gc.collect()
    freed_on: list[int] = []
    _qt_cycle(freed_on)
    cells = _allocate_on_a_worker()
    assert freed_on == []  # the worker went far past the threshold and collected nothing
    qtbot.waitUntil(lambda: bool(freed_on), timeout=5000)  # the GUI thread's next tick
    assert freed_on == [threading.main_thread().ident]
    assert len(cells) == 200_000


def test_a_due_generation_is_collected_at_the_tick_and_nothing_before(qapp):
    gc.collect()
    running = collector.collect_on_gui_thread(qapp)
    assert running.collect_due() == 0  # nothing is due right after a collection
    freed_on: list[int] = []
    for _ in range(gc.get_threshold()[0] + 1):
        _qt_cycle(freed_on)
    assert freed_on == []
    assert running.collect_due() > 0
    assert len(freed_on) == gc.get_threshold()[0] + 1


def test_the_window_s_application_collects_on_the_gui_thread(qapp):
    collector.stop_collecting()
    assert gc.isenabled()  # given back as found
    assert create_application([]) is qapp
    assert not gc.isenabled()
    freed_on: list[int] = []
    _qt_cycle(freed_on)
    cells = _allocate_on_a_worker()
    assert freed_on == []
    del cells


def test_the_start_up_pause_ends_with_the_gui_thread_collecting_not_python(qapp):
    """The window's start pauses collection (gui.core.collection); its end must hand it back to the GUI thread's
    collector, never to Python's automatic collection, which would run on whichever thread allocates."""
    running = collector.collect_on_gui_thread(qapp)
    collection.pause_collection()
    try:
        freed_on: list[int] = []
        for _ in range(gc.get_threshold()[0] + 1):
            _qt_cycle(freed_on)
        assert running.collect_due() == 0 and not collection.collecting()  # paused: the tick waits
    finally:
        collection.resume_collection()
    assert collection.collecting() and not gc.isenabled()
    assert running.collect_due() > 0 and freed_on
