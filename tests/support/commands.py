"""Run ChiBo's headless commands as a user would: `main.py` in a child process, UTF-8 output, no stdin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def chibo(*args: str, passphrase: str | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    """`main.py ARGS…`; `passphrase` goes in CHIBO_PASSPHRASE (never inherited from the test's own environment)."""
    env = {k: v for k, v in os.environ.items() if k != "CHIBO_PASSPHRASE"}
    env["PYTHONIOENCODING"] = "utf-8"
    if passphrase is not None:
        env["CHIBO_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
