"""`main.py --self-test` on a temporary file passes, under `python -O` too: its checks do not rely on `assert`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_self_test_passes_with_assertions_stripped():
    command = [sys.executable, "-O", str(ROOT / "main.py"), "--self-test"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ChiBo self-test OK: 3 members") and done.stderr == ""
