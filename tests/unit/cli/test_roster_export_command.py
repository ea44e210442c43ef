"""`main.py export` of the roster (cli.roster.run_export): the cycle collector is off while the export is made and
on again after it, whether it is written or fails; a failure is one line on stderr."""

from __future__ import annotations

import gc
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

import cli.roster
from models.core.database import close_database
from models.core.failures import OK, UNREADABLE
from models.roster.members import save_member
from tests.support.people import member

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def saved_file(sqlite_file):
    save_member(member(0))
    close_database()
    return sqlite_file


def test_the_export_is_made_without_the_cycle_collector_and_it_is_on_again_after(saved_file, tmp_path, monkeypatch):
    real, seen = cli.roster.write_job, []

    def write_job(*args):
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(cli.roster, "write_job", write_job)
    out, err = io.StringIO(), io.StringIO()
    assert cli.roster.run_export("danh-sach", str(tmp_path / "ds"), db=str(saved_file), out=out, err=err) == OK
    assert seen == [False] and gc.isenabled()
    assert (tmp_path / "ds.xlsx").is_file() and "ds.xlsx" in out.getvalue()


def test_a_failed_export_turns_the_cycle_collector_on_again(saved_file, tmp_path):
    missing = tmp_path / "no-such-folder" / "ds.xlsx"
    out, err = io.StringIO(), io.StringIO()
    assert cli.roster.run_export("danh-sach", str(missing), db=str(saved_file), out=out, err=err) == UNREADABLE
    assert gc.isenabled() and len(err.getvalue().strip().splitlines()) == 1


def test_an_export_into_a_missing_folder_says_so_in_one_line_and_nothing_else(saved_file, tmp_path):
    """The rows already streamed are closed with the failure (reports.core.files.save_workbook): no openpyxl
    traceback on stderr when the process ends."""
    missing = tmp_path / "no-such-folder" / "ds.xlsx"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "main.py", "export", "danh-sach", "-o", str(missing), "--db", str(saved_file)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == UNREADABLE
    assert len(done.stderr.strip().splitlines()) == 1 and "không có thư mục" in done.stderr, done.stderr


def test_openpyxl_loads_while_the_file_is_checked_on_its_own_thread(saved_file, tmp_path, monkeypatch):
    """The export starts the data file's integrity check, loads openpyxl meanwhile, then opens the file (which
    takes the check's verdict: models.core.early_check)."""
    import cli.data_file
    import models.core.database as database
    import reports.core.openpyxl_loader as loader

    steps = []
    for module, name in (
        (database, "start_integrity_check"),
        (loader, "load_openpyxl"),
        (cli.data_file, "open_file_asking"),
    ):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, real=real, name=name: steps.append(name) or real(*a))
    out, err = io.StringIO(), io.StringIO()
    assert cli.roster.run_export("danh-sach", str(tmp_path / "ds"), db=str(saved_file), out=out, err=err) == OK
    assert steps[:3] == ["start_integrity_check", "load_openpyxl", "open_file_asking"]
