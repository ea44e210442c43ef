"""The cyclic garbage collector paused while the window starts (start-up): main.run_gui pauses it before PySide
loads, main.start_window in any case, and the main window lets it run again once the roster is on screen or the
window closes. Qt-free, so that it can come first."""

from __future__ import annotations

import gc

_collection_paused = False


def pause_collection() -> None:
    """No cyclic garbage collection until `resume_collection`. Start-up makes objects by the hundred thousand
    (modules, PySide's types, the roster's rows) and frees almost none of them: each collection on the way walks
    them all again for nothing, a few milliseconds each time; what refcounting frees is freed as always."""
    global _collection_paused
    if gc.isenabled():
        gc.disable()
        _collection_paused = True


def resume_collection() -> None:
    """Collection as usual again, if `pause_collection` paused it (idempotent)."""
    global _collection_paused
    if _collection_paused:
        _collection_paused = False
        gc.enable()
