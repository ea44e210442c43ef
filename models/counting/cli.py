"""`python main.py count FILE`: recount an election record headless and print the result JSON."""

from __future__ import annotations

import contextlib
import json
import sys
from typing import TextIO

from models.counting.errors import MalformedError
from models.counting.record import recount
from models.counting.record_reader import read_record


def run_count(path: str, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Print the `chibo.result/1` JSON and return 0, or print one Vietnamese line to stderr and return 2."""
    out = stdout if stdout is not None else _utf8(sys.stdout)
    err = stderr if stderr is not None else _utf8(sys.stderr)
    try:
        result = recount(read_record(path))
    except MalformedError as exc:
        print(" ".join(exc.message.split()), file=err)
        return 2
    print(json.dumps(result.to_json(), ensure_ascii=False, indent=2), file=out)
    return 0


def _utf8(stream: TextIO) -> TextIO:
    # A Windows console defaults to a legacy code page that cannot print Vietnamese.
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(encoding="utf-8", errors="replace")
    return stream
