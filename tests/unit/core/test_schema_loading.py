"""The capabilities' table modules load when a file is created or migrated, not when an up-to-date file opens
(start-up: models.schema). Each case runs in a fresh interpreter, where nothing has imported them yet."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from models.schema import ALL_TABLES

ROOT = Path(__file__).resolve().parents[3]
V1_FILE = ROOT / "tests" / "fixtures" / "chibo-schema-v1.sqlite3"
CAPABILITY_TABLES = (
    "models.congress.tables",
    "models.live_count.tables",
    "models.meetings.tables",
    "models.office.committee_tables",
    "models.admission.tables",
    "models.roster.standing_tables",
)

_OPEN = """
import sys
from models.schema import install_schema
install_schema()
from models.core.database import SCHEMA_VERSION, close_database, open_database, schema_version
database = open_database(sys.argv[1])
print(schema_version(database) == SCHEMA_VERSION, *(name in sys.modules for name in sys.argv[2:]))
close_database()
"""


def _open_in_a_fresh_process(path: Path, tmp_path: Path) -> list[str]:
    env = {**os.environ, "HOME": str(tmp_path)}
    command = [sys.executable, "-c", _OPEN, str(path), *CAPABILITY_TABLES]
    run = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout.split()


def _table_names(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_a_new_file_gets_every_table(tmp_path):
    path = tmp_path / "new.sqlite3"
    assert _open_in_a_fresh_process(path, tmp_path) == ["True"] + ["True"] * len(CAPABILITY_TABLES)
    assert {model._meta.table_name for model in ALL_TABLES} <= _table_names(path)


def test_an_up_to_date_file_opens_without_the_capabilities_tables(tmp_path):
    path = tmp_path / "new.sqlite3"
    _open_in_a_fresh_process(path, tmp_path)
    assert _open_in_a_fresh_process(path, tmp_path) == ["True"] + ["False"] * len(CAPABILITY_TABLES)


def test_an_old_file_is_migrated_to_every_table_before_it_is_read(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copy(V1_FILE, path)
    assert _open_in_a_fresh_process(path, tmp_path)[0] == "True"
    assert {model._meta.table_name for model in ALL_TABLES} <= _table_names(path)
