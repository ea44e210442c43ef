"""Whole processes, as a user's script runs them: `main.py import` of an Excel roster and `main.py export
danh-sach`, each against the simplest honest whole process doing the same work in the same run.

- import: ChiBo reads, checks and plans the rows, then saves them in one transaction; the baseline is a Python
  process reading the same sheet with openpyxl (read-only) and inserting the rows with sqlite3's executemany.
- export: ChiBo lays out the Party document; the baseline is a Python process writing the same number of rows of
  cells with openpyxl's write-only mode.
Goals (issue 23): import ≤ 2 × baseline, export ≤ 1.5 × baseline. Run with:
.venv/bin/python -m pytest tests/bench/test_commands_bench.py --bench -q -s
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from models.core.database import close_database, open_database
from tests.bench.conftest import fill_members
from tests.bench.test_import_bench import _workbook

ROOT = Path(__file__).resolve().parents[2]
MEMBERS = 5_000

_PLAIN_IMPORT = """
import sqlite3, sys
from openpyxl import load_workbook
rows = list(load_workbook(sys.argv[1], read_only=True).active.iter_rows(min_row=4, values_only=True))
db = sqlite3.connect(sys.argv[2])
db.execute("CREATE TABLE m (no, name, gender, born, hometown, admitted, official, card, job, phone)")
db.executemany("INSERT INTO m VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
db.commit()
print(len(rows))
"""

_PLAIN_EXPORT = """
import sys
from openpyxl import Workbook
rows = [[i, f"Nguyễn Văn An {i}", "Nam", "01/01/1970", "Hà Nội", "19/05/2000", "Chuyên viên", f"{i:08d}",
         "Hà Nội", "Kinh", "Văn phòng", "", "", "", ""] for i in range(int(sys.argv[2]))]
book = Workbook(write_only=True)
sheet = book.create_sheet()
for row in rows:
    sheet.append(row)
book.save(sys.argv[1])
"""


def _run(*args: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return time.perf_counter() - start


def _best(fn, repeat: int = 2) -> float:
    return min(fn() for _ in range(repeat))


@pytest.fixture
def roster_file(tmp_path):
    path = tmp_path / "chi-bo.sqlite3"
    open_database(path)
    fill_members(MEMBERS)
    close_database()
    return path


def test_import_whole_process_vs_reader_and_executemany(benchmark, tmp_path, roster_file):
    sheet = tmp_path / "nhap.xlsx"
    _workbook(sheet)
    copies = iter(range(100))

    def ours() -> float:
        target = tmp_path / f"chibo-{next(copies)}.sqlite3"
        target.write_bytes(roster_file.read_bytes())  # the same saved roster each time
        return _run("main.py", "import", str(sheet), "--db", str(target), "--skip-errors")

    def plain() -> float:
        return _run("-c", _PLAIN_IMPORT, str(sheet), str(tmp_path / f"plain-{next(copies)}.sqlite3"))

    benchmark.pedantic(ours, rounds=1, iterations=1)
    ours_s, plain_s = _best(ours), _best(plain)
    benchmark.extra_info.update(ours_s=round(ours_s, 2), plain_s=round(plain_s, 2), ratio=round(ours_s / plain_s, 2))
    print(
        f"\nmain.py import of 5,000 rows into {MEMBERS:,} members: {ours_s:.2f} s; reader + executemany "
        f"{plain_s:.2f} s; ratio {ours_s / plain_s:.2f} (goal ≤ 2); load average "
        f"{os.getloadavg()[0]:.1f}"
    )


def test_export_whole_process_vs_write_only(benchmark, tmp_path, roster_file):
    def ours() -> float:
        return _run("main.py", "export", "danh-sach", "-o", str(tmp_path / "ds.xlsx"), "--db", str(roster_file))

    def plain() -> float:
        return _run("-c", _PLAIN_EXPORT, str(tmp_path / "plain.xlsx"), str(MEMBERS))

    benchmark.pedantic(ours, rounds=1, iterations=1)
    ours_s, plain_s = _best(ours), _best(plain)
    benchmark.extra_info.update(ours_s=round(ours_s, 2), plain_s=round(plain_s, 2), ratio=round(ours_s / plain_s, 2))
    print(
        f"\nmain.py export danh-sach of {MEMBERS:,}: {ours_s:.2f} s; write-only openpyxl {plain_s:.2f} s; ratio "
        f"{ours_s / plain_s:.2f} (goal ≤ 1.5); load average {os.getloadavg()[0]:.1f}"
    )
