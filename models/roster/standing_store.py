"""The members' status spans (models.roster.standing_tables) kept in step with their records and events, and the
condition «on the roster on D» that the office's aggregate queries join on.

A member's spans are recomputed when the stamp stored with them differs from what the database holds now: another
branch, other admission or official dates, or a different count of events (all, still counting) or newest event.
Events are never edited in place (a correction adds an event and marks the old one; a void marks it), so a stamp
that matches means the spans do. The check is one grouped query; only the members it names are read.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import cast

import peewee as pw

from models.core.bulk import insert_rows
from models.core.row_deletes import delete_rows
from models.core.tables import db
from models.roster.event_kinds import EventKind
from models.roster.member_rules import effective_events
from models.roster.records import EventRecord, MemberRecord
from models.roster.standing_tables import MemberStanding, StandingStamp
from models.roster.standings import standings
from models.roster.tables import Member, MemberEvent

CHUNK = 10_000


def _changed(a: str, b: str) -> str:
    """SQL: the two nullable columns differ (either null and not the other, or both set and unequal)."""
    return f"(({a} IS NULL) <> ({b} IS NULL) OR {a} <> {b})"


def stale_members(branch_ids: Sequence[int] | None = None) -> dict[int, list[int]]:
    """branch id -> ids of its members whose spans are missing or out of date."""
    out: dict[int, list[int]] = {}
    for branch_id, member_id, _stamped in _stale_rows(branch_ids):
        out.setdefault(branch_id, []).append(member_id)
    return out


def _stale_rows(branch_ids: Sequence[int] | None) -> list[tuple]:
    """(branch id, member id, whether spans were written before) of every member whose spans are out of date."""
    where, params = "", []
    if branch_ids is not None:
        if not branch_ids:
            return []
        where = f"WHERE m.branch_id IN ({', '.join([db.param] * len(branch_ids))})"
        params = list(branch_ids)
    checks = " OR ".join(
        [
            "s.id IS NULL",
            "s.branch_id <> m.branch_id",
            _changed("s.admission_date", "m.admission_date"),
            _changed("s.official_date", "m.official_date"),
            "s.events <> COALESCE(e.n, 0)",
            "s.live_events <> COALESCE(e.live, 0)",
            "s.last_event <> COALESCE(e.last, 0)",
        ]
    )
    member, event, stamp = (t._meta.table_name for t in (Member, MemberEvent, StandingStamp))
    sql = f"""SELECT m.branch_id, m.id, s.id IS NOT NULL FROM {member} m
        LEFT JOIN {stamp} s ON s.member_id = m.id
        LEFT JOIN (SELECT e.member_id, e.branch_id, COUNT(*) AS n, MAX(e.id) AS last,
                          SUM(CASE WHEN e.replaced_by_id IS NULL AND e.voided_at IS NULL THEN 1 ELSE 0 END) AS live
                   FROM {event} e GROUP BY e.member_id, e.branch_id) e
               ON e.member_id = m.id AND e.branch_id = m.branch_id
        {where} {"AND" if where else "WHERE"} ({checks})"""
    return db.execute_sql(sql, params).fetchall()


def refresh_standings(branch_ids: Sequence[int] | None = None) -> int:
    """Recompute the spans of every member whose stamp is missing or out of date; returns how many were.

    A bulk pass: each chunk of members is read as the few columns the status rules look at (one query for the
    records, one for their events), their spans computed by models.roster.standings and written with their stamps
    in one transaction (COPY where the account may). Raises peewee's error when the database refuses the writes (a
    file opened read-only, an account allowed only to read a branch): the caller then counts from the records.
    """
    rows = _stale_rows(branch_ids)
    stamped = {member_id for _, member_id, before in rows if before}
    ids = sorted(member_id for _, member_id, _ in rows)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        with db.atomic():
            _write([i for i in chunk if i in stamped], _status_inputs(chunk))
    return len(ids)


def _status_inputs(ids: list[int]) -> list[tuple[int, MemberRecord]]:
    """(branch id, the member's record as far as the status rules read it: the admission and official dates and
    the events of the member's branch) of each member among `ids` (sorted) still present, in id order."""
    member, event = Member._meta.table_name, MemberEvent._meta.table_name
    # A dense run of ids is read as a range, else as a list of ids (either way only `ids` are kept).
    if ids[-1] - ids[0] < 2 * len(ids):
        where, params = f"BETWEEN {db.param} AND {db.param}", [ids[0], ids[-1]]
    else:
        where, params = f"IN ({', '.join([db.param] * len(ids))})", list(ids)
    wanted = set(ids)
    records: dict[int, tuple[int, MemberRecord]] = {}
    for member_id, branch_id, admitted, official in db.execute_sql(
        f"SELECT id, branch_id, admission_date, official_date FROM {member} WHERE id {where}", params
    ):
        if member_id in wanted:
            record = MemberRecord("", "", None, _day(admitted), official_date=_day(official), id=member_id)
            records[member_id] = (branch_id, record)
    for member_id, branch_id, event_id, kind, day, end, replaced_by, voided in db.execute_sql(
        f"SELECT member_id, branch_id, id, kind, date, end_date, replaced_by_id, voided_at FROM {event} "
        f"WHERE member_id {where}",
        params,
    ):
        found = records.get(member_id)
        if found is not None and found[0] == branch_id:
            found[1].events.append(
                EventRecord(
                    EventKind(kind),
                    cast(date, _day(day)),  # a NOT NULL column
                    end_date=_day(end),
                    id=event_id,
                    member_id=member_id,
                    replaced_by=replaced_by,
                    voided_at=_day(voided),
                )
            )
    return [records[i] for i in sorted(records)]


def _day(value) -> date | None:
    """A stored date as a date: PostgreSQL's driver gives dates, SQLite ISO text."""
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


_SPAN_COLUMNS = ("branch", "member", "start_day", "end_day", "code", "on_roster", "official", "exempted")
_STAMP_COLUMNS = ("branch", "member", "admission_date", "official_date", "events", "live_events", "last_event")


def _write(written: list[int], members: list[tuple[int, MemberRecord]]) -> None:
    """Replace the spans and stamps of `members` ((branch id, record) each; `written`: the ids that have some
    already). The spans are computed as they are sent: the server stores them meanwhile."""
    if written:
        delete_rows(MemberStanding, MemberStanding.member.in_(written))
        delete_rows(StandingStamp, StandingStamp.member.in_(written))
    spans = (
        (branch_id, member.id, span.start, span.end, span.code, span.current, span.official, span.exempted)
        for branch_id, member in members
        for span in standings(member)
    )
    insert_rows(MemberStanding, _SPAN_COLUMNS, spans)
    stamps = [
        (
            branch_id,
            member.id,
            member.admission_date,
            member.official_date,
            len(member.events),
            len(effective_events(member.events)),
            max((e.id or 0 for e in member.events), default=0),
        )
        for branch_id, member in members
    ]
    insert_rows(StandingStamp, _STAMP_COLUMNS, stamps)


def on_roster_on(day, standing: type[MemberStanding] = MemberStanding) -> pw.Expression:
    """The condition: this span of the member covers `day` (a date or a column) and has the member on the roster."""
    return (
        standing.on_roster
        & (standing.start_day.is_null() | (standing.start_day <= day))
        & (standing.end_day.is_null() | (standing.end_day > day))
    )
