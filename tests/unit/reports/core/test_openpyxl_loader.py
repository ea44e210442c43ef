"""A headless import or export loads openpyxl without numpy, and numpy stays importable after it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]


def _run(code: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_openpyxl_loads_without_numpy_and_numpy_still_imports_after():
    code = (
        "import sys; from reports.core.openpyxl_loader import load_openpyxl; load_openpyxl(); "
        "import openpyxl.compat.numbers as n; print('numpy' in sys.modules, n.NUMPY); "
        "import numpy; print(numpy.zeros(2).sum() == 0)"
    )
    assert _run(code) == ["False", "False", "True"]


def test_a_workbook_written_and_read_after_it_keeps_its_values(tmp_path):
    path = tmp_path / "a.xlsx"
    code = (
        "import sys, datetime; from reports.core.openpyxl_loader import load_openpyxl; load_openpyxl(); "
        "from openpyxl import Workbook, load_workbook; book = Workbook(); "
        "book.active.append([1, 2.5, 'Nguyễn Văn An', datetime.date(1970, 1, 2)]); "
        "book.save(sys.argv[1]); print(*next(load_workbook(sys.argv[1]).active.iter_rows(values_only=True)))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "1 2.5 Nguyễn Văn An 1970-01-02 00:00:00"


def test_nothing_is_hidden_when_numpy_is_already_loaded():
    code = (
        "import numpy, sys; from reports.core.openpyxl_loader import load_openpyxl; load_openpyxl(); "
        "import openpyxl.compat.numbers as n; print(n.NUMPY)"
    )
    assert _run(code) == ["True"]
