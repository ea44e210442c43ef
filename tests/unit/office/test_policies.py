"""The policies come from the tables' metadata: a new table with a branch column, or under a parent that has one,
is protected without anyone listing it; a table that reaches no branch refuses the set-up."""

from __future__ import annotations

import peewee as pw
import pytest

from models.congress.tables import Congress, ElectionRound
from models.core.tables import BaseModel, Branch, Meta
from models.office.policies import UnprotectedTableError, branch_expression, lookup_function, table_policies
from models.schema import ALL_TABLES


class Shelf(BaseModel):
    """A new branch-owned table."""

    branch = pw.ForeignKeyField(Branch)


class Tally(BaseModel):
    """A new table two levels under a congress, with an optional link elsewhere first."""

    note = pw.ForeignKeyField(Shelf, null=True)
    round = pw.ForeignKeyField(ElectionRound)


class Loose(BaseModel):
    """A new table that reaches no branch: only an optional link to one."""

    shelf = pw.ForeignKeyField(Shelf, null=True)
    text = pw.TextField()


def test_every_table_of_the_schema_is_keyed_on_a_branch_except_the_shared_ones():
    tables = {p.table for p in table_policies(ALL_TABLES)}
    shared = {Meta._meta.table_name, "committee", "committee_leader"}  # the committee's record: read by every account
    assert tables == {m._meta.table_name for m in ALL_TABLES} - shared


def test_a_new_table_with_a_branch_column_is_keyed_on_it():
    assert branch_expression(Shelf) == '"shelf"."branch_id"'
    assert branch_expression(Branch) == '"branch".id'
    assert branch_expression(Congress) == '"congress"."branch_id"'


def test_a_child_table_is_keyed_on_its_required_parents_branch_through_the_parents_lookup():
    assert branch_expression(Tally) == '"chibo_branch_of_election_round"("tally"."round_id")'
    assert lookup_function(ElectionRound) == (
        'CREATE OR REPLACE FUNCTION "chibo_branch_of_election_round"(bigint) RETURNS bigint LANGUAGE sql STABLE '
        "SECURITY DEFINER SET search_path = public, pg_temp AS $body$SELECT branch_id FROM ("
        'SELECT p2."branch_id" AS branch_id FROM "election_round" p0 JOIN "congress_election" p1 ON p1."id" = '
        'p0."election_id" JOIN "congress" p2 ON p2."id" = p1."congress_id" WHERE p0."id" = $1) f WHERE '
        "(pg_has_role(session_user, 'chibo_office', 'MEMBER') OR branch_id IN (SELECT a.branch_id FROM "
        "chibo_branch_access a WHERE a.role_name = session_user))$body$"
    )
    assert 'SELECT p0."branch_id" AS branch_id FROM "shelf" p0 WHERE p0."id" = $1)' in lookup_function(Shelf)


def test_every_other_row_a_written_row_points_to_must_be_of_its_branch():
    (policy,) = table_policies([Tally])
    assert policy.same_branch == (
        '("tally"."note_id" IS NULL OR "chibo_branch_of_shelf"("tally"."note_id") = '
        '"chibo_branch_of_election_round"("tally"."round_id"))'
    )
    assert [name for name, _ in policy.lookups] == ['"chibo_branch_of_election_round"', '"chibo_branch_of_shelf"']
    insert = policy.statements()[-3]
    assert insert.startswith('CREATE POLICY chibo_insert ON "tally" FOR INSERT WITH CHECK ((')
    assert insert.endswith(" AND " + policy.same_branch + ")")
    assert table_policies([Shelf])[0].same_branch == ""


def test_a_table_that_reaches_no_branch_refuses_the_set_up():
    with pytest.raises(UnprotectedTableError, match="loose"):
        table_policies([*ALL_TABLES, Loose])


def test_every_policy_reads_its_grant_and_writes_need_a_writable_one():
    statements = next(p for p in table_policies(ALL_TABLES) if p.table == "member").statements()
    assert statements[0] == 'ALTER TABLE "member" ENABLE ROW LEVEL SECURITY'
    select, insert, update, delete = statements[1:]
    assert "FOR SELECT USING" in select and "can_write" not in select
    assert "FOR INSERT WITH CHECK" in insert and "a.can_write" in insert
    using, check = update.split(" WITH CHECK ")
    assert "can_write" not in using and "a.can_write" in check  # a read-only row it sees: refused, not skipped
    assert "FOR DELETE USING" in delete and "a.can_write" in delete
