"""Files readable by the user only (member records on a shared office PC). Light: imported before the window's
first paint (the log file)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)


def make_private(path: Path) -> None:
    """Readable and writable by the user only; Windows keeps the user's own folders private already."""
    if os.name == "posix":
        try:
            path.chmod(0o600)
        except OSError:
            log.warning("Could not make %s private", path, exc_info=True)
