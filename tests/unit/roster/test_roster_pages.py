"""The roster read a page at a time in A-B-C order (how a server's big roster loads): the same rows in the same
order as reading every record and sorting, on both engines."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date

from models.core.partial_dates import year_only
from models.roster.event_kinds import EventKind
from models.roster.members import all_members, correct_event, get_member, record_event, save_member, void_event
from models.roster.records import EventRecord
from models.roster.roster import RosterFilter, filter_rows, roster_rows, sort_indices
from models.roster.roster_pages import loads_in_pages, pages_ready, roster_pages
from models.roster.tables import Member
from tests.support.people import all_people, member

ON = date(2026, 12, 1)


def _fill() -> None:
    """The twelve people, twins of one (same name and birth date: ties go by id), a year-only birth, and
    histories: transferred out, recognised, exempted, a corrected and a voided event, a badge (not a status)."""
    for record in all_people():
        save_member(record)
    save_member(member(0, card_number="", phone="0900000000"))  # Nguyễn Văn An again
    save_member(member(3, full_name="Đinh Thị Dung", card_number="", birth_date=year_only(1988)))
    ids = [m.id for m in all_members()]
    record_event(ids[1], EventRecord(EventKind.TRANSFERRED_OUT, date(2024, 3, 1), place="Sở Y tế"), today=ON)
    record_event(ids[2], EventRecord(EventKind.EXEMPTED, date(2025, 1, 1)), today=ON)
    record_event(ids[4], EventRecord(EventKind.BADGE_AWARDED, date(2025, 2, 3), note="Huy hiệu 30 năm"), today=ON)
    record_event(ids[6], EventRecord(EventKind.DIED, date(2025, 5, 5)), today=ON)
    wrong = get_member(ids[6]).events[-1]
    correct_event(wrong.id, replace(wrong, id=None, kind=EventKind.TRANSFERRED_OUT), "Nhầm loại", today=ON)
    record_event(ids[7], EventRecord(EventKind.SUSPENDED, date(2025, 6, 1)), today=ON)
    void_event(get_member(ids[7]).events[-1].id, "Ghi nhầm", today=ON)


def _reference():
    rows = roster_rows(all_members(), ON)
    return [rows[i] for i in sort_indices(rows, list(range(len(rows))), "full_name")]


def test_pages_hold_the_rows_of_a_full_read_in_the_same_order(data_file):
    _fill()
    reference = _reference()
    for first, size in ((1, 1), (2, 3), (5, 100), (1000, 1000)):
        pages = list(roster_pages(ON, first, size))
        assert [row for page in pages for row in page] == reference, (first, size)
        assert len(pages[0]) == min(first, len(reference))
    statuses = {row.full_name: row.status_code for row in reference}
    assert statuses["Trần Thị Bình"] == "transferred_out" and statuses["Vũ Đình Anh"] == "transferred_out"
    assert statuses["Lê Văn Cường"] == "exempted" and statuses["Bùi Thị Ân"] == "official"


def test_only_the_first_page_probes_each_members_events(data_file, monkeypatch):
    """The first page comes at once with a probe of each member's events; the later ones read the grouped marks
    (on a file, every page does: one grouped query before the first). A server reads a query per page, each after
    the first on a helper thread; a file reads the first page by the index and the rest by one query that does
    not walk it."""
    import threading

    import models.roster.roster_pages as roster_pages_module
    from models.core.tables import db

    _fill()
    sent = []
    database = db.obj
    real, real_read = database.execute_sql, roster_pages_module._read

    def record(sql, params=None, *args, **kwargs):
        sent.append((sql, threading.current_thread()))
        return real(sql, params, *args, **kwargs)

    def read(connection, query):
        sent.append((query[0], threading.current_thread()))
        return real_read(connection, query)

    monkeypatch.setattr(roster_pages_module, "_read", read)
    database.execute_sql = record
    try:
        pages = list(roster_pages(ON, 2, 3))
    finally:
        del database.execute_sql
    page_queries = [sql for sql, _ in sent if sql.startswith('SELECT "t1"."id", "t1"."full_name"')]
    grouped = [sql for sql, _ in sent if "GROUP BY" in sql]
    server = str(data_file).startswith("postgresql")
    assert len(grouped) == 1 and len(pages) == 5 and [len(page) for page in pages] == [2, 3, 3, 3, 3]
    assert len(page_queries) == (len(pages) + 1 if server else 2)
    assert server or "ORDER BY +" in page_queries[1]
    probing = ["member_event" in sql for sql in page_queries]
    assert probing == [server] + [False] * (len(page_queries) - 1)
    helpers = {thread for sql, thread in sent if sql in page_queries[1:]}
    assert (threading.current_thread() not in helpers) if server else helpers == {threading.current_thread()}
    assert [row for page in pages for row in page] == _reference()


def test_searching_the_paged_rows_finds_what_searching_a_full_read_finds(data_file):
    _fill()
    rows = [row for page in roster_pages(ON, 2, 3) for row in page]
    reference = _reference()
    for text in ("an", "nguyen van", "1234567", "ha noi", "dung", "zz"):
        for criteria in (RosterFilter(text=text), RosterFilter(text=text, current_only=False, gender="Nữ")):
            found = [rows[i].id for i in filter_rows(rows, criteria)]
            assert found == [reference[i].id for i in filter_rows(reference, criteria)], criteria


def test_stopping_early_reads_no_further_page(data_file):
    _fill()
    pages = roster_pages(ON, 2, 2)
    taken = [row.id for page in itertools.islice(pages, 2) for row in page]
    pages.close()
    assert taken == [row.id for row in _reference()[:4]]


def test_a_saved_change_of_name_moves_the_member_in_the_pages(data_file):
    _fill()
    first = _reference()[0]
    save_member(replace(get_member(first.id), full_name="Nguyễn Văn Yên"))
    rows = [row for page in roster_pages(ON, 3, 3) for row in page]
    assert rows == _reference() and rows[-1].id == first.id


def test_a_member_without_a_sort_key_makes_the_tab_read_records_as_before(data_file):
    _fill()
    assert pages_ready()
    Member.update(name_sort=None).where(Member.id == all_members()[0].id).execute()  # written by another program
    assert not pages_ready() and not loads_in_pages()


def test_a_file_is_read_in_pages_as_a_server(data_file):
    _fill()
    assert loads_in_pages()


def test_a_place_written_like_a_date_stays_a_text_and_the_date_a_date(data_file):
    """A hometown typed as «1980-01-01» (SQLite stores dates as such texts) neither becomes the birth date of a
    member born that day nor takes it."""
    save_member(member(0, hometown="1980-01-01", birth_date=date(1980, 1, 1)))
    save_member(member(1, birth_date=date(1980, 1, 1), workplace="1980-01-01"))
    rows = [row for page in roster_pages(ON) for row in page]
    assert [(row.hometown, row.workplace) for row in rows] == [("1980-01-01", ""), (member(1).hometown, "1980-01-01")]
    assert all(type(row.birth_date) is date and row.birth_date == date(1980, 1, 1) for row in rows)
    assert rows == _reference()


def test_members_of_the_same_dates_with_different_histories_keep_their_own_status(data_file):
    """A status is worked out once per kind of dates and history: an exemption with an end date that passed, one
    without, one ended by its end event and one still running are four histories of the same dates."""
    ids = [save_member(member(0, card_number=f"{n:08d}")).member.id for n in range(5)]
    exempted = EventRecord(EventKind.EXEMPTED, date(2025, 1, 1))
    record_event(ids[0], replace(exempted, end_date=date(2025, 6, 1)), today=ON)
    record_event(ids[1], exempted, today=ON)
    record_event(ids[2], exempted, today=ON)
    record_event(ids[2], EventRecord(EventKind.EXEMPTION_END, date(2025, 9, 1)), today=ON)
    record_event(ids[3], replace(exempted, end_date=date(2027, 1, 1)), today=ON)
    rows = [row for page in roster_pages(ON, 2, 2) for row in page]
    assert rows == _reference()
    assert [row.status_code for row in rows] == ["official", "exempted", "official", "exempted", "official"]


def test_a_loaded_roster_is_counted_filtered_and_sorted_without_making_a_row(data_file, monkeypatch):
    """Pages hold the values as read: the count, the status list, every filter and every column's sort read a field
    of every member at once; a row is made only when one is asked for (the table shows it), as a full read makes it."""
    from models.roster.roster import RosterRows, RosterSearch, sort_keys

    _fill()
    reference = _reference()
    rows = RosterRows()
    for page in roster_pages(ON, 2, 3):
        rows += page

    def made(self, index):
        raise AssertionError(f"row {index} made")

    monkeypatch.setattr(RosterRows, "_row", made)
    order = sort_indices(rows, list(range(len(rows))), "full_name")
    search = RosterSearch(rows, order)
    for criteria in (RosterFilter(), RosterFilter(text="nguyen", current_only=False), RosterFilter(kind="official")):
        assert search.filter(criteria) == filter_rows(reference, criteria), criteria
    for column in ("gender", "birth_date", "official_date", "kind", "status", "card_number", "job", "hometown"):
        assert sort_keys(rows, column) == sort_keys(reference, column), column
    assert rows.status_labels() == {row.status_code: row.status_label for row in reference}
    assert sum(rows.field("is_current")) == sum(row.is_current for row in reference)
    monkeypatch.undo()
    assert list(rows) == reference and rows[-1] == reference[-1] and list(rows[1:3]) == list(rows.select([1, 2]))


def test_building_a_roster_pauses_cycle_collection_and_restores_it():
    import gc

    from models.roster.roster_pages import building_roster

    assert gc.isenabled()
    with building_roster():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with building_roster():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_rows_hold_sort_keys_as_bytes_whatever_the_driver_gives():
    """SQLite's bytes are taken as they are; a driver's memoryviews (or any other buffer) become bytes."""
    from models.roster.roster import RosterRows, roster_rows

    as_stored = roster_rows(all_people()[:3], ON)
    keys = as_stored.field("name_key")
    assert [row.name_key for row in as_stored] == keys and set(map(type, keys)) == {bytes}
    values = [as_stored._values[n][:-1] for n in range(3)]
    for given in (list(map(memoryview, keys)), [keys[0], memoryview(keys[1]), bytearray(keys[2])]):
        rows = RosterRows(
            [(*v, key) for v, key in zip(values, given, strict=True)], as_stored._statuses, as_stored._search
        )
        assert rows.field("name_key") == keys and set(map(type, rows.field("name_key"))) == {bytes}
        assert [type(row.name_key) for row in rows] == [bytes] * 3 and list(rows) == list(as_stored)


def test_a_files_date_that_is_no_date_is_refused_with_its_page_not_when_its_row_is_shown(data_file):
    """SQLite keeps whatever text another program wrote in a date column. Rows are made only when shown, but every
    stored date is still read with its page: the load fails there (the tab says the roster could not be read
    whole), and no row fails later while the table paints it."""
    import peewee as pw
    import pytest

    from models.core.tables import db

    if not isinstance(db.obj, pw.SqliteDatabase):
        pytest.skip("PostgreSQL checks a date column's values itself")
    _fill()
    for column in ("birth_date", "admission_date", "official_date"):
        db.execute_sql(f"UPDATE member SET {column} = 'ngày 5' WHERE id = (SELECT max(id) FROM member)")
        with pytest.raises(ValueError):
            list(roster_pages(ON, 2, 3))
        db.execute_sql(f"UPDATE member SET {column} = '1990-05-05' WHERE id = (SELECT max(id) FROM member)")
    assert len([row for page in roster_pages(ON, 2, 3) for row in page]) == len(all_members())
