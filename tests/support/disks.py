"""Real failing disks for tests: a tiny RAM disk that can be filled up or made read-only (root only; else skip)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@contextmanager
def ram_disk(folder: Path, size: str = "256k") -> Iterator[Path]:
    """A tmpfs of `size` mounted at `folder`; the test is skipped where mounting is not possible."""
    if getattr(os, "geteuid", lambda: 1)() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a RAM disk needs root")
    folder.mkdir(parents=True, exist_ok=True)
    if not _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)):
        pytest.skip("tmpfs cannot be mounted here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(folder: Path) -> Path:
    """Fill the disk holding `folder` to the last byte with one filler file."""
    filler = folder / "filler.bin"
    with filler.open("wb", buffering=0) as handle:
        for chunk in (4096, 512, 1):
            try:
                while True:
                    handle.write(b"\0" * chunk)
            except OSError:
                pass
    return filler


def make_read_only(folder: Path) -> None:
    """Remount the RAM disk at `folder` read-only: even root can then not write there."""
    assert _mount("-o", "remount,ro", str(folder)), "remount read-only failed"
