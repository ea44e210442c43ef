"""A data file is open in one ChiBo at a time: a second process is refused; the lock goes with exit or a crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from models.core.database import close_database, open_database
from models.core.errors import DatabaseFileError
from models.core.file_lock import lock_path

ROOT = Path(__file__).resolve().parents[3]


def _holder(path: Path) -> subprocess.Popen:
    """A second ChiBo process that opens the file, says so, and waits to be stopped."""
    code = textwrap.dedent(
        f"""
        import sys, time
        from models.core.database import open_database
        from models.schema import install_schema
        install_schema()
        open_database({str(path)!r})
        print("open", flush=True)
        time.sleep(120)
        """
    )
    child = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "open"
    return child


def test_a_second_process_is_refused_until_the_first_is_killed(tmp_path):
    path = tmp_path / "chibo.sqlite3"
    open_database(path)
    close_database()
    child = _holder(path)
    try:
        with pytest.raises(DatabaseFileError, match="đang được mở trong một cửa sổ ChiBo khác"):
            open_database(path)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
    assert lock_path(path).exists()  # left behind by the crash, but holding no lock
    open_database(path)
    close_database()
    assert not lock_path(path).exists()


def test_reopening_and_switching_files_in_one_process(tmp_path):
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    open_database(first)
    open_database(first)  # the same window reopening its own file
    assert lock_path(first).exists()
    open_database(second)
    assert not lock_path(first).exists() and lock_path(second).exists()
    close_database()
    assert not lock_path(second).exists()
