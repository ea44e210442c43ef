"""Taking back a mistaken event ("Hủy mục này") and the official date's one source, the recognition event."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from models.core import database
from models.core.database import close_database, open_database
from models.core.errors import ConflictError, ValidationError
from models.roster.event_kinds import EventKind
from models.roster.member_status import member_status
from models.roster.members import check_event, get_member, record_event, save_member, void_event
from models.roster.records import EventRecord
from tests.support.people import member

TODAY = date(2026, 11, 22)


@pytest.fixture
def probationary(data_file):
    """Admitted (ceremony) 01/03/2024, still probationary: no official date."""
    record = member(0, admission_date=date(2024, 3, 1), ceremony_date=date(2024, 3, 1), official_date=None)
    return save_member(record, TODAY).member


def test_voiding_a_transfer_out_brings_the_member_back(probationary):
    record_event(probationary.id, EventRecord(EventKind.TRANSFERRED_OUT, date(2025, 6, 1), place="Chi bộ B"), TODAY)
    before = get_member(probationary.id)
    assert member_status(before, TODAY).code == "transferred_out"
    after = void_event(before.events[0].id, "Ghi nhầm người", TODAY)
    assert member_status(after, TODAY).code == "probationary"
    kept = after.events[0]  # the row stays, marked void
    assert (kept.kind, kept.voided_at, kept.void_reason) == (EventKind.TRANSFERRED_OUT, TODAY, "Ghi nhầm người")


def test_voiding_a_recognition_clears_the_official_date(probationary):
    record_event(probationary.id, EventRecord(EventKind.RECOGNISED, date(2025, 3, 10)), TODAY)
    recognised = get_member(probationary.id)
    assert recognised.official_date == date(2025, 3, 10) and member_status(recognised, TODAY).is_official
    after = void_event(recognised.events[0].id, "Chưa có quyết định", TODAY)
    assert after.official_date is None and member_status(after, TODAY).code == "probationary"


def test_void_needs_a_reason_and_happens_once(probationary):
    record_event(probationary.id, EventRecord(EventKind.EXEMPTED, date(2025, 6, 1)), TODAY)
    event_id = get_member(probationary.id).events[0].id
    with pytest.raises(ValidationError) as error:
        void_event(event_id, "  ", TODAY)
    assert error.value.field == "void_reason" and get_member(probationary.id).events[0].voided_at is None
    void_event(event_id, "Nhầm", TODAY)
    with pytest.raises(ConflictError):
        void_event(event_id, "Lần nữa", TODAY)


def test_void_refused_when_later_events_rest_on_it(probationary):
    record_event(probationary.id, EventRecord(EventKind.EXEMPTED, date(2025, 6, 1)), TODAY)
    record_event(probationary.id, EventRecord(EventKind.EXEMPTION_END, date(2025, 9, 1)), TODAY)
    exempted = next(e for e in get_member(probationary.id).events if e.kind == EventKind.EXEMPTED)
    with pytest.raises(ValidationError) as error:
        void_event(exempted.id, "Nhầm", TODAY)
    assert "Không thể hủy" in error.value.message
    assert all(e.voided_at is None for e in get_member(probationary.id).events)  # nothing changed


def test_editing_the_official_date_moves_the_recognition_event(probationary):
    record_event(probationary.id, EventRecord(EventKind.RECOGNISED, date(2025, 3, 10)), TODAY)
    recognised = get_member(probationary.id)
    recognised.official_date = date(2025, 3, 20)
    saved = save_member(recognised, TODAY).member
    counting = [e for e in saved.events if e.replaced_by is None and e.voided_at is None]
    assert [(e.kind, e.date) for e in counting] == [(EventKind.RECOGNISED, date(2025, 3, 20))]
    assert saved.official_date == date(2025, 3, 20)


def test_clearing_the_official_date_voids_the_recognition(probationary):
    record_event(probationary.id, EventRecord(EventKind.RECOGNISED, date(2025, 3, 10)), TODAY)
    recognised = get_member(probationary.id)
    recognised.official_date = None
    saved = save_member(recognised, TODAY).member
    assert saved.official_date is None and saved.events[0].voided_at == TODAY
    assert member_status(saved, TODAY).code == "probationary"  # one story: neither says official


def test_premature_recognition_is_known_before_saving(probationary):
    early = EventRecord(EventKind.RECOGNISED, date(2025, 1, 10))
    check = check_event(probationary.id, early, today=TODAY)
    assert check.ok and any("sớm hơn ngày đủ 12 tháng" in w for w in check.warnings)
    assert get_member(probationary.id).events == []  # checking saves nothing


V6_COLUMNS = (
    ("member", "updated_by"),
    ("member", "version"),
    ("member_event", "voided_by"),
    ("member_event", "created_by"),
    ("rating", "updated_at"),
    ("rating", "updated_by"),
    ("rating", "version"),
)


def test_migration_adds_the_void_columns_to_an_old_file(tmp_path, monkeypatch):
    path = tmp_path / "v3.sqlite3"
    open_database(path)
    close_database()
    con = sqlite3.connect(path)
    con.execute("ALTER TABLE member_event DROP COLUMN voided_at")
    con.execute("ALTER TABLE member_event DROP COLUMN void_reason")
    for table, column in V6_COLUMNS:  # later versions' columns, which their own steps add again
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.execute("DROP INDEX member_branch_name_sort")  # schema v7, later than v3
    con.execute("ALTER TABLE member DROP COLUMN name_sort")
    con.execute("UPDATE chibo_meta SET value = '3' WHERE key = 'schema_version'")  # the schema before voiding
    con.commit()
    con.close()
    handle = open_database(path)
    try:
        assert database.schema_version(handle) == database.SCHEMA_VERSION
        columns = {c.name for c in handle.get_columns("member_event")}
        assert {"voided_at", "void_reason"} <= columns
    finally:
        close_database()
