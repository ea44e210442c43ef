"""Qt warnings fail the tests: a warning Qt prints while a test runs is a defect, not noise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_a_qt_warning_fails_a_test_and_offscreen_notices_do_not(tmp_path):
    probe = tmp_path / "test_probe_warning.py"
    probe.write_text(
        "from PySide6.QtCore import qWarning\n"
        "def test_warns(qapp):\n    qWarning('ChiBo probe warning')\n"
        "def test_offscreen_notice(qapp):\n    qWarning('This plugin does not support raise()')\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "pytest", "-q", "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(tmp_path)]
    result = subprocess.run([*command, str(probe)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert "1 failed, 1 passed" in result.stdout, result.stdout
    assert "ChiBo probe warning" in result.stdout
