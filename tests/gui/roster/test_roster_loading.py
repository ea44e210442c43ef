"""The roster loads on a worker thread: first rows early, the table usable meanwhile, progress, cancel on close."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

import models.roster.roster_pages as pages_module
from gui.main_window import MainWindow
from gui.roster.members_tab import MembersTab
from models.core.branch import save_branch
from models.roster.members import save_member
from tests.support.people import all_people
from tests.support.roster_tab import BRANCH, save_everyone, shown_names, unloaded_tab


@pytest.fixture
def people(data_file):
    return save_everyone()


def _tab(qtbot, tmp_path) -> MembersTab:
    return unloaded_tab(qtbot, tmp_path)


def test_first_rows_show_and_the_table_works_while_the_rest_loads(qtbot, tmp_path, people, gate):
    progress = []
    tab = _tab(qtbot, tmp_path)
    tab.load_progress.connect(lambda done, total: progress.append((done, total)))
    tab.load()
    qtbot.waitUntil(lambda: tab.proxy.rowCount() > 0)
    assert tab.is_loading() and tab.model.rowCount() == 3 and progress == [(3, people)]
    assert "Đang tải danh sách: 3/" in tab.count_label.text()
    first = tab.proxy.source_row(0).id
    assert tab.select_member(first)  # usable: select, search
    tab.search_edit.setText(tab.proxy.source_row(0).full_name)
    assert tab.proxy.rowCount() >= 1
    tab.search_edit.setText("")
    gate.set()
    qtbot.waitUntil(lambda: not tab.is_loading())
    reference = _tab(qtbot, tmp_path)
    reference.refresh()
    assert progress[-1] == (people, people) and [p[0] for p in progress] == sorted(p[0] for p in progress)
    assert shown_names(tab) == shown_names(reference)
    assert tab.selected_member_id() == first  # the selection survived the chunks
    assert f"chi bộ có {reference.model.current_count}" in tab.count_label.text()


def test_cancelling_stops_the_worker_and_nothing_more_arrives(qtbot, tmp_path, people, gate):
    tab = _tab(qtbot, tmp_path)
    tab.load()
    qtbot.waitUntil(lambda: tab.proxy.rowCount() > 0)
    gate.set()
    tab.cancel_loading()  # waits for the worker, which stops at its next look at «cancel»
    QCoreApplication.sendPostedEvents()  # whatever it had sent before arrives now: nothing of it may show
    assert not tab.is_loading() and tab.model.rowCount() == 3


def test_the_window_shows_load_progress_and_closing_cancels(qtbot, tmp_path, people, gate, monkeypatch):
    window = MainWindow(
        None,
        QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
        open_file=lambda: tmp_path / "chibo.sqlite3",
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.members_tab is not None and window.members_tab.proxy.rowCount() > 0)
    assert window.windowTitle() == f"ChiBo — {BRANCH.name}"
    assert window.statusBar().currentMessage() == f"Đang tải danh sách đảng viên: 3/{people}…"
    cancelled = []
    real_cancel = window.members_tab.cancel_loading
    monkeypatch.setattr(window.members_tab, "cancel_loading", lambda: cancelled.append(1) or real_cancel())
    gate.set()
    window.close()
    assert cancelled and not window.members_tab.is_loading()


def test_sorting_by_another_column_while_loading_keeps_the_table_in_that_order(qtbot, tmp_path, people, gate):
    from PySide6.QtCore import Qt

    from gui.roster.member_table_model import COLUMN_INDEX

    tab = _tab(qtbot, tmp_path)
    tab.load()
    qtbot.waitUntil(lambda: tab.proxy.rowCount() > 0)
    tab.table.sortByColumn(COLUMN_INDEX["birth_date"], Qt.SortOrder.DescendingOrder)  # the worker sorts by name
    gate.set()
    qtbot.waitUntil(lambda: not tab.is_loading())
    reference = _tab(qtbot, tmp_path)
    reference.refresh()
    reference.table.sortByColumn(COLUMN_INDEX["birth_date"], Qt.SortOrder.DescendingOrder)
    assert shown_names(tab) == shown_names(reference) and len(shown_names(tab)) > 3


def test_a_member_saved_while_loading_is_not_listed_twice(qtbot, tmp_path, people, gate):
    from dataclasses import replace

    from models.roster.members import get_member

    tab = _tab(qtbot, tmp_path)
    tab.load()
    qtbot.waitUntil(lambda: tab.proxy.rowCount() > 0)
    last = max(get_member(i).id for i in range(1, people + 1))  # not in the first chunk of 3
    save_member(replace(get_member(last), job_title="Bí thư chi bộ"))
    tab.update_member(last)
    gate.set()
    qtbot.waitUntil(lambda: not tab.is_loading())
    ids = [row.id for row in tab.model.rows]
    assert len(ids) == len(set(ids)) == people
    assert tab.model.rows[tab.model.row_of(last)].job.startswith("Bí thư chi bộ")
    reference = _tab(qtbot, tmp_path)
    reference.refresh()
    assert shown_names(tab) == shown_names(reference)


def test_a_failed_load_says_so_in_vietnamese_and_keeps_what_was_read(qtbot, tmp_path, people, monkeypatch, answers):
    real = pages_module.roster_pages

    def broken(on, first=3, size=3, stop=bool):
        pages = real(on, 3, 3)
        yield next(pages)
        raise OSError("disk I/O error")

    monkeypatch.setattr(pages_module, "roster_pages", broken)
    tab = _tab(qtbot, tmp_path)
    tab.load()
    qtbot.waitUntil(lambda: not tab.is_loading())
    assert answers["error"] == [
        ("Không đọc được hết danh sách đảng viên từ tệp dữ liệu.", "Hãy đóng ChiBo rồi mở lại tệp dữ liệu.")
    ]
    assert tab.model.rowCount() == 3


def test_the_leadership_line_follows_the_loaded_rows_on_screen(qtbot, tmp_path, people):
    """The line «Cấp ủy: …» is read once the loaded rows are painted, not before: the roster shows first."""
    from PySide6.QtCore import QEvent, QObject

    tab = _tab(qtbot, tmp_path)
    at_the_end, at_paints = [], []

    class Paints(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and tab.model.rowCount() == people and not tab.is_loading():
                at_paints.append(tab.leadership_label.text())  # a paint of the roster loaded
            return False

    paints = Paints()
    tab.table.viewport().installEventFilter(paints)
    tab.load_progress.connect(lambda done, total: done == total and at_the_end.append(tab.leadership_label.text()))
    tab.load()
    qtbot.waitUntil(lambda: tab.leadership_label.text().startswith("Cấp ủy:"))
    tab.table.viewport().removeEventFilter(paints)
    assert at_the_end == [""] and at_paints[0] == ""  # the loaded roster painted before the line was read


@pytest.mark.parametrize(("whole", "first_progress"), [(10_000, None), (1, 2)])
def test_a_files_roster_of_a_branchs_size_comes_in_one_chunk(
    qtbot, tmp_path, people, monkeypatch, whole, first_progress
):
    """Up to WHOLE_FILE_CHUNK members a file's roster is one page: one append, one paint, no «2/…» on the way
    (however small the first chunk of a bigger roster is)."""
    import gui.roster.roster_loader as loader_module

    monkeypatch.setattr(loader_module, "FIRST_CHUNK", 2)
    monkeypatch.setattr(loader_module, "WHOLE_FILE_CHUNK", whole)
    progress = []
    tab = _tab(qtbot, tmp_path)
    tab.load_progress.connect(lambda done, total: progress.append((done, total)))
    tab.load()
    qtbot.waitUntil(lambda: not tab.is_loading())
    assert progress[-1] == (people, people) and tab.model.rowCount() == people
    if first_progress is None:
        assert progress == [(people, people)]
    else:
        assert progress[0] == (first_progress, people)


def test_counts_over_a_thousand_are_grouped_as_vietnamese_reads_them(qtbot, tmp_path, data_file, gate):
    """«Đang tải danh sách: 3/1.203 …», then «Đang hiển thị 1.203 — chi bộ có 1.203 …»: dots between thousands."""
    from dataclasses import replace
    from itertools import product

    save_branch(BRANCH)
    base = all_people()[0]
    families, middles = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng"), ("Văn", "Thị", "Minh", "Đức", "Thu")
    givens = ("An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Lan", "Linh", "Long")
    names = [" ".join(parts) for parts in product(families, middles, givens, ("", "Anh", "Mai"))]
    for name in names[:1_203]:
        save_member(replace(base, id=None, full_name=" ".join(name.split()), card_number=""))
    tab = _tab(qtbot, tmp_path)
    tab.load()
    qtbot.waitUntil(lambda: tab.proxy.rowCount() > 0)
    assert "Đang tải danh sách: 3/1.203 đảng viên" in tab.count_label.text()
    gate.set()
    qtbot.waitUntil(lambda: not tab.is_loading())
    assert tab.count_label.text() == "Đang hiển thị 1.203 — chi bộ có 1.203 đảng viên đang sinh hoạt"


def test_a_reload_lets_the_old_rows_go_once_its_worker_is_started(qtbot, tmp_path, people, monkeypatch):
    """The old rows are let go after the worker is started (freed while the server answers its first query) and
    before any new row is handed over: one roster in memory."""
    import gui.roster.roster_loader as loader_module

    tab = _tab(qtbot, tmp_path)
    tab.refresh()
    old, seen = tab.model.rows, []
    real_start = loader_module.RosterLoader.start

    def start(loader):
        seen.append(tab.model.rows is old)  # still held when the worker starts
        real_start(loader)

    monkeypatch.setattr(loader_module.RosterLoader, "start", start)
    tab.load()
    assert seen == [True] and tab.model.rowCount() == 0 and tab.model.rows is not old
    qtbot.waitUntil(lambda: not tab.is_loading())
    assert tab.model.rowCount() == people
