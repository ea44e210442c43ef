"""peewee comes without psycopg for a data file, and gets the same driver as its own import gives once a PostgreSQL
database is made (models.core.postgres_driver)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

_STATE = """
import sys
{prelude}
import peewee as pw
before = "psycopg" in sys.modules
pw.PostgresqlDatabase("chibo", host="127.0.0.1", port=1)  # no connection: the driver is only handed to peewee
adapter = pw.Psycopg3Adapter
print(before, pw.psycopg.__name__, pw.TransactionStatus.__name__, pw.Json_pg3.__name__, pw.Jsonb_pg3.__name__,
      adapter.txn_idle, adapter.txn_inerror, adapter.txn_unknown, type(pw.PostgresqlDatabase("x")._adapter).__name__)
"""


def _state(prelude: str) -> list[str]:
    run = subprocess.run(
        [sys.executable, "-c", _STATE.format(prelude=prelude)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout.split()


def test_a_data_file_imports_no_postgresql_driver():
    script = "import sys, models.core.database, models.roster.members; print('psycopg' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and run.stdout.split() == ["False"], run.stderr[-2000:]


def test_the_first_postgresql_database_gets_the_driver_peewee_would_have_imported():
    eager = _state("")  # peewee imported before models/: as peewee itself does it
    held = _state("import models.core.database")
    assert eager[0] == "True" and held[0] == "False"
    assert held[1:] == eager[1:] and held[1] == "psycopg" and held[-1] == "Psycopg3Adapter"
