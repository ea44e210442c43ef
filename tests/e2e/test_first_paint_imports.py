"""The window's first paint loads no database driver, no workbook library and no congress code (start-up speed):
`python -X importtime main.py` with the first-paint probe, which exits as soon as the window has been painted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("peewee", "psycopg", "openpyxl", "sqlite3", "models.congress", "models.ballots", "gui.congress",
         "gui.ballots", "PySide6.QtCharts")  # fmt: skip


def test_nothing_heavy_before_the_first_paint(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "CHIBO_FIRST_PAINT_PROBE": "1"}
    command = [sys.executable, "-X", "importtime", str(ROOT / "main.py"), "--db", str(tmp_path / "x.sqlite3")]
    run = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert run.returncode == 0 and "first-paint" in run.stdout, run.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}
    assert [name for name in HEAVY if name in imported] == []
