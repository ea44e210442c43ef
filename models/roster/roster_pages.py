"""The roster a page at a time in A-B-C order, the values kept as read: how a server's 500,000 members arrive, and a
data file's too.

Pages come in the order of the index on (branch, name_sort, id), so the first page is the true top of the list and
every later page goes below it: a server's each start after the last key of the one before (keyset pagination), a
file's after the first come from one query sorting the rest. Only the columns a row shows are read, and of the
events only those the status rules read (models.roster.member_status) that still count (not corrected, not voided),
and only of the members who have more than a recognition: the database says which; the others get the status their
dates give. A status is worked out once per pair of facts the dates give (or per input of the rules), and the values
are kept as the driver gives them with each member's status and search text (models.roster.roster.RosterRows): a
row tuple is made only when the table shows it.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial
from itertools import compress, repeat
from operator import eq, itemgetter, or_

import peewee as pw
from peewee import fn

from models.core.branch import of_current_branch
from models.core.cycle_collection import cycle_collection_off
from models.core.partial_dates import year_only
from models.core.tables import db
from models.roster.event_kinds import LEAVING_KINDS, EventKind
from models.roster.member_status import (
    END_KIND_OF,
    JOINING_KINDS,
    START_KIND_OF,
    MemberStatus,
    status_from_events,
    status_inputs,
    status_of_inputs,
)
from models.roster.records import MemberRecord
from models.roster.roster import VALUE_FIELDS, Memo, RosterRows, SearchParts, search_texts, stored_date
from models.roster.tables import Member, MemberEvent

FIRST_PAGE = 1_000  # a screenful many times over: on the screen in a few tens of milliseconds
PAGE = 50_000  # rows of a later page: a second or so of reading between two looks at «cancel»
# The kinds models.roster.member_status reads (not a discipline or a badge).
STATUS_KINDS = tuple(sorted({*JOINING_KINDS, *LEAVING_KINDS, EventKind.RECOGNISED, *END_KIND_OF, *START_KIND_OF}))
_COLUMNS = [getattr(Member, key) for key in VALUE_FIELDS]
_FLAGS = VALUE_FIELDS.index("year_only_dates")


@contextmanager
def building_roster() -> Iterator[None]:
    """No cycle collection while a roster is built: each full one walks every object made so far (a second or more
    at 500,000 members, every thread waiting), and the rows hold no cycles (refcounting frees them). The roster
    then lives long, so later collections need not walk it (gc.freeze)."""
    with cycle_collection_off():
        try:
            yield
        finally:
            gc.freeze()


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


def roster_pages(
    on: date, first: int = FIRST_PAGE, size: int = PAGE, stop: Callable[[], bool] = bool
) -> Iterator[RosterRows]:
    """The rows of every member of the current branch in A-B-C order (ties by id), `first` rows, then `size` a
    page; statuses on `on`. Stop iterating to stop reading; `stop()`, asked before a server's next page is asked
    for, ends the pages too."""
    build = _PageRows(on)
    if not isinstance(db.obj, pw.SqliteDatabase):
        yield from _server_pages(build, first, size, stop)
        return
    # A file: the first page by the index (at once), the rest by one query reading the branch's rows in the order
    # they are stored and sorting them (the index's order would read the table's pages at random, each many times
    # over), streamed a page at a time. The events' marks and histories in one query before.
    marks, histories = _marks_and_histories(on, _fetch)
    values = _fetch(_page_query(_COLUMNS, None, first))
    yield build(values, marks, histories)
    if len(values) == first:
        rest = db.execute_sql(*_rest_query(_key_of(values[-1])).sql())
        yield from _built_pages(rest, size, partial(build, marks=marks, events=histories))


def _server_pages(build: _PageRows, first: int, size: int, stop: Callable[[], bool]) -> Iterator[RosterRows]:
    """A server's pages: the first with a probe of each member's events (it comes at once), the rest after one
    query over the branch's events (_marks_and_histories), faster than a probe per member. That query runs on a
    helper thread over a connection of its own, and each later page is read on another helper thread over this
    thread's connection, while the page before is turned into rows here: the server works on both while Python
    does."""
    values = _fetch(_page_query([*_COLUMNS, _events_mark(build.on)], None, first))
    yield build(values, None)
    if len(values) < first or stop():
        return
    from concurrent.futures import Future, ThreadPoolExecutor  # a server's alone: not loaded before a file's rows

    connection = db.connection()

    def read(sql: tuple[str, list]) -> list[tuple]:
        return _read(connection, sql)

    # Leaving waits for the reads under way.
    with ThreadPoolExecutor(1, "roster-marks") as marker, ThreadPoolExecutor(1, "roster-pages") as reader:
        marked = marker.submit(_marks_on_own_connection, build.on)
        coming: Future | None = reader.submit(read, _page_query(_COLUMNS, _key_of(values[-1]), size).sql())
        while coming is not None:
            values = coming.result()
            more = len(values) == size and not stop()
            coming = reader.submit(read, _page_query(_COLUMNS, _key_of(values[-1]), size).sql()) if more else None
            if values:
                yield build(values, *marked.result())


def _marks_on_own_connection(on: date) -> tuple[dict[int, int], dict[int, list[tuple]]]:
    """_marks_and_histories over this thread's own connection to the server, closed after."""
    try:
        return _marks_and_histories(on, _fetch)
    finally:
        if not db.obj.is_closed():
            db.obj.close()


def _key_of(values: tuple) -> tuple[bytes, int]:
    """The place in the A-B-C order of a row's values (sort key, id): the next page starts after it."""
    return bytes(values[len(_COLUMNS) - 1]), values[0]


def _page_query(columns: list, after: tuple[bytes, int] | None, limit: int) -> pw.Query:
    query = Member.select(*columns).where(of_current_branch(Member))
    if after is not None:
        query = query.where(pw.Tuple(Member.name_sort, Member.id) > pw.Tuple(*after))
    return query.order_by(Member.name_sort, Member.id).limit(limit)


def _rest_query(after: tuple[bytes, int]) -> pw.Query:
    """The rows after `after`, in the order of the index on (branch, name_sort, id) but not read through it: the
    unary + keeps SQLite from using that index (to order or to start after `after`), so it reads the branch's rows
    by the index on branch alone, in the table's order, and sorts them."""
    key, member_id = _unindexed(Member.name_sort), _unindexed(Member.id)
    query = Member.select(*_COLUMNS).where(of_current_branch(Member) & (pw.Tuple(key, member_id) > pw.Tuple(*after)))
    return query.order_by(key, member_id)


def _unindexed(column: pw.Field) -> pw.Node:
    return pw.NodeList((pw.SQL("+"), column), glue="")


_RECOGNISED_ONLY, _READ_EVENTS = 1, 2


def _mark(on: date, event) -> pw.Function:
    recognised = (event.kind == str(EventKind.RECOGNISED)) & (event.date <= on)
    return fn.MAX(pw.Case(None, [(recognised, _RECOGNISED_ONLY)], _READ_EVENTS))


def _counts(event) -> pw.Expression:
    return event.kind.in_(STATUS_KINDS) & event.replaced_by.is_null() & event.voided_at.is_null()


def _marks_and_histories(
    on: date, fetch: Callable[[pw.Query], list[tuple]]
) -> tuple[dict[int, int], dict[int, list[tuple]]]:
    """In one query: the _events_mark of the members of the current branch whose events change their status on
    `on` from what their dates give, and the events of those whose events must be read (as _status_events gives
    them). A recognition on or before `on` of a member whose official date is reached by then (most recognised
    members: not a year-only date) changes nothing and is left out, so the server sends a few tens of thousands
    of rows at 500,000 members, not a row per member with events."""
    mark = _mark(on, MemberEvent)
    official_given = (Member.official_date.is_null() | (Member.official_date > on)) | (Member.year_only_dates != "")
    marks = (
        MemberEvent.select(MemberEvent.member.alias("member_id"), mark.alias("mark"))
        .join(Member, on=MemberEvent.member == Member.id)
        .where(of_current_branch(Member) & _counts(MemberEvent))
        .group_by(MemberEvent.member)
        .having((mark == _READ_EVENTS) | (fn.MAX(pw.Case(None, [(official_given, 1)], 0)) == 1))
        .cte("marks")
    )
    event = MemberEvent.alias()
    reading = (marks.c.mark == _READ_EVENTS) & (event.member == marks.c.member_id) & _counts(event)
    query = (
        pw.Select([marks], [marks.c.member_id, marks.c.mark, event.kind, event.date, event.end_date])
        .join(event, pw.JOIN.LEFT_OUTER, on=reading)
        .order_by(marks.c.member_id, event.date, event.id)
        .with_cte(marks)
        .bind(db)
    )
    found, histories = {}, defaultdict(list)
    for member_id, member_mark, kind, day, end in fetch(query):
        found[member_id] = member_mark
        if kind is not None:
            histories[member_id].append((kind, day, end))
    return found, dict(histories)


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


_BATCH = 2_000


def _read(connection, sql: tuple[str, list]) -> list[tuple]:
    """A query's rows, read on a helper thread straight through the server connection given (peewee would open
    the thread a connection of its own), as _fetch reads them."""
    with connection.transaction(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(*sql)
        return _rows_of(cursor)


def _rows_of(cursor) -> list[tuple]:
    """Every row, taken a few thousand at a time: the driver turns rows into Python values without letting
    other threads run, and the GUI thread must not wait for a whole page of them."""
    rows: list[tuple] = []
    while batch := cursor.fetchmany(_BATCH):
        rows += batch
    return rows


def _built_pages(cursor, size: int, build: Callable[[list[tuple]], RosterRows]) -> Iterator[RosterRows]:
    """The cursor's rows made into roster rows (`build`), `size` at a time. Each batch is made into rows as soon
    as it is read (taken as _rows_of takes them), while its values are still in the processor's cache: a column
    at a time over a whole page would fetch every value from memory again for each column."""
    page = RosterRows()
    while batch := cursor.fetchmany(_BATCH):
        page += build(batch)
        while len(page) >= size:
            yield page[:size]
            page = page[size:]
    if page:
        yield page


def _status_events(member_ids: list[int], fetch: Callable[[pw.Query], list[tuple]] = _fetch) -> dict[int, list[tuple]]:
    """The events that count and that the status rules read, of these members: (kind, date, end date) in the
    order the rules take them (by date, then as saved)."""
    events: dict[int, list[tuple]] = defaultdict(list)
    columns = (MemberEvent.member, MemberEvent.kind, MemberEvent.date, MemberEvent.end_date)
    for low in range(0, len(member_ids), 5_000):  # SQLite takes some 30,000 parameters at most
        query = (
            MemberEvent.select(*columns)
            .where(MemberEvent.member.in_(member_ids[low : low + 5_000]) & _counts(MemberEvent))
            .order_by(MemberEvent.member, MemberEvent.date, MemberEvent.id)
        )
        for member_id, kind, day, end in fetch(query):
            events[member_id].append((kind, day, end))
    return events


class _PageRows:
    """Turns a page's selected values into rows (models.roster.roster.RosterRows: the values kept as read, with
    each member's status and search text). A status is worked out once per pair of facts its dates give (and, for
    the members whose events must be read, once per distinct input of the rules:
    models.roster.member_status.status_inputs), not once per member. Only the columns these need are taken out
    of the values, each by a map at C speed; a file's dates (ISO text) are read once per distinct text."""

    def __init__(self, on: date) -> None:
        self.on = on
        self.parts = SearchParts()
        self.dates = Memo(stored_date)
        self.stored_as_text = isinstance(db.obj, pw.SqliteDatabase)  # a server's driver gives dates
        self.by_facts = [self._of_facts(code) for code in range(4)]  # admitted (2) + official (1) -> status
        self.of_inputs = Memo(partial(status_of_inputs, on=on))  # member_status.status_inputs -> status

    def __call__(
        self, values: list[tuple], marks: dict[int, int] | None, events: dict[int, list[tuple]] | None = None
    ) -> RosterRows:
        """`values`: VALUE_FIELDS per member; `marks`: each member's _events_mark, or None when it is the value
        after those; `events`: those of the members whose events must be read (_status_events), read now when
        not given."""
        if not values:
            return RosterRows()
        ids = list(map(itemgetter(0), values))
        page_marks = list(map(itemgetter(len(VALUE_FIELDS)), values) if marks is None else map(marks.get, ids))
        admitted, official = list(map(itemgetter(4), values)), list(map(itemgetter(5), values))
        if self.stored_as_text:  # SQLite: each distinct date read now, so a bad one is refused with its page
            day = self.dates.__getitem__
            admitted, official = list(map(day, admitted)), list(map(day, official))
            set(map(day, map(itemgetter(3), values)))  # the birth dates: only checked
        on = self.on
        facts = [
            (a is None or a <= on) * 2 + (o is not None and o <= on) for a, o in zip(admitted, official, strict=True)
        ]
        # Official by then: the official date reached, or a recognition on or before (the mark says which).
        statuses = list(map(self.by_facts.__getitem__, map(or_, facts, map(_BY_MARK.get, page_marks))))
        for i in compress(range(len(values)), map(itemgetter(_FLAGS), values)):  # year-only dates: rare
            statuses[i] = self.by_facts[self._facts(*self._dates_of(values[i])) | _BY_MARK[page_marks[i]]]
        reading = list(compress(range(len(values)), map(eq, page_marks, repeat(_READ_EVENTS))))
        if events is None:
            events = _status_events([ids[i] for i in reading]) if reading else {}
        of_inputs, day = self.of_inputs.__getitem__, self.dates.__getitem__
        for i in reading:
            history = events.get(ids[i])
            if history:  # else its events changed meanwhile: as its dates say, like a member without any
                history = [(kind, day(when), day(end)) for kind, when, end in history]
                statuses[i] = of_inputs(status_inputs(*self._dates_of(values[i]), history, on))
        return RosterRows(values, statuses, search_texts(values, self.parts))

    def _dates_of(self, values: tuple) -> tuple[date | None, date | None]:
        """A member's admission and official dates, year-only ones as such."""
        day = self.dates.__getitem__
        admission, official = day(values[4]), day(values[5])
        if values[_FLAGS]:
            names = values[_FLAGS].split()
            admission = year_only(admission.year) if admission and "admission_date" in names else admission
            official = year_only(official.year) if official and "official_date" in names else official
        return admission, official

    def _facts(self, admission: date | None, official: date | None) -> int:
        """2 when the admission is reached on `on`, plus 1 when the official date is (as __call__ counts)."""
        return (admission is None or admission <= self.on) * 2 + (official is not None and official <= self.on)

    def _of_facts(self, code: int) -> MemberStatus:
        """Without events, or with only a recognition, the status depends on two facts (the admission reached,
        official by then: the official date or a recognition): the rules are asked once for each pair and a
        recognition stands in as the official date (`since`, which differs, is not shown in the table)."""
        on = self.on
        record = MemberRecord("", "", None, None if code & 2 else date.max, official_date=on if code & 1 else None)
        return status_from_events(record, [], on)


_BY_MARK = {None: 0, _RECOGNISED_ONLY: 1, _READ_EVENTS: 0}  # what a mark adds to the official fact
