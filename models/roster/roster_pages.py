"""The roster a page at a time in A-B-C order, read straight into table rows: how a server's 500,000 members arrive,
and a data file's too.

Pages follow the index on (branch, name_sort, id) (keyset pagination: each page starts after the last key of the one
before), so the first page is the true top of the list and every later page goes below it. Only the columns a row
shows are read, and of the events only those the status rules read (models.roster.member_status) that still count
(not corrected, not voided), and only of the members who have more than a recognition: the server says which; the
others get the status their dates give, worked out once per kind of dates.
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
PAGE = 50_000  # rows of a later page: a second or so of reading between two looks at «cancel»
# The kinds models.roster.member_status reads (not a discipline or a badge).
STATUS_KINDS = tuple(sorted({*JOINING_KINDS, *LEAVING_KINDS, EventKind.RECOGNISED, *END_KIND_OF, *START_KIND_OF}))
_DATED = tuple(i for i, key in enumerate(ROW_FIELDS) if key.endswith("_date"))
_TEXTS = tuple(
    ROW_FIELDS.index(key) for key in ("gender", "job_title", "occupation", "hometown", "ethnicity", "workplace")
)
_COLUMNS = [getattr(Member, key) for key in ROW_FIELDS] + [Member.year_only_dates, Member.name_sort]


def pages_ready() -> bool:
    """Whether every member of the branch has its sort key, so pages come in A-B-C order (always, once the schema
    is v7, unless a program other than ChiBo wrote members)."""
    return not Member.select(Member.id).where(of_current_branch(Member) & Member.name_sort.is_null()).exists()


def loads_in_pages() -> bool:
    """Whether the roster tab reads this database in pages, rows only: a data file as a server, whenever every
    sort key is present; otherwise every record at once (models.roster.members.member_chunks)."""
    return pages_ready()


def is_server() -> bool:
    """Whether the open database is a server's (the tab reads it on a worker thread; a file at once)."""
    return not isinstance(db.obj, pw.SqliteDatabase)


def roster_pages(on: date, first: int = FIRST_PAGE, size: int = PAGE) -> Iterator[list[RosterRow]]:
    """The rows of every member of the current branch in A-B-C order (ties by id), `first` rows, then `size` a
    page; statuses on `on`. Stop iterating to stop reading."""
    after: tuple[bytes, int] | None = None
    statuses: dict[tuple[bool, bool], MemberStatus] = {}
    shared: dict = {}
    limit = first
    # A server probes each member's events with the first page (it comes at once), then answers one grouped query
    # over the branch's events for the rest, faster than a probe per member; a file answers that query at once.
    marks = _all_marks(on) if isinstance(db.obj, pw.SqliteDatabase) else None
    columns = _COLUMNS if marks is not None else [*_COLUMNS, _events_mark(on)]
    while True:
        query = Member.select(*columns).where(of_current_branch(Member))
        if after is not None:
            query = query.where(pw.Tuple(Member.name_sort, Member.id) > pw.Tuple(*after))
        values = _fetch(query.order_by(Member.name_sort, Member.id).limit(limit))
        if not values:
            return
        if marks is None:
            marked = [(row[:-1], row[-1]) for row in values]
        else:
            marked = [(row, marks.get(row[0])) for row in values]
        events = _status_events([row[0] for row, mark in marked if mark == _READ_EVENTS])
        yield [
            _row(_plain(row, shared), events.get(row[0]), mark == _RECOGNISED_ONLY, on, statuses)
            for row, mark in marked
        ]
        if len(values) < limit:
            return
        last = marked[-1][0]
        after, limit = (bytes(last[-1]), last[0]), size
        if marks is None:
            marks, columns = _all_marks(on), _COLUMNS


_RECOGNISED_ONLY, _READ_EVENTS = 1, 2


def _mark(on: date, event) -> pw.Node:
    recognised = (event.kind == str(EventKind.RECOGNISED)) & (event.date <= on)
    return fn.MAX(pw.Case(None, [(recognised, _RECOGNISED_ONLY)], _READ_EVENTS))


def _counts(event) -> pw.Expression:
    return event.kind.in_(STATUS_KINDS) & event.replaced_by.is_null() & event.voided_at.is_null()


def _all_marks(on: date) -> dict[int, int]:
    """_events_mark of every member of the current branch that has such events, in one grouped query."""
    mine = Member.select(Member.id).where(of_current_branch(Member))
    query = (
        MemberEvent.select(MemberEvent.member, _mark(on, MemberEvent))
        .where(_counts(MemberEvent) & MemberEvent.member.in_(mine))
        .group_by(MemberEvent.member)
    )
    return dict(_fetch(query))


def _events_mark(on: date) -> pw.Node:
    """Per member, what its events that count of the status kinds need: none (NULL), only recognitions on or
    before `on` (1), or reading (2). One probe of the index on member_event.member_id per member, so that most
    members need no event read at all."""
    event = MemberEvent.alias()
    return event.select(_mark(on, event)).where((event.member == Member.id) & _counts(event))


def _fetch(query) -> list[tuple]:
    sql, params = query.sql()
    if not isinstance(db.obj, pw.PostgresqlDatabase):
        return _rows_of(db.execute_sql(sql, params))
    with db.atomic():
        # The planner would compile a page's query to machine code first (its estimate is high: a probe per
        # member), which costs more than running it.
        db.execute_sql("SET LOCAL jit = off")
        return _rows_of(db.execute_sql(sql, params))


def _rows_of(cursor) -> list[tuple]:
    """Every row, taken a few thousand at a time: the driver turns rows into Python values without letting
    other threads run, and the GUI thread must not wait for a whole page of them."""
    rows: list[tuple] = []
    while batch := cursor.fetchmany(2_000):
        rows += batch
    return rows


def _day(value) -> date | None:
    """A date column's value: SQLite returns ISO text, PostgreSQL a date."""
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def _plain(row: tuple, shared: dict) -> tuple:
    """A selected row with dates as dates (year-only ones as such) and the key as bytes (PostgreSQL may give a
    memoryview). Equal texts and dates become one object (`shared`): half a million members have a few dozen
    genders, places and jobs, and some ten thousand dates."""
    values = list(row)
    for i in _TEXTS:
        value = values[i]
        values[i] = shared.setdefault(value, value)
    flagged = values[-2]
    for i in _DATED:
        value = values[i]
        if value is None:
            continue
        day = shared.get(value)  # SQLite: ISO text; PostgreSQL: a date
        if day is None:
            day = shared[value] = date.fromisoformat(value[:10]) if isinstance(value, str) else value
        values[i] = year_only(day.year) if flagged and ROW_FIELDS[i] in flagged.split() else day
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
            on = _day(day)
            assert on is not None  # a NOT NULL column
            events[member_id].append(EventRecord(kind, on, end_date=_day(end), id=event_id, member_id=member_id))
    return events


def _row(values: tuple, events: list[EventRecord] | None, recognised: bool, on: date, statuses: dict) -> RosterRow:
    admission, official = values[4], values[5]
    status: MemberStatus | None
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
            status = statuses[facts] = status_from_events(
                MemberRecord("", "", None, admission, official_date=stand_in), [], on
            )
    return make_row(values[: len(ROW_FIELDS)], status, values[-1])
