"""Whole processes, as a user's script runs them: `main.py import` of an Excel roster and `main.py export
danh-sach`, each against the simplest honest whole process doing the same work in the same run.

- import: ChiBo reads, checks and plans the rows, then saves them in one transaction; the baseline is a Python
  process reading the same sheet with openpyxl (read-only) and inserting the rows with sqlite3's executemany.
- export: ChiBo lays out the Party document; the baseline is a Python process writing the same number of rows of
  cells with openpyxl's write-only mode.
- count: ChiBo recounts an election record file of 2,000 ballots × 100 candidates and prints the result; the
  baseline is a Python process loading the JSON, chaining the digest and counting the names (the in-process figure
  is tests/bench/test_counting_bench.py::test_count_command_2000_x_100_vs_plain_count).
Goals (issue 23): import ≤ 2 × baseline (5,000 and 20,000 rows), export ≤ 1.5 × baseline, count ≤ 2 ×. Run with:
.venv/bin/python -m pytest tests/bench/test_commands_bench.py --bench -q -s

Both sides run as a user's Python runs them: with their modules' bytecode cached after the first run (a shell that
sets PYTHONDONTWRITEBYTECODE would otherwise make ChiBo compile its own modules on every run while the baseline's
openpyxl comes precompiled). The rounds alternate ChiBo and baseline; each figure is the best round, as wall clock
and as CPU time (user + system of the child process), the steadier figure on a shared machine.
"""

from __future__ import annotations

import os
import resource
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


ROUNDS = 5


@pytest.fixture(scope="module")
def bytecode(tmp_path_factory) -> Path:
    """One bytecode cache for every process of the module (outside the source tree)."""
    return tmp_path_factory.mktemp("pycache")


def _run(cache: Path, *args: str) -> tuple[float, float]:
    """(wall clock, CPU time) of one whole process."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPYCACHEPREFIX": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    assert done.returncode == 0, done.stderr[-2000:]
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _compare(benchmark, ours, plain, what: str, goal: float) -> None:
    """Warm both (bytecode written), then alternate them; print and keep the best round of each."""
    benchmark.pedantic(ours, rounds=1, iterations=1)
    plain()
    runs: dict[str, list[tuple[float, float]]] = {"ours": [], "plain": []}
    for _ in range(ROUNDS):
        runs["ours"].append(ours())
        runs["plain"].append(plain())
    (ours_wall, ours_cpu), (plain_wall, plain_cpu) = (
        (min(w for w, _ in runs[k]), min(c for _, c in runs[k])) for k in ("ours", "plain")
    )
    benchmark.extra_info.update(
        ours_s=round(ours_wall, 2),
        plain_s=round(plain_wall, 2),
        ratio=round(ours_wall / plain_wall, 2),
        ours_cpu_s=round(ours_cpu, 2),
        plain_cpu_s=round(plain_cpu, 2),
        cpu_ratio=round(ours_cpu / plain_cpu, 2),
    )
    print(
        f"\n{what}: wall {ours_wall:.2f} s against {plain_wall:.2f} s, ratio {ours_wall / plain_wall:.2f}; CPU "
        f"{ours_cpu:.2f} s against {plain_cpu:.2f} s, ratio {ours_cpu / plain_cpu:.2f} (goal ≤ {goal:g}); load "
        f"average {os.getloadavg()[0]:.1f}"
    )


@pytest.fixture
def roster_file(tmp_path):
    path = tmp_path / "chi-bo.sqlite3"
    open_database(path)
    fill_members(MEMBERS)
    close_database()
    return path


@pytest.mark.parametrize("rows", [5_000, 20_000])
def test_import_whole_process_vs_reader_and_executemany(benchmark, tmp_path, roster_file, bytecode, rows):
    sheet = tmp_path / "nhap.xlsx"
    _workbook(sheet, rows)
    copies = iter(range(100))

    def ours() -> tuple[float, float]:
        target = tmp_path / f"chibo-{next(copies)}.sqlite3"
        target.write_bytes(roster_file.read_bytes())  # the same saved roster each time
        return _run(bytecode, "main.py", "import", str(sheet), "--db", str(target), "--skip-errors")

    def plain() -> tuple[float, float]:
        return _run(bytecode, "-c", _PLAIN_IMPORT, str(sheet), str(tmp_path / f"plain-{next(copies)}.sqlite3"))

    what = f"main.py import of {rows:,} rows into {MEMBERS:,} members against reader + executemany"
    _compare(benchmark, ours, plain, what, 2)


def test_export_whole_process_vs_write_only(benchmark, tmp_path, roster_file, bytecode):
    def ours() -> tuple[float, float]:
        output = tmp_path / "ds.xlsx"
        return _run(bytecode, "main.py", "export", "danh-sach", "-o", str(output), "--db", str(roster_file))

    def plain() -> tuple[float, float]:
        return _run(bytecode, "-c", _PLAIN_EXPORT, str(tmp_path / "plain.xlsx"), str(MEMBERS))

    _compare(benchmark, ours, plain, f"main.py export danh-sach of {MEMBERS:,} against write-only openpyxl", 1.5)


def test_count_whole_process_vs_plain_count(benchmark, tmp_path, bytecode):
    import inspect
    import random

    from models.counting import ElectionRecord, Form, write_record
    from tests.bench.test_counting_bench import _plain_count, election, strike_ballots

    e = election(Form.STRIKE, 100, 77, 2000)
    path = tmp_path / "count.json"
    write_record(ElectionRecord(e, ballots=tuple(strike_ballots(e, 2000, random.Random(5))), branch="Chi bộ"), path)
    plain_script = f"{inspect.getsource(_plain_count)}\nimport sys\nprint(*_plain_count(sys.argv[1]))\n"

    def ours() -> tuple[float, float]:
        return _run(bytecode, "main.py", "count", str(path))

    def plain() -> tuple[float, float]:
        return _run(bytecode, "-c", plain_script, str(path))

    _compare(benchmark, ours, plain, "main.py count of 2,000 ballots × 100 against JSON load + digest + count", 2)
