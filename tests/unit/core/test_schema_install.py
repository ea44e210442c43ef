"""models.core.database knows no capability's tables: the entry point hands them over (models.schema.install_schema)
and opening a data file before that is a defect said plainly, never a file without tables."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _child(code: str) -> subprocess.CompletedProcess:
    env_code = textwrap.dedent(code)
    return subprocess.run([sys.executable, "-c", env_code], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_opening_before_the_schema_is_installed_is_refused_and_creates_nothing(tmp_path):
    target = tmp_path / "moi.sqlite3"
    done = _child(f"""
        from models.core.database import open_database
        try:
            open_database({str(target)!r})
        except RuntimeError as exc:
            print("refused:", exc)
    """)
    assert "refused: models.schema.install_schema()" in done.stdout, done.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_installed_schema_gives_a_new_file_every_table(tmp_path):
    target = tmp_path / "moi.sqlite3"
    done = _child(f"""
        from models.schema import ALL_TABLES, install_schema
        install_schema()
        from models.core.database import open_database
        from models.core.tables import db
        open_database({str(target)!r})
        print(sorted(db.get_tables()) == sorted(t._meta.table_name for t in ALL_TABLES))
    """)
    assert done.stdout.strip() == "True", done.stderr
