"""The roster a page at a time in A-B-C order, read straight into table rows: how a server's 500,000 members arrive.

Pages follow the index on (branch, name_sort, id) (keyset pagination: each page starts after the last key of the one
before), so the first page is the true top of the list and every later page goes below it. Only the columns a row
shows are read, and of the events only those the status rules read (models.roster.member_status) that still count
(not corrected, not voided); a member without such events gets the status its dates give, worked out once per kind
of dates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

import peewee as pw
from peewee import fn

from models.core.branch import of_current_branch
from models.core.partial_dates import year_only
from models.core.tables import db
from models.roster.event_kinds import LEAVING_KINDS, EventKind
from models.roster.member_status import END_KIND_OF, JOINING_KINDS, START_KIND_OF, MemberStatus, status_from_events
from models.roster.records import EventRecord, MemberRecord
from models.roster.roster import ROW_FIELDS, RosterRow, make_row
from models.roster.tables import Member, MemberEvent

FIRST_PAGE = 1_000  # a screenful many times over: on the screen in a few tens of milliseconds
PAGE = 50_000  # few pages: each reads the events table once (an index per member id loses to one scan of it)
# The kinds models.roster.member_status reads (not a discipline or a badge).
STATUS_KINDS = tuple(sorted({*JOINING_KINDS, *LEAVING_KINDS, EventKind.RECOGNISED, *END_KIND_OF, *START_KIND_OF}))
_DATED = tuple(i for i, key in enumerate(ROW_FIELDS) if key.endswith("_date"))
_COLUMNS = [getattr(Member, key) for key in ROW_FIELDS] + [Member.year_only_dates, Member.name_sort]


def pages_ready() -> bool:
    """Whether every member of the branch has its sort key, so pages come in A-B-C order (always, once the schema
    is v7, unless a program other than ChiBo wrote members)."""
    return not Member.select(Member.id).where(of_current_branch(Member) & Member.name_sort.is_null()).exists()


def loads_in_pages() -> bool:
    """Whether the roster tab reads this database in pages: a server's, with every sort key present. A SQLite
    file is read as before (every record at once, models.roster.members.member_chunks)."""
    return not isinstance(db.obj, pw.SqliteDatabase) and pages_ready()


def roster_pages(on: date, first: int = FIRST_PAGE, size: int = PAGE) -> Iterator[list[RosterRow]]:
    """The rows of every member of the current branch in A-B-C order (ties by id), `first` rows, then `size` a
    page; statuses on `on`. Stop iterating to stop reading."""
    after: tuple[bytes, int] | None = None
    statuses: dict[tuple[bool, bool], MemberStatus] = {}
    limit = first
    while True:
        query = Member.select(*_COLUMNS, _has_events(None), _has_events(on)).where(of_current_branch(Member))
        if after is not None:
            query = query.where(pw.Tuple(Member.name_sort, Member.id) > pw.Tuple(*after))
        values = _fetch(query.order_by(Member.name_sort, Member.id).limit(limit))
        if not values:
            return
        events = _status_events([row[0] for row in values if row[-2]])
        yield [_row(_plain(row[:-2]), events.get(row[0]), bool(row[-1]), on, statuses) for row in values]
        if len(values) < limit:
            return
        after, limit = (bytes(values[-1][-3]), values[-1][0]), size


def _has_events(recognised_by: date | None) -> pw.Node:
    """Whether a member has events that count of the status kinds other than a recognition (None), or a
    recognition on or before `recognised_by`: asked of the server per member through the index on
    member_event.member_id, so that most members need no event read at all."""
    event = MemberEvent.alias()
    if recognised_by is None:
        kinds = event.kind.in_([kind for kind in STATUS_KINDS if kind != EventKind.RECOGNISED])
    else:
        kinds = (event.kind == str(EventKind.RECOGNISED)) & (event.date <= recognised_by)
    counts = event.replaced_by.is_null() & event.voided_at.is_null()
    return fn.EXISTS(event.select(event.id).where((event.member == Member.id) & kinds & counts))


def _fetch(query) -> list[tuple]:
    sql, params = query.sql()
    return db.execute_sql(sql, params).fetchall()


def _day(value) -> date | None:
    """A date column's value: SQLite returns ISO text, PostgreSQL a date."""
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def _plain(row: tuple) -> tuple:
    """A selected row with dates as dates (year-only ones as such) and the key as bytes (PostgreSQL may give a
    memoryview)."""
    values = list(row)
    flagged = values[-2].split() if values[-2] else ()
    for i in _DATED:
        value = _day(values[i])
        values[i] = year_only(value.year) if value is not None and ROW_FIELDS[i] in flagged else value
    values[-1] = bytes(values[-1])
    return tuple(values)


def _status_events(member_ids: list[int]) -> dict[int, list[EventRecord]]:
    """The events that count and that the status rules read, of these members."""
    events: dict[int, list[EventRecord]] = defaultdict(list)
    columns = (MemberEvent.member, MemberEvent.id, MemberEvent.kind, MemberEvent.date, MemberEvent.end_date)
    for low in range(0, len(member_ids), 5_000):  # SQLite takes some 30,000 parameters at most
        query = MemberEvent.select(*columns).where(
            MemberEvent.member.in_(member_ids[low : low + 5_000])
            & MemberEvent.kind.in_(STATUS_KINDS)
            & MemberEvent.replaced_by.is_null()
            & MemberEvent.voided_at.is_null()
        )
        for member_id, event_id, kind, day, end in _fetch(query):
            events[member_id].append(EventRecord(kind, _day(day), end_date=_day(end), id=event_id, member_id=member_id))
    return events


def _row(values: tuple, events: list[EventRecord] | None, recognised: bool, on: date, statuses: dict) -> RosterRow:
    admission, official = values[4], values[5]
    if events:
        member = MemberRecord(values[1], values[2], values[3], admission, official_date=official)
        status = status_from_events(member, events, on)
    else:
        # Without events, or with only a recognition, the status depends on two facts (the admission reached,
        # official by then: the official date or a recognition): the rules are asked once for each pair and a
        # recognition stands in as the official date (`since`, which differs, is not shown in the table).
        facts = (admission is None or admission <= on, recognised or (official is not None and official <= on))
        status = statuses.get(facts)
        if status is None:
            stand_in = on if facts[1] else None
            status = statuses[facts] = status_from_events(MemberRecord("", "", None, admission, official_date=stand_in),
                                                          [], on)  # fmt: skip
    return make_row(values[: len(ROW_FIELDS)], status, values[-1])

