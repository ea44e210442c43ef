"""A headless import or export loads openpyxl without numpy and Pillow, and both stay importable after it."""

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


def test_openpyxl_loads_without_pillow_and_pillow_still_imports_after():
    code = (
        "import sys; from reports.core.openpyxl_loader import load_openpyxl; load_openpyxl(); "
        "import openpyxl.drawing.image as i; print('PIL' in sys.modules, bool(i.PILImage)); "
        "from PIL import Image; print(Image.new('1', (2, 2)).size == (2, 2))"
    )
    assert _run(code) == ["False", "False", "True"]


def test_a_qr_code_is_written_without_pillow(tmp_path):
    """The one picture ChiBo writes (reports/core/qr_image.py) needs no Pillow: it is in the saved workbook."""
    path = tmp_path / "qr.xlsx"
    code = (
        "import sys, zipfile; from reports.core.openpyxl_loader import load_openpyxl; load_openpyxl(); "
        "from openpyxl import Workbook; from reports.core.qr_image import place_qr; book = Workbook(); "
        "place_qr(book.active, 'ChiBo', 'B2'); book.save(sys.argv[1]); "
        "print('PIL' in sys.modules, [n for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.endswith('.png')])"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "['xl/media/image1.png']"]


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
