"""File names Windows accepts and atomic saving of workbooks."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
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
    """Save to a temporary file beside `path`, then replace it, so a failure never leaves a half-written file."""
    target = Path(path)
    handle, temp_name = tempfile.mkstemp(prefix=".chibo-", suffix=".xlsx", dir=target.parent)
    os.close(handle)
    try:
        workbook.save(temp_name)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return target
