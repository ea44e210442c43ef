"""Reading a scanned stack of ballots one page at a time (a multi-page PDF or a folder of images)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from models.scanning.reading import PageReading, ScanTarget


def read_stack(
    source: Path, target: ScanTarget, *, progress: Callable[[int, int], bool] | None = None
) -> Iterator[PageReading]:
    """Yield one `PageReading` per page of `source` (a PDF or a folder of images), in stack order.

    `progress(done, total)` is called after each page; returning False stops the reading. Raises
    `UnreadableInputError` naming the file for anything that cannot be read.
    """
    raise NotImplementedError("the reader lands in the next commits of branch h21a")
