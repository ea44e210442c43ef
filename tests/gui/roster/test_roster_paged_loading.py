"""A server's roster loads in pages in A-B-C order: the first page is the top of the list, the rest goes below it;
cancel, reload and search behave as with a data file (on a real PostgreSQL server)."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

import models.roster.roster_pages as roster_pages_module
from gui.roster.members_tab import MembersTab
from models.core.branch import save_branch
from models.core.database import close_database, open_database
from models.roster.event_kinds import EventKind
from models.roster.members import all_members, record_event, save_member
from models.roster.records import EventRecord
from models.roster.roster import RosterFilter, filter_rows, roster_rows, sort_indices
from tests.support.people import all_people, member
from tests.support.pg_server import empty_database
from tests.support.roster_tab import BRANCH, shown_names

ON = date(2026, 12, 1)


@pytest.fixture
def server(pg_url):
    empty_database(pg_url)
    open_database(pg_url)
    save_branch(BRANCH)
    for record in all_people():
        save_member(record)
    save_member(member(0, card_number="", phone="0900000000"))  # a second Nguyễn Văn An: ties go by id
    ids = [m.id for m in all_members()]
    record_event(ids[1], EventRecord(EventKind.TRANSFERRED_OUT, date(2024, 3, 1), place="Sở Y tế"), today=ON)
    record_event(ids[2], EventRecord(EventKind.EXEMPTED, date(2025, 1, 1)), today=ON)
    yield pg_url
    close_database()


@pytest.fixture
def gate(monkeypatch):
    """Pages of 3; the worker waits at the gate after the first page until the test opens it."""
    opened = threading.Event()
    real = roster_pages_module.roster_pages

    def pages(on, first, size, stop=bool):
        for number, page in enumerate(real(on, 3, 3)):
            if number == 1:
                opened.wait(10)
            yield page

    monkeypatch.setattr(roster_pages_module, "roster_pages", pages)
    yield opened
    opened.set()


def _tab(qtbot, tmp_path) -> MembersTab:
    tab = MembersTab(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(tab)
    tab.show()
    return tab


def _reference():
    """Every row of a full read, in A-B-C order, as a data file's tab shows them."""
    rows = roster_rows(all_members(), ON)
    return [rows[i] for i in sort_indices(rows, list(range(len(rows))), "full_name")]


def _shown(rows, criteria: RosterFilter | None = None) -> list[str]:
    return [rows[i].full_name for i in filter_rows(rows, criteria or RosterFilter())]


def test_the_first_page_is_the_top_of_the_list_and_the_rest_goes_below(qtbot, tmp_path, server, gate):
    tab = _tab(qtbot, tmp_path)
    progress = []
    tab.load_progress.connect(lambda done, total: progress.append((done, total)))
    tab.load()
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    reference = _reference()
    assert tab.is_loading() and [row.id for row in tab.model.rows] == [row.id for row in reference[:3]]
    assert shown_names(tab) == _shown(reference[:3])
    assert progress == [(3, len(reference))]
    top = tab.proxy.source_row(0).id
    assert tab.select_member(top)
    gate.set()
    qtbot.waitUntil(lambda: not tab.is_loading())
    assert [row.id for row in tab.model.rows] == [row.id for row in reference]  # appended, never re-sorted
    assert shown_names(tab) == _shown(reference)
    assert tab.selected_member_id() == top and progress[-1] == (len(reference), len(reference))


def test_search_over_the_paged_rows(qtbot, tmp_path, server):
    tab = _tab(qtbot, tmp_path)
    tab.load()
    qtbot.waitUntil(lambda: not tab.is_loading())
    reference = _reference()
    for text in ("an", "nguyen van", "ha noi", "dung", "zzz", ""):
        tab.search_edit.setText(text)
        assert shown_names(tab) == _shown(reference, tab.criteria()), text
    tab.scope_combo.setCurrentIndex(1)  # everyone, the member transferred out too
    assert shown_names(tab) == _shown(reference, tab.criteria()) and len(shown_names(tab)) == len(reference)


def test_cancel_stops_and_a_new_load_replaces_the_old_one(qtbot, tmp_path, server, gate):
    tab = _tab(qtbot, tmp_path)
    tab.load()
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    gate.set()
    tab.cancel_loading()  # the worker has stopped: deliver whatever it had sent before, then nothing more comes
    QCoreApplication.sendPostedEvents()
    assert not tab.is_loading() and tab.model.rowCount() == 3
    gate.clear()
    tab.load()  # a reload: the old rows go, the new ones come
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    gate.set()
    tab.load()  # reloading again while that load is under way cancels it
    qtbot.waitUntil(lambda: not tab.is_loading())
    QCoreApplication.sendPostedEvents()  # anything the cancelled load had sent arrives now, before the check
    ids = [row.id for row in tab.model.rows]
    assert ids == [row.id for row in _reference()] and len(set(ids)) == len(ids)


def test_records_are_read_when_asked_for_and_refresh_loads_in_pages(qtbot, tmp_path, server):
    tab = _tab(qtbot, tmp_path)
    tab.refresh()  # from a server: on the worker thread
    assert tab.is_loading()
    qtbot.waitUntil(lambda: not tab.is_loading())
    assert tab._by_id is None  # only rows were read
    shown = tab.shown_records()
    assert [m.id for m in shown] == [tab.proxy.source_row(r).id for r in range(tab.proxy.rowCount())]
    assert len(tab.records) == len(all_members())


def test_a_member_saved_while_loading_is_listed_once(qtbot, tmp_path, server, gate):
    from dataclasses import replace

    from models.roster.members import get_member

    tab = _tab(qtbot, tmp_path)
    tab.load()
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    last = _reference()[-1].id  # not in the first page
    save_member(replace(get_member(last), job_title="Bí thư chi bộ"))
    tab.update_member(last)
    gate.set()
    qtbot.waitUntil(lambda: not tab.is_loading())
    ids = [row.id for row in tab.model.rows]
    assert len(ids) == len(set(ids)) == len(_reference())
    assert tab.model.rows[tab.model.row_of(last)].job.startswith("Bí thư chi bộ")
    assert shown_names(tab) == _shown(_reference())


def test_a_data_file_is_read_in_pages_as_a_server(qtbot, tmp_path, data_file):
    save_branch(BRANCH)
    for record in all_people():
        save_member(record)
    tab = _tab(qtbot, tmp_path)
    tab.load()
    qtbot.waitUntil(lambda: not tab.is_loading())
    assert tab._by_id is None  # rows only, as from a server; the records when asked for
    assert shown_names(tab) == _shown(_reference())
    assert len(tab.records) == len(all_people())
    tab.refresh()  # a file: now, on this thread, in pages too
    assert not tab.is_loading() and tab._by_id is None and shown_names(tab) == _shown(_reference())


def test_a_search_typed_while_the_pages_arrive_holds_for_every_page(qtbot, tmp_path, server, gate):
    tab = _tab(qtbot, tmp_path)
    tab.load()
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    tab.search_edit.setText("van")
    gate.set()
    qtbot.waitUntil(lambda: not tab.is_loading())
    assert shown_names(tab) == _shown(_reference(), tab.criteria()) and shown_names(tab)
    tab.search_edit.setText("")
    assert shown_names(tab) == _shown(_reference())


def test_pages_into_a_table_sorted_by_another_column_keep_its_order(qtbot, tmp_path, server, gate):
    from PySide6.QtCore import Qt

    from gui.roster.member_table_model import COLUMN_INDEX

    tab = _tab(qtbot, tmp_path)
    tab.table.sortByColumn(COLUMN_INDEX["birth_date"], Qt.SortOrder.DescendingOrder)  # before: the worker sorts
    tab.load()
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    tab.table.sortByColumn(COLUMN_INDEX["card_number"], Qt.SortOrder.AscendingOrder)  # while: the table sorts
    gate.set()
    qtbot.waitUntil(lambda: not tab.is_loading())
    rows = _reference()
    wanted = [
        rows[i].full_name
        for i in filter_rows(rows, tab.criteria(), sort_indices(rows, list(range(len(rows))), "card_number"))
    ]
    assert shown_names(tab) == wanted
    tab.table.sortByColumn(COLUMN_INDEX["birth_date"], Qt.SortOrder.DescendingOrder)
    by_birth = sort_indices(rows, list(range(len(rows))), "birth_date", descending=True)
    assert shown_names(tab) == [rows[i].full_name for i in filter_rows(rows, tab.criteria(), by_birth)]
    tab.load()  # pages of 3 in A-B-C order, merged by the worker into the birth-date order
    qtbot.waitUntil(lambda: not tab.is_loading())
    assert shown_names(tab) == [rows[i].full_name for i in filter_rows(rows, tab.criteria(), by_birth)]


def test_a_files_refresh_keeps_the_pages_order_without_sorting_again(qtbot, tmp_path, data_file, monkeypatch):
    """The pages come in A-B-C order: a table sorted by name takes that order as it is; a table sorted by another
    column sorts the rows it gets."""
    from PySide6.QtCore import Qt

    import gui.roster.member_table_model as table_model
    from gui.roster.member_table_model import COLUMN_INDEX

    save_branch(BRANCH)
    for record in all_people():
        save_member(record)
    tab = _tab(qtbot, tmp_path)
    tab.refresh()
    sorts = []
    real = table_model.sort_indices
    monkeypatch.setattr(
        table_model, "sort_indices", lambda *args, **kwargs: sorts.append(args) or real(*args, **kwargs)
    )
    tab.refresh()
    assert sorts == [] and shown_names(tab) == _shown(_reference())
    tab.table.sortByColumn(COLUMN_INDEX["birth_date"], Qt.SortOrder.DescendingOrder)
    tab.refresh()
    rows = _reference()
    order = sort_indices(rows, list(range(len(rows))), "birth_date", descending=True)
    assert len(sorts) == 2 and shown_names(tab) == [rows[i].full_name for i in filter_rows(rows, tab.criteria(), order)]
    assert tab.model.row_of(rows[0].id) is not None and tab.select_member(rows[0].id)  # found once asked for


def test_pages_in_the_tables_order_are_sent_without_asking_any_sort_key(qtbot, tmp_path, server, gate, monkeypatch):
    """Each page goes below the ones before: the loader neither sorts nor merges (a merge of the order alone would
    still walk every row so far at every page, and ask a key)."""
    import models.roster.roster as roster_module

    asked = []
    real = roster_module.sort_key

    def counting(rows, column):
        key = real(rows, column)
        return lambda i: asked.append(i) or key(i)

    monkeypatch.setattr(roster_module, "sort_key", counting)
    tab = _tab(qtbot, tmp_path)
    tab.load()
    gate.set()
    qtbot.waitUntil(lambda: not tab.is_loading())
    assert asked == [] and shown_names(tab) == _shown(_reference())
