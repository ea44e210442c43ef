"""A schema v1 file, as the released app wrote it, opens: copied first, migrated in one step, nothing lost."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import peewee as pw
import pytest

from models.core.branch import get_branch, list_branches
from models.core.database import SCHEMA_VERSION, close_database, open_database, schema_version
from models.roster.members import all_members
from models.roster.rating_book import ratings_for_year
from models.roster.tables import Member, MemberEvent, Rating

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "chibo-schema-v1.sqlite3"


def _rows(path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def v1_file(tmp_path) -> Path:
    path = tmp_path / "chi-bo.sqlite3"
    shutil.copyfile(FIXTURE, path)
    return path


def test_v1_file_migrates_keeping_every_member_event_and_rating(v1_file, tmp_path):
    members_before = _rows(v1_file, "SELECT id, full_name, card_number, birth_date FROM member ORDER BY id")
    events_before = _rows(v1_file, "SELECT id, member_id, kind, date, replaced_by_id FROM member_event ORDER BY id")
    ratings_before = _rows(v1_file, "SELECT member_id, year, level FROM rating ORDER BY member_id, year")
    assert len(members_before) == 4 and len(events_before) == 4 and len(ratings_before) == 5

    handle = open_database(v1_file)
    try:
        assert schema_version(handle) == SCHEMA_VERSION
        assert [name for _, name in list_branches()] == ["Chi bộ Văn phòng Sở"]
        assert get_branch().issuer_abbr == "CB"
        branch_id = list_branches()[0][0]
        for table in (Member, MemberEvent, Rating):
            assert {row.branch_id for row in table.select()} == {branch_id}
        assert {m.full_name for m in all_members()} == {row[1] for row in members_before}
        assert len(ratings_for_year(2024)) == 3
        assert "year_only_dates" in [c.name for c in handle.get_columns("member")]  # schema v3
    finally:
        close_database()
    assert _rows(v1_file, "SELECT id, full_name, card_number, birth_date FROM member ORDER BY id") == members_before
    events_after = _rows(v1_file, "SELECT id, member_id, kind, date, replaced_by_id FROM member_event ORDER BY id")
    assert events_after == events_before
    assert _rows(v1_file, "SELECT member_id, year, level FROM rating ORDER BY member_id, year") == ratings_before
    assert _rows(v1_file, "PRAGMA foreign_key_check") == []
    copies = list(tmp_path.glob("chi-bo.truoc-nang-cap-v1-*.sqlite3"))
    assert len(copies) == 1
    assert ("schema_version", "1") in _rows(copies[0], "SELECT key, value FROM chibo_meta")
    assert _rows(copies[0], "SELECT id, full_name, card_number, birth_date FROM member ORDER BY id") == members_before


def test_migrated_schema_equals_a_new_file(v1_file, tmp_path):
    open_database(v1_file)
    close_database()
    fresh = tmp_path / "new.sqlite3"
    open_database(fresh)
    close_database()

    def shape(path: Path) -> dict:
        out = {}
        for (table,) in _rows(path, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            columns = sorted((c[1], c[2].upper(), c[3], c[5]) for c in _rows(path, f"PRAGMA table_info('{table}')"))
            keys = sorted((k[2], k[3], k[4]) for k in _rows(path, f"PRAGMA foreign_key_list('{table}')"))
            indexes = sorted((i[1], i[2]) for i in _rows(path, f"PRAGMA index_list('{table}')"))
            out[table] = (columns, keys, indexes)
        return out

    assert shape(v1_file) == shape(fresh)


def test_the_database_refuses_a_repeated_card_number_in_a_branch(data_file):
    from datetime import date

    from models.core.branch import BranchInfo, save_branch

    save_branch(BranchInfo("Chi bộ A", "ĐẢNG BỘ X", "Hà Nội", "CB"))
    Member.create(full_name="Nguyễn Văn An", card_number="12345670", birth_date=date(1980, 1, 1))
    Member.create(full_name="Trần Văn Bảo", card_number="", birth_date=date(1981, 1, 1))
    Member.create(full_name="Lê Văn Cư", card_number="", birth_date=date(1982, 1, 1))  # blanks may repeat
    with pytest.raises(pw.IntegrityError):
        Member.create(full_name="Phạm Văn Dũng", card_number="12345670", birth_date=date(1983, 1, 1))
    save_branch(BranchInfo("Chi bộ B", "ĐẢNG BỘ X", "Hà Nội", "CB"), new=True)
    Member.create(full_name="Phạm Văn Dũng", card_number="12345670", birth_date=date(1983, 1, 1))  # another branch


def test_a_v5_database_gains_versions_and_authors_on_both_engines(data_file):
    """Schema v6 on SQLite and PostgreSQL: rows saved before it keep their values, at version 1, author unknown."""
    from datetime import date

    from playhouse.migrate import migrate

    from models.core.database import set_meta
    from models.core.tables import db
    from models.migrations import _migrator

    member = Member.create(full_name="Nguyễn Văn An", gender="Nam", birth_date=date(1980, 1, 1))
    MemberEvent.create(member=member.id, kind="admitted", date=date(2000, 1, 1))
    Rating.create(member=member.id, year=2024, level="good")
    migrator = _migrator(db.obj)
    migrate(
        migrator.drop_column("member", "updated_by"),
        migrator.drop_column("member", "version"),
        migrator.drop_index("member", "member_branch_name_sort"),
        migrator.drop_column("member", "name_sort"),  # v7's, which its own step adds again
        migrator.drop_column("member_event", "created_by"),
        migrator.drop_column("member_event", "voided_by"),
        *(
            migrator.drop_column(table, column)
            for table in ("rating", "congress")
            for column in ("updated_at", "updated_by", "version")
        ),
    )
    set_meta("schema_version", "5")
    close_database()

    handle = open_database(data_file)
    assert schema_version(handle) == SCHEMA_VERSION
    row = Member.get_by_id(member.id)
    assert (row.full_name, row.version, row.updated_by) == ("Nguyễn Văn An", 1, "")
    assert MemberEvent.get(MemberEvent.member == member.id).created_by == ""
    rating = Rating.get(Rating.member == member.id)
    assert (rating.level, rating.version, rating.updated_by) == ("good", 1, "")
    assert {c.name for c in handle.get_columns("congress")} >= {"updated_at", "updated_by", "version"}


def test_every_schema_version_has_its_step():
    from models.migrations import MIGRATIONS

    assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION))


def test_the_name_sort_step_fills_the_key_of_every_member(bare_database):
    from models.core.database import set_meta
    from models.core.tables import db
    from models.core.vnname import name_sort_key
    from models.migrations import MIGRATIONS, v6_to_v7
    from models.roster.members import save_member
    from tests.support.people import all_people, set_up_branch

    set_up_branch()
    for record in all_people():
        save_member(record)
    db.execute_sql("DROP INDEX member_branch_name_sort")
    db.execute_sql("ALTER TABLE member DROP COLUMN name_sort")  # the schema before this step
    set_meta("schema_version", str(next(n for n, step in MIGRATIONS.items() if step is v6_to_v7)))
    close_database()
    handle = open_database(bare_database)
    assert schema_version(handle) == SCHEMA_VERSION
    rows = Member.select(Member.full_name, Member.birth_date, Member.name_sort).tuples()
    assert len(rows) == len(all_people())
    assert all(bytes(key) == name_sort_key(name, born) for name, born, key in rows)
    assert "member_branch_name_sort" in {index.name for index in handle.get_indexes("member")}
