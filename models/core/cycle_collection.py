"""Cycle collection switched off while a large structure without cycles is built (a roster, a record's ballots, an
export's rows): each collection on the way would walk every object made so far, for nothing, as it grows.
Reference counting still frees what is dropped. The state found is given back, never `gc.enable()` blindly: in the
window, collection belongs to the GUI thread (docs/architecture.md, «Threads and garbage»)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collection_off() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
