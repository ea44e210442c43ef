"""The PyInstaller onedir bundle builds and its executable passes --self-test headless."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("objdump") is None and sys.platform.startswith("linux"), reason="needs binutils")
def test_bundle_builds_and_self_tests(tmp_path, pg_url):
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    build = subprocess.run(
        [
            str(pyinstaller),
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "build"),
            "pyinstaller.spec",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    analysis = (tmp_path / "build" / "pyinstaller" / "Analysis-00.toc").read_text(encoding="utf-8")
    assert "pyi_rth_pyside6" in analysis and "pyi_rth_multiprocessing" not in analysis  # nothing extra at start
    exe = tmp_path / "dist" / "ChiBo" / ("ChiBo.exe" if sys.platform == "win32" else "ChiBo")
    assert exe.exists()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home")}
    run = subprocess.run([str(exe), "--self-test"], capture_output=True, text=True, timeout=120, env=env)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.startswith("ChiBo self-test OK")
    from tests.support.pg_server import empty_database

    empty_database(pg_url)  # the bundle carries the PostgreSQL driver and passes on a real server
    command = [str(exe), "--db", pg_url, "--self-test"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.startswith("ChiBo self-test OK")
