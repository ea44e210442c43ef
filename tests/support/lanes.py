"""Where a test run keeps its files: on the RAM disk where the machine has one (tests/conftest.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

RAM_FOLDER = Path("/dev/shm")  # tmpfs on Linux
RAM_BASETEMP = pytest.StashKey[Path]()  # the folder a run made there, in the run's config stash
# A whole run writes a few hundred megabytes of data files, records and page images; a container's small /dev/shm
# (Docker gives 64 MB by default) would fill up mid-run, so the RAM disk is used only with room to spare.
RAM_NEEDED = 2 * 1024**3


def ram_disk_usable(folder: Path = RAM_FOLDER, needed: int = RAM_NEEDED) -> bool:
    """True when `folder` is a writable RAM disk with at least `needed` bytes free."""
    if not os.access(folder, os.W_OK):
        return False
    return shutil.disk_usage(folder).free >= needed
