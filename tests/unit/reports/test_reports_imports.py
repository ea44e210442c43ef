"""reports/ loads neither openpyxl (imported lazily, ~70 ms) nor Qt at import time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

MODULES = ("files", "import_template", "legacy_encoding", "member_list", "party_document", "reminder_lists",
           "roster_reader", "statistics_report", "styles")  # fmt: skip


def test_no_openpyxl_or_qt_at_import():
    code = (
        "import sys\n"
        + "".join(f"import reports.{m}\n" for m in MODULES)
        + "print(any(m.split('.')[0] in ('openpyxl', 'PySide6') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path(__file__).parents[3]
    )
    assert out.stdout.strip() == "False"
