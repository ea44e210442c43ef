"""A data file's integrity check started ahead of opening it, on a thread of its own (start-up: SQLite reads and
checks every page without holding the interpreter, on the other core, while the window builds its members tab).

Reading only, through a read-only connection. `take` hands the verdict to the opening (models.core.database) only
for the same file unchanged since the check began (device, inode, size, modification time, and its write-ahead
log unchanged or, when the check made it, still empty); otherwise the opening checks the file itself, as always,
before anything is written. Either way the opening gets the files the check's connection made beside the data file
(SQLite's -wal and -shm) and removes them with its own probe's, under the file's lock: never here, where another
ChiBo may be opening the same file.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from models.core.sqlite_storage import connect_sqlite

log = logging.getLogger(__name__)

_SIDES = ("-wal", "-shm")


@dataclass
class Taken:
    check: str = ""  # the PRAGMA run ("integrity_check" or "quick_check"); "" when there is no verdict to use
    problems: list[str] = field(default_factory=list)  # its rows: ["ok"] for a sound file
    made: list[Path] = field(default_factory=list)  # files the check's connection made beside the data file


@dataclass
class _Ahead:
    stamp: tuple
    log_stamp: tuple | None
    made: list[Path]
    check: str
    thread: threading.Thread
    problems: list[str] | None = None


_ahead: dict[Path, _Ahead] = {}


def _stamp(path: Path) -> tuple | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns


def start(path: Path, uri: str, check: str) -> None:
    """Run `PRAGMA check(5)` on `path` (opened at the read-only `uri`) on a thread of its own, unless one runs."""
    stamp = _stamp(path)
    if stamp is None or path in _ahead:
        return
    sides = [path.with_name(path.name + suffix) for suffix in _SIDES]
    made = [side for side in sides if not side.exists()]
    ahead = _Ahead(stamp, _stamp(sides[0]), made, check, threading.Thread())

    def run() -> None:
        try:
            probe = connect_sqlite(path, uri, timeout=0.5)
            try:
                ahead.problems = [row[0] for row in probe.execute(f"PRAGMA {check}(5)")]
            finally:
                probe.close()
        except Exception as exc:  # a damaged page, a vanished file…: checked again as it opens, which tells the user
            log.info("The integrity check ahead of opening %s stopped: %s", path.name, exc)

    ahead.thread = threading.Thread(target=run, name="early integrity check", daemon=True)
    _ahead[path] = ahead
    ahead.thread.start()


def take(path: Path) -> Taken:
    """The verdict of the check started ahead for `path` (waited for), if the file is still the one it checked."""
    ahead = _ahead.pop(path, None)
    if ahead is None:
        return Taken()
    ahead.thread.join()
    made = [side for side in ahead.made if side.exists()]
    log_now = _stamp(path.with_name(path.name + _SIDES[0]))
    made_log = path.with_name(path.name + _SIDES[0]) in ahead.made
    log_unchanged = (log_now is None or log_now[2] == 0) if made_log else log_now == ahead.log_stamp
    if ahead.problems is None or _stamp(path) != ahead.stamp or not log_unchanged:
        return Taken(made=made)
    return Taken(ahead.check, ahead.problems, made)
