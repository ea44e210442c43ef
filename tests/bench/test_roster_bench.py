"""Roster speed: opening the tab and each search keystroke with 50,000 members; start-up with 5,000 members.

Goals (issue 2): a keystroke ≤ 50 ms; start-up ≤ 1.5 × a bare PySide6 window measured in the same run.
Run with: .venv/bin/python -m pytest tests/bench --bench -q
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gui.roster.members_tab import MembersTab
from models.core.branch import BranchInfo, save_branch
from models.core.database import close_database

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def tab(qtbot, big_file, tmp_path):
    widget = MembersTab(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_open_tab_50k(benchmark, tab):
    benchmark.pedantic(tab.refresh, rounds=3, iterations=1)
    assert tab.proxy.rowCount() == 50_000


def test_search_keystroke_50k(benchmark, tab, qtbot):
    tab.refresh()
    queries = ["n", "ng", "ngu", "nguy", "nguye", "nguyen", "nguyen v", "nguyen va", "nguyen van", "nguyen van a"]
    state = {"i": 0}

    def keystroke():
        tab.search_edit.setText(queries[state["i"] % len(queries)])
        state["i"] += 1
        qtbot.wait(0)

    benchmark.pedantic(keystroke, rounds=30, iterations=1)
    assert tab.proxy.rowCount() < 50_000


_FIRST_PAINT = """
import time
from PySide6.QtCore import QEvent, QObject

marks = {}


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            marks.setdefault("paint", time.time())
        return False
"""

_BARE = (
    _FIRST_PAINT
    + """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QLabel
app = QApplication(sys.argv)
w = QMainWindow(); tabs = QTabWidget(); tabs.addTab(QLabel("x"), "x"); w.setCentralWidget(tabs)
probe = FirstPaint(); w.installEventFilter(probe); w.show()
while "paint" not in marks:
    app.processEvents()
print(marks["paint"], marks["paint"])
"""
)

_CHIBO = (
    _FIRST_PAINT
    + """
import sys
from pathlib import Path
from gui.core.app import create_application
from PySide6.QtCore import QSettings
app = create_application(sys.argv[:1])
from models.core.database import open_database
from gui.main_window import MainWindow
open_database(Path(sys.argv[1]))
w = MainWindow(Path(sys.argv[1]), QSettings(sys.argv[2], QSettings.Format.IniFormat), defer_load=True)
probe = FirstPaint(); w.installEventFilter(probe); w.show()
while "paint" not in marks or w.members_tab.proxy.rowCount() == 0:
    app.processEvents()
print(marks["paint"], time.time())
"""
)


def _time_script(script: str, *args: str) -> tuple[float, float]:
    """(seconds to the window's first paint, seconds until the roster is filled) from process start."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.time()
    out = subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    painted, filled = (float(x) for x in out.stdout.split()[-2:])
    return painted - start, filled - start


@pytest.mark.parametrize("big_file", [5_000], indirect=True)
def test_startup_5k_vs_bare_window(benchmark, big_file, tmp_path):
    save_branch(BranchInfo("Chi bộ Đo đạc", "ĐẢNG BỘ ĐO ĐẠC", "Hà Nội", "CB"))
    close_database()
    settings = str(tmp_path / "s.ini")
    bare = min(_time_script(_BARE)[0] for _ in range(5))
    runs = []
    benchmark.pedantic(lambda: runs.append(_time_script(_CHIBO, str(big_file), settings)), rounds=5, iterations=1)
    painted = min(r[0] for r in runs)
    filled = min(r[1] for r in runs)
    benchmark.extra_info.update(
        bare_paint_s=round(bare, 3),
        chibo_paint_s=round(painted, 3),
        chibo_filled_s=round(filled, 3),
        ratio=round(painted / bare, 2),
    )
    print(
        f"\nstart-up to first paint: bare window {bare:.3f} s, ChiBo {painted:.3f} s (×{painted / bare:.2f}); "
        f"roster of 5,000 filled at {filled:.3f} s"
    )
    assert painted <= filled
