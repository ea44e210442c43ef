"""Row-level security policies, derived from the tables' metadata: which branch each row belongs to.

A table with a `branch` column is keyed on it; a table without one (a congress's summoned list, a round's ballot
entries…) is keyed on its parent's branch, found by following its non-null foreign keys up to a table that has
one. A table that reaches no branch and is not declared shared refuses the set-up, so a new table cannot be
forgotten.

A child's branch is looked up by a small SECURITY DEFINER function per parent table (`chibo_branch_of_congress(id)`)
rather than a subquery: a subquery would carry the parents' own policies into every child's plan, nested three
deep for a ballot entry, and the planner's inflated cost then compiles each query with JIT (a second or more).
The function tells only which branch a parent id belongs to, never its contents, and only to an account that may
read that branch (the office, or a grant in the access table): asked about another branch's id it answers NULL, so
it cannot be used to find which ids belong to which branch. It runs as its owner, so the caller is `session_user`.

Writes also check that every other row a written row points to (an event's member, a list entry's member, a
vote's nominee) is of the same branch: foreign keys ignore row-level security, so without it an account could tie
its rows to another branch's.
"""

from __future__ import annotations

from dataclasses import dataclass

import peewee as pw

from models.core.tables import BaseModel, Branch, Meta
from models.office.committee_tables import Committee, CommitteeLeader

OFFICE_ROLE = "chibo_office"  # a member sees and changes every branch
APP_ROLE = "chibo_app"  # every ChiBo account: the table privileges, never DDL
ACCESS_TABLE = "chibo_branch_access"  # (role_name, branch_id, can_write), read by the policies
# Facts of the database itself and the committee's own record: readable by every account, written by the owner.
SHARED_TABLES: tuple[type[BaseModel], ...] = (Meta, Committee, CommitteeLeader)
POLICY_PREFIX = "chibo_"
LOOKUP_PREFIX = "chibo_branch_of_"  # the SECURITY DEFINER functions giving a parent row's branch

IS_OFFICE = f"pg_has_role(current_user, '{OFFICE_ROLE}', 'MEMBER')"
# Inside a SECURITY DEFINER function `current_user` is the owner: the account that called is `session_user`.
_CALLER_READS = (
    f"(pg_has_role(session_user, '{OFFICE_ROLE}', 'MEMBER') OR branch_id IN (SELECT a.branch_id "
    f"FROM {ACCESS_TABLE} a WHERE a.role_name = session_user))"
)


class UnprotectedTableError(Exception):
    """A table of the schema holds rows that reach no branch: it needs a `branch` column or a parent with one."""


@dataclass(frozen=True)
class TablePolicy:
    """The policies of one table: `branch` is the SQL expression of a row's branch id; `same_branch` requires
    every row a written row points to (its member, its congress's list entry…) to be of that branch too."""

    table: str
    branch: str
    lookups: tuple[tuple[str, str], ...] = ()  # (quoted name, CREATE FUNCTION) of the branch lookups it calls
    same_branch: str = ""

    def statements(self) -> list[str]:
        """The four policies, one per command: read needs any grant, every write a grant that can write."""
        read, write = readable(self.branch), writable(self.branch)
        if self.same_branch:
            write = f"({write}) AND {self.same_branch}"
        name, table = POLICY_PREFIX, _quote(self.table)
        return [
            *(create for _, create in self.lookups),
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY {name}select ON {table} FOR SELECT USING ({read})",
            f"CREATE POLICY {name}insert ON {table} FOR INSERT WITH CHECK ({write})",
            # A visible row a read-only grant cannot change fails WITH CHECK: an error, not a silent no-op.
            f"CREATE POLICY {name}update ON {table} FOR UPDATE USING ({read}) WITH CHECK ({write})",
            f"CREATE POLICY {name}delete ON {table} FOR DELETE USING ({write})",
        ]


def readable(branch: str) -> str:
    return f"{IS_OFFICE} OR ({branch}) IN (SELECT a.branch_id FROM {ACCESS_TABLE} a WHERE a.role_name = current_user)"


def writable(branch: str) -> str:
    return (
        f"{IS_OFFICE} OR ({branch}) IN (SELECT a.branch_id FROM {ACCESS_TABLE} a "
        "WHERE a.role_name = current_user AND a.can_write)"
    )


def caller_readable(branch: str) -> str:
    """`readable` inside a SECURITY DEFINER function, where the account that called is `session_user`."""
    return (
        f"pg_has_role(session_user, '{OFFICE_ROLE}', 'MEMBER') OR ({branch}) IN (SELECT a.branch_id "
        f"FROM {ACCESS_TABLE} a WHERE a.role_name = session_user)"
    )


def caller_writable(branch: str) -> str:
    """`writable` inside a SECURITY DEFINER function, where the account that called is `session_user`."""
    return (
        f"pg_has_role(session_user, '{OFFICE_ROLE}', 'MEMBER') OR ({branch}) IN (SELECT a.branch_id "
        f"FROM {ACCESS_TABLE} a WHERE a.role_name = session_user AND a.can_write)"
    )


def branch_expression(model: type[BaseModel]) -> str:
    """SQL giving the branch id of a row of `model`, in a policy on its table (columns qualified by table)."""
    return _policy(model).branch


def lookup_function(model: type[BaseModel]) -> str:
    """The CREATE FUNCTION of `model`'s branch lookup (`chibo_branch_of_<table>(id)`); "" for the branch table."""
    return "" if model is Branch else _lookup(model)[1]


def _policy(model: type[BaseModel]) -> TablePolicy:
    table = _quote(model._meta.table_name)
    if model is Branch:
        return TablePolicy(model._meta.table_name, f"{table}.id")
    hops, column = _path_from(model, frozenset())
    lookups: dict[str, str] = {}
    if hops:
        first = hops[0]
        name, create = _lookup(first.rel_model)
        lookups[name] = create
        branch = f"{name}({table}.{_quote(first.column_name)})"
    else:
        branch, first = f"{table}.{column}", None
    checks = []
    for field in model._meta.sorted_fields:
        if not isinstance(field, pw.ForeignKeyField) or field.rel_model is Branch or field is first:
            continue
        name, create = _lookup(field.rel_model)
        lookups[name] = create
        column_ref = f"{table}.{_quote(field.column_name)}"
        checks.append(f"({column_ref} IS NULL OR {name}({column_ref}) = {branch})")
    return TablePolicy(model._meta.table_name, branch, tuple(lookups.items()), " AND ".join(checks))


def _lookup(model: type[BaseModel]) -> tuple[str, str]:
    """The quoted name and CREATE FUNCTION of the lookup giving the branch of `model`'s row with a given id."""
    hops, column = _path_from(model, frozenset())
    table = _quote(model._meta.table_name)
    joins, previous = "", "p0"
    for n, field in enumerate(hops, start=1):
        parent, key = _quote(field.rel_model._meta.table_name), _quote(field.rel_field.column_name)
        joins += f" JOIN {parent} p{n} ON p{n}.{key} = {previous}.{_quote(field.column_name)}"
        previous = f"p{n}"
    name = _quote(LOOKUP_PREFIX + model._meta.table_name)
    key = _quote(model._meta.primary_key.column_name)  # type: ignore[union-attr]  # every branch table has one
    found = f"SELECT {previous}.{column} AS branch_id FROM {table} p0{joins} WHERE p0.{key} = $1"
    body = f"SELECT branch_id FROM ({found}) f WHERE {_CALLER_READS}"
    create = (
        f"CREATE OR REPLACE FUNCTION {name}(bigint) RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER "
        f"SET search_path = public, pg_temp AS $body${body}$body$"
    )
    return name, create


def _path_from(model: type[BaseModel], seen: frozenset) -> tuple[list[pw.ForeignKeyField], str]:
    """The foreign keys followed from `model` up to the table that carries the branch, and that table's quoted
    branch column: each the first required foreign key that leads to one."""
    fields = model._meta.fields
    if isinstance(fields.get("branch"), pw.ForeignKeyField):
        return [], _quote(fields["branch"].column_name)
    seen = seen | {model}
    for field in model._meta.sorted_fields:
        if not isinstance(field, pw.ForeignKeyField) or field.null or field.rel_model in seen:
            continue
        if field.rel_model is Branch:
            return [], _quote(field.column_name)
        try:
            hops, column = _path_from(field.rel_model, seen)
        except UnprotectedTableError:
            continue
        return [field, *hops], column
    raise UnprotectedTableError(
        f"table {model._meta.table_name} has no branch column and no required parent that leads to one"
    )


def table_policies(tables: list[type[BaseModel]]) -> list[TablePolicy]:
    """A policy for every table that holds branch data; UnprotectedTableError for one that reaches no branch."""
    return [_policy(model) for model in tables if model not in SHARED_TABLES]


def _quote(identifier: str) -> str:
    """Table and column names come from the code's own metadata, never from user text; quoted all the same."""
    return '"' + identifier.replace('"', '""') + '"'
