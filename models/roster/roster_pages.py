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
from models.roster.roster import ROW_FIELDS, RosterRow, job_text, search_text
from models.roster.tables import Member, MemberEvent

FIRST_PAGE = 1_000  # a screenful many times over: on the screen in a few tens of milliseconds
PAGE = 50_000  # rows of a later page: a second or so of reading between two looks at «cancel»
# The kinds models.roster.member_status reads (not a discipline or a badge).
STATUS_KINDS = tuple(sorted({*JOINING_KINDS, *LEAVING_KINDS, EventKind.RECOGNISED, *END_KIND_OF, *START_KIND_OF}))
_DATED_NAMES = ("birth_date", "admission_date", "official_date")  # the dates of ROW_FIELDS, in its order
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
        yield _page_rows(marked, events, on, statuses, shared)
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


def _page_rows(
    marked: list[tuple[tuple, int | None]], events: dict[int, list[EventRecord]], on: date, statuses: dict, shared: dict
) -> list[RosterRow]:
    """The rows of a page's selected values (with each member's _events_mark). Dates become dates (year-only
    ones as such) and the key bytes (a driver may give a memoryview). Equal texts and dates become one object
    (`shared`): half a million members have a few dozen genders, places and jobs, and some ten thousand dates.

    One loop with the fields unpacked, no call per field: this is most of a server roster's load time."""
    texts, dates = shared.setdefault("texts", {}), shared.setdefault("dates", {})
    text, day_of = texts.setdefault, dates.get
    rows: list[RosterRow] = []
    append = rows.append
    for values, mark in marked:
        (member_id, full_name, gender, birth, admission, official, card_number) = values[:7]
        (job_title, occupation, hometown, ethnicity, workplace, phone, flagged, key) = values[7:]
        born, admitted, made_official = day_of(birth), day_of(admission), day_of(official)
        if born is None and birth is not None:
            born = dates[birth] = _day(birth)
        if admitted is None and admission is not None:
            admitted = dates[admission] = _day(admission)
        if made_official is None and official is not None:
            made_official = dates[official] = _day(official)
        if flagged:
            born, admitted, made_official = (
                year_only(d.year) if d is not None and name in flagged.split() else d
                for name, d in zip(_DATED_NAMES, (born, admitted, made_official), strict=True)
            )
        status = _status(member_id, full_name, gender, born, admitted, made_official, events, mark, on, statuses)
        gender, hometown, ethnicity, workplace = (
            text(gender, gender),
            text(hometown, hometown),
            text(ethnicity, ethnicity),
            text(workplace, workplace),
        )
        job = job_text(job_title, occupation)
        append(
            RosterRow(
                member_id,
                full_name,
                gender,
                born,
                admitted,
                made_official,
                status.is_official,
                status.code,
                status.label,
                status.is_current_member,
                card_number,
                job,
                hometown,
                ethnicity,
                workplace,
                phone,
                key if key.__class__ is bytes else bytes(key),
                search_text(full_name, card_number, job, hometown, workplace),
            )
        )
    return rows


def _status(member_id, full_name, gender, birth, admission, official, events, mark, on: date, statuses: dict):
    """A member's status on `on`: from its events when it has some to read (mark _READ_EVENTS), else from its
    dates, worked out once per pair of facts."""
    read = events.get(member_id) if mark == _READ_EVENTS else None
    if read:
        return status_from_events(MemberRecord(full_name, gender, birth, admission, official_date=official), read, on)
    # Without events, or with only a recognition, the status depends on two facts (the admission reached,
    # official by then: the official date or a recognition): the rules are asked once for each pair and a
    # recognition stands in as the official date (`since`, which differs, is not shown in the table).
    facts = (
        admission is None or admission <= on,
        mark == _RECOGNISED_ONLY or (official is not None and official <= on),
    )
    status = statuses.get(facts)
    if status is None:
        stand_in = on if facts[1] else None
        status = statuses[facts] = status_from_events(
            MemberRecord("", "", None, admission, official_date=stand_in), [], on
        )
    return status
