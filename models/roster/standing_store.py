"""The members' status spans (models.roster.standing_tables) kept in step with their records and events, and the
condition «on the roster on D» that the office's aggregate queries join on.

A member's spans are recomputed when the stamp stored with them differs from what the database holds now: another
branch, other admission or official dates, or a different count of events (all, still counting) or newest event.
Events are never edited in place (a correction adds an event and marks the old one; a void marks it), so a stamp
that matches means the spans do. The check is one grouped query; only the members it names are read.
"""

from __future__ import annotations

from collections.abc import Sequence

import peewee as pw

from models.core.bulk import insert_rows
from models.core.row_deletes import delete_rows
from models.core.saved_ids import saved_id
from models.core.tables import db
from models.roster.member_rules import effective_events
from models.roster.members import members_with_ids
from models.roster.records import MemberRecord
from models.roster.standing_tables import MemberStanding, StandingStamp
from models.roster.standings import standings
from models.roster.tables import Member, MemberEvent

CHUNK = 5000


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

    Each chunk of members is one transaction. Raises peewee's error when the database refuses the writes (a file
    opened read-only, an account allowed only to read a branch): the caller then counts from the records.
    """
    rows = _stale_rows(branch_ids)
    branch_of = {member_id: branch_id for branch_id, member_id, _ in rows}
    stamped = {member_id for _, member_id, before in rows if before}
    ids = sorted(branch_of)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        with db.atomic():
            _write(branch_of, [i for i in chunk if i in stamped], members_with_ids(chunk, any_branch=True))
    return len(ids)


_SPAN_COLUMNS = ("branch", "member", "start_day", "end_day", "code", "on_roster", "official", "exempted")
_STAMP_COLUMNS = ("branch", "member", "admission_date", "official_date", "events", "live_events", "last_event")


def _write(branch_of: dict[int, int], written: list[int], members: list[MemberRecord]) -> None:
    """Replace the spans and stamps of `members` (`written`: the ids that have some already)."""
    if written:
        delete_rows(MemberStanding, MemberStanding.member.in_(written))
        delete_rows(StandingStamp, StandingStamp.member.in_(written))
    spans, stamps = [], []
    for member in members:
        branch_id = branch_of[saved_id(member)]
        for span in standings(member):
            spans.append(
                (branch_id, member.id, span.start, span.end, span.code, span.current, span.official, span.exempted)
            )
        live = effective_events(member.events)
        stamps.append(
            (
                branch_id,
                member.id,
                member.admission_date,
                member.official_date,
                len(member.events),
                len(live),
                max((e.id or 0 for e in member.events), default=0),
            )
        )
    insert_rows(MemberStanding, _SPAN_COLUMNS, spans)
    insert_rows(StandingStamp, _STAMP_COLUMNS, stamps)


def on_roster_on(day, standing: type[MemberStanding] = MemberStanding) -> pw.Expression:
    """The condition: this span of the member covers `day` (a date or a column) and has the member on the roster."""
    return (
        standing.on_roster
        & (standing.start_day.is_null() | (standing.start_day <= day))
        & (standing.end_day.is_null() | (standing.end_day > day))
    )
