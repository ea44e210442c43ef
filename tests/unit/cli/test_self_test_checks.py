"""The self-test's checks hold without `assert`: a failed one is status 1 with its line, even under `python -O`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cli.self_test as self_test

ROOT = Path(__file__).resolve().parents[3]


def test_a_failed_check_is_status_1_with_what_failed(monkeypatch, capsys):
    def round_trips(server):
        self_test.check(False, "the export read back the names []")

    monkeypatch.setattr(self_test, "_round_trips", round_trips)
    assert self_test.run_self_test() == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "ChiBo self-test FAILED: the export read back the names []\n"


def test_a_failed_check_stops_under_python_optimised():
    code = "import cli.self_test as t\ntry:\n    t.check(False, 'x')\nexcept t.SelfTestFailed:\n    print('stopped')\n"
    done = subprocess.run([sys.executable, "-O", "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout == "stopped\n"
