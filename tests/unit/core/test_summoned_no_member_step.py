"""Schema v15 on SQLite and PostgreSQL: a list row may name no member (an applicant on an admission ballot); the
rows of a v14 database keep their members and every reference."""

from __future__ import annotations

from playhouse.migrate import migrate

from models.congress.tables import RoundCandidate, Summoned
from models.core.database import SCHEMA_VERSION, close_database, open_database, schema_version, set_meta
from models.core.tables import db
from models.migrations import _migrator
from tests.support import congress_story as story


def test_a_v14_list_keeps_its_members_and_may_then_name_an_applicant(data_file):
    story.congress_of_35()
    before = sorted((row.id, row.member_id) for row in Summoned.select())
    candidates = sorted((row.round_id, row.summoned_id) for row in RoundCandidate.select())
    assert before and candidates
    database = db.obj
    if hasattr(database, "pragma"):
        database.pragma("foreign_keys", 0)  # as the upgrade does around a table rebuild
    migrate(_migrator(database).add_not_null("summoned", "member_id"))
    assert not next(c for c in database.get_columns("summoned") if c.name == "member_id").null  # as in v14
    set_meta("schema_version", str(SCHEMA_VERSION - 1))
    close_database()

    handle = open_database(data_file)
    assert schema_version(handle) == SCHEMA_VERSION
    column = next(c for c in handle.get_columns("summoned") if c.name == "member_id")
    assert column.null
    assert sorted((row.id, row.member_id) for row in Summoned.select()) == before
    congress_id = Summoned.get_by_id(before[0][0]).congress_id
    applicant = Summoned.create(congress=congress_id, member=None, full_name="Hoàng Thị Hoa", official=False)
    assert Summoned.get_by_id(applicant.id).member_id is None
    assert sorted((row.round_id, row.summoned_id) for row in RoundCandidate.select()) == candidates
