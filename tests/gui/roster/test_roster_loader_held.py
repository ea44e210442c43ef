"""A roster load started before the members tab exists (start-up): the tab takes its rows whether they came before
it was built or after, in the order they came; a failure still reaches the user in Vietnamese; a load that sorts
otherwise than the table is replaced."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, Qt

import gui.roster.roster_loader as loader_module
import models.roster.roster_pages as pages_module
from gui.roster.member_table_model import COLUMN_INDEX
from gui.roster.members_tab import MembersTab
from gui.roster.roster_loader import FIRST_SORT, RosterLoader
from tests.support.roster_tab import save_everyone, shown_names, unloaded_tab


@pytest.fixture
def people(data_file):
    return save_everyone()


@pytest.fixture
def finished(monkeypatch):
    """Set once a worker has sent everything it had (its last signal emitted)."""
    event, real = threading.Event(), loader_module._Worker.run

    def run(self):
        real(self)
        event.set()

    monkeypatch.setattr(loader_module._Worker, "run", run)
    return event


def _tab(qtbot, tmp_path) -> MembersTab:
    return unloaded_tab(qtbot, tmp_path)


def _reference(qtbot, tmp_path) -> list[str]:
    reference = _tab(qtbot, tmp_path)
    reference.refresh()
    return shown_names(reference)


def _held_loader(heard: list) -> RosterLoader:
    loader = RosterLoader(*FIRST_SORT, held=True)
    loader.loaded.connect(lambda *args: heard.append(("loaded", len(args[1]))))
    loader.done.connect(lambda complete: heard.append(("done", complete)))
    loader.start()
    return loader


def test_rows_that_came_before_the_tab_was_built_wait_for_it_then_all_show(qtbot, tmp_path, people, gate, finished):
    gate.set()
    heard, progress = [], []
    loader = _held_loader(heard)
    assert finished.wait(10)
    QCoreApplication.sendPostedEvents()  # every chunk and the end reach the loader: it holds them
    QCoreApplication.processEvents()
    assert heard == []
    tab = _tab(qtbot, tmp_path)  # built after the whole roster was read
    tab.load_progress.connect(lambda done, total: progress.append((done, total)))
    tab.load(loader)
    assert tab.is_loading() and tab.model.rowCount() == 0  # handed on from the event loop, as a worker's signals
    qtbot.waitUntil(lambda: not tab.is_loading())
    assert heard[-1] == ("done", True) and sum(n for kind, n in heard if kind == "loaded") == people
    assert [p[0] for p in progress] == sorted(p[0] for p in progress) and progress[-1] == (people, people)
    assert shown_names(tab) == _reference(qtbot, tmp_path)


def test_a_tab_built_before_the_first_rows_takes_them_as_they_come(qtbot, tmp_path, people, gate):
    heard = []
    loader = _held_loader(heard)
    tab = _tab(qtbot, tmp_path)
    tab.load(loader)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3)  # the first page, then the worker waits at the gate
    assert tab.is_loading() and heard == [("loaded", 3)]
    gate.set()
    qtbot.waitUntil(lambda: not tab.is_loading())
    assert heard[-1] == ("done", True)
    assert shown_names(tab) == _reference(qtbot, tmp_path)


def test_a_failure_before_the_tab_was_built_is_told_once_it_is(qtbot, tmp_path, people, monkeypatch, finished, answers):
    real = pages_module.roster_pages

    def broken(on, first=3, size=3, stop=bool):
        pages = real(on, 3, 3)
        yield next(pages)
        raise OSError("disk I/O error")

    monkeypatch.setattr(pages_module, "roster_pages", broken)
    loader = _held_loader([])
    assert finished.wait(10)
    QCoreApplication.sendPostedEvents()
    assert answers["error"] == []  # no tab to say it in yet
    tab = _tab(qtbot, tmp_path)
    tab.load(loader)
    qtbot.waitUntil(lambda: not tab.is_loading())
    assert answers["error"] == [
        ("Không đọc được hết danh sách đảng viên từ tệp dữ liệu.", "Hãy đóng ChiBo rồi mở lại tệp dữ liệu.")
    ]
    assert tab.model.rowCount() == 3  # what was read stays


def test_a_load_sorted_otherwise_than_the_table_is_cancelled_and_one_in_its_order_taken(qtbot, tmp_path, people):
    heard = []
    loader = _held_loader(heard)
    tab = _tab(qtbot, tmp_path)
    tab.table.sortByColumn(COLUMN_INDEX["birth_date"], Qt.SortOrder.DescendingOrder)
    tab.load(loader)
    assert tab._loader is not loader
    qtbot.waitUntil(lambda: not tab.is_loading())
    assert heard == [] and tab.model.rowCount() == people  # the first load said nothing; the second brought all
    reference = _tab(qtbot, tmp_path)
    reference.refresh()
    reference.table.sortByColumn(COLUMN_INDEX["birth_date"], Qt.SortOrder.DescendingOrder)
    assert shown_names(tab) == shown_names(reference)


_LOAD_ALONE = """
import sys
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
from models.schema import install_schema
install_schema()
from models.core.database import open_database
open_database(sys.argv[1])
from gui.roster.roster_loader import FIRST_SORT, RosterLoader
rows = []
loader = RosterLoader(*FIRST_SORT)
loader.loaded.connect(lambda records, chunk, total, order: rows.extend(chunk))
loader.done.connect(lambda complete: app.exit(0))
loader.start()
app.exec()
print(len(rows), "models.roster.members" in sys.modules)
"""


def test_the_roster_worker_reads_without_the_member_editing_module(people, data_file):
    """The worker's first question (how many members) does not load models.roster.members and the editing rules
    behind it: start-up speed, on the worker's critical path."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from models.core.database import close_database

    close_database()
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)}
    run = subprocess.run(
        [sys.executable, "-c", _LOAD_ALONE, str(data_file)], capture_output=True, text=True, env=env, cwd=root
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == [str(people), "False"]
