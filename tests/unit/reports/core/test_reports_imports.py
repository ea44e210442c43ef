"""reports/ and services/ load neither openpyxl (imported lazily, ~70 ms) nor Qt at import time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

MODULES = (
    "reports.core.files",
    "reports.core.party_document",
    "reports.core.styles",
    "reports.roster.import_template",
    "reports.roster.legacy_encoding",
    "reports.roster.member_list",
    "reports.roster.reminder_lists",
    "reports.roster.roster_reader",
    "reports.roster.statistics_report",
    "services.congress.congress_data",
    "services.congress.jobs",
    "services.congress.minutes_jobs",
    "services.office.jobs",
    "services.office.office_data",
    "services.roster.jobs",
    "services.roster.report_data",
)


def test_no_openpyxl_or_qt_at_import():
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in MODULES)
        + "print(any(m.split('.')[0] in ('openpyxl', 'PySide6') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path(__file__).parents[4]
    )
    assert out.stdout.strip() == "False"
