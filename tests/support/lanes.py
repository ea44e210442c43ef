"""Where a test run keeps its files: on the RAM disk where the machine has one (tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

RAM_FOLDER = Path("/dev/shm")  # tmpfs on Linux
RAM_BASETEMP = pytest.StashKey[Path]()  # the folder a run made there, in the run's config stash
