"""Without a display the app says what it needs in Vietnamese instead of Qt's misleading xcb-cursor abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_no_display_gives_one_vietnamese_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["HOME"] = str(tmp_path)
    command = [sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "x.sqlite3")]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert "xvfb-run" in done.stderr and "cần màn hình" in done.stderr
    assert "xcb" not in done.stderr and not (tmp_path / "x.sqlite3").exists()
