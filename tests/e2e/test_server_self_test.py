"""`main.py --db postgresql://… --self-test` passes on a real server and leaves nothing behind on it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from playhouse.db_url import connect

from tests.support.pg_server import empty_database

ROOT = Path(__file__).resolve().parents[2]


def test_self_test_on_the_server_rolls_back_everything(pg_url, tmp_path):
    empty_database(pg_url)
    command = [sys.executable, str(ROOT / "main.py"), "--db", pg_url, "--self-test"]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "ChiBo self-test OK: 3 members" in done.stdout
    server = connect(pg_url)
    try:
        assert server.execute_sql("SELECT count(*) FROM member").fetchone()[0] == 0
        assert server.execute_sql("SELECT count(*) FROM branch").fetchone()[0] == 0
        version = server.execute_sql("SELECT value FROM chibo_meta WHERE key = 'schema_version'").fetchone()[0]
    finally:
        server.close()
    from models.core.database import SCHEMA_VERSION

    assert version == str(SCHEMA_VERSION)  # the schema itself was created and stays


def test_display_name_hides_a_password():
    from models.core.database import display_name

    assert display_name("postgresql://bithu:bimat@maychu/chibo") == "postgresql://bithu:***@maychu/chibo"
    assert display_name("/home/a/chibo.sqlite3") == "/home/a/chibo.sqlite3"
