"""Which tables hold a branch's rows, found from the tables' own foreign keys so that a new table cannot be
forgotten by a move, and the text columns that carry ids inside them (JSON ballots, document names).

A table belongs to a branch when it has a foreign key to `Branch`, or to a table that belongs to a branch
(`BallotEntry` → `ElectionRound` → `CongressElection` → `Congress` → `Branch`). Tables that belong to no branch
are listed in NOT_BRANCH_DATA with their reason; anything else in `models.schema.ALL_TABLES` is an error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import peewee as pw

from models.congress.voters import NON_MEMBER_PREFIX
from models.core.tables import BaseModel, Branch, Meta
from models.office.committee_tables import COMMITTEE_TABLES
from models.roster.standing_tables import STANDING_TABLES
from models.schema import ALL_TABLES

# Tables never copied by a move: those about the database itself, not any branch, and derived ones.
NOT_BRANCH_DATA: dict[type[BaseModel], str] = {
    Meta: "the file's own facts: app id, schema version, practice flag",
    **{
        model: "derived from the members' records and events; recomputed where they land (models.roster.standing_store)"
        for model in STANDING_TABLES
    },
    **{
        model: "the committee's own record, of itself and of its branches: stays with the committee"
        for model in COMMITTEE_TABLES
    },
}


@dataclass(frozen=True)
class BranchTable:
    """A branch-owned table and the foreign key that ties its rows to the branch (`owner`: None for `Branch`)."""

    model: type[BaseModel]
    owner: pw.ForeignKeyField | None

    @property
    def name(self) -> str:
        return self.model._meta.table_name

    @property
    def references(self) -> list[pw.ForeignKeyField]:
        """Every foreign key of the table to another branch table (self references last)."""
        fks = [f for f in self.model._meta.sorted_fields if isinstance(f, pw.ForeignKeyField)]
        return sorted(fks, key=lambda f: f.rel_model is self.model)


def branch_tables(tables: list[type[BaseModel]] | None = None) -> list[BranchTable]:
    """The branch tables of `tables` (default: every table of the schema), parents before children.

    Raises LookupError naming any table that neither belongs to a branch nor is listed in NOT_BRANCH_DATA.
    """
    if tables is None:
        tables = ALL_TABLES
    tables = [m for m in tables if m not in NOT_BRANCH_DATA]
    owned: dict[type[BaseModel], pw.ForeignKeyField | None] = {Branch: None}
    changed = True
    while changed:
        changed = False
        for model in tables:
            if model in owned:
                continue
            fks = [
                f
                for f in model._meta.sorted_fields
                if isinstance(f, pw.ForeignKeyField) and f.rel_model in owned and f.rel_model is not model
            ]
            if fks:
                direct = [f for f in fks if f.rel_model is Branch]
                owned[model] = (direct or fks)[0]
                changed = True
    stray = [m.__name__ for m in tables if m not in owned and m not in NOT_BRANCH_DATA]
    if stray:
        raise LookupError(f"tables neither owned by a branch nor listed in NOT_BRANCH_DATA: {', '.join(stray)}")
    return [BranchTable(m, owned[m]) for m in _parents_first([m for m in tables if m in owned])]


def _parents_first(models: list[type[BaseModel]]) -> list[type[BaseModel]]:
    """Tables in an order where every table comes after those its rows point to (by foreign key or by an id inside
    a text column), otherwise in the order given."""
    by_name = {m.__name__: m for m in models}
    placed: list[type[BaseModel]] = []

    def place(model: type[BaseModel], path: tuple = ()) -> None:
        if model in placed:
            return
        if model in path:
            raise LookupError(f"tables pointing at each other in a circle: {', '.join(m.__name__ for m in path)}")
        needs = [f.rel_model for f in model._meta.sorted_fields if isinstance(f, pw.ForeignKeyField)]
        needs += [by_name[n] for n in TEXT_REFERENCES.get(model.__name__, ()) if n in by_name]
        for parent in needs:
            if parent is not model and parent in models:
                place(parent, (*path, model))
        placed.append(model)

    for model in models:
        place(model)
    return placed


def rows_of_branch(table: BranchTable, tables: dict[type[BaseModel], BranchTable], branch_id: int) -> pw.Select:
    """The ids of the table's rows that belong to the branch: one query joining the owner keys up to `Branch` (not
    nested IN subqueries: peewee renders each of those twice, so their cost doubled with every level)."""
    model = table.model
    node: Any = model  # the model, then each owner's alias (peewee's ModelAlias)
    query, current = model.select(model._meta.primary_key), table
    depth = 0
    while current.owner is not None:
        parent = tables[current.owner.rel_model]
        depth += 1
        above = parent.model.alias(f"owner{depth}")
        on = getattr(node, current.owner.name) == getattr(above, _key_name(parent.model))
        query = query.join(above, on=on)
        current, node = parent, above
    return query.where(getattr(node, _key_name(current.model)) == branch_id)


def _key_name(model: type[BaseModel]) -> str:
    """The name of the model's primary key (every ChiBo table has one)."""
    key = model._meta.primary_key
    if key is False:
        raise TypeError(f"{model.__name__} has no primary key")
    return key.name


# --- ids inside text columns ---------------------------------------------------------------------------------------
# A mapping from (model name, old id) to the new id; member keys of the counting engine are str(member id).
IdMap = Callable[[str, int], int]


def _ballot_ids(text: str, member: Callable[[str], str]) -> str:
    """A ballot of the entry log (models.live_count.session.ballot_json) with its candidates' member keys mapped."""
    if not text:
        return text
    data = json.loads(text)
    if "keep" in data:
        data["keep"] = [member(key) for key in data["keep"]]
    if "marks" in data:
        data["marks"] = {member(key): mark for key, mark in data["marks"].items()}
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _result_ids(text: str, member: Callable[[str], str]) -> str:
    """A round's totals (models.congress.rounds.totals_json) with the candidates' member keys mapped."""
    if not text:
        return text
    data = json.loads(text)
    for key in ("votes", "disagree"):
        if key in data:
            data[key] = {member(k): v for k, v in data[key].items()}
    return json.dumps(data, ensure_ascii=False)


_DOCUMENT = re.compile(r"^(congress|round):(\d+):(.*)$", re.S)
_DOCUMENT_TABLES = {"congress": "Congress", "round": "ElectionRound"}


def _document_ids(text: str, ids: IdMap) -> str:
    """A numbered paper's name ("congress:3:attendance", "round:12:minutes") with its id mapped."""
    found = _DOCUMENT.match(text)
    if not found:
        return text
    kind, old, rest = found.groups()
    return f"{kind}:{ids(_DOCUMENT_TABLES[kind], int(old))}:{rest}"


def map_text_ids(model: type[BaseModel], column: str, text: str, ids: IdMap) -> str:
    """`text` of `model.column` with the ids it carries mapped (unchanged for a column that carries none)."""
    mapper = ID_TEXT_COLUMNS.get((model.__name__, column))
    return text if mapper is None or text is None else mapper(text, ids)


def map_id_columns(model: type[BaseModel], values: dict, ids: IdMap) -> None:
    """`values` (a row of `model`) with the ids of its integer id columns (ID_COLUMNS) mapped in place."""
    for (model_name, column), target in ID_COLUMNS.items():
        if model_name == model.__name__ and values.get(column) is not None:
            values[column] = ids(target, values[column])


def _candidate_key(key: str, ids: IdMap) -> str:
    """A candidate's engine key with its id mapped: a member's id, or the list row of a name that is not a member
    (models.congress.voters.non_member_key)."""
    if key.startswith(NON_MEMBER_PREFIX):
        return f"{NON_MEMBER_PREFIX}{ids('Summoned', int(key[len(NON_MEMBER_PREFIX) :]))}"
    return str(ids("Member", int(key)))


def _by_member(function):
    return lambda text, ids: function(text, lambda key: _candidate_key(key, ids))


ID_TEXT_COLUMNS: dict[tuple[str, str], Callable[[str, IdMap], str]] = {
    ("BallotEntry", "before"): _by_member(_ballot_ids),
    ("BallotEntry", "after"): _by_member(_ballot_ids),
    ("ElectionRound", "result"): _by_member(_result_ids),
    ("DocumentNumber", "document"): _document_ids,
}
# Integer columns holding another branch table's id without a foreign key (a meeting's vote names an applicant of
# the register, whose module the meetings' tables do not import): a move maps them like foreign keys.
ID_COLUMNS: dict[tuple[str, str], str] = {("MeetingVote", "applicant_id"): "Applicant"}
# Which tables the ids inside those text and integer columns point to: their rows must be copied first.
TEXT_REFERENCES = {
    "BallotEntry": ("Member", "Summoned"),
    "ElectionRound": ("Member", "Summoned"),
    "DocumentNumber": ("Congress", "ElectionRound"),
    "MeetingVote": ("Applicant",),
}
# Columns derived from ids, written again after a move: the entry log's SHA-256 chain starts from the round's id and
# covers the ballots (member keys), so it is verified before the move and sealed again after it (models.office.
# branch_copy); the round's record digest is the chain's last link.
CHAIN_COLUMNS = {("BallotEntry", "chain"), ("ElectionRound", "record_digest")}
