"""reports/ loads neither openpyxl (imported lazily, ~70 ms) nor Qt at import time."""

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


def test_the_writers_load_no_orm():
    """reports/ writes plain data: none of its modules loads peewee (the services gather the data)."""
    code = (
        "import importlib, pkgutil, sys, reports\n"
        "for info in pkgutil.walk_packages(reports.__path__, 'reports.'):\n"
        "    importlib.import_module(info.name)\n"
        "print(len([m for m in sys.modules if m.startswith('reports.')]), 'peewee' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path(__file__).parents[4]
    )
    count, orm = out.stdout.split()
    assert int(count) > 25 and orm == "False"
