"""Paths a user gives (a data file, a workbook to import, a backup): stated before anything opens them, so a named
pipe, a device or a folder is refused at once with its reason instead of hanging or failing obscurely."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from models.core.errors import DatabaseFileError, os_error_text


def check_regular_file(path: Path, what: str) -> None:
    """DatabaseFileError (Vietnamese) unless `path` is an existing ordinary file; `what` names what it should be."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError as exc:
        raise DatabaseFileError(f"Không có tệp «{path}»: tệp đã bị xóa hoặc di chuyển.") from exc
    except OSError as exc:
        raise DatabaseFileError(f"Không đọc được tệp «{path}»: {os_error_text(exc)}.") from exc
    if stat.S_ISDIR(mode):
        raise DatabaseFileError(f"«{path}» là một thư mục, không phải {what}.")
    if not stat.S_ISREG(mode):
        raise DatabaseFileError(
            f"«{path}» không phải là một tệp thông thường (mà là một đường ống hay thiết bị), không phải {what}; "
            "ChiBo không đọc nó."
        )
