"""The window's first paint loads no database driver, no workbook library, no congress code and no export job
(start-up speed):
`python -X importtime main.py` with the first-paint probe, which exits as soon as the window has been painted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.people import all_people

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    "peewee",
    "psycopg",
    "openpyxl",
    "sqlite3",
    "models.congress",
    "models.live_count",
    "gui.congress",
    "gui.live_count",
    "PySide6.QtCharts",
    "services.roster.jobs",  # the export menu is built from the titles alone
    "reports.core.export_files",
    "models.roster.member_status",
    "gui.roster.members_tab",  # the window's frame paints first; the members tab is built in the next turn
    "gui.core.encryption_offer",
    "importlib.abc",  # models.core.postgres_driver's finder needs none of its base classes
)


def test_nothing_heavy_before_the_first_paint(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "CHIBO_FIRST_PAINT_PROBE": "1"}
    command = [sys.executable, "-X", "importtime", str(ROOT / "main.py"), "--db", str(tmp_path / "x.sqlite3")]
    run = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert run.returncode == 0 and "first-paint" in run.stdout, run.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}
    assert [name for name in HEAVY if name in imported] == []


_FRAME = """
import sys
from PySide6.QtCore import QEvent, QObject, QSettings
from gui.core.app import create_application, install_crash_hook
app = create_application(sys.argv[:1])
install_crash_hook()
from cli.parser import parse_args
from main import start_window
import PySide6.QtCore as core


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("Qt" in vars(core), w.members_tab is None, flush=True)
            app.exit(0)
        return False


w, outcome = start_window(parse_args(["--db", sys.argv[1]]), QSettings(sys.argv[2], QSettings.Format.IniFormat))
probe = FirstPaint(); w.installEventFilter(probe)
app.exec()
"""


def test_the_first_paint_is_the_frame_without_the_qt_namespace(tmp_path, sqlite_file):
    """PySide builds the Qt namespace's ninety-odd enum types (some 30 ms) the first time anything touches `Qt`:
    the window's frame (menus, tab bar, status bar, with the crash hook installed as main.py does) paints before,
    and the members tab is built after it."""
    from models.core.database import close_database

    close_database()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    command = [sys.executable, "-c", _FRAME, str(sqlite_file), str(tmp_path / "s.ini")]
    run = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split()[-2:] == ["False", "True"]


_FILLED = """
import sys
from PySide6.QtCore import QEventLoop, QSettings
from gui.core.app import create_application
app = create_application(sys.argv[:1])
from cli.parser import parse_args
from main import start_window
w, outcome = start_window(parse_args(["--db", sys.argv[1]]), QSettings(sys.argv[2], QSettings.Format.IniFormat))
while w.members_tab is None or w.members_tab.is_loading() or w.members_tab.proxy.rowCount() == 0:
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
print(
    w.members_tab.proxy.rowCount(),
    "psycopg" in sys.modules,
    "models.congress.tables" in sys.modules,
    "concurrent.futures" in sys.modules,
)
"""


def test_the_roster_of_a_data_file_is_on_screen_without_the_postgresql_driver(tmp_path, sqlite_file):
    """Nor the congress's tables: an up-to-date file opens with the core's and the roster's (models.schema); nor
    the thread pool a server's pages are read with (models.roster.roster_pages)."""
    run = _window_on_everyone(_FILLED, sqlite_file, tmp_path)
    assert run.stdout.split()[-4:] == [str(len(all_people())), "False", "False", "False"]


_ROSTER_PAINT = """
import sys
from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings
from gui.core.app import create_application, install_crash_hook
app = create_application(sys.argv[:1])
install_crash_hook()
from cli.parser import parse_args
from main import start_window
import PySide6.QtCore as core

w, outcome = start_window(parse_args(["--db", sys.argv[1]]), QSettings(sys.argv[2], QSettings.Format.IniFormat))
built = []


class FilledPaint(QObject):  # the roster's first paint with its rows in: the roster is on screen
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not w.members_tab.is_loading() and w.members_tab.proxy.rowCount():
            built.append("Qt" in vars(core))
        return False


filled, probed = FilledPaint(), False
while not built:
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    if not probed and w.members_tab is not None:
        probed = True
        w.members_tab.table.viewport().installEventFilter(filled)
        if not w.members_tab.is_loading() and w.members_tab.proxy.rowCount():
            w.members_tab.table.viewport().update()
table = w.members_tab.table
while not table.isSortingEnabled():  # finished once the roster is on screen
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
Qt, header = core.Qt, table.horizontalHeader()
print(
    built[0],
    header.sortIndicatorSection() == 1 and header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder,
    header.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu,
    table.viewport().testAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents),
    w.open_action.shortcut().toString() == "Ctrl+O",
    bool(w.encryption_offer.label.textInteractionFlags() & Qt.TextInteractionFlag.LinksAccessibleByKeyboard),
    header.model().headerData(1, Qt.Orientation.Horizontal) == "Họ và tên",
)
"""


def test_the_roster_is_painted_before_the_qt_namespace_is_built(tmp_path, sqlite_file):
    """Its rows on screen without PySide's `Qt` (ninety-odd enum types, 15–30 ms): the models compare roles as
    numbers and the header's titles come from a model of Qt's own; then, at once, the header sorts with its arrow,
    offers its menu, the table takes touch, the menus have their shortcuts and the encryption offer's links Tab."""
    run = _window_on_everyone(_ROSTER_PAINT, sqlite_file, tmp_path)
    assert run.stdout.split()[-7:] == ["False"] + ["True"] * 6


_COLLECTIONS = """
import gc, sys
import main

started = []  # the collections from PySide's loading on


def collecting(phase, info):
    if phase == "start" and "PySide6" in sys.modules:
        started.append(info["generation"])


gc.callbacks.append(collecting)
code = main.main(["--db", sys.argv[1]])
print(code, len(started), gc.isenabled())
"""


def test_no_garbage_collection_runs_before_the_first_paint(tmp_path):
    """main.py pauses the cyclic collector before PySide loads (it walks every object made so far, a few
    milliseconds each time, and start-up frees almost nothing); the window lets it run again once the roster is on
    screen (tests/gui/core/test_start_window.py); here the probe ends ChiBo at its first paint."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "CHIBO_FIRST_PAINT_PROBE": "1"}
    command = [sys.executable, "-c", _COLLECTIONS, str(tmp_path / "x.sqlite3")]
    run = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split()[-3:] == ["0", "0", "False"]


def _window_on_everyone(script: str, sqlite_file, tmp_path) -> subprocess.CompletedProcess:
    """`script` run in a fresh interpreter on the test's data file holding everyone of tests.support.people; it
    must end well."""
    from models.core.database import close_database
    from models.roster.members import save_member

    for record in all_people():
        save_member(record)
    close_database()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    command = [sys.executable, "-c", script, str(sqlite_file), str(tmp_path / "s.ini")]
    run = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    return run
