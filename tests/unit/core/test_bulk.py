"""Rows inserted by the driver's bulk path read back as peewee would have stored them, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime

from models.core.branch import current_branch_id
from models.core.bulk import insert_rows, with_defaults
from models.core.tables import db
from models.core.vnname import name_sort_key
from models.core.who import current_user
from models.roster.members import all_members
from models.roster.tables import Member


def test_bulk_rows_equal_peewee_rows(data_file):
    values = dict(
        full_name="Nguyễn Văn An",
        birth_date=date(1975, 4, 12),
        admission_date=date(2001, 5, 19),
        name_sort=name_sort_key("Nguyễn Văn An", date(1975, 4, 12)),
        created_at=datetime(2026, 3, 11, 8, 0),
        updated_at=datetime(2026, 3, 11, 8, 0),
    )
    with db.atomic():
        insert_rows(Member, *with_defaults(Member, [{**values, "card_number": "1"}]))
        Member.insert_many([{**values, "card_number": "2"}]).execute()
    bulk, plain = (Member.get(Member.card_number == card) for card in ("1", "2"))
    for field in Member._meta.sorted_fields:
        if field.name not in ("id", "card_number"):
            assert getattr(bulk, field.name) == getattr(plain, field.name), field.name
    assert (bulk.branch_id, bulk.version, bulk.updated_by) == (current_branch_id(), 1, current_user())
    assert [m.birth_date for m in all_members()] == [date(1975, 4, 12)] * 2
