"""reports/ loads neither openpyxl (imported lazily, ~70 ms) nor Qt at import time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

MODULES = (
    "core.files",
    "core.party_document",
    "core.styles",
    "roster.import_template",
    "roster.legacy_encoding",
    "roster.member_list",
    "roster.reminder_lists",
    "roster.report_data",
    "roster.roster_reader",
    "roster.statistics_report",
)


def test_no_openpyxl_or_qt_at_import():
    code = (
        "import sys\n"
        + "".join(f"import reports.{m}\n" for m in MODULES)
        + "print(any(m.split('.')[0] in ('openpyxl', 'PySide6') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path(__file__).parents[4]
    )
    assert out.stdout.strip() == "False"
