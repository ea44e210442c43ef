"""The type check the README promises: scripts/test.sh runs mypy before pytest, and mypy finds nothing in the
packages pyproject.toml names (models/, reports/ and services/)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_test_script_type_checks_before_pytest():
    lines = [line.strip() for line in (ROOT / "scripts" / "test.sh").read_text().splitlines()]
    assert lines.index('"$VENV/bin/mypy"') < next(i for i, line in enumerate(lines) if "-m pytest" in line)


def test_models_reports_and_services_type_check_clean():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    assert {"models", "reports", "services"} <= set(config["files"]) and config["check_untyped_defs"]
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]
