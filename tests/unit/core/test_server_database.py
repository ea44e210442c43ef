"""A PostgreSQL server database opens like a data file: schema created once, facts upserted, data kept on reopen."""

from __future__ import annotations

from datetime import date

from models.core.database import SCHEMA_VERSION, close_database, open_database, schema_version, set_meta
from models.core.tables import Meta
from models.roster.members import all_members, save_member
from models.roster.records import MemberRecord
from tests.support.people import set_up_branch
from tests.support.pg_server import empty_database


def test_server_database_is_created_then_reopened_with_its_members(pg_url):
    empty_database(pg_url)
    database = open_database(pg_url)
    assert schema_version(database) == SCHEMA_VERSION
    set_up_branch()
    save_member(MemberRecord("Nguyễn Văn An", "Nam", date(1980, 5, 1), date(2005, 3, 2)), date(2026, 12, 1))
    close_database()

    database = open_database(pg_url)
    try:
        assert [m.full_name for m in all_members()] == ["Nguyễn Văn An"]
        assert Meta.get(Meta.key == "app").value == "chibo"
    finally:
        close_database()


def test_set_meta_updates_in_place_on_both_engines(data_file):
    set_meta("note", "một")
    set_meta("note", "hai")
    assert [(m.key, m.value) for m in Meta.select().where(Meta.key == "note")] == [("note", "hai")]
