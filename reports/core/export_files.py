"""What every export shares: a prepared export (its suggested file name and its writer), written atomically.

`prepare` functions read the data on the caller's thread (one database connection per thread) and return a
`PreparedExport`; its writer runs anywhere, reporting `progress(done, total)` and stopping with Cancelled when it
returns False. A cancelled or failed write leaves an existing file as it was.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from models.core.errors import Cancelled, DomainError

Progress = Callable[[int, int], bool]
Writer = Callable[[Path, Progress], object]


class NothingToExport(DomainError):
    """The export would list nobody; the message says so in Vietnamese."""


@dataclass(frozen=True)
class PreparedExport:
    file_name: str  # suggested, Windows-safe
    write: Callable[[str | os.PathLike[str], Progress | None], Path]


def write_atomically(target: Path, write: Writer, progress: Progress | None) -> Path:
    """Write beside `target`, moved into place only if not cancelled: a cancel leaves an existing file as it was."""
    step = progress or (lambda _done, _total: True)
    partial = target.with_name(f".chibo-{uuid.uuid4().hex}.xlsx")
    try:
        write(partial, step)
        if not step(1, 1):
            raise Cancelled()
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target
