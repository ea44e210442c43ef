"""The cyclic garbage collector in the window's process (docs/architecture.md, «Threads and garbage»): paused while
the window starts, then run by the GUI thread alone (gui.core.collector), never automatically on a worker.

main.run_gui pauses it before PySide loads (main.start_window in any case), and the main window lets it run again
once the roster is on screen or the window closes: start-up makes objects by the hundred thousand and frees almost
none, so each collection on the way would walk them all again for nothing. Qt-free, so that it can come first."""

from __future__ import annotations

import gc

_paused = False
_gui_thread_collects = False  # gui.core.collector runs it: automatic collection stays off for good


def pause_collection() -> None:
    """No cyclic garbage collection until `resume_collection`; what refcounting frees is freed as always."""
    global _paused
    if gc.isenabled() or _gui_thread_collects:
        gc.disable()
        _paused = True


def resume_collection() -> None:
    """Collection again, if `pause_collection` paused it (idempotent): by the GUI thread's collector where one
    runs, else automatic as Python's default."""
    global _paused
    if _paused:
        _paused = False
        if not _gui_thread_collects:
            gc.enable()


def is_paused() -> bool:
    return _paused


def collecting() -> bool:
    """Whether cycles are being collected (automatically, or by the GUI thread's collector), not paused."""
    return not _paused and (gc.isenabled() or _gui_thread_collects)


def leave_to_gui_thread(on: bool) -> None:
    """gui.core.collector takes collection over (`on`), or gives it back: automatic again unless paused."""
    global _gui_thread_collects
    _gui_thread_collects = on
    if on:
        gc.disable()
    elif not _paused:
        gc.enable()
