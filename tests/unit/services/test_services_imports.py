"""The services load neither openpyxl nor Qt at import time (the window lists their jobs before any is run); the
minutes of a record file load no data-file code either."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
MODULES = (
    "services.congress.congress_data",
    "services.congress.jobs",
    "services.congress.minutes_jobs",
    "services.congress.record_minutes",
    "services.office.jobs",
    "services.office.office_data",
    "services.roster.jobs",
    "services.roster.report_data",
)


def _loaded(imports: str) -> list[str]:
    code = f"import sys, {imports}\nprint(','.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return out.stdout.strip().split(",")


def test_no_openpyxl_or_qt_at_import():
    loaded = _loaded(", ".join(MODULES))
    assert "services" in loaded and not {"openpyxl", "PySide6"} & set(loaded)


def test_the_minutes_of_a_record_file_load_no_data_file_code():
    """`python main.py minutes RECORD.json` needs the counting engine and the writer, not the ORM."""
    loaded = _loaded("services.congress.record_minutes")
    assert "models" in loaded and not {"peewee", "openpyxl", "PySide6"} & set(loaded)
