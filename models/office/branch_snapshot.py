"""A branch's rows as plain values with every id replaced by the row's place among its table's rows, so that two
copies of a branch on two databases can be compared field by field; and the entry log's chain, checked and sealed.

The chain of a round's entry log (models.live_count.session) starts from the round's id and covers the ballots, whose
candidates are member ids: it cannot survive new ids unchanged. A move therefore checks every link first (a log
changed outside ChiBo is refused), then seals the log again under its new ids; the snapshot shows each link as
whether it holds, and the round's record digest as whether it is the log's last link.
"""

from __future__ import annotations

from collections.abc import Iterable

import peewee as pw

from models.congress.tables import ElectionRound
from models.core.tables import dict_rows
from models.live_count.session import chain_head, chain_link
from models.live_count.tables import BallotEntry
from models.office.branch_tables import (
    CHAIN_COLUMNS,
    ID_COLUMNS,
    BranchTable,
    branch_tables,
    map_text_ids,
    rows_of_branch,
)


def chain_links(round_id: int, entries: Iterable[dict]) -> list[str]:
    """The chain a round's entries (dicts of BallotEntry columns, in `seq` order) should carry."""
    link, links = chain_head(round_id), []
    for e in entries:
        link = chain_link(
            link,
            e["seq"],
            e["pass_no"],
            e["ballot_no"],
            e["action"],
            e["before"],
            e["after"],
            e["entered_by"],
            e["entered_at"],
            e.get("scan", ""),
        )
        links.append(link)
    return links


def branch_rows(database: pw.Database, table: BranchTable, tables: dict, branch_id: int) -> list[dict]:
    """Every row of `table` belonging to the branch, as column dicts in id order."""
    model = table.model
    pk: pw.Field = model._meta.primary_key  # type: ignore[assignment]  # every branch table has one
    query = model.select().where(pk.in_(rows_of_branch(table, tables, branch_id))).order_by(pk)
    return list(dict_rows(query.bind(database)))


def snapshot(database: pw.Database, branch_id: int) -> dict[str, list[tuple]]:
    """Table name -> the branch's rows as tuples of (column, value), ids given as places (0, 1, …) in their table."""
    order = branch_tables()
    tables = {t.model: t for t in order}
    rows = {t.model: branch_rows(database, t, tables, branch_id) for t in order}
    places = {t.model.__name__: {row["id"]: i for i, row in enumerate(rows[t.model])} for t in order}

    def place(model_name: str, old: int) -> int:
        return places[model_name][old]

    holds: dict[int, bool] = {}
    last_link: dict[int, str] = {}
    entries = sorted(rows.get(BallotEntry, []), key=lambda e: (e["round"], e["seq"]))
    for round_id in dict.fromkeys(e["round"] for e in entries):
        mine = [e for e in entries if e["round"] == round_id]
        for entry, link in zip(mine, chain_links(round_id, mine), strict=True):
            holds[entry["id"]] = entry["chain"] == link
        last_link[round_id] = mine[-1]["chain"]
    out: dict[str, list[tuple]] = {}
    for t in order:
        model, name = t.model, t.model.__name__
        fks = {f.name: f.rel_model.__name__ for f in t.references}
        shaped = []
        for row in rows[model]:
            values = []
            for field in model._meta.sorted_fields:
                column, value = field.name, row[field.name]
                if field is model._meta.primary_key:
                    continue
                if column in fks and value is not None:
                    value = place(fks[column], value)
                elif (name, column) in ID_COLUMNS and value is not None:
                    value = place(ID_COLUMNS[(name, column)], value)
                elif (name, column) in CHAIN_COLUMNS:
                    value = _chain_state(model, row, holds, last_link, BallotEntry, ElectionRound)
                elif isinstance(value, str):
                    value = map_text_ids(model, column, value, place)
                elif isinstance(field, pw.BooleanField) and value is not None:
                    value = bool(value)
                values.append((column, value))
            shaped.append(tuple(values))
        out[t.name] = shaped
    return out


def _chain_state(model, row: dict, holds: dict, last_link: dict, entry_model, round_model) -> str:
    if model is entry_model:
        return "holds" if holds[row["id"]] else "BROKEN"
    digest = row["record_digest"]
    if not digest:
        return ""
    return "last link" if digest == last_link.get(row["id"]) else "OTHER"
