"""File names Windows accepts and atomic saving of workbooks."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from contextlib import suppress
from pathlib import Path
from typing import Any

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_filename(text: str, default: str = "tep") -> str:
    """`text` as a Windows-safe file name: Vietnamese letters kept (NFC), forbidden characters replaced by "_"."""
    name = unicodedata.normalize("NFC", text)
    name = _FORBIDDEN.sub("_", name)
    name = " ".join(name.split()).rstrip(". ")
    if name.split(".")[0].upper() in _RESERVED:
        name = f"_{name}"
    return name[:180] or default


def save_workbook(workbook: Any, path: str | os.PathLike[str]) -> Path:
    """Save to a temporary file beside `path`, then replace it, so a failure never leaves a half-written file (nor
    the workbook's own temporary files)."""
    target = Path(path)
    temp_name = ""
    try:
        handle, temp_name = tempfile.mkstemp(prefix=".chibo-", suffix=".xlsx", dir=target.parent)
        os.close(handle)
        workbook.save(temp_name)
        os.replace(temp_name, target)
    except BaseException:
        if temp_name:
            Path(temp_name).unlink(missing_ok=True)
        _discard(workbook)
        raise
    return target


def _discard(workbook: Any) -> None:
    """A write-only workbook that was not saved: each sheet's rows, streamed to a temporary file, are closed now
    and the file removed. Left to the cycle collector, the rows would be closed after their file, and Python would
    print openpyxl's traceback on stderr (at the latest when the command ends)."""
    for sheet in getattr(workbook, "_sheets", ()):
        rows, writer = getattr(sheet, "_rows", None), getattr(sheet, "_writer", None)
        with suppress(Exception):  # already closed by a save that failed later
            if rows is not None:
                rows.close()
        with suppress(Exception):
            if writer is not None:
                writer.close()
                writer.cleanup()
