"""How every headless command fails: one Vietnamese line on stderr and the exit status that
models.core.failures.command_failure gives (0 done, 1 refused, 2 unreadable), never a traceback."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TextIO


def guarded(command: Callable[..., int]) -> Callable[..., int]:
    """Run `command(..., err=…)`; whatever it raises becomes its line on `err` and its status. A data file or server
    it opened is closed afterwards."""

    @functools.wraps(command)
    def run(*args, err: TextIO, **kwargs) -> int:
        try:
            return command(*args, err=err, **kwargs)
        except Exception as exc:
            from models.core.failures import command_failure  # peewee: only a command that failed pays for it

            status, line = command_failure(exc)
            print(line, file=err)
            return status
        finally:
            database = sys.modules.get("models.core.database")  # loaded only by a command that opened one
            if database is not None:
                database.close_database()

    return run
