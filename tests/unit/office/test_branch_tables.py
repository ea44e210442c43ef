"""Which tables a branch move copies: found from the tables' foreign keys, so no table can be forgotten."""

from __future__ import annotations

import peewee as pw
import pytest

from models.congress.tables import Congress
from models.core.tables import BaseModel
from models.office.branch_tables import NOT_BRANCH_DATA, branch_tables
from models.schema import ALL_TABLES


def test_every_table_of_the_schema_is_copied_or_listed_as_not_branch_data():
    copied = {t.model for t in branch_tables()}
    assert copied | set(NOT_BRANCH_DATA) == set(ALL_TABLES)
    assert not copied & set(NOT_BRANCH_DATA)


def test_a_new_table_under_a_branch_table_is_copied_and_a_stray_one_fails():
    class Minute(BaseModel):  # a future table two steps below the branch
        congress = pw.ForeignKeyField(Congress)

    class Note(BaseModel):  # a future table tied to nothing
        text = pw.TextField()

    assert Minute in {t.model for t in branch_tables([*ALL_TABLES, Minute])}
    with pytest.raises(LookupError, match="Note"):
        branch_tables([*ALL_TABLES, Note])


def test_parents_come_before_their_children():
    order = [t.model for t in branch_tables()]
    for position, table in enumerate(branch_tables()):
        for fk in table.references:
            if fk.rel_model is not table.model:
                assert order.index(fk.rel_model) < position, (table.name, fk.name)
    names = [t.model.__name__ for t in branch_tables()]
    assert names.index("Member") < names.index("ElectionRound")  # its totals name the candidates by member id
    assert names.index("ElectionRound") < names.index("DocumentNumber")  # "round:12:minutes"
